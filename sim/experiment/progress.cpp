// Experiment progress display; see progress.hpp.
#include "experiment/progress.hpp"

#include <cmath>
#include <cstdio>

namespace gigsim {
namespace {

std::string duration_text(double seconds) {
  char text[32];
  const auto whole = static_cast<long long>(std::llround(seconds));
  if (whole >= 3600) {
    std::snprintf(text, sizeof text, "%lldh%02lldm", whole / 3600, (whole % 3600) / 60);
  } else if (whole >= 60) {
    std::snprintf(text, sizeof text, "%lldm%02llds", whole / 60, whole % 60);
  } else {
    std::snprintf(text, sizeof text, "%llds", whole);
  }
  return text;
}

}  // namespace

ExperimentProgress::ExperimentProgress(std::size_t total_runs, std::size_t already_complete,
                                       bool terminal)
    : total_(total_runs),
      done_before_(already_complete),
      finished_(already_complete),
      terminal_(terminal),
      start_(std::chrono::steady_clock::now()) {}

double ExperimentProgress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::string ExperimentProgress::status_line(std::size_t running) const {
  const std::size_t done = finished_;
  const std::size_t left = total_ - done;
  const std::size_t this_time = done - done_before_;
  const double elapsed = elapsed_seconds();
  // ETA from the rate of runs finished in this invocation (runs side by side included).
  const std::string eta =
      this_time > 0 && left > 0
          ? duration_text(elapsed / static_cast<double>(this_time) * static_cast<double>(left))
          : (left == 0 ? "0s" : "--");
  char line[256];
  std::snprintf(line, sizeof line, "%zu/%zu runs, %zu running, %zu failed, elapsed %s, ETA %s",
                done, total_, running, failed_, duration_text(elapsed).c_str(), eta.c_str());
  return line;
}

void ExperimentProgress::set_counts(std::size_t finished, std::size_t failed) {
  finished_ = finished;
  failed_ = failed;
}

void ExperimentProgress::task_finished(const std::string& message, bool failed) {
  if (terminal_) {
    if (failed) std::fprintf(stderr, "\r\033[K%s\n", message.c_str());
    last_draw_ = {};
  } else {
    std::fprintf(stderr, "[%zu/%zu] %s\n", finished_, total_, message.c_str());
  }
}

void ExperimentProgress::tick(std::size_t running) {
  if (!terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  const std::size_t done = finished_;
  constexpr int kWidth = 30;
  const int filled = total_ > 0 ? static_cast<int>(kWidth * done / total_) : kWidth;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r\033[K[%s] %s", bar.c_str(), status_line(running).c_str());
  std::fflush(stderr);
}

void ExperimentProgress::done() {
  if (terminal_) {
    last_draw_ = {};
    tick(0);
    std::fprintf(stderr, "\n");
  }
}

}  // namespace gigsim
