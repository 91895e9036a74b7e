// Checkpoint -> resume gives rows bit-identical to an uninterrupted run, for any thread count,
// and every member of the state is in the lists a checkpoint follows.
#include <omp.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <utility>

#include "core/errors.hpp"
#include "engine/checkpoint.hpp"
#include "io/checkpoint.hpp"
#include "small_market.hpp"

using namespace gigsim;
using namespace gigsim::testing;
using Catch::Matchers::Contains;

namespace {

// Number of members of an aggregate: the largest N for which T{x1, ..., xN} compiles, with x
// convertible to anything (the technique of Boost.PFR).
struct AnyMember {
  template <typename T>
  operator T() const;  // declared only: used in unevaluated contexts
};
template <typename T, typename... Members>
constexpr auto braces_work(int) -> decltype(T{std::declval<Members>()...}, true) {
  return true;
}
template <typename T, typename...>
constexpr bool braces_work(...) {
  return false;
}
template <typename T, std::size_t... I>
constexpr bool braces_work_with(std::index_sequence<I...>) {
  return braces_work<T, decltype((void)I, AnyMember{})...>(0);
}
template <typename T, std::size_t N = 0>
constexpr std::size_t member_count() {
  if constexpr (N > 80 || !braces_work_with<T>(std::make_index_sequence<N + 1>{})) {
    return N;
  } else {
    return member_count<T, N + 1>();
  }
}

template <typename Struct>
std::size_t listed_members(Struct& value) {
  std::size_t count = 0;
  value.for_each_member([&](const char*, auto&) { ++count; });
  return count;
}

/// The recorded rows of a run (burn-in weeks are simulated, not recorded).
std::vector<MetricsRow> recorded_rows(const Scenario& scenario) {
  Simulation simulation(scenario);
  std::vector<MetricsRow> rows;
  while (simulation.weeks_done() < scenario.params.run.weeks) {
    const MetricsRow& row = simulation.step();
    if (simulation.weeks_done() > 0) rows.push_back(row);
  }
  return rows;
}

std::filesystem::path temporary_path(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("gigsim-test-" + name);
}

/// Runs `scenario` with `threads`, checkpointing after `checkpoint_step` steps (burn-in
/// included), then resumes in a fresh simulation with `resume_threads` and finishes.
std::vector<MetricsRow> run_through_checkpoint(const Scenario& scenario,
                                               std::int32_t checkpoint_step, int threads,
                                               int resume_threads) {
  const auto path = temporary_path("resume.checkpoint");
  omp_set_num_threads(threads);
  RunHistory history;
  {
    Simulation simulation(scenario);
    while (simulation.steps_done() < checkpoint_step) {
      const MetricsRow& row = simulation.step();
      if (simulation.weeks_done() > 0) history.rows.push_back(row);
    }
    write_checkpoint(path, simulation, history, "unused.h5");
  }
  omp_set_num_threads(resume_threads);
  RestoredRun restored = restore_checkpoint(path, scenario);
  std::vector<MetricsRow> rows = std::move(restored.history.rows);
  Simulation& simulation = *restored.simulation;
  while (simulation.weeks_done() < scenario.params.run.weeks) {
    const MetricsRow& row = simulation.step();
    if (simulation.weeks_done() > 0) rows.push_back(row);
  }
  omp_set_num_threads(omp_get_num_procs());
  std::filesystem::remove(path);
  return rows;
}

Scenario checkpoint_market() {
  // More agents than one reduction chunk (4096), a burn-in, and an event after the checkpoint.
  Scenario scenario =
      small_market({"run.burn_in_weeks=8", "market.matching=skill_fit"}, 9000, 900, 30);
  Scenario with_event =
      load_scenario_text(render_toml(scenario, false) +
                             "\n[[events]]\nweek = 20\nset = { \"fees.flat_rate\" = 0.05, "
                             "\"fees.schedule\" = \"flat\" }\n",
                         "checkpoint-market.toml");
  return with_event;
}

}  // namespace

TEST_CASE("Every member of the state is in the lists checkpoints follow", "[checkpoint]") {
  // A member added to a store or to the market state without adding it to its list fails
  // here (and makes a resumed run differ from an uninterrupted one).
  MarketState state;
  CHECK(member_count<MarketState>() == listed_members(state));
  CHECK(member_count<Proposals>() == listed_members(state.proposals));
  CHECK(member_count<WeekTally>() == listed_members(state.tally));
  std::size_t freelancer_arrays = 1;  // slots
  state.freelancers.for_each_agent_array([&](auto&, auto) { ++freelancer_arrays; });
  state.freelancers.for_each_contract_array([&](auto&, auto) { ++freelancer_arrays; });
  CHECK(member_count<Freelancers>() == freelancer_arrays);
  std::size_t client_arrays = 0;
  state.clients.for_each_array([&](auto&, auto) { ++client_arrays; });
  CHECK(member_count<Clients>() == client_arrays);
  std::size_t job_arrays = 1;  // category_begin
  Jobs::for_each_array([&](auto&) { ++job_arrays; }, state.jobs);
  CHECK(member_count<Jobs>() == job_arrays);
  // save_history writes these four members of a row: market, by_category, distributions, panel.
  CHECK(member_count<MetricsRow>() == 4);
  MarketSignals signals;
  CHECK(member_count<MarketSignals>() == listed_members(signals));
  SignalScratch scratch;
  CHECK(member_count<SignalScratch>() == listed_members(scratch));
  CHECK(member_count<AiState>() == listed_members(state.ai));
}

