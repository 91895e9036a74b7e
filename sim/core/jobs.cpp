// Sizing and moving of the job store.
#include "core/jobs.hpp"

namespace gigsim {

void Jobs::resize(std::size_t n) {
  for_each_array([n](auto& array) { array.resize(n); }, *this);
}

void Jobs::reserve(std::size_t n) {
  for_each_array([n](auto& array) { array.reserve(n); }, *this);
}

void Jobs::move_job(const Jobs& source, std::size_t from, std::size_t to) {
  for_each_array([from, to](auto& target, const auto& origin) { target[to] = origin[from]; }, *this,
                 source);
}

void Jobs::swap(Jobs& other) noexcept {
  for_each_array([](auto& mine, auto& theirs) { mine.swap(theirs); }, *this, other);
  category_begin.swap(other.category_begin);
}

}  // namespace gigsim
