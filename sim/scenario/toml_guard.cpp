// Inputs toml++ 3.3.0 must not see; see toml_guard.hpp.
#include "scenario/toml_guard.hpp"

#include <cstdio>
#include <optional>
#include <string>

#include "core/errors.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

bool is_bare_key_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/// A character for a message: itself when printable ASCII, \uXXXX otherwise.
std::string shown(std::string_view text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte >= 0x20 && byte < 0x7F) return "'" + std::string(1, text[at]) + "'";
  if (byte >= 0x80) {
    // The whole UTF-8 sequence, as the user typed it.
    std::size_t end = at + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    return "'" + std::string(text.substr(at, end - at)) + "'";
  }
  char escaped[8];
  std::snprintf(escaped, sizeof escaped, "\\u%04X", byte);
  return escaped;
}

/// Walks the text as TOML's lexer would, as far as strings, comments and brackets go.
class Scanner {
 public:
  Scanner(std::string_view text, std::string_view origin) : text_(text), origin_(origin) {}

  void run() {
    // A byte order mark may open the file (toml++ skips it).
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (in_token_) {
        // toml++ reads a bare value (number, date, boolean) up to a blank, a comma, a closing
        // bracket or a comment, whatever comes before: `1.5e_re["x`, `+1e'x`, `8{"x` are one
        // token each, and their quotes and brackets open nothing.
        if (ends_bare_value(c)) {
          in_token_ = false;
          continue;
        }
        if (static_cast<unsigned char>(c) >= 0x80) fail_non_ascii();
        advance();
      } else if (c == '\n') {
        if (open_.empty()) in_value_ = false;
        line_start_ = !in_value_;
        advance();
      } else if (c == '#') {
        while (at_ < text_.size() && text_[at_] != '\n') advance();
      } else if ((c == '"' || c == '\'') && opens_string()) {
        skip_string(c);
        line_start_ = false;
        previous_ = c;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        fail_non_ascii();
      } else if (!in_value_) {
        if (line_start_ && c == '[') {
          check_table_header();  // leaves the scan at the key, which may be a string
          line_start_ = false;
          continue;
        }
        if (c == '=') {
          in_value_ = true;
          open_.clear();
          key_expected_ = false;
        }
        if (c != ' ' && c != '\t' && c != '\r') line_start_ = false;
        advance();
      } else if (key_expected_) {  // a key of an inline table: `{ a."b" = 1 }`
        if (c == '=') key_expected_ = false;
        if (c == '}' && !open_.empty()) open_.pop_back();
        advance();
      } else {
        scan_value_character(c);
      }
    }
  }

 private:
  /// In a value, outside strings and bare tokens: brackets nest, a comma or `{` leads to an
  /// inline table's key, anything else but blanks starts a bare token.
  void scan_value_character(char c) {
    if (c == '[' || c == '{') {
      open_.push_back(c);
      key_expected_ = c == '{';
    } else if (c == ']' || c == '}') {
      if (!open_.empty()) open_.pop_back();
    } else if (c == ',') {
      key_expected_ = !open_.empty() && open_.back() == '{';
    } else if (c != ' ' && c != '\t' && c != '\r') {
      in_token_ = true;
    }
    advance();
  }

  static bool ends_bare_value(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' ||
           c == '#';
  }

  [[noreturn]] void fail_non_ascii() const {
    if (in_value_ && !key_expected_) {
      fail("TOML syntax error: " + shown(text_, at_) +
           " outside a string or comment; text in a value must be a quoted string, "
           "e.g. name = \"café\"");
    }
    fail("TOML syntax error: " + shown(text_, at_) +
         " outside a string or comment; a key with characters other than ASCII letters, "
         "digits, '_' and '-' must be quoted, e.g. \"café\" = 1");
  }

  /// Whether a quote here opens a string: only where a key or a value can start (after `=`,
  /// `[`, `{`, `,`, `.` or at a line's start, blanks aside). Elsewhere toml++ reads the quote
  /// as part of a bare token (`+1e'...`, `8{"...`) and runs on to the token's end, so what
  /// follows is not in a string.
  bool opens_string() const {
    return previous_ == '\n' || previous_ == '=' || previous_ == '[' || previous_ == '{' ||
           previous_ == ',' || previous_ == '.';
  }

  void advance() {
    const char c = text_[at_];
    if (c != ' ' && c != '\t' && c != '\r') previous_ = c;
    if (text_[at_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[at_]) & 0xC0) != 0x80) {
      ++column_;  // columns count characters, not the bytes of their UTF-8 encoding
    }
    ++at_;
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(std::string(origin_) + ":" + std::to_string(line_) + ":" +
                     std::to_string(column_) + ": " + message);
  }

  /// `[` or `[[`, blanks, then a key (bare or quoted), `]`, or the end of the text.
  void check_table_header() {
    advance();
    if (at_ < text_.size() && text_[at_] == '[') advance();
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) advance();
    if (at_ == text_.size()) return;
    const char c = text_[at_];
    if (is_bare_key_character(c) || c == '"' || c == '\'' || c == ']') return;
    if (static_cast<unsigned char>(c) >= 0x80) return;  // reported as non-ASCII next
    fail("TOML syntax error: a table header must start with a key, e.g. [market], got " +
         shown(text_, at_));
  }

  /// Skips a basic ("...", with escapes) or literal ('...') string, single- or multi-line. An
  /// unterminated string ends the scan: toml++ reports it.
  void skip_string(char quote) {
    const bool multi_line = text_.substr(at_, 3) == std::string(3, quote);
    const std::size_t opening = multi_line ? 3 : 1;
    for (std::size_t i = 0; i < opening; ++i) advance();
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '\\' && quote == '"') {
        advance();
        if (at_ < text_.size()) advance();
        continue;
      }
      if (c == '\n' && !multi_line) return;
      if (c == quote && (!multi_line || text_.substr(at_, 3) == std::string(3, quote))) {
        for (std::size_t i = 0; i < opening; ++i) advance();
        // A multi-line string may end with one or two more quotes of its own: """a""""".
        while (multi_line && at_ < text_.size() && text_[at_] == quote) advance();
        return;
      }
      advance();
    }
  }

  std::string_view text_;
  std::string_view origin_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
  bool in_value_ = false;      // after `key =`, until the line ends outside brackets
  bool line_start_ = true;     // only blanks so far on this line, outside a value
  std::string open_;           // the brackets ([ and {) open in the current value
  bool key_expected_ = false;  // at a key of an inline table, before its `=`
  bool in_token_ = false;      // inside a bare value (number, date, boolean)
  char previous_ = '\n';       // the last character outside strings and comments, blanks aside
};

}  // namespace

