"""Command line of the analysis package: ``python3 -m gigsim COMMAND ...``.

Commands
--------
summary FILE
    Prints the run's status, seed and weeks done, and the market table's last week.

Exit codes: 0 ok, 1 runtime failure, 2 bad input (missing or unreadable file, bad options).
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import pandas as pd

from gigsim.runfile import FormatError, load


def _summary(path: str) -> int:
    with load(path) as run:
        print(f"{run.path}: status {run.status}, {run.steps_done} weeks, seed {run.seed}, "
              f"gigsim {run.attrs.get('gigsim_version', 'unknown')}")
        if run.steps_done == 0:
            print("no weeks written")
            return 0
        last = run.market.iloc[-1]
        units = dict(zip(run.metrics["name"], run.metrics["unit"]))
        table = pd.DataFrame({"value": last, "unit": [units.get(name, "") for name in last.index]})
        with pd.option_context("display.max_rows", None, "display.float_format", "{:.6g}".format):
            print(f"market, week {int(run.market.index[-1])}:")
            print(table.to_string())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python3 -m gigsim``."""
    parser = argparse.ArgumentParser(
        prog="python3 -m gigsim",
        description="Analyse gigsim result files (HDF5 written by `gigsim run`).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    summary = commands.add_parser(
        "summary", help="print a run's status and its last week of market metrics"
    )
    summary.add_argument("file", metavar="FILE", help="result file (.h5)")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "summary":
            return _summary(args.file)
    except (FileNotFoundError, FormatError) as error:
        print(f"gigsim: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"gigsim: error: {error}", file=sys.stderr)
        return 1
    return 2
