"""The notebooks' parameters: types and allowed values, checked before any kernel starts.

Each notebook declares its parameters (names, typed defaults, one comment each) in
its cell tagged ``parameters``; this module adds what a cell cannot say: which
values are allowed (a district must exist, a year must be in the data). The runner
checks parameters here before starting a kernel, and each notebook calls
:func:`validate` first, so a bad value fails the same way in JupyterLab, under
papermill and from ``qnlib run``: one message naming the parameter and listing the
allowed values.
"""

from __future__ import annotations

import ast
import datetime
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .. import config
from ..errors import ParameterError, QnlibError
from ..places import DISTRICTS, resolve_district
from ..vocabulary import LANGS, LEVELS, LOAN_METRICS, TITLE_MODES, TOPICS, UNITS

__all__ = [
    "NOTEBOOKS",
    "Param",
    "allowed",
    "coerce",
    "declared",
    "defaults",
    "describe",
    "help_text",
    "notebook_path",
    "validate",
]


@dataclass(frozen=True)
class Param:
    kind: str  # "str", "int", "bool", "date" (ISO text, "2022-08-31"), "list[str]", "list[int]"
    choices: Callable[[], Sequence[Any]] | None = None  # allowed values (for lists: allowed items)
    optional: bool = False  # None allowed (e.g. district=None: the whole province)

    def describe(self) -> str:
        kind = f"{self.kind} or None" if self.optional else self.kind
        if self.choices is None:
            return kind
        return f"{kind}, one of: " + ", ".join(repr(c) for c in self.choices())


def help_text(notebook: str, name: str, lang: str) -> str:
    """What the parameter means, in ``lang`` (``templates/parameters.yml``)."""
    from ..words import t, templates

    own = f"parameters.{notebook}_{name}"
    return t(own if own in templates() else f"parameters.{name}", lang)


def describe(notebook: str, name: str, lang: str) -> str:
    """The values a parameter allows, in ``lang`` ("chữ, một trong: 'vi', 'en'")."""
    from ..words import t

    spec = NOTEBOOKS[notebook][name]
    choices = [repr(c) for c in spec.choices()] if spec.choices else []
    return t("parameters.allowed", lang, kind=spec.kind, optional=spec.optional, choices=choices)


def _distinct(
    dataset: str, column: str, cast: Callable[[str], Any] = str, **equal: str
) -> Callable[[], list[Any]]:
    """Allowed values read from the data: the distinct ``column`` of the rows matching ``equal``."""

    def values() -> list[Any]:
        from ..store import distinct

        return distinct(dataset, column, cast, **equal)

    return values


_LANG = Param("str", lambda: LANGS)
_TITLE = Param("str", lambda: TITLE_MODES)

NOTEBOOKS: dict[str, dict[str, Param]] = {
    "scorecard": {
        "as_of": Param("date", optional=True),
        "topic": Param("str", lambda: TOPICS),
        "lang": _LANG,
        "title": _TITLE,
    },
    "income_growth": {
        "area": Param("str", _distinct("income", "area", indicator="income_per_capita")),
        "base_year": Param(
            "int", _distinct("income", "year", int, indicator="income_per_capita", kind="actual")
        ),
        "target_year": Param(
            "int", _distinct("income", "year", int, indicator="income_multiple_vs_2020", kind="target")
        ),
        "lang": _LANG,
        "title": _TITLE,
    },
    "poverty_rates": {"lang": _LANG, "title": _TITLE},
    "ntm_attainment": {
        "district": Param("str", lambda: DISTRICTS, optional=True),
        "levels": Param("list[str]", lambda: LEVELS),
        "include_plan": Param("bool"),
        "units": Param("str", lambda: UNITS),
        "lang": _LANG,
        "title": _TITLE,
    },
    "loans_by_district": {
        "years": Param("list[int]", _distinct("loans", "year", int)),
        "metric": Param("str", lambda: LOAN_METRICS),
        "lang": _LANG,
        "title": _TITLE,
    },
    "programme_tasks": {
        "agency": Param("str", _distinct("tasks_by_lead", "lead"), optional=True),
        "group": Param("str", _distinct("tasks", "group"), optional=True),
        "as_of": Param("date", optional=True),
        "lang": _LANG,
        "title": _TITLE,
    },
}


def notebook_path(notebook: str) -> Path:
    if notebook not in NOTEBOOKS:
        raise ParameterError(f"unknown notebook {notebook!r}; the notebooks are: {', '.join(NOTEBOOKS)}")
    return config.NOTEBOOKS_DIR / f"{notebook}.ipynb"


@cache
def declared(notebook: str) -> dict[str, dict[str, Any]]:
    """The parameters cell of a notebook, as papermill reads it (name -> default, type, help)."""
    import papermill

    path = notebook_path(notebook)
    try:
        return papermill.inspect_notebook(str(path))
    except Exception as exc:  # papermill raises several kinds for a missing or broken notebook
        raise QnlibError(f"{path}: cannot read its parameters cell ({exc})") from None


