"""A disk that fills up, or fails, under a run.

What must hold (docs/reliability.md): exit 1 with a message naming the cause; the rows flushed
before the failure stay readable and exact, the file marked "failed"; no crash on the way out;
nothing left behind that a later run refuses or trips over; a complete result is never replaced
by a run that could not even start. Events taken from the model survive a failed append.

The full disk is simulated by tests/fault/write_fault_shim.c (no root needed); where a small
tmpfs can be mounted (root, or an unprivileged user namespace), one run also fills a real one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict

import h5py
import pytest

from conftest import binary_path, run_gigsim
from fault_helpers import (
    FAULT_MARKET,
    GROWTH_RESERVE_BYTES,
    LOCK_RESERVE_BYTES,
    check_result_file,
    hidden_files,
    run_on_faulty_disk,
)

STEPS = 300
#: Few, large flushes: the file grows by about 30 KB per flush.
EVERY = ["--set", "output.every=50", "--set", "output.max_write_share=1"]
#: Space held besides the file and its working copy: the lock's reserve, and the reserve ahead
#: of a change in each of them (a file keeps the part of its reserve it did not use until it
#: is replaced).
STARTUP_BYTES = LOCK_RESERVE_BYTES + 2 * GROWTH_RESERVE_BYTES


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same run on a disk with room to spare."""
    output = tmp_path_factory.mktemp("reference") / "reference.h5"
    result = run_gigsim(["run", "-o", output, "--steps", STEPS, *EVERY, *FAULT_MARKET])
    assert result.returncode == 0, result.stderr
    return output


def test_a_disk_that_fills_mid_run_keeps_the_flushed_rows_marked_failed(
    tmp_path: Path, reference: Path
) -> None:
    # A change needs room for the file and its working copy, each with its reserve, and the
    # lock holds its own: with B bytes free the run stops at the first flush where
    # 2 x file + reserves > B. Room for three to nine tenths of the whole run's
    # file and copy makes it stop at different flushes.
    needed = 2 * reference.stat().st_size
    stopped_with_rows = 0
    for tenths in range(3, 10):
        directory = tmp_path / f"disk{tenths}"
        directory.mkdir()
        output = directory / "run.h5"
        result = run_on_faulty_disk(
            ["run", "-o", output, "--steps", STEPS, *EVERY, *FAULT_MARKET],
            directory, space_bytes=STARTUP_BYTES + needed * tenths // 10,
        )
        context = f"{tenths}/10 of the space needed:\n{result.stderr}"
        assert result.returncode == 1, context  # not a signal: no crash in HDF5's cleanup
        assert "No space left on device" in result.stderr, context
        # The full disk is found before HDF5 writes (copying the file, or reserving space for
        # the change), never inside HDF5, which cannot recover from a failed write.
        assert "HDF5 error" not in result.stderr, context
        # With the most room the run may get through every week and then find no room to
        # record "complete": it is then "failed" too, with all its rows.
        steps = check_result_file(output, "failed", reference)
        assert f"keeps the {steps} week" in result.stderr and '(status "failed")' in result.stderr
        stopped_with_rows += steps > 0
        assert hidden_files(directory) == [], context
        # A failed result is replaced by the next run, without --force.
        rerun = run_gigsim(["run", "-o", output, "--steps", 20, *EVERY, *FAULT_MARKET])
        assert rerun.returncode == 0, rerun.stderr
    assert stopped_with_rows == 7


def test_a_disk_full_from_the_start_leaves_nothing(tmp_path: Path) -> None:
    # No room for the lock's reserve; room for the lock but not for the new file.
    for space in (0, LOCK_RESERVE_BYTES + 4096):
        directory = tmp_path / f"space{space}"
        directory.mkdir()
        output = directory / "run.h5"
        result = run_on_faulty_disk(
            ["run", "-o", output, "--steps", 10, *FAULT_MARKET], directory, space_bytes=space
        )
        assert result.returncode == 1, result.stderr
        assert "No space left on device" in result.stderr
        assert sorted(p.name for p in directory.iterdir()) == [], result.stderr
        rerun = run_gigsim(["run", "-o", output, "--steps", 10, *FAULT_MARKET])
        assert rerun.returncode == 0, rerun.stderr


def test_a_run_that_cannot_start_never_replaces_a_complete_result(
    tmp_path: Path, reference: Path
) -> None:
    output = tmp_path / "run.h5"
    shutil.copyfile(reference, output)
    before = output.read_bytes()
    result = run_on_faulty_disk(
        ["run", "-o", output, "--force", "--steps", 10, *FAULT_MARKET],
        tmp_path, space_bytes=LOCK_RESERVE_BYTES + 4096,
    )
    assert result.returncode == 1, result.stderr
    assert output.read_bytes() == before
    assert check_result_file(output, "complete", reference) == STEPS
    assert hidden_files(tmp_path) == []


