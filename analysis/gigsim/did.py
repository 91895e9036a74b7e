"""Difference-in-differences and event studies of an AI release, as the empirical papers run
them on platform data.

The empirical studies of generative AI on online freelance platforms compare freelancers in
exposed occupations with the rest, before and after a release: Hui, Reshef & Zhou (2024,
*Organization Science*) find that after ChatGPT's release freelancers in writing-related
occupations got 2% fewer jobs and earned 5.2% less per month; Demirci, Hannane & Zhu (2025,
*Management Science*) find 21% fewer job posts in automation-prone occupations (writing,
software) eight months after it. :func:`did` runs the same design on a simulated market:

- **units**: persons of the ``/panel`` sample (``level="person"``), or categories from
  ``/by_category`` (``level="category"``); pooled over an experiment's replicates, a unit is
  (replicate, person) or (replicate, category);
- **treatment**: a person's category in the week before the release (fixed, so that
  switching category afterwards is an outcome, not a change of group) has exposure to the
  released technology above ``threshold``, or, with ``dose=True``, the exposure itself
  (a continuous treatment, as Felten et al.'s AI exposure is used);
- **event**: the technology's ``release_week`` from the resolved scenario;
- **periods**: weeks grouped into ``period_weeks``-week periods counted from the release
  (period 0 starts in the release week; 4 weeks approximate the papers' months); flows
  (earnings, hours, jobs) are summed over a period, levels (rates, shares) averaged;
- **model**: two-way fixed effects, ``y_it = a_i + l_t + b D_i Post_t + e_it`` and the event
  study ``y_it = a_i + l_t + sum_{k != -1} b_k D_i 1[t = k] + e_it`` (reference period
  -1), estimated by ordinary least squares (statsmodels) after sweeping out both sets of
  fixed effects; in an experiment the period effects are per replicate (each run is its own
  market);
- **standard errors**: clustered by unit (person), with the small-sample factor
  ``G/(G-1) (N-1)/(N-K)`` where K counts the regressors and the period effects but not the
  unit effects, which are nested in the clusters (as Stata's ``reghdfe ..., vce(cluster)``
  does); intervals and p-values from Student's t with G-1 degrees of freedom.

The result gives what a paper's table gives (coefficient, SE, confidence interval, number of
persons and observations, the treated group's pre-period mean, and the effect in percent of
it), so a simulated estimate can be set beside a published one. The percent effect and its
interval divide the coefficient and its interval by the pre-period mean, taken as known (as
the papers report percent effects); with ``dose=True`` the percent is per unit of exposure,
relative to the pre-period mean of all units.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
import xarray as xr
from scipy import stats

from gigsim.experiment import (
    CATEGORY_SUFFIX,
    ExperimentError,
    as_experiment,
    included_runs,
)
from gigsim.runfile import RunFile, load
from gigsim.scenario import category_exposure, release_week, technologies
from gigsim.tables import format_number, to_markdown

__all__ = ["DidResult", "FLOW_OUTCOMES", "did", "estimate_did"]

#: Outcomes that are flows within a week (summed over a period); all others are levels
#: (averaged over a period).
FLOW_OUTCOMES = frozenset({
    "net_earnings", "hours_worked", "jobs_posted", "jobs_filled", "jobs_expired",
    "jobs_automated", "jobs_deterred", "rehires", "bids", "entrants", "exits", "dormant_exits",
    "switches", "reskill_starts", "client_spend", "freelancer_income", "freelancer_net_income",
    "platform_revenue", "bid_fee_revenue", "ai_tool_spend",
})

#: Units of the ``/panel`` series.
PANEL_UNITS = {"net_earnings": "USD", "hours_worked": "hours", "ask_rate": "USD/hour"}

PanelSource = Union[str, Path, RunFile, xr.Dataset, pd.DataFrame]


@dataclass
class DidResult:
    """Estimates of :func:`did`.

    Attributes
    ----------
    estimate : dict
        The difference-in-differences row: ``coefficient``, ``se``, ``ci_low``, ``ci_high``,
        ``p_value``, ``pre_mean``, ``percent``, ``percent_ci_low``, ``percent_ci_high``,
        ``n_units``, ``n_treated``, ``n_obs``, ``n_clusters``.
    event_study : pandas.DataFrame
        One row per period relative to the release (``event_time``; -1 is the reference,
        fixed at 0): ``first_week``, ``last_week`` (relative to the release week),
        ``coefficient``, ``se``, ``ci_low``, ``ci_high``, ``p_value``, ``n_obs``.
    outcome, level, technology, event_week, period_weeks, threshold, dose, confidence
        How it was estimated.
    exposure : dict
        Each category's exposure; ``treated_categories`` those above the threshold.
    unit_name : str
        ``"person"`` or ``"category"``.
    notes : list of str
        Caveats (e.g. few clusters).
    """

    estimate: Dict[str, float]
    event_study: pd.DataFrame
    outcome: str
    level: str
    technology: str
    event_week: int
    period_weeks: int
    threshold: float
    dose: bool
    confidence: float
    exposure: Dict[str, float]
    treated_categories: List[str]
    unit_name: str
    aggregate: str
    units: str = ""
    notes: List[str] = field(default_factory=list)

    @property
    def table(self) -> pd.DataFrame:
        """The difference-in-differences estimate as a one-row table (for CSV)."""
        row = {"outcome": self.outcome, "level": self.level, "technology": self.technology,
               "treatment": self.treatment, "event_week": self.event_week,
               "period_weeks": self.period_weeks}
        row.update(self.estimate)
        return pd.DataFrame([row])

    @property
    def treatment(self) -> str:
        """The treatment definition in words."""
        exposed = f"exposure to {self.technology}" if self.technology else "exposure"
        if self.dose:
            return f"{exposed} (0-1, continuous)"
        return f"{exposed} > {format_number(self.threshold)}"

    @property
    def event(self) -> str:
        """The event in words."""
        if self.technology:
            return f"{self.technology} released in week {self.event_week}"
        return f"event in week {self.event_week}"

    def to_csv(self, path: Union[str, Path], event_study: bool = False) -> Path:
        """Writes :attr:`table` (or, with ``event_study=True``, the event study) as CSV."""
        path = Path(path)
        (self.event_study if event_study else self.table).to_csv(path, index=False)
        return path

    def to_markdown(self, digits: int = 3) -> str:
        """The estimate in the layout of an empirical paper's table, as Markdown."""
        e = self.estimate
        pct = f"{round(self.confidence * 100):g}%"
        row = {
            "outcome": self.outcome,
            "treatment x post": format_number(e["coefficient"], digits),
            "(SE)": f"({format_number(e['se'], digits)})",
            f"{pct} CI": f"[{format_number(e['ci_low'], digits)}, {format_number(e['ci_high'], digits)}]",
            "pre-period mean": format_number(e["pre_mean"], digits + 1),
            "effect %": (f"{format_number(e['percent'], digits)}%" if np.isfinite(e["percent"])
                         else ""),
            f"effect % {pct} CI": (
                f"[{format_number(e['percent_ci_low'], digits)}%, "
                f"{format_number(e['percent_ci_high'], digits)}%]"
                if np.isfinite(e["percent_ci_low"]) else ""),
            f"N {'persons' if self.unit_name == 'person' else 'categories'}": int(e["n_units"]),
            "N treated": int(e["n_treated"]),
            "N obs": int(e["n_obs"]),
        }
        return to_markdown(pd.DataFrame([row]))

    def summary(self, digits: int = 3) -> str:
        """A text block: the design, the estimate table and the notes."""
        period = "week" if self.period_weeks == 1 else f"{self.period_weeks}-week period"
        how = "sum" if self.aggregate == "sum" else "mean"
        units = f" ({self.units})" if self.units else ""
        lines = [
            f"Difference-in-differences, {self.unit_name} level: {self.outcome}{units}, "
            f"{how} per {period}",
            f"Treatment: {self.treatment}; "
            + ("treated categories: " + ", ".join(
                f"{c} ({format_number(self.exposure[c], 3)})" for c in self.treated_categories)
               if not self.dose else "exposure by category: " + ", ".join(
                   f"{c} ({format_number(v, 3)})" for c, v in self.exposure.items())),
            f"Event: {self.event}; reference period -1 "
            f"(weeks {self.event_week - self.period_weeks}-{self.event_week - 1}).",
            f"Two-way fixed effects ({self.unit_name}, period); standard errors clustered by "
            f"{self.unit_name} ({int(self.estimate['n_clusters'])} clusters).",
            "",
            self.to_markdown(digits),
        ]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()


