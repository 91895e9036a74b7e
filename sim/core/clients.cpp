// Sizing of the client store.
#include "core/clients.hpp"

#include <type_traits>

namespace gigsim {

void Clients::resize(std::size_t n) {
  for_each_array([n](auto& array, auto fill) {
    using Value = typename std::decay_t<decltype(array)>::value_type;
    array.resize(n, static_cast<Value>(fill));
  });
}

}  // namespace gigsim
