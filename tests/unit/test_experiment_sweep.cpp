// Sweep designs: the full grid in its order, and Latin hypercubes that use every interval of
// every parameter exactly once, integer and choice parameters included.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "experiment/sweep.hpp"

using namespace gigsim;

namespace {

ParameterValue number(double value, ParameterValue::Kind kind = ParameterValue::Kind::real) {
  ParameterValue result;
  result.kind = kind;
  result.number = value;
  return result;
}

ParameterValue text(const std::string& value) {
  ParameterValue result;
  result.kind = ParameterValue::Kind::text;
  result.text = value;
  return result;
}

SweepParameter listed(const std::string& key, std::vector<ParameterValue> values) {
  SweepParameter parameter;
  parameter.key = key;
  parameter.kind = SweepParameter::Kind::values;
  parameter.values = std::move(values);
  return parameter;
}

SweepParameter range(const std::string& key, double min, double max, bool integer = false) {
  SweepParameter parameter;
  parameter.key = key;
  parameter.kind = SweepParameter::Kind::range;
  parameter.min = min;
  parameter.max = max;
  parameter.integer = integer;
  return parameter;
}

}  // namespace

TEST_CASE("A grid has every combination, the first parameter varying slowest", "[sweep]") {
  const auto points =
      grid_points({listed("fees.schedule", {text("flat"), text("sliding")}),
                   listed("market.bid_cost_usd", {number(0), number(0.5), number(1)})});
  // 2 x 3 = 6 points: (flat,0) (flat,0.5) (flat,1) (sliding,0) (sliding,0.5) (sliding,1).
  REQUIRE(points.size() == 6);
  const std::vector<std::string> schedules{"flat", "flat", "flat", "sliding", "sliding", "sliding"};
  const std::vector<double> costs{0, 0.5, 1, 0, 0.5, 1};
  for (std::size_t k = 0; k < 6; ++k) {
    CHECK(points[k][0].text == schedules[k]);
    CHECK(points[k][1].number == costs[k]);
  }
}

TEST_CASE("Latin hypercube: every interval of every dimension is used exactly once", "[sweep]") {
  const std::size_t points = 10, dimensions = 3;
  const auto unit = latin_hypercube_unit(points, dimensions, 42);
  REQUIRE(unit.size() == points);
  for (std::size_t d = 0; d < dimensions; ++d) {
    std::vector<std::size_t> intervals;
    for (const auto& point : unit) {
      CHECK(point[d] >= 0.0);
      CHECK(point[d] < 1.0);
      intervals.push_back(static_cast<std::size_t>(std::floor(point[d] * points)));
    }
    std::sort(intervals.begin(), intervals.end());
    for (std::size_t k = 0; k < points; ++k) CHECK(intervals[k] == k);
  }
  // Seeded: the same seed gives the same design, another seed another one.
  CHECK(latin_hypercube_unit(points, dimensions, 42) == unit);
  CHECK(latin_hypercube_unit(points, dimensions, 43) != unit);
  // The dimensions are paired by independent permutations, not all the identity.
  bool some_point_off_diagonal = false;
  for (const auto& point : unit) {
    some_point_off_diagonal |= std::floor(point[0] * points) != std::floor(point[1] * points);
  }
  CHECK(some_point_off_diagonal);
}

TEST_CASE("Latin hypercube maps real, integer and choice parameters by stratum", "[sweep]") {
  // K = 4 points. Real range [2, 4]: intervals [2, 2.5), [2.5, 3), [3, 3.5), [3.5, 4), one point
  // each. Integer range [1, 4] (4 values): stratum k of u gives 1 + floor(4u) = 1 + k, so each
  // value exactly once. Two choices: floor(2u) is 0 for strata 0-1 and 1 for strata 2-3, so each
  // choice twice.
  const auto design = latin_hypercube_points(
      {range("a", 2.0, 4.0), range("n", 1, 4, true), listed("s", {text("flat"), text("sliding")})},
      4, 7);
  REQUIRE(design.size() == 4);
  std::set<int> real_intervals, integers;
  std::map<std::string, int> choices;
  for (const SweepPoint& point : design) {
    REQUIRE(point.size() == 3);
    CHECK(point[0].kind == ParameterValue::Kind::real);
    CHECK(point[0].number >= 2.0);
    CHECK(point[0].number < 4.0);
    real_intervals.insert(static_cast<int>(std::floor((point[0].number - 2.0) / 0.5)));
    CHECK(point[1].kind == ParameterValue::Kind::integer);
    CHECK(point[1].number == std::floor(point[1].number));
    integers.insert(static_cast<int>(point[1].number));
    ++choices[point[2].text];
  }
  CHECK(real_intervals == std::set<int>{0, 1, 2, 3});
  CHECK(integers == std::set<int>{1, 2, 3, 4});
  CHECK(choices == std::map<std::string, int>{{"flat", 2}, {"sliding", 2}});
}

TEST_CASE("Without a sweep there is one empty point", "[sweep]") {
  const auto points = sweep_points(Sweep{});
  REQUIRE(points.size() == 1);
  CHECK(points[0].empty());
}
