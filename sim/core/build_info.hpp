#pragma once
// Build identity (version, git commit) and the baseline scenario compiled into the binary.
#include <string_view>

namespace gigsim {

std::string_view version();
std::string_view git_commit();
/// The text of scenarios/baseline.toml at build time; `gigsim run` with no scenario uses it.
std::string_view embedded_baseline_toml();

}  // namespace gigsim
