"""gigsim.compare: paired effects against a baseline, on experiments of real runs.

The known difference: raising the client marketplace fee from 5% to 10% adds, to first
order (holding the work done fixed), 5% of the value of the work to the platform's revenue.
Clients pay price x hours x (1 + client_rate), so the value of the work is
client_spend / (1 + client_rate) and the first-order effect is
0.05 x client_spend_baseline / 1.05 per week.
"""

from __future__ import annotations

import math
import statistics
from pathlib import Path
from typing import List

import h5py
import numpy as np
import pandas as pd
import pytest

import gigsim
from gigsim.cli import main
from gigsim.compare import paired_statistics
from analysis_helpers import ScenarioSpec, make_experiment, python_gigsim
from conftest import REPO_ROOT

WEEKS = 40
REPLICATES = 4
FEE_WEEK = 10
#: Student's t quantile t(0.975, 3 degrees of freedom), from a printed table.
T_975_3 = 3.182446


@pytest.fixture(scope="module")
def experiment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """baseline; client_fee: the client fee rises from 5% to 10% in week 10; same: the
    baseline again."""
    directory = tmp_path_factory.mktemp("compare")
    fee_rise = directory / "client_fee.toml"
    fee_rise.write_text(
        f'extends = "{(REPO_ROOT / "scenarios" / "baseline.toml").as_posix()}"\n\n'
        f'[[events]]\nweek = {FEE_WEEK}\nset = {{ "fees.client_rate" = 0.10 }}\n'
    )
    return make_experiment(
        directory / "fees",
        {"baseline": ScenarioSpec(), "client_fee": ScenarioSpec(path=fee_rise),
         "same": ScenarioSpec()},
        replicates=REPLICATES, weeks=WEEKS,
    )


def window_means(experiment: Path, scenario: str, metric: str, first: int, last: int) -> List[float]:
    """Each replicate's mean of a market series over weeks first..last, read with h5py."""
    means = []
    for replicate in range(REPLICATES):
        with h5py.File(experiment / "runs" / scenario / "p000" / f"rep{replicate}.h5", "r") as f:
            values = f["market"][metric][first:last + 1]
        means.append(statistics.fmean(float(v) for v in values))
    return means


def test_a_client_fee_rise_adds_its_first_order_revenue(experiment: Path) -> None:
    result = gigsim.compare(experiment, baseline="baseline", metrics=["platform_revenue"],
                            window=(FEE_WEEK, WEEKS - 1), scenarios=["client_fee"])
    assert result.window == (FEE_WEEK, WEEKS - 1)
    row = result.table.iloc[0]
    spend = window_means(experiment, "baseline", "client_spend", FEE_WEEK, WEEKS - 1)
    predicted = 0.05 * statistics.fmean(spend) / 1.05
    assert predicted > 50  # a real effect in USD per week, not rounding noise
    # First order; fee incidence (clients hiring less when the fee rises) is second order.
    assert row["difference"] == pytest.approx(predicted, rel=0.25)
    assert row["ci_low"] > 0
    assert row["n"] == REPLICATES


def test_the_paired_statistics_are_those_computed_by_hand(experiment: Path) -> None:
    result = gigsim.compare(experiment, metrics=["platform_revenue"], window=(10, 29),
                            scenarios=["client_fee"])
    row = result.table.iloc[0]
    base = window_means(experiment, "baseline", "platform_revenue", 10, 29)
    other = window_means(experiment, "client_fee", "platform_revenue", 10, 29)
    differences = [o - b for o, b in zip(other, base)]
    mean = statistics.fmean(differences)
    se = statistics.stdev(differences) / math.sqrt(REPLICATES)
    assert row["difference"] == pytest.approx(mean, rel=1e-12)
    assert row["se"] == pytest.approx(se, rel=1e-12)
    assert row["ci_low"] == pytest.approx(mean - T_975_3 * se, rel=1e-6)
    assert row["ci_high"] == pytest.approx(mean + T_975_3 * se, rel=1e-6)
    ratio = statistics.fmean(other) / statistics.fmean(base)
    assert row["percent"] == pytest.approx(100 * (ratio - 1), rel=1e-12)
    linearised = [o - ratio * b for o, b in zip(other, base)]
    percent_se = 100 * statistics.stdev(linearised) / math.sqrt(REPLICATES) / statistics.fmean(base)
    assert row["percent_se"] == pytest.approx(percent_se, rel=1e-9)
    pairs = result.pairs
    assert list(pairs["replicate"]) == [0, 1, 2, 3]
    np.testing.assert_allclose(pairs["difference"], differences, rtol=1e-12)


