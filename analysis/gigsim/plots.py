"""Plots of experiments and runs (matplotlib, PNG or SVG).

Every function returns a :class:`matplotlib.figure.Figure` made without pyplot (no global
state, no display needed: it works on a server or in a test) and, given ``path``, saves it
there (the format follows the suffix: ``.png``, ``.svg`` or ``.pdf``). Figures are
:data:`FIGURE_SIZE` inches at :data:`FIGURE_DPI` dots per inch, so a PNG is 800 x 450 pixels;
effect bars grow taller when there are many of them.
"""

from __future__ import annotations

import functools
import tomllib
import warnings
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, TypeVar, Union

import numpy as np
import xarray as xr
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gigsim.compare import Comparison, window_outcomes
from gigsim.did import DidResult
from gigsim.experiment import CATEGORY_SUFFIX, as_experiment
from gigsim.runfile import RunFile, load
from gigsim.scenario import technologies
from gigsim.window import Window, describe_window, resolve_window

__all__ = [
    "FIGURE_DPI",
    "FIGURE_SIZE",
    "plot_adoption",
    "plot_earnings_distribution",
    "plot_effects",
    "plot_event_study",
    "plot_response_surface",
    "plot_timeseries",
]

#: Size of every figure in inches (width, height).
FIGURE_SIZE = (8.0, 4.5)
#: Resolution of saved PNGs: FIGURE_SIZE x FIGURE_DPI = 800 x 450 pixels.
FIGURE_DPI = 100
_FORMATS = (".png", ".svg", ".pdf")

Data = Union[xr.Dataset, RunFile, str, Path]


_Function = TypeVar("_Function", bound=Callable[..., Figure])


