// Sizing of the freelancer store.
#include "core/freelancers.hpp"

#include <type_traits>

namespace gigsim {

void Freelancers::resize(std::size_t n, std::size_t contract_slots) {
  slots = contract_slots;
  const auto grow = [](std::size_t size) {
    return [size](auto& array, auto fill) {
      using Value = typename std::decay_t<decltype(array)>::value_type;
      array.resize(size, static_cast<Value>(fill));
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
