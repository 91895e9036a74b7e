#pragma once
// `gigsim experiment FILE -o DIR [--jobs N] [--dry-run]`: runs every scenario x sweep point x
// replicate of an experiment file (experiment/) and keeps DIR/manifest.json true.
#include <string>
#include <vector>

namespace gigsim::cli {

/// Exit codes: 0 every run complete, 1 some run failed, 2 bad experiment file or option,
/// 130 interrupted.
int experiment_command(const std::vector<std::string>& args);

}  // namespace gigsim::cli
