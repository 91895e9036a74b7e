"""gigsim.did: difference-in-differences and event studies.

Synthetic panels with a planted effect (known truth) check that the estimator recovers it and
finds nothing in placebos; a dummy-variable regression written out here checks the
coefficients and clustered standard errors to machine precision; a real experiment, whose
scenario cuts the budgets of two categories at a given week, checks the category-level design
end to end on engine output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
import pandas as pd
import pytest

import gigsim
from gigsim.cli import main
from gigsim.did import estimate_did
from analysis_helpers import ScenarioSpec, make_experiment
from conftest import REPO_ROOT

EXPOSURE = {"writing": 0.8, "translation": 0.7, "design": 0.3, "data_entry": 0.2}
EVENT_WEEK = 24


def synthetic_panel(effect_per_week: float, seed: int = 3, persons: int = 800,
                    weeks: int = 48) -> pd.DataFrame:
    """Weekly earnings = person effect + week effect + effect x treated x after + noise.

    Categories are assigned round-robin, so writing and translation (exposure above the
    median, 0.5) are the treated half.
    """
    rng = np.random.default_rng(seed)
    categories = np.array(list(EXPOSURE))[np.arange(persons) % len(EXPOSURE)]
    person_effect = rng.normal(300, 80, persons)
    week_effect = rng.normal(0, 30, weeks)
    week = np.repeat(np.arange(weeks), persons)
    person = np.tile(np.arange(persons), weeks)
    treated = np.isin(categories[person], ["writing", "translation"])
    earnings = (person_effect[person] + week_effect[week]
                + effect_per_week * (treated & (week >= EVENT_WEEK))
                + rng.normal(0, 60, week.size))
    return pd.DataFrame({"week": week, "person_id": person, "category": categories[person],
                         "net_earnings": earnings})


def test_a_planted_effect_is_recovered() -> None:
    panel = synthetic_panel(effect_per_week=-15.0)
    result = gigsim.did(panel, event_week=EVENT_WEEK, exposure=EXPOSURE)
    truth = 4 * -15.0  # earnings summed over a 4-week period
    e = result.estimate
    assert result.treated_categories == ["writing", "translation"]
    assert result.threshold == 0.5  # median of 0.8, 0.7, 0.3, 0.2
    assert e["ci_low"] < truth < e["ci_high"]
    assert abs(e["coefficient"] - truth) < 3 * e["se"]
    # SE of a DiD of means with 400 + 400 persons: noise SD 60 x 2 (4 weeks) per period,
    # averaged over 6 periods on each side -> well under 10 USD.
    assert 1 < e["se"] < 10
    assert e["ci_high"] < 0 and e["p_value"] < 1e-6
    assert (e["n_units"], e["n_treated"], e["n_clusters"]) == (800, 400, 800)
    assert e["n_obs"] == 800 * 12  # 48 weeks = 12 complete periods
    treated = panel[panel["category"].isin(["writing", "translation"]) & (panel["week"] < EVENT_WEEK)]
    pre_mean = treated["net_earnings"].sum() / (400 * 6)  # per person and 4-week period
    assert e["pre_mean"] == pytest.approx(pre_mean, rel=1e-12)
    assert e["percent"] == pytest.approx(100 * e["coefficient"] / pre_mean, rel=1e-12)

    events = result.event_study.set_index("event_time")
    assert list(events.index) == list(range(-6, 6))
    assert events.loc[-1, "coefficient"] == 0 and events.loc[-1, "se"] == 0
    leads = events.loc[-6:-2]
    assert ((leads["ci_low"] < 0) & (leads["ci_high"] > 0)).all(), leads
    lags = events.loc[0:5]
    assert (abs(lags["coefficient"] - truth) < 4 * lags["se"]).all(), lags
    assert list(events.loc[0, ["first_week", "last_week"]]) == [0, 3]


def test_placebos_find_nothing() -> None:
    # No effect at all.
    null = gigsim.did(synthetic_panel(effect_per_week=0.0, seed=4), event_week=EVENT_WEEK,
                      exposure=EXPOSURE).estimate
    assert null["ci_low"] < 0 < null["ci_high"]
    assert abs(null["coefficient"]) < 3 * null["se"]
    # A real effect at week 24, but a fake event at week 12 and only the weeks before 24.
    early = gigsim.did(synthetic_panel(effect_per_week=-15.0, seed=5), event_week=12,
                       exposure=EXPOSURE, event_window=(-3, 2)).estimate
    assert early["ci_low"] < 0 < early["ci_high"]
    assert early["n_obs"] == 800 * 6
    # The effect on a group that is not treated: relabel who is exposed.
    swapped = {"writing": 0.2, "translation": 0.3, "design": 0.7, "data_entry": 0.8}
    shifted = gigsim.did(synthetic_panel(effect_per_week=-15.0, seed=6), event_week=EVENT_WEEK,
                         exposure=swapped).estimate
    assert shifted["coefficient"] == pytest.approx(60, abs=3 * shifted["se"])  # sign flips


def test_a_continuous_dose_recovers_the_slope() -> None:
    rng = np.random.default_rng(9)
    persons, weeks = 600, 30
    categories = np.array(list(EXPOSURE))[rng.integers(0, 4, persons)]
    dose = np.vectorize(EXPOSURE.get)(categories)
    week = np.repeat(np.arange(weeks), persons)
    person = np.tile(np.arange(persons), weeks)
    hours = (rng.normal(20, 5, persons)[person] + rng.normal(0, 2, weeks)[week]
             - 10.0 * dose[person] * (week >= 15) + rng.normal(0, 3, week.size))
    panel = pd.DataFrame({"week": week, "person_id": person, "category": categories[person],
                          "hours_worked": hours})
    result = gigsim.did(panel, outcome="hours_worked", event_week=15, exposure=EXPOSURE,
                        dose=True, period_weeks=1, aggregate="mean")
    assert result.estimate["coefficient"] == pytest.approx(-10.0, abs=3 * result.estimate["se"])
    assert result.treatment == "exposure (0-1, continuous)"


def dummy_regression(panel: pd.DataFrame, regressors: np.ndarray) -> Dict[str, np.ndarray]:
    """OLS of y on the regressors plus every unit and time dummy, clustered by unit, written
    out with numpy: V = (X'X)^-1 (sum_g X_g'u_g u_g'X_g) (X'X)^-1 x G/(G-1) x (N-1)/(N-K),
    K = regressors + time dummies (unit dummies nest in the clusters and are not counted)."""
    units = pd.get_dummies(panel["unit"]).to_numpy(float)
    times = pd.get_dummies(panel["time"]).to_numpy(float)[:, 1:]
    design = np.column_stack([regressors, units, times])
    y = panel["y"].to_numpy(float)
    inverse = np.linalg.inv(design.T @ design)
    beta = inverse @ design.T @ y
    residual = y - design @ beta
    meat = np.zeros((design.shape[1],) * 2)
    for unit in np.unique(panel["unit"]):
        score = design[panel["unit"].to_numpy() == unit].T @ residual[panel["unit"].to_numpy() == unit]
        meat += np.outer(score, score)
    n, groups = y.size, panel["unit"].nunique()
    k = regressors.shape[1] + times.shape[1]
    covariance = inverse @ meat @ inverse * groups / (groups - 1) * (n - 1) / (n - k)
    count = regressors.shape[1]
    return {"beta": beta[:count], "se": np.sqrt(np.diag(covariance)[:count])}


def test_the_estimator_equals_the_dummy_variable_regression() -> None:
    rng = np.random.default_rng(21)
    units, periods = 40, 10
    rows = [(u, t, t - 5, float(u % 2), rng.normal(u % 7, 1) + 0.3 * t) for u in range(units)
            for t in range(periods)]
    panel = pd.DataFrame(rows, columns=["unit", "time", "event_time", "treatment", "y"])
    panel.loc[panel["treatment"].eq(1) & panel["event_time"].ge(0), "y"] += 2.0
    panel = panel.drop(panel.sample(frac=0.15, random_state=2).index).reset_index(drop=True)

    estimate, events = estimate_did(panel, outcome="y")
    post = (panel["treatment"] * (panel["event_time"] >= 0)).to_numpy(float)[:, None]
    expected = dummy_regression(panel, post)
    assert estimate["coefficient"] == pytest.approx(expected["beta"][0], rel=1e-9)
    assert estimate["se"] == pytest.approx(expected["se"][0], rel=1e-7)

    periods_kept = [k for k in range(-5, 5) if k != -1]
    leads_lags = np.column_stack([panel["treatment"] * (panel["event_time"] == k) for k in periods_kept])
    expected = dummy_regression(panel, leads_lags.astype(float))
    table = events.set_index("event_time").loc[periods_kept]
    np.testing.assert_allclose(table["coefficient"], expected["beta"], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(table["se"], expected["se"], rtol=1e-6)


@pytest.fixture(scope="module")
def budget_cut(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real runs: budgets in writing and translation cut from $20/h to $6/h at week 20."""
    directory = tmp_path_factory.mktemp("did")
    scenario = directory / "budget_cut.toml"
    scenario.write_text(
        f'extends = "{(REPO_ROOT / "scenarios" / "baseline.toml").as_posix()}"\n\n'
        "[[events]]\nweek = 20\n"
        'set = { "categories.writing.budget_rate_usd" = 6.0, '
        '"categories.translation.budget_rate_usd" = 6.0 }\n'
    )
    return make_experiment(
        directory / "experiment", {"budget_cut": ScenarioSpec(path=scenario)}, replicates=4,
        weeks=40, market={"market.initial_freelancers": 2000, "market.initial_clients": 200,
                          "run.burn_in_weeks": 30, "output.panel_size": 0},
    )


