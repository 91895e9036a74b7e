"""Windows of weeks over which outcomes are averaged (as the binary's end-of-run summary
averages the last 52 weeks)."""

from __future__ import annotations

from typing import Optional, Sequence, Tuple, Union

import numpy as np

__all__ = ["DEFAULT_WINDOW_WEEKS", "Window", "describe_window", "resolve_window"]

#: Weeks averaged when no window is given: the last year, as in the binary's summary.
DEFAULT_WINDOW_WEEKS = 52

#: ``None`` (the last 52 weeks), ``N`` (the last N weeks) or ``(first, last)`` (inclusive).
Window = Union[None, int, Tuple[int, int], Sequence[int]]


def resolve_window(weeks: Sequence[int], window: Window = None) -> Tuple[int, int]:
    """The first and last week (inclusive) of a window over the recorded ``weeks``.

    Parameters
    ----------
    weeks : sequence of int
        Recorded weeks (sorted).
    window : None, int or (int, int)
        ``None``: the last 52 weeks (all weeks if fewer); ``N``: the last N weeks;
        ``(first, last)``: those weeks, inclusive.

    Raises
    ------
    ValueError
        If the window is empty or reaches outside the recorded weeks.

    Examples
    --------
    >>> resolve_window(range(104)), resolve_window(range(30)), resolve_window(range(104), 4)
    ((52, 103), (0, 29), (100, 103))
    >>> resolve_window(range(104), (10, 20))
    (10, 20)
    """
    recorded = np.asarray(list(weeks), dtype=np.int64)
    if recorded.size == 0:
        raise ValueError("no weeks recorded, so there is nothing to average")
    first_recorded, last_recorded = int(recorded.min()), int(recorded.max())
    if window is None or isinstance(window, (int, np.integer)):
        length = DEFAULT_WINDOW_WEEKS if window is None else int(window)
        if length < 1:
            raise ValueError(f"window of {length} weeks: give at least 1 week")
        if window is not None and length > recorded.size:
            raise ValueError(
                f"window of the last {length} weeks, but only {recorded.size} weeks are recorded "
                f"(weeks {first_recorded}-{last_recorded})"
            )
        return int(recorded[max(0, recorded.size - length)]), last_recorded
    bounds = list(window)
    if len(bounds) != 2:
        raise ValueError(f"window {window!r}: give (first_week, last_week)")
    first, last = (int(b) for b in bounds)
    if first > last:
        raise ValueError(f"window ({first}, {last}): the first week is after the last")
    if first < first_recorded or last > last_recorded:
        raise ValueError(
            f"window ({first}, {last}) reaches outside the recorded weeks "
            f"{first_recorded}-{last_recorded}"
        )
    return first, last


def describe_window(window: Tuple[int, int]) -> str:
    """``"weeks 52-103"``."""
    return f"weeks {window[0]}-{window[1]}"


def parse_window(text: Optional[str]) -> Window:
    """Reads a window from the command line: ``""`` / None, ``"52"`` or ``"104:155"``."""
    if text is None or text == "":
        return None
    if ":" in text:
        first, _, last = text.partition(":")
        return int(first), int(last)
    return int(text)
