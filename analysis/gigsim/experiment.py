"""An experiment directory as one xarray Dataset, and tidy long tables of it.

``gigsim experiment FILE -o DIR`` writes one result file per scenario x sweep point x
replicate and a manifest (:mod:`gigsim.manifest`). :func:`load_experiment` reads them into one
:class:`xarray.Dataset` with dimensions ``scenario``, ``point``, ``replicate``, ``week`` (and
``category`` or ``quantile``), leaving out runs that did not complete unless asked; the
functions :func:`tidy`, :func:`runs_table` and :func:`panel_table` turn it into long pandas
tables (one row per observation, one column per variable) for pandas, R or Stata users.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
import xarray as xr

from gigsim.manifest import Manifest, RunEntry, read_manifest
from gigsim.runfile import FormatError, RunFile, load

__all__ = [
    "ExperimentError",
    "IncompleteRunsWarning",
    "TABLE_GROUPS",
    "load_experiment",
    "panel_table",
    "runs_table",
    "tidy",
]

#: The groups of weekly series that :func:`load_experiment` reads, and their extra dimension.
TABLE_GROUPS: Dict[str, Optional[str]] = {
    "market": None,
    "by_category": "category",
    "distribution": "quantile",
}
#: Suffix of a per-category series' variable name (as in :meth:`gigsim.RunFile.to_xarray`).
CATEGORY_SUFFIX = "_by_category"

ExperimentLike = Union[xr.Dataset, str, Path]


class ExperimentError(ValueError):
    """An experiment cannot be analysed as asked (no usable run, unknown scenario, ...)."""


class IncompleteRunsWarning(UserWarning):
    """Some runs of an experiment did not complete; the warning lists them."""


def _variable_name(group: str, name: str) -> str:
    return name + CATEGORY_SUFFIX if group == "by_category" else name


def _exclusion_reason(run: RunEntry) -> Optional[str]:
    """Why the manifest says a run cannot be used as a complete run (None if it can)."""
    if run.status != "complete":
        detail = f": {run.error}" if run.error else ""
        return f"status {run.status}{detail}"
    if not run.path.is_file():
        return f"result file {run.path} is missing"
    return None


def _open_run(run: RunEntry) -> RunFile:
    """Opens a run's file and checks that it is the run the manifest describes."""
    result = load(run.path)
    try:
        if result.seed != run.seed or result.replicate != run.replicate:
            raise FormatError(
                f"{run.path}: the file holds seed {result.seed}, replicate {result.replicate}, "
                f"but the manifest lists run {run.id!r} with seed {run.seed}, replicate "
                f"{run.replicate}; the file belongs to another run"
            )
    except BaseException:
        result.close()
        raise
    return result


class _RunData:
    """What one run contributes to the Dataset."""

    def __init__(self, run: RunEntry, result: RunFile) -> None:
        self.run = run
        self.file_status = result.status
        self.steps_done = result.steps_done
        self.weeks = result.weeks.to_numpy()
        self.categories = result.categories
        self.quantile_levels = result.quantile_levels
        self.scenario_text = result.scenario
        self.format_version = result.format_version
        self.build = (str(result.attrs.get("gigsim_version", "unknown")),
                      str(result.attrs.get("git_commit", "unknown")))
        self.series: Dict[str, np.ndarray] = {}
        self.group_of: Dict[str, str] = {}
        self.attrs: Dict[str, Dict[str, str]] = {}
        metrics = result.metrics
        for group in TABLE_GROUPS:
            arrays = result.arrays(group)
            rows = metrics[metrics["group"] == group]
            for name, unit, description in zip(rows["name"], rows["unit"], rows["description"]):
                variable = _variable_name(group, name)
                self.series[variable] = np.asarray(arrays[name], dtype=np.float64)
                self.group_of[variable] = group
                self.attrs[variable] = {"units": unit, "description": description}


def _union(lists: Iterable[Sequence[str]]) -> List[str]:
    return list(dict.fromkeys(item for items in lists for item in items))


def _point_coordinates(manifest: Manifest, points: List[str]) -> Dict[str, Tuple[str, np.ndarray]]:
    """The sweep parameters as coordinates along ``point`` (one value per point)."""
    names = _union([manifest.sweep_parameters, *(run.parameters.keys() for run in manifest.runs)])
    coordinates: Dict[str, Tuple[str, np.ndarray]] = {}
    for name in names:
        values: Dict[str, Any] = {}
        for run in manifest.runs:
            if name not in run.parameters:
                continue
            value = run.parameters[name]
            if run.point in values and values[run.point] != value:
                raise FormatError(
                    f"{manifest.directory / 'manifest.json'}: point {run.point!r} has "
                    f"{name} = {values[run.point]!r} in one run and {value!r} in run {run.id!r}"
                )
            values[run.point] = value
        column = [values.get(point) for point in points]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in column):
            array = np.asarray(column, dtype=np.float64)
            if all(isinstance(v, int) for v in column):
                array = array.astype(np.int64)
        else:
            array = np.asarray(["" if v is None else str(v) for v in column], dtype=object)
        coordinates[name] = ("point", array)
    return coordinates


