"""Two runs started at the same moment on the same output path.

What must hold (docs/reliability.md): exactly one of them writes the file; the other exits 2
naming the one that holds the path, and changes nothing; the file left is entirely the
winner's (its seed and scenario attributes with its own rows), never a mix.

GIGSIM_CONCURRENT_TRIALS sets the number of races (default 20).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Dict, List

import h5py
import pytest

from conftest import binary_path, run_gigsim
from fault_helpers import FAULT_MARKET, check_result_file, hidden_files

STEPS = 60
TRIALS = int(os.environ.get("GIGSIM_CONCURRENT_TRIALS", "20"))
SEEDS = (11, 12)


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> Dict[int, Path]:
    """One undisturbed run per seed."""
    directory = tmp_path_factory.mktemp("references")
    paths = {}
    for seed in SEEDS:
        paths[seed] = directory / f"seed{seed}.h5"
        result = run_gigsim(
            ["run", "-o", paths[seed], "--seed", seed, "--steps", STEPS, *FAULT_MARKET]
        )
        assert result.returncode == 0, result.stderr
    return paths


def race(output: Path, extra: List[str]) -> List[subprocess.CompletedProcess]:
    """Starts one run per seed on `output` at once and waits for both."""
    processes = [
        subprocess.Popen(
            [str(binary_path()), "run", "-o", str(output), "--seed", str(seed), "--steps",
             str(STEPS), *FAULT_MARKET, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for seed in SEEDS
    ]
    results = []
    for process, seed in zip(processes, SEEDS):
        stdout, stderr = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess([seed], process.returncode, stdout, stderr))
    return results


@pytest.mark.parametrize("force", [False, True], ids=["new-path", "with-force"])
def test_exactly_one_of_two_simultaneous_runs_writes_the_file(
    tmp_path: Path, references: Dict[int, Path], force: bool
) -> None:
    lock_refusals = 0
    for trial in range(TRIALS):
        directory = tmp_path / f"trial{trial}"
        directory.mkdir()
        output = directory / "run.h5"
        results = race(output, ["--force"] if force else [])
        codes = sorted(result.returncode for result in results)
        context = "\n".join(f"seed {r.args[0]}: exit {r.returncode}\n{r.stderr}" for r in results)
        with h5py.File(output, "r") as f:
            winner = int(f.attrs["seed"])
        # Whatever happened, the file is one run's, whole: attributes and rows of the same seed.
        assert check_result_file(output, "complete", references[winner]) == STEPS, context
        assert hidden_files(directory) == [], context
        if codes == [0, 2]:
            loser = next(r for r in results if r.returncode == 2)
            assert int(loser.args[0]) != winner, context
            if "another gigsim run" in loser.stderr:
                lock_refusals += 1
            else:  # it came second, after the winner had finished
                assert "holds a complete run" in loser.stderr, context
        else:
            # Both may succeed only one after the other, when the second replaces the first
            # with --force; the file is then the second's.
            assert force and codes == [0, 0], context
    print(f"{TRIALS} races ({'--force' if force else 'new path'}): "
          f"{lock_refusals} lost on the lock")
    # The runs must really have overlapped, or the test proves nothing.
    assert lock_refusals >= TRIALS // 2
