"""Helpers of the fault tests (test_fault_*.py): runs under a simulated full or failing disk,
and the checks every partial or finished result file must pass.

The disk faults come from tests/fault/write_fault_shim.c, preloaded into gigsim (CTest passes
its path in GIGSIM_FAULT_SHIM).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import h5py
import numpy as np
import pytest

from conftest import RUN_TIMEOUT, binary_path

#: A market that simulates a week in about a millisecond on one thread. One thread keeps the
#: fault tests fast and steady on a loaded machine (OpenMP threads that wait for each other on
#: an oversubscribed machine can make a run 50 times slower); results do not depend on it.
FAULT_MARKET: List[str] = [
    "--set", "market.initial_freelancers=2000",
    "--set", "market.initial_clients=200",
    "--set", "run.burn_in_weeks=0",
    "--threads", "1",
    "--quiet",
]

#: The space the output lock reserves (OutputLock::kReserveBytes in sim/io/output_lock.hpp).
LOCK_RESERVE_BYTES = 256 * 1024
#: The least space reserved ahead of each change of a result file
#: (RunFileWriter::kMinimumGrowthReserve in sim/io/run_file.hpp).
GROWTH_RESERVE_BYTES = 1024 * 1024

#: Datasets that grow by one row per week.
SERIES_GROUPS = ("market", "by_category", "distribution")


def shim_path() -> Path:
    configured = os.environ.get("GIGSIM_FAULT_SHIM")
    if not configured or not Path(configured).is_file():
        pytest.fail(
            "the write-fault library is not built: GIGSIM_FAULT_SHIM must name "
            "libgigsim_write_fault_shim.so (CTest sets it; build the tests first)",
            pytrace=False,
        )
    return Path(configured)


def run_on_faulty_disk(
    args: Sequence[str],
    directory: Path,
    space_bytes: Optional[int] = None,
    eio_copies: Optional[int] = None,
    eio_writes_after_copies: Optional[int] = None,
) -> subprocess.CompletedProcess:
    """Runs ``gigsim ARGS`` with writes under ``directory`` failing as the shim is told:
    ``space_bytes`` free on the simulated disk, the first ``eio_copies`` file copies failing,
    every write failing once ``eio_writes_after_copies`` copies have been made."""
    env = dict(os.environ)
    env["LD_PRELOAD"] = str(shim_path())
    env["GIGSIM_FAULT_DIR"] = str(directory)
    if space_bytes is not None:
        env["GIGSIM_FAULT_SPACE_BYTES"] = str(space_bytes)
    if eio_copies is not None:
        env["GIGSIM_FAULT_EIO_COPIES"] = str(eio_copies)
    if eio_writes_after_copies is not None:
        env["GIGSIM_FAULT_EIO_WRITES_AFTER_COPIES"] = str(eio_writes_after_copies)
    # A sanitizer build wants its runtime first in the list of libraries; the shim only wraps
    # system calls, so the order does not matter here.
    env["ASAN_OPTIONS"] = ":".join(
        part for part in (env.get("ASAN_OPTIONS", ""), "verify_asan_link_order=0") if part
    )
    return subprocess.run(
        [str(binary_path()), *map(str, args)],
        capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False, env=env,
    )


def hidden_files(directory: Path) -> List[str]:
    """Names of the lock files and working copies (``.NAME.lock``, ``.NAME.tmp``) in a folder."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def read_series(path: Path) -> Dict[str, np.ndarray]:
    """Every weekly series of a result file, by its path in the file."""
    values: Dict[str, np.ndarray] = {}
    with h5py.File(path, "r") as f:
        values["time"] = f["time"][()]
        for group in SERIES_GROUPS:
            for name, item in f[group].items():
                if isinstance(item, h5py.Dataset) and not h5py.h5ds.is_scale(item.id):
                    values[f"{group}/{name}"] = item[()]
    return values


def check_result_file(
    path: Path, status: str, reference: Path, same_scenario: bool = True
) -> int:
    """Checks that ``path`` opens with h5py (no h5clear), holds ``status``, and that its rows
    are exactly the first rows of the uninterrupted ``reference`` run: steps_done rows in
    every series, bit for bit. With ``same_scenario``, the scenario attributes must be the
    reference's too (not so for a run that differs only in a limit). Returns steps_done."""
    with h5py.File(path, "r") as f:
        assert f.attrs["filetype"] == "gigsim-run"
        assert f.attrs["status"] == status, f"status {f.attrs['status']!r}, expected {status!r}"
        steps = int(f.attrs["steps_done"])
        with h5py.File(reference, "r") as r:
            # The attributes belong to the run that wrote the rows.
            assert f.attrs["seed"] == r.attrs["seed"]
            if same_scenario:
                assert f.attrs["scenario"] == r.attrs["scenario"]
    partial = read_series(path)
    expected = read_series(reference)
    assert partial.keys() == expected.keys()
    for name, values in partial.items():
        assert values.shape[0] == steps, f"{name} has {values.shape[0]} rows, steps_done {steps}"
        assert np.array_equal(values, expected[name][:steps], equal_nan=True), name
    return steps