# -- the estimator on a prepared panel -----------------------------------------------------


def _group_means(values: np.ndarray, codes: np.ndarray, n_groups: int,
                 counts: np.ndarray) -> np.ndarray:
    means = np.empty((n_groups, values.shape[1]))
    for column in range(values.shape[1]):
        means[:, column] = np.bincount(codes, weights=values[:, column], minlength=n_groups)
    return means / counts[:, None]


def _sweep_fixed_effects(values: np.ndarray, unit: np.ndarray, time: np.ndarray,
                         tolerance: float = 1e-13, max_iterations: int = 10_000) -> np.ndarray:
    """Residuals of each column on unit and time dummies, by alternating projections
    (exact after one pass on a balanced panel; Guimaraes & Portugal 2010 otherwise)."""
    values = np.array(values, dtype=np.float64, copy=True)
    n_unit, n_time = int(unit.max()) + 1, int(time.max()) + 1
    unit_counts = np.bincount(unit, minlength=n_unit).astype(np.float64)
    time_counts = np.bincount(time, minlength=n_time).astype(np.float64)
    scale = max(float(np.abs(values).max()), 1.0)
    for _ in range(max_iterations):
        values -= _group_means(values, unit, n_unit, unit_counts)[unit]
        time_means = _group_means(values, time, n_time, time_counts)
        values -= time_means[time]
        if float(np.abs(_group_means(values, unit, n_unit, unit_counts)).max()) <= tolerance * scale:
            return values
    raise RuntimeError("the fixed effects did not converge; the panel may be badly disconnected")


