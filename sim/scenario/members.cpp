// Categories and AI technologies as named members; see members.hpp.
#include "scenario/members.hpp"

#include <algorithm>
#include <utility>

#include "scenario/parameter_table.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

constexpr std::size_t kMaxMemberNameLength = 64;

const toml::table* table_at(const toml::table& root, std::string_view dotted_section) {
  const toml::table* table = &root;
  std::size_t begin = 0;
  while (table != nullptr && begin <= dotted_section.size()) {
    const std::size_t dot = std::min(dotted_section.find('.', begin), dotted_section.size());
    const toml::node* node = table->get(dotted_section.substr(begin, dot - begin));
    table = node != nullptr ? node->as_table() : nullptr;
    begin = dot + 1;
  }
  return table;
}

void add_member(const MemberKind& kind, Params& params, std::string name) {
  if (&kind == &technology_kind()) {
    params.technologies.push_back(new_technology(std::move(name)));
    for (CategoryParams& category : params.categories) {
      for (const CategoryFieldSpec& field : category_field_table()) {
        if (field.per_technology_field != nullptr) {
          field.per_technology_field(category).push_back(field.default_value);
        }
      }
    }
  } else {
    params.categories.push_back(new_category(std::move(name), params.technologies.size()));
  }
}

std::string invalid_name_message(const MemberKind& kind, std::string_view name) {
  std::string message = std::string(kind.noun) + " name " + quoted_name(name) + " is not valid: ";
  message += name.size() > kMaxMemberNameLength
                 ? "names have at most " + std::to_string(kMaxMemberNameLength) + " characters"
                 : "a name is a lower-case letter followed by lower-case letters, digits and _";
  return message + " (e.g. " + (&kind == &category_kind() ? "ai_services" : "llm") + ")";
}

/// Declares the new members named under `kind.section` of `root`.
void declare(const MemberKind& kind, const toml::table& root, Params& params,
             ProblemList& problems) {
  const toml::table* section = table_at(root, kind.section);
  if (section == nullptr) return;
  const std::vector<std::string> known = kind.names(params);
  std::vector<std::pair<const toml::key*, const toml::node*>> new_members;
  for (auto&& [name, node] : *section) {
    if (std::find(known.begin(), known.end(), name.str()) != known.end()) continue;
    new_members.emplace_back(&name, &node);
  }
  std::sort(new_members.begin(), new_members.end(), [](const auto& a, const auto& b) {
    const toml::source_position& first = a.first->source().begin;
    const toml::source_position& second = b.first->source().begin;
    return std::pair(first.line, first.column) < std::pair(second.line, second.column);
  });
  for (const auto& [name, node] : new_members) {
    const std::string key = std::string(kind.section) + "." + std::string(name->str());
    if (name->str().find('.') != std::string_view::npos) continue;  // a quoted key: see entries
    if (!is_valid_member_name(name->str())) {
      problems.add(name->source(), invalid_name_message(kind, name->str()));
    } else if (!node->is_table()) {
      problems.add(name->source(), quoted_name(key) + ": expected the table of a " +
                                       std::string(kind.noun) + " ([" + key +
                                       "] with its fields), got " + describe(*node));
    } else if (kind.names(params).size() >= kind.limit) {
      problems.add(name->source(), "too many " + std::string(kind.plural) + ": " +
                                       quoted_name(name->str()) + " would be number " +
                                       std::to_string(kind.names(params).size() + 1) +
                                       "; a scenario has at most " + std::to_string(kind.limit));
    } else {
      add_member(kind, params, std::string(name->str()));
    }
  }
}

}  // namespace

std::vector<std::string> category_names(const Params& params) {
  std::vector<std::string> names;
  for (const CategoryParams& category : params.categories) names.push_back(category.name);
  return names;
}

std::vector<std::string> technology_names(const Params& params) {
  std::vector<std::string> names;
  for (const AiTechnologyParams& technology : params.technologies) {
    names.push_back(technology.name);
  }
  return names;
}

const MemberKind& category_kind() {
  static const MemberKind kind{"categories", "category", "categories", kCategoryLimit,
                               category_names};
  return kind;
}

const MemberKind& technology_kind() {
  static const MemberKind kind{"ai.technologies", "technology", "technologies", kTechnologyLimit,
                               technology_names};
  return kind;
}

CategoryParams* find_category(Params& params, std::string_view name) {
  for (CategoryParams& category : params.categories) {
    if (category.name == name) return &category;
  }
  return nullptr;
}

AiTechnologyParams* find_technology(Params& params, std::string_view name) {
  for (AiTechnologyParams& technology : params.technologies) {
    if (technology.name == name) return &technology;
  }
  return nullptr;
}

std::optional<std::size_t> technology_index(const Params& params, std::string_view name) {
  for (std::size_t i = 0; i < params.technologies.size(); ++i) {
    if (params.technologies[i].name == name) return i;
  }
  return std::nullopt;
}

bool is_valid_member_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxMemberNameLength) return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void declare_members(const toml::table& root, Params& params, ProblemList& problems) {
  // Technologies first: a category declared in the same file gets exposure to them.
  declare(technology_kind(), root, params, problems);
  declare(category_kind(), root, params, problems);
}

}  // namespace gigsim::scenario_detail
