"""Tables for readers: what a report shows instead of a raw DataFrame.

A reader table has labelled columns in the reader's language, no index, no NaN, codes
written as words ("actual" -> "thực hiện"), numbers rounded and written the reader's way
("46,1", "1.526"), and long texts wrapped, never cut. It is a pandas Styler over text that
is already formatted, with a fixed id, so the HTML is the same on every run.

Each analysis declares its tables next to its charts (``qnlib/charts/<analysis>.py``,
functions ending in ``_table``); :meth:`qnlib.run.notebook.NotebookRun.table` shows one in a
notebook and marks it for the report. Raw frames an analyst displays stay in JupyterLab:
the report keeps only marked outputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .errors import unnamed_source
from .words import date_text, fmt, t, templates, unit_text, value_text

__all__ = ["MISSING", "Column", "Table", "cell_text", "reader_table", "source_names", "unit_text"]

MISSING = "–"  # a value the document does not give
NUMERIC = re.compile(r"^(int|num\d|pct\d)$")


@dataclass(frozen=True)
class Column:
    """One column of a reader table: the frame's column, its header (a template key) and how its
    values are written: ``text``, ``int``, ``num1``/``num2``/``num3``, ``pct1``/``pct2``, ``value``
    (as many decimals as the value has, at most 2), ``year``, ``date`` (ISO), ``doc`` (a source id),
    ``unit`` (a unit as the data write it) or ``label:<prefix>`` (a code written as the template
    ``<prefix><code>``, spaces in the code read as "_")."""

    key: str
    header: str
    shown: str = "text"
    quote: bool = False  # the document's own words (Vietnamese in every report), marked as a quotation


def source_names(sources: Sequence[str], lang: str, articles: dict[str, str] | None = None) -> list[str]:
    """Who said it, for a reader: a document's short name, or an article reported after the documents
    ("VietNamNet 05/01/2026", from :func:`qnlib.reported.article_names`)."""
    names = []
    for source in sources:
        if (articles or {}).get(source):
            names.append(articles[source])
        elif f"doc_{source}" in templates():
            names.append(t(f"doc_{source}", lang))
        else:
            raise unnamed_source(source)
    return names


def cell_text(value: Any, shown: str, lang: str) -> str:
    """One value as the reader reads it; a missing value is :data:`MISSING`."""
    if (
        value is None
        or (not isinstance(value, list | tuple) and pd.isna(value))
        or (isinstance(value, str) and not value)
    ):
        return MISSING
    writers: dict[str, Callable[[Any], str]] = {
        "int": lambda v: fmt(v, lang, 0),
        "year": lambda v: str(int(v)),
        "date": lambda v: date_text(str(v)[:10], lang),
        "doc": lambda v: t(f"doc_{v}", lang),
        "unit": lambda v: unit_text(str(v), lang),
        "value": lambda v: value_text(v, lang),
        "text": str,
    }
    if shown.startswith("num") or shown.startswith("pct"):
        return fmt(float(value), lang, int(shown[3:]), percent=shown.startswith("pct"))
    if shown.startswith("label:"):
        return t(f"{shown[6:]}{str(value).replace(' ', '_')}", lang)
    return writers[shown](value)


@dataclass(frozen=True)
class Table:
    """A reader table: its cells as text, and the Styler that renders them."""

    name: str
    cells: pd.DataFrame  # headers in the reader's language, every cell text
    numeric: tuple[str, ...]  # headers of the columns aligned right
    quoted: tuple[str, ...] = ()  # headers of the columns that quote the documents

    def styler(self) -> Any:
        styler = self.cells.style.hide(axis="index").set_uuid(self.name)
        styler = styler.set_table_attributes('class="qnlib-table"')
        if self.numeric:
            styler = styler.set_properties(subset=list(self.numeric), **{"text-align": "right"})
        if self.quoted:
            classes = pd.DataFrame("", index=self.cells.index, columns=self.cells.columns)
            classes[list(self.quoted)] = "qnlib-quote"
            styler = styler.set_td_classes(classes)
        return styler

    def _repr_html_(self) -> str:
        return self.styler().to_html()

    def __repr__(self) -> str:
        return self.cells.to_string(index=False)


def reader_table(frame: pd.DataFrame, columns: Sequence[Column], lang: str, name: str) -> Table:
    """``frame``'s ``columns``, each written as its :class:`Column` says, under headers in ``lang``."""
    cells = pd.DataFrame(
        {t(c.header, lang): [cell_text(v, c.shown, lang) for v in frame[c.key]] for c in columns},
        index=range(len(frame)),
    )
    numeric = tuple(t(c.header, lang) for c in columns if NUMERIC.match(c.shown) or c.shown == "value")
    return Table(name, cells, numeric, tuple(t(c.header, lang) for c in columns if c.quote))
