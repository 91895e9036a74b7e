"""kill -9 at random moments, again and again on the same path.

What must hold (docs/reliability.md): the result file is never unreadable, whenever the
process dies: it opens with h5py without `h5clear`, says "running", and holds exactly the rows
of the flushes completed before the kill, bit for bit; whatever a killed run leaves behind
(its lock file, its working copy) does not stop the next run on the same path.

GIGSIM_KILL_TRIALS sets the number of kills (default 50; the figure in docs/reliability.md
comes from a run with 200). GIGSIM_KILL_SEED changes the random moments.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import h5py
import pytest

from conftest import binary_path, run_gigsim
from fault_helpers import FAULT_MARKET, check_result_file

STEPS = 200
#: A flush every week: the file is being replaced most of the time, the hardest case.
EVERY = ["--set", "output.every=1", "--set", "output.max_write_share=1"]
TRIALS = int(os.environ.get("GIGSIM_KILL_TRIALS", "50"))
SEED = int(os.environ.get("GIGSIM_KILL_SEED", "20240611"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("reference") / "reference.h5"
    result = run_gigsim(["run", "-o", output, "--steps", STEPS, *EVERY, *FAULT_MARKET])
    assert result.returncode == 0, result.stderr
    return output


def timed_run(output: Path) -> float:
    """Seconds a run takes from start to exit, on this machine now."""
    start = time.monotonic()
    result = run_gigsim(["run", "-o", output, "--force", "--steps", STEPS, *EVERY, *FAULT_MARKET])
    assert result.returncode == 0, result.stderr
    return time.monotonic() - start


def test_kill_9_at_random_moments_never_leaves_an_unreadable_file(
    tmp_path: Path, reference: Path
) -> None:
    output = tmp_path / "run.h5"
    rng = random.Random(SEED)
    duration = timed_run(output)
    outcomes = {"no file yet": 0, "readable": 0, "unreadable": 0}
    unreadable = []
    rows_seen = set()
    for trial in range(TRIALS):
        # Between the start and a little after the expected end (the run time varies on a
        # loaded machine); once in a while the previous trial's complete file is replaced.
        delay = rng.uniform(0.0, 1.1 * duration)
        process = subprocess.Popen(
            [str(binary_path()), "run", "-o", str(output), "--force", "--steps", str(STEPS),
             *EVERY, *FAULT_MARKET],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate(timeout=120)
        assert process.returncode in (-signal.SIGKILL, 0), stderr.decode()
        if process.returncode == 0:
            outcomes["readable"] += 1
            assert check_result_file(output, "complete", reference) == STEPS
            continue
        if not output.exists():
            outcomes["no file yet"] += 1
            continue
        try:
            with h5py.File(output, "r") as f:
                status = f.attrs["status"]
        except OSError as error:
            outcomes["unreadable"] += 1
            unreadable.append(f"trial {trial}, killed after {delay:.3f} s: {error}")
            output.unlink()  # so that the next trial starts afresh
            continue
        # A killed run's file is the one it last renamed into place: "running" with whole
        # flushes, or, if the previous trial completed and this one died before its first
        # rename, that complete file.
        steps = check_result_file(output, status, reference)
        assert status == "running" or (status == "complete" and steps == STEPS), status
        outcomes["readable"] += 1
        rows_seen.add(steps)
    print(f"{TRIALS} kills (seed {SEED}, run {duration:.2f} s): {outcomes}; "
          f"{len(rows_seen)} different row counts")
    assert not unreadable, "\n".join(unreadable)
    # The kills must land mid-run, not only before the file exists.
    assert outcomes["readable"] >= TRIALS // 2, outcomes
    assert len(rows_seen) >= TRIALS // 4, sorted(rows_seen)
