"""``reported``: results published after the documents, each with its article and quotation.

One row per figure of ``data/raw/reported/`` (read and checked by :mod:`qnlib.reported`). Rows
keep what the source printed – its area, its period, its hedge ("cơ bản", "ước") and, for poverty,
the standard it counts by – and where the figure comes from: publisher, date, address and a
quotation short enough to cite. Nothing is corrected; ``qnlib check`` reports where sources
disagree with each other or with the documents.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from ..reported import AREAS, COMPARATORS, SOURCE_KINDS, STANDARDS, ReportedFigure, read_reported
from ..sources import Corpus
from .base import Dataset, Tables, schema

__all__ = ["COLUMNS", "DATASET", "figures", "reported_frame"]

COLUMNS = [
    "indicator", "area", "period", "as_of", "year", "value", "of", "unit", "comparator", "standard",
    "printed", "formula", "source_kind", "publisher", "published", "published_from", "url",
    "attributed_to", "language", "quote", "period_from", "note", "source", "line",
]  # fmt: skip


def figures(corpus: Corpus) -> list[ReportedFigure]:
    return read_reported(corpus)


def reported_frame(found: list[ReportedFigure]) -> pd.DataFrame:
    """Reported figures as rows (see :data:`COLUMNS`), in the order their files are listed."""
    records = [
        {
            "indicator": f.indicator,
            "area": f.area,
            "period": f.period,
            "as_of": f.as_of.isoformat(),
            "year": f.as_of.year,
            "value": f.value,
            "of": f.of,
            "unit": f.unit,
            "comparator": f.comparator,
            "standard": f.standard,
            "printed": f.printed,
            "formula": f.formula,
            "source_kind": f.article.kind,
            "publisher": f.article.publisher,
            "published": f.article.published,
            "published_from": f.article.published_from,
            "url": f.article.url,
            "attributed_to": f.article.attributed_to,
            "language": f.article.language,
            "quote": f.quote,
            "period_from": f.period_from,
            "note": f.note,
            "source": f.source,
            "line": f.line,
        }
        for f in found
    ]
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    for column in ("value", "of"):
        frame[column] = frame[column].astype(float)
    return frame


def _extract(tables: Tables) -> pd.DataFrame:
    return reported_frame(tables.get(figures))


_TEXT = pa.Column(str, nullable=True)
DATASET = Dataset(
    name="reported",
    description=(
        "Results published after the documents (2022–2026): NTM commune counts, poor households, income per "
        "head, GRDP and 'N of 25 targets met', each with its article (publisher, date, address) and a short "
        "quotation holding the number."
    ),
    source="reported",
    table="data/raw/reported/*.yml (one file per article; format in its README.md)",
    schema=schema(
        {
            "indicator": pa.Column(str),
            "area": pa.Column(str, pa.Check.isin(AREAS)),
            "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$")),
            "as_of": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
            "year": pa.Column(int, pa.Check.in_range(2015, 2030)),
            "value": pa.Column(float, pa.Check.ge(0)),
            "of": pa.Column(float, pa.Check.gt(0), nullable=True),
            "unit": pa.Column(str),
            "comparator": pa.Column(str, pa.Check.isin([c for c in COMPARATORS if c != "="]), nullable=True),
            "standard": pa.Column(str, pa.Check.isin(STANDARDS), nullable=True),
            "printed": pa.Column(str),
            "formula": _TEXT,
            "source_kind": pa.Column(str, pa.Check.isin(SOURCE_KINDS)),
            "publisher": pa.Column(str),
            "published": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$")),
            "published_from": pa.Column(str, pa.Check.isin(["page", "url", "content"])),
            "url": pa.Column(str, pa.Check.str_startswith("http")),
            "attributed_to": _TEXT,
            "language": pa.Column(str, pa.Check.isin(["vi", "en"])),
            "quote": pa.Column(str, pa.Check.str_length(min_value=10)),
            "period_from": pa.Column(str, pa.Check.isin(["printed", "context"])),
            "note": _TEXT,
        },
        unique=["source", "line"],
        checks=[
            pa.Check(
                lambda df: (df["of"].isna()) | (df["value"] <= df["of"]), error="a count above its whole"
            )
        ],
    ),
    extract=_extract,
    notes=(
        "Each row is one figure of one article, as printed: its area, its period (YYYY: the end of that year; "
        "YYYY-MM: the end of that month), its hedge (comparator 'about' for 'cơ bản', 'khoảng', 'ước', 'nearly'; "
        "'>' for 'trên') and, for poverty, the standard it counts by (central, provincial, or unstated by the "
        "source). 'of' is the denominator printed with a count ('54/91').",
        "source_kind: official (the province's portals and newspaper), state (the news agency TTXVN/VNA) or press. "
        "published_from says how the publication date is known: printed on the page, coded in the address, or "
        "inferred from the content (the article's file says how).",
        "A row with a formula is a figure the article implies (73,348 less the 29,648 increase it states), not "
        "one it prints. line is the line of the quotation in the article's file.",
    ),
)
