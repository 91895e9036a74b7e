#pragma once
// The one source of truth for every scenario parameter: key, type, default, valid range or
// choices, unit, documentation, source of the default, whether events may change it, and how
// to reach the typed field. Parsing, validation, `show-defaults` and docs/parameters.md all
// come from these tables.
#include <cstdint>
#include <string_view>
#include <vector>

#include "scenario/params.hpp"

namespace gigsim {

enum class ParamType { integer, real, boolean, choice };

struct ParamSpec {
  std::string_view key;  // dotted TOML key, e.g. "market.bid_cost_usd"
  ParamType type;
  double default_value;  // integers and choice indices are stored exactly in a double
  double min_value;      // inclusive range (integer, real)
  double max_value;
  std::string_view unit;
  std::string_view doc;
  std::string_view source;                // FACTS.md line or reasoning behind the default
  bool event_settable;                    // may a [[events]] entry change it during a run?
  std::vector<std::string_view> choices;  // names of a choice parameter, index = enum value
  // Typed access to the field; exactly one is set, matching `type`.
  std::int64_t& (*integer_field)(Params&) = nullptr;
  double& (*real_field)(Params&) = nullptr;
  int (*get_choice)(const Params&) = nullptr;
  void (*set_choice)(Params&, int) = nullptr;
};

/// Per-category fields, written `[categories.<name>] field = value`.
struct CategoryFieldSpec {
  std::string_view field;  // e.g. "budget_rate_usd"
  double min_value;
  double max_value;
  std::string_view unit;
  std::string_view doc;
  bool event_settable;
  double& (*real_field)(CategoryParams&);
};

/// Default profile of one category; values cite ../shared/FACTS.md in parameter_table.cpp.
struct CategoryDefaults {
  std::string_view name;
  std::string_view source;
  CategoryParams values;
};

const std::vector<ParamSpec>& parameter_table();
const std::vector<CategoryFieldSpec>& category_field_table();
const std::vector<CategoryDefaults>& default_categories();

/// All parameters at their defaults (the embedded baseline may differ; see scenarios/).
Params default_params();

/// Cross-parameter consistency (strategy shares sum to 1, tier limits ordered, ...).
/// Returns one message per problem, naming the keys involved; empty when consistent.
std::vector<std::string> consistency_problems(const Params& params);

}  // namespace gigsim
