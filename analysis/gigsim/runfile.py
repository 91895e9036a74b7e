"""Reader for one gigsim result file.

A result file is HDF5 (format documented in ``docs/output.md``): root attributes describe
the run, ``/market`` holds weekly series, ``/by_category`` weekly series per category,
``/distribution`` weekly quantiles, and ``/events`` the scenario events applied during the run.
:func:`load` opens one file and returns a :class:`RunFile` whose properties read each part on
first use and return pandas or xarray objects.
"""

from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any, Dict, List, Optional, Tuple, Type, Union

import h5py
import numpy as np
import pandas as pd
import xarray as xr

__all__ = ["FILETYPE", "FORMAT_MAJOR", "FormatError", "RunFile", "load"]

#: Value of the root attribute ``filetype`` in every gigsim result file.
FILETYPE = "gigsim-run"
#: Major format version this reader understands; minor versions only add content.
FORMAT_MAJOR = 1

_EVENT_COLUMNS = ["week", "key", "value", "origin"]


class FormatError(ValueError):
    """The file is not a gigsim result file this package can read."""


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
        if major != FORMAT_MAJOR:
            raise FormatError(
                f"{self.path}: result file format {major}.{minor} is not supported; this "
                f"gigsim analysis package reads format {FORMAT_MAJOR}.x. Use the analysis "
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
