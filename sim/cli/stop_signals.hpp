#pragma once
// Ctrl-C (SIGINT) and SIGTERM ask a run to stop at the next week boundary, where it writes what
// it has and marks its file "interrupted"; the exit code is then 128 + the signal's number. A
// second signal of either kind stops the process at once (its result file keeps the rows of
// the last flush, status "running").
#include <csignal>

namespace gigsim::cli {

/// Installs the handlers; returns the flag they set: 0 until a stop is asked for, then the
/// number of the signal that asked.
const volatile std::sig_atomic_t* install_stop_signal_handlers();

}  // namespace gigsim::cli
