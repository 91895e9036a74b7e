"""`gigsim run --checkpoint-every N` and `--resume CHECKPOINT`: a run killed with SIGKILL or
stopped by SIGINT continues from its last checkpoint and its result file has the datasets of the
uninterrupted run, bit for bit, whatever the thread counts."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import h5py
import pytest

from conftest import REPO_ROOT, binary_path, run_gigsim
from test_determinism import assert_bit_identical, walk

SCENARIO = REPO_ROOT / "scenarios" / "examples" / "flat_fee_switch.toml"
#: A few seconds on one core: long enough to kill it half way.
LONG = ["--set", "market.initial_freelancers=10000", "--set", "market.initial_clients=1000",
        "--set", "run.burn_in_weeks=20", "--steps", "150"]


def assert_same_datasets(a: Path, b: Path) -> None:
    datasets_a, attributes_a = walk(a)
    datasets_b, attributes_b = walk(b)
    assert datasets_a.keys() == datasets_b.keys()
    for name in datasets_a:
        assert_bit_identical(datasets_a[name], datasets_b[name], name)
    for key in ("scenario", "status", "steps_done", "seed", "replicate"):
        assert attributes_a["/"][key] == attributes_b["/"][key], key


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("uninterrupted") / "whole.h5"
    result = run_gigsim(["run", SCENARIO, "-o", output, "--quiet", "--threads", "2", *LONG])
    assert result.returncode == 0, result.stderr
    return output


def steps_in_checkpoint(path: Path) -> int:
    with h5py.File(path, "r", locking=False) as f:
        return int(f["run.steps_done"][()].view("<i4")[0])


def start(output: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(binary_path()), "run", str(SCENARIO), "-o", str(output), "--quiet", "--threads", "1",
         "--checkpoint-every", "10", *LONG, *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for_checkpoint(checkpoint: Path, process: subprocess.Popen, steps: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if checkpoint.exists() and steps_in_checkpoint(checkpoint) >= steps:
            return
        time.sleep(0.02)
    pytest.fail("no checkpoint appeared")


def test_a_killed_run_resumes_bit_identically(uninterrupted: Path, tmp_path: Path) -> None:
    output = tmp_path / "killed.h5"
    checkpoint = Path(str(output) + ".checkpoint")
    process = start(output)
    try:
        # Past the burn-in (20) and the fee switch (week 52): 20 + 60 steps.
        wait_for_checkpoint(checkpoint, process, 80)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    saved = steps_in_checkpoint(checkpoint)
    assert 80 <= saved < 170, "the run finished before it was killed"
    result = run_gigsim(["run", "--resume", checkpoint, "--threads", "2", "--quiet"])
    assert result.returncode == 0, result.stderr
    assert_same_datasets(uninterrupted, output)


def test_an_interrupted_run_checkpoints_where_it_stopped(uninterrupted: Path,
                                                          tmp_path: Path) -> None:
    output = tmp_path / "stopped.h5"
    checkpoint = Path(str(output) + ".checkpoint")
    process = start(output)
    try:
        wait_for_checkpoint(checkpoint, process, 30)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        if process.poll() is None:
            process.kill()
    with h5py.File(output, "r") as f:
        assert f.attrs["status"] == "interrupted"
        steps = int(f.attrs["steps_done"])
    # The checkpoint is at the week the run stopped, not only at a multiple of 10.
    assert steps_in_checkpoint(checkpoint) == steps + 20
    result = run_gigsim(["run", "--resume", checkpoint, "-o", output, "--threads", "2", "--quiet"])
    assert result.returncode == 0, result.stderr
    assert_same_datasets(uninterrupted, output)


def test_resume_errors_are_bad_input(uninterrupted: Path, tmp_path: Path) -> None:
    missing = run_gigsim(["run", "--resume", tmp_path / "none.checkpoint"])
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    not_a_checkpoint = run_gigsim(["run", "--resume", uninterrupted])
    assert not_a_checkpoint.returncode == 2
    assert "is not a gigsim checkpoint" in not_a_checkpoint.stderr
    every_zero = run_gigsim(["run", "--checkpoint-every", "0", "-o", tmp_path / "x.h5"])
    assert every_zero.returncode == 2
    assert "--checkpoint-every 0: must be between 1 and 5200 weeks" in every_zero.stderr
    assert not (tmp_path / "x.h5").exists()