def budget_cut_exposure(experiment: Path) -> Dict[str, float]:
    """1 for the two categories whose budgets were cut, 0 for every other category."""
    categories = gigsim.load_experiment(experiment)["category"].values
    return {str(c): float(c in ("writing", "translation")) for c in categories}


def test_category_level_on_engine_runs(budget_cut: Path) -> None:
    exp = gigsim.load_experiment(budget_cut)
    cut = budget_cut_exposure(budget_cut)
    categories = len(cut)
    result = gigsim.did(exp, level="category", outcome="jobs_filled", event_week=20,
                        exposure=cut, threshold=0.5)
    e = result.estimate
    # Fewer jobs are filled in the cut categories: most asks are now above the budgets.
    assert e["ci_high"] < 0
    assert (e["n_units"], e["n_treated"], e["n_clusters"]) == (4 * categories, 4 * 2, 4 * categories)
    assert result.units == "jobs" and result.aggregate == "sum"
    one_run = gigsim.did(budget_cut / "runs" / "budget_cut" / "p000" / "rep0.h5", level="category",
                         outcome="jobs_filled", event_week=20, exposure=cut, threshold=0.5)
    assert f"only {categories} clusters" in one_run.notes[0]
    # The estimate by hand: on a balanced panel the two-way fixed effects DiD is the
    # difference of four means (treated/control x before/after) of the units' period sums.
    table = exp["jobs_filled_by_category"].sel(scenario="budget_cut", point="p000")
    frame = table.to_dataframe(name="filled").reset_index()
    frame["period"] = (frame["week"] - 20) // 4
    frame["treated"] = frame["category"].map(cut) > 0.5
    by_unit = frame.groupby(["replicate", "category", "period", "treated"])["filled"].sum().reset_index()
    by_unit["post"] = by_unit["period"] >= 0
    means = by_unit.groupby(["treated", "post"])["filled"].mean()
    by_hand = (means[True, True] - means[True, False]) - (means[False, True] - means[False, False])
    assert e["coefficient"] == pytest.approx(by_hand, rel=1e-9)
    assert e["pre_mean"] == pytest.approx(means[True, False], rel=1e-12)

    with pytest.raises(ValueError, match="releases no AI technology"):
        gigsim.did(exp, level="category")
    with pytest.raises(KeyError, match="has no /panel"):
        gigsim.did(budget_cut / "runs" / "budget_cut" / "p000" / "rep0.h5", event_week=20,
                   exposure=cut)
    with pytest.raises(KeyError, match="no exposure given for categories"):
        gigsim.did(exp, level="category", event_week=20, exposure={"writing": 1.0})
    with pytest.raises(ValueError, match="periods both before and after"):
        gigsim.did(exp, level="category", event_week=60, exposure=cut)


