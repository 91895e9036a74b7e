"""Same scenario and seed give bit-identical datasets for any thread count (the engine contract)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Dict, Tuple

import h5py
import numpy as np
import pytest

import gigsim

from conftest import REPO_ROOT, run_small

#: A scenario with an event (sliding to flat fees in week 52), so that applying events and the
#: /events table are compared too.
SCENARIO = REPO_ROOT / "scenarios" / "examples" / "flat_fee_switch.toml"
STEPS = 60

#: Root attributes that describe the execution rather than the result.
EXECUTION_ATTRIBUTES = {"started", "finished", "threads"}


def walk(path: Path) -> Tuple[Dict[str, np.ndarray], Dict[str, Dict[str, object]]]:
    """Every dataset's raw bytes (with dtype and shape) and every object's attributes."""
    datasets: Dict[str, np.ndarray] = {}
    attributes: Dict[str, Dict[str, object]] = {}
    with h5py.File(path, "r") as f:
        attributes["/"] = {k: v for k, v in f.attrs.items() if k not in EXECUTION_ATTRIBUTES}

        def visit(name: str, item: object) -> None:
            if isinstance(item, h5py.Dataset):
                datasets[name] = item[()]
            # Dimension-scale bookkeeping holds object references that differ between files.
            attributes[name] = {
                k: v for k, v in item.attrs.items() if k not in ("REFERENCE_LIST", "DIMENSION_LIST")
            }

        f.visititems(visit)
    return datasets, attributes


def assert_bit_identical(a: np.ndarray, b: np.ndarray, name: str) -> None:
    assert a.dtype == b.dtype, f"{name}: dtype {a.dtype} != {b.dtype}"
    assert a.shape == b.shape, f"{name}: shape {a.shape} != {b.shape}"
    if a.dtype.kind == "O":  # variable-length strings
        assert a.tolist() == b.tolist(), name
    elif a.dtype.names:  # compound table: compare field by field
        for field in a.dtype.names:
            assert_bit_identical(a[field], b[field], f"{name}.{field}")
    elif a.tobytes() != b.tobytes():
        raw = np.dtype((np.void, a.dtype.itemsize))
        differ = np.flatnonzero(a.reshape(-1).view(raw) != b.reshape(-1).view(raw))
        first = np.unravel_index(differ[0], a.shape)
        pytest.fail(
            f"{name}: {differ.size} of {a.size} values differ; first at index {first}: "
            f"{a[first]!r} vs {b[first]!r}"
        )


def attribute_equal(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


@pytest.fixture(scope="module")
def one_and_two_threads(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, Path]:
    directory = tmp_path_factory.mktemp("determinism")
    one, two = directory / "threads1.h5", directory / "threads2.h5"
    # Many flush intervals (output.every = 4 weeks, whatever they cost), so that appends are
    # compared too.
    every = ("--set", "output.max_write_share=1")
    run_small(one, "--seed", "11", "--threads", "1", *every, steps=STEPS, scenario=SCENARIO)
    run_small(two, "--seed", "11", "--threads", "2", *every, steps=STEPS, scenario=SCENARIO)
    return one, two


def test_every_dataset_is_bit_identical_for_one_and_two_threads(
    one_and_two_threads: Tuple[Path, Path],
) -> None:
    one, two = one_and_two_threads
    datasets_one, attributes_one = walk(one)
    datasets_two, attributes_two = walk(two)
    assert set(datasets_one) == set(datasets_two)
    assert len(datasets_one) > 20
    with gigsim.load(one) as run:
        assert run.events["week"].tolist() == [52, 52], "expected the event's two settings"
    for name in sorted(datasets_one):
        assert_bit_identical(datasets_one[name], datasets_two[name], name)
    assert set(attributes_one) == set(attributes_two)
    for name, attrs in attributes_one.items():
        assert set(attrs) == set(attributes_two[name]), name
        for key, value in attrs.items():
            assert attribute_equal(value, attributes_two[name][key]), f"{name} attribute {key}"


def test_h5diff_finds_no_differences_outside_the_root_attributes(
    one_and_two_threads: Tuple[Path, Path],
) -> None:
    h5diff = shutil.which("h5diff")
    assert h5diff, "h5diff not found (Debian package hdf5-tools)"
    one, two = one_and_two_threads
    # h5diff compares attributes as well as datasets; the root carries started/finished/threads.
    result = subprocess.run(
        [h5diff, "--exclude-attribute", "/", str(one), str(two)],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_different_seed_gives_different_results(
    one_and_two_threads: Tuple[Path, Path], tmp_path: Path
) -> None:
    # Guards the two tests above against comparing outputs that ignore the random streams.
    other = tmp_path / "seed12.h5"
    run_small(other, "--seed", "12", "--threads", "2", steps=STEPS, scenario=SCENARIO)
    with h5py.File(one_and_two_threads[0], "r") as a, h5py.File(other, "r") as b:
        assert not np.array_equal(a["market/bids"][()], b["market/bids"][()])
