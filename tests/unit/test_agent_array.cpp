// The storage of the freelancer store: resizing keeps what is there and fills the new slots.
#include <catch2/catch.hpp>
#include <cstdint>

#include "core/agent_array.hpp"
#include "core/freelancers.hpp"

using namespace gigsim;

TEST_CASE("Agent arrays keep their values and fill only the new slots", "[storage]") {
  AgentArray<float> values;
  values.resize(3);
  fill_new_slots(values, 0, 1.5);
  values[1] = 4.0f;
  // Enough new slots for the filling to be split among threads.
  const std::size_t grown = 3 + kParallelFillSlots + 5;
  values.resize(grown);
  fill_new_slots(values, 3, -2);
  REQUIRE(values.size() == grown);
  CHECK(values[0] == 1.5f);
  CHECK(values[1] == 4.0f);
  CHECK(values[2] == 1.5f);
  std::size_t wrong = 0;
  for (std::size_t i = 3; i < grown; ++i) wrong += values[i] == -2.0f ? 0 : 1;
  CHECK(wrong == 0);
}

TEST_CASE("Large agent arrays start on a huge-page boundary", "[storage]") {
  AgentArray<std::int32_t> small(10);
  CHECK(reinterpret_cast<std::uintptr_t>(small.data()) % alignof(std::int32_t) == 0);
  AgentArray<double> large;
  large.reserve(kHugePageBytes / sizeof(double) + 1);
  CHECK(reinterpret_cast<std::uintptr_t>(large.data()) % kHugePageBytes == 0);
}

TEST_CASE("New freelancer slots hold the documented empty values", "[storage]") {
  Freelancers fl;
  fl.resize(2, 3);
  fl.uid[0] = 7;
  fl.status[0] = FreelancerStatus::active;
  fl.last_active_week[0] = 12;
  fl.resize(5, 3);
  CHECK(fl.uid[0] == 7);
  CHECK(fl.status[0] == FreelancerStatus::active);
  CHECK(fl.last_active_week[0] == 12);
  for (std::size_t f = 1; f < 5; ++f) {
    CHECK(fl.uid[f] == -1);
    CHECK(fl.status[f] == FreelancerStatus::exited);
    CHECK(fl.secondary_category[f] == kNoCategory);
    CHECK(fl.reskill_target[f] == kNoCategory);
    CHECK(fl.last_active_week[f] == kNever);
    CHECK(fl.hours_this_week[f] == 0.0f);
    CHECK(fl.billed_clients[f] == 0);
  }
  REQUIRE(fl.contract_client.size() == 15);
  for (std::size_t s = 3; s < 15; ++s) CHECK(fl.contract_client[s] == kNoAgent);
}