def test_identical_scenarios_differ_by_exactly_zero(experiment: Path) -> None:
    result = gigsim.compare(experiment, scenarios=["same"], metrics=["platform_revenue", "jobs_filled"])
    for row in result.table.itertuples():
        assert row.difference == 0 and row.se == 0
        assert row.ci_low <= 0 <= row.ci_high
        assert row.p_value == 1.0


def test_independent_seeds_of_one_scenario_give_intervals_covering_zero(tmp_path: Path) -> None:
    """Without common random numbers the same scenario still differs run by run; the interval
    must account for that and cover zero."""
    directory = make_experiment(
        tmp_path / "placebo",
        {"baseline": ScenarioSpec(), "placebo": ScenarioSpec(seed=101)},
        replicates=5, weeks=WEEKS,
    )
    result = gigsim.compare(directory, metrics=["platform_revenue", "jobs_filled"], window=20)
    for row in result.table.itertuples():
        assert row.se > 0, row.metric
        assert row.ci_low < 0 < row.ci_high, (row.metric, row.ci_low, row.ci_high)
        assert row.percent_ci_low < 0 < row.percent_ci_high, row.metric
    boot = gigsim.compare(directory, metrics=["platform_revenue"], window=20, method="bootstrap")
    assert boot.table["ci_low"].item() < 0 < boot.table["ci_high"].item()


def test_the_bootstrap_is_seeded_and_finds_the_fee_effect(experiment: Path) -> None:
    first = gigsim.compare(experiment, metrics=["platform_revenue"], method="bootstrap",
                           scenarios=["client_fee", "same"], seed=11)
    again = gigsim.compare(experiment, metrics=["platform_revenue"], method="bootstrap",
                           scenarios=["client_fee", "same"], seed=11)
    other = gigsim.compare(experiment, metrics=["platform_revenue"], method="bootstrap",
                           scenarios=["client_fee", "same"], seed=12)
    pd.testing.assert_frame_equal(first.table, again.table)
    assert first.table["se"].iloc[0] != other.table["se"].iloc[0]
    fee = first.table.iloc[0]
    assert 0 < fee["ci_low"] < fee["difference"] < fee["ci_high"]
    same = first.table.iloc[1]
    assert (same["ci_low"], same["ci_high"]) == (0.0, 0.0)


def test_paired_statistics_by_hand() -> None:
    # Differences 1, 2, 3: mean 2, SD 1, SE 1/sqrt(3); t(0.975, 2) = 4.302653.
    result = paired_statistics(np.array([10.0, 10.0, 10.0]), np.array([11.0, 12.0, 13.0]))
    assert result["difference"] == 2.0
    assert result["se"] == pytest.approx(1 / math.sqrt(3))
    assert result["ci_low"] == pytest.approx(2 - 4.302653 / math.sqrt(3), rel=1e-6)
    assert result["ci_high"] == pytest.approx(2 + 4.302653 / math.sqrt(3), rel=1e-6)
    # Percent: 12 / 10 - 1 = 20%; linearised values 11-12, 12-12, 13-12 = -1, 0, 1 -> SD 1,
    # SE 1/sqrt(3), divided by the baseline mean 10, in percent.
    assert result["percent"] == pytest.approx(20.0)
    assert result["percent_se"] == pytest.approx(100 / math.sqrt(3) / 10)
    # t = 2 / (1/sqrt(3)) = 3.4641 with 2 degrees of freedom: two-sided p = 0.07418.
    assert result["p_value"] == pytest.approx(0.07418, abs=1e-5)

    # Bootstrap of two pairs with differences 1 and 3: resampled means are 1, 2 or 3 with
    # chances 1/4, 1/2, 1/4, so the 2.5th and 97.5th percentiles are 1 and 3.
    boot = paired_statistics(np.array([0.0, 0.0]), np.array([1.0, 3.0]), method="bootstrap",
                             n_boot=4000, seed=5)
    assert (boot["ci_low"], boot["ci_high"]) == (1.0, 3.0)
    assert boot["se"] == pytest.approx(math.sqrt(0.5), rel=0.05)  # SD of {1,2,2,3}: sqrt(1/2)

    one = paired_statistics(np.array([10.0]), np.array([12.0]))
    assert one["difference"] == 2.0 and math.isnan(one["se"]) and math.isnan(one["ci_low"])