def _fit(outcome: np.ndarray, regressors: np.ndarray, unit: np.ndarray, time: np.ndarray,
         cluster: np.ndarray, confidence: float) -> Tuple[np.ndarray, np.ndarray, int]:
    """Coefficients and their clustered covariance after sweeping out both fixed effects."""
    import statsmodels.api as sm  # imported here: statsmodels takes a second to import

    swept = _sweep_fixed_effects(np.column_stack([outcome, regressors]), unit, time)
    y, x = swept[:, 0], swept[:, 1:]
    fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": cluster,
                                                         "use_correction": True})
    n_obs, k = x.shape
    absorbed = int(np.unique(time).size) - 1  # period effects; unit effects nest in clusters
    if n_obs - k - absorbed <= 0:
        raise ValueError(f"{n_obs} observations cannot identify {k} effects and {absorbed + 1} "
                         "period fixed effects")
    covariance = np.asarray(fit.cov_params()) * (n_obs - k) / (n_obs - k - absorbed)
    n_clusters = int(np.unique(cluster).size)
    return np.asarray(fit.params), covariance, n_clusters


def _inference(coefficient: float, variance: float, n_clusters: int,
               confidence: float) -> Dict[str, float]:
    se = math.sqrt(max(variance, 0.0))
    dof = max(n_clusters - 1, 1)
    half = float(stats.t.ppf(0.5 + confidence / 2, dof)) * se
    p_value = float(2 * stats.t.sf(abs(coefficient) / se, dof)) if se > 0 else float("nan")
    return {"coefficient": coefficient, "se": se, "ci_low": coefficient - half,
            "ci_high": coefficient + half, "p_value": p_value}


