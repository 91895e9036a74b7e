"""What the analysis needs from a resolved scenario: AI technologies, their release weeks and
each category's exposure to them.

Every result file carries its resolved scenario (root attribute ``scenario``, TOML text with
every parameter); :attr:`gigsim.RunFile.parameters` parses it into nested dictionaries. The AI
part reads ``[ai.technologies.<name>]`` (``release_week``, ``trajectory``, ...) and the
per-category exposure ``[categories.<name>] exposure = { <technology> = share }``: the share of
the category's tasks the technology can do, after Eloundou et al. (2023) and Felten et al.
(2023).
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple

__all__ = ["category_exposure", "release_week", "technologies"]


def technologies(parameters: Mapping[str, Any], released_only: bool = True) -> Dict[str, Dict[str, Any]]:
    """The AI technologies a scenario declares, by name.

    Parameters
    ----------
    parameters : mapping
        A resolved scenario parsed from TOML (:attr:`gigsim.RunFile.parameters`).
    released_only : bool
        Leave out technologies whose ``trajectory`` is ``"none"`` (declared, never released:
        the pre-AI baseline declares every technology that way).

    Returns
    -------
    dict
        ``{name: {"release_week": ..., "trajectory": ..., ...}}``; empty for a scenario
        without AI.

    Examples
    --------
    >>> technologies({"ai": {"technologies": {"llm": {"release_week": 52, "trajectory": "logistic"},
    ...                                       "image": {"release_week": 0, "trajectory": "none"}}}})
    {'llm': {'release_week': 52, 'trajectory': 'logistic'}}
    >>> technologies({"market": {}})
    {}
    """
    declared = parameters.get("ai", {}).get("technologies", {})
    return {
        name: dict(table)
        for name, table in declared.items()
        if isinstance(table, Mapping) and not (released_only and table.get("trajectory") == "none")
    }


def release_week(
    parameters: Mapping[str, Any], technology: Optional[str] = None
) -> Tuple[str, int]:
    """The release week of one AI technology of the scenario.

    Parameters
    ----------
    parameters : mapping
        A resolved scenario parsed from TOML.
    technology : str, optional
        Name under ``[ai.technologies]``; may be left out when the scenario has exactly one.

    Returns
    -------
    (str, int)
        The technology's name and its release week (recorded weeks, like event weeks).

    Raises
    ------
    ValueError
        If the scenario has no AI technology, has several and none was chosen, or does not
        have the one named.

    Examples
    --------
    >>> release_week({"ai": {"technologies": {"llm": {"release_week": 52, "trajectory": "step"}}}})
    ('llm', 52)
    """
    declared = technologies(parameters)
    if not declared:
        raise ValueError(
            "the scenario releases no AI technology (every [ai.technologies.<name>] has "
            "trajectory = \"none\"), so there is no release to study; pass event_week= explicitly"
        )
    listing = ", ".join(
        f"{name} (release week {table.get('release_week', '?')})" for name, table in declared.items()
    )
    if technology is None:
        if len(declared) > 1:
            raise ValueError(f"the scenario declares several AI technologies: {listing}; "
                             "choose one with technology=")
        technology = next(iter(declared))
    if technology not in declared:
        raise ValueError(f"the scenario has no AI technology {technology!r}; it declares {listing}")
    table = declared[technology]
    if "release_week" not in table:
        raise ValueError(f"[ai.technologies.{technology}] has no release_week")
    return technology, int(table["release_week"])


def category_exposure(parameters: Mapping[str, Any], technology: str) -> Dict[str, float]:
    """Each category's exposure to one technology (share of its tasks, 0 to 1).

    Parameters
    ----------
    parameters : mapping
        A resolved scenario parsed from TOML.
    technology : str
        Name under ``[ai.technologies]``.

    Returns
    -------
    dict
        ``{category: exposure}`` for every category of the scenario; a category that does not
        list the technology has exposure 0.

    Examples
    --------
    >>> scenario = {"categories": {"writing": {"exposure": {"llm": 0.8}}, "design": {}}}
    >>> category_exposure(scenario, "llm")
    {'writing': 0.8, 'design': 0.0}
    """
    categories = parameters.get("categories", {})
    exposure: Dict[str, float] = {}
    for name, table in categories.items():
        shares = table.get("exposure", {}) if isinstance(table, Mapping) else {}
        exposure[name] = float(shares.get(technology, 0.0)) if isinstance(shares, Mapping) else 0.0
    return exposure
