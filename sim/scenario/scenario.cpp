// Scenarios: the public interface of the scenario layer (scenario.hpp). The work is done by
//   key_index.cpp        which dotted keys exist and what they name
//   members.cpp          categories and AI technologies, declared by name
//   parameter_values.cpp typing TOML values, range checks, the typed fields
//   toml_entries.cpp     walking a TOML document into entries, collecting problems
//   events.cpp           [[events]] entries
//   loader.cpp           reading files and following `extends`
//   render_toml.cpp      the resolved scenario back to TOML
//
// Every problem in a file is reported, in file order, as "file:line:column: what is wrong; what
// would be valid". Nothing is clamped or guessed: a bad scenario never runs.
#include "scenario/scenario.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <optional>

#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "scenario/key_index.hpp"
#include "scenario/loader.hpp"
#include "scenario/members.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/parameter_values.hpp"
#include "scenario/toml_guard.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim {

using namespace scenario_detail;

namespace {

std::string problem_list(const std::vector<std::string>& problems) {
  std::string text;
  for (const std::string& problem : problems) text += "\n  - " + problem;
  return text;
}

/// Where the last of `keys` was set ("file:line:column" or "--set ..."), else `fallback`.
std::string where_last_set(const Scenario& scenario, const std::vector<std::string>& keys,
                           const std::string& fallback) {
  for (auto origin = scenario.value_origins.rbegin(); origin != scenario.value_origins.rend();
       ++origin) {
    if (std::find(keys.begin(), keys.end(), origin->key) != keys.end()) return origin->where;
  }
  return fallback;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

Scenario load_scenario_file(const std::filesystem::path& path) { return Loader().load_file(path); }

Scenario load_scenario_text(std::string_view text, std::string_view origin,
                            const std::filesystem::path& base_dir) {
  return Loader().load_text(text, std::string(origin), base_dir);
}

Scenario load_embedded_baseline() {
  return load_scenario_text(embedded_baseline_toml(), "<embedded baseline>",
                            std::filesystem::current_path());
}

void apply_set_option(Scenario& scenario, std::string_view key_equals_value) {
  const std::string option = "--set " + std::string(key_equals_value);
  const std::size_t equals = key_equals_value.find('=');
  if (equals == std::string_view::npos || trim(key_equals_value.substr(0, equals)).empty()) {
    throw InputError(option + ": expected KEY=VALUE, e.g. --set market.bid_cost_usd=0.5");
  }
  const std::string key(trim(key_equals_value.substr(0, equals)));
  const std::string value(trim(key_equals_value.substr(equals + 1)));
  const std::optional<Target> target = find_target(key, scenario.params);
  if (!target && is_section(key, scenario.params)) {
    const std::vector<std::string> keys = children_of(key, scenario.params);
    throw InputError(option + ": " + in_quotes(key) + " is a section, not a parameter; its keys: " +
                     join(keys, ", ") + " (e.g. --set " + key + "." + keys.front() + "=...)");
  }
  if (!target) throw InputError(option + ": " + unknown_name_message(key, false, scenario.params));

  // The value is TOML (0.5, 12, "flat", [[0, 0.1]]); a bare word that is not TOML is taken as a
  // string, so --set fees.schedule=flat works without shell-quoted quotes.
  toml::table parsed;
  try {
    parsed = parse_toml("value = " + value, option);
  } catch (const InputError&) {  // not TOML: taken as a string below
    parsed = toml::table{};
  }
  if (parsed.size() != 1 || parsed.get("value") == nullptr) {
    parsed = toml::table{};
    parsed.insert("value", value);
  }
  try {
    assign_parameter(scenario.params, make_assignment(*target, *parsed.get("value")));
  } catch (const InputError& error) {
    throw InputError(option + ": " + error.what());
  }
  scenario.value_origins.push_back({target->key, option});
}

void assign_parameter(Params& params, const Assignment& assignment) {
  const std::optional<Target> target = find_target(assignment.key, params);
  if (!target) throw InputError(unknown_name_message(assignment.key, false, params));
  check_assignment(*target, assignment);
  store(params, *target, assignment);
}

std::string scenario_summary(const Scenario& scenario) {
  const Params& p = scenario.params;
  const auto count = [](std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  /// " (new: a, b)" for the members that are not defaults.
  const auto declared = [](const std::vector<std::string>& names, const auto& defaults) {
    std::vector<std::string> added;
    for (const std::string& name : names) {
      const bool is_default = std::any_of(defaults.begin(), defaults.end(),
                                          [&](const auto& d) { return d.name == name; });
      if (!is_default) added.push_back(name);
    }
    return added.empty() ? std::string() : " (new: " + join(added, ", ") + ")";
  };
  return std::to_string(p.run.weeks) + " weeks, " + std::to_string(p.market.initial_freelancers) +
         " freelancers, " + std::to_string(p.market.initial_clients) + " clients, " +
         count(p.categories.size(), "category", "categories") +
         declared(category_names(p), default_categories()) + ", " +
         count(p.technologies.size(), "AI technology", "AI technologies") +
         declared(technology_names(p), default_technologies()) + ", " +
         count(scenario.events.size(), "event", "events");
}

void check_consistency(const Scenario& scenario) {
  const std::string origin = scenario.origin.empty() ? "scenario" : scenario.origin;
  std::vector<std::string> messages;
  for (const ConsistencyProblem& problem : consistency_problems(scenario.params)) {
    messages.push_back(where_last_set(scenario, problem.keys, origin) +
                       ": the parameters are inconsistent: " + problem.message);
  }
  const std::int64_t weeks = scenario.params.run.weeks;
  for (const ScheduledEvent& event : scenario.events) {
    if (event.week >= weeks) {
      messages.push_back(event.origin + ": event week " + std::to_string(event.week) +
                         " is at or after the end of the run (run.weeks = " +
                         std::to_string(weeks) + ": weeks 0 to " + std::to_string(weeks - 1) + ")");
    }
  }
  if (!messages.empty()) throw InputError(join(messages, "\n"));

  // Events must leave the parameters consistent too; the events of one week apply together.
  Params params = scenario.params;
  const auto& events = scenario.events;
  for (std::size_t first = 0; first < events.size();) {
    std::size_t end = first;
    for (; end < events.size() && events[end].week == events[first].week; ++end) {
      for (const Assignment& assignment : events[end].assignments) {
        try {
          assign_parameter(params, assignment);
        } catch (const InputError& error) {
          throw InputError(events[end].origin + ": " + error.what());
        }
      }
    }
    std::vector<std::string> after_events;
    for (const ConsistencyProblem& problem : consistency_problems(params)) {
      after_events.push_back(problem.message);
    }
    if (!after_events.empty()) {
      throw InputError(events[end - 1].origin + ": after the events of week " +
                       std::to_string(events[first].week) +
                       " the parameters are inconsistent:" + problem_list(after_events));
    }
    first = end;
  }
}

}  // namespace gigsim