def test_a_failed_append_keeps_the_events_it_took(tmp_path: Path) -> None:
    """The first copy of the file fails once (a transient I/O error); the run stops, and the
    retry on the way out writes the rows and the events applied before the failure."""
    scenario = tmp_path / "events.toml"
    baseline = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"
    scenario.write_text(
        f'extends = "{baseline.as_posix()}"\n\n'
        '[[events]]\nweek = 2\nset = { "fees.schedule" = "flat" }\n\n'
        '[[events]]\nweek = 5\nset = { "market.bid_cost_usd" = 0.5 }\n'
    )
    output = tmp_path / "run.h5"
    args = ["run", scenario, "-o", output, "--steps", 20, "--set", "output.every=8",
            "--set", "output.max_write_share=1", *FAULT_MARKET]
    result = run_on_faulty_disk(args, tmp_path, eio_copies=1)
    assert result.returncode == 1, result.stderr
    assert "Input/output error" in result.stderr
    with h5py.File(output, "r") as f:
        assert f.attrs["status"] == "failed"
        assert int(f.attrs["steps_done"]) == 8  # the first flush, written by the retry
        assert list(f["events/week"][()]) == [2, 5]
        assert [key.decode() for key in f["events/key"][()]] == [
            "fees.schedule", "market.bid_cost_usd"
        ]


def test_a_disk_that_goes_bad_inside_hdf5_leaves_the_last_flush_readable(
    tmp_path: Path, reference: Path
) -> None:
    """Every write fails with EIO from the third flush on (after three copies: two flushes and
    the third's), inside HDF5. HDF5 1.10 cannot be
    trusted to write again after that, so gigsim writes nothing more: the file keeps its last
    version (two flushes, status "running"), and the message says the status is stale."""
    output = tmp_path / "run.h5"
    result = run_on_faulty_disk(
        ["run", "-o", output, "--steps", STEPS, *EVERY, *FAULT_MARKET], tmp_path,
        eio_writes_after_copies=3,
    )
    assert result.returncode == 1, result.stderr
    assert "Input/output error" in result.stderr
    assert 'could not be changed from "running" to "failed"' in result.stderr
    assert check_result_file(output, "running", reference) == 100
    assert hidden_files(tmp_path) == []


def small_tmpfs_command(mount_point: Path, size_kib: int, script: str) -> list:
    """A command that runs ``script`` in a private mount namespace with a tmpfs of
    ``size_kib`` KiB at ``mount_point``: as root directly, otherwise in a user namespace."""
    namespace = ["unshare", "--mount"]
    if os.geteuid() != 0:
        namespace += ["--user", "--map-root-user"]
    mount = f"mount -t tmpfs -o size={size_kib}k tmpfs '{mount_point}'"
    return [*namespace, "sh", "-c", f"{mount} && {script}"]


def test_a_real_small_tmpfs_that_fills_up(tmp_path: Path) -> None:
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed: cannot mount a private tmpfs")
    probe = subprocess.run(
        small_tmpfs_command(mount_point, 64, "true"), capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a private tmpfs here (not root, no user namespaces): "
                    f"{probe.stderr.strip()}")
    kept = tmp_path / "kept"
    kept.mkdir()
    # 3 MiB hold the reserves (2.25 MiB) and a few hundred weeks of this market (the file
    # holds 264 when the run stops, on the development machine); the run asks for 5,000.
    # A small market: the file's size depends on the weeks.
    # The files are copied out before the namespace (and its tmpfs) goes away.
    args = ["run", "-o", mount_point / "run.h5", "--steps", "5000", *FAULT_MARKET,
            "--set", "market.initial_freelancers=500", "--set", "market.initial_clients=50"]
    command = " ".join(f"'{a}'" for a in [binary_path(), *map(str, args)])
    result = subprocess.run(
        small_tmpfs_command(mount_point, 3072,
                            f"{command}; code=$?; cp -a '{mount_point}/.' '{kept}/'; exit $code"),
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert result.returncode == 1, result.stderr
    assert "No space left on device" in result.stderr
    assert sorted(p.name for p in kept.iterdir()) == ["run.h5"]
    with h5py.File(kept / "run.h5", "r") as f:
        assert f.attrs["status"] == "failed"
        steps = int(f.attrs["steps_done"])
        assert 0 < steps < 5000
        assert f["market/jobs_posted"].shape == (steps,)
