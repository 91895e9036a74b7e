// The index of valid keys and sections, built once from the parameter and category tables.
#include "scenario/key_index.hpp"

#include <algorithm>
#include <unordered_map>

#include "scenario/did_you_mean.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

/// Every valid key and section, built once from the parameter and category tables.
struct KeyIndex {
  std::unordered_map<std::string_view, const ParamSpec*> params;
  std::vector<std::string> keys;      // every settable key: table order, then categories
  std::vector<std::string> sections;  // every proper prefix of a key ("market", "categories.web")
  std::vector<std::string> category_names;
};

void add_sections_of(std::string_view key, std::vector<std::string>& sections) {
  for (std::size_t dot = key.find('.'); dot != std::string_view::npos;
       dot = key.find('.', dot + 1)) {
    const std::string section(key.substr(0, dot));
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      sections.push_back(section);
    }
  }
}

KeyIndex build_key_index() {
  KeyIndex index;
  for (const ParamSpec& spec : parameter_table()) {
    index.params.emplace(spec.key, &spec);
    index.keys.emplace_back(spec.key);
  }
  for (const CategoryDefaults& category : default_categories()) {
    index.category_names.emplace_back(category.name);
    for (const CategoryFieldSpec& field : category_field_table()) {
      index.keys.push_back(std::string(kCategoriesPrefix) + std::string(category.name) + "." +
                           std::string(field.field));
    }
  }
  for (const std::string& key : index.keys) add_sections_of(key, index.sections);
  return index;
}

const KeyIndex& key_index() {
  static const KeyIndex index = build_key_index();
  return index;
}

bool is_category(std::string_view name) {
  const auto& names = key_index().category_names;
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

bool is_section(std::string_view name) {
  const auto& sections = key_index().sections;
  return std::find(sections.begin(), sections.end(), name) != sections.end();
}

std::vector<std::string> children_of(std::string_view section) {
  const std::string prefix = section.empty() ? "" : std::string(section) + ".";
  std::vector<std::string> children;
  for (const std::string& key : key_index().keys) {
    if (key.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string child =
        key.substr(prefix.size(), key.find('.', prefix.size()) - prefix.size());
    if (std::find(children.begin(), children.end(), child) == children.end()) {
      children.push_back(child);
    }
  }
  return children;
}

std::optional<Target> find_target(std::string_view key) {
  const KeyIndex& index = key_index();
  if (const auto found = index.params.find(key); found != index.params.end()) {
    Target target;
    target.key = std::string(key);
    target.param = found->second;
    return target;
  }
  if (key.substr(0, kCategoriesPrefix.size()) != kCategoriesPrefix) return std::nullopt;
  const std::string_view rest = key.substr(kCategoriesPrefix.size());
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view name = rest.substr(0, dot);
  const std::string_view field_name = rest.substr(dot + 1);
  if (!is_category(name)) return std::nullopt;
  for (const CategoryFieldSpec& field : category_field_table()) {
    if (field.field == field_name) {
      Target target;
      target.key = std::string(key);
      target.category_field = &field;
      target.category = std::string(name);
      return target;
    }
  }
  return std::nullopt;
}

std::string unknown_name_message(std::string_view key, bool is_table) {
  const KeyIndex& index = key_index();
  // categories.<name>...: the set of categories is fixed.
  if (key.substr(0, kCategoriesPrefix.size()) == kCategoriesPrefix) {
    const std::string_view rest = key.substr(kCategoriesPrefix.size());
    const std::string_view name = rest.substr(0, rest.find('.'));
    if (!is_category(name)) {
      std::string message = "unknown category " + in_quotes(name);
      if (const auto suggestion = closest_match(name, index.category_names)) {
        message += "; did you mean " + in_quotes(*suggestion) + "?";
      }
      return message + " (the categories are fixed: " + join(index.category_names, ", ") + ")";
    }
  }
  const std::size_t dot = key.rfind('.');
  const std::string_view section = dot == std::string_view::npos ? "" : key.substr(0, dot);
  const bool top_level = section.empty();

  std::vector<std::string> candidates = is_table ? index.sections : index.keys;
  if (top_level) {
    candidates.insert(candidates.end(), {"extends", "events"});
    if (!is_table) {
      candidates.insert(candidates.end(), index.sections.begin(), index.sections.end());
    }
  }
  std::optional<std::string> suggestion = closest_match(key, candidates);
  if (!suggestion && !is_table) {
    // The right name in the wrong section ("market.flat_rate" for "fees.flat_rate").
    const std::string_view last = key.substr(dot == std::string_view::npos ? 0 : dot + 1);
    std::vector<std::string> same_name;
    for (const std::string& candidate : index.keys) {
      if (candidate.size() > last.size() &&
          candidate.compare(candidate.size() - last.size(), last.size(), last) == 0 &&
          candidate[candidate.size() - last.size() - 1] == '.') {
        same_name.push_back(candidate);
      }
    }
    if (same_name.size() == 1) suggestion = same_name.front();
  }

  std::string message = (is_table ? "unknown section " : "unknown key ") + in_quotes(key);
  if (suggestion) return message + "; did you mean " + in_quotes(*suggestion) + "?";
  if (!top_level && is_section(section)) {
    return message + "; valid keys in [" + std::string(section) +
           "]: " + join(children_of(section), ", ");
  }
  return message + "; valid sections: " + join(children_of(""), ", ") +
         " (and the top-level keys extends and events)";
}

}  // namespace gigsim::scenario_detail
