// Reading scenario files and following `extends`; see loader.hpp.
#include "scenario/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include <toml++/toml.h>

#include "core/errors.hpp"
#include "scenario/events.hpp"
#include "scenario/parameter_values.hpp"
#include "scenario/toml_entries.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

namespace fs = std::filesystem;

std::string read_text_file(const fs::path& path) {
  const auto fail = [&](const std::string& reason) {
    return InputError("cannot read scenario file '" + path.string() + "': " + reason);
  };
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw fail(error ? error.message()
                     : std::make_error_code(std::errc::no_such_file_or_directory).message());
  }
  if (fs::is_directory(path, error)) {
    throw fail(std::make_error_code(std::errc::is_a_directory).message());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw fail(std::generic_category().message(errno));
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) throw fail("read error");
  return text.str();
}

}  // namespace

Scenario Loader::load_file(const fs::path& path) {
  const std::string text = read_text_file(path);
  std::error_code error;
  chain_.push_back({fs::weakly_canonical(path, error), path.string()});
  Scenario scenario = load_text(text, path.string(), path.parent_path());
  chain_.pop_back();
  return scenario;
}

Scenario Loader::load_text(std::string_view text, const std::string& origin,
                           const fs::path& base_dir) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(origin));
  } catch (const toml::parse_error& error) {
    throw InputError(location(origin, error.source()) +
                     ": TOML syntax error: " + std::string(error.description()));
  }

  ProblemList problems(origin);
  Scenario scenario;
  if (const toml::node* extends = root.get("extends")) {
    if (const toml::value<std::string>* base_name = extends->as_string()) {
      scenario =
          load_base(fs::path(base_name->get()), base_dir, location(origin, extends->source()));
    } else {
      problems.add(extends->source(),
                   "extends: expected the file name of a base scenario, e.g. extends = "
                   "\"baseline.toml\", got " +
                       describe(*extends));
      scenario.params = default_params();
    }
  } else {
    scenario.params = default_params();
  }
  scenario.origin = origin;

  std::vector<Leaf> leaves;
  for (auto&& [name, node] : root) {
    if (name.str() == "extends" || name.str() == "events") continue;
    collect_entry(std::string(name.str()), name, node, leaves, problems);
  }
  sort_by_position(leaves);
  std::map<std::string, const toml::key*> seen;
  for (const Leaf& leaf : leaves) {
    if (is_duplicate(leaf, seen, problems)) continue;
    try {
      assign_parameter(scenario.params, make_assignment(leaf.target, *leaf.value));
    } catch (const InputError& error) {
      problems.add(leaf.value->source(), error.what());
    }
  }

  if (const toml::node* events = root.get("events")) {
    read_events(*events, origin, scenario.events, problems);
  }
  problems.throw_if_any();
  // The base's events come first, so equal weeks keep base-then-file order.
  std::stable_sort(
      scenario.events.begin(), scenario.events.end(),
      [](const ScheduledEvent& a, const ScheduledEvent& b) { return a.week < b.week; });
  return scenario;
}

Scenario Loader::load_base(const fs::path& name, const fs::path& base_dir,
                           const std::string& where) {
  const fs::path path = name.is_absolute() || base_dir.empty() ? name : base_dir / name;
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  for (std::size_t i = 0; i < chain_.size(); ++i) {
    if (chain_[i].canonical != canonical) continue;
    std::vector<std::string> names;
    for (std::size_t j = i; j < chain_.size(); ++j) names.push_back(chain_[j].name);
    names.push_back(path.string());
    throw InputError(where + ": extends cycle: " + join(names, " -> "));
  }
  std::string text;
  try {
    text = read_text_file(path);
  } catch (const InputError& read_error) {
    throw InputError(where + ": " + read_error.what() + " (named by extends)");
  }
  chain_.push_back({canonical, path.string()});
  Scenario base = load_text(text, path.string(), path.parent_path());
  chain_.pop_back();
  return base;
}

}  // namespace gigsim::scenario_detail
