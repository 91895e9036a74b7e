#pragma once
// Sweep designs: the points of parameter space an experiment runs.
// - Full grid: every combination of the listed values; the first parameter varies slowest.
// - Latin hypercube (McKay, Beckman & Conover 1979): K points; each parameter's range is cut
//   into K equal intervals and every interval is used by exactly one point, the pairing across
//   parameters being a seeded random permutation per parameter and the position inside an
//   interval uniform. Integer ranges [a, b] and listed choices are stratified the same way:
//   interval k of K maps to the value floor(a + (b - a + 1) u) or choice floor(C u) of its
//   point u, so every value is used about K / (b - a + 1) times.
#include <cstdint>
#include <vector>

#include "experiment/experiment_file.hpp"

namespace gigsim {

/// One point: a value per sweep parameter, in the order of the parameters.
using SweepPoint = std::vector<ParameterValue>;

std::vector<SweepPoint> grid_points(const std::vector<SweepParameter>& parameters);

/// The unit-cube design behind latin_hypercube_points: u[k][d] in [0, 1), point k, parameter d,
/// with floor(K u[k][d]) a permutation of 0..K-1 for every d.
std::vector<std::vector<double>> latin_hypercube_unit(std::size_t points, std::size_t dimensions,
                                                      std::uint64_t seed);

std::vector<SweepPoint> latin_hypercube_points(const std::vector<SweepParameter>& parameters,
                                               std::size_t points, std::uint64_t seed);

/// The sweep's points; one empty point without a sweep.
std::vector<SweepPoint> sweep_points(const Sweep& sweep);

}  // namespace gigsim
