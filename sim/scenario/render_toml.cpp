// The resolved scenario back to TOML (render_toml, declared in scenario.hpp): every parameter,
// AI technology, category and event, optionally with each key's documentation, range and source.
#include <algorithm>
#include <optional>
#include <sstream>

#include "scenario/key_index.hpp"
#include "scenario/members.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/parameter_values.hpp"
#include "scenario/scenario.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim {

using namespace scenario_detail;

namespace {

void write_comment(std::ostringstream& out, std::string_view text) {
  out << "# ";
  for (char c : text) {
    out << c;
    if (c == '\n') out << "# ";
  }
  out << "\n";
}

void write_docs(std::ostringstream& out, const Target& target, std::string_view source) {
  write_comment(out, target.doc());
  std::string limits;
  if (target.type() == ParamType::choice) {
    limits = "choices: " + join(choice_names(*target.field), ", ");
  } else if (target.type() == ParamType::boolean) {
    limits = "true or false";
  } else if (target.type() == ParamType::points) {
    limits = "levels in " + range_text(target);
  } else {
    limits = "range: " + range_text(target);
  }
  limits += target.event_settable() ? "; events may change it"
                                    : "; fixed for the whole run (events cannot change it)";
  write_comment(out, limits);
  if (!source.empty()) write_comment(out, "source: " + std::string(source));
}

/// One `name = value` line of a table, with its docs first when asked.
void write_entry(std::ostringstream& out, const Params& params, const std::string& key,
                 std::string_view name, std::string_view source, bool with_docs) {
  const std::optional<Target> target = find_target(key, params);
  if (!target) return;  // every key written here comes from the tables
  if (with_docs) {
    out << "\n";
    write_docs(out, *target, source);
  }
  out << toml_key(name) << " = " << stored_as_toml(params, *target) << "\n";
}

void write_parameters(std::ostringstream& out, const Params& params, bool with_docs) {
  // Grouped by section in the order sections first appear in the table.
  std::vector<std::string> sections;
  for (const ParamSpec& spec : parameter_table()) {
    const std::size_t dot = spec.key.rfind('.');
    const std::string section(dot == std::string_view::npos ? "" : spec.key.substr(0, dot));
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      sections.push_back(section);
    }
  }
  // Keys without a section must precede every [table]; "" sorts first.
  std::stable_partition(sections.begin(), sections.end(),
                        [](const std::string& section) { return section.empty(); });
  for (const std::string& section : sections) {
    if (!section.empty()) out << "\n[" << section << "]\n";
    for (const ParamSpec& spec : parameter_table()) {
      const std::size_t dot = spec.key.rfind('.');
      const std::string_view spec_section =
          dot == std::string_view::npos ? std::string_view() : spec.key.substr(0, dot);
      if (spec_section != section) continue;
      const std::string_view name = spec.key.substr(dot == std::string_view::npos ? 0 : dot + 1);
      write_entry(out, params, std::string(spec.key), name, spec.source, with_docs);
    }
  }
}

/// The source of a member field's default: the default member's own source for the fields it
/// sets, the field's source (of the generic default) otherwise.
template <typename Owner, typename Defaults>
std::string_view member_source(const FieldSpec<Owner>& field, const Defaults* defaults) {
  if (defaults == nullptr) return field.source;
  for (const DefaultValue& value : defaults->values) {
    if (value.field == field.key) return defaults->source;
  }
  return field.source;
}

void write_technologies(std::ostringstream& out, const Params& params, bool with_docs) {
  for (const AiTechnologyParams& technology : params.technologies) {
    const std::string section = std::string(technology_kind().section) + "." + technology.name;
    out << "\n[" << technology_kind().section << "." << toml_key(technology.name) << "]\n";
    const TechnologyDefaults* defaults = nullptr;
    for (const TechnologyDefaults& candidate : default_technologies()) {
      if (candidate.name == technology.name) defaults = &candidate;
    }
    for (const TechnologyFieldSpec& field : technology_field_table()) {
      write_entry(out, params, section + "." + std::string(field.key), field.key,
                  member_source(field, defaults), with_docs);
    }
  }
}

