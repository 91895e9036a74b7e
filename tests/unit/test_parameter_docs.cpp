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

namespace {

template <typename Owner>
void check_member_fields(const std::vector<gigsim::FieldSpec<Owner>>& table) {
  for (const gigsim::FieldSpec<Owner>& field : table) {
    INFO(field.key);
    CHECK_FALSE(field.doc.empty());
    CHECK_FALSE(field.source.empty());
    if (field.type != gigsim::ParamType::points) {
      CHECK(field.default_value >= field.min_value);
      CHECK(field.default_value <= field.max_value);
    }
  }
}

}  // namespace

TEST_CASE("Every category and technology field has a doc, a source and a generic default in range",
          "[docs]") {
  check_member_fields(gigsim::category_field_table());
  check_member_fields(gigsim::technology_field_table());
  // The default members set only fields their tables have, to values in range.
  const gigsim::Params defaults = gigsim::default_params();
  for (const gigsim::CategoryDefaults& category : gigsim::default_categories()) {
    for (const gigsim::DefaultValue& value : category.values) {
      INFO(category.name << "." << value.field);
      bool found = false;
      for (const gigsim::CategoryFieldSpec& field : gigsim::category_field_table()) {
        if (field.key != value.field) continue;
        found = true;
        CHECK(value.value >= field.min_value);
        CHECK(value.value <= field.max_value);
      }
      CHECK(found);
    }
  }
  for (const gigsim::TechnologyDefaults& technology : gigsim::default_technologies()) {
    for (const gigsim::TechnologyDefaults::Exposure& exposure : technology.exposure) {
      INFO(technology.name << " exposure of " << exposure.category);
      CHECK(exposure.share >= 0.0);
      CHECK(exposure.share <= 1.0);
      bool known = false;
      for (const gigsim::CategoryDefaults& category : gigsim::default_categories()) {
        known = known || category.name == exposure.category;
      }
      CHECK(known);
    }
  }
}
