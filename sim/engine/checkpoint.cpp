// Checkpoint and resume of a run; see checkpoint.hpp.
#include "engine/checkpoint.hpp"

#include <algorithm>
#include <limits>
#include <sstream>
#include <utility>

#include "core/build_info.hpp"
#include "core/errors.hpp"

namespace gigsim {
namespace {

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

/// The parameters as text with the run length left out: two scenarios with the same text
/// simulate the same weeks identically.
std::string parameters_text(const Scenario& scenario) {
  Scenario parameters_only;
  parameters_only.params = scenario.params;
  parameters_only.params.run.weeks = 1;
  return render_toml(parameters_only, false);
}

std::string first_different_line(const std::string& a, const std::string& b) {
  std::istringstream left(a), right(b);
  std::string line_a, line_b, section;
  while (true) {
    const bool more_a = static_cast<bool>(std::getline(left, line_a));
    const bool more_b = static_cast<bool>(std::getline(right, line_b));
    if (!more_a && !more_b) return "";
    if (!more_a) line_a.clear();
    if (!more_b) line_b.clear();
    if (line_a != line_b) {
      return (section.empty() ? "" : section + " ") + "'" + line_a + "' against '" + line_b + "'";
    }
    if (!line_a.empty() && line_a.front() == '[') section = line_a;
  }
}

/// Events applied before `steps_done` (weeks simulated, burn-in included).
std::vector<const ScheduledEvent*> events_before(const Scenario& scenario,
                                                 std::int32_t steps_done) {
  std::vector<const ScheduledEvent*> applied;
  for (const ScheduledEvent& event : scenario.events) {
    if (event.week + scenario.params.run.burn_in_weeks < steps_done) applied.push_back(&event);
  }
  return applied;
}

/// file:line:column of each assignment applied before `steps_done`, in the order the /events
/// table lists them.
std::vector<std::string> applied_event_origins(const Scenario& scenario, std::int32_t steps_done) {
  std::vector<std::string> origins;
  for (const ScheduledEvent* event : events_before(scenario, steps_done)) {
    origins.insert(origins.end(), event->assignments.size(), event->origin);
  }
  return origins;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Simulation state

void Simulation::save_state(CheckpointWriter& writer) {
  save_market_state(writer, state_);
  save_history(writer, "simulation.last_week", RunHistory{{row_}, applied_events_});
  writer.put("simulation.panel_persons", panel_persons_);
  writer.put_value("simulation.panel_sampled", static_cast<std::uint8_t>(panel_sampled_));
  // Not saved: params_ (replayed from the scenario's events), clock_ (profiling only).
  writer.put_value("simulation.next_event", static_cast<std::uint64_t>(next_event_));
}

void Simulation::restore_state(CheckpointReader& reader) {
  restore_market_state(reader, state_);
  RunHistory carried = restore_history(reader, "simulation.last_week");
  if (carried.rows.size() != 1) {
    throw RuntimeFailure("checkpoint " + quoted(reader.path()) + ": no last metrics row");
  }
  row_ = std::move(carried.rows.front());
  applied_events_ = std::move(carried.events);
  // Events not yet written to the result file name the lines of this scenario (a branch may
  // inherit the same events from another file than the checkpointed run did).
  const std::vector<std::string> origins = applied_event_origins(scenario_, state_.week);
  if (origins.size() >= applied_events_.size()) {
    const std::size_t first = origins.size() - applied_events_.size();
    for (std::size_t e = 0; e < applied_events_.size(); ++e) {
      applied_events_[e].origin = origins[first + e];
    }
  }
  reader.get("simulation.panel_persons", panel_persons_);
  std::uint8_t panel_sampled = 0;
  reader.get_value("simulation.panel_sampled", panel_sampled);
  panel_sampled_ = panel_sampled != 0;
  std::uint64_t saved_next_event = 0;
  reader.get_value("simulation.next_event", saved_next_event);
  // The current parameters: the scenario's, changed by every event applied so far.
  params_ = scenario_.params;
  next_event_ = 0;
  const auto& events = scenario_.events;
  while (next_event_ < events.size() && events[next_event_].week + burn_in_weeks_ < state_.week) {
    for (const Assignment& assignment : events[next_event_].assignments) {
      assign_parameter(params_, assignment);
    }
    ++next_event_;
  }
  if (next_event_ != saved_next_event) {
    throw RuntimeFailure("checkpoint " + quoted(reader.path()) + ": " +
                         std::to_string(saved_next_event) + " event(s) were applied before week " +
                         std::to_string(weeks_done()) + ", the scenario has " +
                         std::to_string(next_event_));
  }
}

// ---------------------------------------------------------------------------------------------
// Files

void write_checkpoint(const std::filesystem::path& path, Simulation& simulation,
                      const RunHistory& history, const std::string& output_path) {
  CheckpointWriter writer(path);
  const Scenario& scenario = simulation.scenario();
  writer.put_text("run.scenario", render_toml(scenario, false));
  writer.put_text("run.scenario_origin", scenario.origin);
  std::vector<std::string> event_origins;
  for (const ScheduledEvent& event : scenario.events) event_origins.push_back(event.origin);
  writer.put_texts("run.event_origins", event_origins);
  writer.put_value("run.steps_done", simulation.steps_done());
  writer.put_text("run.output_path", output_path);
  writer.put_text("run.gigsim_version", std::string(version()) + " " + std::string(git_commit()));
  save_history(writer, "history", history);
  simulation.save_state(writer);
  writer.commit();
}

namespace {

CheckpointSummary read_summary(CheckpointReader& reader) {
  CheckpointSummary summary;
  const std::string origin = reader.get_text("run.scenario_origin");
  try {
    summary.scenario =
        load_scenario_text(reader.get_text("run.scenario"), "checkpoint " + quoted(reader.path()));
  } catch (const InputError& error) {
    throw InputError("checkpoint " + quoted(reader.path()) +
                     " holds a scenario this gigsim cannot read:\n" + error.what());
  }
  summary.scenario.origin = origin;
  // Event origins name the original file, as in the uninterrupted run's /events table.
  const std::vector<std::string> event_origins = reader.get_texts("run.event_origins");
  if (event_origins.size() != summary.scenario.events.size()) {
    throw RuntimeFailure("checkpoint " + quoted(reader.path()) + ": event list does not match");
  }
  for (std::size_t e = 0; e < event_origins.size(); ++e) {
    summary.scenario.events[e].origin = event_origins[e];
  }
  reader.get_value("run.steps_done", summary.steps_done);
  summary.weeks_done = summary.steps_done - summary.scenario.params.run.burn_in_weeks;
  summary.output_path = reader.get_text("run.output_path");
  reader.get_text("run.gigsim_version");
  return summary;
}

}  // namespace

CheckpointSummary read_checkpoint_summary(const std::filesystem::path& path) {
  CheckpointReader reader(path);
  return read_summary(reader);
}

void check_branch_compatible(const CheckpointSummary& checkpoint, const Scenario& scenario) {
  const std::string where = scenario.origin.empty() ? "the scenario" : scenario.origin;
  const std::string week = std::to_string(checkpoint.weeks_done);
  const std::string difference =
      first_different_line(parameters_text(checkpoint.scenario), parameters_text(scenario));
  if (!difference.empty()) {
    throw InputError(where +
                     " cannot continue this checkpoint: its parameters differ from the "
                     "checkpointed run's (" +
                     difference + ")");
  }
  const auto saved = events_before(checkpoint.scenario, checkpoint.steps_done);
  const auto given = events_before(scenario, checkpoint.steps_done);
  for (std::size_t e = 0; e < std::max(saved.size(), given.size()); ++e) {
    const bool same =
        e < saved.size() && e < given.size() && saved[e]->week == given[e]->week &&
        saved[e]->assignments.size() == given[e]->assignments.size() &&
        std::equal(saved[e]->assignments.begin(), saved[e]->assignments.end(),
                   given[e]->assignments.begin(), [](const Assignment& a, const Assignment& b) {
                     return a.key == b.key && a.value == b.value;
                   });
    if (!same) {
      const ScheduledEvent* event = e < given.size() ? given[e] : saved[e];
      throw InputError(where + " cannot continue this checkpoint at week " + week +
                       ": its events before that week differ from the checkpointed run's "
                       "(the event of week " +
                       std::to_string(event->week) + " at " + event->origin + ")");
    }
  }
}

std::int64_t shared_prefix_weeks(const Scenario& a, const Scenario& b) {
  if (parameters_text(a) != parameters_text(b)) return -1;
  std::int64_t weeks = std::min(a.params.run.weeks, b.params.run.weeks);
  const auto same = [](const ScheduledEvent& x, const ScheduledEvent& y) {
    return x.week == y.week && x.assignments.size() == y.assignments.size() &&
           std::equal(x.assignments.begin(), x.assignments.end(), y.assignments.begin(),
                      [](const Assignment& p, const Assignment& q) {
                        return p.key == q.key && p.value == q.value;
                      });
  };
  for (std::size_t e = 0; e < std::max(a.events.size(), b.events.size()); ++e) {
    if (e < a.events.size() && e < b.events.size() && same(a.events[e], b.events[e])) continue;
    std::int64_t differs = std::numeric_limits<std::int64_t>::max();
    if (e < a.events.size()) differs = std::min(differs, a.events[e].week);
    if (e < b.events.size()) differs = std::min(differs, b.events[e].week);
    weeks = std::min(weeks, differs);
    break;
  }
  return weeks < 0 ? -1 : weeks;  // a difference inside the burn-in shares nothing
}

RestoredRun restore_checkpoint(const std::filesystem::path& path, Scenario scenario) {
  CheckpointReader reader(path);
  const CheckpointSummary summary = read_summary(reader);
  check_branch_compatible(summary, scenario);
  RestoredRun restored;
  restored.history = restore_history(reader, "history");
  const std::vector<std::string> origins = applied_event_origins(scenario, summary.steps_done);
  for (std::size_t e = 0; e < restored.history.events.size() && e < origins.size(); ++e) {
    restored.history.events[e].origin = origins[e];
  }
  restored.simulation = std::make_unique<Simulation>(std::move(scenario));
  restored.simulation->restore_state(reader);
  reader.check_all_read();
  if (restored.simulation->steps_done() != summary.steps_done) {
    throw RuntimeFailure("checkpoint " + quoted(path) + ": inconsistent week");
  }
  return restored;
}

}  // namespace gigsim
