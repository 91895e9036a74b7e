#pragma once
// The gigsim commands. Each command is one function `int NAME_command(args)` in its own file
// (run_command.cpp, ...), taking the arguments after its name and returning the exit code;
// commands.cpp lists them in one table and turns exceptions into exit codes, once.
// Exit codes: 0 ok, 1 runtime failure, 2 bad input (scenario, option, path), 128 + N stopped by
// signal N (130 Ctrl-C, 143 SIGTERM).
#include <string>
#include <vector>

namespace gigsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;  // by SIGINT; 128 + N for signal N

using Arguments = std::vector<std::string>;

int run_command(const Arguments& args);
int validate_command(const Arguments& args);
int show_defaults_command(const Arguments& args);

int main_entry(int argc, char** argv);

}  // namespace gigsim::cli
