#pragma once
// Wall time spent in each phase of the step, for `gigsim run --profile` and the benchmark.
#include <omp.h>

#include <array>
#include <cstddef>
#include <string_view>

namespace gigsim {

enum class Phase : std::size_t {
  events,
  ai_capability,
  posting,
  rehire,
  bidding,
  grouping,
  choice,
  acceptance,
  contracts,
  payment,
  pricing,
  adoption,
  careers,
  entry,
  metrics,
  count
};

inline constexpr std::array<std::string_view, static_cast<std::size_t>(Phase::count)> kPhaseNames{
    "events",   "ai_capability", "posting",    "rehire",    "bidding",
    "grouping", "choice",        "acceptance", "contracts", "payment",
    "pricing",  "adoption",      "careers",    "entry",     "metrics"};

class PhaseClock {
 public:
  /// Runs `work` and adds its wall time to `phase`.
  template <typename Work>
  void time(Phase phase, Work&& work) {
    const double start = omp_get_wtime();
    work();
    seconds_[static_cast<std::size_t>(phase)] += omp_get_wtime() - start;
  }

  const std::array<double, static_cast<std::size_t>(Phase::count)>& seconds() const {
    return seconds_;
  }

 private:
  std::array<double, static_cast<std::size_t>(Phase::count)> seconds_{};
};

}  // namespace gigsim
