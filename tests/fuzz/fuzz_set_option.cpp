// libFuzzer target: `--set KEY=VALUE` on the baseline scenario, with arbitrary text. Bad
// input must end in InputError, never a crash, a hang, a sanitizer report or another exception.
#include <cstdint>
#include <string_view>

#include "core/errors.hpp"
#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gigsim::Scenario baseline = gigsim::load_embedded_baseline();
  gigsim::Scenario scenario = baseline;
  try {
    gigsim::apply_set_option(scenario, std::string_view(reinterpret_cast<const char*>(data), size));
    gigsim::check_consistency(scenario);
  } catch (const gigsim::InputError&) {
  }
  return 0;
}
