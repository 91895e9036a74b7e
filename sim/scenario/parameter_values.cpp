// Parameter values: types, ranges and typed fields; see parameter_values.hpp.
#include "scenario/parameter_values.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/errors.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

CategoryParams* find_category(Params& params, std::string_view name) {
  for (CategoryParams& category : params.categories) {
    if (category.name == name) return &category;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> choice_names(const ParamSpec& spec) {
  std::vector<std::string> names;
  for (std::string_view choice : spec.choices) names.push_back(in_quotes(choice));
  return names;
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

}  // namespace gigsim::scenario_detail
