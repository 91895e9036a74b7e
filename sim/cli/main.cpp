// gigsim command-line entry point: parses the command and turns exceptions into exit codes.
#include <unistd.h>

#include <cstdlib>

#include "cli/commands.hpp"

namespace {

/// OpenMP threads that finish their share of a parallel region sleep until the next one instead
/// of spinning, unless the user chose a policy (OMP_WAIT_POLICY). A week runs a dozen short
/// parallel regions; on a machine shared with other work a spinning thread holds a core that a
/// thread still working needs (on a loaded 2-core machine 100 weeks of the baseline on 2 threads
/// took 20 s spinning, 2.5 s sleeping, 3-4 s on 1 thread). libgomp reads the variable when it
/// loads, before main: hence the program starts itself again with the variable set.
void wait_passively_in_openmp(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  if (setenv("OMP_WAIT_POLICY", "passive", 0) != 0) return;
  execv("/proc/self/exe", argv);  // returns only on failure: run on with libgomp's default
}

}  // namespace

int main(int argc, char** argv) {
  wait_passively_in_openmp(argv);
  return gigsim::cli::main_entry(argc, argv);
}
