#pragma once
// Distributed experiments (built with -DGIGSIM_WITH_MPI=ON): `mpirun -n K gigsim experiment FILE
// -o DIR` spreads the tasks over K ranks, each running its tasks as child processes as the
// local runner does (runs in flight from the cores bound to the rank). Rank 0 hands out tasks
// one at a time as ranks ask for them (dynamic assignment: long and short runs balance) and
// runs tasks itself; every rank writes its runs' files into DIR (a file system all ranks
// share), and rank 0 alone writes the manifest.
#include <csignal>
#include <filesystem>

#include "experiment/experiment_file.hpp"
#include "experiment/run_plan.hpp"

namespace gigsim {

/// Ranks of the MPI job this process was started in (1 when not started by an MPI launcher),
/// read from the launcher's environment, without initialising MPI.
int mpi_world_size();

/// Runs the experiment on every rank; returns the exit code (0, 1, 2 or 130) on every rank.
int run_experiment_mpi(const Experiment& experiment, const RunPlan& plan,
                       const std::filesystem::path& directory, int jobs,
                       const volatile std::sig_atomic_t* stop_requested, void (*on_signal)(int));

}  // namespace gigsim
