"""The manifest of an experiment directory (``DIR/manifest.json``).

``gigsim experiment FILE -o DIR`` runs every scenario x sweep point x replicate of an
experiment file, writes each run to ``DIR/runs/<scenario>/<point>/rep<r>.h5`` and keeps
``DIR/manifest.json`` up to date (rewritten atomically whenever a run changes state). What
this package reads from it:

- ``filetype`` (``"gigsim-experiment"``) and ``format_version`` ``[major, minor]``;
- ``experiment_file``, ``experiment`` (the resolved experiment file), ``gigsim_version``,
  ``git_commit``, ``created``, ``updated``, ``replicates``, ``seed``;
- ``sweep``: ``method`` (none, grid, lhs), ``points``, ``parameters`` (swept keys);
- ``scenarios``: ``name``, ``path``, ``overrides`` each;
- ``runs``: ``id``, ``scenario``, ``point`` (p000, p001, ...), ``point_index``,
  ``parameters`` (the point's values), ``replicate``, ``seed``, ``status`` (pending, running,
  complete, failed, interrupted), ``wall_seconds``, ``error`` and ``path`` (relative to DIR).

:func:`read_manifest` checks all of it and returns a :class:`Manifest`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from gigsim.runfile import FormatError

__all__ = [
    "MANIFEST_FILETYPE",
    "SUPPORTED_MANIFEST_MAJORS",
    "RUN_STATUSES",
    "Manifest",
    "RunEntry",
    "read_manifest",
]

#: Value of ``filetype`` in every experiment manifest.
MANIFEST_FILETYPE = "gigsim-experiment"
#: Major manifest format versions this reader understands.
SUPPORTED_MANIFEST_MAJORS = (1,)
#: The states a run goes through; only ``complete`` runs are analysed by default.
RUN_STATUSES = ("pending", "running", "complete", "failed", "interrupted")


@dataclass(frozen=True)
class RunEntry:
    """One run of an experiment as the manifest lists it."""

    id: str
    scenario: str
    point: str
    point_index: int
    parameters: Dict[str, Any]
    replicate: int
    seed: int
    status: str
    wall_seconds: Optional[float]
    error: str
    path: Path  #: absolute path of the result file


@dataclass(frozen=True)
class Manifest:
    """An experiment directory's manifest, checked."""

    directory: Path
    format_version: Tuple[int, int]
    experiment_file: str
    experiment: str  #: the resolved experiment file text
    gigsim_version: str
    git_commit: str
    created: str
    updated: str
    replicates: int
    seed: int
    sweep_method: str
    sweep_parameters: List[str]
    scenarios: List[Dict[str, Any]]
    runs: List[RunEntry] = field(default_factory=list)

    @property
    def scenario_names(self) -> List[str]:
        """Scenario names in manifest order."""
        return [str(entry["name"]) for entry in self.scenarios]

    @property
    def points(self) -> List[str]:
        """Sweep point names in order of their index."""
        by_index = sorted({(run.point_index, run.point) for run in self.runs})
        return list(dict.fromkeys(point for _, point in by_index))