def estimate_did(
    panel: pd.DataFrame,
    *,
    outcome: str,
    treatment: str = "treatment",
    event_time: str = "event_time",
    unit: str = "unit",
    time: str = "time",
    reference: int = -1,
    event_window: Optional[Tuple[int, int]] = None,
    confidence: float = 0.95,
) -> Tuple[Dict[str, float], pd.DataFrame]:
    """Difference-in-differences and event study on a prepared panel (one row per unit and
    period).

    Parameters
    ----------
    panel : pandas.DataFrame
        Columns ``unit`` (cluster and fixed effect), ``time`` (period fixed effect; may differ
        from ``event_time`` when period effects are per replicate), ``event_time`` (period
        relative to the event, integer), ``treatment`` (0/1 or a dose) and ``outcome``.
    reference : int
        Event time left out of the event study (its coefficient is 0).
    event_window : (int, int), optional
        Keep event times in this range (default all).

    Returns
    -------
    (dict, pandas.DataFrame)
        The DiD estimate and the event-study table (see :class:`DidResult`).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> rows = [(u, t, t - 5, int(u < 50), 3.0 * (u < 50) * (t >= 5) + rng.normal())
    ...         for u in range(100) for t in range(10)]
    >>> panel = pd.DataFrame(rows, columns=["unit", "time", "event_time", "treatment", "y"])
    >>> estimate, events = estimate_did(panel, outcome="y")
    >>> abs(estimate["coefficient"] - 3.0) < 3 * estimate["se"]
    True
    """
    data = panel[[unit, time, event_time, treatment, outcome]].dropna()
    if event_window is not None:
        data = data[(data[event_time] >= event_window[0]) & (data[event_time] <= event_window[1])]
    if data.empty:
        raise ValueError("no observations left to estimate on")
    unit_codes = pd.factorize(data[unit])[0]
    time_codes = pd.factorize(data[time])[0]
    y = data[outcome].to_numpy(np.float64)
    dose = data[treatment].to_numpy(np.float64)
    k_event = data[event_time].to_numpy(np.int64)
    if not ((k_event < 0).any() and (k_event >= 0).any()):
        raise ValueError("the panel needs periods both before and after the event")
    if np.ptp(dose) == 0:
        raise ValueError("every unit has the same treatment, so there is no control group")

    post = (k_event >= 0).astype(np.float64)
    params, covariance, n_clusters = _fit(y, (dose * post)[:, None], unit_codes, time_codes,
                                          unit_codes, confidence)
    estimate = _inference(float(params[0]), float(covariance[0, 0]), n_clusters, confidence)
    estimate.update(n_units=float(np.unique(unit_codes).size),
                    n_treated=float(np.unique(unit_codes[dose > 0]).size),
                    n_obs=float(y.size), n_clusters=float(n_clusters))

    periods = [int(k) for k in np.unique(k_event) if k != reference]
    if reference not in set(k_event.tolist()):
        raise ValueError(f"the reference period {reference} is not in the panel")
    columns = np.column_stack([dose * (k_event == k) for k in periods])
    event_params, event_covariance, _ = _fit(y, columns, unit_codes, time_codes, unit_codes,
                                             confidence)
    rows = []
    for index, k in enumerate(periods):
        row = {"event_time": k}
        row.update(_inference(float(event_params[index]), float(event_covariance[index, index]),
                              n_clusters, confidence))
        row["n_obs"] = int((k_event == k).sum())
        rows.append(row)
    rows.append({"event_time": reference, "coefficient": 0.0, "se": 0.0, "ci_low": 0.0,
                 "ci_high": 0.0, "p_value": float("nan"),
                 "n_obs": int((k_event == reference).sum())})
    events = pd.DataFrame(rows).sort_values("event_time").reset_index(drop=True)
    return estimate, events


# -- from simulated data to a panel --------------------------------------------------------


def _period_panel(long: pd.DataFrame, *, unit_keys: List[str], outcome: str, aggregate: str,
                  event_week: int, period_weeks: int, replicate_key: Optional[str]) -> pd.DataFrame:
    """Weekly rows -> one row per unit and complete period relative to the event."""
    weeks = long["week"].to_numpy(np.int64)
    first, last = int(weeks.min()), int(weeks.max())
    long = long.assign(event_time=np.floor_divide(weeks - event_week, period_weeks))
    # Complete periods only: every week of the period was recorded.
    period_first = event_week + long["event_time"] * period_weeks
    long = long[(period_first >= first) & (period_first + period_weeks - 1 <= last)]
    keys = unit_keys + ["event_time"]
    grouped = long.groupby(keys, observed=True, sort=False)[outcome]
    if aggregate == "sum":
        values = grouped.sum(min_count=1)
    elif aggregate == "mean":
        values = grouped.mean()
    else:
        raise ValueError(f"unknown aggregate {aggregate!r}; choose 'sum' or 'mean'")
    panel = values.reset_index()
    panel["unit"] = pd.factorize(pd.MultiIndex.from_frame(panel[unit_keys]))[0]
    if replicate_key is not None:
        panel["time"] = pd.factorize(pd.MultiIndex.from_frame(panel[[replicate_key, "event_time"]]))[0]
    else:
        panel["time"] = panel["event_time"]
    return panel


def _scenario_parameters(source: Any, scenario: Optional[str], point: Optional[str]) -> Dict[str, Any]:
    if isinstance(source, RunFile):
        return source.parameters
    if isinstance(source, xr.Dataset):
        text = source["scenario_toml"].sel(scenario=scenario, point=point).item()
        return tomllib.loads(str(text))
    return {}


