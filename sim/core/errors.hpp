#pragma once
// Exceptions carrying a message the user can act on. They are caught once, at the CLI edge,
// and turned into exit codes: InputError -> 2 (bad scenario, option or path), anything else -> 1.
#include <stdexcept>
#include <string>

namespace gigsim {

/// Bad input from the user: scenario file, --set value, CLI option, output path.
/// The message names the place (file:line:column or the option) and what would be valid.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A failure while running (I/O error on the result file, violated engine invariant).
class RuntimeFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace gigsim