/// Where the default exposure of `category` to each technology comes from.
std::string exposure_source(const Params& params, std::string_view category,
                            std::string_view generic_source) {
  std::vector<std::string> sources;
  for (const AiTechnologyParams& technology : params.technologies) {
    for (const TechnologyDefaults& defaults : default_technologies()) {
      if (defaults.name != technology.name) continue;
      for (const TechnologyDefaults::Exposure& exposure : defaults.exposure) {
        if (exposure.category == category) {
          sources.push_back(technology.name + ": " + std::string(defaults.exposure_source));
        }
      }
    }
  }
  return sources.empty() ? std::string(generic_source) : join(sources, "; ");
}

void write_categories(std::ostringstream& out, const Params& params, bool with_docs) {
  for (const CategoryParams& category : params.categories) {
    const std::string section = std::string(category_kind().section) + "." + category.name;
    out << "\n[" << category_kind().section << "." << toml_key(category.name) << "]\n";
    const CategoryDefaults* defaults = nullptr;
    for (const CategoryDefaults& candidate : default_categories()) {
      if (candidate.name == category.name) defaults = &candidate;
    }
    for (const CategoryFieldSpec& field : category_field_table()) {
      const std::string key = section + "." + std::string(field.key);
      if (field.per_technology_field == nullptr) {
        write_entry(out, params, key, field.key, member_source(field, defaults), with_docs);
        continue;
      }
      // One value per technology, as an inline table: exposure = { llm = 0.81, image = 0.05 }.
      std::vector<std::string> values;
      std::optional<Target> first;
      for (const AiTechnologyParams& technology : params.technologies) {
        const std::optional<Target> target = find_target(key + "." + technology.name, params);
        if (!target) continue;
        if (!first) first = target;
        values.push_back(toml_key(technology.name) + " = " + stored_as_toml(params, *target));
      }
      if (with_docs && first) {
        out << "\n";
        write_docs(out, *first, exposure_source(params, category.name, field.source));
      }
      out << toml_key(field.key) << " = { " << join(values, ", ") << " }\n";
    }
  }
}

void write_events(std::ostringstream& out, const Scenario& scenario, bool with_docs) {
  if (with_docs && !scenario.events.empty()) {
    out << "\n# Scheduled events: at the start of week `week` the parameters in `set` change.\n";
  }
  for (const ScheduledEvent& event : scenario.events) {
    out << "\n[[events]]\n";
    if (with_docs && !event.origin.empty()) out << "# from " << event.origin << "\n";
    out << "week = " << event.week << "\n";
    std::vector<std::string> assignments;
    for (const Assignment& assignment : event.assignments) {
      const std::optional<Target> target = find_target(assignment.key, scenario.params);
      assignments.push_back(
          in_quotes(assignment.key) + " = " +
          (target ? assignment_as_toml(*target, assignment) : toml_real(assignment.value)));
    }
    out << "set = { " << join(assignments, ", ") << " }\n";
  }
}

}  // namespace

std::string render_toml(const Scenario& scenario, bool with_docs) {
  std::ostringstream out;
  out << "# The resolved gigsim scenario: every parameter, AI technology, category and event.\n";
  if (!scenario.origin.empty()) out << "# Resolved from: " << scenario.origin << "\n";
  if (with_docs) {
    out << "# Each key is preceded by its documentation, unit and valid range or choices,\n"
           "# whether events may change it, and the source of its default.\n";
  }
  write_parameters(out, scenario.params, with_docs);
  write_technologies(out, scenario.params, with_docs);
  write_categories(out, scenario.params, with_docs);
  write_events(out, scenario, with_docs);
  return out.str();
}

}  // namespace gigsim
