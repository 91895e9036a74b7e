#pragma once
// DIR/manifest.json: the experiment and every run's state, rewritten atomically (temporary file
// and rename) whenever a run changes state, so that a reader never sees half a manifest and the
// manifest is true whenever the runner stops. Format (read by the analysis package):
// filetype "gigsim-experiment", format_version [1, 0], experiment_file, experiment (its text),
// gigsim_version, git_commit, created, updated, replicates, seed, sweep {method, points,
// parameters, lhs_seed}, scenarios [{name, path, overrides}], runs [{id, scenario, point,
// point_index, parameters, replicate, seed, status, wall_seconds, error, path}].
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "experiment/experiment_file.hpp"
#include "experiment/run_plan.hpp"

namespace gigsim {

enum class RunState { pending, running, complete, failed, interrupted };
const char* run_state_name(RunState state);

struct RunRecord {
  RunState state = RunState::pending;
  std::optional<double> wall_seconds;
  std::string error;
};

class Manifest {
 public:
  Manifest(const Experiment& experiment, const RunPlan& plan, std::filesystem::path directory);

  /// Takes over creation time and records of a manifest already in the directory. Throws
  /// InputError if it describes another experiment (other runs, scenarios or parameters).
  /// Returns false when there is none.
  bool adopt_existing();

  std::vector<RunRecord>& records() { return records_; }
  const std::vector<RunRecord>& records() const { return records_; }

  /// Writes manifest.json (temporary file + rename). Throws RuntimeFailure.
  void write();

  const std::filesystem::path& path() const { return path_; }

 private:
  const Experiment& experiment_;
  const RunPlan& plan_;
  std::filesystem::path path_;
  std::string created_;
  std::vector<RunRecord> records_;
};

/// The current time as ISO-8601 UTC ("2026-01-31T12:00:00Z").
std::string utc_now();

}  // namespace gigsim
