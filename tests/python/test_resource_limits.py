"""Hard limits on what a run may grow to (limits.max_freelancers, limits.max_open_jobs).

A run that would pass a limit stops with exit 1 and a message naming the limit and how to
raise it; if its result file already exists, the file keeps the rows so far, marked "failed".
A population over the limit from the start stops the run before anything is created.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_gigsim
from fault_helpers import FAULT_MARKET, check_result_file

STEPS = 30


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("reference") / "reference.h5"
    result = run_gigsim(["run", "-o", output, "--steps", STEPS, *FAULT_MARKET])
    assert result.returncode == 0, result.stderr
    return output


def test_a_run_that_grows_past_a_limit_stops_with_a_failed_file(
    tmp_path: Path, reference: Path
) -> None:
    # 200 clients post about 30 jobs a week and a job stays open 4 weeks: the board holds 31
    # jobs after week 0 and grows past 80 within the first weeks, never past about 100.
    output = tmp_path / "run.h5"
    result = run_gigsim(
        ["run", "-o", output, "--steps", STEPS, *FAULT_MARKET, "--set", "limits.max_open_jobs=80"]
    )
    assert result.returncode == 1, result.stderr
    assert "jobs on the board exceed limits.max_open_jobs = 80" in result.stderr
    assert "--set limits.max_open_jobs=N" in result.stderr
    steps = check_result_file(output, "failed", reference, same_scenario=False)
    assert 0 < steps < STEPS
    # The week that crossed the limit is not recorded; every week before it is.
    assert f"simulated week {steps} " in result.stderr
    assert f'keeps the {steps} weeks written before the failure (status "failed")' in result.stderr


def test_a_population_over_the_limit_from_the_start_creates_nothing(tmp_path: Path) -> None:
    output = tmp_path / "new" / "run.h5"
    result = run_gigsim(
        ["run", "-o", output, "--steps", STEPS, *FAULT_MARKET, "--set", "limits.max_freelancers=1000"]
    )
    assert result.returncode == 1, result.stderr
    assert "2000 registered freelancers exceed limits.max_freelancers = 1000" in result.stderr
    assert list(tmp_path.iterdir()) == []
