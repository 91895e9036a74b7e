// gigsim command-line entry point: parses the command and turns exceptions into exit codes.
#include "cli/commands.hpp"

int main(int argc, char** argv) { return gigsim::cli::main_entry(argc, argv); }