def _choose_one(values: List[str], choice: Optional[str], plural: str, singular: str,
                keyword: str) -> str:
    if choice is None:
        if len(values) > 1:
            raise ValueError(f"the experiment has {plural} {', '.join(values)}; choose one "
                             f"with {keyword}=")
        choice = values[0]
    if choice not in values:
        raise KeyError(f"no {singular} {choice!r}; the experiment has {', '.join(values)}")
    return choice


def _choose_scenario(experiment: xr.Dataset, scenario: Optional[str],
                     point: Optional[str]) -> Tuple[str, str]:
    scenarios = [str(s) for s in experiment["scenario"].values]
    points = [str(p) for p in experiment["point"].values]
    return (_choose_one(scenarios, scenario, "scenarios", "scenario", "scenario"),
            _choose_one(points, point, "sweep points", "point", "point"))


def _person_rows(source: Any, scenario: Optional[str], point: Optional[str],
                 outcome: str) -> Tuple[pd.DataFrame, Optional[str], str]:
    """Weekly person rows (week, person_id, category, status?, outcome[, replicate])."""
    if isinstance(source, RunFile):
        panel = source.panel.reset_index()
        units = ""
        return panel, None, units
    runs = included_runs(source, scenario, point)
    frames = []
    for _, _, replicate, path in runs:
        with load(path) as run:
            if not run.has_panel:
                raise ExperimentError(f"{path}: the run has no /panel (output.panel_size = 0)")
            frame = run.panel.reset_index()
        frame.insert(0, "replicate", replicate)
        frames.append(frame)
    if not frames:
        raise ExperimentError(f"no complete run of scenario {scenario!r}, point {point!r}")
    return pd.concat(frames, ignore_index=True), "replicate", ""


def _category_rows(source: Any, scenario: Optional[str], point: Optional[str],
                   outcome: str) -> Tuple[pd.DataFrame, Optional[str], str]:
    variable = outcome if outcome.endswith(CATEGORY_SUFFIX) else outcome + CATEGORY_SUFFIX
    if isinstance(source, RunFile):
        table = source.by_category.reset_index()
        if outcome not in table:
            raise KeyError(f"no per-category metric {outcome!r}; the file has "
                           f"{', '.join(c for c in table.columns if c not in ('week', 'category'))}")
        units = dict(zip(source.metrics["name"], source.metrics["unit"])).get(outcome, "")
        return table[["week", "category", outcome]], None, units
    if variable not in source:
        available = [n[: -len(CATEGORY_SUFFIX)] for n in source.data_vars if n.endswith(CATEGORY_SUFFIX)]
        raise KeyError(f"no per-category metric {outcome!r}; the experiment has {', '.join(available)}")
    data = source[variable].sel(scenario=scenario, point=point)
    included = source["run_included"].sel(scenario=scenario, point=point)
    data = data.sel(replicate=included["replicate"].values[included.values])
    if data.sizes["replicate"] == 0:
        raise ExperimentError(f"no complete run of scenario {scenario!r}, point {point!r}")
    frame = data.to_dataframe(name=outcome).reset_index()[["replicate", "week", "category", outcome]]
    frame = frame.dropna(subset=[outcome])
    return frame, "replicate", str(source[variable].attrs.get("units", ""))


