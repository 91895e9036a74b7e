// Experiment files; see experiment_file.hpp. Problems are collected in file order and reported
// together, in the scenario reader's style (file:line:column, valid choices, did you mean).
#include "experiment/experiment_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "core/errors.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/toml_guard.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kMaxReplicates = 65536;  // run.replicate is at most 65535
constexpr std::int64_t kMaxPoints = 100000;
constexpr double kMaxSeed = 9007199254740991.0;  // run.seed's range: exact in a double

std::string shortest(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i];
  return text;
}

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "the string " + in_quotes(node.as_string()->get());
    case toml::node_type::integer:
      return "the integer " + std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point:
      return "the number " + shortest(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

/// Problems of one file, reported together in file order.
class Problems {
 public:
  explicit Problems(std::string origin) : origin_(std::move(origin)) {}

  std::string where(const toml::source_region& region) const {
    return origin_ + ":" + std::to_string(region.begin.line) + ":" +
           std::to_string(region.begin.column);
  }
  void add(const toml::source_region& region, const std::string& message) {
    problems_.push_back({region.begin.line, region.begin.column, where(region) + ": " + message});
  }
  void unknown_key(const toml::key& key, const std::vector<std::string>& valid,
                   std::string_view section) {
    std::string message = "unknown key " + in_quotes(key.str()) + " in " + std::string(section);
    if (const auto suggestion = closest_match(key.str(), valid)) {
      message += "; did you mean " + in_quotes(*suggestion) + "?";
    } else {
      message += "; valid keys: " + join(valid);
    }
    add(key.source(), message);
  }
  void throw_if_any() {
    if (problems_.empty()) return;
    std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    std::string message;
    for (const Problem& problem : problems_)
      message += (message.empty() ? "" : "\n") + problem.text;
    throw InputError(message);
  }

 private:
  struct Problem {
    toml::source_index line, column;
    std::string text;
  };
  std::string origin_;
  std::vector<Problem> problems_;
};

/// Entries of a table in file order (toml++ keeps tables sorted by key).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(
    const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, node] : table) entries.emplace_back(&key, &node);
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& x = a.first->source().begin;
    const auto& y = b.first->source().begin;
    return std::pair(x.line, x.column) < std::pair(y.line, y.column);
  });
  return entries;
}

std::optional<std::int64_t> integer_in(const toml::node& node, std::string_view name, double min,
                                       double max, Problems& problems) {
  const auto* value = node.as_integer();
  if (value == nullptr) {
    problems.add(node.source(), std::string(name) + ": expected an integer, got " + describe(node));
    return std::nullopt;
  }
  const auto number = static_cast<double>(value->get());
  if (number < min || number > max) {
    problems.add(node.source(), std::string(name) + ": " + std::to_string(value->get()) +
                                    " is out of range; valid range is [" + shortest(min) + ", " +
                                    shortest(max) + "]");
    return std::nullopt;
  }
  return value->get();
}

/// A parameter value given in the file: number, boolean or string (a choice name).
std::optional<ParameterValue> parameter_value(const toml::node& node, const std::string& key,
                                              Problems& problems) {
  ParameterValue value;
  if (const auto* integer = node.as_integer()) {
    value.kind = ParameterValue::Kind::integer;
    value.number = static_cast<double>(integer->get());
  } else if (const auto* real = node.as_floating_point()) {
    value.kind = ParameterValue::Kind::real;
    value.number = real->get();
    if (!std::isfinite(value.number)) {
      problems.add(node.source(), key + ": expected a finite number, got " + describe(node));
      return std::nullopt;
    }
  } else if (const auto* boolean = node.as_boolean()) {
    value.kind = ParameterValue::Kind::boolean;
    value.number = boolean->get() ? 1.0 : 0.0;
  } else if (const auto* text = node.as_string()) {
    value.kind = ParameterValue::Kind::text;
    value.text = text->get();
  } else {
    problems.add(node.source(),
                 key + ": expected a number, true/false or a choice name, got " + describe(node));
    return std::nullopt;
  }
  return value;
}

