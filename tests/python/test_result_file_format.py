"""The HDF5 result file as written by the engine, read with plain h5py and xarray.

These tests pin the file contract of docs/output.md (the result-file contract) independently of the
analysis package: root attributes, dimension scales, one row per week in every series, units
and descriptions, and that netCDF-4 readers (xarray) open the groups.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import h5py
import numpy as np
import pytest
import xarray as xr

from conftest import REPO_ROOT, SMALL_STEPS, series

ROOT_ATTRIBUTES = {
    "filetype", "format_version", "gigsim_version", "git_commit", "scenario", "seed",
    "replicate", "threads", "started", "finished", "status", "steps_done", "burn_in_weeks",
}


def text(value) -> str:
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    return value.decode() if isinstance(value, (bytes, np.bytes_)) else str(value)


def test_root_attributes_describe_a_complete_run(small_run: Path) -> None:
    with h5py.File(small_run, "r") as f:
        missing = ROOT_ATTRIBUTES - set(f.attrs)
        assert not missing, f"root attributes missing: {sorted(missing)}"
        assert text(f.attrs["filetype"]) == "gigsim-run"
        assert [int(v) for v in f.attrs["format_version"]][0] == 2
        assert len(f.attrs["format_version"]) == 2
        assert text(f.attrs["status"]) == "complete"
        assert int(f.attrs["steps_done"]) == SMALL_STEPS
        assert int(f.attrs["seed"]) == 7
        assert int(f.attrs["threads"]) == 2
        assert text(f.attrs["started"]) and text(f.attrs["finished"])


def test_scenario_attribute_is_the_resolved_scenario_with_the_overrides(small_run: Path) -> None:
    with h5py.File(small_run, "r") as f:
        scenario = tomllib.loads(text(f.attrs["scenario"]))
    assert scenario["market"]["initial_freelancers"] == 2000
    assert scenario["market"]["initial_clients"] == 200
    assert scenario["run"]["seed"] == 7


def test_every_series_has_one_row_per_week_with_units_and_description(small_run: Path) -> None:
    with h5py.File(small_run, "r") as f:
        steps = int(f.attrs["steps_done"])
        n_categories = f["category"].shape[0]
        n_quantiles = f["quantile"].shape[0]
        assert f["time"].shape == (steps,)
        np.testing.assert_array_equal(f["time"][()], np.arange(steps))
        assert len(series(f["market"])) >= 20, "expected the market metrics of sim/io/metrics.cpp"
        for name, dataset in series(f["market"]):
            assert dataset.shape == (steps,), name
            assert text(dataset.attrs["units"]), name  # "1" for ratios, never empty
            assert text(dataset.attrs["description"]), name
            assert np.all(np.isfinite(dataset[()])), name
        for name, dataset in series(f["by_category"]):
            assert dataset.shape == (steps, n_categories), name
            assert "units" in dataset.attrs and text(dataset.attrs["description"]), name
        for name, dataset in series(f["distribution"]):
            assert dataset.shape == (steps, n_quantiles), name
            assert text(dataset.attrs["description"]), name


def test_categories_are_the_seven_default_categories(small_run: Path) -> None:
    with h5py.File(small_run, "r") as f:
        names = [text(v) for v in f["category"][()]]
    for expected in ("writing", "translation", "software", "web", "design", "data_entry",
                     "customer_support"):
        assert expected in names


def test_market_series_are_consistent_with_each_other(small_run: Path) -> None:
    with h5py.File(small_run, "r") as f:
        market = {name: dataset[()] for name, dataset in series(f["market"])}
        by_category = {name: dataset[()] for name, dataset in series(f["by_category"])}
    assert market["jobs_posted"].sum() > 0, "a small market should post jobs in 30 weeks"
    assert np.all(market["jobs_filled"] <= market["jobs_posted"].cumsum())
    assert np.all(market["active_freelancers"] > 0)
    # Per-category counts add up to the market totals.
    for name in ("jobs_posted", "jobs_filled", "bids"):
        np.testing.assert_allclose(by_category[name].sum(axis=1), market[name], err_msg=name)


@pytest.mark.parametrize("group", ["market", "by_category"])
def test_xarray_opens_the_groups(small_run: Path, group: str) -> None:
    engines = [e for e in ("h5netcdf", "netcdf4") if e in xr.backends.list_engines()]
    assert engines, "neither python3-h5netcdf nor python3-netcdf4 is installed"
    with h5py.File(small_run, "r") as f:
        expected = {name for name, _ in series(f[group])}
        steps = int(f.attrs["steps_done"])
    for engine in engines:
        with xr.open_dataset(small_run, group=group, engine=engine) as dataset:
            assert set(dataset.data_vars) == expected, engine
            assert steps in dataset.sizes.values(), engine
            first = sorted(expected)[0]
            assert dataset[first].shape[0] == steps, engine
            # The group links the root scales, so its coordinates come with it.
            assert list(dataset["time"].values) == list(range(steps)), engine
            if group == "by_category":
                names = [text(v) for v in dataset["category"].values]
                assert "writing" in names, engine


def test_docs_output_md_lists_every_series_the_engine_writes(small_run: Path) -> None:
    """docs/output.md documents each dataset with the unit and description the file carries."""
    docs = (REPO_ROOT / "docs" / "output.md").read_text()
    with h5py.File(small_run, "r") as f:
        for group in ("market", "by_category", "distribution", "panel"):
            for name, dataset in series(f[group]):
                assert f"`{name}`" in docs, f"{group}/{name} is not in docs/output.md"
                description = dataset.attrs["description"]
                description = description.decode() if isinstance(description, bytes) else description
                assert description in docs, f"{group}/{name}: description differs from docs/output.md"


def test_panel_follows_a_sample_of_persons_week_by_week(small_run: Path) -> None:
    """/panel: [time, agent] series of the persons registered when the recorded weeks begin."""
    with h5py.File(small_run, "r") as f:
        steps = int(f.attrs["steps_done"])
        scenario = tomllib.loads(text(f.attrs["scenario"]))
        columns = scenario["output"]["panel_size"]
        panel = f["panel"]
        assert f["agent"].shape == (columns,)
        ids = panel["person_id"][()]
        assert ids.shape == (columns,)
        followed = ids[ids >= 0]
        assert len(followed) > 0 and len(np.unique(followed)) == len(followed)
        status = panel["status"][()]
        category = panel["category"][()]
        assert status.shape == (steps, columns) and status.dtype == np.int8
        assert category.dtype == np.int16 and panel["skill"].dtype == np.float32
        assert "0 active" in text(panel["status"].attrs["status_codes"])
        # Columns beyond the sample and persons who left are "exited" with category -1;
        # a person who left never comes back.
        np.testing.assert_array_equal(status[:, ids < 0], 3)
        np.testing.assert_array_equal(category[status == 3], -1)
        left = status == 3
        assert not np.any(left[:-1] & ~left[1:])
        # Everyone followed is registered in week 0, so only those who leave during week 0 can
        # be exited then.
        assert np.mean(status[0, ids >= 0] == 3) < 0.1
        assert np.all(panel["hours_worked"][()][status != 3] >= 0)
        n_categories = f["category"].shape[0]
        assert np.all((category[status != 3] >= 0) & (category[status != 3] < n_categories))
