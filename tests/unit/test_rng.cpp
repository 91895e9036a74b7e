// Counter-based random streams: Philox known answers, reproducibility, stream independence.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "core/rng.hpp"

using namespace gigsim;

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vectors", "[rng]") {
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
        PhiloxBlock{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  CHECK(philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                      {0xffffffffu, 0xffffffffu}) ==
        PhiloxBlock{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
  CHECK(philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                      {0xa4093822u, 0x299f31d0u}) ==
        PhiloxBlock{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}

TEST_CASE("A stream is a pure function of its key: same key, same numbers", "[rng]") {
  Stream a(42, 3, 17, 1000, Purpose::bidding);
  Stream b(42, 3, 17, 1000, Purpose::bidding);
  for (int i = 0; i < 100; ++i) REQUIRE(a() == b());
}

TEST_CASE("The stream's first word is the Philox block of its counter", "[rng]") {
  // seed 0x0000000500000007 -> key {7, 5}; counter {draw 0, agent 9, week 2, replicate 1 << 16 |
  // purpose}.
  const std::uint64_t seed = (std::uint64_t{5} << 32) | 7u;
  Stream stream(seed, 1, 2, 9, Purpose::choice);
  const PhiloxBlock block =
      philox4x32_10({0, 9, 2, (1u << 16) | static_cast<std::uint32_t>(Purpose::choice)}, {7, 5});
  CHECK(stream() == ((std::uint64_t{block[1]} << 32) | block[0]));
  CHECK(stream() == ((std::uint64_t{block[3]} << 32) | block[2]));
}

TEST_CASE("Streams differing in any key field differ", "[rng]") {
  const std::uint64_t base = Stream(1, 0, 5, 7, Purpose::search)();
  CHECK(Stream(2, 0, 5, 7, Purpose::search)() != base);
  CHECK(Stream(1, 1, 5, 7, Purpose::search)() != base);
  CHECK(Stream(1, 0, 6, 7, Purpose::search)() != base);
  CHECK(Stream(1, 0, 5, 8, Purpose::search)() != base);
  CHECK(Stream(1, 0, 5, 7, Purpose::bidding)() != base);
}

TEST_CASE("Uniform draws have the moments of U(0,1) and neighbouring agents are uncorrelated",
          "[rng]") {
  const int n = 200000;
  double sum = 0, sum_sq = 0, cross = 0;
  for (int agent = 0; agent < n; ++agent) {
    const double x = Stream(9, 0, 1, static_cast<std::uint32_t>(agent), Purpose::search).uniform();
    const double y =
        Stream(9, 0, 1, static_cast<std::uint32_t>(agent + 1), Purpose::search).uniform();
    REQUIRE(x >= 0.0);
    REQUIRE(x < 1.0);
    sum += x;
    sum_sq += x * x;
    cross += (x - 0.5) * (y - 0.5);
  }
  // Standard errors: mean 0.29/sqrt(n) = 0.00065; allow ~5 standard errors.
  CHECK(std::abs(sum / n - 0.5) < 0.0033);
  CHECK(std::abs(sum_sq / n - 1.0 / 3.0) < 0.0033);
  CHECK(std::abs(cross / n / (1.0 / 12.0)) < 0.012);  // correlation
}

TEST_CASE("A shared block is the first block of the same stream", "[rng]") {
  const StreamSeed seeds{0x1234567890abcdefULL, 7};
  const PhiloxBlock block = seeds.block(12, 345, Purpose::search_decision);
  Stream stream = seeds.open(12, 345, Purpose::search_decision);
  const std::uint64_t first = stream();
  const std::uint64_t second = stream();
  CHECK(first == ((std::uint64_t{block[1]} << 32) | block[0]));
  CHECK(second == ((std::uint64_t{block[3]} << 32) | block[2]));
}

TEST_CASE("Philox blocks computed together equal those computed one by one", "[rng]") {
  // Counters vary in every word and the counts cover partial vector registers (8 and 16 lanes).
  std::vector<PhiloxBlock> counters;
  for (std::uint32_t i = 0; i < 41; ++i) {
    counters.push_back({i * 0x9E3779B9u, 0xffffffffu - i, i * 7919u, (i << 16) | 3u});
  }
  counters[0] = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
  const PhiloxKey key{0xa4093822u, 0x299f31d0u};
  for (PhiloxKernel kernel :
       {PhiloxKernel::scalar, PhiloxKernel::avx2, PhiloxKernel::avx512, PhiloxKernel::widest}) {
    if (!philox_kernel_available(kernel)) continue;
    for (std::size_t n = 1; n <= counters.size(); ++n) {
      std::vector<PhiloxBlock> blocks(n);
      philox4x32_10_many(counters.data(), n, key, blocks.data(), kernel);
      for (std::size_t i = 0; i < n; ++i) {
        INFO("kernel " << static_cast<int>(kernel) << ", " << n << " blocks, block " << i);
        REQUIRE(blocks[i] == philox4x32_10(counters[i], key));
      }
    }
  }
  // The known answer of the all-ones counter and key (Random123), through the vector path.
  std::vector<PhiloxBlock> ones(9, {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu});
  philox4x32_10_many(ones.data(), ones.size(), {0xffffffffu, 0xffffffffu}, ones.data());
  CHECK(ones[8] == PhiloxBlock{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
}

TEST_CASE("A run of consecutive blocks on every kernel equals the blocks one by one", "[rng]") {
  const PhiloxKey key{0x9e3779b9u, 0x12345678u};
  // The second counter starts 20 blocks before its first word wraps to zero, as a stream's does
  // (the block index is the first word alone).
  for (const PhiloxBlock& start :
       {PhiloxBlock{0u, 77u, 9u, 5u}, PhiloxBlock{0xffffffecu, 1u, 2u, 3u}}) {
    for (PhiloxKernel kernel :
         {PhiloxKernel::scalar, PhiloxKernel::avx2, PhiloxKernel::avx512, PhiloxKernel::widest}) {
      if (!philox_kernel_available(kernel)) continue;
      for (std::size_t n_words = 1; n_words <= 140; ++n_words) {
        std::vector<std::uint32_t> words(n_words + 1, 0xdeadbeefu);  // one guard word
        const PhiloxBlock last = philox4x32_10_run(start, n_words, key, words.data(), kernel);
        PhiloxBlock expected_last{};
        for (std::size_t i = 0; i < n_words; ++i) {
          PhiloxBlock counter = start;
          counter[0] += static_cast<std::uint32_t>(i / 4);
          expected_last = philox4x32_10(counter, key);
          INFO("kernel " << static_cast<int>(kernel) << ", " << n_words << " words, word " << i);
          REQUIRE(words[i] == expected_last[i % 4]);
        }
        CHECK(last == expected_last);
        CHECK(words[n_words] == 0xdeadbeefu);  // nothing written past the words asked for
      }
    }
  }
}

TEST_CASE("Words taken in a batch are the words drawn one by one, and the stream goes on",
          "[rng]") {
  for (std::size_t already = 0; already < 5; ++already) {
    for (std::size_t n = 0; n <= 70; ++n) {
      Stream one_by_one(42, 1, 9, 77, Purpose::search);
      Stream batched(42, 1, 9, 77, Purpose::search);
      for (std::size_t i = 0; i < already; ++i)
        REQUIRE(batched.uniform32() == one_by_one.uniform32());
      std::vector<std::uint32_t> words(n);
      batched.next_words(words.data(), n);
      for (std::size_t i = 0; i < n; ++i) {
        INFO(already << " words drawn before a batch of " << n << ", word " << i);
        REQUIRE(Stream::uniform32_of(words[i]) == one_by_one.uniform32());
      }
      // Later draws continue where the batch stopped, in the middle of a block or not.
      REQUIRE(batched.uniform32() == one_by_one.uniform32());
      REQUIRE(batched() == one_by_one());
    }
  }
}

TEST_CASE("An index from a word is floor(uniform32 x count), the integer way below 2^21 items",
          "[rng]") {
  // The double product, written out here as the reference; it is exact below 2^21 items.
  const auto by_double = [](std::uint32_t word, std::size_t count) {
    return static_cast<std::size_t>(static_cast<double>(word) * 0x1.0p-32 *
                                    static_cast<double>(count));
  };
  // The words nearest the edges of an index's interval, and the largest counts, are where an
  // integer shortcut that rounded differently would show.
  const std::vector<std::uint32_t> edge_words{0u,          1u,          0x7fffffffu,
                                              0x80000000u, 0xfffffffeu, 0xffffffffu};
  const std::vector<std::size_t> counts{
      1, 2, 3, 7, 1000, 65535, 65536, 1234567, Stream::kExactIndexCountBelow - 1};
  for (std::size_t count : counts) {
    for (std::uint32_t word : edge_words) {
      INFO("word " << word << ", count " << count);
      REQUIRE(Stream::index_of(word, count) == by_double(word, count));
    }
  }
  Stream words(7, 0, 1, 2, Purpose::search);
  for (int i = 0; i < 200000; ++i) {
    const auto word = static_cast<std::uint32_t>(words());
    const std::size_t count = 1 + words() % (Stream::kExactIndexCountBelow - 1);
    REQUIRE(Stream::index_of(word, count) == by_double(word, count));
    REQUIRE(Stream::index_of(word, count) < count);
  }
  // The largest word takes the last item: the index is below count, never count itself.
  CHECK(Stream::index_of(0xffffffffu, 5) == 4);
  CHECK(Stream::index_of(0x80000000u, 5) == 2);  // 2.5 floored
  // At and above 2^21 items the double product decides.
  const std::size_t big = std::size_t{1} << 30;
  CHECK(Stream::index_of(0xffffffffu, big) == by_double(0xffffffffu, big));
}

TEST_CASE("A stream opened with its first block draws what the stream opened plainly draws",
          "[rng]") {
  const StreamSeed seeds{0x123456789abcdefULL, 3};
  // The first blocks of three streams computed together, as the careers review does.
  const std::vector<std::uint32_t> agents{5, 6, 4000000000u};
  std::vector<PhiloxBlock> counters;
  for (std::uint32_t agent : agents)
    counters.push_back(seeds.first_counter(17, agent, Purpose::careers));
  std::vector<PhiloxBlock> blocks(agents.size());
  philox4x32_10_many(counters.data(), counters.size(), seeds.key(), blocks.data());
  for (std::size_t i = 0; i < agents.size(); ++i) {
    Stream plain = seeds.open(17, agents[i], Purpose::careers);
    Stream given = seeds.open(17, agents[i], Purpose::careers, blocks[i]);
    // Six 64-bit draws: the first block's words, then the second and third blocks'.
    for (int draw = 0; draw < 6; ++draw) REQUIRE(given() == plain());
    REQUIRE(given.uniform32() == plain.uniform32());
  }
}
