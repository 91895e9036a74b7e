#pragma once
// A scenario: typed parameters plus scheduled events, read from TOML (toml++).
// Errors are InputError with "file:line:column: message" and, for unknown keys, a suggestion.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/params.hpp"

namespace gigsim {

/// One parameter change, resolved and validated when the scenario is loaded.
struct Assignment {
  std::string key;  // full dotted key, e.g. "fees.flat_rate" or "categories.web.exposure.llm"
  double value;     // numbers, booleans (0/1) and choice indices (exact in a double)
  std::string value_text;  // as the user wrote it (choice name, number), for the /events table
  std::vector<CapabilityPoint> points{};  // the value of a list of points (ParamType::points)
};

/// `[[events]] week = W, set = { "key" = value, ... }`: applied at the start of week W.
struct ScheduledEvent {
  std::int64_t week;
  std::vector<Assignment> assignments;
  std::string origin;  // "file:line:column" of the event, for messages and the /events table
};

/// Where a parameter got its value: "file:line:column" of the value, or "--set key=value".
struct ValueOrigin {
  std::string key;
  std::string where;
};

struct Scenario {
  Params params;
  std::vector<ScheduledEvent> events;  // sorted by week, stable in file order
  std::string origin;                  // file path, or "<embedded baseline>"
  /// Every assignment to `params` in the order made (base files, the file, then --set), so that
  /// an inconsistency can name where the last value involved was set.
  std::vector<ValueOrigin> value_origins{};
};

/// Largest scenario file (or text) read, and deepest chain of `extends`.
inline constexpr std::size_t kMaxScenarioBytes = 4 * 1024 * 1024;
inline constexpr std::size_t kMaxExtendsDepth = 32;

/// Reads a scenario file; `extends = "other.toml"` (relative to the file) is applied first.
/// Loading checks every value but not the consistency between parameters: apply the overrides
/// (apply_set_option), then call check_consistency before running.
Scenario load_scenario_file(const std::filesystem::path& path);
/// Reads scenario text; `origin` names it in messages; relative `extends` resolve against
/// `base_dir`. As load_scenario_file, without the consistency check.
Scenario load_scenario_text(std::string_view text, std::string_view origin,
                            const std::filesystem::path& base_dir = {});
/// The baseline compiled into the binary.
Scenario load_embedded_baseline();

/// Applies one `--set key=value` (typed by the parameter table; choices by name). It changes
/// existing categories and technologies; only a scenario file declares new ones.
void apply_set_option(Scenario& scenario, std::string_view key_equals_value);

/// Sets one parameter by key on typed params (used by events and --set); the key may name a
/// field of an existing category or technology. Throws InputError for unknown keys or invalid
/// values (the message names the key; callers add where it came from).
void assign_parameter(Params& params, const Assignment& assignment);

/// The complete resolved scenario as TOML: every parameter, AI technology and category, and the
/// events.
/// With `with_docs`, each key is preceded by its documentation, unit, range and source.
/// Loading the text again gives the same parameters and events.
std::string render_toml(const Scenario& scenario, bool with_docs);

/// One line for people: "260 weeks, 20000 freelancers, 2000 clients, 9 categories (new:
/// podcasts), 2 AI technologies, 1 event". Naming the declared members shows a misspelt
/// [categories.<name>], which declares a category rather than failing.
std::string scenario_summary(const Scenario& scenario);

/// Throws InputError listing every cross-parameter inconsistency, each naming where a value
/// involved was set, and every event at or after the end of the run (run.weeks) or leaving the
/// parameters inconsistent, naming the event. Call it after every override is applied.
void check_consistency(const Scenario& scenario);

}  // namespace gigsim
