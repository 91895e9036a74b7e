#pragma once
// Numbers and names as text, for TOML the scenario layer writes and for its messages.
// Internal to the scenario layer (sim/scenario/).
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace gigsim::scenario_detail {

/// Shortest text that reads back as the same double: "0.3", "1e+09", "20".
std::string shortest(double value);

/// A TOML float that round-trips exactly, with ".0" where TOML would otherwise read an integer.
std::string toml_real(double value);

/// A number for people to read in messages and comments: 50000000 rather than 5e+07.
std::string readable_number(double value);

std::string in_quotes(std::string_view text);

/// A name from the user in quotes, shortened when long: a 1 MB key does not make a 1 MB message.
std::string quoted_name(std::string_view name);

/// A TOML value for messages: "the string \"52\"", "the integer 3", "a table".
std::string describe(const toml::node& node);

std::string join(const std::vector<std::string>& items, std::string_view separator);

/// "file:line:column" of a place in a TOML document read from `origin`.
std::string location(std::string_view origin, const toml::source_region& where);

/// A key as TOML writes it: bare when it can be, quoted otherwise.
std::string toml_key(std::string_view name);

}  // namespace gigsim::scenario_detail
