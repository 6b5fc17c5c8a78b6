"""What a dataset is: its metadata, its schema and how it is taken from the parsed tables.

Each dataset module declares a :class:`Dataset` next to the parser that builds it
(the way Our World in Data's etl keeps metadata beside the code), so the title,
unit, source and schema of a column live in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from ..errors import ParseError, ValidationError
from ..sources import Corpus, Document, raw_path

T = TypeVar("T")
REPORTED = "reported"  # a dataset's source: the articles of data/raw/reported rather than a document


class Tables:
    """The parsed tables of one corpus, each parsed at most once.

    Several datasets come from one table (``ntm_yearly`` and ``ntm_communes`` both
    come from Phụ biểu 01), and the checks need the same tables again; this cache
    keeps parse time down and guarantees they all see the same parse.
    """

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._cache: dict[Any, Any] = {}

    def get(self, parse: Callable[[Corpus], T]) -> T:
        if parse not in self._cache:
            self._cache[parse] = parse(self.corpus)
        return self._cache[parse]

    def extracted(self, dataset: Dataset) -> pd.DataFrame:
        """A dataset's frame before validation, extracted once per corpus: a view over other datasets
        (``scorecard``) reuses their frames instead of parsing again. Each caller gets its own copy."""
        key = ("dataset", dataset.name)
        if key not in self._cache:
            self._cache[key] = dataset.extract(self)
        frame = self._cache[key]
        copy = frame.copy()
        copy.attrs = dict(frame.attrs)
        return copy


def parse_document(document: Document, parse: Callable[..., T], *args: Any) -> T:
    """Run a text parser on a document, naming the document's file in any error."""
    try:
        return parse(document.lines, document.id, *args)
    except ParseError as error:
        raise error.in_file(document.name) from None


@dataclass(frozen=True)
class Dataset:
    """A dataset's metadata, schema and extraction. Its title and unit, read by people, are
    templates (``templates/datasets.yml``, Vietnamese and English); the rest is for analysts."""

    name: str
    description: str
    source: str  # source id(s) in sources.yml, comma separated when several
    table: str  # the table or passage of the document it comes from
    schema: pa.DataFrameSchema
    extract: Callable[[Tables], pd.DataFrame] = field(repr=False)
    notes: tuple[str, ...] = ()
    # A dataset read from an installed package rather than a document (``places``): the package
    # and its version, cited in place of a document.
    package: Callable[[], str] | None = field(default=None, repr=False)

    def title_in(self, lang: str) -> str:
        from ..words import t

        return t(f"datasets.{self.name}", lang)

    @property
    def title(self) -> str:
        """The title in Vietnamese (the language of the documents), as the data's metadata carry it."""
        return self.title_in("vi")

    def unit_in(self, lang: str) -> str:
        from ..words import t

        return t(f"datasets.{self.name}_unit", lang)

    @property
    def unit(self) -> str:
        """The unit in English, as the data's metadata carry it (its ``unit`` column where it has one)."""
        return self.unit_in("en")

    def build(self, tables: Tables) -> pd.DataFrame:
        """The validated frame, with ``attrs`` describing where it comes from."""
        frame = tables.extracted(self)
        parse_notes = tuple(frame.attrs.get("notes", ()))
        frame = validate(frame.reset_index(drop=True), self.schema, self.name)
        frame.attrs = self.attrs(tables, parse_notes)
        return frame

    def attrs(self, tables: Tables, parse_notes: tuple[str, ...] = ()) -> dict[str, Any]:
        if self.package is not None:
            titles = shorts = [self.package()]
        else:
            ids = self.source.split(",")
            sources = [tables.corpus[s].source for s in ids if s != REPORTED]
            titles, shorts = [s.title for s in sources], [s.short for s in sources]
            if REPORTED in ids:  # the articles of data/raw/reported, cited row by row
                titles.append(
                    f"{len(tables.corpus.reported)} articles reported after the documents (data/raw/reported)"
                )
                shorts.append("data/raw/reported")
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "unit": self.unit,
            "source": self.source,
            "source_title": "; ".join(titles),
            "source_short": "; ".join(shorts),
            "table": self.table,
            "notes": list(self.notes + parse_notes),
        }


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, name: str) -> pd.DataFrame:
    """Validate against ``schema``, reporting every failure in one message."""
    try:
        return schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        raise ValidationError(_schema_message(frame, errors.failure_cases, name)) from None


def _schema_message(frame: pd.DataFrame, cases: pd.DataFrame, name: str) -> str:
    """One line, at the file and line of the first failing row (both lines for a duplicated row),
    instead of pandera's table of failure cases with the frame's index."""
    case = cases.iloc[0]
    rows = [int(i) for i in cases["index"] if i is not None and i == i and int(i) in frame.index]
    what = f"{case['column'] or 'row'}: {case['check']} failed for {case['failure_case']!r}"
    more = f" ({len(cases) - 1} more failures)" if len(cases) > 1 else ""
    if not rows or not {"source", "line"} <= set(frame.columns):
        return f"dataset {name!r} breaks its schema: {what}{more}"
    source, line = frame.at[rows[0], "source"], int(frame.at[rows[0], "line"])
    others = sorted({int(frame.at[r, "line"]) for r in rows[1:] if frame.at[r, "source"] == source} - {line})
    also = f"; the same row again at line {others[0]}" if "unique" in str(case["check"]) and others else ""
    return f"{raw_path(str(source))}, line {line}: dataset {name!r} breaks its schema – {what}{also}{more}"


def schema(
    columns: dict[str, pa.Column],
    unique: list[str] | None = None,
    checks: list[pa.Check] | None = None,
) -> pa.DataFrameSchema:
    """A strict schema: exactly these columns, in this order, plus ``source`` and ``line``."""
    columns = {
        **columns,
        "source": pa.Column(str),
        "line": pa.Column(int, pa.Check.ge(1)),
    }
    return pa.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, unique=unique, coerce=False)
