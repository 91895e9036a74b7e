#pragma once
// `[[events]]` entries of a scenario file: week = W, set = { "key" = value, ... }.
// Internal to the scenario layer (sim/scenario/).
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "scenario/scenario.hpp"
#include "scenario/toml_entries.hpp"

namespace gigsim::scenario_detail {

/// Reads the `events` array of a file named `origin`, appending valid events in file order;
/// every problem goes to `problems`. Keys name parameters and existing members of `params`
/// (an event cannot declare a category or technology); whether each week falls inside the run
/// is checked later, once run.weeks is final (check_consistency).
void read_events(const toml::node& node, const std::string& origin, const Params& params,
                 std::vector<ScheduledEvent>& events, ProblemList& problems);

}  // namespace gigsim::scenario_detail
