#pragma once
// The `key = value` entries of a TOML document, checked against the key index, and the problems
// found on the way, reported together in file order.
// Internal to the scenario layer (sim/scenario/).
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "scenario/key_index.hpp"

namespace gigsim::scenario_detail {

/// Problems found in one file, reported together in file order (at most 20, then a count).
class ProblemList {
 public:
  explicit ProblemList(std::string origin) : origin_(std::move(origin)) {}

  void add(const toml::source_region& where, std::string message);
  std::size_t size() const { return problems_.size(); }

  /// Throws one InputError listing every problem, sorted by position; nothing when none.
  void throw_if_any();

 private:
  struct Problem {
    toml::source_index line;
    toml::source_index column;
    std::string message;
  };
  std::string origin_;
  std::vector<Problem> problems_;
};

/// One `key = value` found in a file, with the dotted key it sets.
struct Leaf {
  Target target;
  const toml::key* name;
  const toml::node* value;
};

/// Walks the tables below `prefix`, collecting parameter values; unknown names are problems.
void collect_table(const toml::table& table, const std::string& prefix, std::vector<Leaf>& leaves,
                   ProblemList& problems);

/// One entry `name = node` whose full dotted key is `key`; tables are walked.
void collect_entry(const std::string& key, const toml::key& name, const toml::node& node,
                   std::vector<Leaf>& leaves, ProblemList& problems);

/// Sorts leaves into file order, so values apply and problems report as they were written.
void sort_by_position(std::vector<Leaf>& leaves);

/// Reports a key set twice in one table (e.g. quoted "fees.flat_rate" and dotted fees.flat_rate).
bool is_duplicate(const Leaf& leaf, std::map<std::string, const toml::key*>& seen,
                  ProblemList& problems);

}  // namespace gigsim::scenario_detail
