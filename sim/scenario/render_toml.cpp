// The resolved scenario back to TOML (render_toml, declared in scenario.hpp): every parameter,
// category and event, optionally with each key's documentation, range and source.
#include <algorithm>
#include <optional>
#include <sstream>

#include "scenario/key_index.hpp"
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
    limits = "choices: " + join(choice_names(*target.param), ", ");
  } else if (target.type() == ParamType::boolean) {
    limits = "true or false";
  } else {
    limits = "range: " + range_text(target);
  }
  limits += target.event_settable() ? "; events may change it"
                                    : "; fixed for the whole run (events cannot change it)";
  write_comment(out, limits);
  if (!source.empty()) write_comment(out, "source: " + std::string(source));
}

}  // namespace

std::string render_toml(const Scenario& scenario, bool with_docs) {
  std::ostringstream out;
  out << "# The resolved gigsim scenario: every parameter, category and event with its value.\n";
  if (!scenario.origin.empty()) out << "# Resolved from: " << scenario.origin << "\n";
  if (with_docs) {
    out << "# Each key is preceded by its documentation, unit and valid range or choices,\n"
           "# whether events may change it, and the source of its default.\n";
  }

  // Parameters, grouped by section in the order sections first appear in the table.
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
      const Target target = *find_target(spec.key);
      if (with_docs) {
        out << "\n";
        write_docs(out, target, spec.source);
      }
      const std::string_view name = spec.key.substr(dot == std::string_view::npos ? 0 : dot + 1);
      out << toml_key(name) << " = " << value_as_toml(target, stored_value(scenario.params, target))
          << "\n";
    }
  }

  // Categories: the fixed set, each with every field.
  for (const CategoryParams& category : scenario.params.categories) {
    out << "\n[categories." << toml_key(category.name) << "]\n";
    std::string_view source;
    for (const CategoryDefaults& defaults : default_categories()) {
      if (defaults.name == category.name) source = defaults.source;
    }
    for (const CategoryFieldSpec& field : category_field_table()) {
      const std::string key =
          std::string(kCategoriesPrefix) + category.name + "." + std::string(field.field);
      const std::optional<Target> target = find_target(key);
      if (with_docs) {
        out << "\n";
        if (target) write_docs(out, *target, source);
      }
      const double value = target ? stored_value(scenario.params, *target) : 0.0;
      out << toml_key(field.field) << " = " << toml_real(value) << "\n";
    }
  }

  // Events, in week order.
  if (with_docs && !scenario.events.empty()) {
    out << "\n# Scheduled events: at the start of week `week` the parameters in `set` change.\n";
  }
  for (const ScheduledEvent& event : scenario.events) {
    out << "\n[[events]]\n";
    if (with_docs && !event.origin.empty()) out << "# from " << event.origin << "\n";
    out << "week = " << event.week << "\n";
    std::vector<std::string> assignments;
    for (const Assignment& assignment : event.assignments) {
      const std::optional<Target> target = find_target(assignment.key);
      assignments.push_back(
          in_quotes(assignment.key) + " = " +
          (target ? value_as_toml(*target, assignment.value) : toml_real(assignment.value)));
    }
    out << "set = { " << join(assignments, ", ") << " }\n";
  }
  return out.str();
}

}  // namespace gigsim