/// `set = { "key" = value, ... }`: overrides in file order.
std::vector<Override> read_overrides(const toml::node& node, std::string_view where,
                                     Problems& problems) {
  std::vector<Override> overrides;
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    problems.add(node.source(), std::string(where) +
                                    ": expected a table of parameter values, e.g. set = { "
                                    "\"market.bid_cost_usd\" = 0.5 }, got " +
                                    describe(node));
    return overrides;
  }
  for (const auto& [key, value] : in_file_order(*table)) {
    const std::string name(key->str());
    if (value->is_table()) {
      problems.add(key->source(), in_quotes(name) +
                                      ": write the full dotted key in quotes, e.g. "
                                      "\"market.bid_cost_usd\" = 0.5, not a nested table");
      continue;
    }
    if (auto parsed = parameter_value(*value, name, problems)) {
      overrides.push_back({name, std::move(*parsed), problems.where(value->source())});
    }
  }
  return overrides;
}

bool valid_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '.';
         });
}

void read_scenario(const toml::table& table, const fs::path& base_dir, Experiment& experiment,
                   Problems& problems) {
  static const std::vector<std::string> kKeys{"path", "name", "set"};
  ExperimentScenario scenario;
  scenario.origin = problems.where(table.source());
  bool has_path = false;
  for (const auto& [key, node] : in_file_order(table)) {
    const std::string_view name = key->str();
    if (name == "path") {
      if (const auto* text = node->as_string()) {
        has_path = true;
        scenario.path_as_written = text->get();
        const fs::path written(text->get());
        scenario.path = written.is_absolute() ? written : base_dir / written;
        std::error_code error;
        if (!fs::is_regular_file(scenario.path, error)) {
          problems.add(node->source(), "scenario file " + in_quotes(text->get()) +
                                           " not found (looked for " + scenario.path.string() +
                                           "; paths are relative to the experiment file)");
        }
      } else {
        problems.add(node->source(),
                     "path: expected the scenario file name, got " + describe(*node));
      }
    } else if (name == "name") {
      const auto* text = node->as_string();
      if (text == nullptr || !valid_name(text->get())) {
        problems.add(
            node->source(),
            "name: expected a name of letters, digits, '_', '-' and '.', got " + describe(*node));
      } else {
        scenario.name = text->get();
      }
    } else if (name == "set") {
      scenario.overrides = read_overrides(*node, "set", problems);
    } else {
      problems.unknown_key(*key, kKeys, "[[scenarios]]");
    }
  }
  if (!has_path) {
    if (table.source().begin.line > 0) {
      problems.add(table.source(), "[[scenarios]]: missing path = \"<scenario file>\"");
    }
    return;
  }
  if (scenario.name.empty()) {
    scenario.name = fs::path(scenario.path_as_written).stem().string();
    if (!valid_name(scenario.name)) {
      problems.add(table.source(), "[[scenarios]]: the file name " +
                                       in_quotes(scenario.path_as_written) +
                                       " does not make a valid run name; give name = \"...\"");
      return;
    }
  }
  for (const ExperimentScenario& other : experiment.scenarios) {
    if (other.name == scenario.name) {
      problems.add(table.source(), "[[scenarios]]: the name " + in_quotes(scenario.name) +
                                       " is already used at " + other.origin +
                                       "; give each scenario its own name = \"...\"");
      return;
    }
  }
  experiment.scenarios.push_back(std::move(scenario));
}

bool is_integer_parameter(const std::string& key) {
  for (const ParamSpec& spec : parameter_table()) {
    if (spec.key == key) return spec.type == ParamType::integer;
  }
  return false;
}