def test_results_read_like_a_paper_table(budget_cut: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture) -> None:
    result = gigsim.did(synthetic_panel(effect_per_week=-15.0), event_week=EVENT_WEEK,
                        exposure=EXPOSURE)
    text = result.summary()
    assert "Difference-in-differences, person level: net_earnings (USD), sum per 4-week period" in text
    assert "treated categories: writing (0.8), translation (0.7)" in text
    assert "reference period -1 (weeks 20-23)" in text
    assert "| outcome      | treatment x post | (SE)" in text
    table = pd.read_csv(result.to_csv(tmp_path / "did.csv"))
    assert table.loc[0, "coefficient"] == pytest.approx(result.estimate["coefficient"])
    assert list(table.columns[:6]) == ["outcome", "level", "technology", "treatment",
                                       "event_week", "period_weeks"]

    plot = tmp_path / "event.png"
    status = main(["did", str(budget_cut), "--level", "category", "--outcome", "jobs_filled",
                   "--event-week", "20",
                   "--exposure", ",".join(f"{k}={v}" for k, v in budget_cut_exposure(budget_cut).items()),
                   "--threshold", "0.5", "--plot", str(plot), "-o", str(tmp_path / "cut.csv")])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "category level: jobs_filled (jobs), sum per 4-week period" in captured.out
    assert plot.stat().st_size > 10_000 and (tmp_path / "cut_event_study.csv").exists()
    assert main(["did", str(budget_cut), "--level", "category", "--event-week", "20"]) == 2
    assert "pass exposure=" in capsys.readouterr().err
    assert main(["did", str(tmp_path / "missing.h5")]) == 2
    assert "missing.h5: no such file or directory" in capsys.readouterr().err