TEST_CASE("Checkpoint then resume gives the uninterrupted run's rows for any thread count",
          "[checkpoint]") {
  const Scenario scenario = checkpoint_market();
  omp_set_num_threads(1);
  const std::vector<MetricsRow> uninterrupted = recorded_rows(scenario);
  omp_set_num_threads(omp_get_num_procs());
  REQUIRE(uninterrupted.size() == 30);
  SECTION("after recorded week 12, resumed with 2 threads") {
    CHECK(identical_rows(uninterrupted, run_through_checkpoint(scenario, 8 + 12, 1, 2)));
  }
  SECTION("inside the burn-in, written with 2 threads, resumed with 1") {
    CHECK(identical_rows(uninterrupted, run_through_checkpoint(scenario, 5, 2, 1)));
  }
  SECTION("after the event of week 20, resumed with 3 threads") {
    CHECK(identical_rows(uninterrupted, run_through_checkpoint(scenario, 8 + 25, 2, 3)));
  }
}

TEST_CASE("A checkpoint refuses a scenario that differs before its week", "[checkpoint]") {
  const Scenario scenario = checkpoint_market();
  const auto path = temporary_path("branch.checkpoint");
  {
    Simulation simulation(scenario);
    while (simulation.weeks_done() < 15) simulation.step();
    write_checkpoint(path, simulation, {}, "unused.h5");
  }
  const CheckpointSummary summary = read_checkpoint_summary(path);
  CHECK(summary.weeks_done == 15);
  CHECK(summary.steps_done == 23);

  Scenario other_fee = scenario;
  apply_set_option(other_fee, "fees.client_rate=0.01");
  try {
    check_branch_compatible(summary, other_fee);
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK_THAT(error.what(), Contains("its parameters differ"));
    CHECK_THAT(error.what(), Contains("client_rate"));
  }
  // An event at week 10 (before 15) that the checkpointed run did not have.
  Scenario early_event =
      load_scenario_text(render_toml(scenario, false) +
                             "\n[[events]]\nweek = 10\nset = { \"market.bid_cost_usd\" = 0.3 }\n",
                         "early.toml");
  try {
    check_branch_compatible(summary, early_event);
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK_THAT(error.what(), Contains("events before that week differ"));
    CHECK_THAT(error.what(), Contains("early.toml:"));
  }
  // A longer run and an extra event from week 15 on are fine: they only change what follows.
  Scenario later_event =
      load_scenario_text(render_toml(scenario, false) +
                             "\n[[events]]\nweek = 15\nset = { \"market.bid_cost_usd\" = 0.3 }\n",
                         "later.toml");
  apply_set_option(later_event, "run.weeks=50");
  CHECK_NOTHROW(check_branch_compatible(summary, later_event));
  std::filesystem::remove(path);
}

TEST_CASE("Shared prefix weeks: the first week two scenarios' events differ", "[checkpoint]") {
  const Scenario base = small_market({}, 500, 50, 40);
  const auto with_events = [&](const std::string& events) {
    return load_scenario_text(render_toml(base, false) + events, "events.toml");
  };
  const std::string fee_at_20 = "\n[[events]]\nweek = 20\nset = { \"fees.flat_rate\" = 0.05 }\n";
  const std::string bid_at_30 =
      "\n[[events]]\nweek = 30\nset = { \"market.bid_cost_usd\" = 0.3 }\n";
  // No events either side: identical for the whole 40 weeks.
  CHECK(shared_prefix_weeks(base, base) == 40);
  // One event at 20: identical before it.
  CHECK(shared_prefix_weeks(base, with_events(fee_at_20)) == 20);
  // Same first event, second differs at 30.
  CHECK(shared_prefix_weeks(with_events(fee_at_20), with_events(fee_at_20 + bid_at_30)) == 30);
  // Different run lengths share the shorter one.
  Scenario shorter = base;
  apply_set_option(shorter, "run.weeks=25");
  CHECK(shared_prefix_weeks(base, shorter) == 25);
  // Different parameters share nothing.
  Scenario other = base;
  apply_set_option(other, "market.bid_cost_usd=0.9");
  CHECK(shared_prefix_weeks(base, other) == -1);
}

TEST_CASE("A checkpoint with a member this build does not know is refused", "[checkpoint]") {
  const Scenario scenario = small_market({}, 300, 30, 5);
  const auto path = temporary_path("extra.checkpoint");
  Simulation simulation(scenario);
  simulation.step();
  {
    // What write_checkpoint writes, plus one member more.
    CheckpointWriter writer(path);
    writer.put_text("run.scenario", render_toml(scenario, false));
    writer.put_text("run.scenario_origin", scenario.origin);
    writer.put_texts("run.event_origins", {});
    writer.put_value("run.steps_done", simulation.steps_done());
    writer.put_text("run.output_path", "x.h5");
    writer.put_text("run.gigsim_version", "test");
    save_history(writer, "history", {});
    simulation.save_state(writer);
    writer.put_value("state.member_of_a_newer_build", 1.0);
    writer.commit();
  }
  try {
    restore_checkpoint(path, scenario);
    FAIL("expected a RuntimeFailure");
  } catch (const RuntimeFailure& error) {
    CHECK_THAT(error.what(), Contains("state.member_of_a_newer_build"));
    CHECK_THAT(error.what(), Contains("unknown to this build"));
  }
  std::filesystem::remove(path);
}