def load_experiment(directory: Union[str, Path], *, include_incomplete: bool = False) -> xr.Dataset:
    """Reads an experiment directory into one xarray Dataset.

    Parameters
    ----------
    directory : str or pathlib.Path
        Directory written by ``gigsim experiment FILE -o DIR`` (``manifest.json`` and
        ``runs/``).
    include_incomplete : bool, default False
        Also read runs that did not complete (failed, interrupted, still running) as far as
        they got. Either way they are reported: an :class:`IncompleteRunsWarning` lists them,
        and so do the attributes ``excluded_runs`` / ``incomplete_runs``.

    Returns
    -------
    xarray.Dataset
        Dimensions ``scenario`` (manifest order), ``point`` (sweep points p000, ...),
        ``replicate``, ``week``, ``category`` and ``quantile``. Variables:

        - every ``/market`` series by its name, [scenario, point, replicate, week];
        - every ``/by_category`` series as ``<name>_by_category``, [..., week, category];
        - every ``/distribution`` table by its name, [..., week, quantile];
        - run metadata, [scenario, point, replicate]: ``run_id``, ``run_status`` (as the
          manifest says), ``run_file_status``, ``run_included``, ``run_seed``,
          ``run_steps_done``, ``run_wall_seconds``, ``run_error``, ``run_path``;
        - ``scenario_toml`` [scenario, point]: the resolved scenario of the point's first run;
        - ``scenario_overrides`` [scenario]: the manifest's overrides as JSON.

        Sweep parameters are coordinates along ``point`` (named by their key, e.g.
        ``market.bid_cost_usd``). Values of runs left out, and weeks after a run's end, are
        NaN. Attributes: the manifest's description (``experiment_dir``, ``experiment_file``,
        ``gigsim_version``, ``git_commit``, ``created``, ``updated``, ``seed``,
        ``replicates``, ``sweep_method``, ``sweep_parameters``), ``run_builds`` (the program versions and git
        commits that wrote the files read), ``excluded_runs`` and ``incomplete_runs``
        (``"<run id>: <reason>"`` each).

    Raises
    ------
    FileNotFoundError
        If the directory or its manifest is missing.
    FormatError
        If the manifest or a run file is not in a format this package reads, or a file does
        not hold the run the manifest says (seed, replicate).
    ExperimentError
        If no run can be used.

    Examples
    --------
    >>> import gigsim
    >>> exp = gigsim.load_experiment("results/policies")            # doctest: +SKIP
    >>> exp["jobs_filled"].mean("replicate").sel(point="p000").to_pandas().T.tail()  # doctest: +SKIP
    >>> exp["median_rate_by_category"].sel(category="writing", scenario="baseline")  # doctest: +SKIP
    """
    manifest = read_manifest(directory)
    excluded: List[str] = []
    incomplete: List[str] = []
    loaded: List[_RunData] = []
    file_status: Dict[str, str] = {}
    for run in manifest.runs:
        reason = _exclusion_reason(run)
        if reason is None:
            with _open_run(run) as result:
                if result.status != "complete":
                    reason = f"the manifest says complete but the file says {result.status}"
                else:
                    loaded.append(_RunData(run, result))
                file_status[run.id] = result.status
        if reason is None:
            continue
        if include_incomplete and run.path.is_file():
            try:
                result = _open_run(run)
            except (OSError, FormatError) as error:
                # A run that died can leave a file HDF5 refuses to open, or an empty one.
                excluded.append(f"{run.id}: {reason}; its file cannot be read ({error})")
                continue
            with result:
                loaded.append(_RunData(run, result))
                file_status[run.id] = result.status
            incomplete.append(f"{run.id}: {reason}")
        else:
            excluded.append(f"{run.id}: {reason}")

    where = manifest.directory
    if excluded:
        hint = "" if include_incomplete else "; include_incomplete=True reads what they wrote"
        warnings.warn(
            f"{where}: {len(excluded)} of {len(manifest.runs)} runs left out{hint}: "
            + "; ".join(excluded),
            IncompleteRunsWarning,
            stacklevel=2,
        )
    if incomplete:
        warnings.warn(
            f"{where}: {len(incomplete)} runs that did not complete are included as far as they "
            "got: " + "; ".join(incomplete),
            IncompleteRunsWarning,
            stacklevel=2,
        )
    if not loaded:
        raise ExperimentError(
            f"{where}: none of the {len(manifest.runs)} runs can be used"
            + (f" ({'; '.join(excluded)})" if excluded else "")
        )

    scenarios = manifest.scenario_names
    points = manifest.points
    replicates = sorted({run.replicate for run in manifest.runs})
    weeks = np.asarray(sorted(set().union(*(set(data.weeks.tolist()) for data in loaded))),
                       dtype=np.int64)
    categories = _union(data.categories for data in loaded)
    levels = next((d.quantile_levels for d in loaded if d.quantile_levels.size), np.array([]))
    for data in loaded:
        if data.quantile_levels.size and not np.array_equal(data.quantile_levels, levels):
            raise FormatError(
                f"{data.run.path}: quantile levels {data.quantile_levels.tolist()} differ from "
                f"{levels.tolist()} in the other runs"
            )

    shape_run = (len(scenarios), len(points), len(replicates))
    position = {
        "scenario": {name: i for i, name in enumerate(scenarios)},
        "point": {name: i for i, name in enumerate(points)},
        "replicate": {value: i for i, value in enumerate(replicates)},
        "week": {int(week): i for i, week in enumerate(weeks)},
        "category": {name: i for i, name in enumerate(categories)},
    }
    variables: Dict[str, xr.Variable] = {}
    group_of: Dict[str, str] = {}
    attrs_of: Dict[str, Dict[str, str]] = {}
    for data in loaded:
        for variable, group in data.group_of.items():
            group_of.setdefault(variable, group)
            attrs_of.setdefault(variable, data.attrs[variable])
    arrays: Dict[str, np.ndarray] = {}
    for variable, group in group_of.items():
        extra = TABLE_GROUPS[group]
        extra_size = {None: (), "category": (len(categories),), "quantile": (levels.size,)}[extra]
        arrays[variable] = np.full(shape_run + (weeks.size,) + extra_size, np.nan)
    for data in loaded:
        s = position["scenario"][data.run.scenario]
        p = position["point"][data.run.point]
        r = position["replicate"][data.run.replicate]
        rows = np.asarray([position["week"][int(w)] for w in data.weeks], dtype=np.int64)
        columns = np.asarray([position["category"][c] for c in data.categories], dtype=np.int64)
        for variable, values in data.series.items():
            target = arrays[variable]
            if TABLE_GROUPS[data.group_of[variable]] == "category":
                target[s, p, r][np.ix_(rows, columns)] = values
            else:
                target[s, p, r][rows] = values
    run_dims = ("scenario", "point", "replicate")
    for variable, array in arrays.items():
        extra = TABLE_GROUPS[group_of[variable]]
        dims = run_dims + ("week",) + ((extra,) if extra else ())
        variables[variable] = xr.Variable(dims, array, attrs=attrs_of[variable])

    metadata = {
        "run_id": ("", object), "run_status": ("absent", object), "run_file_status": ("", object),
        "run_error": ("", object), "run_path": ("", object), "run_included": (False, bool),
        "run_seed": (-1, np.int64), "run_steps_done": (0, np.int64),
        "run_wall_seconds": (np.nan, np.float64),
    }
    meta = {name: np.full(shape_run, fill, dtype=dtype) for name, (fill, dtype) in metadata.items()}
    included_ids = {data.run.id for data in loaded}
    steps = {data.run.id: data.steps_done for data in loaded}
    for run in manifest.runs:
        index = (position["scenario"][run.scenario], position["point"][run.point],
                 position["replicate"][run.replicate])
        meta["run_id"][index] = run.id
        meta["run_status"][index] = run.status
        meta["run_file_status"][index] = file_status.get(run.id, "")
        meta["run_error"][index] = run.error
        meta["run_path"][index] = str(run.path.relative_to(manifest.directory))
        meta["run_included"][index] = run.id in included_ids
        meta["run_seed"][index] = run.seed
        meta["run_steps_done"][index] = steps.get(run.id, 0)
        meta["run_wall_seconds"][index] = np.nan if run.wall_seconds is None else run.wall_seconds
    descriptions = {
        "run_id": "run id in the manifest (also its file stem)",
        "run_status": "run status in the manifest (absent: not in the manifest)",
        "run_file_status": "status attribute of the run's result file",
        "run_error": "error message of a failed run",
        "run_path": "result file, relative to the experiment directory",
        "run_included": "whether the run's series are in this Dataset",
        "run_seed": "master seed of the run",
        "run_steps_done": "weeks the run wrote",
        "run_wall_seconds": "wall time of the run",
    }
    for name, values in meta.items():
        variables[name] = xr.Variable(run_dims, values, attrs={"description": descriptions[name]})

    toml = np.full((len(scenarios), len(points)), "", dtype=object)
    for data in sorted(loaded, key=lambda d: d.run.replicate, reverse=True):
        toml[position["scenario"][data.run.scenario], position["point"][data.run.point]] = (
            data.scenario_text
        )
    variables["scenario_toml"] = xr.Variable(
        ("scenario", "point"), toml,
        attrs={"description": "resolved scenario (TOML) of the point's first run read"},
    )
    overrides = np.asarray(
        [json.dumps(entry.get("overrides", {}), sort_keys=True) for entry in manifest.scenarios],
        dtype=object,
    )
    variables["scenario_overrides"] = xr.Variable(
        ("scenario",), overrides, attrs={"description": "the experiment's overrides (JSON)"}
    )

    coords: Dict[str, Any] = {
        "scenario": np.asarray(scenarios, dtype=object),
        "point": np.asarray(points, dtype=object),
        "replicate": np.asarray(replicates, dtype=np.int64),
        "week": weeks,
        "category": np.asarray(categories, dtype=object),
    }
    if levels.size:
        coords["quantile"] = levels
    coords.update(_point_coordinates(manifest, points))
    attrs = {
        "filetype": "gigsim-experiment",
        "experiment_dir": str(manifest.directory.resolve()),
        "manifest_format_version": list(manifest.format_version),
        "experiment_file": manifest.experiment_file,
        "experiment": manifest.experiment,
        "gigsim_version": manifest.gigsim_version,
        "git_commit": manifest.git_commit,
        "created": manifest.created,
        "updated": manifest.updated,
        "seed": manifest.seed,
        "replicates": manifest.replicates,
        "sweep_method": manifest.sweep_method,
        "sweep_parameters": list(manifest.sweep_parameters),
        "result_format_versions": sorted({f"{d.format_version[0]}.{d.format_version[1]}"
                                          for d in loaded}),
        "run_builds": sorted({f"gigsim {d.build[0]} ({d.build[1]})" for d in loaded}),
        "excluded_runs": excluded,
        "incomplete_runs": incomplete,
    }
    return xr.Dataset(variables, coords=coords, attrs=attrs)


