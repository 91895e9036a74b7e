// The experiment manifest; see manifest.hpp.
#include "experiment/manifest.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "core/build_info.hpp"
#include "core/errors.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr const char* kFiletype = "gigsim-experiment";

json to_json(const ParameterValue& value) {
  switch (value.kind) {
    case ParameterValue::Kind::integer:
      return static_cast<std::int64_t>(value.number);
    case ParameterValue::Kind::boolean:
      return value.number != 0.0;
    case ParameterValue::Kind::text:
      return value.text;
    case ParameterValue::Kind::real:
      break;
  }
  return value.number;
}

json scenarios_json(const Experiment& experiment) {
  json scenarios = json::array();
  for (const ExperimentScenario& scenario : experiment.scenarios) {
    json overrides = json::object();
    for (const Override& o : experiment.overrides) overrides[o.key] = to_json(o.value);
    for (const Override& o : scenario.overrides) overrides[o.key] = to_json(o.value);
    scenarios.push_back({{"name", scenario.name},
                         {"path", scenario.path.lexically_normal().string()},
                         {"overrides", overrides}});
  }
  return scenarios;
}

/// The fields of a run that identify it (what it simulates), without its state.
json run_identity(const Experiment& experiment, const PlannedRun& run) {
  json parameters = json::object();
  for (const auto& [key, value] : run.parameters) parameters[key] = to_json(value);
  return {{"id", run.id},
          {"scenario", experiment.scenarios[run.scenario_index].name},
          {"point", run.point},
          {"point_index", run.point_index},
          {"parameters", parameters},
          {"replicate", run.replicate},
          {"seed", run.seed},
          {"path", run.path}};
}

std::optional<RunState> state_named(const std::string& name) {
  for (RunState state : {RunState::pending, RunState::running, RunState::complete, RunState::failed,
                         RunState::interrupted}) {
    if (name == run_state_name(state)) return state;
  }
  return std::nullopt;
}

}  // namespace

const char* run_state_name(RunState state) {
  switch (state) {
    case RunState::pending:
      return "pending";
    case RunState::running:
      return "running";
    case RunState::complete:
      return "complete";
    case RunState::failed:
      return "failed";
    case RunState::interrupted:
      return "interrupted";
  }
  return "failed";
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Manifest::Manifest(const Experiment& experiment, const RunPlan& plan, fs::path directory)
    : experiment_(experiment),
      plan_(plan),
      path_(std::move(directory) / "manifest.json"),
      created_(utc_now()),
      records_(plan.runs.size()) {}

bool Manifest::adopt_existing() {
  std::error_code error;
  if (!fs::exists(path_, error)) return false;
  const std::string where = "'" + path_.string() + "'";
  json old;
  try {
    std::ifstream file(path_);
    old = json::parse(file);
  } catch (const json::exception& parse_error) {
    throw InputError(where + " is not a readable experiment manifest (" + parse_error.what() +
                     "); use another output directory");
  }
  const auto another = [&](const std::string& why) {
    return InputError(where + " describes another experiment (" + why +
                      "); use another output directory (-o), or remove this one");
  };
  if (!old.is_object() || old.value("filetype", "") != kFiletype) {
    throw InputError(where + " is not a gigsim experiment manifest; use another output directory");
  }
  if (old.value("scenarios", json()) != scenarios_json(experiment_)) {
    throw another("its scenarios or overrides differ");
  }
  const json& runs = old.value("runs", json());
  if (!runs.is_array() || runs.size() != plan_.runs.size())
    throw another("its number of runs differs");
  for (std::size_t i = 0; i < plan_.runs.size(); ++i) {
    const json identity = run_identity(experiment_, plan_.runs[i]);
    for (const auto& [field, value] : identity.items()) {
      if (!runs[i].contains(field) || runs[i][field] != value) {
        throw another("run " + std::to_string(i) + " (" + plan_.runs[i].id + ") differs in " +
                      field);
      }
    }
    RunRecord& record = records_[i];
    record.state = state_named(runs[i].value("status", "pending")).value_or(RunState::pending);
    if (runs[i].contains("wall_seconds") && runs[i]["wall_seconds"].is_number()) {
      record.wall_seconds = runs[i]["wall_seconds"].get<double>();
    }
    record.error = runs[i].value("error", "");
  }
  created_ = old.value("created", created_);
  return true;
}

void Manifest::write() {
  json sweep_parameters = json::array();
  for (const SweepParameter& parameter : experiment_.sweep.parameters) {
    sweep_parameters.push_back(parameter.key);
  }
  json runs = json::array();
  for (std::size_t i = 0; i < plan_.runs.size(); ++i) {
    json run = run_identity(experiment_, plan_.runs[i]);
    const RunRecord& record = records_[i];
    run["status"] = run_state_name(record.state);
    run["wall_seconds"] = record.wall_seconds ? json(*record.wall_seconds) : json(nullptr);
    run["error"] = record.error;
    runs.push_back(std::move(run));
  }
  const bool lhs = experiment_.sweep.method == SweepMethod::lhs;
  json manifest = {{"filetype", kFiletype},
                   {"format_version", {1, 0}},
                   {"experiment_file", experiment_.origin},
                   {"experiment", experiment_.text},
                   {"gigsim_version", std::string(version())},
                   {"git_commit", std::string(git_commit())},
                   {"created", created_},
                   {"updated", utc_now()},
                   {"replicates", experiment_.replicates},
                   {"seed", experiment_.seed},
                   {"sweep",
                    {{"method", sweep_method_name(experiment_.sweep.method)},
                     {"points", plan_.points},
                     {"parameters", sweep_parameters},
                     {"lhs_seed", lhs ? json(experiment_.sweep.seed) : json(nullptr)}}},
                   {"scenarios", scenarios_json(experiment_)},
                   {"runs", runs}};

  const fs::path temporary = path_.string() + ".tmp";
  {
    std::ofstream file(temporary, std::ios::trunc);
    file << manifest.dump(1) << "\n";
    file.flush();
    if (!file)
      throw RuntimeFailure("cannot write experiment manifest '" + temporary.string() + "'");
  }
  const int descriptor = ::open(temporary.c_str(), O_RDONLY);
  if (descriptor >= 0) {
    ::fsync(descriptor);
    ::close(descriptor);
  }
  std::error_code error;
  fs::rename(temporary, path_, error);
  if (error) {
    throw RuntimeFailure("cannot replace experiment manifest '" + path_.string() +
                         "': " + error.message());
  }
}

}  // namespace gigsim
