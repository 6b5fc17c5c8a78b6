"""How the outputs of a run are named: run and figure stems, the folder of figure records.

Kept apart from :mod:`qnlib.plotting` (matplotlib, pandas) because deciding that a run is up to
date needs the names of its outputs and nothing else: a scheduled run with nothing to do should not
pay for importing a plotting library.
"""

from __future__ import annotations

from typing import Any

from .text import fold

INDEX_DIR = ".index"  # one JSON record per figure; index.csv is rebuilt from them


def _slug(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "-".join(_slug(v) for v in value)
    text = fold(str(value))
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def parameter_slug(name: str, value: Any) -> str:
    """A parameter in a file name: ``district-binh-lieu``, ``include_plan-false``."""
    return f"{_slug(name).replace('-', '_')}-{_slug(value) if value is not None else 'none'}"


def run_stem(
    notebook: str, parameters: dict[str, Any], defaults: dict[str, Any], figure: str | None = None
) -> str:
    """A stable, readable name for a notebook run or one of its figures: notebook, figure, the
    parameters that differ from the defaults, and the language –
    ``ntm_attainment__by_year__district-binh-lieu__vi``."""
    parts = [notebook, *([figure] if figure else [])]
    for name, value in parameters.items():
        if name != "lang" and value != defaults.get(name):
            parts.append(parameter_slug(name, value))
    parts.append(_slug(parameters.get("lang", "vi")))
    return "__".join(parts)


def figure_stem(notebook: str, figure: str, parameters: dict[str, Any], defaults: dict[str, Any]) -> str:
    """The file name (without suffix) of one figure of a run; see :func:`run_stem`."""
    return run_stem(notebook, parameters, defaults, figure)