def as_experiment(experiment: ExperimentLike) -> xr.Dataset:
    """Returns ``experiment`` if it is a Dataset, else loads the directory it names."""
    if isinstance(experiment, xr.Dataset):
        if "run_included" not in experiment:
            raise TypeError("expected a Dataset from gigsim.load_experiment (it has no run_included)")
        return experiment
    return load_experiment(experiment)


def series_variables(experiment: xr.Dataset, group: str) -> List[str]:
    """Names of the Dataset's variables that hold ``group``'s weekly series."""
    extra = TABLE_GROUPS[group]
    wanted = ("scenario", "point", "replicate", "week") + ((extra,) if extra else ())
    return [name for name, variable in experiment.data_vars.items() if variable.dims == wanted]


def tidy(
    experiment: ExperimentLike,
    group: str = "market",
    *,
    metrics: Optional[Sequence[str]] = None,
) -> pd.DataFrame:
    """One group of weekly series as a long table: one row per run and week (and category or
    quantile), one column per metric.

    Parameters
    ----------
    experiment : xarray.Dataset or path
        From :func:`load_experiment`, or an experiment directory.
    group : {"market", "by_category", "distribution"}
        Which series.
    metrics : sequence of str, optional
        Metric names to keep (without the ``_by_category`` suffix); default all.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``point``, the sweep parameters, ``replicate``, ``seed``,
        ``week`` (then ``category`` or ``quantile``), then the metrics. Only runs in the
        Dataset (``run_included``) and only the weeks each run wrote.

    Examples
    --------
    >>> table = gigsim.tidy(exp, "by_category", metrics=["jobs_filled"])   # doctest: +SKIP
    >>> table.groupby(["scenario", "category"])["jobs_filled"].mean()     # doctest: +SKIP
    """
    experiment = as_experiment(experiment)
    if group not in TABLE_GROUPS:
        raise ValueError(f"unknown group {group!r}; choose one of {', '.join(TABLE_GROUPS)}")
    variables = series_variables(experiment, group)
    suffix = CATEGORY_SUFFIX if group == "by_category" else ""
    if metrics is not None:
        wanted = [metric + suffix if not metric.endswith(suffix) else metric for metric in metrics]
        unknown = [name for name in wanted if name not in variables]
        if unknown:
            raise KeyError(
                f"no {group} metric {', '.join(unknown)}; the experiment has "
                f"{', '.join(v[: len(v) - len(suffix)] if suffix else v for v in variables)}"
            )
        variables = wanted
    subset = experiment[variables + ["run_included", "run_steps_done", "run_seed"]]
    frame = subset.to_dataframe().reset_index()
    keep = frame["run_included"].to_numpy(bool) & (
        frame["week"].to_numpy() < frame["run_steps_done"].to_numpy()
    )
    frame = frame.loc[keep].drop(columns=["run_included", "run_steps_done"])
    frame = frame.rename(columns={"run_seed": "seed"})
    if suffix:
        frame = frame.rename(columns={name: name[: -len(suffix)] for name in variables})
    parameters = [name for name in experiment.coords if experiment.coords[name].dims == ("point",)
                  and name != "point"]
    extra = TABLE_GROUPS[group]
    keys = ["scenario", "point", *parameters, "replicate", "seed", "week", *([extra] if extra else [])]
    values = [column for column in frame.columns if column not in keys]
    return frame[keys + values].reset_index(drop=True)