void reject_toml_parser_hazards(std::string_view text, std::string_view origin) {
  Scanner(text, origin).run();
}

namespace {

struct CodePoint {
  char32_t value = 0;
  std::size_t bytes = 1;
};

/// The code point of a well-formed two- or three-byte UTF-8 sequence at `at` (no overlong forms,
/// no surrogates), or nothing: toml++ decodes only well-formed text, so only such sequences can
/// reach its white-space test as characters.
std::optional<CodePoint> two_or_three_byte_sequence(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const auto continuation = [&](std::size_t i) {
    return at + i < text.size() && (byte(i) & 0xC0) == 0x80;
  };
  if (byte(0) >= 0xC2 && byte(0) <= 0xDF && continuation(1)) {
    return CodePoint{static_cast<char32_t>(((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu)), 2};
  }
  if (byte(0) >= 0xE0 && byte(0) <= 0xEF && continuation(1) && continuation(2)) {
    const char32_t value = ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    if (value < 0x800 || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
    return CodePoint{value, 3};
  }
  return std::nullopt;
}

constexpr std::string_view kStandIn2 = "\xD4\x80";      // U+0500
constexpr std::string_view kStandIn3 = "\xE4\xB8\x80";  // U+4E00

/// The byte offset of a 1-based line and column (columns count code points, as toml++'s do).
std::size_t offset_of(std::string_view text, std::size_t line, std::size_t column) {
  std::size_t at = 0;
  for (std::size_t l = 1; l < line && at < text.size(); ++at) {
    if (text[at] == '\n') ++l;
  }
  for (std::size_t c = 1; c < column && at < text.size(); ++c) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

}  // namespace

std::string without_toml_defect_characters(std::string_view text) {
  std::string out(text);
  for (std::size_t at = 0; at < text.size();) {
    const std::optional<CodePoint> point = two_or_three_byte_sequence(text, at);
    if (!point) {
      ++at;
      continue;
    }
    if (reaches_toml_whitespace_defect(point->value)) {
      out.replace(at, point->bytes, point->bytes == 2 ? kStandIn2 : kStandIn3);
    }
    at += point->bytes;
  }
  return out;
}

toml::table parse_toml(std::string_view text, std::string_view origin) {
  const auto syntax_error = [&](const toml::parse_error& error, const std::string& description) {
    return InputError(location(origin, error.source()) + ": TOML syntax error: " + description);
  };
  reject_toml_parser_hazards(text, origin);
  const std::string stand_in = without_toml_defect_characters(text);
  if (stand_in != text) {
    try {
      (void)toml::parse(stand_in, origin);
    } catch (const toml::parse_error& error) {
      std::string description(error.description());
      // toml++ quotes the character it saw: put the user's back where a stand-in took its place.
      const std::size_t at =
          offset_of(text, error.source().begin.line, error.source().begin.column);
      if (at < text.size() && text[at] != stand_in[at]) {
        const std::optional<CodePoint> point = two_or_three_byte_sequence(text, at);
        const std::string_view shown = point && point->bytes == 2 ? kStandIn2 : kStandIn3;
        for (std::size_t found = description.find(shown); found != std::string::npos;
             found = description.find(shown, found + 1)) {
          description.replace(found, shown.size(), text.substr(at, point ? point->bytes : 0));
        }
      }
      throw syntax_error(error, description);
    }
  }
  // The text itself: nothing in it stood in, or it follows the path its stand-in took.
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& error) {
    throw syntax_error(error, std::string(error.description()));
  }
}

}  // namespace gigsim::scenario_detail
