"""gigsim.load_experiment, tidy tables and the export command on experiments of real runs.

The experiment directories are assembled from `gigsim run` calls in the manifest layout of
docs/output.md (analysis_helpers.make_experiment); the values read back are checked against
the result files read directly with h5py.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict

import h5py
import numpy as np
import pandas as pd
import pytest

import gigsim
from gigsim.cli import main
from analysis_helpers import (
    TINY_MARKET,
    ScenarioSpec,
    make_experiment,
    python_gigsim,
    read_manifest_json,
    write_manifest,
)
from conftest import binary_path, series

WEEKS = 30
REPLICATES = 3


@pytest.fixture(scope="module")
def experiment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """baseline and a client-fee scenario, a 2-point sweep over the bid cost, 3 replicates."""
    return make_experiment(
        tmp_path_factory.mktemp("experiment") / "fees",
        {"baseline": ScenarioSpec(),
         "client_fee": ScenarioSpec(overrides={"fees.client_rate": 0.10})},
        replicates=REPLICATES, weeks=WEEKS,
        sweep=[{"market.bid_cost_usd": 0.3}, {"market.bid_cost_usd": 1.0}],
    )


def copy_experiment(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def raw_series(path: Path) -> Dict[str, np.ndarray]:
    """Every weekly series of a result file, read with h5py, by its Dataset variable name."""
    values = {}
    with h5py.File(path, "r") as f:
        steps = int(f.attrs["steps_done"])
        for group in ("market", "by_category", "distribution"):
            for name, dataset in series(f[group]):
                variable = name + ("_by_category" if group == "by_category" else "")
                values[variable] = dataset[:steps]
    return values


def test_every_value_of_every_run_round_trips(experiment: Path) -> None:
    exp = gigsim.load_experiment(experiment)
    assert exp.sizes["scenario"] == 2 and exp.sizes["point"] == 2
    assert exp.sizes["replicate"] == REPLICATES and exp.sizes["week"] == WEEKS
    assert list(exp["scenario"].values) == ["baseline", "client_fee"]
    assert list(exp["point"].values) == ["p000", "p001"]
    np.testing.assert_array_equal(exp["market.bid_cost_usd"].values, [0.3, 1.0])
    assert exp["jobs_filled"].dims == ("scenario", "point", "replicate", "week")
    assert exp["median_rate_by_category"].dims == ("scenario", "point", "replicate", "week", "category")
    assert exp["earnings_quantiles"].dims == ("scenario", "point", "replicate", "week", "quantile")
    compared = 0
    for scenario in ("baseline", "client_fee"):
        for point in ("p000", "p001"):
            for replicate in range(REPLICATES):
                path = experiment / "runs" / scenario / point / f"rep{replicate}.h5"
                for variable, values in raw_series(path).items():
                    loaded = exp[variable].sel(scenario=scenario, point=point, replicate=replicate)
                    # Bit for bit, NaN where the file has NaN.
                    np.testing.assert_array_equal(loaded.values, values, err_msg=variable)
                    compared += 1
    assert compared > 12 * 25
    assert exp["jobs_filled"].attrs["units"] == "jobs"
    assert exp.attrs["excluded_runs"] == [] and exp.attrs["incomplete_runs"] == []
    assert bool(exp["run_included"].all())
    assert set(exp["run_seed"].values.ravel()) == {1}
    assert exp["run_id"].sel(scenario="client_fee", point="p001", replicate=2).item() == \
        "client_fee/p001/rep2"
    assert "client_rate = 0.1" in exp["scenario_toml"].sel(scenario="client_fee", point="p000").item()
    assert json.loads(exp["scenario_overrides"].sel(scenario="client_fee").item()) == \
        {"fees.client_rate": 0.1}


def test_replicates_are_distinct_runs_of_one_seed(experiment: Path) -> None:
    """Every run of replicate r used seed 1 and replicate index r (the engine keys its streams
    by both), so replicates differ while their seed is the same."""
    exp = gigsim.load_experiment(experiment)
    with h5py.File(experiment / "runs" / "client_fee" / "p001" / "rep2.h5", "r") as f:
        assert (int(f.attrs["seed"]), int(f.attrs["replicate"])) == (1, 2)
    filled = exp["jobs_filled"].sel(scenario="baseline", point="p000")
    assert not np.array_equal(filled.sel(replicate=0).values, filled.sel(replicate=1).values)


def test_tidy_tables_have_one_row_per_run_week_and_category(experiment: Path) -> None:
    exp = gigsim.load_experiment(experiment)
    market = gigsim.tidy(exp)
    assert list(market.columns[:6]) == ["scenario", "point", "market.bid_cost_usd", "replicate",
                                        "seed", "week"]
    assert len(market) == 2 * 2 * REPLICATES * WEEKS
    row = market[(market["scenario"] == "client_fee") & (market["point"] == "p001")
                 & (market["replicate"] == 1) & (market["week"] == 7)]
    assert len(row) == 1 and row["market.bid_cost_usd"].item() == 1.0
    raw = raw_series(experiment / "runs" / "client_fee" / "p001" / "rep1.h5")
    assert row["platform_revenue"].item() == raw["platform_revenue"][7]

    by_category = gigsim.tidy(exp, "by_category", metrics=["jobs_filled", "median_rate"])
    categories = list(exp["category"].values)
    assert len(by_category) == 2 * 2 * REPLICATES * WEEKS * len(categories)
    assert list(by_category.columns[-3:]) == ["category", "jobs_filled", "median_rate"]
    software = by_category[(by_category["scenario"] == "baseline") & (by_category["point"] == "p000")
                           & (by_category["replicate"] == 2) & (by_category["category"] == "software")]
    raw = raw_series(experiment / "runs" / "baseline" / "p000" / "rep2.h5")
    np.testing.assert_array_equal(software["jobs_filled"].to_numpy(),
                                  raw["jobs_filled_by_category"][:, categories.index("software")])
    with pytest.raises(KeyError, match="no by_category metric nonsense"):
        gigsim.tidy(exp, "by_category", metrics=["nonsense"])

    runs = gigsim.runs_table(exp)
    assert len(runs) == 12 and set(runs["status"]) == {"complete"}
    assert runs["included"].all()


def test_failed_and_missing_runs_are_reported_and_left_out(experiment: Path, tmp_path: Path) -> None:
    directory = copy_experiment(experiment, tmp_path / "broken")
    manifest = read_manifest_json(directory)
    failed = next(r for r in manifest["runs"] if r["id"] == "client_fee/p000/rep1")
    failed.update(status="failed", error="population limit reached", wall_seconds=None)
    (directory / "runs" / "baseline" / "p001" / "rep2.h5").unlink()
    write_manifest(directory, manifest)

    with pytest.warns(gigsim.IncompleteRunsWarning) as caught:
        exp = gigsim.load_experiment(directory)
    message = str(caught[0].message)
    assert "2 of 12 runs left out" in message
    assert "client_fee/p000/rep1: status failed: population limit reached" in message
    assert "baseline/p001/rep2: result file" in message and "is missing" in message
    assert sorted(exp.attrs["excluded_runs"]) == sorted([
        "client_fee/p000/rep1: status failed: population limit reached",
        f"baseline/p001/rep2: result file {directory / 'runs/baseline/p001/rep2.h5'} is missing",
    ])
    left_out = exp.sel(scenario="client_fee", point="p000", replicate=1)
    assert not bool(left_out["run_included"]) and left_out["run_status"].item() == "failed"
    assert np.isnan(left_out["jobs_filled"].values).all()
    assert int(exp["run_included"].sum()) == 10
    assert len(gigsim.tidy(exp)) == 10 * WEEKS

    # Asked for, the failed run's file (complete on disk here) is read and flagged.
    with pytest.warns(gigsim.IncompleteRunsWarning, match="included as far as they got"):
        everything = gigsim.load_experiment(directory, include_incomplete=True)
    assert everything.attrs["incomplete_runs"] == [
        "client_fee/p000/rep1: status failed: population limit reached"]
    assert bool(everything["run_included"].sel(scenario="client_fee", point="p000", replicate=1))

    # A run that died on a full disk may leave an empty file: left out even when asked for.
    (directory / "runs" / "client_fee" / "p000" / "rep1.h5").write_bytes(b"")
    with pytest.warns(gigsim.IncompleteRunsWarning) as caught:
        gigsim.load_experiment(directory, include_incomplete=True)
    assert "client_fee/p000/rep1: status failed: population limit reached; its file cannot be " \
        "read" in str(caught[0].message)


def interrupted_run(output: Path, seed: int, replicate: int) -> None:
    """A real run stopped by SIGINT after its first rows (status "interrupted")."""
    settings = [f"{key}={value}" for key, value in {**TINY_MARKET, "run.burn_in_weeks": 0,
                                                    "output.every": 1,
                                                    "output.max_write_share": 1}.items()]
    args = [str(binary_path()), "run", "-o", str(output), "--steps", "5200", "--quiet",
            "--seed", str(seed), "--threads", "1", "--set", f"run.replicate={replicate}"]
    for setting in settings:
        args += ["--set", setting]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with h5py.File(output, "r", locking=False) as f:
                    if int(f.attrs["steps_done"]) >= 3:
                        break
            except (OSError, KeyError):
                pass
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        if process.poll() is None:
            process.kill()


def test_an_interrupted_run_is_flagged_and_read_only_when_asked(experiment: Path,
                                                               tmp_path: Path) -> None:
    directory = copy_experiment(experiment, tmp_path / "interrupted")
    target = directory / "runs" / "client_fee" / "p001" / "rep0.h5"
    target.unlink()
    interrupted_run(target, seed=1, replicate=0)
    with gigsim.load(target) as run:
        assert run.status == "interrupted"
        steps = run.steps_done
    manifest = read_manifest_json(directory)
    entry = next(r for r in manifest["runs"] if r["id"] == "client_fee/p001/rep0")
    entry["status"] = "interrupted"
    write_manifest(directory, manifest)

    with pytest.warns(gigsim.IncompleteRunsWarning, match="client_fee/p001/rep0: status interrupted"):
        exp = gigsim.load_experiment(directory)
    assert not bool(exp["run_included"].sel(scenario="client_fee", point="p001", replicate=0))

    with pytest.warns(gigsim.IncompleteRunsWarning):
        partial = gigsim.load_experiment(directory, include_incomplete=True)
    cell = partial.sel(scenario="client_fee", point="p001", replicate=0)
    assert int(cell["run_steps_done"]) == steps and cell["run_file_status"].item() == "interrupted"
    written = cell["active_freelancers"].values
    assert np.isfinite(written[:steps]).all() and np.isnan(written[steps:]).all()
    assert len(gigsim.tidy(partial).query("scenario == 'client_fee' and point == 'p001' "
                                          "and replicate == 0")) == steps


def test_a_file_that_contradicts_the_manifest_is_never_used(experiment: Path, tmp_path: Path) -> None:
    # The manifest says complete, the file says running (a writer killed after the manifest
    # was updated): left out with the reason.
    directory = copy_experiment(experiment, tmp_path / "running")
    with h5py.File(directory / "runs" / "baseline" / "p000" / "rep0.h5", "r+") as f:
        f.attrs["status"] = "running"
    with pytest.warns(gigsim.IncompleteRunsWarning,
                      match="baseline/p000/rep0: the manifest says complete but the file says running"):
        gigsim.load_experiment(directory)

    # Another run's file under this run's name: an error, not a silent mix-up.
    directory = copy_experiment(experiment, tmp_path / "swapped")
    shutil.copy(directory / "runs" / "baseline" / "p000" / "rep1.h5",
                directory / "runs" / "baseline" / "p000" / "rep0.h5")
    with pytest.raises(gigsim.FormatError, match=r"rep0\.h5: the file holds seed 1, replicate 1, "
                       r"but the manifest lists run 'baseline/p000/rep0' with seed 1, replicate 0"):
        gigsim.load_experiment(directory)


def test_unknown_format_versions_are_refused(experiment: Path, tmp_path: Path) -> None:
    directory = copy_experiment(experiment, tmp_path / "future-manifest")
    manifest = read_manifest_json(directory)
    manifest["format_version"] = [2, 0]
    write_manifest(directory, manifest)
    with pytest.raises(gigsim.FormatError, match=r"experiment manifest format 2\.0 is not supported"):
        gigsim.load_experiment(directory)

    directory = copy_experiment(experiment, tmp_path / "future-run")
    with h5py.File(directory / "runs" / "client_fee" / "p000" / "rep2.h5", "r+") as f:
        f.attrs["format_version"] = np.array([3, 0], dtype=f.attrs["format_version"].dtype)
    with pytest.raises(gigsim.FormatError, match=r"rep2\.h5: result file format 3\.0 is not supported"):
        gigsim.load_experiment(directory)


def test_bad_paths_and_manifests_give_clear_errors(experiment: Path, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nowhere: no such directory"):
        gigsim.load_experiment(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match=r"manifest\.json: no such file"):
        gigsim.load_experiment(tmp_path / "empty")
    with pytest.raises(gigsim.FormatError, match="not an experiment directory"):
        gigsim.load_experiment(experiment / "runs" / "baseline" / "p000" / "rep0.h5")

    directory = copy_experiment(experiment, tmp_path / "bad-json")
    (directory / "manifest.json").write_text('{\n  "filetype": "gigsim-experiment",\n  "runs": [,]\n}')
    with pytest.raises(gigsim.FormatError, match=r"manifest\.json:3:12: not valid JSON"):
        gigsim.load_experiment(directory)

    manifest = read_manifest_json(experiment)
    del manifest["runs"][4]["seed"]
    write_manifest(directory, manifest)
    with pytest.raises(gigsim.FormatError, match=r"runs\[4\]: missing key 'seed'"):
        gigsim.load_experiment(directory)

    manifest = read_manifest_json(experiment)
    for run in manifest["runs"]:
        run["status"] = "failed"
    write_manifest(directory, manifest)
    with pytest.warns(gigsim.IncompleteRunsWarning):
        with pytest.raises(gigsim.ExperimentError, match="none of the 12 runs can be used"):
            gigsim.load_experiment(directory)


def test_export_writes_csv_and_stata_that_read_back(experiment: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    output = tmp_path / "csv"
    result = python_gigsim(["export", experiment, "-o", output, "--format", "csv"])
    assert result.returncode == 0, result.stderr
    exp = gigsim.load_experiment(experiment)
    for group in ("market", "by_category", "distribution"):
        written = pd.read_csv(output / f"{group}.csv", float_precision="round_trip")
        expected = gigsim.tidy(exp, group)
        assert list(written.columns) == list(expected.columns)
        # CSV keeps full precision: every number comes back exactly.
        pd.testing.assert_frame_equal(written, expected.astype({"scenario": object}),
                                      check_dtype=False, check_exact=True)
    runs = pd.read_csv(output / "runs.csv")
    assert len(runs) == 12 and set(runs["status"]) == {"complete"}

    # The other calls run the command line in this process (each subprocess costs seconds).
    assert main(["export", str(experiment), "-o", str(output), "--format", "csv"]) == 2
    assert "exist; pass force=True (--force)" in capsys.readouterr().err

    stata = tmp_path / "dta"
    assert main(["export", str(experiment), "-o", str(stata), "--format", "dta"]) == 0
    with pd.io.stata.StataReader(stata / "market.dta") as reader:
        market = reader.read()
        labels = reader.variable_labels()
    expected = gigsim.tidy(exp, "market")
    # The sweep parameter's name is not a valid Stata name; the label keeps the original.
    assert "market_bid_cost_usd" in market.columns
    assert labels["market_bid_cost_usd"] == "market.bid_cost_usd"
    assert labels["platform_revenue"] == "platform_revenue (USD)"
    assert all(len(name) <= 32 for name in market.columns)
    np.testing.assert_array_equal(market["platform_revenue"].to_numpy(),
                                  expected["platform_revenue"].to_numpy())
    np.testing.assert_array_equal(market["week"].to_numpy(), expected["week"].to_numpy())
    with pd.io.stata.StataReader(stata / "by_category.dta") as reader:
        by_category = reader.read()
    assert set(by_category["category"]) == set(exp["category"].values)

    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(experiment), "--format", "xlsx"])
    assert exit_info.value.code == 2 and "invalid choice: 'xlsx'" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no such directory" in capsys.readouterr().err


def test_stata_names_are_valid_unique_and_short() -> None:
    from gigsim.export import stata_names

    long_a = "careers.reskilling_subsidy_share_of_training_cost"
    long_b = "careers.reskilling_subsidy_share_of_training_time"
    names = stata_names(["market.bid_cost_usd", "2nd", "in", long_a, long_b, "week"])
    assert names["market.bid_cost_usd"] == "market_bid_cost_usd"
    assert names["2nd"] == "_2nd"
    assert names["in"] == "_in"
    assert names[long_a] == long_a.replace(".", "_")[:32]
    assert names[long_b] == long_a.replace(".", "_")[:30] + "_1"
    assert names["week"] == "week"


def test_the_panel_exports_for_stata_with_labelled_categories(experiment: Path, tmp_path: Path) -> None:
    exp = gigsim.load_experiment(experiment)
    panel = gigsim.panel_table(exp, scenario="baseline", point="p000")
    followed = 0
    for replicate in range(REPLICATES):
        with h5py.File(experiment / "runs" / "baseline" / "p000" / f"rep{replicate}.h5", "r") as f:
            followed += int((f["panel"]["person_id"][()] >= 0).sum())
    assert len(panel) == followed * WEEKS
    assert list(panel.columns[:5]) == ["scenario", "point", "replicate", "week", "person_id"]

    written = gigsim.export_experiment(exp, tmp_path / "dta", format="dta", panel=True)
    assert tmp_path / "dta" / "panel.dta" in written
    with pd.io.stata.StataReader(tmp_path / "dta" / "panel.dta") as reader:
        stata = reader.read()
        labels = reader.variable_labels()
    everything = gigsim.panel_table(exp)
    assert len(stata) == len(everything)
    assert labels["net_earnings"] == "net_earnings (USD/week)"
    # Categories and statuses come back as Stata value labels (names, not codes).
    assert set(stata["status"].dropna()) <= {"active", "dormant", "reskilling", "exited"}
    assert set(stata["category"].dropna()) <= set(exp["category"].values)
    np.testing.assert_array_equal(stata["net_earnings"].to_numpy(np.float64),
                                  everything["net_earnings"].to_numpy(np.float64))
