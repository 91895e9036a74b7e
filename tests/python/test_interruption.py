"""A run stopped by SIGINT or SIGTERM, or killed, leaves a readable file with the rows written
so far.

Rows are flushed as the run goes; an interrupted run is marked "interrupted" and exits 128 + the
signal's number (130 for SIGINT, 143 for SIGTERM; it stops at the next week boundary); a second
signal stops it at once; a killed run keeps status "running". (kill -9 at random moments:
test_fault_kill.py.)
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Iterator, Optional

import h5py
import pytest

import gigsim
from conftest import binary_path, series

#: Large enough that the run cannot finish while the test waits for its first rows.
LONG_RUN = [
    "--steps", "5200",
    "--set", "market.initial_freelancers=50000",
    "--set", "market.initial_clients=5000",
    "--set", "run.burn_in_weeks=0",  # rows from the first flush on
    "--threads", "2", "--quiet",
]


@contextlib.contextmanager
def long_run(output: Path) -> Iterator[subprocess.Popen]:
    """A long gigsim run writing `output`; killed on the way out if a test left it running."""
    log = output.with_suffix(".log")
    with open(log, "w") as stream:  # a file, not a pipe: the test never blocks on output
        process = subprocess.Popen(
            [str(binary_path()), "run", "-o", str(output), *LONG_RUN],
            stdout=stream, stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def interrupt(process: subprocess.Popen) -> int:
    """Sends SIGINT and returns the exit code."""
    process.send_signal(signal.SIGINT)
    return process.wait(timeout=60)


def read_steps_done(path: Path) -> Optional[int]:
    """steps_done of a file being written, or None while it cannot be read.

    Opens without HDF5 file locking so that the reader never makes the writer's next open fail.
    """
    try:
        with h5py.File(path, "r", locking=False) as f:
            return int(f.attrs["steps_done"])
    except (OSError, KeyError, ValueError):
        return None


def wait_for_rows(path: Path, process: subprocess.Popen, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = path.with_suffix(".log").read_text()
            pytest.fail(f"gigsim exited {process.returncode} before the test could stop it:\n{log}")
        steps = read_steps_done(path)
        if steps:
            return steps
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"no rows in {path} after {timeout} s")


def holds_open(pid: int, path: Path) -> bool:
    """Whether process `pid` has `path` open (it is inside a flush)."""
    target = os.path.realpath(path)
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            if os.readlink(fd) == target:
                return True
        except OSError:
            continue
    return False


def assert_readable_with_rows(path: Path, status: str, at_least: int) -> None:
    with h5py.File(path, "r") as f:  # no h5clear needed
        steps = int(f.attrs["steps_done"])
        assert f.attrs["status"] in (status, status.encode())
        assert at_least <= steps < 5200
        for group in ("market", "by_category", "distribution"):
            for name, dataset in series(f[group]):
                assert dataset.shape[0] == steps, f"{group}/{name}"
    with gigsim.load(path) as run:
        assert run.status == status
        assert len(run.market) == steps
        assert run.market["active_freelancers"].gt(0).all()


def test_sigint_stops_the_run_marks_it_interrupted_and_exits_130(tmp_path: Path) -> None:
    output = tmp_path / "interrupted.h5"
    with long_run(output) as process:
        steps_seen = wait_for_rows(output, process)
        returncode = interrupt(process)
    assert returncode == 130, output.with_suffix(".log").read_text()
    assert_readable_with_rows(output, "interrupted", steps_seen)
    with h5py.File(output, "r") as f:
        assert "finished" in f.attrs


def test_sigterm_stops_the_run_marks_it_interrupted_and_exits_143(tmp_path: Path) -> None:
    output = tmp_path / "terminated.h5"
    with long_run(output) as process:
        steps_seen = wait_for_rows(output, process)
        process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=60)
    log = output.with_suffix(".log").read_text()
    assert returncode == 128 + signal.SIGTERM, log
    assert "interrupted after week" in log
    assert_readable_with_rows(output, "interrupted", steps_seen)


def test_a_second_signal_stops_the_run_at_once(tmp_path: Path) -> None:
    """Ctrl-C, then SIGTERM before the run reaches the week boundary: the second signal takes
    its default action (the process dies by it), and the file keeps its last flush."""
    output = tmp_path / "stopped.h5"
    with long_run(output) as process:
        steps_seen = wait_for_rows(output, process)
        # Both delivered together when it resumes: the first asks for a stop, the second is
        # the second request. (Two SIGINTs would merge into one while it is stopped.)
        process.send_signal(signal.SIGSTOP)
        process.send_signal(signal.SIGINT)
        process.send_signal(signal.SIGTERM)
        process.send_signal(signal.SIGCONT)
        returncode = process.wait(timeout=60)
    assert returncode in (-signal.SIGINT, -signal.SIGTERM), output.with_suffix(".log").read_text()
    assert_readable_with_rows(output, "running", steps_seen)


def test_kill_9_leaves_a_readable_file_with_status_running(tmp_path: Path) -> None:
    output = tmp_path / "killed.h5"
    with long_run(output) as process:
        steps_seen = wait_for_rows(output, process)
        # Kill between flushes (the file closed), the moment the format promises to survive:
        # stop the process, and let it run on a little while it holds the file open.
        for _ in range(1000):
            process.send_signal(signal.SIGSTOP)
            if not holds_open(process.pid, output):
                break
            process.send_signal(signal.SIGCONT)
            time.sleep(0.002)
        else:
            pytest.fail("gigsim held the result file open at every look")
        process.kill()
        returncode = process.wait(timeout=60)
    assert returncode == -signal.SIGKILL
    assert_readable_with_rows(output, "running", steps_seen)


def test_a_reader_holding_the_file_open_does_not_stop_the_run(tmp_path: Path) -> None:
    """Someone watching a run with h5py (default file locking) while it flushes."""
    output = tmp_path / "watched.h5"
    with long_run(output) as process:
        first = wait_for_rows(output, process)
        with h5py.File(output, "r") as watcher:  # default: takes HDF5's shared file lock
            assert int(watcher.attrs["steps_done"]) >= first
            deadline = time.monotonic() + 60
            while (read_steps_done(output) or 0) <= first + 8 and time.monotonic() < deadline:
                assert process.poll() is None, output.with_suffix(".log").read_text()
                time.sleep(0.05)
        assert (read_steps_done(output) or 0) > first + 8, "the run stopped flushing"
        returncode = interrupt(process)
    assert returncode == 130, output.with_suffix(".log").read_text()
