// Scheduled events read from a scenario file; see events.hpp.
#include "scenario/events.hpp"

#include <map>
#include <utility>

#include "core/errors.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/parameter_values.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

void read_event(const toml::table& table, const std::string& origin, const Params& params,
                std::vector<ScheduledEvent>& events, ProblemList& problems) {
  const std::size_t problems_before = problems.size();
  ScheduledEvent event;
  event.week = 0;
  event.origin = location(origin, table.source());

  for (auto&& [name, node] : table) {
    if (name.str() == "week" || name.str() == "set") continue;
    std::string message = "unknown key " + quoted_name(name.str()) + " in [[events]]";
    if (const auto suggestion = closest_match(name.str(), {"week", "set"})) {
      message += "; did you mean " + in_quotes(*suggestion) + "?";
    }
    problems.add(name.source(),
                 message + " (an event has week = <week> and set = { \"key\" = value })");
  }

  const toml::node* week = table.get("week");
  if (week == nullptr) {
    problems.add(table.source(), "[[events]] entry is missing week = <week number, 0 or more>");
  } else if (!week->is_integer()) {
    problems.add(week->source(), "events week: expected an integer week number (0 or more), got " +
                                     describe(*week));
  } else if (week->as_integer()->get() < 0) {
    problems.add(week->source(), "events week: " + std::to_string(week->as_integer()->get()) +
                                     " is out of range; valid weeks are 0 or more");
  } else {
    event.week = week->as_integer()->get();
  }

  const toml::node* set = table.get("set");
  const toml::table* assignments = set != nullptr ? set->as_table() : nullptr;
  if (set == nullptr) {
    problems.add(table.source(), "[[events]] entry is missing set = { \"key\" = value, ... }");
  } else if (assignments == nullptr) {
    problems.add(set->source(),
                 "events set: expected a table like { \"fees.schedule\" = \"flat\" }, got " +
                     describe(*set));
  } else if (assignments->empty()) {
    problems.add(set->source(), "events set is empty; name at least one parameter to change");
  } else {
    std::vector<Leaf> leaves;
    collect_table(*assignments, "", KeyForm::dotted_paths, params, leaves, problems);
    sort_by_position(leaves);
    std::map<std::string, const toml::key*> seen;
    for (const Leaf& leaf : leaves) {
      if (is_duplicate(leaf, seen, problems)) continue;
      if (!leaf.target.event_settable()) {
        problems.add(leaf.name->source(),
                     in_quotes(leaf.target.key) +
                         " cannot be set by an event: it is fixed for the whole run");
        continue;
      }
      if (auto assignment = leaf_assignment(leaf, problems)) {
        event.assignments.push_back(std::move(*assignment));
      }
    }
  }
  if (problems.size() == problems_before) events.push_back(std::move(event));
}

}  // namespace

void read_events(const toml::node& node, const std::string& origin, const Params& params,
                 std::vector<ScheduledEvent>& events, ProblemList& problems) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    problems.add(node.source(),
                 "events: expected [[events]] tables with week and set, got " + describe(node));
    return;
  }
  for (const toml::node& element : *array) {
    if (const toml::table* table = element.as_table()) {
      read_event(*table, origin, params, events, problems);
    } else {
      problems.add(element.source(),
                   "events: expected a table with week and set, got " + describe(element));
    }
  }
}

}  // namespace gigsim::scenario_detail