def did(
    data: PanelSource,
    *,
    outcome: Optional[str] = None,
    level: str = "person",
    scenario: Optional[str] = None,
    point: Optional[str] = None,
    technology: Optional[str] = None,
    event_week: Optional[int] = None,
    exposure: Optional[Mapping[str, float]] = None,
    threshold: Optional[float] = None,
    dose: bool = False,
    period_weeks: int = 4,
    event_window: Optional[Tuple[int, int]] = None,
    aggregate: Optional[str] = None,
    active_before: bool = True,
    after_exit: Optional[str] = None,
    confidence: float = 0.95,
) -> DidResult:
    """Difference-in-differences and event study of an AI release on simulated freelancers.

    Parameters
    ----------
    data : path, RunFile, xarray.Dataset or pandas.DataFrame
        A result file (path or :class:`gigsim.RunFile`), an experiment (directory or
        :func:`gigsim.load_experiment` Dataset; its replicates of ``scenario`` are pooled), or
        a weekly long table: columns ``week``, ``category`` and the outcome, plus
        ``person_id`` (person level; optional ``status``) and optionally ``replicate``.
    outcome : str, optional
        Person level: a ``/panel`` series (default ``net_earnings``, USD after fees and bid
        costs); category level: a ``/by_category`` metric (default ``jobs_filled``).
    level : {"person", "category"}
        Persons of the ``/panel``, or categories of ``/by_category``.
    scenario, point : str, optional
        Which runs of an experiment (needed when it has several).
    technology : str, optional
        The released AI technology (``[ai.technologies.<name>]``); needed when the scenario
        declares several.
    event_week : int, optional
        Release week; default the technology's ``release_week``.
    exposure : mapping, optional
        Exposure of each category to the technology; default from the scenario
        (``[categories.<name>] exposure``).
    threshold : float, optional
        Treated: exposure above it. Default: the median exposure across categories (so the
        more exposed half is treated).
    dose : bool
        Use the exposure itself as a continuous treatment instead of a threshold.
    period_weeks : int
        Weeks per period (4: about a month).
    event_window : (int, int), optional
        First and last period (relative to the release) kept; default all complete periods.
    aggregate : {"sum", "mean"}, optional
        How weeks combine into a period; default ``sum`` for flows (:data:`FLOW_OUTCOMES`),
        ``mean`` for levels.
    active_before : bool
        Person level: keep only persons active in the week before the release (as the
        empirical studies sample freelancers working before it).
    after_exit : {"zero", "drop"}, optional
        Person level: what a week after a person left the platform counts as. ``"zero"``
        (the default for flows such as earnings and hours): nothing earned or worked on the
        platform, so leaving is part of the effect; ``"drop"`` (the default for levels such as
        the ask rate, which the file leaves undefined then): those weeks leave the sample, and
        the estimate is for persons while they stay.
    confidence : float
        Confidence level of the intervals.

    Returns
    -------
    DidResult

    Raises
    ------
    ValueError, KeyError
        The design cannot be built (no AI technology, no panel, no pre or post period, every
        unit treated, unknown outcome); the message says which.

    Examples
    --------
    >>> import gigsim
    >>> result = gigsim.did("results/genai_shock.h5", outcome="net_earnings")  # doctest: +SKIP
    >>> print(result.summary())                                                # doctest: +SKIP
    >>> gigsim.plot_event_study(result, path="event_study.png")                # doctest: +SKIP
    """
    if level not in ("person", "category"):
        raise ValueError(f"unknown level {level!r}; choose 'person' or 'category'")
    if period_weeks < 1:
        raise ValueError(f"period_weeks must be at least 1, got {period_weeks}")
    if outcome is None:
        outcome = "net_earnings" if level == "person" else "jobs_filled"
    if outcome.endswith(CATEGORY_SUFFIX):
        outcome = outcome[: -len(CATEGORY_SUFFIX)]

    opened: Optional[RunFile] = None
    source: Any = data
    if isinstance(data, (str, Path)):
        path = Path(data)
        if path.is_dir():
            source = as_experiment(path)
        else:
            opened = load(path)
            source = opened
    try:
        if isinstance(source, xr.Dataset):
            source = as_experiment(source)
            scenario, point = _choose_scenario(source, scenario, point)
        parameters = _scenario_parameters(source, scenario, point)
        if isinstance(source, pd.DataFrame):
            weekly = source
            replicate_key = "replicate" if "replicate" in weekly else None
            units = ""
        elif level == "person":
            weekly, replicate_key, units = _person_rows(source, scenario, point, outcome)
        else:
            weekly, replicate_key, units = _category_rows(source, scenario, point, outcome)
        if event_week is None or exposure is None:
            if not technologies(parameters):
                missing = [name + "=" for name, value in (("event_week", event_week),
                                                          ("exposure", exposure)) if value is None]
                holder = "the scenario" if parameters else "a table"
                raise ValueError(
                    f"{holder} releases no AI technology (none under [ai.technologies] has a "
                    "trajectory other than \"none\"), so there is no release to study: pass "
                    f"{' and '.join(missing)}"
                )
            technology, released = release_week(parameters, technology)
            event_week = released if event_week is None else event_week
            if exposure is None:
                exposure = category_exposure(parameters, technology)
        if level == "person":
            units = PANEL_UNITS.get(outcome, "")
    finally:
        if opened is not None:
            opened.close()

    if outcome not in weekly:
        raise KeyError(f"no outcome {outcome!r}; the data has "
                       f"{', '.join(c for c in weekly.columns if c not in ('week', 'person_id'))}")
    exposure = {str(k): float(v) for k, v in exposure.items()}
    if threshold is None:
        threshold = float(np.median(list(exposure.values())))
    treated_categories = [c for c, v in exposure.items() if v > threshold]
    if aggregate is None:
        aggregate = "sum" if outcome in FLOW_OUTCOMES else "mean"
    notes: List[str] = []

    weekly = weekly.copy()
    weekly["category"] = weekly["category"].astype(object)
    # The panel stores float32; sums over periods and persons are taken in double precision.
    weekly[outcome] = pd.to_numeric(weekly[outcome]).astype(np.float64)
    if level == "person":
        unit_keys = ([replicate_key] if replicate_key else []) + ["person_id"]
        before = weekly[weekly["week"] == event_week - 1]
        if before.empty:
            raise ValueError(f"no panel rows in week {event_week - 1}, the week before the "
                             f"release in week {event_week}")
        if active_before and "status" in before:
            before = before[before["status"].astype(object) == "active"]
        before = before[before["category"].notna()]
        if before.empty:
            raise ValueError(f"no person of the panel was active in week {event_week - 1}, the "
                             f"week before the release in week {event_week}")
        assigned = before[unit_keys + ["category"]].rename(columns={"category": "assigned_category"})
        weekly = weekly.merge(assigned, on=unit_keys, how="inner")
        if after_exit is None:
            after_exit = "zero" if outcome in FLOW_OUTCOMES else "drop"
        if after_exit not in ("zero", "drop"):
            raise ValueError(f"unknown after_exit {after_exit!r}; choose 'zero' or 'drop'")
        left = (weekly["status"].astype(object) == "exited" if "status" in weekly
                else weekly["category"].isna())
        if after_exit == "zero":
            weekly.loc[left, outcome] = 0.0
        else:
            weekly = weekly.loc[~left]
        if after_exit == "zero":
            notes.append("weeks after a person left count as zero "
                         f"{outcome} (after_exit='zero')")
        group_column = "assigned_category"
        unit_name = "person"
    else:
        unit_keys = ([replicate_key] if replicate_key else []) + ["category"]
        group_column = "category"
        unit_name = "category"
    unknown = sorted(set(weekly[group_column].dropna()) - set(exposure))
    if unknown:
        raise KeyError(f"no exposure given for categories {', '.join(map(str, unknown))}")
    dose_of = weekly[group_column].map(exposure).astype(np.float64)
    weekly["treatment"] = dose_of if dose else (dose_of > threshold).astype(np.float64)

    panel = _period_panel(weekly, unit_keys=unit_keys + ["treatment"], outcome=outcome,
                          aggregate=aggregate, event_week=int(event_week),
                          period_weeks=period_weeks, replicate_key=replicate_key)
    estimate, events = estimate_did(panel, outcome=outcome, event_window=event_window,
                                    confidence=confidence)
    window = panel if event_window is None else panel[
        (panel["event_time"] >= event_window[0]) & (panel["event_time"] <= event_window[1])]
    pre = window[window["event_time"] < 0]
    reference_group = pre[pre["treatment"] > 0] if not dose else pre
    pre_mean = float(reference_group[outcome].mean())
    estimate["pre_mean"] = pre_mean
    scale = 100.0 / pre_mean if pre_mean != 0 and np.isfinite(pre_mean) else float("nan")
    estimate["percent"] = estimate["coefficient"] * scale
    estimate["percent_ci_low"] = estimate["ci_low"] * scale
    estimate["percent_ci_high"] = estimate["ci_high"] * scale
    if scale < 0:
        estimate["percent_ci_low"], estimate["percent_ci_high"] = (
            estimate["percent_ci_high"], estimate["percent_ci_low"])
    events.insert(1, "first_week", events["event_time"] * period_weeks)
    events.insert(2, "last_week", events["event_time"] * period_weeks + period_weeks - 1)
    if estimate["n_clusters"] < 30:
        notes.append(
            f"only {int(estimate['n_clusters'])} clusters: clustered standard errors are "
            "unreliable with few clusters (Cameron & Miller 2015); pool more replicates"
        )
    return DidResult(
        estimate=estimate, event_study=events, outcome=outcome, level=level,
        technology=technology or "", event_week=int(event_week), period_weeks=period_weeks,
        threshold=float(threshold), dose=dose, confidence=confidence, exposure=exposure,
        treated_categories=treated_categories, unit_name=unit_name, aggregate=aggregate,
        units=units, notes=notes,
    )
