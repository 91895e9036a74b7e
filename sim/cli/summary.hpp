#pragma once
// The short summary printed after a run.
#include <ostream>
#include <string>

#include "engine/run.hpp"
#include "scenario/params.hpp"

namespace gigsim::cli {

/// Prints the file, status, wall time, speed and the last year's averages of key series.
void print_run_summary(std::ostream& out, const std::string& path, const char* status,
                       const RunOutcome& outcome, int threads, const Params& params);

}  // namespace gigsim::cli
