#pragma once
// Which dotted keys a scenario may set and what each names (a parameter of the table, or one
// field of one category), and the message for a name that is none of them.
// Internal to the scenario layer (sim/scenario/).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/parameter_table.hpp"

namespace gigsim::scenario_detail {

inline constexpr std::string_view kCategoriesPrefix = "categories.";

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

/// The target of `key`, or nothing when no parameter has that key.
std::optional<Target> find_target(std::string_view key);

/// Is `name` a proper prefix of some key ("market", "categories", "categories.web")?
bool is_section(std::string_view name);

/// The distinct next components of the keys below `section` ("run" -> weeks, seed, replicate).
std::vector<std::string> children_of(std::string_view section);

/// "unknown key ...; did you mean ...?" or, failing a close match, what the section holds.
/// `is_table` says whether the unknown name heads a table ([markt]) or a value (markt.x = 1).
std::string unknown_name_message(std::string_view key, bool is_table);

}  // namespace gigsim::scenario_detail
