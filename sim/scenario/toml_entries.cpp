// Entries of a TOML document and the problems found; see toml_entries.hpp.
#include "scenario/toml_entries.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/errors.hpp"
#include "scenario/members.hpp"
#include "scenario/parameter_values.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

constexpr std::size_t kMaxReportedProblems = 20;

/// A simple value as TOML text for a suggestion ("7", "0.4", "\"flat\""); "..." otherwise.
std::string value_for_suggestion(const toml::node& node) {
  if (const auto* integer = node.as_integer()) return std::to_string(integer->get());
  if (const auto* real = node.as_floating_point()) return toml_real(real->get());
  if (const auto* boolean = node.as_boolean()) return boolean->get() ? "true" : "false";
  if (const auto* text = node.as_string(); text != nullptr && text->get().size() <= 40) {
    return in_quotes(text->get());
  }
  return "...";
}

/// `"run.weeks" = 7`: TOML reads a quoted key as one name, dots included.
std::string quoted_key_message(const std::string& prefix, std::string_view name,
                               const toml::node& node, const Params& params) {
  const std::string path = prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
  std::string message = "unknown key " + quoted_name(name) +
                        (prefix.empty() ? "" : " in [" + prefix + "]") +
                        " (quoted, so one name, dots included)";
  if (name.size() > 200) return message;
  if (find_target(path, params) && !node.is_table()) {
    const std::size_t dot = path.rfind('.');
    const std::string value = value_for_suggestion(node);
    return message + "; did you mean [" + path.substr(0, dot) + "] " + path.substr(dot + 1) +
           " = " + value + ", or " + std::string(name) + " = " + value + " without the quotes?";
  }
  if (node.is_table() && (is_section(path, params) || is_undeclared_member(path, params))) {
    return message + "; did you mean [" + path + "] without the quotes?";
  }
  return message + "; no parameter has a dot in its name";
}

void collect_entry(const std::string& key, const toml::key& name, const toml::node& node,
                   KeyForm form, const Params& params, std::vector<Leaf>& leaves,
                   ProblemList& problems) {
  if (std::optional<Target> target = find_target(key, params)) {
    if (node.is_table()) {
      problems.add(name.source(),
                   quoted_name(key) + " is a parameter: expected a value, not a table");
    } else {
      leaves.push_back({std::move(*target), &name, &node});
    }
  } else if (is_section(key, params)) {
    if (const toml::table* section = node.as_table()) {
      collect_table(*section, key, form, params, leaves, problems);
    } else {
      problems.add_lazy(name.source(), [key, &params] {
        return in_quotes(key) + " is a section, not a parameter; set its keys (" +
               join(children_of(key, params), ", ") + ") instead";
      });
    }
  } else if (form == KeyForm::scenario_file && is_undeclared_member(key, params)) {
    // A member whose declaration failed (bad name, not a table, too many): declare_members
    // reported it.
  } else {
    problems.add_lazy(name.source(), [key, is_table = node.is_table(), &params] {
      return unknown_name_message(key, is_table, params);
    });
  }
}

}  // namespace

void ProblemList::add(const toml::source_region& where, std::string message) {
  add_lazy(where, [message = std::move(message)] { return message; });
}

void ProblemList::add_lazy(const toml::source_region& where, std::function<std::string()> message) {
  problems_.push_back(
      {where.begin.line, where.begin.column, location(origin_, where), std::move(message)});
}

void ProblemList::throw_if_any() {
  if (problems_.empty()) return;
  std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  std::string message;
  for (std::size_t i = 0; i < problems_.size() && i < kMaxReportedProblems; ++i) {
    if (i > 0) message += "\n";
    message += problems_[i].location + ": " + problems_[i].message();
  }
  if (problems_.size() > kMaxReportedProblems) {
    message +=
        "\n... and " + std::to_string(problems_.size() - kMaxReportedProblems) + " more problems";
  }
  throw InputError(message);
}

void collect_table(const toml::table& table, const std::string& prefix, KeyForm form,
                   const Params& params, std::vector<Leaf>& leaves, ProblemList& problems) {
  for (auto&& [name, node] : table) {
    if (form == KeyForm::scenario_file && prefix.empty() &&
        (name.str() == "extends" || name.str() == "events")) {
      continue;  // read by the loader
    }
    if (form == KeyForm::scenario_file && name.str().find('.') != std::string_view::npos) {
      problems.add_lazy(name.source(),
                        [prefix, name = std::string(name.str()), &node = node, &params] {
                          return quoted_key_message(prefix, name, node, params);
                        });
      continue;
    }
    const std::string key =
        prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    collect_entry(key, name, node, form, params, leaves, problems);
  }
}

std::optional<Assignment> leaf_assignment(const Leaf& leaf, ProblemList& problems) {
  try {
    return make_assignment(leaf.target, *leaf.value);
  } catch (const ValueErrorAt& error) {
    problems.add(error.where(), error.what());
  } catch (const InputError& error) {
    problems.add(leaf.value->source(), error.what());
  }
  return std::nullopt;
}

void sort_by_position(std::vector<Leaf>& leaves) {
  std::stable_sort(leaves.begin(), leaves.end(), [](const Leaf& a, const Leaf& b) {
    const toml::source_position& first = a.name->source().begin;
    const toml::source_position& second = b.name->source().begin;
    return std::pair(first.line, first.column) < std::pair(second.line, second.column);
  });
}

bool is_duplicate(const Leaf& leaf, std::map<std::string, const toml::key*>& seen,
                  ProblemList& problems) {
  const auto [existing, inserted] = seen.emplace(leaf.target.key, leaf.name);
  if (inserted) return false;
  problems.add(leaf.name->source(), in_quotes(leaf.target.key) + " is set twice (first at line " +
                                        std::to_string(existing->second->source().begin.line) +
                                        ")");
  return true;
}

}  // namespace gigsim::scenario_detail
