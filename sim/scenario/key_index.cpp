// Keys and what they name; see key_index.hpp.
#include "scenario/key_index.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "scenario/did_you_mean.hpp"
#include "scenario/members.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

void add_sections_of(std::string_view key, std::vector<std::string>& sections) {
  for (std::size_t dot = key.find('.'); dot != std::string_view::npos;
       dot = key.find('.', dot + 1)) {
    const std::string section(key.substr(0, dot));
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      sections.push_back(section);
    }
  }
}

/// The keys and sections that do not depend on the members, built once.
struct StaticIndex {
  std::unordered_map<std::string_view, const ParamSpec*> params;
  std::unordered_set<std::string> sections;
};

StaticIndex build_static_index() {
  StaticIndex index;
  std::vector<std::string> sections;
  for (const ParamSpec& spec : parameter_table()) {
    index.params.emplace(spec.key, &spec);
    add_sections_of(spec.key, sections);
  }
  for (const MemberKind* kind : {&category_kind(), &technology_kind()}) {
    add_sections_of(std::string(kind->section) + ".", sections);
  }
  index.sections.insert(sections.begin(), sections.end());
  return index;
}

const StaticIndex& static_index() {
  static const StaticIndex index = build_static_index();
  return index;
}

/// A key below a member: "categories.web.exposure.llm" -> member "web", rest "exposure.llm".
struct MemberKey {
  std::string_view member;
  std::string_view rest;  // empty when the key names the member's table itself
  bool has_rest = false;
};

std::optional<MemberKey> below(std::string_view key, const MemberKind& kind) {
  if (key.size() <= kind.section.size() || key.substr(0, kind.section.size()) != kind.section ||
      key[kind.section.size()] != '.') {
    return std::nullopt;
  }
  const std::string_view after = key.substr(kind.section.size() + 1);
  const std::size_t dot = after.find('.');
  if (dot == std::string_view::npos) return MemberKey{after, {}, false};
  return MemberKey{after.substr(0, dot), after.substr(dot + 1), true};
}

bool has_member(const MemberKind& kind, const Params& params, std::string_view name) {
  const std::vector<std::string> names = kind.names(params);
  return std::find(names.begin(), names.end(), name) != names.end();
}

template <typename Spec>
const Spec* find_field(const std::vector<Spec>& table, std::string_view name) {
  for (const Spec& spec : table) {
    if (spec.key == name) return &spec;
  }
  return nullptr;
}

/// Every settable key: the parameters in table order, then each technology's and each
/// category's fields (a per-technology field once per technology).
std::vector<std::string> settable_keys(const Params& params) {
  std::vector<std::string> keys;
  for (const ParamSpec& spec : parameter_table()) keys.emplace_back(spec.key);
  for (const AiTechnologyParams& technology : params.technologies) {
    for (const TechnologyFieldSpec& field : technology_field_table()) {
      keys.push_back(std::string(technology_kind().section) + "." + technology.name + "." +
                     std::string(field.key));
    }
  }
  for (const CategoryParams& category : params.categories) {
    const std::string prefix = std::string(category_kind().section) + "." + category.name + ".";
    for (const CategoryFieldSpec& field : category_field_table()) {
      if (field.per_technology_field == nullptr) {
        keys.push_back(prefix + std::string(field.key));
        continue;
      }
      for (const AiTechnologyParams& technology : params.technologies) {
        keys.push_back(prefix + std::string(field.key) + "." + technology.name);
      }
    }
  }
  return keys;
}

std::vector<std::string> all_sections(const std::vector<std::string>& keys) {
  std::vector<std::string> sections;
  for (const std::string& key : keys) add_sections_of(key, sections);
  return sections;
}

std::string unknown_member(const MemberKind& kind, std::string_view name, std::string_view where,
                           const Params& params) {
  const std::vector<std::string> names = kind.names(params);
  std::string message = "unknown " + std::string(kind.noun) + " " + quoted_name(name);
  if (!where.empty()) message += " in " + std::string(where);
  if (const auto suggestion = closest_match(name, names)) {
    message += "; did you mean " + in_quotes(*suggestion) + "?";
  }
  const std::string declared_name = is_valid_member_name(name) ? std::string(name) : "<name>";
  return message + " (" + std::string(kind.plural) + ": " + join(names, ", ") +
         "; a scenario file declares a new one with [" + std::string(kind.section) + "." +
         declared_name + "])";
}

}  // namespace

std::optional<Target> find_target(std::string_view key, const Params& params) {
  const StaticIndex& index = static_index();
  if (const auto found = index.params.find(key); found != index.params.end()) {
    Target target;
    target.key = std::string(key);
    target.field = target.param = found->second;
    return target;
  }
  if (const auto parts = below(key, technology_kind())) {
    if (!parts->has_rest || !technology_index(params, parts->member)) return std::nullopt;
    const TechnologyFieldSpec* field = find_field(technology_field_table(), parts->rest);
    if (field == nullptr) return std::nullopt;
    Target target;
    target.key = std::string(key);
    target.field = target.technology_field = field;
    target.member = std::string(parts->member);
    return target;
  }
  if (const auto parts = below(key, category_kind())) {
    if (!parts->has_rest || !has_member(category_kind(), params, parts->member)) {
      return std::nullopt;
    }
    const std::size_t dot = parts->rest.find('.');
    const CategoryFieldSpec* field = find_field(category_field_table(), parts->rest.substr(0, dot));
    if (field == nullptr) return std::nullopt;
    Target target;
    target.key = std::string(key);
    target.field = target.category_field = field;
    target.member = std::string(parts->member);
    if (field->per_technology_field == nullptr) {
      if (dot != std::string_view::npos) return std::nullopt;
      return target;
    }
    if (dot == std::string_view::npos) return std::nullopt;
    const auto technology = technology_index(params, parts->rest.substr(dot + 1));
    if (!technology) return std::nullopt;
    target.technology = *technology;
    return target;
  }
  return std::nullopt;
}

