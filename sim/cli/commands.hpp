#pragma once
// The gigsim commands: run, validate, show-defaults, --version, --help.
// Exit codes: 0 ok, 1 runtime failure, 2 bad input (scenario, option, path), 130 interrupted.

namespace gigsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;

int main_entry(int argc, char** argv);

}  // namespace gigsim::cli
