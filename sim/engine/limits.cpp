// Resource limits; see limits.hpp.
#include "engine/limits.hpp"

#include <cstdint>
#include <string>

#include "core/errors.hpp"

namespace gigsim {
namespace {

[[noreturn]] void exceeded(const MarketState& state, const std::string& what, std::int64_t count,
                           const char* parameter, std::int64_t limit) {
  throw RuntimeFailure("the run stopped in simulated week " + std::to_string(state.week) +
                       " (burn-in included): " + std::to_string(count) + " " + what + " exceed " +
                       parameter + " = " + std::to_string(limit) + "; raise it (with --set " +
                       parameter + "=N) if the machine has the " +
                       "memory, or check the scenario for runaway growth");
}

}  // namespace

void check_resource_limits(const Params& params, const MarketState& state) {
  const auto registered = static_cast<std::int64_t>(state.freelancers.size()) -
                          static_cast<std::int64_t>(state.free_slots.size());
  if (registered > params.limits.max_freelancers) {
    exceeded(state, "registered freelancers", registered, "limits.max_freelancers",
             params.limits.max_freelancers);
  }
  const auto jobs = static_cast<std::int64_t>(state.jobs.size());
  if (jobs > params.limits.max_open_jobs) {
    exceeded(state, "jobs on the board", jobs, "limits.max_open_jobs", params.limits.max_open_jobs);
  }
}

}  // namespace gigsim
