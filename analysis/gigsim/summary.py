"""The end-of-run summary of ``gigsim run``, computed from a result file.

The binary prints, after a run, the means of key market series over the last 52 recorded weeks
(fewer if the run is shorter) and the totals of client spend and platform revenue over them
(``sim/cli/summary.cpp``). :func:`window_summary` computes the same numbers from the file the
run wrote, in the same order of operations (a running sum in week order, weeks where a series
is undefined skipped in means), so that ``python3 -m gigsim summary FILE`` prints exactly the
digits the binary printed.
"""

from __future__ import annotations

import math
from typing import List, Tuple

import numpy as np

from gigsim.runfile import RunFile
from gigsim.window import DEFAULT_WINDOW_WEEKS

__all__ = ["SUMMARY_LINES", "format_summary", "window_summary"]

#: (label, market metric, "mean" or "sum"), in the binary's order and with its labels.
SUMMARY_LINES: List[Tuple[str, str, str]] = [
    ("jobs posted per week", "jobs_posted", "mean"),
    ("share of closed jobs hired", "hire_rate", "mean"),
    ("bids per job (median)", "bids_per_job_median", "mean"),
    ("bids per job (mean)", "bids_per_job_mean", "mean"),
    ("median agreed rate, USD/h", "median_rate", "mean"),
    ("active freelancers", "active_freelancers", "mean"),
    ("idle share (no contract in 4 weeks)", "idle_share", "mean"),
    ("earnings Gini (earners)", "earner_gini", "mean"),
    ("top 10% earnings share (earners)", "earner_top10_share", "mean"),
    ("client spend per year, USD", "client_spend", "sum"),
    ("platform revenue per year, USD", "platform_revenue", "sum"),
]


def _mean_skipping_nan(values: np.ndarray) -> float:
    total, count = 0.0, 0
    for value in values.tolist():  # week order, one double at a time, as the binary adds
        if math.isnan(value):
            continue
        total += value
        count += 1
    return total / count if count else math.nan


def _sum(values: np.ndarray) -> float:
    total = 0.0
    for value in values.tolist():
        total += value
    return total


def window_summary(run: RunFile, weeks: int = DEFAULT_WINDOW_WEEKS) -> List[Tuple[str, float]]:
    """The binary's summary lines: (label, value) over the last ``weeks`` recorded weeks.

    A metric the file does not have gives NaN.

    Examples
    --------
    >>> with gigsim.load("results/baseline.h5") as run:              # doctest: +SKIP
    ...     dict(window_summary(run))["median agreed rate, USD/h"]
    18.73
    """
    market = run.market.iloc[-weeks:] if weeks > 0 else run.market.iloc[0:0]
    lines = []
    for label, metric, how in SUMMARY_LINES:
        if metric not in market:
            lines.append((label, math.nan))
            continue
        values = market[metric].to_numpy(np.float64)
        lines.append((label, _mean_skipping_nan(values) if how == "mean" else _sum(values)))
    return lines


def format_summary(run: RunFile, weeks: int = DEFAULT_WINDOW_WEEKS) -> str:
    """The summary as ``python3 -m gigsim summary`` prints it.

    The block from ``averages over the last N weeks:`` on is, character for character, what
    ``gigsim run`` printed at the end of the run that wrote the file.
    """
    recorded = min(weeks, run.steps_done)
    header = [
        f"gigsim run file: {run.path} ({run.status})",
        f"  {run.steps_done} weeks (after {run.burn_in_weeks} burn-in weeks), seed {run.seed}, "
        f"replicate {run.replicate}, gigsim {run.attrs.get('gigsim_version', 'unknown')}",
        f"  averages over the last {recorded} weeks:",
    ]
    body = ["    %-38s %14.4g" % (label, value) for label, value in window_summary(run, weeks)]
    return "\n".join(header + body)
