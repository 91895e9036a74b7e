// `gigsim run`: simulate one scenario into one result file.
//
// Order matters for what is left behind: everything that can reject the input (options,
// scenario, output path) and building the simulation happen before the result file exists, so
// bad input creates nothing; once the file exists, any failure marks it "failed" (engine/run).
#include <omp.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/stop_signals.hpp"
#include "cli/summary.hpp"
#include "core/errors.hpp"
#include "engine/checkpoint.hpp"
#include "engine/run.hpp"
#include "engine/simulation.hpp"
#include "io/run_file.hpp"

namespace po = boost::program_options;

namespace gigsim::cli {
namespace {

struct RunOptions {
  ScenarioOptions scenario;
  std::string output_path;
  bool force = false;
  bool quiet = false;
  bool profile = false;
  long long checkpoint_every = 0;
  std::string resume_path;
};

po::options_description run_options(RunOptions& options) {
  po::options_description description("run options");
  auto add = description.add_options();
  add("output,o", po::value(&options.output_path), "result file (HDF5)");
  add("force", po::bool_switch(&options.force), "overwrite a complete result file");
  add("quiet", po::bool_switch(&options.quiet), "no progress and no summary");
  add("profile", po::bool_switch(&options.profile), "print the wall time of each phase");
  add("checkpoint-every", po::value(&options.checkpoint_every),
      "save the whole state every N weeks to FILE.checkpoint");
  add("resume", po::value(&options.resume_path),
      "continue the run saved in this checkpoint (under SCENARIO if given)");
  options.scenario.add_to(description);
  return description;
}

std::string default_output_path(const std::string& scenario_path) {
  const std::string stem =
      scenario_path.empty() ? "baseline" : std::filesystem::path(scenario_path).stem().string();
  return (std::filesystem::path("results") / (stem + ".h5")).string();
}

RunInfo run_info(const Scenario& scenario) {
  RunInfo info;
  info.scenario_toml = render_toml(scenario, false);
  info.scenario_origin = scenario.origin;
  info.seed = scenario.params.run.seed;
  info.replicate = scenario.params.run.replicate;
  info.threads = omp_get_max_threads();
  info.planned_weeks = scenario.params.run.weeks;
  info.burn_in_weeks = scenario.params.run.burn_in_weeks;
  info.panel_size = scenario.params.run.panel_size;
  for (const CategoryParams& c : scenario.params.categories) info.category_names.push_back(c.name);
  return info;
}

/// Progress and ETA on one line of stderr, when it is a terminal.
void print_progress(const RunProgress& p) {
  const double eta = p.weeks_done > 0
                         ? p.seconds_elapsed * static_cast<double>(p.weeks_total - p.weeks_done) /
                               static_cast<double>(p.weeks_done)
                         : 0.0;
  // Burn-in weeks are counted apart from the recorded weeks, which are numbered as in the file.
  const bool burning_in = p.weeks_done < p.burn_in_weeks;
  const long long shown = burning_in ? p.weeks_done : p.weeks_done - p.burn_in_weeks;
  const long long of = burning_in ? p.burn_in_weeks : p.weeks_total - p.burn_in_weeks;
  std::fprintf(stderr, "\r%s %lld/%lld  %3.0f%% of the run  elapsed %.1fs  ETA %.1fs   ",
               burning_in ? "burn-in week" : "week", shown, of,
               100.0 * static_cast<double>(p.weeks_done) / static_cast<double>(p.weeks_total),
               p.seconds_elapsed, eta);
  if (p.weeks_done == p.weeks_total) std::fprintf(stderr, "\n");
}

/// What a failed run left in its result file, appended to the failure's message.
std::string partial_result_note(const std::string& output, const RunFileWriter& writer) {
  const std::string weeks =
      std::to_string(writer.rows_written()) + " week" + (writer.rows_written() == 1 ? "" : "s");
  if (writer.recorded_status() == RunStatus::failed) {
    return "\n'" + output + "' keeps the " + weeks + " written before the failure (status " +
           "\"failed\")";
  }
  return "\n'" + output + "' keeps the " + weeks + " written before the failure, but its " +
         "status could not be changed from \"" + run_status_name(writer.recorded_status()) +
         "\" to \"failed\"";
}

}  // namespace

int run_command(const Arguments& args) {
  RunOptions options;
  const po::options_description description = run_options(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  parse_command_line(args, description, positional, values);

  // --resume: continue a checkpoint, under its own scenario or under SCENARIO (engine/checkpoint).
  std::optional<CheckpointSummary> checkpoint;
  if (values.count("resume")) checkpoint = read_checkpoint_summary(options.resume_path);
  Scenario scenario = load_scenario_with_options(options.scenario, values,
                                                 checkpoint ? &checkpoint->scenario : nullptr);
  if (checkpoint) check_branch_compatible(*checkpoint, scenario);
  if (values.count("checkpoint-every") &&
      (options.checkpoint_every < 1 || options.checkpoint_every > 5200)) {
    throw InputError("--checkpoint-every " + std::to_string(options.checkpoint_every) +
                     ": must be between 1 and 5200 weeks");
  }
  // `-o ""` is a mistake to report, not a request for the default.
  const std::string output = values.count("output") ? options.output_path
                             : checkpoint           ? checkpoint->output_path
                                          : default_output_path(options.scenario.scenario_path);
  RunFileWriter::check_output_path(output, options.force);
  const RunInfo info = run_info(scenario);
  const CheckpointPlan checkpoints{options.checkpoint_every, output + ".checkpoint", output};
  RestoredRun restored;
  if (checkpoint) {
    restored = restore_checkpoint(options.resume_path, std::move(scenario));
  } else {
    restored.simulation = std::make_unique<Simulation>(std::move(scenario));
  }
  Simulation& simulation = *restored.simulation;

  const volatile std::sig_atomic_t* stop_signal = install_stop_signal_handlers();
  RunFileWriter writer(output, info, options.force);
  const bool show_progress = !options.quiet && isatty(STDERR_FILENO);
  RunOutcome outcome;
  try {
    outcome = run_simulation(
        simulation, writer, stop_signal,
        [&](const RunProgress& progress) {
          if (show_progress) print_progress(progress);
        },
        checkpoints, std::move(restored.history));
  } catch (const InputError& error) {
    throw InputError(error.what() + partial_result_note(output, writer));
  } catch (const std::exception& error) {
    throw RuntimeFailure(error.what() + partial_result_note(output, writer));
  }
  if (outcome.status == RunStatus::interrupted) {
    std::cerr << "\ngigsim: interrupted after week " << outcome.weeks_done << "; " << output
              << " holds the rows so far (status \"interrupted\")\n";
    return 128 + *stop_signal;
  }
  if (!options.quiet) {
    print_run_summary(std::cout, output, run_status_name(outcome.status), outcome, info.threads,
                      simulation.params());
  }
  if (options.profile) print_phase_profile(std::cout, simulation.phase_clock(), outcome);
  return kExitOk;
}

}  // namespace gigsim::cli
