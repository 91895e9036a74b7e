#pragma once
// docs/parameters.md, generated from the parameter table (`gigsim show-defaults --markdown`).
#include <string>

namespace gigsim {

/// Markdown reference of every parameter and category default: key, default, range or choices,
/// unit, whether events may change it, description, and the source of the default.
std::string parameters_markdown();

}  // namespace gigsim
