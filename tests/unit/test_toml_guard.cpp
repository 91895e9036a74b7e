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
