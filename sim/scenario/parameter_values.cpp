// Parameter values: types, ranges and typed fields; see parameter_values.hpp.
#include "scenario/parameter_values.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "scenario/members.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

/// An integer value for messages and TOML; values beyond int64 (from a double) stay readable.
std::string integer_text(double value) {
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (value >= -kLimit && value < kLimit) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  return shortest(value);
}

std::string number_as_toml(const Target& target, double value) {
  switch (target.type()) {
    case ParamType::integer:
      return integer_text(value);
    case ParamType::boolean:
      return value != 0.0 ? "true" : "false";
    case ParamType::choice: {
      const auto& choices = target.choices();
      if (value >= 0.0 && value < static_cast<double>(choices.size())) {
        return in_quotes(choices[static_cast<std::size_t>(value)]);
      }
      return shortest(value);
    }
    case ParamType::real:
    case ParamType::points:
      break;
  }
  return toml_real(value);
}

std::string points_as_toml(const std::vector<CapabilityPoint>& points) {
  std::vector<std::string> items;
  for (const CapabilityPoint& point : points) {
    items.push_back("[" + toml_real(point.weeks_after_release) + ", " + toml_real(point.level) +
                    "]");
  }
  return "[" + join(items, ", ") + "]";
}

/// Assignment::value_text: the choice name unquoted, everything else as in TOML.
std::string value_text(const Target& target, const Assignment& assignment) {
  if (target.type() == ParamType::choice) {
    const auto& choices = target.choices();
    if (assignment.value >= 0.0 && assignment.value < static_cast<double>(choices.size())) {
      return std::string(choices[static_cast<std::size_t>(assignment.value)]);
    }
  }
  return assignment_as_toml(target, assignment);
}

std::string out_of_range(const Target& target, const std::string& value) {
  return target.key + ": " + value + " is out of range; valid range is " + range_text(target);
}

void check_number(const Target& target, double value) {
  const std::string& key = target.key;
  if (!std::isfinite(value)) {
    throw InputError(key + ": expected a finite number, got " + shortest(value));
  }
  const bool whole = std::floor(value) == value;
  switch (target.type()) {
    case ParamType::choice: {
      const double count = static_cast<double>(target.choices().size());
      if (!whole || value < 0.0 || value >= count) {
        throw InputError(
            key + ": choice index " + shortest(value) +
            " is not valid; valid choices: " + join(choice_names(*target.field), ", "));
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
    case ParamType::points:
      break;
  }
  if (value < target.min_value() || value > target.max_value()) {
    throw InputError(out_of_range(target, number_as_toml(target, value)));
  }
}

/// "point 2 ([26, 0.3]): ..." problems of one point, given the point before it.
std::string point_problem(const Target& target, const CapabilityPoint& point,
                          const CapabilityPoint* before, bool* at_level) {
  *at_level = false;
  if (!std::isfinite(point.weeks_after_release) || point.weeks_after_release < 0.0) {
    return "weeks_after_release " + shortest(point.weeks_after_release) +
           " is out of range; weeks are 0 or more";
  }
  if (before != nullptr && point.weeks_after_release <= before->weeks_after_release) {
    return "week " + shortest(point.weeks_after_release) + " does not come after week " +
           shortest(before->weeks_after_release) + " of the point before (weeks ascend)";
  }
  *at_level = true;
  if (!std::isfinite(point.level) || point.level < target.min_value() ||
      point.level > target.max_value()) {
    return "level " + shortest(point.level) + " is out of range; valid range is " +
           range_text(target);
  }
  return {};
}

std::string point_name(const Target& target, std::size_t index) {
  return target.key + ": point " + std::to_string(index + 1) + ": ";
}

std::vector<CapabilityPoint> read_points(const Target& target, const toml::node& node) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    throw InputError(target.key +
                     ": expected a list of [weeks_after_release, level] points, e.g. "
                     "[[0, 0.0], [26, 0.3], [104, 0.9]], got " +
                     describe(node));
  }
  const auto number = [](const toml::node& element) -> std::optional<double> {
    if (element.is_integer()) return static_cast<double>(element.as_integer()->get());
    if (element.is_floating_point()) return element.as_floating_point()->get();
    return std::nullopt;
  };
  std::vector<CapabilityPoint> points;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const toml::array* pair = element.as_array();
    if (pair == nullptr || pair->size() != 2) {
      throw ValueErrorAt(element.source(), point_name(target, i) +
                                               "expected [weeks_after_release, level], got " +
                                               describe(element));
    }
    const std::optional<double> weeks = number(*pair->get(0));
    const std::optional<double> level = number(*pair->get(1));
    if (!weeks || !level) {
      const toml::node& bad = !weeks ? *pair->get(0) : *pair->get(1);
      throw ValueErrorAt(bad.source(),
                         point_name(target, i) + "expected a number, got " + describe(bad));
    }
    const CapabilityPoint point{*weeks, *level};
    bool at_level = false;
    const std::string problem =
        point_problem(target, point, points.empty() ? nullptr : &points.back(), &at_level);
    if (!problem.empty()) {
      throw ValueErrorAt(pair->get(at_level ? 1 : 0)->source(), point_name(target, i) + problem);
    }
    points.push_back(point);
  }
  return points;
}

template <typename Owner>
void store_field(const FieldSpec<Owner>& spec, Owner& owner, const Assignment& assignment) {
  switch (spec.type) {
    case ParamType::integer:
      spec.integer_field(owner) = static_cast<std::int64_t>(assignment.value);
      return;
    case ParamType::real:
      spec.real_field(owner) = assignment.value;
      return;
    case ParamType::choice:
    case ParamType::boolean:
      spec.set_choice(owner, static_cast<int>(assignment.value));
      return;
    case ParamType::points:
      spec.points_field(owner) = assignment.points;
      return;
  }
}

