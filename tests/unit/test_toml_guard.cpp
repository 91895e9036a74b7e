// The inputs toml++ 3.3.0 must not see (sim/scenario/toml_guard.hpp): rejected with their place,
// and everything else, valid or not, passed on untouched.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/errors.hpp"
#include "scenario/scenario.hpp"
#include "scenario/toml_guard.hpp"

using gigsim::InputError;
using gigsim::scenario_detail::reject_toml_parser_hazards;

namespace {

std::string message_for(const std::string& text) {
  try {
    reject_toml_parser_hazards(text, "s.toml");
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("A non-ASCII character outside strings and comments is rejected where it is",
          "[toml_guard]") {
  CHECK(message_for("a\xC3\xA9 = 1") ==
        "s.toml:1:2: TOML syntax error: '\xC3\xA9' outside a string or comment; a key with "
        "characters other than ASCII letters, digits, '_' and '-' must be quoted, e.g. "
        "\"caf\xC3\xA9\" = 1");
  // Columns count characters: "é" is one column though two bytes.
  CHECK_THAT(message_for("[run]\nweeks = 3 # d\xC3\xA9j\xC3\xA0\nx = { \xC3\xA9 = 1 }"),
             Catch::StartsWith("s.toml:3:7: "));
  CHECK_THAT(message_for("[a.\xC3\xA9]"), Catch::StartsWith("s.toml:1:4: "));
  CHECK_THAT(message_for("x = \"\xC3\xA9\"\n\xE2\x82\xAC = 2"), Catch::StartsWith("s.toml:2:1: "));
}

TEST_CASE("A quote inside a bare token opens no string", "[toml_guard]") {
  // toml++ reads `+1e'...` and `8{"...` as one bare token up to a blank or a bracket, testing
  // each character for white space, which reaches the defect on a non-ASCII one.
  CHECK(message_for("grid = [\n  [ +1e'\xC3\xA9 ]\n]") ==
        "s.toml:2:9: TOML syntax error: '\xC3\xA9' outside a string or comment; text in a value "
        "must be a quoted string, e.g. name = \"caf\xC3\xA9\"");
  CHECK_THAT(message_for("seed=8{{446\"728\xCA\xB4"
                         "d"),
             Catch::StartsWith("s.toml:1:16: "));
  CHECK_THAT(message_for("x = \"a\"\"\xC3\xA9\""), Catch::StartsWith("s.toml:1:9: "));
  CHECK_THAT(message_for("x = 1 '\xC3\xA9'"), Catch::StartsWith("s.toml:1:8: "));
  // Nor does a bracket: `1.5e_re["` is one token.
  CHECK_THAT(message_for("eek = 1.5e_re[\"\xEF\xBB\x9F\"]"), Catch::StartsWith("s.toml:1:16: "));
  // Where a key or a value can start, a quote opens a string.
  CHECK(message_for("a.'\xC3\xA9' = { \"\xC3\xA9\" = [ '\xC3\xA9',\n\"\xC3\xA9\" ] }") == "");
  CHECK(message_for("t = { a.'\xC3\xA9' = 1, b = { \"\xC3\xA9\" = [1.5, '\xC3\xA9'] }, c = {} }\n"
                    "d = 1979-05-27 07:32:00 # \xC3\xA9\nu = [[1], [\"\xC3\xA9\"]]") == "");
}

TEST_CASE("A table header that cannot start with a key is rejected", "[toml_guard]") {
  CHECK(message_for("[@") ==
        "s.toml:1:2: TOML syntax error: a table header must start with a key, e.g. [market], got "
        "'@'");
  CHECK(message_for("x = 1\n  [\x07]") ==
        "s.toml:2:4: TOML syntax error: a table header must start with a key, e.g. [market], got "
        "\\u0007");
  CHECK_THAT(message_for("[[ .a]]"), Catch::StartsWith("s.toml:1:4: ") && Catch::EndsWith("'.'"));
  CHECK_THAT(message_for("[\n"), Catch::EndsWith("\\u000A"));
  CHECK_THAT(message_for("[=]"), Catch::EndsWith("'='"));
}

TEST_CASE("Valid TOML and errors toml++ handles well pass through", "[toml_guard]") {
  const char* passed[] = {
      "",
      "\xEF\xBB\xBF[run]\nweeks = 3\n",  // byte order mark
      "name = \"caf\xC3\xA9 \\\" [@\"\n# commentaire: \xC3\xA9t\xC3\xA9 [@\n",
      "\"caf\xC3\xA9\" = 1\n'na\xC3\xAFve' = 2\n[\"\xC3\xA9\".'b']\n",
      "path = 'C:\\dir\\'\nx = 1\n",  // a literal string ends at the first quote
      "text = \"\"\"\nline [@\n\xC3\xA9 \\\"\"\" still\n\"\"\"\"\"\nafter = 1\n",
      "lit = '''\n[@ \xC3\xA9\n'''\n",
      "grid = [\n  [ +1, 2 ],\n  [ [3] ],\n  [ {a = 1} ],\n  # [@ \xC3\xA9\n]\n[next]\n",
      "[ run ]\n[\t\"quoted\" ]\n[[events]]\n[ ]\n[]\n[",
      "x = [\n\"[@\",\n]\n",
      "unterminated = \"[@\n[ok]\n",
      "a.b-c_d = 1\n[x.y]\n",
  };
  for (const char* text : passed) {
    INFO(text);
    CHECK_NOTHROW(reject_toml_parser_hazards(text, "s.toml"));
  }
}

TEST_CASE("The scenario reader and --set reject the hazards with a clear message", "[toml_guard]") {
  CHECK_THROWS_WITH(
      gigsim::load_scenario_text("[market]\nbid_co\xC3\xBBt_usd = 1\n", "x.toml"),
      Catch::StartsWith("x.toml:2:7: TOML syntax error: '\xC3\xBB' outside a string"));
  CHECK_THROWS_WITH(gigsim::load_scenario_text("[run]\n[@]\n", "x.toml"),
                    Catch::StartsWith("x.toml:2:2: TOML syntax error: a table header"));
  // --set takes a value that is not TOML as a string; here one that would reach the defect.
  gigsim::Scenario scenario = gigsim::load_embedded_baseline();
  CHECK_THROWS_WITH(
      gigsim::apply_set_option(scenario, "market.bid_cost_usd=1\na\xC3\xA9 = 1"),
      Catch::Contains("--set market.bid_cost_usd=1") && Catch::Contains("expected a number"));
}

TEST_CASE("Every shipped scenario and test fixture passes the guard", "[toml_guard]") {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* folder : {"scenarios", "tests/fixtures"}) {
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(GIGSIM_SOURCE_DIR) / folder)) {
      if (entry.path().extension() != ".toml") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
      INFO(entry.path());
      CHECK_NOTHROW(reject_toml_parser_hazards(text, entry.path().string()));
      ++files;
    }
  }
  CHECK(files >= 10);
}

