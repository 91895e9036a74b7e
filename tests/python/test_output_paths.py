"""`-o PATH` values that cannot name a result file are bad input: exit 2, a message naming the
path and the problem, and nothing created or changed. Runs from a scratch working directory
so that a stray default output (results/...) would show."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import List

import h5py
import pytest

from conftest import binary_path
from fault_helpers import FAULT_MARKET

ARGS = ["--steps", "3", *FAULT_MARKET]


def run_in(directory: Path, args: List[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary_path()), "run", *map(str, args)], cwd=directory,
        capture_output=True, text=True, timeout=300, check=False,
    )


def listing(directory: Path) -> List[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


@pytest.mark.parametrize(
    "output, fragments",
    [
        ("newdir/", ["'newdir/' names a directory", "newdir/run.h5"]),
        ("newdir/sub/", ["names a directory"]),
        ("", ["output path is empty"]),
        ("existing", ["'existing' is a directory", "existing/run.h5"]),
        ("plain/run.h5", ["'plain' is not a directory"]),
        ("/proc/x.h5", ["'/proc'", "proc file system"]),
        ("/proc/self/x.h5", ["proc file system"]),
        ("dangling.h5", ["symbolic link", "missing/target.h5", "does not exist"]),
    ],
)
def test_an_output_path_that_cannot_be_a_result_file_is_bad_input(
    tmp_path: Path, output: str, fragments: List[str]
) -> None:
    (tmp_path / "existing").mkdir()
    (tmp_path / "plain").write_text("a plain file")
    (tmp_path / "dangling.h5").symlink_to(tmp_path / "missing" / "target.h5")
    before = listing(tmp_path)
    result = run_in(tmp_path, ["-o", output, *ARGS])
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("gigsim: error: "), result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert listing(tmp_path) == before


def test_a_link_to_a_result_file_is_written_through(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    target = store / "run.h5"
    link = tmp_path / "latest.h5"
    link.symlink_to(target)
    # A link to a file that does not exist yet is refused (above); to an existing one it works.
    assert run_in(tmp_path, ["-o", target, *ARGS]).returncode == 0
    result = run_in(tmp_path, ["-o", link, "--force", *ARGS, "--seed", "5"])
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    with h5py.File(target, "r") as f:
        assert f.attrs["seed"] == 5
        assert f.attrs["status"] == "complete"
    assert sorted(p.name for p in store.iterdir()) == ["run.h5"]