def _require(table: Mapping[str, Any], key: str, kind: Any, where: str) -> Any:
    if key not in table:
        raise FormatError(f"{where}: missing key {key!r}")
    value = table[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise FormatError(f"{where}: {key!r} must be {expected}, found {value!r}")
    return value


def _run_entry(raw: Any, index: int, directory: Path, where: str) -> RunEntry:
    where = f"{where}: runs[{index}]"
    if not isinstance(raw, Mapping):
        raise FormatError(f"{where}: must be an object, found {raw!r}")
    status = _require(raw, "status", str, where)
    if status not in RUN_STATUSES:
        raise FormatError(f"{where}: unknown status {status!r} (known: {', '.join(RUN_STATUSES)})")
    relative = Path(_require(raw, "path", str, where))
    if relative.is_absolute() or ".." in relative.parts:
        raise FormatError(f"{where}: path {str(relative)!r} must be relative to the directory")
    wall = raw.get("wall_seconds")
    if wall is not None and not isinstance(wall, (int, float)):
        raise FormatError(f"{where}: 'wall_seconds' must be a number or null, found {wall!r}")
    return RunEntry(
        id=_require(raw, "id", str, where),
        scenario=_require(raw, "scenario", str, where),
        point=_require(raw, "point", str, where),
        point_index=_require(raw, "point_index", int, where),
        parameters=dict(_require(raw, "parameters", dict, where)),
        replicate=_require(raw, "replicate", int, where),
        seed=_require(raw, "seed", int, where),
        status=status,
        wall_seconds=None if wall is None else float(wall),
        error=str(raw.get("error") or ""),
        path=directory / relative,
    )


def read_manifest(directory: Union[str, Path]) -> Manifest:
    """Reads and checks ``DIR/manifest.json``.

    Parameters
    ----------
    directory : str or pathlib.Path
        Experiment directory written by ``gigsim experiment FILE -o DIR``.

    Returns
    -------
    Manifest

    Raises
    ------
    FileNotFoundError
        If the directory or its manifest does not exist.
    FormatError
        If the manifest is not valid JSON, not a gigsim experiment manifest, has an unknown
        major format version, or lacks what a run needs (the message names the key and run).

    Examples
    --------
    >>> manifest = read_manifest("results/policies")                # doctest: +SKIP
    >>> [run.id for run in manifest.runs if run.status == "failed"]  # doctest: +SKIP
    ['minimum_rate/p000/rep3']
    """
    directory = Path(directory)
    if not directory.exists():
        raise FileNotFoundError(f"{directory}: no such directory")
    if not directory.is_dir():
        raise FormatError(
            f"{directory}: not an experiment directory (a result file? use gigsim.load for one "
            "run; an experiment directory is written by `gigsim experiment FILE -o DIR`)"
        )
    path = directory / "manifest.json"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: no such file; an experiment directory holds the manifest.json written by "
            "`gigsim experiment FILE -o DIR`"
        )
    text = path.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    where = str(path)
    if not isinstance(raw, Mapping):
        raise FormatError(f"{where}: the manifest must be a JSON object")
    filetype = raw.get("filetype")
    if filetype != MANIFEST_FILETYPE:
        raise FormatError(
            f"{where}: not a gigsim experiment manifest (filetype is {filetype!r}, expected "
            f"{MANIFEST_FILETYPE!r})"
        )
    version = raw.get("format_version")
    if (
        not isinstance(version, list)
        or len(version) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in version)
    ):
        raise FormatError(f"{where}: format_version must be [major, minor], found {version!r}")
    major, minor = version
    if major not in SUPPORTED_MANIFEST_MAJORS:
        readable = " and ".join(f"{m}.x" for m in SUPPORTED_MANIFEST_MAJORS)
        raise FormatError(
            f"{where}: experiment manifest format {major}.{minor} is not supported; this gigsim "
            f"analysis package reads formats {readable}. Use the analysis package that matches "
            f"the gigsim version that wrote it ({raw.get('gigsim_version', 'unknown')})."
        )
    sweep = _require(raw, "sweep", dict, where)
    scenarios = _require(raw, "scenarios", list, where)
    for index, entry in enumerate(scenarios):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            raise FormatError(f"{where}: scenarios[{index}] must be an object with a 'name'")
    runs = [
        _run_entry(entry, index, directory, where)
        for index, entry in enumerate(_require(raw, "runs", list, where))
    ]
    seen: Dict[Tuple[str, str, int], str] = {}
    for run in runs:
        key = (run.scenario, run.point, run.replicate)
        if key in seen:
            raise FormatError(
                f"{where}: runs {seen[key]!r} and {run.id!r} are both scenario {run.scenario!r}, "
                f"point {run.point!r}, replicate {run.replicate}"
            )
        seen[key] = run.id
        if run.scenario not in {str(s["name"]) for s in scenarios}:
            raise FormatError(f"{where}: run {run.id!r} names unknown scenario {run.scenario!r}")
    return Manifest(
        directory=directory,
        format_version=(major, minor),
        experiment_file=str(raw.get("experiment_file", "")),
        experiment=str(raw.get("experiment", "")),
        gigsim_version=str(raw.get("gigsim_version", "unknown")),
        git_commit=str(raw.get("git_commit", "unknown")),
        created=str(raw.get("created", "")),
        updated=str(raw.get("updated", "")),
        replicates=int(raw.get("replicates", 1 + max((r.replicate for r in runs), default=-1))),
        seed=int(raw.get("seed", 0)),
        sweep_method=str(sweep.get("method", "none")),
        sweep_parameters=[str(p) for p in sweep.get("parameters", []) or []],
        scenarios=[dict(s) for s in scenarios],
        runs=runs,
    )
