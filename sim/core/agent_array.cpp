// Blocks for the per-agent arrays; see agent_array.hpp.
#include "core/agent_array.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace gigsim {

void* allocate_agent_block(std::size_t bytes) {
  if (bytes < kHugePageBytes) {
    // Small arrays (small scenarios, tests): malloc's alignment suits every element type.
    void* block = std::malloc(bytes == 0 ? 1 : bytes);
    if (block == nullptr) throw std::bad_alloc();
    return block;
  }
  // aligned_alloc wants a multiple of the alignment: the block ends with the last huge page,
  // which holds the array's end and a few unused bytes (at most 2 MiB less one per array).
  const std::size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  void* block = std::aligned_alloc(kHugePageBytes, rounded);
  if (block == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Advice only: where the kernel has no huge pages to give, the block keeps small pages.
  (void)madvise(block, rounded, MADV_HUGEPAGE);
#endif
  return block;
}

void free_agent_block(void* block) noexcept { std::free(block); }

}  // namespace gigsim
