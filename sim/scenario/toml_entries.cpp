// Entries of a TOML document and the problems found; see toml_entries.hpp.
#include "scenario/toml_entries.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/errors.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

constexpr std::size_t kMaxReportedProblems = 20;

}  // namespace

void ProblemList::add(const toml::source_region& where, std::string message) {
  problems_.push_back(
      {where.begin.line, where.begin.column, location(origin_, where) + ": " + std::move(message)});
}

void ProblemList::throw_if_any() {
  if (problems_.empty()) return;
  std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  std::string message;
  for (std::size_t i = 0; i < problems_.size() && i < kMaxReportedProblems; ++i) {
    if (i > 0) message += "\n";
    message += problems_[i].message;
  }
  if (problems_.size() > kMaxReportedProblems) {
    message +=
        "\n... and " + std::to_string(problems_.size() - kMaxReportedProblems) + " more problems";
  }
  throw InputError(message);
}

void collect_table(const toml::table& table, const std::string& prefix, std::vector<Leaf>& leaves,
                   ProblemList& problems) {
  for (auto&& [name, node] : table) {
    const std::string key =
        prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    collect_entry(key, name, node, leaves, problems);
  }
}

void collect_entry(const std::string& key, const toml::key& name, const toml::node& node,
                   std::vector<Leaf>& leaves, ProblemList& problems) {
  if (std::optional<Target> target = find_target(key)) {
    if (node.is_table()) {
      problems.add(name.source(),
                   in_quotes(key) + " is a parameter: expected a value, not a table");
    } else {
      leaves.push_back({std::move(*target), &name, &node});
    }
  } else if (is_section(key)) {
    if (const toml::table* section = node.as_table()) {
      collect_table(*section, key, leaves, problems);
    } else {
      problems.add(name.source(), in_quotes(key) +
                                      " is a section, not a parameter; set its keys (" +
                                      join(children_of(key), ", ") + ") instead");
    }
  } else {
    problems.add(name.source(), unknown_name_message(key, node.is_table()));
  }
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
