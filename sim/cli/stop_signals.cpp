// Signal handling for runs; see stop_signals.hpp.
#include "cli/stop_signals.hpp"

namespace gigsim::cli {
namespace {

volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void request_stop(int signal_number) {
  if (g_stop_signal != 0) {
    // Asked twice: the default action, now (signal and raise are async-signal-safe).
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
    return;
  }
  g_stop_signal = signal_number;
}

}  // namespace

const volatile std::sig_atomic_t* install_stop_signal_handlers() {
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  return &g_stop_signal;
}

}  // namespace gigsim::cli
