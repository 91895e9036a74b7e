// Numbers and names as text; see toml_text.hpp.
#include "scenario/toml_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace gigsim::scenario_detail {

std::string shortest(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string toml_real(double value) {
  std::string text = shortest(value);
  if (std::isfinite(value) && text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

std::string readable_number(double value) {
  if (std::isfinite(value) && std::floor(value) == value && std::abs(value) < 1e16) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  return shortest(value);
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string quoted_name(std::string_view name) {
  constexpr std::size_t kShown = 60;
  if (name.size() <= kShown + 20) return in_quotes(name);
  return in_quotes(std::string(name.substr(0, kShown)) + "...") + " (" +
         std::to_string(name.size()) + " characters)";
}

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "the string " + quoted_name(node.as_string()->get());
    case toml::node_type::integer:
      return "the integer " + std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point:
      return "the number " + shortest(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "the boolean true" : "the boolean false";
    case toml::node_type::array: {
      const std::size_t size = node.as_array()->size();
      return "an array of " + std::to_string(size) + (size == 1 ? " value" : " values");
    }
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

namespace {

bool is_bare_key(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

}  // namespace

std::string toml_key(std::string_view name) {
  return is_bare_key(name) ? std::string(name) : in_quotes(name);
}

}  // namespace gigsim::scenario_detail
