// Scenario files: TOML (toml++) -> typed Params and scheduled events, validated against the one
// parameter table (parameter_table.hpp); `--set` options; the resolved scenario back to TOML.
//
// Every problem in a file is reported, in file order, as "file:line:column: what is wrong; what
// would be valid". Nothing is clamped or guessed: a bad scenario never runs.
#include "scenario/scenario.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/parameter_table.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCategoriesPrefix = "categories.";
constexpr std::size_t kMaxReportedProblems = 20;

// ---------------------------------------------------------------------------------------------
// Numbers as text

/// Shortest text that reads back as the same double: "0.3", "1e+09", "20".
std::string shortest(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

/// A TOML float that round-trips exactly, with ".0" where TOML would otherwise read an integer.
std::string toml_real(double value) {
  std::string text = shortest(value);
  if (std::isfinite(value) && text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

/// A number for people to read in messages and comments: 50000000 rather than 5e+07.
std::string readable_number(double value) {
  if (std::isfinite(value) && std::floor(value) == value && std::abs(value) < 1e16) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  return shortest(value);
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += separator;
    text += items[i];
  }
  return text;
}

std::string location(std::string_view origin, const toml::source_region& where) {
  return std::string(origin) + ":" + std::to_string(where.begin.line) + ":" +
         std::to_string(where.begin.column);
}

// ---------------------------------------------------------------------------------------------
// Keys: which dotted names exist, and what they name

/// Every valid key and section, built once from the parameter and category tables.
struct KeyIndex {
  std::unordered_map<std::string_view, const ParamSpec*> params;
  std::vector<std::string> keys;      // every settable key: table order, then categories
  std::vector<std::string> sections;  // every proper prefix of a key ("market", "categories.web")
  std::vector<std::string> category_names;
};

void add_sections_of(std::string_view key, std::vector<std::string>& sections) {
  for (std::size_t dot = key.find('.'); dot != std::string_view::npos;
       dot = key.find('.', dot + 1)) {
    const std::string section(key.substr(0, dot));
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      sections.push_back(section);
    }
  }
}

KeyIndex build_key_index() {
  KeyIndex index;
  for (const ParamSpec& spec : parameter_table()) {
    index.params.emplace(spec.key, &spec);
    index.keys.emplace_back(spec.key);
  }
  for (const CategoryDefaults& category : default_categories()) {
    index.category_names.emplace_back(category.name);
    for (const CategoryFieldSpec& field : category_field_table()) {
      index.keys.push_back(std::string(kCategoriesPrefix) + std::string(category.name) + "." +
                           std::string(field.field));
    }
  }
  for (const std::string& key : index.keys) add_sections_of(key, index.sections);
  return index;
}

const KeyIndex& key_index() {
  static const KeyIndex index = build_key_index();
  return index;
}

bool is_section(std::string_view name) {
  const auto& sections = key_index().sections;
  return std::find(sections.begin(), sections.end(), name) != sections.end();
}

bool is_category(std::string_view name) {
  const auto& names = key_index().category_names;
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// The distinct next components of the keys below `section` ("run" -> weeks, seed, replicate).
std::vector<std::string> children_of(std::string_view section) {
  const std::string prefix = section.empty() ? "" : std::string(section) + ".";
  std::vector<std::string> children;
  for (const std::string& key : key_index().keys) {
    if (key.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string child =
        key.substr(prefix.size(), key.find('.', prefix.size()) - prefix.size());
    if (std::find(children.begin(), children.end(), child) == children.end()) {
      children.push_back(child);
    }
  }
  return children;
}

/// What a dotted key names: a parameter of the table, or one field of one category.
struct Target {
  std::string key;
  const ParamSpec* param = nullptr;                   // a parameter of the table, or
  const CategoryFieldSpec* category_field = nullptr;  // a field of category `category`
  std::string category;

  ParamType type() const { return param != nullptr ? param->type : ParamType::real; }
  double min_value() const {
    return param != nullptr ? param->min_value : category_field->min_value;
  }
  double max_value() const {
    return param != nullptr ? param->max_value : category_field->max_value;
  }
  std::string_view unit() const { return param != nullptr ? param->unit : category_field->unit; }
  std::string_view doc() const { return param != nullptr ? param->doc : category_field->doc; }
  bool event_settable() const {
    return param != nullptr ? param->event_settable : category_field->event_settable;
  }
};

std::optional<Target> find_target(std::string_view key) {
  const KeyIndex& index = key_index();
  if (const auto found = index.params.find(key); found != index.params.end()) {
    Target target;
    target.key = std::string(key);
    target.param = found->second;
    return target;
  }
  if (key.substr(0, kCategoriesPrefix.size()) != kCategoriesPrefix) return std::nullopt;
  const std::string_view rest = key.substr(kCategoriesPrefix.size());
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view name = rest.substr(0, dot);
  const std::string_view field_name = rest.substr(dot + 1);
  if (!is_category(name)) return std::nullopt;
  for (const CategoryFieldSpec& field : category_field_table()) {
    if (field.field == field_name) {
      Target target;
      target.key = std::string(key);
      target.category_field = &field;
      target.category = std::string(name);
      return target;
    }
  }
  return std::nullopt;
}

std::vector<std::string> choice_names(const ParamSpec& spec) {
  std::vector<std::string> names;
  for (std::string_view choice : spec.choices) names.push_back(in_quotes(choice));
  return names;
}

/// "unknown key ...; did you mean ...?" or, failing a close match, what the section holds.
/// `is_table` says whether the unknown name heads a table ([markt]) or a value (markt.x = 1).
std::string unknown_name_message(std::string_view key, bool is_table) {
  const KeyIndex& index = key_index();
  // categories.<name>...: the set of categories is fixed.
  if (key.substr(0, kCategoriesPrefix.size()) == kCategoriesPrefix) {
    const std::string_view rest = key.substr(kCategoriesPrefix.size());
    const std::string_view name = rest.substr(0, rest.find('.'));
    if (!is_category(name)) {
      std::string message = "unknown category " + in_quotes(name);
      if (const auto suggestion = closest_match(name, index.category_names)) {
        message += "; did you mean " + in_quotes(*suggestion) + "?";
      }
      return message + " (the categories are fixed: " + join(index.category_names, ", ") + ")";
    }
  }
  const std::size_t dot = key.rfind('.');
  const std::string_view section = dot == std::string_view::npos ? "" : key.substr(0, dot);
  const bool top_level = section.empty();

  std::vector<std::string> candidates = is_table ? index.sections : index.keys;
  if (top_level) {
    candidates.insert(candidates.end(), {"extends", "events"});
    if (!is_table) {
      candidates.insert(candidates.end(), index.sections.begin(), index.sections.end());
    }
  }
  std::optional<std::string> suggestion = closest_match(key, candidates);
  if (!suggestion && !is_table) {
    // The right name in the wrong section ("market.flat_rate" for "fees.flat_rate").
    const std::string_view last = key.substr(dot == std::string_view::npos ? 0 : dot + 1);
    std::vector<std::string> same_name;
    for (const std::string& candidate : index.keys) {
      if (candidate.size() > last.size() &&
          candidate.compare(candidate.size() - last.size(), last.size(), last) == 0 &&
          candidate[candidate.size() - last.size() - 1] == '.') {
        same_name.push_back(candidate);
      }
    }
    if (same_name.size() == 1) suggestion = same_name.front();
  }

  std::string message = (is_table ? "unknown section " : "unknown key ") + in_quotes(key);
  if (suggestion) return message + "; did you mean " + in_quotes(*suggestion) + "?";
  if (!top_level && is_section(section)) {
    return message + "; valid keys in [" + std::string(section) +
           "]: " + join(children_of(section), ", ");
  }
  return message + "; valid sections: " + join(children_of(""), ", ") +
         " (and the top-level keys extends and events)";
}

// ---------------------------------------------------------------------------------------------
// Values: type checks, range checks, reading and writing the typed fields

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "the string " + in_quotes(node.as_string()->get());
    case toml::node_type::integer:
      return "the integer " + std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point:
      return "the number " + shortest(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "the boolean true" : "the boolean false";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

/// The value as the scenario writes it: choice name, integer, real (always with '.' or exponent).
std::string value_as_toml(const Target& target, double value) {
  switch (target.type()) {
    case ParamType::integer:
      return std::to_string(static_cast<std::int64_t>(value));
    case ParamType::boolean:
      return value != 0.0 ? "true" : "false";
    case ParamType::choice: {
      const auto& choices = target.param->choices;
      const auto index = static_cast<std::size_t>(value);
      return index < choices.size() ? in_quotes(choices[index]) : shortest(value);
    }
    case ParamType::real:
      break;
  }
  return toml_real(value);
}

/// Assignment::value_text: the choice name unquoted, numbers as in TOML.
std::string value_text(const Target& target, double value) {
  if (target.type() == ParamType::choice) {
    const auto index = static_cast<std::size_t>(value);
    const auto& choices = target.param->choices;
    if (index < choices.size()) return std::string(choices[index]);
  }
  return value_as_toml(target, value);
}

std::string range_text(const Target& target) {
  std::string text =
      "[" + readable_number(target.min_value()) + ", " + readable_number(target.max_value()) + "]";
  if (!target.unit().empty()) text += " " + std::string(target.unit());
  return text;
}

/// Throws InputError (without a location) unless `value` is valid for `target`.
void check_value(const Target& target, double value) {
  const std::string& key = target.key;
  if (!std::isfinite(value)) {
    throw InputError(key + ": expected a finite number, got " + shortest(value));
  }
  const bool whole = std::floor(value) == value;
  switch (target.type()) {
    case ParamType::choice: {
      const double count = static_cast<double>(target.param->choices.size());
      if (!whole || value < 0.0 || value >= count) {
        throw InputError(
            key + ": choice index " + shortest(value) +
            " is not valid; valid choices: " + join(choice_names(*target.param), ", "));
      }
      return;
    }
    case ParamType::boolean:
      if (value != 0.0 && value != 1.0) {
        throw InputError(key + ": expected true or false, got " + shortest(value));
      }
      return;
    case ParamType::integer:
      if (!whole) throw InputError(key + ": expected an integer, got " + shortest(value));
      break;
    case ParamType::real:
      break;
  }
  if (value < target.min_value() || value > target.max_value()) {
    throw InputError(key + ": " + value_as_toml(target, value) +
                     " is out of range; valid range is " + range_text(target));
  }
}

/// A validated assignment from a TOML value; throws InputError (without a location).
Assignment make_assignment(const Target& target, const toml::node& node) {
  const std::string& key = target.key;
  double value = 0.0;
  switch (target.type()) {
    case ParamType::integer:
      if (!node.is_integer()) {
        throw InputError(key + ": expected an integer, got " + describe(node));
      }
      value = static_cast<double>(node.as_integer()->get());
      break;
    case ParamType::real:
      if (node.is_integer()) {
        value = static_cast<double>(node.as_integer()->get());
      } else if (node.is_floating_point()) {
        value = node.as_floating_point()->get();
      } else {
        throw InputError(key + ": expected a number, got " + describe(node));
      }
      break;
    case ParamType::boolean:
      if (!node.is_boolean()) {
        throw InputError(key + ": expected true or false, got " + describe(node));
      }
      value = node.as_boolean()->get() ? 1.0 : 0.0;
      break;
    case ParamType::choice: {
      const std::vector<std::string> valid = choice_names(*target.param);
      if (!node.is_string()) {
        throw InputError(key + ": expected one of " + join(valid, ", ") + ", got " +
                         describe(node));
      }
      const std::string& name = node.as_string()->get();
      const auto& choices = target.param->choices;
      const auto found = std::find(choices.begin(), choices.end(), name);
      if (found == choices.end()) {
        throw InputError(key + ": " + in_quotes(name) +
                         " is not a valid choice; valid choices: " + join(valid, ", "));
      }
      value = static_cast<double>(found - choices.begin());
      break;
    }
  }
  check_value(target, value);
  return Assignment{key, value, value_text(target, value)};
}

CategoryParams* find_category(Params& params, std::string_view name) {
  for (CategoryParams& category : params.categories) {
    if (category.name == name) return &category;
  }
  return nullptr;
}

// Booleans have no field accessor of their own in ParamSpec: they use get_choice/set_choice
// with 0 = false, 1 = true.
void store(Params& params, const Target& target, double value) {
  if (target.category_field != nullptr) {
    CategoryParams* category = find_category(params, target.category);
    if (category == nullptr) {
      throw InputError(target.key + ": these parameters have no category " +
                       in_quotes(target.category));
    }
    target.category_field->real_field(*category) = value;
    return;
  }
  const ParamSpec& spec = *target.param;
  switch (spec.type) {
    case ParamType::integer:
      spec.integer_field(params) = static_cast<std::int64_t>(value);
      return;
    case ParamType::real:
      spec.real_field(params) = value;
      return;
    case ParamType::choice:
    case ParamType::boolean:
      spec.set_choice(params, static_cast<int>(value));
      return;
  }
}

double stored_value(const Params& params, const Target& target) {
  // The table's accessors take Params&; they are only read here.
  Params& readable = const_cast<Params&>(params);
  if (target.category_field != nullptr) {
    CategoryParams* category = find_category(readable, target.category);
    return category == nullptr ? 0.0 : target.category_field->real_field(*category);
  }
  const ParamSpec& spec = *target.param;
  switch (spec.type) {
    case ParamType::integer:
      return static_cast<double>(spec.integer_field(readable));
    case ParamType::real:
      return spec.real_field(readable);
    case ParamType::choice:
    case ParamType::boolean:
      return static_cast<double>(spec.get_choice(params));
  }
  return 0.0;
}

// ---------------------------------------------------------------------------------------------
// Reading files

/// Problems found in one file, reported together in file order.
class ProblemList {
 public:
  explicit ProblemList(std::string origin) : origin_(std::move(origin)) {}

  void add(const toml::source_region& where, std::string message) {
    problems_.push_back({where.begin.line, where.begin.column,
                         location(origin_, where) + ": " + std::move(message)});
  }
  std::size_t size() const { return problems_.size(); }

  void throw_if_any() {
    if (problems_.empty()) return;
    std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    std::string message;
    for (std::size_t i = 0; i < problems_.size() && i < kMaxReportedProblems; ++i) {
      if (i > 0) message += "\n";
      message += problems_[i].message;
    }
    if (problems_.size() > kMaxReportedProblems) {
      message +=
          "\n... and " + std::to_string(problems_.size() - kMaxReportedProblems) + " more problems";
    }
    throw InputError(message);
  }

 private:
  struct Problem {
    toml::source_index line;
    toml::source_index column;
    std::string message;
  };
  std::string origin_;
  std::vector<Problem> problems_;
};

/// One `key = value` found in a file, with the dotted key it sets.
struct Leaf {
  Target target;
  const toml::key* name;
  const toml::node* value;
};

/// Walks the tables below `prefix`, collecting parameter values; unknown names are problems.
void collect_entry(const std::string& key, const toml::key& name, const toml::node& node,
                   std::vector<Leaf>& leaves, ProblemList& problems);

void collect_table(const toml::table& table, const std::string& prefix, std::vector<Leaf>& leaves,
                   ProblemList& problems) {
  for (auto&& [name, node] : table) {
    const std::string key =
        prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    collect_entry(key, name, node, leaves, problems);
  }
}

void collect_entry(const std::string& key, const toml::key& name, const toml::node& node,
                   std::vector<Leaf>& leaves, ProblemList& problems) {
  if (std::optional<Target> target = find_target(key)) {
    if (node.is_table()) {
      problems.add(name.source(),
                   in_quotes(key) + " is a parameter: expected a value, not a table");
    } else {
      leaves.push_back({std::move(*target), &name, &node});
    }
  } else if (is_section(key)) {
    if (const toml::table* section = node.as_table()) {
      collect_table(*section, key, leaves, problems);
    } else {
      problems.add(name.source(), in_quotes(key) +
                                      " is a section, not a parameter; set its keys (" +
                                      join(children_of(key), ", ") + ") instead");
    }
  } else {
    problems.add(name.source(), unknown_name_message(key, node.is_table()));
  }
}

/// Sorts leaves into file order, so values apply and problems report as they were written.
void sort_by_position(std::vector<Leaf>& leaves) {
  std::stable_sort(leaves.begin(), leaves.end(), [](const Leaf& a, const Leaf& b) {
    const toml::source_position& first = a.name->source().begin;
    const toml::source_position& second = b.name->source().begin;
    return std::pair(first.line, first.column) < std::pair(second.line, second.column);
  });
}

/// Reports a key set twice in one table (e.g. quoted "fees.flat_rate" and dotted fees.flat_rate).
bool is_duplicate(const Leaf& leaf, std::map<std::string, const toml::key*>& seen,
                  ProblemList& problems) {
  const auto [existing, inserted] = seen.emplace(leaf.target.key, leaf.name);
  if (inserted) return false;
  problems.add(leaf.name->source(), in_quotes(leaf.target.key) + " is set twice (first at line " +
                                        std::to_string(existing->second->source().begin.line) +
                                        ")");
  return true;
}

void read_event(const toml::table& table, const std::string& origin,
                std::vector<ScheduledEvent>& events, ProblemList& problems) {
  const std::size_t problems_before = problems.size();
  ScheduledEvent event;
  event.week = 0;
  event.origin = location(origin, table.source());

  for (auto&& [name, node] : table) {
    if (name.str() == "week" || name.str() == "set") continue;
    std::string message = "unknown key " + in_quotes(name.str()) + " in [[events]]";
    if (const auto suggestion = closest_match(name.str(), {"week", "set"})) {
      message += "; did you mean " + in_quotes(*suggestion) + "?";
    }
    problems.add(name.source(),
                 message + " (an event has week = <week> and set = { \"key\" = value })");
  }

  const toml::node* week = table.get("week");
  if (week == nullptr) {
    problems.add(table.source(), "[[events]] entry is missing week = <week number, 0 or more>");
  } else if (!week->is_integer()) {
    problems.add(week->source(), "events week: expected an integer week number (0 or more), got " +
                                     describe(*week));
  } else if (week->as_integer()->get() < 0) {
    problems.add(week->source(), "events week: " + std::to_string(week->as_integer()->get()) +
                                     " is out of range; valid weeks are 0 or more");
  } else {
    event.week = week->as_integer()->get();
  }

  const toml::node* set = table.get("set");
  const toml::table* assignments = set != nullptr ? set->as_table() : nullptr;
  if (set == nullptr) {
    problems.add(table.source(), "[[events]] entry is missing set = { \"key\" = value, ... }");
  } else if (assignments == nullptr) {
    problems.add(set->source(),
                 "events set: expected a table like { \"fees.schedule\" = \"flat\" }, got " +
                     describe(*set));
  } else if (assignments->empty()) {
    problems.add(set->source(), "events set is empty; name at least one parameter to change");
  } else {
    std::vector<Leaf> leaves;
    collect_table(*assignments, "", leaves, problems);
    sort_by_position(leaves);
    std::map<std::string, const toml::key*> seen;
    for (const Leaf& leaf : leaves) {
      if (is_duplicate(leaf, seen, problems)) continue;
      if (!leaf.target.event_settable()) {
        problems.add(leaf.name->source(),
                     in_quotes(leaf.target.key) +
                         " cannot be set by an event: it is fixed for the whole run");
        continue;
      }
      try {
        event.assignments.push_back(make_assignment(leaf.target, *leaf.value));
      } catch (const InputError& error) {
        problems.add(leaf.value->source(), error.what());
      }
    }
  }
  if (problems.size() == problems_before) events.push_back(std::move(event));
}

void read_events(const toml::node& node, const std::string& origin,
                 std::vector<ScheduledEvent>& events, ProblemList& problems) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    problems.add(node.source(),
                 "events: expected [[events]] tables with week and set, got " + describe(node));
    return;
  }
  for (const toml::node& element : *array) {
    if (const toml::table* table = element.as_table()) {
      read_event(*table, origin, events, problems);
    } else {
      problems.add(element.source(),
                   "events: expected a table with week and set, got " + describe(element));
    }
  }
}

std::string read_text_file(const fs::path& path) {
  const auto fail = [&](const std::string& reason) {
    return InputError("cannot read scenario file '" + path.string() + "': " + reason);
  };
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw fail(error ? error.message()
                     : std::make_error_code(std::errc::no_such_file_or_directory).message());
  }
  if (fs::is_directory(path, error)) {
    throw fail(std::make_error_code(std::errc::is_a_directory).message());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw fail(std::generic_category().message(errno));
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) throw fail("read error");
  return text.str();
}

/// Loads files and texts, following `extends` and detecting cycles.
class Loader {
 public:
  Scenario load_file(const fs::path& path) {
    const std::string text = read_text_file(path);
    std::error_code error;
    chain_.push_back({fs::weakly_canonical(path, error), path.string()});
    Scenario scenario = load_text(text, path.string(), path.parent_path());
    chain_.pop_back();
    return scenario;
  }

  Scenario load_text(std::string_view text, const std::string& origin, const fs::path& base_dir) {
    toml::table root;
    try {
      root = toml::parse(text, std::string_view(origin));
    } catch (const toml::parse_error& error) {
      throw InputError(location(origin, error.source()) +
                       ": TOML syntax error: " + std::string(error.description()));
    }

    ProblemList problems(origin);
    Scenario scenario;
    if (const toml::node* extends = root.get("extends")) {
      if (const toml::value<std::string>* base_name = extends->as_string()) {
        scenario =
            load_base(fs::path(base_name->get()), base_dir, location(origin, extends->source()));
      } else {
        problems.add(extends->source(),
                     "extends: expected the file name of a base scenario, e.g. extends = "
                     "\"baseline.toml\", got " +
                         describe(*extends));
        scenario.params = default_params();
      }
    } else {
      scenario.params = default_params();
    }
    scenario.origin = origin;

    std::vector<Leaf> leaves;
    for (auto&& [name, node] : root) {
      if (name.str() == "extends" || name.str() == "events") continue;
      collect_entry(std::string(name.str()), name, node, leaves, problems);
    }
    sort_by_position(leaves);
    std::map<std::string, const toml::key*> seen;
    for (const Leaf& leaf : leaves) {
      if (is_duplicate(leaf, seen, problems)) continue;
      try {
        assign_parameter(scenario.params, make_assignment(leaf.target, *leaf.value));
      } catch (const InputError& error) {
        problems.add(leaf.value->source(), error.what());
      }
    }

    if (const toml::node* events = root.get("events")) {
      read_events(*events, origin, scenario.events, problems);
    }
    problems.throw_if_any();
    // The base's events come first, so equal weeks keep base-then-file order.
    std::stable_sort(
        scenario.events.begin(), scenario.events.end(),
        [](const ScheduledEvent& a, const ScheduledEvent& b) { return a.week < b.week; });
    return scenario;
  }

 private:
  struct ChainEntry {
    fs::path canonical;
    std::string name;
  };

  /// `where` is "file:line:column" of the extends value: base problems name the extending line.
  Scenario load_base(const fs::path& name, const fs::path& base_dir, const std::string& where) {
    const fs::path path = name.is_absolute() || base_dir.empty() ? name : base_dir / name;
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(path, error);
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (chain_[i].canonical != canonical) continue;
      std::vector<std::string> names;
      for (std::size_t j = i; j < chain_.size(); ++j) names.push_back(chain_[j].name);
      names.push_back(path.string());
      throw InputError(where + ": extends cycle: " + join(names, " -> "));
    }
    std::string text;
    try {
      text = read_text_file(path);
    } catch (const InputError& read_error) {
      throw InputError(where + ": " + read_error.what() + " (named by extends)");
    }
    chain_.push_back({canonical, path.string()});
    Scenario base = load_text(text, path.string(), path.parent_path());
    chain_.pop_back();
    return base;
  }

  std::vector<ChainEntry> chain_;  // files being loaded, outermost first
};

