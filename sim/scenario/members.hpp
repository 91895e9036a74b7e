#pragma once
// The scenario's named members: job categories ([categories.<name>]) and AI technologies
// ([ai.technologies.<name>]). A scenario file declares a member by naming it; a new member
// starts with every field at its generic default (parameter_table.hpp). Member order is the
// defaults first, then first appearance through the extends chain and the file; it is the index
// the engine and the result file use. Internal to the scenario layer (sim/scenario/).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "scenario/params.hpp"
#include "scenario/toml_entries.hpp"

namespace gigsim::scenario_detail {

/// A kind of member: where its tables live and what it is called.
struct MemberKind {
  std::string_view section;  // "categories" or "ai.technologies"
  std::string_view noun;     // "category"
  std::string_view plural;   // "categories"
  std::size_t limit;         // most members a scenario may have
  std::vector<std::string> (*names)(const Params&);
};

const MemberKind& category_kind();
const MemberKind& technology_kind();

std::vector<std::string> category_names(const Params& params);
std::vector<std::string> technology_names(const Params& params);

CategoryParams* find_category(Params& params, std::string_view name);
AiTechnologyParams* find_technology(Params& params, std::string_view name);
/// Index of the technology in Params::technologies (and in CategoryParams::exposure).
std::optional<std::size_t> technology_index(const Params& params, std::string_view name);

/// Member names: a lower-case letter, then lower-case letters, digits and '_', at most 64.
bool is_valid_member_name(std::string_view name);

/// Declares every category and technology the file `root` names that `params` does not have
/// yet, in order of first appearance; invalid names and names beyond the limits are problems.
void declare_members(const toml::table& root, Params& params, ProblemList& problems);

}  // namespace gigsim::scenario_detail
