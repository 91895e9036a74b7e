#pragma once
// Which dotted keys a scenario may set and what each names: a parameter of the table, a field of
// one category ("categories.web.budget_rate_usd", "categories.web.exposure.llm") or of one AI
// technology ("ai.technologies.llm.ceiling"); and the message for a name that is none of them.
// Member keys depend on the members `params` has. Internal to the scenario layer (sim/scenario/).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/parameter_table.hpp"

namespace gigsim::scenario_detail {

/// What a dotted key names.
struct Target {
  std::string key;
  const FieldInfo* field = nullptr;  // the row of whichever table, for type, range and docs
  const ParamSpec* param = nullptr;  // a parameter of the table, or
  const CategoryFieldSpec* category_field = nullptr;      // a field of category `member`, or
  const TechnologyFieldSpec* technology_field = nullptr;  // a field of technology `member`
  std::string member;
  std::size_t technology = 0;  // per-technology category fields: index in Params::technologies

  ParamType type() const { return field->type; }
  double min_value() const { return field->min_value; }
  double max_value() const { return field->max_value; }
  std::string_view unit() const { return field->unit; }
  std::string_view doc() const { return field->doc; }
  bool event_settable() const { return field->event_settable; }
  const std::vector<std::string_view>& choices() const { return field->choices; }
};

/// The target of `key` among the parameters and the members of `params`, or nothing.
std::optional<Target> find_target(std::string_view key, const Params& params);

/// Is `name` a proper prefix of some key ("market", "ai.technologies", "categories.web")?
bool is_section(std::string_view name, const Params& params);

/// The distinct next components of the keys below `section` ("run" -> weeks, seed, ...).
std::vector<std::string> children_of(std::string_view section, const Params& params);

/// Is `key` "categories.<name>" or "ai.technologies.<name>" for a member `params` lacks?
bool is_undeclared_member(std::string_view key, const Params& params);

/// If `key` lies below a category or technology that `params` does not have, "unknown category
/// ..." with a suggestion; nothing otherwise.
std::optional<std::string> unknown_member_message(std::string_view key, const Params& params);

/// "unknown key ...; did you mean ...?" or, failing a close match, what the section holds.
/// `is_table` says whether the unknown name heads a table ([markt]) or a value (markt.x = 1).
std::string unknown_name_message(std::string_view key, bool is_table, const Params& params);

}  // namespace gigsim::scenario_detail
