"""Tidy tables of an experiment as CSV or Stata files, for work in R, Stata or a spreadsheet.

:func:`export_experiment` writes one file per table: ``market``, ``by_category``,
``distribution``, ``runs`` and, when asked and present, ``panel``. Stata's ``.dta`` (format
118, Stata 14 and later, UTF-8) limits names to 32 characters of letters, digits and ``_``,
so names are made valid and unique (``market.bid_cost_usd`` -> ``market_bid_cost_usd``) and
every variable carries a label with its original name and units; 64-bit integers that do
not fit Stata's ``long`` are stored as ``double``; categorical columns become labelled
integers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Union

import numpy as np
import pandas as pd
import xarray as xr

from gigsim.experiment import TABLE_GROUPS, ExperimentError, as_experiment, panel_table, runs_table, tidy

__all__ = ["EXPORT_FORMATS", "STATA_NAME_LIMIT", "export_experiment", "stata_names", "write_stata"]

#: Formats :func:`export_experiment` writes.
EXPORT_FORMATS = ("csv", "dta")
#: Longest variable name Stata accepts.
STATA_NAME_LIMIT = 32
_STATA_LABEL_LIMIT = 80
# Words Stata reserves (Stata 17 manual, [U] 11.3 Naming conventions).
_STATA_RESERVED = {
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
    "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with",
}
_INT32_MIN, _INT32_MAX = -2_147_483_647, 2_147_483_620  # Stata long's range (top codes missing)


def stata_names(columns: Sequence[str]) -> Dict[str, str]:
    """Valid, unique Stata variable names for ``columns``.

    Invalid characters become ``_``, a leading digit gets a ``_`` prefix, reserved words a
    ``_`` prefix, names are cut to 32 characters and clashes numbered.

    Examples
    --------
    >>> stata_names(["market.bid_cost_usd", "week", "in"])
    {'market.bid_cost_usd': 'market_bid_cost_usd', 'week': 'week', 'in': '_in'}
    >>> names = stata_names(["a" * 40 + "x", "a" * 40 + "y"])
    >>> sorted(len(n) for n in names.values()), len(set(names.values()))
    ([32, 32], 2)
    """
    mapping: Dict[str, str] = {}
    used: set = set()
    for column in columns:
        name = re.sub(r"[^A-Za-z0-9_]", "_", str(column))
        if not name or name[0].isdigit():
            name = "_" + name
        if name in _STATA_RESERVED:
            name = "_" + name
        name = name[:STATA_NAME_LIMIT]
        candidate, number = name, 1
        while candidate.lower() in used:
            suffix = f"_{number}"
            candidate = name[: STATA_NAME_LIMIT - len(suffix)] + suffix
            number += 1
        used.add(candidate.lower())
        mapping[str(column)] = candidate
    return mapping


def _stata_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Column types Stata can store without loss or surprise."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            out[column] = values
        elif pd.api.types.is_bool_dtype(values):
            out[column] = values.astype(np.int8)
        elif pd.api.types.is_integer_dtype(values):
            fits = values.empty or (values.min() >= _INT32_MIN and values.max() <= _INT32_MAX)
            out[column] = values.astype(np.int32 if fits else np.float64)
        elif pd.api.types.is_float_dtype(values):
            out[column] = values
        else:
            out[column] = values.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                                     else str(v)).astype(object)
    return pd.DataFrame(out, index=frame.index)


def write_stata(frame: pd.DataFrame, path: Union[str, Path], *, labels: Optional[Dict[str, str]] = None,
                title: str = "") -> Path:
    """Writes a table as a Stata 14+ ``.dta`` file with valid names and variable labels.

    Parameters
    ----------
    labels : dict, optional
        Extra description per original column name (e.g. units), added to the label after
        the original name.
    title : str
        Dataset label (cut to 80 characters).
    """
    path = Path(path)
    names = stata_names(list(frame.columns))
    labels = labels or {}
    variable_labels = {}
    for original, name in names.items():
        text = original if not labels.get(original) else f"{original} ({labels[original]})"
        variable_labels[name] = text[:_STATA_LABEL_LIMIT]
    ready = _stata_ready(frame).rename(columns=names)
    # Strings longer than Stata's str2045 (long error messages) need its strL type.
    long_text = [column for column in ready.columns if ready[column].dtype == object
                 and max((len(str(v).encode("utf-8")) for v in ready[column]), default=0) > 2045]
    ready.to_stata(path, write_index=False, version=118, variable_labels=variable_labels,
                   data_label=title[:_STATA_LABEL_LIMIT], convert_strl=long_text)
    return path


def _units(experiment: xr.Dataset, group: str) -> Dict[str, str]:
    suffix = "_by_category" if group == "by_category" else ""
    units = {}
    for name, variable in experiment.data_vars.items():
        if "units" in variable.attrs:
            units[name[: len(name) - len(suffix)] if suffix and name.endswith(suffix) else name] = (
                str(variable.attrs["units"]))
    return units


def export_experiment(
    experiment: Union[xr.Dataset, str, Path],
    directory: Union[str, Path],
    *,
    format: str = "csv",
    panel: bool = False,
    force: bool = False,
) -> List[Path]:
    """Writes the experiment's tidy tables to ``directory``.

    Parameters
    ----------
    experiment : xarray.Dataset or path
        From :func:`gigsim.load_experiment`, or an experiment directory.
    directory : str or pathlib.Path
        Where the files go (created if needed).
    format : {"csv", "dta"}
        CSV (full precision, UTF-8) or Stata ``.dta`` (version 118).
    panel : bool
        Also write the persons' panel (``panel.csv``/``panel.dta``; can be large).
    force : bool
        Replace files that exist; without it an existing file is an error and nothing is
        written.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    FileExistsError
        If a file would be replaced without ``force``.

    Examples
    --------
    >>> gigsim.export_experiment("results/policies", "results/policies/export",  # doctest: +SKIP
    ...                          format="dta")
    """
    if format not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    experiment = as_experiment(experiment)
    directory = Path(directory)
    tables: Dict[str, pd.DataFrame] = {}
    labels: Dict[str, Dict[str, str]] = {}
    for group, extra in TABLE_GROUPS.items():
        table = tidy(experiment, group)
        if len(table.columns) > len(["scenario", "point", "replicate", "seed", "week"]) + (1 if extra else 0):
            tables[group] = table
            labels[group] = _units(experiment, group)
    tables["runs"] = runs_table(experiment)
    labels["runs"] = {"wall_seconds": "s"}
    if panel:
        try:
            tables["panel"] = panel_table(experiment)
        except ExperimentError as error:
            raise ExperimentError(f"--panel: {error}") from None
        labels["panel"] = {"net_earnings": "USD/week", "hours_worked": "hours/week",
                           "ask_rate": "USD/hour"}
    targets = {name: directory / f"{name}.{format}" for name in tables}
    existing = [str(path) for path in targets.values() if path.exists()]
    if existing and not force:
        raise FileExistsError(f"{', '.join(existing)} exist; pass force=True (--force) to replace")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    name_of_experiment = Path(str(experiment.attrs.get("experiment_file", ""))).stem or "experiment"
    for name, table in tables.items():
        path = targets[name]
        temporary = path.with_name(f".{path.name}.partial")
        if format == "csv":
            table.to_csv(temporary, index=False)
        else:
            write_stata(table, temporary, labels=labels.get(name),
                        title=f"gigsim {name_of_experiment}: {name}")
        temporary.replace(path)
        written.append(path)
    return written
