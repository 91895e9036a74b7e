"""One self-contained HTML report of an experiment, to read in a browser or send on.

:func:`report` loads an experiment directory and writes a single HTML file: what was run
(experiment file, program version and git commit, runs by status), warnings about runs that
failed or did not finish, the effects of each scenario against the baseline with confidence
intervals, plots (scenario time series with replicate bands, effect bars, category shifts,
adoption curves, the earnings distribution, a difference-in-differences event study when
the scenarios release an AI technology, a response surface when the experiment sweeps two
parameters), the resolved scenarios, and the list of runs. Images are PNGs embedded as
base64 ``data:`` URIs and the style sheet is inline, so the file needs nothing else.
"""

from __future__ import annotations

import base64
import html
import io
import tomllib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
import xarray as xr
from matplotlib.figure import Figure

from gigsim import plots
from gigsim.compare import Comparison, compare
from gigsim.did import did
from gigsim.experiment import CATEGORY_SUFFIX, ExperimentError, as_experiment, runs_table
from gigsim.scenario import technologies
from gigsim.tables import to_html
from gigsim.window import Window

__all__ = ["REPORT_TIMESERIES", "report"]

#: Market series drawn as time series, in this order, when the experiment has them.
REPORT_TIMESERIES = (
    "jobs_filled", "jobs_automated", "median_rate", "active_freelancers", "adoption_share",
    "freelancer_income", "platform_revenue",
)

_STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto;
       max-width: 1100px; color: #222; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 2em;
     border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.85em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.55em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.2em 0; } figcaption { font-size: 0.85em; color: #555; max-width: 800px; }
img.plot { display: block; border: 1px solid #ddd; }
.warning { background: #fff4e5; border-left: 4px solid #e69500; padding: 0.6em 1em; }
.note { color: #555; font-size: 0.9em; }
pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.8em; max-height: 30em; }
.scroll { overflow-x: auto; max-width: 100%; }
details { margin: 0.4em 0; } summary { cursor: pointer; }
"""


class _Document:
    """HTML fragments in order, with figures embedded as they are added."""

    def __init__(self) -> None:
        self.parts: List[str] = []
        self.figures = 0

    def add(self, fragment: str) -> None:
        self.parts.append(fragment)

    def heading(self, text: str) -> None:
        self.add(f"<h2>{html.escape(text)}</h2>")

    def paragraph(self, text: str, css_class: str = "") -> None:
        attribute = f' class="{css_class}"' if css_class else ""
        self.add(f"<p{attribute}>{html.escape(text)}</p>")

    def figure(self, figure: Figure, caption: str) -> None:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=plots.FIGURE_DPI)
        width = int(round(figure.get_figwidth() * plots.FIGURE_DPI))
        height = int(round(figure.get_figheight() * plots.FIGURE_DPI))
        encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
        self.figures += 1
        self.add(
            f'<figure><img class="plot" data-figure="{self.figures}" width="{width}" '
            f'height="{height}" alt="{html.escape(caption)}" src="data:image/png;base64,{encoded}">'
            f"<figcaption>Figure {self.figures}. {html.escape(caption)}</figcaption></figure>"
        )

    def table(self, frame: pd.DataFrame, digits: int = 4) -> None:
        self.add(f'<div class="scroll">{to_html(frame, digits=digits)}</div>')


def _attempt(document: _Document, what: str, action: Callable[[], None]) -> None:
    """Runs one section; a section that cannot be drawn says why instead of failing the report."""
    try:
        action()
    except (KeyError, ValueError, ExperimentError, RuntimeError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        document.paragraph(f"{what} not shown: {message}", "note")


def _ai_scenarios(experiment: xr.Dataset) -> List[Tuple[str, str, int]]:
    """(scenario, technology, release week) of scenarios that release an AI technology."""
    found = []
    for scenario in experiment["scenario"].values:
        text = str(experiment["scenario_toml"].sel(scenario=scenario).values.flat[0])
        if not text:
            continue
        for name, table in technologies(tomllib.loads(text)).items():
            if "release_week" in table and 0 < int(table["release_week"]) <= int(experiment["week"].max()):
                found.append((str(scenario), name, int(table["release_week"])))
                break
    return found


def _overview(document: _Document, experiment: xr.Dataset, source: str) -> None:
    attrs = experiment.attrs
    runs = runs_table(experiment)
    by_status = runs["status"].value_counts().to_dict()
    status_text = ", ".join(f"{count} {status}" for status, count in sorted(by_status.items()))
    sweep = attrs.get("sweep_parameters") or []
    rows = [
        ("experiment directory", source),
        ("experiment file", attrs.get("experiment_file", "")),
        ("created / updated", f"{attrs.get('created', '')} / {attrs.get('updated', '')}"),
        ("gigsim version (experiment)", attrs.get("gigsim_version", "")),
        ("git commit (experiment)", attrs.get("git_commit", "")),
        ("programs that wrote the runs read", "; ".join(attrs.get("run_builds", []))),
        ("result file formats", ", ".join(attrs.get("result_format_versions", []))),
        ("scenarios", ", ".join(map(str, experiment["scenario"].values))),
        ("sweep", f"{attrs.get('sweep_method', 'none')}: {experiment.sizes['point']} points"
                  + (f" over {', '.join(sweep)}" if sweep else "")),
        ("replicates", f"{experiment.sizes['replicate']} (master seed {attrs.get('seed', '')})"),
        ("weeks", f"{int(experiment['week'].min())}-{int(experiment['week'].max())}"),
        ("runs", f"{len(runs)}: {status_text}; {int(runs['included'].sum())} analysed"),
        ("report written", datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")),
    ]
    document.table(pd.DataFrame(rows, columns=["", "value"]))


def _warnings(document: _Document, experiment: xr.Dataset, extra: Sequence[str]) -> None:
    excluded = list(experiment.attrs.get("excluded_runs", []))
    incomplete = list(experiment.attrs.get("incomplete_runs", []))
    if not (excluded or incomplete or extra):
        return
    items = [f"left out (did not complete): {entry}" for entry in excluded]
    items += [f"included although incomplete: {entry}" for entry in incomplete]
    items += list(extra)
    document.add('<div class="warning"><strong>Warnings</strong><ul>'
                 + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul></div>")


def _category_shifts(experiment: xr.Dataset, baseline: str, metric: str,
                     window: Window) -> Comparison:
    """One comparison per category, as a Comparison whose 'metric' is the category."""
    tables, pairs = [], []
    result: Optional[Comparison] = None
    for category in experiment["category"].values:
        result = compare(experiment, baseline=baseline, metrics=[metric], window=window,
                         category=str(category))
        tables.append(result.table.assign(metric=str(category)))
        pairs.append(result.pairs)
    assert result is not None
    return Comparison(table=pd.concat(tables, ignore_index=True),
                      pairs=pd.concat(pairs, ignore_index=True), baseline=baseline,
                      window=result.window, statistic=result.statistic, method=result.method,
                      level=result.level)


def report(
    experiment: Union[str, Path, xr.Dataset],
    path: Union[str, Path],
    *,
    baseline: Optional[str] = None,
    metrics: Optional[Sequence[str]] = None,
    window: Window = None,
    force: bool = False,
) -> Path:
    """Writes a self-contained HTML report of an experiment.

    Parameters
    ----------
    experiment : path or xarray.Dataset
        An experiment directory (or its Dataset from :func:`gigsim.load_experiment`).
    path : str or pathlib.Path
        The HTML file to write.
    baseline : str, optional
        Reference scenario of the comparisons (default ``"baseline"`` or the first).
    metrics : sequence of str, optional
        Metrics of the comparison table (default :data:`gigsim.compare.DEFAULT_METRICS`).
    window : None, int or (int, int)
        Weeks averaged in the comparisons (default the last 52).
    force : bool
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``force`` is false (nothing is written).

    Examples
    --------
    >>> gigsim.report("results/policies", "policies.html")          # doctest: +SKIP
    """
    path = Path(path)
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists; pass force=True (--force) to replace it")
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"{path}: the report is HTML; give a file name ending in .html")
    source = str(experiment) if not isinstance(experiment, xr.Dataset) else str(
        experiment.attrs.get("experiment_dir", ""))
    experiment = as_experiment(experiment)
    names = [str(s) for s in experiment["scenario"].values]
    baseline = baseline or ("baseline" if "baseline" in names else names[0])
    document = _Document()

    document.heading("What was run")
    _overview(document, experiment, source)
    _warnings(document, experiment, [])

    if len(names) > 1:
        document.heading(f"Effects against {baseline}")
        def effects() -> None:
            result = compare(experiment, baseline=baseline, metrics=metrics, window=window)
            document.paragraph(
                f"Each run is averaged over weeks {result.window[0]}-{result.window[1]}; runs are "
                "paired by replicate (common random numbers), so the difference is taken "
                "replicate by replicate. Intervals: 95%, Student's t over replicates. Percent: "
                "ratio of the mean outcomes.", "note")
            document.table(result.formatted())
            document.figure(plots.plot_effects(result),
                            f"Percent difference from {baseline} with 95% confidence intervals.")
            category_metric = next((m for m in ("jobs_filled", "freelancer_income")
                                    if m + CATEGORY_SUFFIX in experiment), None)
            if category_metric is not None:
                shifts = _category_shifts(experiment, baseline, category_metric, window)
                document.figure(
                    plots.plot_effects(shifts, title=f"Category shifts: {category_metric} by "
                                       f"category against {baseline}"),
                    f"Percent difference in {category_metric} by job category, 95% CIs.")
        _attempt(document, "The comparison", effects)

    if len(names) > 1:
        document.heading(f"Paired differences from {baseline}, week by week")
        document.paragraph("Replicate r of each scenario minus replicate r of the baseline (they "
                           "share random streams); line: mean, band: 95% interval.", "note")
        for metric in ("jobs_filled", "freelancer_income"):
            if metric in experiment:
                _attempt(document, f"The {metric} differences", lambda metric=metric: document.figure(
                    plots.plot_timeseries(experiment, metric, band="ci", smooth_weeks=4,
                                          difference_from=baseline),
                    f"{metric}: paired difference from {baseline}."))

    document.heading("Time series")
    document.paragraph("Lines: mean over replicates (4-week centred moving average); bands: "
                       "lowest to highest replicate.", "note")
    for metric in REPORT_TIMESERIES:
        if metric in experiment:
            _attempt(document, f"The {metric} series", lambda metric=metric: document.figure(
                plots.plot_timeseries(experiment, metric, smooth_weeks=4), f"{metric} by week."))

    if "adoption_share" + CATEGORY_SUFFIX in experiment:
        document.heading("AI adoption by category")
        ai = _ai_scenarios(experiment)
        for scenario in ([s for s, _, _ in ai] or names[:1])[:3]:
            _attempt(document, f"Adoption in {scenario}", lambda scenario=scenario: document.figure(
                plots.plot_adoption(experiment, scenario=scenario),
                f"Share of freelancers using AI by category, {scenario}."))

    document.heading("Earnings distribution")
    _attempt(document, "The earnings distribution", lambda: document.figure(
        plots.plot_earnings_distribution(experiment),
        "Quantiles of weekly earnings over time, mean over replicates."))

    ai = _ai_scenarios(experiment)
    if ai:
        document.heading("Difference-in-differences around the AI release")
        scenario, technology, week = ai[0]
        def event_study() -> None:
            point = str(experiment["point"].values[0])
            try:
                result = did(experiment, scenario=scenario, point=point, technology=technology,
                             level="person")
            except ExperimentError:  # no /panel in these runs: categories instead of persons
                result = did(experiment, scenario=scenario, point=point, technology=technology,
                             level="category", outcome="jobs_filled")
            document.paragraph(
                f"Scenario {scenario}: {technology} released in week {week}. Treated: "
                f"{result.treatment} ({', '.join(result.treated_categories)}). Two-way fixed "
                f"effects, standard errors clustered by {result.unit_name}.", "note")
            document.add(f"<pre>{html.escape(result.summary())}</pre>")
            document.figure(plots.plot_event_study(result),
                            f"Event study of {result.outcome} around the {technology} release.")
        _attempt(document, "The event study", event_study)

    swept = list(experiment.attrs.get("sweep_parameters") or [])
    if len(swept) >= 2:
        document.heading("Response surface")
        metric = next((m for m in ("jobs_filled", "freelancer_income") if m in experiment), None)
        if metric is not None:
            _attempt(document, "The response surface", lambda: document.figure(
                plots.plot_response_surface(experiment, swept[0], swept[1], metric, window=window),
                f"{metric} over {swept[0]} and {swept[1]} (replicate means)."))

    document.heading("Resolved scenarios")
    overrides = dict(zip(map(str, experiment["scenario"].values),
                         map(str, experiment["scenario_overrides"].values)))
    for scenario in names:
        text = str(experiment["scenario_toml"].sel(scenario=scenario).values.flat[0])
        extra = overrides.get(scenario, "{}")
        summary = f"{scenario}" + (f" (overrides {extra})" if extra not in ("{}", "") else "")
        document.add(f"<details><summary>{html.escape(summary)}</summary>"
                     f"<pre>{html.escape(text or '(no complete run)')}</pre></details>")
    if experiment.attrs.get("experiment"):
        document.add("<details><summary>experiment file</summary>"
                     f"<pre>{html.escape(str(experiment.attrs['experiment']))}</pre></details>")

    document.heading("Runs")
    document.table(runs_table(experiment).drop(columns=["path"]))

    title = f"gigsim report: {Path(str(experiment.attrs.get('experiment_file') or source)).name}"
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f'<p class="note">{document.figures} figures. Made by the gigsim analysis package '
        "(python3 -m gigsim report).</p>"
        + "\n".join(document.parts) + "</body></html>\n"
    )
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_text(page, encoding="utf-8")
    temporary.replace(path)
    return path