@pytest.fixture(scope="module")
def ai_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real runs with a /panel: the baseline and genai_shock.toml with the language model
    brought forward to week 20, 3 replicates of 52 weeks."""
    return make_experiment(
        tmp_path_factory.mktemp("did_panel") / "experiment",
        {"baseline": ScenarioSpec(),
         "ai": ScenarioSpec(path=REPO_ROOT / "scenarios" / "genai_shock.toml",
                            overrides={"ai.technologies.llm.release_week": 20,
                                       "ai.technologies.llm.midpoint_weeks": 12})},
        replicates=3, weeks=52,
        market={"market.initial_freelancers": 2000, "market.initial_clients": 200,
                "run.burn_in_weeks": 30, "output.panel_size": 400},
    )


def did_by_hand(experiment: Path, scenario: str, event_week: int) -> Dict[str, float]:
    """The person-level DiD of 4-week net earnings, read with h5py and computed from means.

    Sample: panel persons active in week event_week - 1; treated: their category then has
    exposure to llm above the median of the categories' exposures; weeks after an exit earn 0,
    so every person has every period (a balanced panel). Each replicate is its own market with
    its own period effects; on a balanced panel the two-way fixed-effects estimate is then the
    replicates' difference of four means, weighted by N_r p_r (1 - p_r) (N_r persons, p_r of
    them treated).
    """
    import tomllib

    import h5py

    estimates, weights, treated_pre = [], [], []
    persons = 0
    for replicate in range(3):
        path = experiment / "runs" / scenario / "p000" / f"rep{replicate}.h5"
        with h5py.File(path, "r") as f:
            scenario_text = str(f.attrs["scenario"])
            names = [name.decode() for name in f["category"][()]]
            panel = f["panel"]
            ids = panel["person_id"][()]
            category = panel["category"][()]
            status = panel["status"][()]
            earnings = panel["net_earnings"][()].astype(np.float64)
        exposure = {name: float(table.get("exposure", {}).get("llm", 0.0))
                    for name, table in tomllib.loads(scenario_text)["categories"].items()}
        threshold = float(np.median(list(exposure.values())))
        earnings = np.where(status == 3, 0.0, earnings)  # exited: nothing earned
        before = event_week - 1
        chosen = np.flatnonzero((ids >= 0) & (status[before] == 0) & (category[before] >= 0))
        persons += chosen.size
        periods = range(-(event_week // 4), (earnings.shape[0] - event_week) // 4)
        cells: Dict[Tuple[bool, bool], List[float]] = {}
        treated_count = 0
        for column in chosen:
            treated = exposure[names[category[before, column]]] > threshold
            treated_count += treated
            for period in periods:
                start = event_week + 4 * period
                cells.setdefault((treated, period >= 0), []).append(
                    float(earnings[start:start + 4, column].sum()))
        mean = {key: float(np.mean(values)) for key, values in cells.items()}
        estimates.append((mean[True, True] - mean[True, False])
                         - (mean[False, True] - mean[False, False]))
        share = treated_count / chosen.size
        weights.append(chosen.size * share * (1 - share))
        treated_pre.extend(cells[True, False])
    return {"coefficient": float(np.average(estimates, weights=weights)),
            "pre_mean": float(np.mean(treated_pre)), "persons": float(persons)}


def test_person_level_on_the_engines_panel(ai_release: Path) -> None:
    exp = gigsim.load_experiment(ai_release)
    result = gigsim.did(exp, scenario="ai")
    assert result.technology == "llm" and result.event_week == 20
    assert result.unit_name == "person" and result.outcome == "net_earnings"
    assert result.units == "USD" and result.aggregate == "sum"
    expected = did_by_hand(ai_release, "ai", 20)
    e = result.estimate
    assert e["n_units"] == expected["persons"] > 100
    assert e["coefficient"] == pytest.approx(expected["coefficient"], rel=1e-9, abs=1e-9)
    assert e["pre_mean"] == pytest.approx(expected["pre_mean"], rel=1e-12)
    assert e["n_clusters"] == e["n_units"]
    assert result.treated_categories == [c for c, v in result.exposure.items()
                                         if v > np.median(list(result.exposure.values()))]
    events = result.event_study.set_index("event_time")
    assert events.index.min() == -5 and events.index.max() == 7  # weeks 0-51 around week 20

    # A placebo on real runs: the baseline has no release, so exposed and other freelancers
    # move alike around week 20 (99% interval; the same persons as in the AI runs).
    placebo = gigsim.did(exp, scenario="baseline", event_week=20, exposure=result.exposure,
                         confidence=0.99).estimate
    assert placebo["ci_low"] < 0 < placebo["ci_high"]
    assert placebo["n_units"] == e["n_units"]  # runs of one seed follow the same persons


def test_the_panel_reads_back_as_a_long_table(ai_release: Path) -> None:
    import h5py

    path = ai_release / "runs" / "ai" / "p000" / "rep1.h5"
    with h5py.File(path, "r") as f:
        ids = f["panel"]["person_id"][()]
        earnings = f["panel"]["net_earnings"][()]
        category = f["panel"]["category"][()]
        names = [name.decode() for name in f["category"][()]]
    with gigsim.load(path) as run:
        panel = run.panel
    followed = ids >= 0
    assert len(panel) == earnings.shape[0] * int(followed.sum())
    column = int(np.flatnonzero(followed)[3])
    person = panel.xs(int(ids[column]), level="person_id")
    np.testing.assert_array_equal(person["net_earnings"].to_numpy(), earnings[:, column])
    expected = [names[c] if c >= 0 else None for c in category[:, column]]
    assert [None if pd.isna(c) else c for c in person["category"]] == expected
    assert set(panel["status"].cat.categories) == {"active", "dormant", "reskilling", "exited"}
