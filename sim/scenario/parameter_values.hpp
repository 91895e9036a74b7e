#pragma once
// Parameter values: typing TOML values by the parameter tables, range checks, reading and writing
// the typed fields of Params and its members, and values as the scenario writes them.
// Internal to the scenario layer (sim/scenario/).
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/errors.hpp"
#include "scenario/key_index.hpp"
#include "scenario/scenario.hpp"

namespace gigsim::scenario_detail {

/// A bad value whose problem lies at one place inside it (an element of a list of points).
class ValueErrorAt : public InputError {
 public:
  ValueErrorAt(const toml::source_region& where, const std::string& message)
      : InputError(message), where_(where) {}
  const toml::source_region& where() const { return where_; }

 private:
  toml::source_region where_;
};

/// The names of a choice, quoted: "\"flat\"", "\"sliding\"".
std::vector<std::string> choice_names(const FieldInfo& field);

/// "[0, 1] USD": the valid range and unit.
std::string range_text(const Target& target);

/// A validated assignment from a TOML value; throws InputError (without a location) or
/// ValueErrorAt (the place of a bad element inside the value).
Assignment make_assignment(const Target& target, const toml::node& node);

/// Throws InputError (without a location) unless the assignment's value is valid for `target`.
void check_assignment(const Target& target, const Assignment& assignment);

/// The assignment's value as the scenario writes it: choice name in quotes, integer, real
/// (always with '.' or exponent), list of points.
std::string assignment_as_toml(const Target& target, const Assignment& assignment);

/// Writes a checked value into the typed field `target` names.
void store(Params& params, const Target& target, const Assignment& assignment);

/// The value of the typed field `target` names, as the scenario writes it.
std::string stored_as_toml(const Params& params, const Target& target);

}  // namespace gigsim::scenario_detail
