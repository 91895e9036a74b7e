"""`mpirun -n 2 gigsim experiment`: rank 0 hands out the runs, both ranks run them, rank 0 writes
the manifest, and every dataset is bit-identical to the single-process experiment's.

Needs a gigsim built with MPI (CMake finds Open MPI: GIGSIM_WITH_MPI=AUTO or ON; CTest sets
GIGSIM_MPI) and mpirun; skipped otherwise."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, binary_path, run_gigsim
from test_determinism import assert_bit_identical, walk

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "experiments"

pytestmark = pytest.mark.skipif(
    os.environ.get("GIGSIM_MPI", "").upper() not in ("1", "ON", "TRUE", "YES")
    or shutil.which("mpirun") is None,
    reason="gigsim built without MPI, or no mpirun",
)


def mpirun(ranks: int, *args: object) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    # Open MPI keeps some allocations until exit; the sanitizer build must not count them.
    environment["ASAN_OPTIONS"] = environment.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    environment["OMPI_MCA_rmaps_base_oversubscribe"] = "1"
    return subprocess.run(
        ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", str(ranks), str(binary_path()),
         *map(str, args)],
        capture_output=True, text=True, timeout=600, env=environment, check=False)


def test_two_ranks_give_the_single_process_datasets(tmp_path: Path) -> None:
    experiment = tmp_path / "exp.toml"
    # Three scenarios that branch at weeks 6 and 8, two replicates, and a two-point grid:
    # 12 runs and 4 shared prefixes spread over the ranks.
    experiment.write_text((FIXTURES / "two_policies.toml").read_text()
                          .replace('path = "', f'path = "{FIXTURES.as_posix()}/')
                          + '\n[sweep]\nmethod = "grid"\n[sweep.parameters]\n'
                            '"market.bid_cost_usd" = [0.1, 0.4]\n')
    single = tmp_path / "single"
    result = run_gigsim(["experiment", experiment, "-o", single, "--jobs", "2"])
    assert result.returncode == 0, result.stderr

    distributed = tmp_path / "mpi"
    result = mpirun(2, "experiment", experiment, "-o", distributed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "over 2 MPI ranks" in result.stderr
    manifest = json.loads((distributed / "manifest.json").read_text())
    single_manifest = json.loads((single / "manifest.json").read_text())
    assert len(manifest["runs"]) == 12
    assert all(run["status"] == "complete" for run in manifest["runs"])
    for run, reference in zip(manifest["runs"], single_manifest["runs"]):
        for key in ("id", "scenario", "point", "parameters", "replicate", "seed", "path"):
            assert run[key] == reference[key]
        datasets_a, _ = walk(single / run["path"])
        datasets_b, _ = walk(distributed / run["path"])
        assert datasets_a.keys() == datasets_b.keys()
        for name in datasets_a:
            assert_bit_identical(datasets_a[name], datasets_b[name], f"{run['id']}:{name}")

    # Resumed under MPI: nothing left to do.
    result = mpirun(2, "experiment", experiment, "-o", distributed)
    assert result.returncode == 0, result.stderr
    assert "0 run in" in result.stdout


def test_a_bad_directory_stops_every_rank_with_exit_2(tmp_path: Path) -> None:
    directory = tmp_path / "taken"
    directory.mkdir()
    (directory / "other.txt").write_text("not an experiment")
    result = mpirun(2, "experiment", FIXTURES / "two_policies.toml", "-o", directory)
    assert result.returncode == 2
    assert "holds no manifest.json" in result.stderr


def test_the_slurm_mpi_script_runs_an_experiment(tmp_path: Path) -> None:
    # scripts/slurm/experiment.sbatch outside Slurm: mpirun starts one rank on this node.
    environment = dict(os.environ, GIGSIM=str(binary_path()), OMPI_ALLOW_RUN_AS_ROOT="1",
                       OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    environment["ASAN_OPTIONS"] = environment.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    directory = tmp_path / "out"
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "slurm" / "experiment.sbatch"),
         str(FIXTURES / "two_policies.toml"), str(directory)],
        capture_output=True, text=True, env=environment, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((directory / "manifest.json").read_text())
    assert [run["status"] for run in manifest["runs"]] == ["complete"] * 6
