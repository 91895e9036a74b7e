// `gigsim show-defaults [--markdown]`: every parameter with its default and documentation.
#include <iostream>

#include "cli/commands.hpp"
#include "core/errors.hpp"
#include "scenario/parameter_docs.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"

namespace gigsim::cli {

int show_defaults_command(const Arguments& args) {
  if (args.size() == 1 && args.front() == "--markdown") {
    std::cout << parameters_markdown();
    return kExitOk;
  }
  if (!args.empty()) {
    throw InputError("show-defaults takes no arguments but --markdown, got '" + args.front() + "'");
  }
  Scenario defaults;
  defaults.params = default_params();
  defaults.origin = "<defaults>";
  std::cout << render_toml(defaults, true);
  return kExitOk;
}

}  // namespace gigsim::cli
