// The runs of an experiment; see run_plan.hpp.
#include "experiment/run_plan.hpp"

#include <cstdio>
#include <map>

#include "core/errors.hpp"
#include "engine/checkpoint.hpp"
#include "experiment/result_files.hpp"

namespace gigsim {
namespace {

/// apply_set_option's message without its "--set KEY=VALUE: " prefix: the experiment file's
/// location replaces it.
std::string without_set_prefix(const std::string& message) {
  if (message.rfind("--set ", 0) != 0) return message;
  const std::size_t colon = message.find(": ");
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

void apply(Scenario& scenario, const std::string& key, const ParameterValue& value,
           const std::string& origin, const std::string& scenario_name) {
  try {
    apply_set_option(scenario, key + "=" + value.set_text());
  } catch (const InputError& error) {
    throw InputError(origin + ": " + without_set_prefix(error.what()) + " (scenario " +
                     scenario_name + ")");
  }
}

}  // namespace

std::string point_name(std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "p%03zu", index);
  return name;
}

RunPlan plan_experiment(const Experiment& experiment) {
  RunPlan plan;
  const std::vector<SweepPoint> points = sweep_points(experiment.sweep);
  plan.points = points.size();
  std::vector<Scenario> loaded;
  for (const ExperimentScenario& scenario : experiment.scenarios) {
    try {
      loaded.push_back(load_scenario_file(scenario.path));
    } catch (const InputError& error) {
      throw InputError(scenario.origin + ": scenario " + scenario.name + " (" +
                       scenario.path.string() + ") is not valid:\n" + error.what());
    }
  }
  // runs[point][scenario][replicate], so that run ids list scenario by scenario.
  std::vector<std::vector<Scenario>> resolved(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (std::size_t s = 0; s < experiment.scenarios.size(); ++s) {
      const ExperimentScenario& spec = experiment.scenarios[s];
      Scenario scenario = loaded[s];
      for (const Override& o : experiment.overrides)
        apply(scenario, o.key, o.value, o.origin, spec.name);
      for (const Override& o : spec.overrides) apply(scenario, o.key, o.value, o.origin, spec.name);
      for (std::size_t d = 0; d < points[p].size(); ++d) {
        const SweepParameter& parameter = experiment.sweep.parameters[d];
        apply(scenario, parameter.key, points[p][d], parameter.origin,
              spec.name + " at point " + point_name(p));
      }
      ParameterValue seed{ParameterValue::Kind::integer, static_cast<double>(experiment.seed), ""};
      apply(scenario, "run.seed", seed, experiment.origin, spec.name);
      try {
        check_consistency(scenario);
      } catch (const InputError& error) {
        throw InputError(spec.origin + ": scenario " + spec.name +
                         (points.size() > 1 ? " at point " + point_name(p) : std::string()) +
                         " with the experiment's overrides is not valid:\n" + error.what());
      }
      resolved[p].push_back(std::move(scenario));
    }
  }

  for (std::size_t s = 0; s < experiment.scenarios.size(); ++s) {
    const ExperimentScenario& spec = experiment.scenarios[s];
    for (std::size_t p = 0; p < points.size(); ++p) {
      for (std::int64_t r = 0; r < experiment.replicates; ++r) {
        PlannedRun run;
        run.scenario_index = s;
        run.point = point_name(p);
        run.point_index = p;
        run.replicate = r;
        run.seed = experiment.seed;
        run.id = spec.name + "/" + run.point + "/rep" + std::to_string(r);
        run.path = "runs/" + run.id + ".h5";
        run.weeks = resolved[p][s].params.run.weeks;
        // What the run's result file will hold as its resolved scenario.
        Scenario replicate = resolved[p][s];
        apply_set_option(replicate, "run.replicate=" + std::to_string(r));
        run.scenario_print = text_fingerprint(render_toml(replicate, false));
        for (const Override& o : experiment.overrides) {
          run.set_options.push_back(o.key + "=" + o.value.set_text());
        }
        for (const Override& o : spec.overrides) {
          run.set_options.push_back(o.key + "=" + o.value.set_text());
        }
        for (std::size_t d = 0; d < points[p].size(); ++d) {
          const std::string& key = experiment.sweep.parameters[d].key;
          run.parameters.emplace_back(key, points[p][d]);
          run.set_options.push_back(key + "=" + points[p][d].set_text());
        }
        run.set_options.push_back("run.seed=" + std::to_string(experiment.seed));
        run.set_options.push_back("run.replicate=" + std::to_string(r));
        plan.runs.push_back(std::move(run));
      }
    }
  }

  if (!experiment.branching) return plan;
  // Branch groups: per point, scenarios that share at least one recorded week with the
  // group's first member; the same groups for every replicate (replicates differ only in
  // run.replicate, which every member of a group shares).
  const auto run_index = [&](std::size_t s, std::size_t p, std::int64_t r) {
    return (s * points.size() + p) * static_cast<std::size_t>(experiment.replicates) +
           static_cast<std::size_t>(r);
  };
  for (std::size_t p = 0; p < points.size(); ++p) {
    std::vector<std::pair<std::vector<std::size_t>, std::int64_t>> groups;  // scenarios, weeks
    for (std::size_t s = 0; s < experiment.scenarios.size(); ++s) {
      bool joined = false;
      for (auto& [members, weeks] : groups) {
        const std::int64_t shared =
            shared_prefix_weeks(resolved[p][members.front()], resolved[p][s]);
        if (shared >= 1) {
          members.push_back(s);
          weeks = std::min(weeks, shared);
          joined = true;
          break;
        }
      }
      if (!joined) groups.push_back({{s}, resolved[p][s].params.run.weeks});
    }
    for (const auto& [members, weeks] : groups) {
      if (members.size() < 2) continue;
      for (std::int64_t r = 0; r < experiment.replicates; ++r) {
        BranchGroup group;
        group.weeks = weeks;
        group.prefix_path = "prefixes/" + point_name(p) + "/rep" + std::to_string(r) + "-" +
                            experiment.scenarios[members.front()].name + ".h5";
        for (std::size_t s : members) {
          const std::size_t index = run_index(s, p, r);
          plan.runs[index].group = static_cast<int>(plan.groups.size());
          group.runs.push_back(index);
        }
        plan.groups.push_back(std::move(group));
      }
    }
  }
  return plan;
}

std::vector<std::string> run_arguments(const Experiment& experiment, const PlannedRun& run,
                                       const std::string& output, int threads,
                                       const std::string& resume) {
  std::vector<std::string> arguments{"run", experiment.scenarios[run.scenario_index].path.string()};
  for (const std::string& set : run.set_options) {
    arguments.push_back("--set");
    arguments.push_back(set);
  }
  if (!resume.empty()) {
    arguments.push_back("--resume");
    arguments.push_back(resume);
  }
  arguments.insert(arguments.end(),
                   {"-o", output, "--threads", std::to_string(threads), "--quiet"});
  return arguments;
}

std::vector<std::string> prefix_arguments(const Experiment& experiment, const RunPlan& plan,
                                          const BranchGroup& group, const std::string& output,
                                          int threads) {
  std::vector<std::string> arguments =
      run_arguments(experiment, plan.runs[group.runs.front()], output, threads, "");
  const std::string weeks = std::to_string(group.weeks);
  arguments.insert(arguments.end(), {"--steps", weeks, "--checkpoint-every", weeks});
  return arguments;
}

}  // namespace gigsim
