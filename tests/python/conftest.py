"""Shared fixtures: the real gigsim binary and small result files it writes in the test run.

CTest sets GIGSIM_BINARY (the built executable) and PYTHONPATH (the analysis package); run by
hand with e.g.
  GIGSIM_BINARY=build/bin/gigsim PYTHONPATH=analysis /usr/bin/python3 -m pytest tests/python
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import h5py

import pytest

# xarray imports optional backends and dask lazily. Some of Debian 12's builds warn while being
# imported: dask -> numba -> llvmlite a DeprecationWarning, netCDF4 (Cython) "numpy.ndarray size
# changed". `-W error` would turn these into failures that have nothing to do with gigsim, so
# they are imported here once with exactly those warnings silenced; every other warning stays
# an error.
for _module, _category, _message in (
    ("dask.array", DeprecationWarning, ""),
    ("netCDF4", RuntimeWarning, "numpy.ndarray size changed"),
):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_message, category=_category)
        try:
            importlib.import_module(_module)
        except ImportError:
            pass

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT / "analysis") not in sys.path:  # CTest sets PYTHONPATH; by hand it may not be
    sys.path.insert(0, str(REPO_ROOT / "analysis"))

#: A market small enough to simulate 30 weeks in well under a second.
SMALL_MARKET: List[str] = [
    "--set", "market.initial_freelancers=2000",
    "--set", "market.initial_clients=200",
]
SMALL_STEPS = 30

#: Seconds before a gigsim call that should finish quickly counts as hung.
RUN_TIMEOUT = 300


def series(group: "h5py.Group") -> List[Tuple[str, "h5py.Dataset"]]:
    """The data series of an HDF5 group: its datasets except the linked dimension scales."""
    return [
        (name, item)
        for name, item in group.items()
        if isinstance(item, h5py.Dataset) and not h5py.h5ds.is_scale(item.id)
    ]


def binary_path() -> Path:
    configured = os.environ.get("GIGSIM_BINARY")
    candidate = Path(configured) if configured else REPO_ROOT / "build" / "bin" / "gigsim"
    if not candidate.is_file():
        pytest.fail(
            f"gigsim binary not found at {candidate}; build it (cmake --build build) or set "
            "GIGSIM_BINARY to its path",
            pytrace=False,
        )
    return candidate


@pytest.fixture(scope="session")
def gigsim_binary() -> Path:
    """Path of the gigsim executable under test."""
    return binary_path()


def run_gigsim(args: Sequence[str], timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess:
    """Runs ``gigsim ARGS`` and returns the completed process (stdout and stderr as text)."""
    return subprocess.run(
        [str(binary_path()), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_small(
    output: Path, *extra: str, steps: int = SMALL_STEPS, scenario: Optional[Path] = None
) -> subprocess.CompletedProcess:
    """Runs the small market (``scenario``, default the embedded baseline) for ``steps`` weeks
    into ``output``; fails the test unless gigsim exits 0."""
    result = run_gigsim(
        ["run", *([scenario] if scenario else []), "-o", output, "--steps", str(steps), "--quiet",
         *SMALL_MARKET, *extra]
    )
    assert result.returncode == 0, (
        f"gigsim run exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    return result


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete result file of the small market (30 weeks, seed 7, 2 threads)."""
    output = tmp_path_factory.mktemp("small") / "small.h5"
    run_small(output, "--seed", "7", "--threads", "2")
    return output


@pytest.fixture(scope="session")
def event_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete result file of a scenario with two events (flat fee, then a minimum rate)."""
    directory = tmp_path_factory.mktemp("events")
    scenario = directory / "events.toml"
    scenario.write_text(
        f'extends = "{(REPO_ROOT / "scenarios" / "baseline.toml").as_posix()}"\n'
        "\n"
        "[[events]]\n"
        "week = 5\n"
        'set = { "fees.schedule" = "flat" }\n'
        "\n"
        "[[events]]\n"
        "week = 12\n"
        'set = { "policy.min_hourly_rate_usd" = 4.0 }\n'
    )
    output = directory / "events.h5"
    result = run_gigsim(
        ["run", scenario, "-o", output, "--steps", "20", "--quiet", *SMALL_MARKET]
    )
    assert result.returncode == 0, result.stderr
    return output
