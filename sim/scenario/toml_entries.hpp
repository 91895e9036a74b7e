#pragma once
// The `key = value` entries of a TOML document, checked against the key index, and the problems
// found on the way, reported together in file order.
// Internal to the scenario layer (sim/scenario/).
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "scenario/key_index.hpp"
#include "scenario/scenario.hpp"

namespace gigsim::scenario_detail {

/// Problems found in one file, reported together in file order (at most 20, then a count).
class ProblemList {
 public:
  explicit ProblemList(std::string origin) : origin_(std::move(origin)) {}

  void add(const toml::source_region& where, std::string message);
  /// A problem whose message is costly (suggestions): made only if it is among those reported.
  void add_lazy(const toml::source_region& where, std::function<std::string()> message);
  std::size_t size() const { return problems_.size(); }

  /// Throws one InputError listing the problems, sorted by position; nothing when none.
  void throw_if_any();

 private:
  struct Problem {
    toml::source_index line;
    toml::source_index column;
    std::string location;
    std::function<std::string()> message;
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

/// How the keys of a table are read.
enum class KeyForm {
  /// A scenario file: every TOML key is one name, so a quoted "run.weeks" is not run.weeks; the
  /// file's members were declared before (declare_members reported the bad ones); the root's
  /// extends and events are left to the loader.
  scenario_file,
  /// An event's set table: a quoted key is a dotted path ("fees.flat_rate" = 0.1), and a member
  /// that does not exist is an error.
  dotted_paths,
};

/// Walks the tables below `prefix` (empty: the root), collecting the values of parameters
/// `params` knows; unknown names are problems. `params` must outlive `problems`' report.
void collect_table(const toml::table& table, const std::string& prefix, KeyForm form,
                   const Params& params, std::vector<Leaf>& leaves, ProblemList& problems);

/// The validated assignment a leaf makes, or nothing after adding its problem (at the leaf's
/// value, or at the bad element inside it).
std::optional<Assignment> leaf_assignment(const Leaf& leaf, ProblemList& problems);

/// Sorts leaves into file order, so values apply and problems report as they were written.
void sort_by_position(std::vector<Leaf>& leaves);

/// Reports a key set twice in one table (e.g. quoted "fees.flat_rate" and dotted fees.flat_rate).
bool is_duplicate(const Leaf& leaf, std::map<std::string, const toml::key*>& seen,
                  ProblemList& problems);

}  // namespace gigsim::scenario_detail
