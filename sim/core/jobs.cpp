// Sizing and moving of the job store.
#include "core/jobs.hpp"

namespace gigsim {

void Jobs::resize(std::size_t n) {
  for_each_array([n](auto& array) { array.resize(n); }, *this);
}

void Jobs::reserve(std::size_t n) {
  for_each_array([n](auto& array) { array.reserve(n); }, *this);
}

void Jobs::swap(Jobs& other) noexcept {
  for_each_array([](auto& mine, auto& theirs) { mine.swap(theirs); }, *this, other);
  category_begin.swap(other.category_begin);
}

}  // namespace gigsim