std::string problem_list(const std::vector<std::string>& problems) {
  std::string text;
  for (const std::string& problem : problems) text += "\n  - " + problem;
  return text;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// ---------------------------------------------------------------------------------------------
// Rendering

void write_comment(std::ostringstream& out, std::string_view text) {
  out << "# ";
  for (char c : text) {
    out << c;
    if (c == '\n') out << "# ";
  }
  out << "\n";
}

void write_docs(std::ostringstream& out, const Target& target, std::string_view source) {
  write_comment(out, target.doc());
  std::string limits;
  if (target.type() == ParamType::choice) {
    limits = "choices: " + join(choice_names(*target.param), ", ");
  } else if (target.type() == ParamType::boolean) {
    limits = "true or false";
  } else {
    limits = "range: " + range_text(target);
  }
  limits += target.event_settable() ? "; events may change it"
                                    : "; fixed for the whole run (events cannot change it)";
  write_comment(out, limits);
  if (!source.empty()) write_comment(out, "source: " + std::string(source));
}

bool is_bare_key(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string toml_key(std::string_view name) {
  return is_bare_key(name) ? std::string(name) : in_quotes(name);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public interface

Scenario load_scenario_file(const std::filesystem::path& path) {
  Scenario scenario = Loader().load_file(path);
  check_consistency(scenario);
  return scenario;
}

Scenario load_scenario_text(std::string_view text, std::string_view origin,
                            const std::filesystem::path& base_dir) {
  Scenario scenario = Loader().load_text(text, std::string(origin), base_dir);
  check_consistency(scenario);
  return scenario;
}

Scenario load_embedded_baseline() {
  return load_scenario_text(embedded_baseline_toml(), "<embedded baseline>",
                            std::filesystem::current_path());
}

void apply_set_option(Scenario& scenario, std::string_view key_equals_value) {
  const std::string option = "--set " + std::string(key_equals_value) + ": ";
  const std::size_t equals = key_equals_value.find('=');
  if (equals == std::string_view::npos || trim(key_equals_value.substr(0, equals)).empty()) {
    throw InputError(option + "expected KEY=VALUE, e.g. --set market.bid_cost_usd=0.5");
  }
  const std::string key(trim(key_equals_value.substr(0, equals)));
  const std::string value(trim(key_equals_value.substr(equals + 1)));
  const std::optional<Target> target = find_target(key);
  if (!target) throw InputError(option + unknown_name_message(key, false));

  // The value is TOML (0.5, 12, "flat"); a bare word that is not TOML is taken as a string, so
  // --set fees.schedule=flat works without shell-quoted quotes.
  toml::table parsed;
  try {
    parsed = toml::parse("value = " + value);
  } catch (const toml::parse_error&) {
    parsed = toml::table{};
  }
  if (parsed.size() != 1 || parsed.get("value") == nullptr) {
    parsed = toml::table{};
    parsed.insert("value", value);
  }
  try {
    assign_parameter(scenario.params, make_assignment(*target, *parsed.get("value")));
  } catch (const InputError& error) {
    throw InputError(option + error.what());
  }
}

void assign_parameter(Params& params, const Assignment& assignment) {
  const std::optional<Target> target = find_target(assignment.key);
  if (!target) throw InputError(unknown_name_message(assignment.key, false));
  check_value(*target, assignment.value);
  store(params, *target, assignment.value);
}

void check_consistency(const Scenario& scenario) {
  const std::string origin = scenario.origin.empty() ? "scenario" : scenario.origin;
  const std::vector<std::string> problems = consistency_problems(scenario.params);
  if (!problems.empty()) {
    throw InputError(origin + ": the parameters are inconsistent:" + problem_list(problems));
  }
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
    const std::vector<std::string> after_events = consistency_problems(params);
    if (!after_events.empty()) {
      throw InputError(events[end - 1].origin + ": after the events of week " +
                       std::to_string(events[first].week) +
                       " the parameters are inconsistent:" + problem_list(after_events));
    }
    first = end;
  }
}

std::string render_toml(const Scenario& scenario, bool with_docs) {
  std::ostringstream out;
  out << "# The resolved gigsim scenario: every parameter, category and event with its value.\n";
  if (!scenario.origin.empty()) out << "# Resolved from: " << scenario.origin << "\n";
  if (with_docs) {
    out << "# Each key is preceded by its documentation, unit and valid range or choices,\n"
           "# whether events may change it, and the source of its default.\n";
  }

  // Parameters, grouped by section in the order sections first appear in the table.
  std::vector<std::string> sections;
  for (const ParamSpec& spec : parameter_table()) {
    const std::size_t dot = spec.key.rfind('.');
    const std::string section(dot == std::string_view::npos ? "" : spec.key.substr(0, dot));
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      sections.push_back(section);
    }
  }
  // Keys without a section must precede every [table]; "" sorts first.
  std::stable_partition(sections.begin(), sections.end(),
                        [](const std::string& section) { return section.empty(); });
  for (const std::string& section : sections) {
    if (!section.empty()) out << "\n[" << section << "]\n";
    for (const ParamSpec& spec : parameter_table()) {
      const std::size_t dot = spec.key.rfind('.');
      const std::string_view spec_section =
          dot == std::string_view::npos ? std::string_view() : spec.key.substr(0, dot);
      if (spec_section != section) continue;
      const Target target = *find_target(spec.key);
      if (with_docs) {
        out << "\n";
        write_docs(out, target, spec.source);
      }
      const std::string_view name = spec.key.substr(dot == std::string_view::npos ? 0 : dot + 1);
      out << toml_key(name) << " = " << value_as_toml(target, stored_value(scenario.params, target))
          << "\n";
    }
  }

  // Categories: the fixed set, each with every field.
  for (const CategoryParams& category : scenario.params.categories) {
    out << "\n[categories." << toml_key(category.name) << "]\n";
    std::string_view source;
    for (const CategoryDefaults& defaults : default_categories()) {
      if (defaults.name == category.name) source = defaults.source;
    }
    for (const CategoryFieldSpec& field : category_field_table()) {
      const std::string key =
          std::string(kCategoriesPrefix) + category.name + "." + std::string(field.field);
      const std::optional<Target> target = find_target(key);
      if (with_docs) {
        out << "\n";
        if (target) write_docs(out, *target, source);
      }
      const double value = target ? stored_value(scenario.params, *target) : 0.0;
      out << toml_key(field.field) << " = " << toml_real(value) << "\n";
    }
  }

  // Events, in week order.
  if (with_docs && !scenario.events.empty()) {
    out << "\n# Scheduled events: at the start of week `week` the parameters in `set` change.\n";
  }
  for (const ScheduledEvent& event : scenario.events) {
    out << "\n[[events]]\n";
    if (with_docs && !event.origin.empty()) out << "# from " << event.origin << "\n";
    out << "week = " << event.week << "\n";
    std::vector<std::string> assignments;
    for (const Assignment& assignment : event.assignments) {
      const std::optional<Target> target = find_target(assignment.key);
      assignments.push_back(
          in_quotes(assignment.key) + " = " +
          (target ? value_as_toml(*target, assignment.value) : toml_real(assignment.value)));
    }
    out << "set = { " << join(assignments, ", ") << " }\n";
  }
  return out.str();
}

}  // namespace gigsim
