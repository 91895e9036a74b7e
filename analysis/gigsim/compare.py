"""Each scenario's effect against a baseline, paired by replicate.

Replicate r of every scenario of an experiment uses the same random streams (common random
numbers), so the difference ``scenario_r - baseline_r`` removes most of the noise that two
independent runs would carry (Law 2015, *Simulation Modeling and Analysis*, ch. 11). For
each metric, :func:`compare` averages every run over a window of weeks, pairs the runs by
replicate (and sweep point), and reports the mean difference with its standard error and a
confidence interval: Student's t over the replicates, or a seeded percentile bootstrap
(Efron & Tibshirani 1993). The percent difference is the ratio of the mean outcomes,
``100 (mean_scenario / mean_baseline - 1)``, with its standard error from the linearised
ratio estimator (Cochran 1977, ch. 6), which stays defined when a single replicate's
baseline is near zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
import xarray as xr
from scipy import stats

from gigsim.experiment import CATEGORY_SUFFIX, ExperimentError, ExperimentLike, as_experiment
from gigsim.tables import format_number, to_markdown
from gigsim.window import Window, describe_window, resolve_window

__all__ = ["DEFAULT_METRICS", "Comparison", "compare", "paired_statistics"]

#: Metrics compared when none are named (those present in the experiment).
DEFAULT_METRICS = (
    "jobs_posted", "jobs_filled", "jobs_automated", "hire_rate", "median_rate",
    "active_freelancers", "adoption_share", "freelancer_income", "client_spend",
    "platform_revenue",
)

_STATISTICS = ("mean", "sum")
_METHODS = ("t", "bootstrap")


def paired_statistics(
    baseline: np.ndarray,
    scenario: np.ndarray,
    *,
    method: str = "t",
    level: float = 0.95,
    n_boot: int = 4000,
    seed: int = 0,
) -> Dict[str, float]:
    """Mean paired difference and percent difference with standard errors and CIs.

    Parameters
    ----------
    baseline, scenario : array of float
        One outcome per replicate, paired by position.
    method : {"t", "bootstrap"}
        ``"t"``: mean +- t(n-1) x SE. ``"bootstrap"``: percentile interval of ``n_boot``
        resamples of the replicates (seeded with ``seed``), SE = their standard deviation.
    level : float
        Confidence level.

    Returns
    -------
    dict
        ``n``, ``baseline``, ``value`` (means), ``difference``, ``se``, ``ci_low``,
        ``ci_high``, ``p_value`` (t test of no difference; NaN for the bootstrap),
        ``percent``, ``percent_se``, ``percent_ci_low``, ``percent_ci_high``.

    Examples
    --------
    Differences 1, 2, 3: mean 2, SD 1, SE 1/sqrt(3) = 0.577, t(2, 0.975) = 4.303, so the
    95% CI is 2 +- 2.484:

    >>> result = paired_statistics(np.array([10.0, 10, 10]), np.array([11.0, 12, 13]))
    >>> round(result["difference"], 3), round(result["se"], 3), round(result["ci_low"], 3)
    (2.0, 0.577, -0.484)
    >>> round(result["percent"], 1)
    20.0
    """
    if method not in _METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(_METHODS)}")
    if not 0 < level < 1:
        raise ValueError(f"confidence level {level} must be between 0 and 1")
    baseline = np.asarray(baseline, dtype=np.float64)
    scenario = np.asarray(scenario, dtype=np.float64)
    keep = np.isfinite(baseline) & np.isfinite(scenario)
    baseline, scenario = baseline[keep], scenario[keep]
    n = baseline.size
    nan = float("nan")
    out: Dict[str, float] = {
        "n": float(n), "baseline": nan, "value": nan, "difference": nan, "se": nan,
        "ci_low": nan, "ci_high": nan, "p_value": nan, "percent": nan, "percent_se": nan,
        "percent_ci_low": nan, "percent_ci_high": nan,
    }
    if n == 0:
        return out
    difference = scenario - baseline
    mean_b, mean_s = float(baseline.mean()), float(scenario.mean())
    out.update(baseline=mean_b, value=mean_s, difference=float(difference.mean()))
    ratio = mean_s / mean_b if mean_b != 0 else nan
    out["percent"] = 100.0 * (ratio - 1.0)
    if n < 2:
        return out
    if method == "t":
        se = float(difference.std(ddof=1) / np.sqrt(n))
        half = float(stats.t.ppf(0.5 + level / 2, n - 1))
        out.update(se=se, ci_low=out["difference"] - half * se, ci_high=out["difference"] + half * se)
        if se > 0:
            t_value = out["difference"] / se
            out["p_value"] = float(2 * stats.t.sf(abs(t_value), n - 1))
        else:
            out["p_value"] = 1.0 if out["difference"] == 0 else 0.0
        if mean_b != 0:
            linearised = scenario - ratio * baseline
            percent_se = float(100.0 * linearised.std(ddof=1) / np.sqrt(n) / abs(mean_b))
            out.update(percent_se=percent_se, percent_ci_low=out["percent"] - half * percent_se,
                       percent_ci_high=out["percent"] + half * percent_se)
        return out
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(n_boot, n))
    boot_difference = difference[draws].mean(axis=1)
    tail = 100 * (1 - level) / 2
    out["se"] = float(boot_difference.std(ddof=1))
    out["ci_low"], out["ci_high"] = (float(v) for v in np.percentile(boot_difference, [tail, 100 - tail]))
    if mean_b != 0:
        boot_b = baseline[draws].mean(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            boot_percent = 100.0 * (scenario[draws].mean(axis=1) / boot_b - 1.0)
        boot_percent = boot_percent[np.isfinite(boot_percent)]
        out["percent_se"] = float(boot_percent.std(ddof=1))
        out["percent_ci_low"], out["percent_ci_high"] = (
            float(v) for v in np.percentile(boot_percent, [tail, 100 - tail]))
    return out


@dataclass
class Comparison:
    """The result of :func:`compare`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per scenario x sweep point x metric (see :func:`compare`).
    pairs : pandas.DataFrame
        The paired window outcomes behind it: scenario, point, metric, category, replicate,
        ``baseline``, ``value``, ``difference``.
    baseline : str
        The baseline scenario.
    window : (int, int)
        First and last week averaged.
    method : str
        ``"t"`` or ``"bootstrap"``.
    level : float
        Confidence level of the intervals.
    """

    table: pd.DataFrame
    pairs: pd.DataFrame
    baseline: str
    window: Tuple[int, int]
    statistic: str
    method: str
    level: float

    def to_csv(self, path: Union[str, Path]) -> Path:
        """Writes :attr:`table` (every column, full precision) as CSV; returns the path."""
        path = Path(path)
        self.table.to_csv(path, index=False)
        return path

    def formatted(self, digits: int = 3) -> pd.DataFrame:
        """A compact table for reading: estimates with their intervals as text."""
        level = f"{round(self.level * 100):g}% CI"
        rows = []
        for record in self.table.itertuples(index=False):
            row: Dict[str, Any] = {"scenario": record.scenario}
            if self.table["point"].nunique() > 1:
                row["point"] = record.point
            row["metric"] = record.metric + (f" ({record.category})" if record.category else "")
            row["n"] = int(record.n)
            row["baseline"] = format_number(record.baseline, digits + 1)
            row["scenario value"] = format_number(record.value, digits + 1)
            row["difference"] = format_number(record.difference, digits)
            row[f"difference {level}"] = _interval(record.ci_low, record.ci_high, digits)
            row["percent"] = _percent(record.percent, digits)
            row[f"percent {level}"] = _interval(record.percent_ci_low, record.percent_ci_high,
                                                digits, suffix="%")
            rows.append(row)
        return pd.DataFrame(rows)

    def to_markdown(self, digits: int = 3) -> str:
        """The compact table (:meth:`formatted`) as Markdown, with a line saying what it is."""
        method = ("t over replicates" if self.method == "t"
                  else f"percentile bootstrap over replicates")
        header = (
            f"Effect against `{self.baseline}`, {self.statistic} over "
            f"{describe_window(self.window)}, paired by replicate; "
            f"{round(self.level * 100):g}% intervals: {method}."
        )
        return header + "\n\n" + to_markdown(self.formatted(digits))

    def write_markdown(self, path: Union[str, Path], digits: int = 3) -> Path:
        """Writes :meth:`to_markdown` to ``path``; returns the path."""
        path = Path(path)
        path.write_text(self.to_markdown(digits) + "\n", encoding="utf-8")
        return path

    def __repr__(self) -> str:
        return self.to_markdown()


def _interval(low: float, high: float, digits: int, suffix: str = "") -> str:
    if not (np.isfinite(low) and np.isfinite(high)):
        return ""
    return f"[{format_number(low, digits)}{suffix}, {format_number(high, digits)}{suffix}]"


def _percent(value: float, digits: int) -> str:
    return "" if not np.isfinite(value) else f"{format_number(value, digits)}%"


def _metric_variable(experiment: xr.Dataset, metric: str, category: Optional[str]) -> str:
    if category is None:
        if metric in experiment and experiment[metric].dims == (
                "scenario", "point", "replicate", "week"):
            return metric
        available = [name for name, v in experiment.data_vars.items()
                     if v.dims == ("scenario", "point", "replicate", "week")]
        base = metric[: -len(CATEGORY_SUFFIX)] if metric.endswith(CATEGORY_SUFFIX) else metric
        if base + CATEGORY_SUFFIX in experiment:
            raise KeyError(f"{base}{CATEGORY_SUFFIX} is a per-category series: pass category= "
                           f"(one of {', '.join(map(str, experiment['category'].values))})")
        raise KeyError(f"no market metric {metric!r}; the experiment has {', '.join(available)}")
    variable = metric if metric.endswith(CATEGORY_SUFFIX) else metric + CATEGORY_SUFFIX
    if variable not in experiment:
        available = [name[: -len(CATEGORY_SUFFIX)] for name in experiment.data_vars
                     if name.endswith(CATEGORY_SUFFIX)]
        raise KeyError(f"no per-category metric {metric!r}; the experiment has {', '.join(available)}")
    if category not in list(experiment["category"].values):
        raise KeyError(f"no category {category!r}; the experiment has "
                       f"{', '.join(map(str, experiment['category'].values))}")
    return variable


def window_outcomes(
    experiment: xr.Dataset,
    variable: str,
    window: Tuple[int, int],
    *,
    category: Optional[str] = None,
    statistic: str = "mean",
) -> xr.DataArray:
    """Each run's outcome over the window, [scenario, point, replicate]; NaN for runs left out.

    ``mean`` skips weeks where the series is undefined (NaN), as the binary's summary does;
    ``sum`` adds them up (NaN if any week is undefined).
    """
    data = experiment[variable]
    if category is not None:
        data = data.sel(category=category)
    data = data.sel(week=slice(window[0], window[1]))
    if statistic == "mean":
        values = data.mean("week", skipna=True)
    elif statistic == "sum":
        values = data.sum("week", skipna=False)
    else:
        raise ValueError(f"unknown statistic {statistic!r}; choose one of {', '.join(_STATISTICS)}")
    return values.where(experiment["run_included"])


def compare(
    experiment: ExperimentLike,
    baseline: Optional[str] = None,
    metrics: Optional[Sequence[str]] = None,
    window: Window = None,
    *,
    scenarios: Optional[Sequence[str]] = None,
    category: Optional[str] = None,
    statistic: str = "mean",
    method: str = "t",
    level: float = 0.95,
    n_boot: int = 4000,
    seed: int = 0,
) -> Comparison:
    """Each scenario's effect against the baseline, paired by replicate.

    Parameters
    ----------
    experiment : xarray.Dataset or path
        From :func:`gigsim.load_experiment`, or an experiment directory.
    baseline : str, optional
        The reference scenario; default ``"baseline"`` if there is one, else the first.
    metrics : sequence of str, optional
        Market metrics (or, with ``category``, per-category metrics); default those of
        :data:`DEFAULT_METRICS` the experiment has.
    window : None, int or (int, int)
        Weeks each run is averaged over: ``None`` the last 52 weeks, ``N`` the last N,
        ``(first, last)`` inclusive.
    scenarios : sequence of str, optional
        Scenarios to compare with the baseline (default all others).
    category : str, optional
        Compare one category's ``/by_category`` series instead of market-wide ones.
    statistic : {"mean", "sum"}
        Weekly mean over the window, or the total over it.
    method : {"t", "bootstrap"}
        Confidence intervals from Student's t over replicates, or a percentile bootstrap.
    level : float
        Confidence level (default 0.95).
    n_boot, seed : int
        Bootstrap resamples and the seed of their generator (same seed, same intervals).

    Returns
    -------
    Comparison
        ``.table`` has one row per scenario x point x metric with columns ``scenario``,
        ``point``, the sweep parameters, ``metric``, ``category``, ``window_first``,
        ``window_last``, ``statistic``, ``n`` (pairs), ``baseline`` and ``value`` (mean
        outcomes), ``difference``, ``se``, ``ci_low``, ``ci_high``, ``p_value``,
        ``percent``, ``percent_se``, ``percent_ci_low``, ``percent_ci_high``.

    Raises
    ------
    KeyError
        Unknown scenario, metric or category (the message lists the ones there are).
    ExperimentError
        If a scenario has no replicate paired with the baseline.

    Examples
    --------
    >>> import gigsim
    >>> exp = gigsim.load_experiment("results/fees")                 # doctest: +SKIP
    >>> result = gigsim.compare(exp, baseline="baseline",             # doctest: +SKIP
    ...                         metrics=["platform_revenue", "jobs_filled"], window=52)
    >>> print(result.to_markdown())                                   # doctest: +SKIP
    >>> result.to_csv("effects.csv")                                  # doctest: +SKIP
    """
    experiment = as_experiment(experiment)
    names = [str(s) for s in experiment["scenario"].values]
    if baseline is None:
        baseline = "baseline" if "baseline" in names else names[0]
    if baseline not in names:
        raise KeyError(f"no scenario {baseline!r} to use as the baseline; the experiment has "
                       f"{', '.join(names)}")
    chosen = [s for s in names if s != baseline] if scenarios is None else list(scenarios)
    for name in chosen:
        if name not in names:
            raise KeyError(f"no scenario {name!r}; the experiment has {', '.join(names)}")
    if not chosen:
        raise ExperimentError(f"nothing to compare: the experiment has only the baseline {baseline!r}")
    if metrics is None:
        suffix = CATEGORY_SUFFIX if category is not None else ""
        metrics = [m for m in DEFAULT_METRICS if m + suffix in experiment]
    variables = [_metric_variable(experiment, metric, category) for metric in metrics]

    compared = experiment.sel(scenario=[baseline, *chosen])
    included = compared["run_included"].values
    steps = compared["run_steps_done"].values[included]
    weeks_all = experiment["week"].values
    shortest = int(steps.min()) if steps.size else 0
    resolved = resolve_window(weeks_all[weeks_all < shortest] if shortest else weeks_all, window)

    parameters = [name for name in experiment.coords
                  if experiment.coords[name].dims == ("point",) and name != "point"]
    rows: List[Dict[str, Any]] = []
    pairs: List[Dict[str, Any]] = []
    for metric, variable in zip(metrics, variables):
        outcomes = window_outcomes(experiment, variable, resolved, category=category,
                                   statistic=statistic)
        for name in chosen:
            for point in experiment["point"].values:
                base = outcomes.sel(scenario=baseline, point=point).values
                other = outcomes.sel(scenario=name, point=point).values
                paired = np.isfinite(base) & np.isfinite(other)
                if not paired.any():
                    if np.isfinite(other).any() or np.isfinite(base).any():
                        raise ExperimentError(
                            f"scenario {name!r}, point {point}: no replicate has both this "
                            f"scenario and the baseline {baseline!r}"
                        )
                    continue
                result = paired_statistics(base[paired], other[paired], method=method,
                                           level=level, n_boot=n_boot, seed=seed)
                row: Dict[str, Any] = {"scenario": name, "point": str(point)}
                for parameter in parameters:
                    row[parameter] = experiment.coords[parameter].sel(point=point).item()
                row.update(metric=metric, category=category or "", window_first=resolved[0],
                           window_last=resolved[1], statistic=statistic)
                row.update(result)
                row["n"] = int(result["n"])
                rows.append(row)
                for replicate, b, s in zip(experiment["replicate"].values[paired],
                                           base[paired], other[paired]):
                    pairs.append({"scenario": name, "point": str(point), "metric": metric,
                                  "category": category or "", "replicate": int(replicate),
                                  "baseline": b, "value": s, "difference": s - b})
    if not rows:
        raise ExperimentError(f"no complete runs of {', '.join(chosen)} to compare")
    return Comparison(table=pd.DataFrame(rows), pairs=pd.DataFrame(pairs), baseline=baseline,
                      window=resolved, statistic=statistic, method=method, level=level)
