"""The examples in the analysis package's docstrings run and print what they show (those that
need a result file on disk are marked to skip)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import gigsim

MODULES = sorted(info.name for info in pkgutil.iter_modules(gigsim.__path__, "gigsim.")
                 if info.name not in ("gigsim.__main__",))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
