#pragma once
// Counter-based random streams (Philox4x32-10, Salmon et al. 2011, "Parallel random numbers:
// as easy as 1, 2, 3"). A stream is keyed by (seed, replicate, week, agent id, purpose) and
// needs no shared state, so every agent draws the same numbers whatever thread runs it and in
// whatever order: results are identical for any thread count, and replicate r of two
// scenarios uses the same streams (common random numbers). A Stream satisfies
// UniformRandomBitGenerator, so Boost.Random distributions draw from it directly.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace gigsim {

/// What a stream is used for; each purpose is an independent stream for the same agent/week.
enum class Purpose : std::uint16_t {
  init_freelancer = 1,
  init_client,
  posting,
  job_attributes,
  search,
  bidding,
  choice,
  rehire,
  delivery,
  careers,
  entry,
  entrant_attributes,
  search_decision,  // keyed by a group of four freelancers, one word each
  adoption,
  automation,
  panel,
};

using PhiloxBlock = std::array<std::uint32_t, 4>;
using PhiloxKey = std::array<std::uint32_t, 2>;

/// One Philox4x32 block with 10 rounds: a bijection of the counter under the key.
PhiloxBlock philox4x32_10(PhiloxBlock counter, PhiloxKey key);

/// Instruction sets philox4x32_10_many can use.
enum class PhiloxKernel { scalar, avx2, avx512, widest };

/// Does this CPU run `kernel`?
bool philox_kernel_available(PhiloxKernel kernel);

/// out[i] = philox4x32_10(counters[i], key) for i < n, several blocks at a time with the widest
/// vector instructions the CPU has, or with `kernel` (integer arithmetic: the same bits on every
/// path).
void philox4x32_10_many(const PhiloxBlock* counters, std::size_t n, PhiloxKey key, PhiloxBlock* out,
                        PhiloxKernel kernel = PhiloxKernel::widest);

/// The first n_words (> 0) words of consecutive blocks: words[4i + w] = philox4x32_10(c_i,
/// key)[w], where c_i is `counter` with i added to its first word (wrapping, as a stream counts
/// its blocks). Returns the last block computed, the one holding word n_words - 1.
PhiloxBlock philox4x32_10_run(PhiloxBlock counter, std::size_t n_words, PhiloxKey key,
                              std::uint32_t* words, PhiloxKernel kernel = PhiloxKernel::widest);

class Stream {
 public:
  using result_type = std::uint64_t;

  /// Key = seed; counter = (draw index, agent, week, replicate << 16 | purpose).
  Stream(std::uint64_t seed, std::uint32_t replicate, std::uint32_t week, std::uint32_t agent,
         Purpose purpose)
      : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
        counter_{0u, agent, week, (replicate << 16) | static_cast<std::uint32_t>(purpose)} {}

  /// The same stream with its first block already computed (by philox4x32_10_many, for many
  /// streams at once): draws take that block's words, then go on with the second block.
  Stream(std::uint64_t seed, std::uint32_t replicate, std::uint32_t week, std::uint32_t agent,
         Purpose purpose, const PhiloxBlock& first_block)
      : Stream(seed, replicate, week, agent, purpose) {
    block_ = first_block;
    ++counter_[0];
    used_ = 0;
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    const std::uint64_t lo = next_word();
    const std::uint64_t hi = next_word();
    return (hi << 32) | lo;
  }

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

  /// Uniform double in [0, 1) with 32 random bits (one word): for coin flips and picking among
  /// fewer than ~1e6 items, where 32 bits are plenty and the stream lasts twice as long.
  double uniform32() { return static_cast<double>(next_word()) * 0x1.0p-32; }

  /// floor(uniform32_of(word) x count): an index among `count` items. Below 2^21 items a word
  /// times the count is exact in a double (32 + 21 bits < 53), so the integer product's high
  /// word is the same number, at a fraction of the cost.
  static std::size_t index_of(std::uint32_t word, std::size_t count) {
    if (count >= kExactIndexCountBelow) {
      return static_cast<std::size_t>(uniform32_of(word) * static_cast<double>(count));
    }
    return static_cast<std::size_t>((word * static_cast<std::uint64_t>(count)) >> 32);
  }
  static constexpr std::size_t kExactIndexCountBelow = std::size_t{1} << 21;

  /// The next 32-bit word, the one uniform32() would use.
  std::uint32_t next_word32() { return next_word(); }

  /// The uniform32() value of a word taken by next_words.
  static double uniform32_of(std::uint32_t word) { return static_cast<double>(word) * 0x1.0p-32; }

  /// Writes the stream's next n 32-bit words to `out`: the words n calls of uniform32() would
  /// use, with their blocks computed together (philox4x32_10_many).
  void next_words(std::uint32_t* out, std::size_t n);

 private:
  std::uint32_t next_word() {
    if (used_ == 4) {
      block_ = philox4x32_10(counter_, key_);
      ++counter_[0];
      used_ = 0;
    }
    return block_[used_++];
  }

  PhiloxKey key_;
  PhiloxBlock counter_;
  PhiloxBlock block_{};
  int used_ = 4;
};

/// Everything needed to open a stream except the agent, week and purpose.
struct StreamSeed {
  std::uint64_t seed = 0;
  std::uint32_t replicate = 0;

  Stream open(std::uint32_t week, std::uint32_t agent, Purpose purpose) const {
    return Stream(seed, replicate, week, agent, purpose);
  }

  /// The same stream, given its first block (first_counter's block under key()).
  Stream open(std::uint32_t week, std::uint32_t agent, Purpose purpose,
              const PhiloxBlock& first_block) const {
    return Stream(seed, replicate, week, agent, purpose, first_block);
  }

  /// The counter of the first block of `open(week, agent, purpose)`, and the key of every block:
  /// for callers that compute the first blocks of many streams together.
  PhiloxBlock first_counter(std::uint32_t week, std::uint32_t agent, Purpose purpose) const {
    return {0u, agent, week, (replicate << 16) | static_cast<std::uint32_t>(purpose)};
  }
  PhiloxKey key() const {
    return {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
  }

  /// The first block of the stream `open(week, agent, purpose)` would give: four 32-bit words
  /// for callers that share one block among several agents.
  PhiloxBlock block(std::uint32_t week, std::uint32_t agent, Purpose purpose) const {
    return philox4x32_10(first_counter(week, agent, purpose), key());
  }
};

}  // namespace gigsim