@cache
def _parameters_cell(notebook: str) -> str:
    path = notebook_path(notebook)
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise QnlibError(f"{path}: cannot read the notebook ({exc})") from None
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"]
            return "".join(source) if isinstance(source, list) else source
    raise QnlibError(f"{path}: no cell is tagged 'parameters'")


def defaults(notebook: str) -> dict[str, Any]:
    """The default value of each parameter, read from the notebook's own parameters cell.

    Read with :mod:`ast` rather than papermill: a notebook kernel calls this first, and
    importing papermill (nbformat, jsonschema) would cost it seconds.
    """
    values = {}
    for node in ast.parse(_parameters_cell(notebook)).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            values[node.target.id] = ast.literal_eval(node.value)
        elif isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
            for target in node.targets:
                values[target.id] = ast.literal_eval(node.value)
    return values


def allowed(notebook: str, name: str) -> list[Any]:
    spec = NOTEBOOKS[notebook][name]
    return list(spec.choices()) if spec.choices else []


def _fail(notebook: str, name: str, value: Any, spec: Param) -> ParameterError:
    return ParameterError(
        f"{notebook}: parameter {name!r} = {value!r} is invalid; expected {spec.describe()}"
    )


def coerce(notebook: str, name: str, value: Any) -> Any:
    """``value`` converted to the parameter's type. Text (from the command line) is read as YAML
    unless the parameter is a string: ``-p years "[2021, 2022]"``, ``-p include_plan false``,
    ``-p district none``."""
    if name not in NOTEBOOKS[notebook]:
        known = ", ".join(NOTEBOOKS[notebook])
        raise ParameterError(f"{notebook}: unknown parameter {name!r}; its parameters are: {known}")
    spec = NOTEBOOKS[notebook][name]
    if isinstance(value, str):
        text = value.strip()
        if spec.optional and text.lower() in ("none", "null", ""):
            value = None
        elif spec.kind in ("str", "date"):
            value = text
        else:
            try:
                value = yaml.safe_load(text)
            except yaml.YAMLError:
                raise _fail(notebook, name, value, spec) from None
    if value is None:
        if spec.optional:
            return None
        raise _fail(notebook, name, value, spec)
    if spec.kind == "date":
        return _iso_date(notebook, name, value, spec)
    if spec.kind.startswith("list["):
        items = value if isinstance(value, list | tuple) else [value]
        item_type = int if spec.kind == "list[int]" else str
        if not items or not all(isinstance(i, item_type) and not isinstance(i, bool) for i in items):
            raise _fail(notebook, name, value, spec)
        return list(items)
    expected = {"str": str, "int": int, "bool": bool}[spec.kind]
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise _fail(notebook, name, value, spec)
    return value


def _iso_date(notebook: str, name: str, value: Any, spec: Param) -> str:
    """A date parameter as ISO text (papermill passes it to the kernel as a string)."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ParameterError(
            f"{notebook}: parameter {name!r} = {value!r} is invalid; expected a date YYYY-MM-DD (or None: "
            "the report's date)"
        ) from None


def _canonical(notebook: str, name: str, value: Any, spec: Param) -> Any:
    """A district or agency written another way ("TP. Hạ Long", "Sở LĐ,TB&XH") as its canonical name."""
    try:
        if name == "district":
            return resolve_district(value).place.name
        if name == "agency":
            from ..agencies import resolve_agencies

            found = resolve_agencies(value)
            if len(found) == 1:
                return found[0].name
    except QnlibError:
        pass
    if name in ("district", "agency"):
        raise _fail(notebook, name, value, spec)
    return value


def validate(notebook: str, **values: Any) -> dict[str, Any]:
    """Check every parameter of ``notebook`` (all must be given) and return them, canonical.

    A district may be written with its prefix or another accent placement ("TP. Hạ Long"), an
    agency with one of its aliases ("Sở LĐ,TB&XH"); each comes back as the canonical name.
    """
    specs = NOTEBOOKS.get(notebook)
    if specs is None:
        notebook_path(notebook)  # raises the "unknown notebook" error
    missing = [name for name in specs if name not in values]
    if missing:
        raise ParameterError(f"{notebook}: missing parameters {missing}")
    checked = {}
    for name, value in values.items():
        value = coerce(notebook, name, value)
        spec = NOTEBOOKS[notebook][name]
        if value is not None and spec.choices is not None:
            choices = list(spec.choices())
            value = _canonical(notebook, name, value, spec)
            items = value if isinstance(value, list) else [value]
            if any(item not in choices for item in items) or (
                isinstance(value, list) and len(set(items)) != len(items)
            ):
                raise _fail(notebook, name, value, spec)
        checked[name] = value
    return checked
