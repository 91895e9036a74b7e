"""Scenario input at the command line: `validate` and `run` agree on what is bad input (exit 2,
a message naming the place, nothing written), after every --set, --seed and --steps."""

from __future__ import annotations

import os
from pathlib import Path

import h5py
import pytest

from conftest import SMALL_MARKET, run_gigsim

INT64_MAX = "9223372036854775807"


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_validate_refuses_a_file_it_cannot_read() -> None:
    # Reads of /proc/self/mem fail with EIO: that is not an empty, valid scenario.
    result = run_gigsim(["validate", "/proc/self/mem"])
    assert result.returncode == 2, result.stdout + result.stderr
    assert "valid" not in result.stdout
    assert "cannot read scenario file '/proc/self/mem': Input/output error" in result.stderr


def test_validate_refuses_devices_and_fifos_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for path, kind in (("/dev/zero", "a character device"), (fifo, "a FIFO")):
        result = run_gigsim(["validate", path], timeout=20)
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"not a regular file ({kind})" in result.stderr


def test_event_after_the_run_is_refused_by_validate_and_run(tmp_path: Path) -> None:
    scenario = write(
        tmp_path / "late.toml",
        '[run]\nweeks = 10\n\n[[events]]\nweek = 10\nset = { "fees.flat_rate" = 0.2 }\n',
    )
    message = (f"{scenario}:4:1: event week 10 is at or after the end of the run "
               "(run.weeks = 10: weeks 0 to 9)")
    validated = run_gigsim(["validate", scenario])
    assert validated.returncode == 2
    assert message in validated.stderr
    output = tmp_path / "never.h5"
    result = run_gigsim(["run", scenario, "-o", output, *SMALL_MARKET])
    assert result.returncode == 2
    assert message in result.stderr
    assert not output.exists()


def test_steps_decide_the_end_of_the_run_for_events(tmp_path: Path) -> None:
    scenario = write(
        tmp_path / "events.toml",
        '[run]\nweeks = 10\n\n[[events]]\nweek = 8\nset = { "fees.flat_rate" = 0.2 }\n',
    )
    output = tmp_path / "short.h5"
    result = run_gigsim(["run", scenario, "-o", output, "--steps", "8", "--quiet", *SMALL_MARKET])
    assert result.returncode == 2
    assert f"{scenario}:4:1: event week 8 is at or after the end of the run" in result.stderr
    assert not output.exists()


def test_set_can_repair_an_inconsistent_file(tmp_path: Path) -> None:
    # 0.5 + 0.25 + 0.35 + 0.15 = 1.25 in the file; --set restores the sum of 1 before the check.
    scenario = write(tmp_path / "shares.toml", "[freelancers]\nstrategy_fixed = 0.5\n")
    validated = run_gigsim(["validate", scenario])
    assert validated.returncode == 2
    assert f"{scenario}:2:18: the parameters are inconsistent" in validated.stderr
    output = tmp_path / "repaired.h5"
    result = run_gigsim(
        ["run", scenario, "-o", output, "--steps", "2", "--quiet", *SMALL_MARKET,
         "--set", "freelancers.strategy_fixed=0.25"]
    )
    assert result.returncode == 0, result.stderr
    assert output.is_file()


@pytest.mark.parametrize(
    "option, message",
    [
        (["--steps", INT64_MAX],
         f"--steps {INT64_MAX}: run.weeks: {INT64_MAX} is out of range; valid range is "
         "[1, 5200] weeks"),
        (["--seed", INT64_MAX],
         f"--seed {INT64_MAX}: run.seed: {INT64_MAX} is out of range; valid range is "
         "[0, 9007199254740991]"),
    ],
)
def test_largest_integers_are_reported_as_typed(tmp_path: Path, option: list, message: str) -> None:
    output = tmp_path / "never.h5"
    result = run_gigsim(["run", "-o", output, *option])
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert not output.exists()


def test_set_on_a_section_lists_its_keys(tmp_path: Path) -> None:
    output = tmp_path / "never.h5"
    result = run_gigsim(["run", "-o", output, "--set", "market=1"])
    assert result.returncode == 2
    assert '--set market=1: "market" is a section, not a parameter; its keys: ' in result.stderr
    assert "did you mean" not in result.stderr
    assert not output.exists()


def test_declared_category_and_technology_run(tmp_path: Path) -> None:
    scenario = write(
        tmp_path / "members.toml",
        "[ai.technologies.video]\nrelease_week = 2\n\n"
        "[categories.animation]\ndemand_share = 0.05\nexposure = { video = 0.7, image = 0.5 }\n",
    )
    validated = run_gigsim(["validate", scenario])
    assert validated.returncode == 0, validated.stderr
    output = tmp_path / "members.h5"
    result = run_gigsim(["run", scenario, "-o", output, "--steps", "3", "--quiet", *SMALL_MARKET])
    assert result.returncode == 0, result.stderr
    with h5py.File(output, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in f["category"][()]]
    assert names == ["writing", "translation", "software", "web", "design", "data_entry",
                     "customer_support", "ai_services", "animation"]
