// The experiment command; see experiment_command.hpp.
#include "cli/experiment_command.hpp"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "core/errors.hpp"
#include "experiment/child_process.hpp"
#include "experiment/experiment_file.hpp"
#include "experiment/manifest.hpp"
#include "experiment/run_plan.hpp"
#include "experiment/runner.hpp"
#include "experiment/schedule.hpp"
#ifdef GIGSIM_WITH_MPI
#include "experiment/mpi_runner.hpp"
#endif

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace gigsim::cli {
namespace {

volatile std::sig_atomic_t g_experiment_stop = 0;

extern "C" void request_experiment_stop(int) { g_experiment_stop = 1; }

struct ExperimentOptions {
  std::string file;
  std::string directory;
  int jobs = 0;
  bool dry_run = false;
  std::string shard;  // "I/N"
};

/// `--shard I/N`: 0 <= I < N.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  const auto fail = [&] {
    return InputError("--shard " + text +
                      ": expected I/N with 0 <= I < N, e.g. --shard "
                      "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) throw fail();
  try {
    std::size_t used_index = 0, used_count = 0;
    const long long index = std::stoll(text.substr(0, slash), &used_index);
    const long long count = std::stoll(text.substr(slash + 1), &used_count);
    if (used_index != slash || used_count != text.size() - slash - 1 || index < 0 || count < 1 ||
        index >= count) {
      throw fail();
    }
    return {static_cast<std::size_t>(index), static_cast<std::size_t>(count)};
  } catch (const std::logic_error&) {
    throw fail();
  }
}

ExperimentOptions parse_options(const std::vector<std::string>& args) {
  ExperimentOptions options;
  po::options_description description("experiment options");
  description.add_options()("output,o", po::value(&options.directory), "experiment directory")(
      "jobs", po::value(&options.jobs), "runs side by side (default: from the cores)")(
      "dry-run", po::bool_switch(&options.dry_run), "print the runs without running them")(
      "shard", po::value(&options.shard), "run only shard I/N of the tasks (Slurm arrays)")(
      "file", po::value(&options.file), "experiment file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(description).positional(positional).run(),
              values);
    po::notify(values);
  } catch (const po::error& error) {
    throw InputError(std::string(error.what()) + " (see gigsim --help)");
  }
  if (options.file.empty()) {
    throw InputError("experiment: missing the experiment FILE (see gigsim --help)");
  }
  if (options.directory.empty() && !options.dry_run) {
    throw InputError("experiment: missing -o DIR, the directory for the runs and the manifest");
  }
  if (values.count("jobs") && (options.jobs < 1 || options.jobs > 4096)) {
    throw InputError("--jobs " + std::to_string(options.jobs) + ": must be between 1 and 4096");
  }
  return options;
}

std::string join_arguments(const std::vector<std::string>& arguments) {
  std::string line = "gigsim";
  for (const std::string& argument : arguments) {
    const bool plain = argument.find_first_of(" \"'$\\") == std::string::npos;
    line += " " + (plain ? argument : "'" + argument + "'");
  }
  return line;
}

void print_dry_run(const Experiment& experiment, const RunPlan& plan,
                   const ExperimentOptions& options, const Parallelism& parallelism) {
  const std::string directory = options.directory.empty() ? "DIR" : options.directory;
  std::cout << experiment.origin << ": " << plan.runs.size() << " runs ("
            << experiment.scenarios.size() << " scenarios x " << plan.points << " points x "
            << experiment.replicates << " replicates), " << parallelism.jobs << " at a time x "
            << parallelism.threads_per_run << " threads";
  if (!plan.groups.empty()) {
    std::cout << "; " << plan.groups.size() << " shared prefixes simulated once";
  }
  std::cout << "\n";
  Manifest manifest(experiment, plan, directory);
  ExperimentSchedule schedule(experiment, plan, manifest, directory, parallelism.threads_per_run);
  for (std::size_t g = 0; g < plan.groups.size(); ++g) {
    const BranchGroup& group = plan.groups[g];
    std::cout << "prefix " << group.prefix_path << ": weeks 0-" << group.weeks - 1 << ", shared by";
    for (std::size_t run : group.runs) std::cout << " " << plan.runs[run].id;
    std::cout << "\n  " << join_arguments(schedule.command({Task::Kind::prefix, g}).arguments)
              << "\n";
  }
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const PlannedRun& run = plan.runs[i];
    std::cout << run.id << "  seed " << run.seed << ", replicate " << run.replicate;
    for (const auto& [key, value] : run.parameters)
      std::cout << ", " << key << " = " << value.set_text();
    if (run.group >= 0) {
      std::cout << ", from the prefix at week "
                << plan.groups[static_cast<std::size_t>(run.group)].weeks;
    }
    std::cout << "\n  " << join_arguments(schedule.command({Task::Kind::run, i}).arguments) << "\n";
  }
}

}  // namespace

int experiment_command(const std::vector<std::string>& args) {
  const ExperimentOptions options = parse_options(args);
  const Experiment experiment = load_experiment_file(options.file);
  const RunPlan plan = plan_experiment(experiment);
  const Parallelism parallelism =
      choose_parallelism(available_cores(), plan.runs.size() + plan.groups.size(), options.jobs);
  if (options.dry_run) {
    print_dry_run(experiment, plan, options, parallelism);
    return 0;
  }
  const fs::path directory(options.directory);
  std::optional<std::pair<std::size_t, std::size_t>> shard;
  if (!options.shard.empty()) shard = parse_shard(options.shard);
#ifdef GIGSIM_WITH_MPI
  if (mpi_world_size() > 1) {
    if (shard) throw InputError("--shard is for Slurm arrays; under MPI the ranks share the runs");
    return run_experiment_mpi(experiment, plan, directory, options.jobs, &g_experiment_stop,
                              request_experiment_stop);
  }
#endif
  Manifest manifest(experiment, plan, directory);
  bool resumed = false;
  if (!shard) {
    check_experiment_directory(directory);
    resumed = manifest.adopt_existing();
  }
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) {
    throw InputError("cannot create experiment directory '" + directory.string() +
                     "': " + error.message());
  }
  ExperimentSchedule schedule(experiment, plan, manifest, directory, parallelism.threads_per_run);
  if (shard) schedule.restrict_to_shard(shard->first, shard->second);
  schedule.prepare();

  std::signal(SIGINT, request_experiment_stop);
  std::signal(SIGTERM, request_experiment_stop);
  std::cerr << "gigsim experiment: " << schedule.total_runs() << " runs";
  if (shard) std::cerr << " (shard " << options.shard << " of " << plan.runs.size() << ")";
  if (resumed || schedule.already_complete() > 0) {
    std::cerr << " (" << schedule.already_complete() << " already complete)";
  }
  std::cerr << ", " << parallelism.jobs << " at a time x " << parallelism.threads_per_run
            << " threads";
  if (schedule.prefixes_to_run() > 0) {
    std::cerr << ", " << schedule.prefixes_to_run() << " shared prefixes";
  }
  std::cerr << " -> " << directory.string() << "\n";
  ExperimentProgress progress(schedule.total_runs(), schedule.already_complete(),
                              isatty(STDERR_FILENO));
  const RunnerOutcome outcome =
      run_locally(schedule, parallelism.jobs, &g_experiment_stop, progress);

  if (shard) {
    std::cerr << "gigsim experiment: shard " << options.shard << " leaves the manifest alone; run "
              << "the experiment once more without --shard to record every run\n";
  }
  return summarize_experiment(schedule, outcome, manifest.path(), schedule.total_runs());
}

}  // namespace gigsim::cli
