"""Text renderings of result tables: Markdown (for reports, READMEs, issues) and HTML.

pandas' own ``to_markdown`` needs the ``tabulate`` package, which Debian 12's pandas does not
pull in, so the package formats its tables itself.
"""

from __future__ import annotations

import html
import math
from typing import Any, Callable, Dict, Optional

import numpy as np
import pandas as pd

__all__ = ["format_number", "to_html", "to_markdown"]


def format_number(value: Any, digits: int = 4) -> str:
    """A number with ``digits`` significant digits, integers without decimals, NaN as ``""``.

    Examples
    --------
    >>> format_number(1234.5678), format_number(0.000123456), format_number(12.0), format_number(float("nan"))
    ('1235', '0.0001235', '12', '')
    """
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if float(value).is_integer() and abs(value) < 10 ** digits:
            return str(int(value))
        return f"{value:.{digits}g}"
    return str(value)


def _cells(frame: pd.DataFrame, digits: int,
           formatters: Optional[Dict[str, Callable[[Any], str]]]) -> pd.DataFrame:
    formatters = formatters or {}
    return pd.DataFrame({
        column: [formatters.get(column, lambda v: format_number(v, digits))(value)
                 for value in frame[column]]
        for column in frame.columns
    })


def to_markdown(frame: pd.DataFrame, digits: int = 4,
                formatters: Optional[Dict[str, Callable[[Any], str]]] = None) -> str:
    """A DataFrame (its columns, not its index) as a GitHub-flavoured Markdown table.

    Numbers are right-aligned with ``digits`` significant digits.

    Examples
    --------
    >>> print(to_markdown(pd.DataFrame({"metric": ["gmv"], "difference": [-12.3456]})))
    | metric | difference |
    |:-------|-----------:|
    | gmv    |     -12.35 |
    """
    cells = _cells(frame, digits, formatters)
    headers = [str(column).replace("|", "\\|") for column in frame.columns]
    numeric = [pd.api.types.is_numeric_dtype(frame[column]) for column in frame.columns]
    widths = [
        max([len(header)] + [len(cell) for cell in cells[column]])
        for header, column in zip(headers, frame.columns)
    ]
    def row(values: Any) -> str:
        padded = [
            value.rjust(width) if is_number else value.ljust(width)
            for value, width, is_number in zip(values, widths, numeric)
        ]
        return "| " + " | ".join(padded) + " |"
    rule = "|" + "|".join(
        ("-" * (width + 1) + ":") if is_number else (":" + "-" * (width + 1))
        for width, is_number in zip(widths, numeric)
    ) + "|"
    lines = [row(headers), rule]
    lines += [row([cell.replace("|", "\\|") for cell in record])
              for record in cells.itertuples(index=False)]
    return "\n".join(lines)


def to_html(frame: pd.DataFrame, digits: int = 4,
            formatters: Optional[Dict[str, Callable[[Any], str]]] = None,
            css_class: str = "table") -> str:
    """A DataFrame (its columns) as an HTML ``<table>``; every cell is escaped."""
    cells = _cells(frame, digits, formatters)
    numeric = [pd.api.types.is_numeric_dtype(frame[column]) for column in frame.columns]
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    body = []
    for record in cells.itertuples(index=False):
        body.append("<tr>" + "".join(
            f'<td class="num">{html.escape(cell)}</td>' if is_number
            else f"<td>{html.escape(cell)}</td>"
            for cell, is_number in zip(record, numeric)
        ) + "</tr>")
    return (f'<table class="{css_class}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")