def _nan_weeks_allowed(function: _Function) -> _Function:
    """Weeks where a series is undefined in every replicate (a median over no contracts) are
    gaps in the plot; numpy's warnings about them would only be noise."""
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        with warnings.catch_warnings():
            for message in ("Mean of empty slice", "All-NaN slice encountered",
                            "Degrees of freedom <= 0", "invalid value encountered"):
                warnings.filterwarnings("ignore", message=message, category=RuntimeWarning)
            return function(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


def _figure(size: Tuple[float, float] = FIGURE_SIZE) -> Figure:
    return Figure(figsize=size, dpi=FIGURE_DPI, layout="constrained")


def _finish(figure: Figure, path: Optional[Union[str, Path]]) -> Figure:
    if path is not None:
        path = Path(path)
        if path.suffix.lower() not in _FORMATS:
            raise ValueError(f"{path}: give a file name ending in {', '.join(_FORMATS)}")
        figure.savefig(path, dpi=FIGURE_DPI)
    return figure


def _as_experiment(data: Data) -> xr.Dataset:
    """An experiment Dataset for any input: a run file becomes a one-run experiment."""
    if isinstance(data, xr.Dataset):
        return as_experiment(data)
    if isinstance(data, RunFile):
        return _run_as_experiment(data)
    path = Path(data)
    if path.is_dir():
        return as_experiment(path)
    with load(path) as run:
        return _run_as_experiment(run)


def _run_as_experiment(run: RunFile) -> xr.Dataset:
    dataset = run.to_xarray()
    name = run.path.stem
    series = {key: value.expand_dims(scenario=[name], point=["p000"], replicate=[run.replicate])
              for key, value in dataset.data_vars.items()}
    result = xr.Dataset(series)
    result["run_included"] = xr.DataArray(np.ones((1, 1, 1), dtype=bool),
                                          dims=("scenario", "point", "replicate"))
    result["run_steps_done"] = xr.DataArray(np.full((1, 1, 1), run.steps_done),
                                            dims=("scenario", "point", "replicate"))
    result["scenario_toml"] = xr.DataArray(np.array([[run.scenario]], dtype=object),
                                           dims=("scenario", "point"))
    return result.assign_coords(scenario=[name], point=["p000"], replicate=[run.replicate])


def _select(experiment: xr.Dataset, variable: str, scenario: str, point: Optional[str],
            category: Optional[str] = None) -> xr.DataArray:
    data = experiment[variable].sel(scenario=scenario)
    data = data.sel(point=point if point is not None else experiment["point"].values[0])
    if category is not None:
        data = data.sel(category=category)
    included = experiment["run_included"].sel(scenario=scenario).sel(
        point=point if point is not None else experiment["point"].values[0])
    return data.where(included)


def _release_weeks(experiment: xr.Dataset, scenarios: Sequence[str]) -> Dict[str, int]:
    """Weeks worth marking on a time axis: AI releases and scheduled events of the scenarios."""
    weeks: Dict[str, int] = {}
    for scenario in scenarios:
        text = str(experiment["scenario_toml"].sel(scenario=scenario).values.flat[0])
        if not text:
            continue
        parameters = tomllib.loads(text)
        for name, table in technologies(parameters).items():
            if "release_week" in table:
                weeks.setdefault(f"{name} release", int(table["release_week"]))
        for event in parameters.get("events", []):
            keys = ", ".join(str(key).split(".")[-1] for key in event.get("set", {}))
            if "week" in event and len(weeks) < 4:
                weeks.setdefault(f"{scenario}: {keys}", int(event["week"]))
    return weeks


def _mark_releases(ax: Any, releases: Dict[str, int], weeks: np.ndarray) -> None:
    for index, (label, week) in enumerate(releases.items()):
        if weeks.size and weeks.min() <= week <= weeks.max():
            ax.axvline(week, color="0.4", linestyle=":", linewidth=1)
            ax.annotate(label, (week, 1), xycoords=("data", "axes fraction"),
                        xytext=(3, -12 - 10 * index), textcoords="offset points", fontsize=8,
                        color="0.3")


def _variable(experiment: xr.Dataset, metric: str, category: Optional[str]) -> str:
    variable = metric if category is None or metric.endswith(CATEGORY_SUFFIX) else metric + CATEGORY_SUFFIX
    if variable not in experiment:
        have = sorted(name for name, v in experiment.data_vars.items() if "week" in v.dims)
        raise KeyError(f"no series {variable!r}; the data has {', '.join(have)}")
    return variable


def _label(experiment: xr.Dataset, variable: str) -> str:
    units = experiment[variable].attrs.get("units", "")
    name = variable[: -len(CATEGORY_SUFFIX)] if variable.endswith(CATEGORY_SUFFIX) else variable
    return f"{name} ({units})" if units and units != "1" else name


@_nan_weeks_allowed
def plot_timeseries(
    data: Data,
    metric: str,
    *,
    category: Optional[str] = None,
    scenarios: Optional[Sequence[str]] = None,
    point: Optional[str] = None,
    band: Optional[str] = "range",
    smooth_weeks: int = 1,
    difference_from: Optional[str] = None,
    title: Optional[str] = None,
    path: Optional[Union[str, Path]] = None,
) -> Figure:
    """A weekly series per scenario: the mean over replicates and a band across them.

    With ``difference_from``, each scenario's paired difference from that scenario instead
    (replicate r minus the baseline's replicate r, week by week), which common random numbers
    make far less noisy than the levels.

    Parameters
    ----------
    data : experiment Dataset or directory, RunFile or result file
        What to plot.
    metric : str
        A ``/market`` series, or with ``category`` a ``/by_category`` one.
    category : str, optional
        Plot this category's series.
    scenarios : sequence of str, optional
        Which scenarios (default all).
    point : str, optional
        Sweep point (default the first).
    band : {"range", "ci", None}
        Shade min-max over replicates, the 95% t interval of their mean, or nothing.
    smooth_weeks : int
        Centred moving average over this many weeks (1: none), for noisy weekly series.
    difference_from : str, optional
        Plot paired differences from this (baseline) scenario.
    path : str or pathlib.Path, optional
        Save the figure here (.png, .svg or .pdf).

    Examples
    --------
    >>> gigsim.plot_timeseries(exp, "jobs_filled", band="ci", path="jobs.png")  # doctest: +SKIP
    >>> gigsim.plot_timeseries(exp, "jobs_filled", difference_from="baseline")  # doctest: +SKIP
    """
    from scipy import stats

    experiment = _as_experiment(data)
    variable = _variable(experiment, metric, category)
    chosen = [str(s) for s in experiment["scenario"].values] if scenarios is None else list(scenarios)
    figure = _figure()
    ax = figure.add_subplot()
    weeks = experiment["week"].values
    reference = None
    if difference_from is not None:
        names = [str(s) for s in experiment["scenario"].values]
        if difference_from not in names:
            raise KeyError(f"no scenario {difference_from!r}; the data has {', '.join(names)}")
        reference = _select(experiment, variable, difference_from, point, category)
        chosen = [s for s in chosen if s != difference_from]
        ax.axhline(0, color="0.2", linewidth=0.8)
    for scenario in chosen:
        values = _select(experiment, variable, scenario, point, category)
        if reference is not None:
            values = values - reference
        if smooth_weeks > 1:
            values = values.rolling(week=smooth_weeks, center=True, min_periods=1).mean()
        array = values.transpose("replicate", "week").values
        present = np.isfinite(array).any(axis=1)
        if not present.any():
            continue
        array = array[present]
        mean = np.nanmean(array, axis=0) if array.shape[0] else array
        line = ax.plot(weeks, mean, label=f"{scenario} (n={array.shape[0]})", linewidth=1.6)[0]
        if band == "range" and array.shape[0] > 1:
            ax.fill_between(weeks, np.nanmin(array, axis=0), np.nanmax(array, axis=0),
                            color=line.get_color(), alpha=0.2, linewidth=0)
        elif band == "ci" and array.shape[0] > 1:
            n = np.isfinite(array).sum(axis=0)
            se = np.nanstd(array, axis=0, ddof=1) / np.sqrt(np.maximum(n, 1))
            half = stats.t.ppf(0.975, np.maximum(n - 1, 1)) * se
            ax.fill_between(weeks, mean - half, mean + half, color=line.get_color(), alpha=0.2,
                            linewidth=0)
        elif band not in ("range", "ci", None):
            raise ValueError(f"unknown band {band!r}; choose 'range', 'ci' or None")
    _mark_releases(ax, _release_weeks(experiment, chosen), weeks)
    ax.set_xlabel("week")
    ax.set_ylabel(_label(experiment, variable) if reference is None
                  else f"{_label(experiment, variable)} - {difference_from}")
    shade = {"range": "band: min-max over replicates", "ci": "band: 95% CI of the mean",
             None: ""}[band]
    what = f"{metric}{f' ({category})' if category else ''}"
    if reference is not None:
        what = f"{what}: paired difference from {difference_from}"
    ax.set_title(title or what + (f" - {shade}" if shade else ""), fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    return _finish(figure, path)


@_nan_weeks_allowed
def plot_effects(
    comparison: Comparison,
    *,
    percent: bool = True,
    title: Optional[str] = None,
    path: Optional[Union[str, Path]] = None,
) -> Figure:
    """Each scenario's effect on each metric against the baseline, with its interval.

    Parameters
    ----------
    comparison : Comparison
        From :func:`gigsim.compare`.
    percent : bool
        Plot percent differences (comparable across metrics); else level differences, one
        panel per metric.

    Examples
    --------
    >>> gigsim.plot_effects(gigsim.compare(exp), path="effects.png")     # doctest: +SKIP
    """
    table = comparison.table
    table = table.assign(label=table["scenario"] + np.where(
        table["point"].nunique() > 1, " " + table["point"], ""))
    metrics = list(dict.fromkeys(table["metric"]))
    labels = list(dict.fromkeys(table["label"]))
    # Taller when there are many bars, so that each stays readable (0.16 inch a bar).
    bars = len(metrics) * len(labels) if percent else 0
    figure = _figure((FIGURE_SIZE[0], max(FIGURE_SIZE[1], 1.2 + 0.16 * bars)))
    level = f"{round(comparison.level * 100):g}%"
    if percent:
        ax = figure.add_subplot()
        height = 0.8 / max(len(labels), 1)
        for index, label in enumerate(labels):
            rows = table[table["label"] == label].set_index("metric").reindex(metrics)
            positions = np.arange(len(metrics)) + (index - (len(labels) - 1) / 2) * height
            errors = np.vstack([rows["percent"] - rows["percent_ci_low"],
                                rows["percent_ci_high"] - rows["percent"]])
            ax.barh(positions, rows["percent"], height=height * 0.9, label=label,
                    xerr=np.where(np.isfinite(errors), errors, 0), capsize=3)
        ax.set_yticks(np.arange(len(metrics)), metrics)
        ax.invert_yaxis()
        ax.axvline(0, color="0.2", linewidth=0.8)
        ax.set_xlabel(f"difference from {comparison.baseline}, % (bars: {level} CI)")
        ax.grid(axis="x", alpha=0.3)
        ax.legend(fontsize=8, loc="best")
    else:
        axes = figure.subplots(1, len(metrics), squeeze=False)[0]
        for ax, metric in zip(axes, metrics):
            rows = table[table["metric"] == metric].set_index("label").reindex(labels)
            errors = np.vstack([rows["difference"] - rows["ci_low"], rows["ci_high"] - rows["difference"]])
            ax.bar(np.arange(len(labels)), rows["difference"],
                   yerr=np.where(np.isfinite(errors), errors, 0), capsize=3,
                   color=[f"C{i}" for i in range(len(labels))])
            ax.set_xticks(np.arange(len(labels)), labels, rotation=30, ha="right", fontsize=8)
            ax.axhline(0, color="0.2", linewidth=0.8)
            ax.set_title(metric, fontsize=9)
            ax.grid(axis="y", alpha=0.3)
    figure.suptitle(title or f"Effects against {comparison.baseline}, "
                    f"{describe_window(comparison.window)}, paired by replicate", fontsize=11)
    return _finish(figure, path)


@_nan_weeks_allowed
def plot_adoption(
    data: Data,
    *,
    scenario: Optional[str] = None,
    point: Optional[str] = None,
    metric: str = "adoption_share",
    categories: Optional[Sequence[str]] = None,
    title: Optional[str] = None,
    path: Optional[Union[str, Path]] = None,
) -> Figure:
    """AI adoption curves by category: the share of freelancers using AI, week by week.

    Parameters
    ----------
    data : experiment Dataset or directory, RunFile or result file
    scenario : str, optional
        Which scenario (default the first one whose adoption ever rises above 0).
    metric : str
        The per-category series to draw (default ``adoption_share``; ``ai_capability`` draws
        the capability curves).

    Examples
    --------
    >>> gigsim.plot_adoption(exp, scenario="genai_shock", path="adoption.png")  # doctest: +SKIP
    """
    experiment = _as_experiment(data)
    variable = metric + CATEGORY_SUFFIX
    if variable not in experiment:
        raise KeyError(
            f"no per-category series {metric!r} in the data (it comes with the AI model, "
            "result format 2)"
        )
    names = [str(s) for s in experiment["scenario"].values]
    if scenario is None:
        scenario = next((s for s in names if float(np.nan_to_num(
            _select(experiment, variable, s, point).max().item())) > 0), names[0])
    values = _select(experiment, variable, scenario, point)
    chosen = list(experiment["category"].values) if categories is None else list(categories)
    figure = _figure()
    ax = figure.add_subplot()
    weeks = experiment["week"].values
    for index, category in enumerate(chosen):
        series = values.sel(category=category).transpose("replicate", "week").values
        series = series[np.isfinite(series).any(axis=1)]
        if not series.size:
            continue
        style = "-" if index < 10 else "--"
        line = ax.plot(weeks, np.nanmean(series, axis=0), style, label=str(category))[0]
        if series.shape[0] > 1:
            ax.fill_between(weeks, np.nanmin(series, axis=0), np.nanmax(series, axis=0),
                            color=line.get_color(), alpha=0.15, linewidth=0)
    _mark_releases(ax, _release_weeks(experiment, [scenario]), weeks)
    ax.set_xlabel("week")
    ax.set_ylabel(_label(experiment, variable))
    ax.set_title(title or f"{metric} by category - {scenario}", fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, ncol=2, loc="best")
    return _finish(figure, path)


def _default_distribution(experiment: xr.Dataset) -> str:
    names = [name for name, v in experiment.data_vars.items() if "quantile" in v.dims]
    for preferred in ("earner", "earnings"):
        for name in names:
            if preferred in name and "earn" in name:
                return name
    if not names:
        raise KeyError("the data has no /distribution quantiles")
    return names[0]


@_nan_weeks_allowed
def plot_earnings_distribution(
    data: Data,
    *,
    scenarios: Optional[Sequence[str]] = None,
    point: Optional[str] = None,
    distribution: Optional[str] = None,
    title: Optional[str] = None,
    path: Optional[Union[str, Path]] = None,
) -> Figure:
    """The earnings distribution over time: quantile fans, one panel per scenario.

    Bands span the 10th-90th and 25th-75th percentiles, the line is the median and the
    dashed line the 95th percentile; each is the mean of that quantile over replicates.

    Parameters
    ----------
    distribution : str, optional
        A ``/distribution`` table; default the earnings of earners if the file has it, else
        ``earnings_quantiles``.

    Examples
    --------
    >>> gigsim.plot_earnings_distribution(exp, path="earnings.png")     # doctest: +SKIP
    """
    experiment = _as_experiment(data)
    distribution = distribution or _default_distribution(experiment)
    if distribution not in experiment:
        raise KeyError(f"no distribution {distribution!r} in the data")
    chosen = [str(s) for s in experiment["scenario"].values] if scenarios is None else list(scenarios)
    chosen = chosen[:4]
    levels = [float(q) for q in experiment["quantile"].values]
    figure = _figure()
    axes = figure.subplots(1, len(chosen), sharey=True, squeeze=False)[0]
    weeks = experiment["week"].values

    def quantile(values: xr.DataArray, level: float) -> Optional[np.ndarray]:
        matches = [q for q in levels if abs(q - level) < 1e-9]
        if not matches:
            return None
        return values.sel(quantile=matches[0]).mean("replicate", skipna=True).values

    for ax, scenario in zip(axes, chosen):
        values = _select(experiment, distribution, scenario, point)
        for low, high, alpha in ((0.1, 0.9, 0.2), (0.25, 0.75, 0.35)):
            lower, upper = quantile(values, low), quantile(values, high)
            if lower is not None and upper is not None:
                ax.fill_between(weeks, lower, upper, color="C0", alpha=alpha, linewidth=0,
                                label=f"p{round(low * 100)}-p{round(high * 100)}")
        median = quantile(values, 0.5)
        if median is not None:
            ax.plot(weeks, median, color="C0", linewidth=1.6, label="median")
        top = quantile(values, 0.95)
        if top is not None:
            ax.plot(weeks, top, color="C3", linestyle="--", linewidth=1, label="p95")
        _mark_releases(ax, _release_weeks(experiment, [scenario]), weeks)
        ax.set_title(scenario, fontsize=10)
        ax.set_xlabel("week")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(_label(experiment, distribution))
    axes[0].legend(fontsize=8, loc="upper left")
    figure.suptitle(title or f"{distribution} over time (mean over replicates)", fontsize=11)
    return _finish(figure, path)


@_nan_weeks_allowed
def plot_event_study(
    result: DidResult,
    *,
    title: Optional[str] = None,
    path: Optional[Union[str, Path]] = None,
) -> Figure:
    """Event-study coefficients with their confidence intervals, by period from the release.

    Examples
    --------
    >>> gigsim.plot_event_study(gigsim.did(exp, scenario="genai_shock"),  # doctest: +SKIP
    ...                         path="event_study.png")
    """
    events = result.event_study
    figure = _figure()
    ax = figure.add_subplot()
    ax.axhline(0, color="0.2", linewidth=0.8)
    ax.axvline(-0.5, color="0.4", linestyle=":", linewidth=1)
    estimated = events[events["event_time"] != -1]
    lower = estimated["coefficient"] - estimated["ci_low"]
    upper = estimated["ci_high"] - estimated["coefficient"]
    ax.errorbar(estimated["event_time"], estimated["coefficient"], yerr=np.vstack([lower, upper]),
                fmt="o", color="C0", ecolor="C0", capsize=3, markersize=4,
                label=f"coefficient, {round(result.confidence * 100):g}% CI")
    reference = events[events["event_time"] == -1]
    ax.plot(reference["event_time"], reference["coefficient"], "o", color="white",
            markeredgecolor="C0", label="reference period (-1)")
    e = result.estimate
    ax.axhline(e["coefficient"], xmin=0, xmax=1, color="C3", linestyle="--", linewidth=1,
               label=f"DiD {e['coefficient']:.3g} ({e['percent']:.2g}% of pre-mean)")
    period = "weeks" if result.period_weeks == 1 else f"{result.period_weeks}-week periods"
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    since = (f"the {result.technology} release (week {result.event_week})" if result.technology
             else f"the event (week {result.event_week})")
    ax.set_xlabel(f"{period} since {since}")
    units = f" ({result.units})" if result.units else ""
    ax.set_ylabel(f"effect on {result.outcome}{units}")
    ax.set_title(title or f"Event study: {result.outcome}, treated = {result.treatment}",
                 fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    return _finish(figure, path)


@_nan_weeks_allowed
def plot_response_surface(
    data: Data,
    x: str,
    y: str,
    metric: str,
    *,
    scenario: Optional[str] = None,
    category: Optional[str] = None,
    window: Window = None,
    statistic: str = "mean",
    title: Optional[str] = None,
    path: Optional[Union[str, Path]] = None,
) -> Figure:
    """An outcome over two swept parameters: filled contours between the sweep points (when
    they span an area) and the points themselves, coloured by the replicate mean.

    Parameters
    ----------
    data : experiment Dataset or directory
        An experiment with a sweep over (at least) the parameters ``x`` and ``y``.
    x, y : str
        Sweep parameters (coordinates along ``point``, e.g. ``"market.bid_cost_usd"``).
    metric : str
        Outcome, averaged per run over ``window`` (default the last 52 weeks) and then over
        replicates.

    Examples
    --------
    >>> gigsim.plot_response_surface(exp, "market.bid_cost_usd", "fees.client_rate",  # doctest: +SKIP
    ...                              "jobs_filled", path="surface.png")
    """
    experiment = _as_experiment(data)
    for parameter in (x, y):
        if parameter not in experiment.coords or experiment.coords[parameter].dims != ("point",):
            swept = [n for n in experiment.coords if experiment.coords[n].dims == ("point",)
                     and n != "point"]
            raise KeyError(f"{parameter!r} is not a sweep parameter; swept: {', '.join(swept) or 'none'}")
    names = [str(s) for s in experiment["scenario"].values]
    scenario = scenario or names[0]
    variable = _variable(experiment, metric, category)
    resolved = resolve_window(experiment["week"].values[
        experiment["week"].values < int(experiment["run_steps_done"].where(
            experiment["run_included"]).min())], window)
    outcomes = window_outcomes(experiment, variable, resolved, category=category,
                               statistic=statistic).sel(scenario=scenario).mean("replicate")
    xs = np.asarray(experiment.coords[x].values, dtype=np.float64)
    ys = np.asarray(experiment.coords[y].values, dtype=np.float64)
    zs = np.asarray(outcomes.values, dtype=np.float64)
    keep = np.isfinite(zs)
    xs, ys, zs = xs[keep], ys[keep], zs[keep]
    figure = _figure()
    ax = figure.add_subplot()
    colour_source: Any = None
    if xs.size >= 3 and np.ptp(xs) > 0 and np.ptp(ys) > 0 and np.ptp(zs) > 0:
        try:
            colour_source = ax.tricontourf(xs, ys, zs, levels=12, cmap="viridis", alpha=0.85)
        except (ValueError, RuntimeError):  # collinear points: no triangulation
            colour_source = None
    points = ax.scatter(xs, ys, c=zs, cmap="viridis", edgecolors="black", s=40, zorder=3)
    figure.colorbar(colour_source if colour_source is not None else points, ax=ax,
                    label=f"{_label(experiment, variable)}, {statistic} over {describe_window(resolved)}")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(title or f"{metric}{f' ({category})' if category else ''} over the sweep - "
                 f"{scenario}", fontsize=11)
    return _finish(figure, path)
