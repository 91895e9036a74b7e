// docs/parameters.md is generated from the parameter table and must be current.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "scenario/parameter_docs.hpp"
#include "scenario/parameter_table.hpp"

TEST_CASE("docs/parameters.md is current (regenerate: gigsim show-defaults --markdown)", "[docs]") {
  std::ifstream file(std::string(GIGSIM_SOURCE_DIR) + "/docs/parameters.md");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  CHECK(text.str() == gigsim::parameters_markdown());
}

TEST_CASE("Every parameter has a unit-free doc and a source, and a default in range", "[docs]") {
  for (const gigsim::ParamSpec& spec : gigsim::parameter_table()) {
    INFO(spec.key);
    CHECK_FALSE(spec.doc.empty());
    CHECK_FALSE(spec.source.empty());
    CHECK(spec.default_value >= spec.min_value);
    CHECK(spec.default_value <= spec.max_value);
  }
}
