// Sizing of the freelancer store.
#include "core/freelancers.hpp"

namespace gigsim {

void Freelancers::resize(std::size_t n, std::size_t contract_slots) {
  slots = contract_slots;
  // The new slots are written by several threads (fill_new_slots), which also maps their pages.
  const auto grow = [](std::size_t size) {
    return [size](auto& array, auto fill) {
      const std::size_t old_size = array.size();
      array.resize(size);
      fill_new_slots(array, old_size, fill);
    };
  };
  for_each_agent_array(grow(n));
  for_each_contract_array(grow(n * slots));
}

void Freelancers::reserve(std::size_t n) {
  for_each_agent_array([n](auto& array, auto) { array.reserve(n); });
  for_each_contract_array([this, n](auto& array, auto) { array.reserve(n * slots); });
}

}  // namespace gigsim
