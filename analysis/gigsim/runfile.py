"""Reader for one gigsim result file.

A result file is HDF5 (format documented in ``docs/output.md``): root attributes describe
the run, ``/market`` holds weekly series, ``/by_category`` weekly series per category,
``/distribution`` weekly quantiles, ``/panel`` (when the run asked for one) a sample of
persons followed week by week, and ``/events`` the scenario events applied during the run.
:func:`load` opens one file and returns a :class:`RunFile` whose properties read each part on
first use and return pandas or xarray objects.
"""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any, Dict, List, Optional, Tuple, Type, Union

import h5py
import numpy as np
import pandas as pd
import xarray as xr

__all__ = ["FILETYPE", "FORMAT_MAJOR", "SUPPORTED_FORMAT_MAJORS", "FormatError", "RunFile", "load"]

#: Value of the root attribute ``filetype`` in every gigsim result file.
FILETYPE = "gigsim-run"
#: Major format versions this reader understands; minor versions only add content. Format 2
#: added the AI metrics, registered/dormant/active supply and the ``/panel`` group; format 1
#: files (the market before AI) read the same way, without those parts.
SUPPORTED_FORMAT_MAJORS = (1, 2)
#: The newest major format version this reader understands.
FORMAT_MAJOR = SUPPORTED_FORMAT_MAJORS[-1]

_EVENT_COLUMNS = ["week", "key", "value", "origin"]


#: Codes of the panel's ``status`` dataset when the file does not spell them out.
PANEL_STATUS_CODES = {0: "active", 1: "dormant", 2: "reskilling", 3: "exited"}


class FormatError(ValueError):
    """The file is not a gigsim result file this package can read."""


def _parse_status_codes(attribute: Any) -> Dict[int, str]:
    """Reads a ``status_codes`` attribute: names in code order, or text such as
    ``"0 active, 1 dormant"`` / ``"0=active;1=dormant"``."""
    value = _plain(attribute)
    if isinstance(value, list):
        return {code: str(name) for code, name in enumerate(value)}
    pairs = re.findall(r"(-?\d+)\s*[=:]?\s*([A-Za-z_][A-Za-z_ ]*?)\s*(?:[,;\n]|$)", str(value))
    if not pairs:
        return dict(PANEL_STATUS_CODES)
    return {int(code): name.strip() for code, name in pairs}


