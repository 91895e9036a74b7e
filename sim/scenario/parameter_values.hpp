#pragma once
// Parameter values: typing TOML values by the parameter table, range checks, reading and writing
// the typed fields of Params, and values as the scenario writes them.
// Internal to the scenario layer (sim/scenario/).
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "scenario/key_index.hpp"
#include "scenario/scenario.hpp"

namespace gigsim::scenario_detail {

/// A TOML value for messages: "the string \"52\"", "the integer 3", "a table".
std::string describe(const toml::node& node);

/// The names of a choice parameter, quoted: "\"flat\"", "\"sliding\"".
std::vector<std::string> choice_names(const ParamSpec& spec);

/// The value as the scenario writes it: choice name, integer, real (always with '.' or exponent).
std::string value_as_toml(const Target& target, double value);

/// Assignment::value_text: the choice name unquoted, numbers as in TOML.
std::string value_text(const Target& target, double value);

/// "[0, 1] USD": the valid range and unit.
std::string range_text(const Target& target);

/// Throws InputError (without a location) unless `value` is valid for `target`.
void check_value(const Target& target, double value);

/// A validated assignment from a TOML value; throws InputError (without a location).
Assignment make_assignment(const Target& target, const toml::node& node);

/// Writes a checked value into the typed field `target` names.
void store(Params& params, const Target& target, double value);

/// Reads the typed field `target` names.
double stored_value(const Params& params, const Target& target);

}  // namespace gigsim::scenario_detail
