#pragma once
// The one source of truth for every scenario parameter: key, type, default, valid range or
// choices, unit, documentation, source of the default, whether events may change it, and how
// to reach the typed field. Parsing, validation, `show-defaults` and docs/parameters.md all
// come from these tables:
//   parameter_table()        the parameters of the model, one row per key ("market.bid_cost_usd")
//   category_field_table()   the fields of each job category, [categories.<name>]
//   technology_field_table() the fields of each AI technology, [ai.technologies.<name>]
// Adding a row is all it takes to add a parameter or a member field.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/params.hpp"

namespace gigsim {

/// `points` is a list of [weeks_after_release, level] pairs (CapabilityPoint), weeks ascending.
enum class ParamType { integer, real, boolean, choice, points };

/// What every row of every table says about its value.
struct FieldInfo {
  std::string_view key;  // a parameter's dotted key ("market.bid_cost_usd"), or a member field's
                         // name within its member's table ("budget_rate_usd")
  ParamType type;
  double default_value;  // members: the generic default of a newly declared member; integers and
                         // choice indices are exact in a double; points: the empty list
  double min_value;      // inclusive range (integer, real; for points, the level)
  double max_value;
  std::string_view unit;
  std::string_view doc;
  std::string_view source;                // published figure or reasoning behind the default
  bool event_settable;                    // may a [[events]] entry change it during a run?
  std::vector<std::string_view> choices;  // names of a choice, index = enum value
};

/// A row of a table whose values live in `Owner` (Params, CategoryParams or AiTechnologyParams).
/// Exactly one way to reach the field is set, matching `type` (booleans use get/set_choice with
/// 0 = false, 1 = true).
template <typename Owner>
struct FieldSpec : FieldInfo {
  std::int64_t& (*integer_field)(Owner&) = nullptr;
  double& (*real_field)(Owner&) = nullptr;
  int (*get_choice)(const Owner&) = nullptr;
  void (*set_choice)(Owner&, int) = nullptr;
  std::vector<CapabilityPoint>& (*points_field)(Owner&) = nullptr;
  /// A real with one value per AI technology (a category's exposure), written
  /// `<field>.<technology> = value`; the vector is indexed like Params::technologies.
  std::vector<double>& (*per_technology_field)(Owner&) = nullptr;
};

using ParamSpec = FieldSpec<Params>;
using CategoryFieldSpec = FieldSpec<CategoryParams>;
using TechnologyFieldSpec = FieldSpec<AiTechnologyParams>;

/// A value a default member gives one of its number fields (integer, real, choice index).
struct DefaultValue {
  std::string_view field;
  double value;
};

/// A default category: the fields it sets (the others take their row's generic default).
struct CategoryDefaults {
  std::string_view name;
  std::string_view source;  // of the values listed
  std::vector<DefaultValue> values;
};

/// A default AI technology (fields as for categories) and each default category's exposure to
/// it (categories not listed have exposure 0).
struct TechnologyDefaults {
  struct Exposure {
    std::string_view category;
    double share;
  };
  std::string_view name;
  std::string_view source;  // of the values listed
  std::vector<DefaultValue> values;
  std::string_view exposure_source;
  std::vector<Exposure> exposure;
};

const std::vector<ParamSpec>& parameter_table();
const std::vector<CategoryFieldSpec>& category_field_table();
const std::vector<TechnologyFieldSpec>& technology_field_table();
const std::vector<CategoryDefaults>& default_categories();
const std::vector<TechnologyDefaults>& default_technologies();

/// All parameters at their defaults (the embedded baseline may differ; see scenarios/).
Params default_params();

/// A category declared by a scenario: every field at its generic default, exposure 0 to each
/// of `technology_count` technologies.
CategoryParams new_category(std::string name, std::size_t technology_count);
/// An AI technology declared by a scenario: every field at its generic default.
AiTechnologyParams new_technology(std::string name);

/// One cross-parameter inconsistency and the keys involved (full dotted keys), so that the
/// message can point at where one of them was set.
struct ConsistencyProblem {
  std::string message;
  std::vector<std::string> keys;
};

/// Cross-parameter consistency (strategy shares sum to 1, tier limits ordered, ...).
/// Empty when consistent.
std::vector<ConsistencyProblem> consistency_problems(const Params& params);

}  // namespace gigsim
