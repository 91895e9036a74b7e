// Sweep designs; see sweep.hpp. The Latin hypercube draws from std::mt19937_64, whose output
// sequence the C++ standard fixes, with its own integer and real mappings (the standard
// distributions may differ between library versions), so a design is the same everywhere.
#include "experiment/sweep.hpp"

#include <cmath>
#include <numeric>
#include <random>

namespace gigsim {
namespace {

/// Uniform integer in [0, n) without modulo bias (rejection of the incomplete last block).
std::uint64_t uniform_below(std::mt19937_64& engine, std::uint64_t n) {
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t draw = engine();
  while (draw >= limit) draw = engine();
  return draw % n;
}

double uniform_unit(std::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

}  // namespace

std::vector<SweepPoint> grid_points(const std::vector<SweepParameter>& parameters) {
  std::vector<SweepPoint> points{SweepPoint{}};
  for (const SweepParameter& parameter : parameters) {
    std::vector<SweepPoint> extended;
    extended.reserve(points.size() * parameter.values.size());
    for (const SweepPoint& point : points) {
      for (const ParameterValue& value : parameter.values) {
        extended.push_back(point);
        extended.back().push_back(value);
      }
    }
    points = std::move(extended);
  }
  return points;
}

std::vector<std::vector<double>> latin_hypercube_unit(std::size_t points, std::size_t dimensions,
                                                      std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::vector<std::vector<double>> unit(points, std::vector<double>(dimensions));
  std::vector<std::size_t> interval(points);
  for (std::size_t d = 0; d < dimensions; ++d) {
    // Fisher-Yates shuffle: point k takes interval[k] of this dimension.
    std::iota(interval.begin(), interval.end(), std::size_t{0});
    for (std::size_t i = points; i > 1; --i) {
      std::swap(interval[i - 1], interval[uniform_below(engine, i)]);
    }
    for (std::size_t k = 0; k < points; ++k) {
      const double u =
          (static_cast<double>(interval[k]) + uniform_unit(engine)) / static_cast<double>(points);
      // Rounding may reach the interval's upper end; stay inside it.
      unit[k][d] = std::min(
          u, std::nextafter((static_cast<double>(interval[k]) + 1.0) / static_cast<double>(points),
                            0.0));
    }
  }
  return unit;
}

std::vector<SweepPoint> latin_hypercube_points(const std::vector<SweepParameter>& parameters,
                                               std::size_t points, std::uint64_t seed) {
  const auto unit = latin_hypercube_unit(points, parameters.size(), seed);
  std::vector<SweepPoint> design(points);
  for (std::size_t k = 0; k < points; ++k) {
    for (std::size_t d = 0; d < parameters.size(); ++d) {
      const SweepParameter& parameter = parameters[d];
      const double u = unit[k][d];
      ParameterValue value;
      if (parameter.kind == SweepParameter::Kind::values) {
        const auto choices = parameter.values.size();
        value = parameter.values[std::min(
            choices - 1, static_cast<std::size_t>(std::floor(u * static_cast<double>(choices))))];
      } else if (parameter.integer) {
        const double span = parameter.max - parameter.min + 1.0;
        value.kind = ParameterValue::Kind::integer;
        value.number = std::min(parameter.max, parameter.min + std::floor(u * span));
      } else {
        value.kind = ParameterValue::Kind::real;
        value.number = parameter.min + u * (parameter.max - parameter.min);
      }
      design[k].push_back(std::move(value));
    }
  }
  return design;
}

std::vector<SweepPoint> sweep_points(const Sweep& sweep) {
  switch (sweep.method) {
    case SweepMethod::grid:
      return grid_points(sweep.parameters);
    case SweepMethod::lhs:
      return latin_hypercube_points(sweep.parameters, static_cast<std::size_t>(sweep.points),
                                    static_cast<std::uint64_t>(sweep.seed));
    case SweepMethod::none:
      break;
  }
  return {SweepPoint{}};
}

}  // namespace gigsim