void read_sweep_parameter(const toml::key& key, const toml::node& node, Sweep& sweep,
                          Problems& problems) {
  SweepParameter parameter;
  parameter.key = std::string(key.str());
  parameter.origin = problems.where(key.source());
  if (const toml::array* values = node.as_array()) {
    parameter.kind = SweepParameter::Kind::values;
    if (values->empty()) {
      problems.add(node.source(), parameter.key + ": expected at least one value");
      return;
    }
    for (const toml::node& element : *values) {
      if (auto value = parameter_value(element, parameter.key, problems)) {
        parameter.values.push_back(std::move(*value));
      }
    }
  } else if (const toml::table* range = node.as_table()) {
    parameter.kind = SweepParameter::Kind::range;
    parameter.integer = is_integer_parameter(parameter.key);
    bool has_min = false, has_max = false;
    static const std::vector<std::string> kRangeKeys{"min", "max", "integer"};
    for (const auto& [name, bound] : in_file_order(*range)) {
      if (name->str() == "min" || name->str() == "max") {
        double number = 0.0;
        if (const auto* integer = bound->as_integer()) {
          number = static_cast<double>(integer->get());
        } else if (const auto* real = bound->as_floating_point();
                   real && std::isfinite(real->get())) {
          number = real->get();
        } else {
          problems.add(bound->source(), parameter.key + "." + std::string(name->str()) +
                                            ": expected a number, got " + describe(*bound));
          continue;
        }
        (name->str() == "min" ? parameter.min : parameter.max) = number;
        (name->str() == "min" ? has_min : has_max) = true;
      } else if (name->str() == "integer") {
        if (const auto* flag = bound->as_boolean()) {
          parameter.integer = flag->get();
        } else {
          problems.add(bound->source(),
                       parameter.key + ".integer: expected true or false, got " + describe(*bound));
        }
      } else {
        problems.unknown_key(*name, kRangeKeys, "a sweep range");
      }
    }
    if (!has_min || !has_max) {
      problems.add(node.source(), parameter.key +
                                      ": a range needs both min and max, e.g. { min = "
                                      "0.0, max = 1.0 }");
      return;
    }
    if (!(parameter.min < parameter.max)) {
      problems.add(node.source(), parameter.key + ": min (" + shortest(parameter.min) +
                                      ") must be below max (" + shortest(parameter.max) + ")");
      return;
    }
    if (parameter.integer && (std::floor(parameter.min) != parameter.min ||
                              std::floor(parameter.max) != parameter.max)) {
      problems.add(node.source(), parameter.key + ": an integer parameter needs whole min and max");
      return;
    }
  } else {
    problems.add(node.source(), parameter.key +
                                    ": expected a list of values [a, b, ...] or a range { min = a, "
                                    "max = b }, got " +
                                    describe(node));
    return;
  }
  for (const SweepParameter& other : sweep.parameters) {
    if (other.key == parameter.key) {
      problems.add(key.source(), parameter.key + ": swept twice (also at " + other.origin + ")");
      return;
    }
  }
  sweep.parameters.push_back(std::move(parameter));
}

void read_sweep(const toml::node& node, Sweep& sweep, Problems& problems) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    problems.add(node.source(), "sweep: expected a [sweep] table, got " + describe(node));
    return;
  }
  static const std::vector<std::string> kKeys{"method", "points", "seed", "parameters"};
  const toml::node* method_node = nullptr;
  const toml::node* points_node = nullptr;
  const toml::node* seed_node = nullptr;
  for (const auto& [key, value] : in_file_order(*table)) {
    const std::string_view name = key->str();
    if (name == "method") {
      method_node = value;
      const auto* text = value->as_string();
      if (text != nullptr && text->get() == "grid") {
        sweep.method = SweepMethod::grid;
      } else if (text != nullptr && text->get() == "lhs") {
        sweep.method = SweepMethod::lhs;
      } else {
        problems.add(value->source(),
                     "sweep.method: expected \"grid\" or \"lhs\", got " + describe(*value));
      }
    } else if (name == "points") {
      points_node = value;
      if (auto points = integer_in(*value, "sweep.points", 1, kMaxPoints, problems)) {
        sweep.points = *points;
      }
    } else if (name == "seed") {
      seed_node = value;
      if (auto seed = integer_in(*value, "sweep.seed", 0, kMaxSeed, problems)) sweep.seed = *seed;
    } else if (name == "parameters") {
      if (const toml::table* parameters = value->as_table()) {
        for (const auto& [parameter, spec] : in_file_order(*parameters)) {
          read_sweep_parameter(*parameter, *spec, sweep, problems);
        }
        if (parameters->empty()) {
          problems.add(value->source(), "sweep.parameters: expected at least one parameter");
        }
      } else {
        problems.add(value->source(),
                     "sweep.parameters: expected a table of \"key\" = [values] or { min, max }, "
                     "got " +
                         describe(*value));
      }
    } else {
      problems.unknown_key(*key, kKeys, "[sweep]");
    }
  }
  if (method_node == nullptr) {
    problems.add(table->source(), "[sweep]: missing method = \"grid\" or \"lhs\"");
    return;
  }
  if (sweep.method == SweepMethod::grid) {
    if (points_node != nullptr) {
      problems.add(points_node->source(),
                   "sweep.points: only for method = \"lhs\"; a grid has every combination");
    }
    if (seed_node != nullptr) {
      problems.add(seed_node->source(), "sweep.seed: only for method = \"lhs\"");
    }
    for (const SweepParameter& parameter : sweep.parameters) {
      if (parameter.kind == SweepParameter::Kind::range) {
        problems.add(table->source(), parameter.origin + ": a grid needs listed values for " +
                                          parameter.key + ", e.g. [0.0, 0.5, 1.0]");
      }
    }
  } else if (sweep.method == SweepMethod::lhs && points_node == nullptr) {
    problems.add(table->source(), "[sweep]: method = \"lhs\" needs points = <number of points>");
  }
  if (sweep.method != SweepMethod::none && !table->contains("parameters")) {
    problems.add(table->source(), "[sweep]: missing [sweep.parameters]");
  }
}

