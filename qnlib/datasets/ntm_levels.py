"""``ntm_levels``: how many communes and districts stood at each NTM level, date by date.

The NTM series of the documents and of what was reported after them, in one frame:

* *derived*: the running totals of the yearly counts in the notes under Phụ biểu 01 (Quyết định
  2877), e.g. 35 communes at advanced NTM by the end of 2020 (1 + 11 + 23), of the 98 communes the
  decision counts ("54/98");
* *actual*: counts the documents state (the ethnic-minority area in Báo cáo 06: "32/65 (49%)");
* *reported*: counts published later (``reported``), with their denominators – 98 communes before
  the merger of 1 November 2024 (Nghị quyết 1199/NQ-UBTVQH15), 91 after it.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from ..reported import AREAS
from ..vocabulary import level_indicator
from .base import REPORTED, Dataset, Tables, schema
from .indicators import observations
from .ntm import SOURCE, phu_bieu_01
from .reported import figures as reported_figures

__all__ = ["COLUMNS", "DATASET", "level_indicator"]

COLUMNS = ["indicator", "area", "as_of", "year", "value", "of", "unit", "kind", "comparator", "source", "line",
           "evidence", "formula", "note"]  # fmt: skip


def _communes_of_province(tables: Tables) -> float:
    """The communes Quyết định 2877 counts its targets in ("54/98" -> 98)."""
    dens = {
        o.of
        for o in tables.get(observations).values()
        if o.declared.source == SOURCE and o.declared.unit == "communes" and o.of
    }
    if len(dens) != 1:
        raise ValueError(f"{SOURCE}: expected one number of communes in its targets, found {sorted(dens)}")
    return dens.pop()


def _running_totals(tables: Tables) -> list[dict]:
    pb01 = tables.get(phu_bieu_01)
    yearly = pb01.yearly.sort_values(["level", "year"])
    document = tables.corpus[SOURCE]
    of = _communes_of_province(tables)
    rows = []
    for level, notes in yearly.groupby("level", sort=False):
        counts: list[int] = []
        for note in notes.itertuples():
            counts.append(int(note.communes))
            rows.append({
                "indicator": level_indicator(level), "area": "province", "as_of": f"{note.year}-12-31",
                "year": int(note.year), "value": float(sum(counts)), "of": of, "unit": "communes", "kind": "derived",
                "comparator": None, "source": note.source, "line": int(note.line),
                "evidence": " ".join(document.line(int(note.line)).split()),
                "formula": " + ".join(str(c) for c in counts),
                "note": "Running total of the yearly counts in the notes under Phụ biểu 01.",
            })  # fmt: skip
    return rows


def _stated(tables: Tables) -> list[dict]:
    return [
        {
            "indicator": o.declared.indicator,
            "area": o.declared.area,
            "as_of": f"{o.declared.year}-12-31",
            "year": o.declared.year,
            "value": o.value,
            "of": o.of,
            "unit": o.declared.unit,
            "kind": "actual",
            "comparator": None,
            "source": o.declared.source,
            "line": o.line,
            "evidence": o.evidence,
            "formula": None,
            "note": o.declared.note,
        }
        for o in tables.get(observations).values()
        if o.declared.topic == "ntm" and o.declared.kind == "actual"
    ]


def _reported(tables: Tables) -> list[dict]:
    return [
        {
            "indicator": f.indicator,
            "area": f.area,
            "as_of": f.as_of.isoformat(),
            "year": f.as_of.year,
            "value": f.value,
            "of": f.of,
            "unit": f.unit,
            "kind": "reported",
            "comparator": f.comparator,
            "source": f.source,
            "line": f.line,
            "evidence": f.quote,
            "formula": f.formula,
            "note": f.note,
        }
        for f in tables.get(reported_figures)
        if f.indicator.startswith("ntm_")
    ]


def _extract(tables: Tables) -> pd.DataFrame:
    rows = [*_running_totals(tables), *_stated(tables), *_reported(tables)]
    frame = pd.DataFrame.from_records(rows, columns=COLUMNS)
    for column in ("value", "of"):
        frame[column] = frame[column].astype(float)
    order = {"derived": 0, "actual": 1, "reported": 2}
    frame = frame.assign(_order=frame["kind"].map(order))
    return frame.sort_values(["indicator", "area", "as_of", "_order", "source", "line"], kind="stable").drop(
        columns="_order"
    )


DATASET = Dataset(
    name="ntm_levels",
    description=(
        "Communes and districts at each NTM level, date by date: running totals of Phụ biểu 01's yearly notes "
        "(derived), counts the documents state (actual) and counts reported later (reported), each with its "
        "denominator."
    ),
    source=f"qd2877_2022,bc06_2022,{REPORTED}",
    table="Quyết định 2877, Phụ biểu 01 (notes); Báo cáo 06, Phụ lục 2; data/raw/reported",
    schema=schema(
        {
            "indicator": pa.Column(str, pa.Check.str_startswith("ntm_")),
            "area": pa.Column(str, pa.Check.isin(AREAS)),
            "as_of": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
            "year": pa.Column(int, pa.Check.in_range(2010, 2030)),
            "value": pa.Column(float, pa.Check.ge(0)),
            "of": pa.Column(float, pa.Check.gt(0), nullable=True),
            "unit": pa.Column(str),
            "kind": pa.Column(str, pa.Check.isin(["derived", "actual", "reported"])),
            "comparator": pa.Column(str, pa.Check.isin(["about", ">", "<"]), nullable=True),
        },
        unique=["indicator", "area", "as_of", "kind", "source", "line"],
        checks=[
            pa.Check(lambda df: df["of"].isna() | (df["value"] <= df["of"]), error="a count above its whole")
        ],
    ).add_columns(
        {
            "evidence": pa.Column(str),
            "formula": pa.Column(str, nullable=True),
            "note": pa.Column(str, nullable=True),
        }
    ),
    extract=_extract,
    notes=(
        "as_of is the day a count describes: the end of the year for a year, the day printed otherwise. of is the "
        "number of communes (or districts) the count is out of, as the source prints it: 98 communes until the "
        "merger of 1 November 2024, 91 after it; 64 or 65 communes in the ethnic-minority area.",
        "Derived rows are running totals of the yearly counts under Phụ biểu 01 (formula lists the counts); a level "
        "appears from the first year the notes count it.",
        "Reported rows keep the source's own words: 'hoàn thành các tiêu chí' (met the criteria) and 'đạt chuẩn' "
        "(recognised) are not told apart; notes say which.",
    ),
)
