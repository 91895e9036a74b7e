#pragma once
// Storage for the per-agent arrays of the largest store (the freelancers: 18 million slots on
// Upwork's scale, about 5 GB). Two things make creating such a store cheap:
//  - Elements a resize adds are default-initialised, so for numbers the resize writes nothing,
//    and the caller fills them in parallel (fill_new_slots). The first write to a page costs a
//    page fault, in the kernel; a std::vector's resize writes every new element on one thread,
//    and on a virtual machine that was the largest serial part of creating the population.
//  - Blocks of 2 MiB or more start on a 2 MiB boundary and are offered to the kernel for
//    transparent huge pages (madvise; Linux's default mode on Debian is to use them only where
//    asked): one fault then maps 2 MiB instead of 4 KiB.
// Neither changes a value the model computes: only where the memory lies and when it is mapped.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

namespace gigsim {

/// Bytes from which a block is aligned to, and offered as, huge pages.
inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

/// Allocates `bytes` (aligned as malloc aligns); blocks of kHugePageBytes or more on a
/// huge-page boundary, offered for huge pages. Throws std::bad_alloc.
void* allocate_agent_block(std::size_t bytes);
void free_agent_block(void* block) noexcept;

template <typename T>
struct AgentAllocator {
  using value_type = T;

  AgentAllocator() = default;
  template <typename U>
  AgentAllocator(const AgentAllocator<U>& /*other*/) noexcept {}  // NOLINT: rebinding

  static_assert(alignof(T) <= alignof(std::max_align_t), "malloc's alignment is enough");

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(allocate_agent_block(n * sizeof(T)));
  }
  void deallocate(T* block, std::size_t /*n*/) noexcept { free_agent_block(block); }

  /// Default-initialisation where std::allocator value-initialises: a resize leaves numbers
  /// unwritten.
  template <typename U, typename... Args>
  void construct(U* place, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(place)) U;
    } else {
      ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
    }
  }

  template <typename U>
  bool operator==(const AgentAllocator<U>& /*other*/) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const AgentAllocator<U>& /*other*/) const noexcept {
    return false;
  }
};

/// A per-agent array of a large store: a std::vector whose resize(n) leaves new numbers
/// unwritten (fill them with fill_new_slots).
template <typename T>
using AgentArray = std::vector<T, AgentAllocator<T>>;

/// Slots from which fill_new_slots splits the writing among threads.
inline constexpr std::size_t kParallelFillSlots = std::size_t{1} << 16;

/// Writes `value` to array[first, array.size()), in parallel when there are many: the pages are
/// first touched by several threads.
template <typename T, typename V>
void fill_new_slots(AgentArray<T>& array, std::size_t first, const V& value) {
  const std::size_t n = array.size();
  if (first >= n) return;
  const T fill = static_cast<T>(value);
  T* const data = array.data();
  constexpr std::size_t kBlock = 4096;
  const std::size_t blocks = (n - first + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static) if (n - first >= kParallelFillSlots)
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t begin = first + b * kBlock;
    const std::size_t end = std::min(n, begin + kBlock);
    for (std::size_t i = begin; i < end; ++i) data[i] = fill;
  }
}

}  // namespace gigsim