def runs_table(experiment: ExperimentLike) -> pd.DataFrame:
    """Every run of the manifest with its metadata, one row per run.

    Returns
    -------
    pandas.DataFrame
        Columns ``run_id``, ``scenario``, ``point``, the sweep parameters, ``replicate``,
        ``seed``, ``status``, ``file_status``, ``included``, ``steps_done``,
        ``wall_seconds``, ``error``, ``path``.

    Examples
    --------
    >>> gigsim.runs_table(exp).query("status != 'complete'")          # doctest: +SKIP
    """
    experiment = as_experiment(experiment)
    names = ["run_id", "run_seed", "run_status", "run_file_status", "run_included",
             "run_steps_done", "run_wall_seconds", "run_error", "run_path"]
    frame = experiment[names].to_dataframe().reset_index()
    frame = frame[frame["run_id"] != ""]
    frame = frame.rename(columns={name: name[len("run_"):] for name in names if name != "run_id"})
    parameters = [name for name in experiment.coords if experiment.coords[name].dims == ("point",)
                  and name != "point"]
    order = ["run_id", "scenario", "point", *parameters, "replicate", "seed", "status",
             "file_status", "included", "steps_done", "wall_seconds", "error", "path"]
    return frame[order].reset_index(drop=True)


def included_runs(experiment: xr.Dataset, scenario: Optional[str] = None,
                  point: Optional[str] = None) -> List[Tuple[str, str, int, Path]]:
    """(scenario, point, replicate, absolute path) of every run in the Dataset."""
    directory = Path(str(experiment.attrs["experiment_dir"]))
    found = []
    for s in experiment["scenario"].values:
        if scenario is not None and s != scenario:
            continue
        for p in experiment["point"].values:
            if point is not None and p != point:
                continue
            for r in experiment["replicate"].values:
                cell = experiment.sel(scenario=s, point=p, replicate=r)
                if bool(cell["run_included"]):
                    found.append((str(s), str(p), int(r), directory / str(cell["run_path"].item())))
    return found