std::string read_text_file(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw InputError("cannot read experiment file '" + path.string() +
                     "': " + (fs::exists(path, error) ? "not a regular file" : "no such file"));
  }
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) throw InputError("cannot read experiment file '" + path.string() + "'");
  return text.str();
}

}  // namespace

std::string ParameterValue::set_text() const {
  switch (kind) {
    case Kind::integer:
      return std::to_string(static_cast<std::int64_t>(number));
    case Kind::boolean:
      return number != 0.0 ? "true" : "false";
    case Kind::text:
      return "\"" + text + "\"";
    case Kind::real:
      break;
  }
  std::string written = shortest(number);
  if (written.find_first_of(".eEn") == std::string::npos) written += ".0";
  return written;
}

const char* sweep_method_name(SweepMethod method) {
  switch (method) {
    case SweepMethod::grid:
      return "grid";
    case SweepMethod::lhs:
      return "lhs";
    case SweepMethod::none:
      break;
  }
  return "none";
}

Experiment parse_experiment_text(std::string_view text, std::string_view origin,
                                 const fs::path& base_dir) {
  const toml::table root = scenario_detail::parse_toml(text, origin);
  Experiment experiment;
  experiment.origin = std::string(origin);
  experiment.text = std::string(text);
  Problems problems(experiment.origin);
  static const std::vector<std::string> kKeys{"description", "seed",      "replicates", "branching",
                                              "set",         "scenarios", "sweep"};
  bool has_scenarios = false;
  for (const auto& [key, node] : in_file_order(root)) {
    const std::string_view name = key->str();
    if (name == "description") {
      if (!node->is_string()) {
        problems.add(node->source(), "description: expected a string, got " + describe(*node));
      }
    } else if (name == "seed") {
      if (auto seed = integer_in(*node, "seed", 0, kMaxSeed, problems)) experiment.seed = *seed;
    } else if (name == "replicates") {
      if (auto count = integer_in(*node, "replicates", 1, kMaxReplicates, problems)) {
        experiment.replicates = *count;
      }
    } else if (name == "branching") {
      if (const auto* flag = node->as_boolean()) {
        experiment.branching = flag->get();
      } else {
        problems.add(node->source(), "branching: expected true or false, got " + describe(*node));
      }
    } else if (name == "set") {
      experiment.overrides = read_overrides(*node, "set", problems);
    } else if (name == "scenarios") {
      has_scenarios = true;
      const toml::array* array = node->as_array();
      if (array == nullptr || !array->is_array_of_tables() || array->empty()) {
        problems.add(
            node->source(),
            "scenarios: expected [[scenarios]] tables with path = \"...\", got " + describe(*node));
        continue;
      }
      for (const toml::node& element : *array) {
        read_scenario(*element.as_table(), base_dir, experiment, problems);
      }
    } else if (name == "sweep") {
      read_sweep(*node, experiment.sweep, problems);
    } else {
      problems.unknown_key(*key, kKeys, "the experiment file");
    }
  }
  if (!has_scenarios) {
    problems.add(root.source(),
                 "no scenarios: add at least one [[scenarios]] table with path = \"...\"");
  }
  problems.throw_if_any();
  return experiment;
}

Experiment load_experiment_file(const fs::path& path) {
  return parse_experiment_text(read_text_file(path), path.string(), path.parent_path());
}

}  // namespace gigsim
