"""gigsim analysis package: from the simulator's result files to answers.

Read one run (:func:`load`) or a whole experiment (:func:`load_experiment`: scenarios x sweep
points x replicates as one xarray Dataset), compare scenarios against a baseline with paired
confidence intervals (:func:`compare`), estimate difference-in-differences and event studies
of an AI release on the simulated freelancers (:func:`did`), draw the usual plots
(``plot_*``), export tidy tables for R and Stata (:func:`export_experiment`) and write a
self-contained HTML report (:func:`report`). The command line is ``python3 -m gigsim``.

Examples
--------
>>> import gigsim
>>> with gigsim.load("results/baseline.h5") as run:               # doctest: +SKIP
...     print(run.status, run.steps_done)
...     print(run.market[["jobs_posted", "jobs_filled", "median_rate"]].tail())
>>> exp = gigsim.load_experiment("results/policies")              # doctest: +SKIP
>>> print(gigsim.compare(exp, baseline="baseline").to_markdown())  # doctest: +SKIP
"""

from gigsim.compare import Comparison, compare
from gigsim.did import DidResult, did
from gigsim.experiment import (
    ExperimentError,
    IncompleteRunsWarning,
    load_experiment,
    panel_table,
    runs_table,
    tidy,
)
from gigsim.export import export_experiment
from gigsim.plots import (
    plot_adoption,
    plot_earnings_distribution,
    plot_effects,
    plot_event_study,
    plot_response_surface,
    plot_timeseries,
)
from gigsim.report import report
from gigsim.runfile import FORMAT_MAJOR, SUPPORTED_FORMAT_MAJORS, FormatError, RunFile, load

__all__ = [
    "Comparison",
    "DidResult",
    "ExperimentError",
    "FORMAT_MAJOR",
    "FormatError",
    "IncompleteRunsWarning",
    "RunFile",
    "SUPPORTED_FORMAT_MAJORS",
    "compare",
    "did",
    "export_experiment",
    "load",
    "load_experiment",
    "panel_table",
    "plot_adoption",
    "plot_earnings_distribution",
    "plot_effects",
    "plot_event_study",
    "plot_response_surface",
    "plot_timeseries",
    "report",
    "runs_table",
    "tidy",
]
__version__ = "0.2.0"
