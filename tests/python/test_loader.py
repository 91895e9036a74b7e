"""The analysis package's reader (gigsim.load) on result files written by the engine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import h5py
import numpy as np
import pandas as pd
import pytest

import gigsim
from conftest import REPO_ROOT, SMALL_MARKET, SMALL_STEPS, run_gigsim, series


def test_load_reads_the_run_description(small_run: Path) -> None:
    with gigsim.load(small_run) as run:
        assert isinstance(run, gigsim.RunFile)
        assert run.status == "complete"
        assert run.steps_done == SMALL_STEPS
        assert run.seed == 7
        assert run.format_version[0] in gigsim.SUPPORTED_FORMAT_MAJORS
        assert run.attrs["filetype"] == "gigsim-run"
        assert "[market]" in run.scenario
        assert run.parameters["market"]["initial_freelancers"] == 2000
        assert "writing" in run.categories


def test_market_is_one_row_per_week_one_column_per_dataset(small_run: Path) -> None:
    with gigsim.load(small_run) as run:
        market = run.market
        with h5py.File(small_run, "r") as f:
            names = {name for name, _ in series(f["market"])}
            jobs_posted = f["market/jobs_posted"][()]
    assert market.index.name == "week"
    assert list(market.index) == list(range(SMALL_STEPS))
    assert set(market.columns) == names
    np.testing.assert_array_equal(market["jobs_posted"].to_numpy(), jobs_posted)


def test_by_category_is_a_long_table_keyed_by_week_and_category(small_run: Path) -> None:
    with gigsim.load(small_run) as run:
        table = run.by_category
        categories = run.categories
        with h5py.File(small_run, "r") as f:
            median_rate = f["by_category/median_rate"][()]
    assert table.index.names == ["week", "category"]
    assert len(table) == SMALL_STEPS * len(categories)
    flat = table.reset_index()
    writing = categories.index("writing")
    week3 = flat[(flat["week"] == 3) & (flat["category"] == "writing")]
    assert len(week3) == 1
    np.testing.assert_equal(week3["median_rate"].iloc[0], median_rate[3, writing])


def test_distribution_is_week_by_quantile(small_run: Path) -> None:
    with gigsim.load(small_run) as run:
        earnings = run.distribution("earnings")
        assert run.distribution("earnings_quantiles").equals(earnings)
        assert "rate_quantiles" in run.distributions
        with pytest.raises(KeyError, match="no distribution"):
            run.distribution("happiness")
    assert earnings.shape[0] == SMALL_STEPS
    assert 0.5 in list(earnings.columns)
    # Quantiles never decrease along the quantile axis.
    assert (np.diff(earnings.to_numpy(), axis=1) >= 0).all()


def test_to_xarray_holds_every_series_with_units(small_run: Path) -> None:
    with gigsim.load(small_run) as run:
        dataset = run.to_xarray()
        market_names = list(run.market.columns)
        category_names = list(run.by_category.columns)
    assert dataset.sizes["week"] == SMALL_STEPS
    for name in market_names:
        assert dataset[name].dims == ("week",)
        assert dataset[name].attrs["units"]
    for name in category_names:
        assert dataset[f"{name}_by_category"].dims == ("week", "category")
    assert dataset.attrs["status"] == "complete"
    writing = dataset["jobs_posted_by_category"].sel(category="writing")
    assert writing.sizes["week"] == SMALL_STEPS


def test_events_table_lists_the_applied_events(event_run: Path) -> None:
    with gigsim.load(event_run) as run:
        events = run.events
    assert list(events["week"]) == [5, 12]
    assert list(events["key"]) == ["fees.schedule", "policy.min_hourly_rate_usd"]
    assert events["value"].iloc[0] == "flat"
    assert events["origin"].str.contains(r"events\.toml:\d+:\d+").all()


def test_events_table_is_empty_without_events(small_run: Path) -> None:
    with gigsim.load(small_run) as run:
        assert len(run.events) == 0


def test_load_refuses_an_unknown_major_format_version(small_run: Path, tmp_path: Path) -> None:
    future = tmp_path / "future.h5"
    shutil.copy(small_run, future)
    with h5py.File(future, "r+") as f:
        f.attrs["format_version"] = np.array([3, 0], dtype=f.attrs["format_version"].dtype)
    with pytest.raises(gigsim.FormatError, match=r"format 3\.0 is not supported; this gigsim "
                       r"analysis package reads formats 1\.x and 2\.x"):
        gigsim.load(future)
    past = tmp_path / "past.h5"
    shutil.copy(small_run, past)
    with h5py.File(past, "r+") as f:
        f.attrs["format_version"] = np.array([0, 9], dtype=f.attrs["format_version"].dtype)
    with pytest.raises(gigsim.FormatError, match=r"format 0\.9 is not supported"):
        gigsim.load(past)


def test_load_accepts_a_newer_minor_format_version(small_run: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.h5"
    shutil.copy(small_run, newer)
    with h5py.File(newer, "r+") as f:
        major = int(f.attrs["format_version"][0])
        f.attrs["format_version"] = np.array([major, 99], dtype=f.attrs["format_version"].dtype)
    with gigsim.load(newer) as run:
        assert run.format_version == (major, 99)
        assert run.steps_done == SMALL_STEPS


def test_load_refuses_files_that_are_not_gigsim_runs(small_run: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.h5"
    shutil.copy(small_run, other)
    with h5py.File(other, "r+") as f:
        f.attrs["filetype"] = "something-else"
    with pytest.raises(gigsim.FormatError, match="not a gigsim result file"):
        gigsim.load(other)
    text_file = tmp_path / "notes.h5"
    text_file.write_text("not HDF5")
    with pytest.raises(gigsim.FormatError, match="not an HDF5 file"):
        gigsim.load(text_file)
    with pytest.raises(FileNotFoundError):
        gigsim.load(tmp_path / "missing.h5")


def test_run_file_closes_and_keeps_what_it_read(small_run: Path) -> None:
    run = gigsim.load(small_run)
    market = run.market
    run.close()
    assert "closed" in repr(run)
    pd.testing.assert_frame_equal(run.market, market)
    with pytest.raises(ValueError, match="closed"):
        run.by_category


def summary_block(text: str) -> List[str]:
    """The "averages over the last N weeks:" line and the lines after it."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "averages over the last" in line)
    return lines[first:first + 12]


