"""The gigsim command line as a user meets it: exit codes, messages, files it leaves behind.

Exit codes (sim/cli/commands.hpp): 0 ok, 1 runtime failure, 2 bad input, 130 interrupted.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import h5py
import pytest

from conftest import REPO_ROOT, SMALL_MARKET, run_gigsim, run_small

# scenarios/experiments/ holds experiment files (checked in test_experiment.py), not scenarios.
SCENARIOS = sorted(
    path.relative_to(REPO_ROOT).as_posix()
    for path in (REPO_ROOT / "scenarios").rglob("*.toml")
    if "experiments" not in path.relative_to(REPO_ROOT / "scenarios").parts
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version_names_the_program() -> None:
    result = run_gigsim(["--version"])
    assert result.returncode == 0
    assert re.search(r"gigsim \d+\.\d+\.\d+", result.stdout), result.stdout


def test_unknown_command_is_bad_input() -> None:
    result = run_gigsim(["frobnicate"])
    assert result.returncode == 2
    assert result.stderr.strip()


def test_run_prints_a_summary(tmp_path: Path) -> None:
    output = tmp_path / "summary.h5"
    result = run_gigsim(["run", "-o", output, "--steps", "8", *SMALL_MARKET])
    assert result.returncode == 0, result.stderr
    assert str(output.name) in result.stdout + result.stderr
    assert "complete" in (result.stdout + result.stderr).lower()


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_validate_accepts_every_committed_scenario(scenario: str) -> None:
    result = run_gigsim(["validate", REPO_ROOT / scenario])
    assert result.returncode == 0, result.stdout + result.stderr


def test_show_defaults_output_validates(tmp_path: Path) -> None:
    defaults = tmp_path / "defaults.toml"
    result = run_gigsim(["show-defaults"])
    assert result.returncode == 0, result.stderr
    assert "[market]" in result.stdout and "initial_freelancers" in result.stdout
    defaults.write_text(result.stdout)
    validated = run_gigsim(["validate", defaults])
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_unknown_key_is_bad_input_naming_file_line_and_column(tmp_path: Path) -> None:
    scenario = tmp_path / "typo.toml"
    scenario.write_text("[run]\nweeks = 10\n\n[market]\ninitial_freelancer = 2000\n")
    output = tmp_path / "never.h5"
    result = run_gigsim(["run", scenario, "-o", output])
    assert result.returncode == 2, result.stdout + result.stderr
    assert re.search(r"typo\.toml:5:\d+", result.stderr), result.stderr
    assert "initial_freelancer" in result.stderr
    assert "initial_freelancers" in result.stderr, "expected a did-you-mean suggestion"
    assert not output.exists(), "nothing may run (or be written) for a bad scenario"
    validated = run_gigsim(["validate", scenario])
    assert validated.returncode == 2
    assert re.search(r"typo\.toml:5:\d+", validated.stderr), validated.stderr


@pytest.mark.parametrize(
    "setting, fragment",
    [
        ("market.initial_freelancers=-5", "market.initial_freelancers"),
        ("fees.schedule=tiered", "flat"),  # lists the valid choices
        ("market.no_such_key=1", "market.no_such_key"),
    ],
)
def test_bad_set_option_is_bad_input(tmp_path: Path, setting: str, fragment: str) -> None:
    output = tmp_path / "never.h5"
    result = run_gigsim(["run", "-o", output, "--steps", "2", "--set", setting])
    assert result.returncode == 2, result.stdout + result.stderr
    assert fragment in result.stderr
    assert not output.exists()


def test_complete_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    output = tmp_path / "done.h5"
    run_small(output, "--seed", "3", steps=6)
    before_digest, before_mtime = digest(output), os.stat(output).st_mtime_ns

    refused = run_gigsim(["run", "-o", output, "--steps", "6", "--seed", "4", *SMALL_MARKET])
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "--force" in refused.stderr
    assert digest(output) == before_digest
    assert os.stat(output).st_mtime_ns == before_mtime

    forced = run_gigsim(
        ["run", "-o", output, "--steps", "6", "--seed", "4", "--force", "--quiet", *SMALL_MARKET]
    )
    assert forced.returncode == 0, forced.stderr
    with h5py.File(output, "r") as f:
        assert int(f.attrs["seed"]) == 4
        assert f.attrs["status"] in ("complete", b"complete")


def test_missing_output_directory_is_created(tmp_path: Path) -> None:
    output = tmp_path / "new" / "deeper" / "run.h5"
    run_small(output, steps=3)
    assert output.is_file()


@pytest.mark.parametrize(
    "option, message",
    [
        (["--steps", "0"], "--steps 0: run.weeks: 0 is out of range"),
        (["--seed", "-3"], "--seed -3: run.seed: -3 is out of range"),
        (["--threads", "0"], "--threads 0: must be between 1 and 1024"),
    ],
)
def test_bad_run_option_names_the_option_typed(tmp_path: Path, option: list, message: str) -> None:
    output = tmp_path / "never.h5"
    result = run_gigsim(["run", "-o", str(output), *option])
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert not output.exists()