def panel_table(
    experiment: ExperimentLike,
    *,
    scenario: Optional[str] = None,
    point: Optional[str] = None,
) -> pd.DataFrame:
    """The ``/panel`` of persons of every included run as one long table.

    Parameters
    ----------
    experiment : xarray.Dataset or path
        From :func:`load_experiment`, or an experiment directory.
    scenario, point : str, optional
        Only these runs (default all).

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``point``, ``replicate``, ``week``, ``person_id``, then the
        panel series (see :attr:`gigsim.RunFile.panel`). Person ids are unique within a run;
        (``replicate``, ``person_id``) identifies a person across a scenario's runs.

    Raises
    ------
    ExperimentError
        If none of the runs chosen has a panel.

    Examples
    --------
    >>> panel = gigsim.panel_table(exp, scenario="genai_shock")       # doctest: +SKIP
    """
    experiment = as_experiment(experiment)
    frames = []
    for s, p, r, path in included_runs(experiment, scenario, point):
        with load(path) as run:
            if not run.has_panel:
                continue
            frame = run.panel.reset_index()
        frame.insert(0, "replicate", r)
        frame.insert(0, "point", p)
        frame.insert(0, "scenario", s)
        frames.append(frame)
    if not frames:
        raise ExperimentError(
            "none of the runs chosen has a /panel; set output.panel_size > 0 in the scenario"
        )
    return pd.concat(frames, ignore_index=True)
