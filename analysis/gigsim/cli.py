"""Command line of the analysis package: ``python3 -m gigsim COMMAND ...``.

Commands
--------
summary FILE
    The run's status and the binary's end-of-run summary (52-week window means), same digits.
export DIR [-o OUT] [--format csv|dta] [--panel]
    The experiment's tidy tables as CSV or Stata files (default OUT: DIR/export).
compare DIR [--baseline NAME] [--metrics A,B] [--window N|FIRST:LAST] [--bootstrap N]
    Effects of each scenario against the baseline, paired by replicate (Markdown, or CSV/MD
    with -o).
did FILE|DIR [--scenario NAME] [--level person|category] [--outcome NAME] ...
    Difference-in-differences and event study around the AI release.
report DIR -o report.html
    A self-contained HTML report of an experiment.

Exit codes: 0 ok, 1 runtime failure, 2 bad input (missing or unreadable file or directory,
unknown format version, unknown scenario or metric, an output file that exists without
--force, bad options). Warnings (runs left out) go to stderr.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import List, Optional

from gigsim.runfile import FormatError, load

_BAD_INPUT = (FileNotFoundError, FileExistsError, NotADirectoryError, IsADirectoryError,
              FormatError, KeyError, ValueError, TypeError)


def _check_output(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists; pass --force to replace it")
    if not path.parent.exists():
        raise FileNotFoundError(f"{path.parent}: no such directory for the output")


def _summary(args: argparse.Namespace) -> int:
    from gigsim.summary import format_summary

    if args.weeks < 1:
        raise ValueError(f"--weeks {args.weeks}: give at least 1")
    with load(args.file) as run:
        print(format_summary(run, args.weeks))
        if run.status != "complete":
            print(f"gigsim: warning: {run.path} is {run.status}: the run stopped after "
                  f"{run.steps_done} weeks", file=sys.stderr)
    return 0


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from gigsim.experiment import load_experiment

    return load_experiment(args.dir, include_incomplete=getattr(args, "include_incomplete", False))


def _export(args: argparse.Namespace) -> int:
    from gigsim.export import export_experiment

    output = Path(args.output) if args.output else Path(args.dir) / "export"
    written = export_experiment(_load(args), output, format=args.format, panel=args.panel,
                                force=args.force)
    for path in written:
        print(path)
    return 0


def _compare(args: argparse.Namespace) -> int:
    from gigsim.compare import compare
    from gigsim.window import parse_window

    output = Path(args.output) if args.output else None
    if output is not None:
        if output.suffix.lower() not in (".csv", ".md"):
            raise ValueError(f"{output}: give a file name ending in .csv or .md")
        _check_output(output, args.force)
    metrics = [m.strip() for m in args.metrics.split(",") if m.strip()] if args.metrics else None
    result = compare(
        _load(args), baseline=args.baseline, metrics=metrics, window=parse_window(args.window),
        category=args.category, statistic=args.statistic,
        method="bootstrap" if args.bootstrap else "t", n_boot=args.bootstrap or 4000,
        seed=args.seed, level=args.level,
    )
    print(result.to_markdown())
    if output is not None:
        if output.suffix.lower() == ".csv":
            result.to_csv(output)
        else:
            result.write_markdown(output)
        print(f"written: {output}")
    return 0


def _did(args: argparse.Namespace) -> int:
    from gigsim.did import did
    from gigsim.plots import plot_event_study

    outputs = [Path(p) for p in (args.output, args.plot) if p]
    for path in outputs:
        _check_output(path, args.force)
    window = None
    if args.event_window:
        first, _, last = args.event_window.partition(":")
        window = (int(first), int(last))
    exposure = None
    if args.exposure:
        exposure = {}
        for item in args.exposure.split(","):
            category, separator, share = item.partition("=")
            if not separator:
                raise ValueError(f"--exposure {item!r}: write CATEGORY=SHARE")
            exposure[category.strip()] = float(share)
    source = Path(args.data)
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file or directory")
    data = _load(argparse.Namespace(dir=source, include_incomplete=False)) if source.is_dir() else source
    result = did(
        data, outcome=args.outcome, level=args.level, scenario=args.scenario, point=args.point,
        technology=args.technology, event_week=args.event_week, exposure=exposure,
        threshold=args.threshold,
        dose=args.dose, period_weeks=args.period_weeks, event_window=window,
    )
    print(result.summary())
    if args.output:
        result.to_csv(args.output)
        result.to_csv(Path(args.output).with_name(Path(args.output).stem + "_event_study.csv"),
                      event_study=True)
        print(f"written: {args.output}")
    if args.plot:
        plot_event_study(result, path=args.plot)
        print(f"written: {args.plot}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from gigsim.report import report
    from gigsim.window import parse_window

    output = Path(args.output)
    _check_output(output, args.force)
    path = report(_load(args), output, baseline=args.baseline, window=parse_window(args.window),
                  force=args.force)
    print(f"written: {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python3 -m gigsim``."""
    parser = argparse.ArgumentParser(
        prog="python3 -m gigsim",
        description="Analyse gigsim result files and experiment directories.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    summary = commands.add_parser(
        "summary", help="a run's status and its last-52-week means (as the binary prints)")
    summary.add_argument("file", metavar="FILE", help="result file (.h5)")
    summary.add_argument("--weeks", type=int, default=52, help="window length (default 52)")
    summary.set_defaults(handler=_summary)

    def experiment_argument(command: argparse.ArgumentParser) -> None:
        command.add_argument("dir", metavar="DIR", type=Path,
                             help="experiment directory (gigsim experiment FILE -o DIR)")
        command.add_argument("--include-incomplete", action="store_true",
                             help="also use runs that did not complete, as far as they got")

    export = commands.add_parser("export", help="tidy tables of an experiment as CSV or Stata")
    experiment_argument(export)
    export.add_argument("-o", "--output", metavar="OUT", help="output directory (default DIR/export)")
    export.add_argument("--format", choices=("csv", "dta"), default="csv",
                        help="csv (default) or dta (Stata 14+)")
    export.add_argument("--panel", action="store_true", help="also the persons' panel (large)")
    export.add_argument("--force", action="store_true", help="replace existing files")
    export.set_defaults(handler=_export)

    comparison = commands.add_parser(
        "compare", help="effects of each scenario against the baseline, paired by replicate")
    experiment_argument(comparison)
    comparison.add_argument("--baseline", help="reference scenario (default: baseline, or the first)")
    comparison.add_argument("--metrics", help="comma-separated metrics (default: a standard set)")
    comparison.add_argument("--category", help="compare this category's series")
    comparison.add_argument("--window", help="N (last N weeks) or FIRST:LAST (default: last 52)")
    comparison.add_argument("--statistic", choices=("mean", "sum"), default="mean",
                            help="weekly mean over the window (default) or the total")
    comparison.add_argument("--bootstrap", type=int, metavar="N",
                            help="percentile bootstrap with N resamples instead of t intervals")
    comparison.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    comparison.add_argument("--level", type=float, default=0.95, help="confidence level")
    comparison.add_argument("-o", "--output", help="write the table (.csv or .md)")
    comparison.add_argument("--force", action="store_true", help="replace an existing output")
    comparison.set_defaults(handler=_compare)

    diff = commands.add_parser(
        "did", help="difference-in-differences and event study around the AI release")
    diff.add_argument("data", metavar="FILE|DIR", help="result file or experiment directory")
    diff.add_argument("--scenario", help="scenario of the experiment")
    diff.add_argument("--point", help="sweep point of the experiment")
    diff.add_argument("--level", choices=("person", "category"), default="person",
                      help="persons of the /panel (default) or categories of /by_category")
    diff.add_argument("--outcome", help="panel series or per-category metric")
    diff.add_argument("--technology", help="AI technology (when the scenario has several)")
    diff.add_argument("--event-week", type=int, help="release week (default: from the scenario)")
    diff.add_argument("--exposure", metavar="CAT=SHARE,...",
                      help="each category's exposure (default: from the scenario)")
    diff.add_argument("--threshold", type=float,
                      help="treated: exposure above this (default: the median exposure)")
    diff.add_argument("--dose", action="store_true", help="exposure as a continuous treatment")
    diff.add_argument("--period-weeks", type=int, default=4, help="weeks per period (default 4)")
    diff.add_argument("--event-window", metavar="FIRST:LAST", help="periods kept around the release")
    diff.add_argument("-o", "--output", help="write the estimate as CSV (+ _event_study.csv)")
    diff.add_argument("--plot", help="write the event-study plot (.png or .svg)")
    diff.add_argument("--force", action="store_true", help="replace existing outputs")
    diff.set_defaults(handler=_did)

    html_report = commands.add_parser("report", help="a self-contained HTML report of an experiment")
    experiment_argument(html_report)
    html_report.add_argument("-o", "--output", required=True, help="HTML file to write")
    html_report.add_argument("--baseline", help="reference scenario")
    html_report.add_argument("--window", help="N (last N weeks) or FIRST:LAST (default: last 52)")
    html_report.add_argument("--force", action="store_true", help="replace an existing file")
    html_report.set_defaults(handler=_report)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    error_message, code = "", 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = args.handler(args)
        except _BAD_INPUT as error:
            error_message = str(error.args[0] if isinstance(error, KeyError) and error.args else error)
            code = 2
        except OSError as error:
            error_message, code = str(error), 1
    for warning in caught:
        if not issubclass(warning.category, (DeprecationWarning, PendingDeprecationWarning)):
            print(f"gigsim: warning: {warning.message}", file=sys.stderr)
    if error_message:
        print(f"gigsim: error: {error_message}", file=sys.stderr)
    return code
