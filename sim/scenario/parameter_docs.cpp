// Markdown parameter reference; see parameter_docs.hpp.
#include "scenario/parameter_docs.hpp"

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

#include "scenario/parameter_table.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim {
namespace {

using scenario_detail::readable_number;

std::string number(double value) {
  if (value == static_cast<double>(static_cast<long long>(value))) return readable_number(value);
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string range_text(const FieldInfo& field) {
  if (field.type == ParamType::choice) {
    std::string text;
    for (std::string_view choice : field.choices) {
      text += (text.empty() ? "" : ", ") + std::string(choice);
    }
    return text;
  }
  if (field.type == ParamType::boolean) return "true, false";
  const std::string range = number(field.min_value) + " to " + number(field.max_value);
  return field.type == ParamType::points ? "levels " + range : range;
}

std::string points_text(const std::vector<CapabilityPoint>& points) {
  std::string text = "[";
  for (const CapabilityPoint& point : points) {
    if (text.size() > 1) text += ", ";
    text += "[" + number(point.weeks_after_release) + ", " + number(point.level) + "]";
  }
  return text + "]";
}

std::string default_text(const FieldInfo& field) {
  if (field.type == ParamType::choice) {
    return "`\"" + std::string(field.choices[static_cast<std::size_t>(field.default_value)]) +
           "\"`";
  }
  if (field.type == ParamType::points) return "`[]`";
  if (field.type == ParamType::boolean) return field.default_value != 0.0 ? "`true`" : "`false`";
  return "`" + number(field.default_value) + "`";
}

/// The value of one field of a member, for a table cell.
template <typename Owner>
std::string value_text(const FieldSpec<Owner>& field, Owner& owner) {
  switch (field.type) {
    case ParamType::integer:
      return number(static_cast<double>(field.integer_field(owner)));
    case ParamType::real:
      return number(field.real_field(owner));
    case ParamType::choice:
      return std::string(field.choices[static_cast<std::size_t>(field.get_choice(owner))]);
    case ParamType::boolean:
      return field.get_choice(owner) != 0 ? "true" : "false";
    case ParamType::points:
      return points_text(field.points_field(owner));
  }
  return {};
}

/// "| `name` | generic default | range | unit | event | description | source |" rows.
template <typename Owner>
void write_field_rows(std::ostringstream& md, const std::vector<FieldSpec<Owner>>& table) {
  md << "| field | generic default | range | unit | event | description | source |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (const FieldSpec<Owner>& field : table) {
    const std::string name = field.per_technology_field != nullptr
                                 ? std::string(field.key) + ".<technology>"
                                 : std::string(field.key);
    md << "| `" << name << "` | " << default_text(field) << " | " << range_text(field) << " | "
       << field.unit << " | " << (field.event_settable ? "yes" : "no") << " | " << field.doc
       << " | " << field.source << " |\n";
  }
}

void write_parameters(std::ostringstream& md) {
  md << "| key | default | range | unit | event | description | source |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (const ParamSpec& spec : parameter_table()) {
    md << "| `" << spec.key << "` | " << default_text(spec) << " | " << range_text(spec) << " | "
       << spec.unit << " | " << (spec.event_settable ? "yes" : "no") << " | " << spec.doc << " | "
       << spec.source << " |\n";
  }
}

