"""gigsim analysis package: read result files of the gigsim freelance-market simulator.

Examples
--------
>>> import gigsim
>>> with gigsim.load("results/baseline.h5") as run:               # doctest: +SKIP
...     print(run.status, run.steps_done)
...     print(run.market[["jobs_posted", "jobs_filled", "median_rate"]].tail())
"""

from gigsim.runfile import FORMAT_MAJOR, FormatError, RunFile, load

__all__ = ["FORMAT_MAJOR", "FormatError", "RunFile", "load"]
__version__ = "0.1.0"
