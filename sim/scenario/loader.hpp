#pragma once
// Reading scenario files and texts, following `extends` chains (relative to the extending file)
// and detecting cycles. Internal to the scenario layer (sim/scenario/).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

namespace gigsim::scenario_detail {

/// Loads files and texts, following `extends` (at most kMaxExtendsDepth deep) and detecting
/// cycles. Consistency across parameters is not checked here (see check_consistency).
class Loader {
 public:
  Scenario load_file(const std::filesystem::path& path);
  Scenario load_text(std::string_view text, const std::string& origin,
                     const std::filesystem::path& base_dir);

 private:
  struct ChainEntry {
    std::filesystem::path canonical;
    std::string name;
  };

  /// `where` is "file:line:column" of the extends value: base problems name the extending line.
  Scenario load_base(const std::filesystem::path& name, const std::filesystem::path& base_dir,
                     const std::string& where);

  std::vector<ChainEntry> chain_;  // files being loaded, outermost first
  std::size_t depth_ = 0;          // extends followed to reach the file being loaded
};

}  // namespace gigsim::scenario_detail
