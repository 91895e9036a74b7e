#pragma once
// The short summary printed after a run.
#include <ostream>
#include <string>

#include "core/phase_clock.hpp"
#include "engine/run.hpp"
#include "scenario/params.hpp"

namespace gigsim::cli {

/// Prints the file, status, wall time, speed and the last year's averages of key series.
void print_run_summary(std::ostream& out, const std::string& path, const char* status,
                       const RunOutcome& outcome, int threads, const Params& params);

/// Prints the wall time of each phase of the step and of writing the result file.
void print_phase_profile(std::ostream& out, const PhaseClock& clock, const RunOutcome& outcome);

}  // namespace gigsim::cli