def _text(value: Any) -> str:
    """Returns an HDF5 string (str, bytes, numpy scalar or 0-d array) as ``str``."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8")
    return str(value)


def _plain(value: Any) -> Any:
    """Converts an HDF5 attribute value to plain Python (str, int, float, list)."""
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8")
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return _plain(value[()])
        return [_plain(item) for item in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _series(group: Any) -> List[Tuple[str, h5py.Dataset]]:
    """The data series of a group: its datasets except dimension scales.

    Groups hold links to the root scales (``time``, ``category``, ``quantile``) so that
    netCDF-4 readers opening one group find its coordinates; those are not series.
    """
    if group is None:
        return []
    return [
        (name, item)
        for name, item in group.items()
        if isinstance(item, h5py.Dataset) and not h5py.h5ds.is_scale(item.id)
    ]


class RunFile:
    """One gigsim result file, opened read-only.

    Use :func:`load` to create it. Properties read their part of the file on first access and
    keep the result; the file stays open until :meth:`close` (or the end of a ``with`` block).
    Weekly tables are indexed by ``week`` (the ``/time`` scale); only the ``steps_done`` rows
    that the run completed are read, so an interrupted run reads like a shorter complete one.

    Parameters
    ----------
    path : str or pathlib.Path
        Result file written by ``gigsim run``.

    Raises
    ------
    FormatError
        If the file is not HDF5, not a gigsim run file, or has an unknown major format version.

    Examples
    --------
    >>> import gigsim
    >>> with gigsim.load("results/baseline.h5") as run:          # doctest: +SKIP
    ...     print(run.status, run.steps_done)
    ...     run.market[["jobs_posted", "jobs_filled"]].tail()
    complete 260
    """

    def __init__(self, path: Union[str, Path]) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no such file")
        if not h5py.is_hdf5(self.path):
            raise FormatError(f"{self.path}: not an HDF5 file, so not a gigsim result file")
        self._file: Optional[h5py.File] = h5py.File(self.path, "r")
        try:
            self._check_format()
        except BaseException:
            self.close()
            raise

    def _check_format(self) -> None:
        attrs = self._h5.attrs
        if "filetype" not in attrs or _text(attrs["filetype"]) != FILETYPE:
            found = _text(attrs["filetype"]) if "filetype" in attrs else "no filetype attribute"
            raise FormatError(
                f"{self.path}: not a gigsim result file (root attribute filetype is "
                f"{found!r}, expected {FILETYPE!r})"
            )
        if "format_version" not in attrs:
            raise FormatError(f"{self.path}: gigsim result file without a format_version attribute")
        version = np.atleast_1d(np.asarray(attrs["format_version"]))
        if version.size != 2 or not np.issubdtype(version.dtype, np.integer):
            raise FormatError(
                f"{self.path}: format_version must be two integers [major, minor], "
                f"found {version.tolist()!r}"
            )
        major, minor = (int(v) for v in version)
        if major not in SUPPORTED_FORMAT_MAJORS:
            readable = " and ".join(f"{m}.x" for m in SUPPORTED_FORMAT_MAJORS)
            raise FormatError(
                f"{self.path}: result file format {major}.{minor} is not supported; this "
                f"gigsim analysis package reads formats {readable}. Use the analysis "
                f"package that matches the gigsim version that wrote the file "
                f"({_text(attrs.get('gigsim_version', 'unknown'))})."
            )
        self.format_version = (major, minor)

    @property
    def _h5(self) -> h5py.File:
        if self._file is None:
            raise ValueError(f"{self.path}: the result file is closed")
        return self._file

    # -- life cycle ------------------------------------------------------------------------

    def close(self) -> None:
        """Closes the HDF5 file; properties read before stay available."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> "RunFile":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._file is None else f"{self.status}, {self.steps_done} weeks"
        return f"<gigsim.RunFile {str(self.path)!r} ({state})>"

    # -- run description -------------------------------------------------------------------

    @cached_property
    def attrs(self) -> Dict[str, Any]:
        """Root attributes as plain Python values (str, int, float, list).

        Examples
        --------
        >>> run.attrs["gigsim_version"]                            # doctest: +SKIP
        '0.1.0'
        """
        return {name: _plain(value) for name, value in self._h5.attrs.items()}

    @property
    def status(self) -> str:
        """``"complete"``, ``"running"`` (still running, or killed), ``"interrupted"`` or
        ``"failed"``."""
        return str(self.attrs.get("status", "unknown"))

    @property
    def steps_done(self) -> int:
        """Weeks simulated and written to the file."""
        return int(self.attrs.get("steps_done", 0))

    @property
    def seed(self) -> int:
        """Master seed of the run."""
        return int(self.attrs["seed"])

    @property
    def replicate(self) -> int:
        """Replicate index (replicate r of every scenario shares its random streams)."""
        if "replicate" in self.attrs:
            return int(self.attrs["replicate"])
        return int(self.parameters.get("run", {}).get("replicate", 0))

    @property
    def burn_in_weeks(self) -> int:
        """Weeks simulated before week 0 and not recorded."""
        if "burn_in_weeks" in self.attrs:
            return int(self.attrs["burn_in_weeks"])
        return int(self.parameters.get("run", {}).get("burn_in_weeks", 0))

    @property
    def scenario(self) -> str:
        """The resolved scenario (every parameter and event) as TOML text.

        Passing this text back to ``gigsim run`` reproduces the run.
        """
        return str(self.attrs.get("scenario", ""))

    @cached_property
    def parameters(self) -> Dict[str, Any]:
        """The resolved scenario parsed into nested dictionaries.

        Examples
        --------
        >>> run.parameters["market"]["initial_freelancers"]       # doctest: +SKIP
        20000
        """
        return tomllib.loads(self.scenario)

    @cached_property
    def categories(self) -> List[str]:
        """Names of the job categories, in file order (the ``/category`` scale)."""
        if "category" not in self._h5:
            return []
        return [_text(name) for name in self._h5["category"][()]]

    @cached_property
    def weeks(self) -> pd.Index:
        """Week index of the rows written so far (``/time``, first ``steps_done`` entries)."""
        n = self.steps_done
        if "time" in self._h5:
            values = np.asarray(self._h5["time"][:n], dtype=np.int64)
        else:
            values = np.arange(n, dtype=np.int64)
        if values.size != n:
            raise FormatError(f"{self.path}: /time has {values.size} rows, steps_done is {n}")
        return pd.Index(values, name="week")

    @cached_property
    def metrics(self) -> pd.DataFrame:
        """Every series in the file with its unit and description.

        Returns
        -------
        pandas.DataFrame
            Columns ``group`` (market, by_category, distribution), ``name``, ``unit``,
            ``description``.
        """
        rows = []
        for group in ("market", "by_category", "distribution"):
            for name, dataset in _series(self._h5.get(group)):
                rows.append(
                    {
                        "group": group,
                        "name": name,
                        "unit": _text(dataset.attrs.get("units", "")),
                        "description": _text(dataset.attrs.get("description", "")),
                    }
                )
        return pd.DataFrame(rows, columns=["group", "name", "unit", "description"])

    # -- weekly series ---------------------------------------------------------------------

    def _rows(self, dataset: h5py.Dataset) -> np.ndarray:
        """The first steps_done rows of a [time, ...] dataset."""
        n = self.steps_done
        if dataset.shape[0] < n:
            raise FormatError(
                f"{self.path}: {dataset.name} has {dataset.shape[0]} rows, steps_done is {n}"
            )
        return dataset[:n]

    def arrays(self, group: str) -> Dict[str, np.ndarray]:
        """Every series of one group (``market``, ``by_category``, ``distribution``) as a
        numpy array of the ``steps_done`` rows written, by name.

        Examples
        --------
        >>> run.arrays("by_category")["jobs_filled"].shape           # doctest: +SKIP
        (260, 8)
        """
        return {name: self._rows(dataset) for name, dataset in _series(self._h5.get(group))}

    @cached_property
    def market(self) -> pd.DataFrame:
        """Market-wide weekly series: one row per week, one column per ``/market`` dataset.

        Examples
        --------
        >>> run.market["hire_rate"].mean()                         # doctest: +SKIP
        0.41
        """
        columns = {name: self._rows(dataset) for name, dataset in _series(self._h5.get("market"))}
        return pd.DataFrame(columns, index=self.weeks)

    @cached_property
    def by_category(self) -> pd.DataFrame:
        """Weekly series per category as a long table.

        Returns
        -------
        pandas.DataFrame
            Indexed by (``week``, ``category``), one column per ``/by_category`` metric;
            ``.reset_index()`` gives plain ``week`` and ``category`` columns.

        Examples
        --------
        >>> table = run.by_category.reset_index()                   # doctest: +SKIP
        >>> table.pivot(index="week", columns="category", values="median_rate")  # doctest: +SKIP
        """
        weeks = self.weeks
        categories = self.categories
        index = pd.MultiIndex.from_arrays(
            [
                np.repeat(weeks.to_numpy(), len(categories)),
                np.tile(np.asarray(categories, dtype=object), len(weeks)),
            ],
            names=["week", "category"],
        )
        columns = {}
        for name, dataset in _series(self._h5.get("by_category")):
            values = self._rows(dataset)
            if values.ndim != 2 or values.shape[1] != len(categories):
                raise FormatError(
                    f"{self.path}: {dataset.name} has shape {dataset.shape}, expected "
                    f"[time, {len(categories)} categories]"
                )
            columns[name] = values.reshape(-1)
        return pd.DataFrame(columns, index=index)

    @cached_property
    def distributions(self) -> List[str]:
        """Names of the quantile tables in ``/distribution`` (e.g. ``earnings_quantiles``)."""
        return [name for name, _ in _series(self._h5.get("distribution"))]

    @cached_property
    def quantile_levels(self) -> np.ndarray:
        """Quantile levels of the ``/distribution`` tables (the ``/quantile`` scale)."""
        if "quantile" not in self._h5:
            return np.array([], dtype=np.float64)
        return np.asarray(self._h5["quantile"][()], dtype=np.float64)

    def distribution(self, name: str) -> pd.DataFrame:
        """Weekly quantiles of one distribution.

        Parameters
        ----------
        name : str
            ``"earnings"``, ``"rate"`` or a full dataset name from :attr:`distributions`
            (``"earnings_quantiles"``).

        Returns
        -------
        pandas.DataFrame
            Index ``week``, one column per quantile level (0.1, 0.25, 0.5, ...).

        Examples
        --------
        >>> run.distribution("earnings")[0.5].plot()               # doctest: +SKIP
        """
        candidates = [name, f"{name}_quantiles"]
        found = next((c for c in candidates if c in self.distributions), None)
        if found is None:
            raise KeyError(
                f"{self.path}: no distribution {name!r}; the file has {self.distributions}"
            )
        values = self._rows(self._h5["distribution"][found])
        levels = self.quantile_levels
        if levels.size != values.shape[1]:
            levels = np.arange(values.shape[1], dtype=np.float64)
        return pd.DataFrame(values, index=self.weeks,
                            columns=pd.Index(levels, name="quantile"))

    @cached_property
    def events(self) -> pd.DataFrame:
        """Scenario events applied during the run.

        Returns
        -------
        pandas.DataFrame
            Columns ``week``, ``key``, ``value`` (as written in the scenario) and ``origin``
            (``file:line:column`` of the event); empty when the scenario has no events.
        """
        if "events" not in self._h5:
            return pd.DataFrame({column: [] for column in _EVENT_COLUMNS})
        item = self._h5["events"]
        if isinstance(item, h5py.Group):  # one dataset per column (the row scale left out)
            columns = {name: dataset[()] for name, dataset in _series(item)}
        elif item.dtype.names:  # compound table
            data = item[()]
            columns = {name: data[name] for name in item.dtype.names}
        else:
            raise FormatError(f"{self.path}: /events is neither a table nor a group of columns")
        frame = pd.DataFrame(
            {name: ([_text(v) for v in values] if values.dtype.kind in "OSU" else values)
             for name, values in columns.items()}
        )
        if "week" in frame:
            frame["week"] = frame["week"].astype(np.int64)
        return frame

    # -- panel of persons ------------------------------------------------------------------

    @property
    def has_panel(self) -> bool:
        """Whether the run followed a sample of persons (``output.panel_size > 0``)."""
        return "panel" in self._h5 and "person_id" in self._h5["panel"]

    @cached_property
    def status_codes(self) -> Dict[int, str]:
        """Meaning of the panel's ``status`` codes (from its ``status_codes`` attribute)."""
        if not self.has_panel or "status" not in self._h5["panel"]:
            return dict(PANEL_STATUS_CODES)
        attribute = self._h5["panel"]["status"].attrs.get("status_codes")
        return _parse_status_codes(attribute) if attribute is not None else dict(PANEL_STATUS_CODES)

    @cached_property
    def panel(self) -> pd.DataFrame:
        """The panel of persons as a long table, one row per (week, person).

        Returns
        -------
        pandas.DataFrame
            Indexed by (``week``, ``person_id``); one column per ``/panel`` series
            (``category``, ``skill``, ``adopter``, ``proficiency``, ``hours_worked``,
            ``net_earnings``, ``ask_rate``, ``status``, as the file holds them).
            ``category`` is categorical with the names of ``/category`` (missing once the
            person has exited); ``status`` is categorical with the names of the status codes
            (active, dormant, reskilling, exited). Panel columns that follow no one (person
            id -1, when fewer freelancers were registered than the panel has columns) are
            left out.

        Raises
        ------
        KeyError
            If the run has no panel (``output.panel_size = 0``).

        Examples
        --------
        >>> panel = run.panel.reset_index()                        # doctest: +SKIP
        >>> panel.groupby(["week", "category"])["net_earnings"].mean()  # doctest: +SKIP
        """
        if not self.has_panel:
            raise KeyError(
                f"{self.path}: the run has no /panel (set output.panel_size > 0 in the "
                "scenario to follow a sample of persons)"
            )
        group = self._h5["panel"]
        all_ids = np.asarray(group["person_id"][()], dtype=np.int64)
        # Columns beyond the registered population hold person id -1: no one to follow.
        followed = all_ids >= 0
        person_ids = all_ids[followed]
        weeks = self.weeks.to_numpy()
        index = pd.MultiIndex.from_arrays(
            [np.repeat(weeks, person_ids.size), np.tile(person_ids, weeks.size)],
            names=["week", "person_id"],
        )
        columns: Dict[str, Any] = {}
        for name, dataset in _series(group):
            if dataset.ndim != 2:
                continue  # person_id and other per-person constants
            values = self._rows(dataset)
            if values.shape[1] != all_ids.size:
                raise FormatError(
                    f"{self.path}: {dataset.name} has shape {dataset.shape}, expected "
                    f"[time, {all_ids.size} panel columns]"
                )
            flat = values[:, followed].reshape(-1)
            if name == "category":
                columns[name] = pd.Categorical.from_codes(
                    np.where(flat >= 0, flat, -1).astype(np.int64), categories=self.categories
                )
            elif name == "status":
                codes = self.status_codes
                if flat.size and flat.min() < 0:
                    raise FormatError(f"{self.path}: {dataset.name} holds a negative status code")
                largest = max(max(codes), int(flat.max()) if flat.size else 0)
                names = [codes.get(code, f"status {code}") for code in range(largest + 1)]
                columns[name] = pd.Categorical.from_codes(flat.astype(np.int64), categories=names)
            else:
                columns[name] = flat
        return pd.DataFrame(columns, index=index)

    # -- xarray ----------------------------------------------------------------------------

    def to_xarray(self) -> xr.Dataset:
        """Every weekly series as one xarray Dataset.

        Market metrics keep their names and have dimension ``week``; per-category metrics are
        named ``<metric>_by_category`` with dimensions (``week``, ``category``); quantile
        tables keep their names with dimensions (``week``, ``quantile``). Each variable carries
        ``units`` and ``description``; the Dataset carries the root attributes.

        Examples
        --------
        >>> ds = run.to_xarray()                                   # doctest: +SKIP
        >>> ds["median_rate_by_category"].sel(category="writing").plot()  # doctest: +SKIP
        """
        coords = {"week": self.weeks.to_numpy(), "category": np.asarray(self.categories, dtype=object)}
        if self.quantile_levels.size:
            coords["quantile"] = self.quantile_levels
        variables = {}
        for group, dims, suffix in (
            ("market", ("week",), ""),
            ("by_category", ("week", "category"), "_by_category"),
            ("distribution", ("week", "quantile"), ""),
        ):
            for name, dataset in _series(self._h5.get(group)):
                attrs = {
                    key: _text(dataset.attrs[key])
                    for key in ("units", "description")
                    if key in dataset.attrs
                }
                variables[name + suffix] = xr.Variable(dims, self._rows(dataset), attrs=attrs)
        dataset_attrs = {
            key: (value if not isinstance(value, list) else np.asarray(value))
            for key, value in self.attrs.items()
        }
        return xr.Dataset(variables, coords=coords, attrs=dataset_attrs)


def load(path: Union[str, Path]) -> RunFile:
    """Opens a gigsim result file.

    Parameters
    ----------
    path : str or pathlib.Path
        HDF5 file written by ``gigsim run``.

    Returns
    -------
    RunFile
        Lazy reader; use it as a context manager to close the file when done.

    Raises
    ------
    FileNotFoundError
        If there is no file at ``path``.
    FormatError
        If the file is not a gigsim result file or its major format version is not 1.

    Examples
    --------
    >>> import gigsim
    >>> with gigsim.load("results/baseline.h5") as run:           # doctest: +SKIP
    ...     weekly = run.market
    ...     per_category = run.by_category
    >>> weekly["active_freelancers"].iloc[-1]                     # doctest: +SKIP
    19873.0
    """
    return RunFile(path)
