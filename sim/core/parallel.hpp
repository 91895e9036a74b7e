#pragma once
// Parallel loops whose results do not depend on the number of threads: work is split into
// fixed-size chunks (independent of the thread count), each chunk reduces into its own slot,
// and slots are combined serially in chunk order. No atomics on shared doubles.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace gigsim {

inline constexpr std::size_t kReductionChunk = 4096;

inline std::size_t chunk_count(std::size_t n) {
  return (n + kReductionChunk - 1) / kReductionChunk;
}

/// Reduces over i in [0, n) in a thread-count-independent order: each chunk fills a
/// default-constructed Acc via body(acc, i); chunks are then merged in order with merge(total,
/// chunk_acc). `partials` is caller-owned scratch.
template <typename Acc, typename Body, typename Merge>
Acc deterministic_reduce(std::size_t n, std::vector<Acc>& partials, const Acc& zero, Body body,
                         Merge merge) {
  const std::size_t chunks = chunk_count(n);
  partials.assign(chunks, zero);
#pragma omp parallel for schedule(static)
  for (std::size_t c = 0; c < chunks; ++c) {
    const std::size_t end = std::min(n, (c + 1) * kReductionChunk);
    Acc& acc = partials[c];
    for (std::size_t i = c * kReductionChunk; i < end; ++i) body(acc, i);
  }
  Acc total = zero;
  for (const Acc& p : partials) merge(total, p);
  return total;
}

/// The indices i in [0, n) for which keep(i) holds, in increasing order (whatever the thread
/// count): each chunk collects its own, in parallel, and the chunks are joined in order. For the
/// serial passes that act on a few of many slots, so that the search for them is parallel.
/// keep must only read.
template <typename Keep>
void ordered_filter(std::size_t n, std::vector<std::uint32_t>& kept, Keep keep) {
  const std::size_t chunks = chunk_count(n);
  std::vector<std::vector<std::uint32_t>> found(chunks);
#pragma omp parallel for schedule(static)
  for (std::size_t c = 0; c < chunks; ++c) {
    const std::size_t end = std::min(n, (c + 1) * kReductionChunk);
    for (std::size_t i = c * kReductionChunk; i < end; ++i) {
      if (keep(i)) found[c].push_back(static_cast<std::uint32_t>(i));
    }
  }
  kept.clear();
  for (const std::vector<std::uint32_t>& chunk : found)
    kept.insert(kept.end(), chunk.begin(), chunk.end());
}

}  // namespace gigsim