@pytest.mark.parametrize("weeks", [30, 60])
def test_summary_command_prints_the_binarys_window_means(tmp_path: Path, weeks: int) -> None:
    """`python3 -m gigsim summary` and the end of `gigsim run` print the same digits: the
    window is all 30 weeks of a short run, and the last 52 of a 60-week one."""
    output = tmp_path / "run.h5"
    result = run_gigsim(["run", "-o", output, "--steps", weeks, "--seed", "3", "--threads", "1",
                         *SMALL_MARKET])
    assert result.returncode == 0, result.stderr
    binary = summary_block(result.stdout)
    assert binary[0] == f"  averages over the last {min(weeks, 52)} weeks:"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT / "analysis"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    summary = subprocess.run(
        [sys.executable, "-m", "gigsim", "summary", str(output)],
        capture_output=True, text=True, check=False, env=env,
    )
    assert summary.returncode == 0, summary.stderr
    assert f"{output} (complete)" in summary.stdout
    assert summary_block(summary.stdout) == binary
    assert len(binary) == 12 and "platform revenue per year, USD" in binary[-1]



def test_summary_of_a_missing_file_is_bad_input(tmp_path: Path,
                                                capsys: pytest.CaptureFixture) -> None:
    from gigsim.cli import main

    assert main(["summary", str(tmp_path / "missing.h5")]) == 2
    assert "missing.h5: no such file" in capsys.readouterr().err


def test_summary_means_skip_undefined_weeks_as_the_binary_does(small_run: Path) -> None:
    from gigsim.summary import window_summary

    with gigsim.load(small_run) as run:
        lines = dict(window_summary(run, weeks=10))
        rates = run.market["median_rate"].to_numpy()[-10:]
        spend = run.market["client_spend"].to_numpy()[-10:]
    defined = rates[~np.isnan(rates)]
    assert lines["median agreed rate, USD/h"] == pytest.approx(defined.sum() / defined.size)
    assert lines["client spend per year, USD"] == pytest.approx(spend.sum())