bool is_section(std::string_view name, const Params& params) {
  if (static_index().sections.count(std::string(name)) > 0) return true;
  if (const auto parts = below(name, technology_kind())) {
    return !parts->has_rest && technology_index(params, parts->member).has_value();
  }
  if (const auto parts = below(name, category_kind())) {
    if (!has_member(category_kind(), params, parts->member)) return false;
    if (!parts->has_rest) return true;
    const CategoryFieldSpec* field = find_field(category_field_table(), parts->rest);
    return field != nullptr && field->per_technology_field != nullptr;
  }
  return false;
}

std::vector<std::string> children_of(std::string_view section, const Params& params) {
  const std::string prefix = section.empty() ? "" : std::string(section) + ".";
  std::vector<std::string> children;
  for (const std::string& key : settable_keys(params)) {
    if (key.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string child =
        key.substr(prefix.size(), key.find('.', prefix.size()) - prefix.size());
    if (std::find(children.begin(), children.end(), child) == children.end()) {
      children.push_back(child);
    }
  }
  return children;
}

bool is_undeclared_member(std::string_view key, const Params& params) {
  for (const MemberKind* kind : {&category_kind(), &technology_kind()}) {
    const auto parts = below(key, *kind);
    if (parts && !parts->has_rest && !has_member(*kind, params, parts->member)) return true;
  }
  return false;
}

std::optional<std::string> unknown_member_message(std::string_view key, const Params& params) {
  for (const MemberKind* kind : {&category_kind(), &technology_kind()}) {
    const auto parts = below(key, *kind);
    if (parts && !has_member(*kind, params, parts->member)) {
      return unknown_member(*kind, parts->member, "", params);
    }
  }
  // categories.<known>.exposure.<unknown technology>
  if (const auto parts = below(key, category_kind()); parts && parts->has_rest) {
    const std::size_t dot = parts->rest.find('.');
    const CategoryFieldSpec* field = find_field(category_field_table(), parts->rest.substr(0, dot));
    if (field != nullptr && field->per_technology_field != nullptr &&
        dot != std::string_view::npos) {
      std::string_view technology = parts->rest.substr(dot + 1);
      technology = technology.substr(0, technology.find('.'));
      if (!technology_index(params, technology)) {
        const std::string field_key = std::string(category_kind().section) + "." +
                                      std::string(parts->member) + "." + std::string(field->key);
        return unknown_member(technology_kind(), technology, field_key, params);
      }
    }
  }
  return std::nullopt;
}

std::string unknown_name_message(std::string_view key, bool is_table, const Params& params) {
  if (auto message = unknown_member_message(key, params)) return *message;
  const std::vector<std::string> keys = settable_keys(params);
  const std::vector<std::string> sections = all_sections(keys);
  const std::size_t dot = key.rfind('.');
  const std::string_view section = dot == std::string_view::npos ? "" : key.substr(0, dot);
  const bool top_level = section.empty();

  std::vector<std::string> candidates = is_table ? sections : keys;
  if (top_level) {
    candidates.insert(candidates.end(), {"extends", "events"});
    if (!is_table) candidates.insert(candidates.end(), sections.begin(), sections.end());
  }
  // Never suggest the name itself (a section given a value is reported elsewhere).
  candidates.erase(std::remove(candidates.begin(), candidates.end(), key), candidates.end());
  std::optional<std::string> suggestion = closest_match(key, candidates);
  if (!suggestion && !is_table) {
    // The right name in the wrong section ("market.flat_rate" for "fees.flat_rate").
    const std::string_view last = key.substr(dot == std::string_view::npos ? 0 : dot + 1);
    std::vector<std::string> same_name;
    for (const std::string& candidate : keys) {
      if (candidate.size() > last.size() &&
          candidate.compare(candidate.size() - last.size(), last.size(), last) == 0 &&
          candidate[candidate.size() - last.size() - 1] == '.') {
        same_name.push_back(candidate);
      }
    }
    if (same_name.size() == 1) suggestion = same_name.front();
  }

  std::string message = (is_table ? "unknown section " : "unknown key ") + quoted_name(key);
  if (suggestion) return message + "; did you mean " + in_quotes(*suggestion) + "?";
  if (!top_level && is_section(section, params)) {
    return message + "; valid keys in [" + std::string(section) +
           "]: " + join(children_of(section, params), ", ");
  }
  return message + "; valid sections: " + join(children_of("", params), ", ") +
         " (and the top-level keys extends and events)";
}

}  // namespace gigsim::scenario_detail
