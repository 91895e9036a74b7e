// libFuzzer target: the scenario reader on arbitrary text. Bad input must end in InputError
// (a message for the user), never a crash, a hang, a sanitizer report or another exception;
// and a scenario that loads must render to TOML that loads back to the same scenario
// (render_toml's promise; read under the same origin, which its header comment names).
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "scenario/scenario.hpp"

namespace {

/// `extends` in fuzzed text resolves against an empty directory: only absolute paths reach
/// real files (read-only, bounded by the reader).
const std::filesystem::path& base_directory() {
  static const std::filesystem::path directory = [] {
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "gigsim-fuzz-empty";
    std::filesystem::create_directories(path);
    return path;
  }();
  return directory;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string rendered;
  try {
    const gigsim::Scenario scenario =
        gigsim::load_scenario_text(text, "fuzz.toml", base_directory());
    gigsim::check_consistency(scenario);
    rendered = gigsim::render_toml(scenario, false);
  } catch (const gigsim::InputError&) {
    return 0;
  }
  std::string again;
  try {
    again = gigsim::render_toml(gigsim::load_scenario_text(rendered, "fuzz.toml", base_directory()),
                                false);
  } catch (const gigsim::InputError& error) {
    std::cerr << "a loaded scenario rendered to TOML that does not load: " << error.what()
              << "\n--- rendered ---\n"
              << rendered;
    std::abort();
  }
  if (again != rendered) {
    std::cerr << "render_toml does not round-trip\n--- first ---\n"
              << rendered << "\n--- second ---\n"
              << again;
    std::abort();
  }
  return 0;
}