void write_technologies(std::ostringstream& md, Params& defaults) {
  md << "\n## AI technologies\n\n"
        "A scenario declares an AI technology by naming it in a table "
        "`[ai.technologies.<name>]` (at most "
     << kTechnologyLimit
     << "; a name is a lower-case letter followed by lower-case letters, digits and `_`). A "
        "new name starts with every field at the generic default below; a known name (a "
        "default, or one declared by an `extends` base) is modified. Its maturity m(t) in "
        "[0, 1] follows `trajectory`; the capability it brings to a category is the category's "
        "`exposure.<technology>` x m(t).\n\n";
  write_field_rows(md, technology_field_table());
  md << "\nDefault technologies (both switched off: the pre-AI baseline has no AI):\n\n"
     << "| technology |";
  for (const TechnologyFieldSpec& field : technology_field_table()) md << " " << field.key << " |";
  md << " source |\n|---|";
  for (std::size_t i = 0; i <= technology_field_table().size(); ++i) md << "---|";
  md << "\n";
  for (AiTechnologyParams& technology : defaults.technologies) {
    md << "| " << technology.name << " |";
    for (const TechnologyFieldSpec& field : technology_field_table()) {
      md << " " << value_text(field, technology) << " |";
    }
    for (const TechnologyDefaults& technology_defaults : default_technologies()) {
      if (technology_defaults.name == technology.name) md << " " << technology_defaults.source;
    }
    md << " |\n";
  }
}

void write_categories(std::ostringstream& md, Params& defaults) {
  md << "\n## Categories\n\n"
        "A scenario declares a job category by naming it in a table `[categories.<name>]` (at "
        "most "
     << kCategoryLimit
     << ", names as for technologies); a new name starts with every field at the generic "
        "default below, a known name is modified. The order of the categories (the defaults "
        "first, then first appearance through the `extends` chain and the file) is the "
        "category index of the result file. Exposure to each technology is written "
        "`exposure.llm = 0.8`, `exposure = { llm = 0.8 }` or under `[categories.<name>.exposure]`; "
        "a technology's exposure is 0 where not set. Events may change every field of an "
        "existing category or technology but cannot declare one.\n\n";
  write_field_rows(md, category_field_table());
  md << "\nDefault categories:\n\n| category |";
  std::size_t columns = 0;
  for (const CategoryFieldSpec& field : category_field_table()) {
    if (field.per_technology_field == nullptr) {
      md << " " << field.key << " |";
      ++columns;
      continue;
    }
    for (const AiTechnologyParams& technology : defaults.technologies) {
      md << " " << field.key << "." << technology.name << " |";
      ++columns;
    }
  }
  md << "\n|---|";
  for (std::size_t i = 0; i < columns; ++i) md << "---|";
  md << "\n";
  for (CategoryParams& category : defaults.categories) {
    md << "| " << category.name << " |";
    for (const CategoryFieldSpec& field : category_field_table()) {
      if (field.per_technology_field == nullptr) {
        md << " " << value_text(field, category) << " |";
        continue;
      }
      for (double value : field.per_technology_field(category)) md << " " << number(value) << " |";
    }
    md << "\n";
  }
  md << "\nSources of the category defaults:\n\n";
  std::vector<std::pair<std::string_view, std::vector<std::string>>> by_source;
  for (const CategoryDefaults& category : default_categories()) {
    auto same = std::find_if(by_source.begin(), by_source.end(),
                             [&](const auto& group) { return group.first == category.source; });
    if (same == by_source.end()) same = by_source.insert(by_source.end(), {category.source, {}});
    same->second.emplace_back(category.name);
  }
  for (const auto& [source, names] : by_source) {
    md << "- " << scenario_detail::join(names, ", ") << ": " << source << "\n";
  }
  for (const TechnologyDefaults& technology : default_technologies()) {
    md << "- exposure." << technology.name << ": " << technology.exposure_source << "\n";
  }
}

}  // namespace

std::string parameters_markdown() {
  std::ostringstream md;
  md << "# Scenario parameters\n\n"
     << "Generated by `gigsim show-defaults --markdown` from `sim/scenario/parameter_table.cpp`, "
        "the one source of truth (a test checks this file is current). Each source names the "
        "published figure a default comes from; \"uncertain\" marks a middle value chosen where "
        "no published figure exists; \"derived\" says how a default follows from others. \"Event\" "
        "says whether an `[[events]]` entry may change the parameter "
        "during a run.\n\n";
  write_parameters(md);
  Params defaults = default_params();
  write_technologies(md, defaults);
  write_categories(md, defaults);
  return md.str();
}

}  // namespace gigsim