TEST_CASE("The characters that reach toml++'s unreachable branch are known to the code point",
          "[toml_guard]") {
  using gigsim::scenario_detail::reaches_toml_whitespace_defect;
  // The ends of the four ranges, and their neighbours (toml++'s own answers there: U+00A0,
  // U+3000 and U+FEFF are white space to it, the rest not).
  for (char32_t c : {0xA1, 0xE9, 0x499, 0x2C5E, 0x2FFF, 0x3001, 0x3057, 0xFB26, 0xFEDF, 0xFEFE}) {
    INFO(static_cast<unsigned>(c));
    CHECK(reaches_toml_whitespace_defect(c));
  }
  for (char32_t c : {0x20, 0x7F, 0xA0, 0x49A, 0x20AC, 0x2C5D, 0x3000, 0x3058, 0x4E00, 0xFB25,
                     0xFEFF, 0xFF01, 0x1F600}) {
    INFO(static_cast<unsigned>(c));
    CHECK_FALSE(reaches_toml_whitespace_defect(c));
  }
}

TEST_CASE("Stand-ins of the same length replace those characters, and only those", "[toml_guard]") {
  using gigsim::scenario_detail::without_toml_defect_characters;
  // é (U+00E9) -> U+0500; U+FEDF -> U+4E00; € (U+20AC), U+3000, an emoji, a lone continuation
  // byte and an overlong é (C1 A9, not UTF-8) stay.
  CHECK(without_toml_defect_characters("caf\xC3\xA9 \xEF\xBB\x9F") == "caf\xD4\x80 \xE4\xB8\x80");
  const std::string kept = "\xE2\x82\xAC \xE3\x80\x80 \xF0\x9F\x98\x80 \xA9 \xC1\xA9 \xE0\x83\xA9";
  CHECK(without_toml_defect_characters(kept) == kept);
  CHECK(without_toml_defect_characters("") == "");
  CHECK(without_toml_defect_characters("\xC3") == "\xC3");  // cut short
}

TEST_CASE("Inputs that reached the defect inside strings end in a syntax error", "[toml_guard]") {
  // Found by the fuzzer: an escape in a multi-line string followed by U+FEDF (toml++ tests what
  // follows a backslash for white space), and a --set value with the same inside.
  CHECK_THROWS_WITH(gigsim::load_scenario_text(
                        "\"\"\"[z\\\\\\\xEF\xBB\x9F\\\\'''\\\\\\na\\\x01\x01\\{\x00[z&z", "x.toml"),
                    Catch::StartsWith("x.toml:1:9: TOML syntax error: ") &&
                        Catch::EndsWith("unknown escape sequence '\\\xEF\xBB\x9F'"));
  gigsim::Scenario scenario = gigsim::load_embedded_baseline();
  CHECK_THROWS_WITH(gigsim::apply_set_option(
                        scenario, "run.seed=\"\"\"=r/2_me-d\"\\\\\\\\\\\xEF\xBB\x88\\\\de4t"),
                    Catch::Contains("--set run.seed="));
  // Valid text keeps its characters: the stand-ins are only parsed, never kept.
  const toml::table table =
      gigsim::scenario_detail::parse_toml("# \xC3\xA9t\xC3\xA9\nname = \"caf\xC3\xA9\"", "x.toml");
  CHECK(table["name"].value_or(std::string()) == "caf\xC3\xA9");
  CHECK(gigsim::load_scenario_text("# d\xC3\xA9j\xC3\xA0\n[run]\nweeks = 7 # \xEF\xBB\x9F\n",
                                   "x.toml")
            .params.run.weeks == 7);
}