template <typename Owner>
std::string field_as_toml(const Target& target, const FieldSpec<Owner>& spec, Owner& owner) {
  switch (spec.type) {
    case ParamType::integer:
      return number_as_toml(target, static_cast<double>(spec.integer_field(owner)));
    case ParamType::real:
      return number_as_toml(target, spec.real_field(owner));
    case ParamType::choice:
    case ParamType::boolean:
      return number_as_toml(target, static_cast<double>(spec.get_choice(owner)));
    case ParamType::points:
      return points_as_toml(spec.points_field(owner));
  }
  return {};
}

template <typename Member>
Member& member_of(Member* member, const Target& target, std::string_view noun) {
  if (member == nullptr) {
    throw InputError(target.key + ": these parameters have no " + std::string(noun) + " " +
                     in_quotes(target.member));
  }
  return *member;
}

double& per_technology_value(CategoryParams& category, const Target& target) {
  std::vector<double>& values = target.category_field->per_technology_field(category);
  if (target.technology >= values.size()) {
    throw InputError(target.key + ": no such technology in category " + in_quotes(category.name));
  }
  return values[target.technology];
}

}  // namespace

std::vector<std::string> choice_names(const FieldInfo& field) {
  std::vector<std::string> names;
  for (std::string_view choice : field.choices) names.push_back(in_quotes(choice));
  return names;
}

std::string range_text(const Target& target) {
  std::string text =
      "[" + readable_number(target.min_value()) + ", " + readable_number(target.max_value()) + "]";
  if (!target.unit().empty()) text += " " + std::string(target.unit());
  return text;
}

Assignment make_assignment(const Target& target, const toml::node& node) {
  const std::string& key = target.key;
  Assignment assignment{key, 0.0, {}};
  switch (target.type()) {
    case ParamType::integer: {
      if (!node.is_integer()) {
        throw InputError(key + ": expected an integer, got " + describe(node));
      }
      // Compared as integers: a double cannot hold every int64 (2^63 - 1 would round up).
      const std::int64_t value = node.as_integer()->get();
      if (value < static_cast<std::int64_t>(target.min_value()) ||
          value > static_cast<std::int64_t>(target.max_value())) {
        throw InputError(out_of_range(target, std::to_string(value)));
      }
      assignment.value = static_cast<double>(value);
      break;
    }
    case ParamType::real:
      if (node.is_integer()) {
        assignment.value = static_cast<double>(node.as_integer()->get());
      } else if (node.is_floating_point()) {
        assignment.value = node.as_floating_point()->get();
      } else {
        throw InputError(key + ": expected a number, got " + describe(node));
      }
      break;
    case ParamType::boolean:
      if (!node.is_boolean()) {
        throw InputError(key + ": expected true or false, got " + describe(node));
      }
      assignment.value = node.as_boolean()->get() ? 1.0 : 0.0;
      break;
    case ParamType::choice: {
      const std::vector<std::string> valid = choice_names(*target.field);
      if (!node.is_string()) {
        throw InputError(key + ": expected one of " + join(valid, ", ") + ", got " +
                         describe(node));
      }
      const std::string& name = node.as_string()->get();
      const auto& choices = target.choices();
      const auto found = std::find(choices.begin(), choices.end(), name);
      if (found == choices.end()) {
        throw InputError(key + ": " + quoted_name(name) +
                         " is not a valid choice; valid choices: " + join(valid, ", "));
      }
      assignment.value = static_cast<double>(found - choices.begin());
      break;
    }
    case ParamType::points:
      assignment.points = read_points(target, node);
      break;
  }
  check_assignment(target, assignment);
  assignment.value_text = value_text(target, assignment);
  return assignment;
}

void check_assignment(const Target& target, const Assignment& assignment) {
  if (target.type() != ParamType::points) {
    check_number(target, assignment.value);
    return;
  }
  for (std::size_t i = 0; i < assignment.points.size(); ++i) {
    bool at_level = false;
    const std::string problem = point_problem(
        target, assignment.points[i], i == 0 ? nullptr : &assignment.points[i - 1], &at_level);
    if (!problem.empty()) throw InputError(point_name(target, i) + problem);
  }
}

std::string assignment_as_toml(const Target& target, const Assignment& assignment) {
  if (target.type() == ParamType::points) return points_as_toml(assignment.points);
  return number_as_toml(target, assignment.value);
}

void store(Params& params, const Target& target, const Assignment& assignment) {
  if (target.param != nullptr) {
    store_field(*target.param, params, assignment);
  } else if (target.category_field != nullptr) {
    CategoryParams& category = member_of(find_category(params, target.member), target, "category");
    if (target.category_field->per_technology_field != nullptr) {
      per_technology_value(category, target) = assignment.value;
    } else {
      store_field(*target.category_field, category, assignment);
    }
  } else {
    store_field(*target.technology_field,
                member_of(find_technology(params, target.member), target, "technology"),
                assignment);
  }
}

std::string stored_as_toml(const Params& params, const Target& target) {
  // The tables' accessors take a mutable owner; they are only read here.
  Params& readable = const_cast<Params&>(params);
  if (target.param != nullptr) return field_as_toml(target, *target.param, readable);
  if (target.category_field != nullptr) {
    CategoryParams& category =
        member_of(find_category(readable, target.member), target, "category");
    if (target.category_field->per_technology_field != nullptr) {
      return number_as_toml(target, per_technology_value(category, target));
    }
    return field_as_toml(target, *target.category_field, category);
  }
  return field_as_toml(target, *target.technology_field,
                       member_of(find_technology(readable, target.member), target, "technology"));
}

}  // namespace gigsim::scenario_detail