def test_by_category_and_window_choices(experiment: Path) -> None:
    result = gigsim.compare(experiment, metrics=["freelancer_income"], category="writing",
                            window=(0, 9), scenarios=["client_fee"])
    row = result.table.iloc[0]
    assert row["category"] == "writing" and (row["window_first"], row["window_last"]) == (0, 9)
    # Before the fee rise in week 10 the paired runs share every random draw: no difference.
    assert (row["difference"], row["se"]) == (0.0, 0.0)
    after = gigsim.compare(experiment, metrics=["freelancer_income"], category="writing",
                           window=(FEE_WEEK, WEEKS - 1), scenarios=["client_fee"])
    assert after.table["se"].item() > 0
    with pytest.raises(ValueError, match=r"window \(30, 45\) reaches outside the recorded weeks 0-39"):
        gigsim.compare(experiment, window=(30, 45))
    with pytest.raises(ValueError, match="window of the last 41 weeks, but only 40 weeks are recorded"):
        gigsim.compare(experiment, window=41)
    with pytest.raises(KeyError, match="no scenario 'nope' to use as the baseline; the experiment "
                       "has baseline, client_fee, same"):
        gigsim.compare(experiment, baseline="nope")
    with pytest.raises(KeyError, match="no market metric 'median_rates'"):
        gigsim.compare(experiment, metrics=["median_rates"])
    with pytest.raises(KeyError, match="median_rate_by_category is a per-category series: pass category="):
        gigsim.compare(experiment, metrics=["median_rate_by_category"])


def test_tables_go_to_csv_and_markdown(experiment: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture) -> None:
    result = gigsim.compare(experiment, metrics=["platform_revenue", "jobs_filled"])
    written = pd.read_csv(result.to_csv(tmp_path / "effects.csv"), float_precision="round_trip")
    pd.testing.assert_frame_equal(written, result.table.fillna({"category": ""}).replace("", np.nan),
                                  check_dtype=False)
    text = result.to_markdown()
    assert text.startswith("Effect against `baseline`, mean over weeks 0-39, paired by replicate; "
                           "95% intervals: t over replicates.")
    lines = text.splitlines()
    assert lines[2].startswith("| scenario") and set(lines[3]) <= set("|:- ")
    assert len(lines) == 4 + 4  # header, blank, table head, rule, 2 scenarios x 2 metrics
    fee_revenue = next(line for line in lines if "client_fee" in line and "platform_revenue" in line)
    row = result.table.query("scenario == 'client_fee' and metric == 'platform_revenue'").iloc[0]
    assert f"[{gigsim.tables.format_number(row['ci_low'], 3)}," in fee_revenue

    # The command line: Markdown on stdout, the table to a file.
    output = tmp_path / "effects.md"
    completed = python_gigsim(["compare", experiment, "--metrics", "platform_revenue",
                               "--window", "20", "-o", output])
    assert completed.returncode == 0, completed.stderr
    assert "| client_fee" in completed.stdout
    assert output.read_text().startswith("Effect against `baseline`, mean over weeks 20-39")
    assert main(["compare", str(experiment), "-o", str(output)]) == 2
    assert f"{output} exists; pass --force" in capsys.readouterr().err
    assert main(["compare", str(experiment), "-o", str(tmp_path / "effects.txt")]) == 2
    assert "give a file name ending in .csv or .md" in capsys.readouterr().err
    assert main(["compare", str(experiment), "--baseline", "nope"]) == 2
    assert "no scenario 'nope'" in capsys.readouterr().err
    assert main(["compare", str(experiment), "--bootstrap", "500", "--seed", "3",
                 "--metrics", "platform_revenue"]) == 0
    assert "percentile bootstrap over replicates" in capsys.readouterr().out
