"""``scorecard``: every numeric target of the documents, assessed with everything reported since.

A view over ``targets``, the documents' own figures (``income``, ``poverty``, ``ntm_levels``) and the
results reported later (``reported``); :mod:`qnlib.scorecard` says how a target is assessed. The
dataset holds the assessment with every figure known; the notebook ``scorecard`` assesses as of a
chosen date with the same function.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

from ..progress import STATUSES
from ..scorecard import COLUMNS, from_datasets
from .base import REPORTED, Dataset, Tables, schema

__all__ = ["DATASET"]


def _frame(tables: Tables, name: str) -> pd.DataFrame:
    from . import get

    return tables.extracted(get(name))


def _extract(tables: Tables) -> pd.DataFrame:
    frames: dict[str, Any] = {
        n: _frame(tables, n) for n in ("targets", "income", "poverty", "ntm_levels", "reported")
    }
    base_years = {sid: tables.corpus[sid].source.base_year for sid in tables.corpus}
    frame = from_datasets(**frames, base_years=base_years)
    return frame.drop(columns=["source", "line"]).assign(source=frame["source"], line=frame["line"])


_TEXT = pa.Column(str, nullable=True)
_NUMBER = pa.Column(float, nullable=True)
_COLUMNS = [c for c in COLUMNS if c not in ("source", "line")]
_TYPES: dict[str, pa.Column] = {
    "topic": pa.Column(str),
    "indicator": pa.Column(str),
    "area": pa.Column(str),
    "unit": pa.Column(str),
    "comparator": pa.Column(str),
    "target": pa.Column(float),
    "target_year": pa.Column(int, pa.Check.in_range(2021, 2030)),
    "direction": pa.Column(int, pa.Check.isin([1, -1])),
    "measure": pa.Column(str),
    "assessed_as": pa.Column(
        str,
        pa.Check.isin(
            [
                "level",
                "share",
                "level_from_multiple",
                "level_from_reduction",
                "increase",
                "restates",
                "growth",
                "range",
            ]
        ),
    ),
    "base_line": pa.Column("Int64", nullable=True),
    "latest_line": pa.Column("Int64", nullable=True),
    "after_deadline": pa.Column(bool),
    "status": pa.Column(str, pa.Check.isin(STATUSES)),
    "confirmations": pa.Column(int, pa.Check.ge(0)),
    "counted": pa.Column(bool),
}
_FLOATS = ("value_max", "target_level", "base", "latest", "ratio", "observed_growth", "required_growth",
           "distance_covered")  # fmt: skip


def _typed(tables: Tables) -> pd.DataFrame:
    frame = _extract(tables)
    for column in ("base_line", "latest_line"):
        frame[column] = frame[column].astype("Int64")
    return frame


DATASET = Dataset(
    name="scorecard",
    description=(
        "Every numeric target of the documents (targets) with its base, the latest value reported for it (with "
        "its source and quotation) and its progress status by the Open SDG method (Statistics Canada): target "
        "achieved, on track, needs acceleration, limited progress, deterioration, or not assessable."
    ),
    source=f"bc06_2022,kh54_2024,qd2877_2022,nq2022_ocr,ctr35_2021,{REPORTED}",
    table="targets; income, poverty, ntm_levels (the documents' figures); reported",
    schema=schema(
        {c: _TYPES.get(c, _NUMBER if c in _FLOATS else _TEXT) for c in _COLUMNS},
        unique=["indicator", "area", "target_year", "source", "line"],
        checks=[
            pa.Check(
                lambda df: (df["status"] == "not_assessable") | df["latest"].notna(),
                error="a status needs a dated value",
            ),
            pa.Check(
                lambda df: (
                    (df["status"] == "not_assessable") | (df["assessed_as"] == "growth") | df["base"].notna()
                ),
                error="a status needs a base",
            ),
            pa.Check(
                lambda df: (df["status"] != "not_assessable") | df["reason"].notna(),
                error="a target that cannot be assessed says why",
            ),
        ],
    ),
    extract=_typed,
    notes=(
        "status: Open SDG's progress categories (Statistics Canada's method, sdg-build ProgressMeasure): "
        "target_achieved when the latest value meets the target; otherwise ratio R = observed ÷ required compound "
        "annual growth since the base, on_track (R ≥ 0,95), needs_acceleration (0,6 ≤ R < 0,95), limited_progress "
        "(0 ≤ R < 0,6), deterioration (R < 0); not_assessable with reason when there is no base or later value.",
        "base: the value at the target document's base year (sources.yml base_year: 2020 for 2021–2025), or the "
        "first value after it (base_rule first_after, the method's rule). latest: the value that judges the target: "
        "of its own year, or of the first year after it (after_deadline); among several, documents, official, "
        "state, attributed press, then press; alternatives lists the others (JSON).",
        "assessed_as: level; share (a count out of 98 communes while the values count out of 91 after the merger of "
        "1 November 2024: both turned into shares); level_from_multiple (×2 the 2020 income, as a level); "
        "level_from_reduction (a yearly cut, as the level it leads to from the base); increase (added to the base); "
        "restates (an increase that restates a level target of the same document: shown, not counted); growth (a "
        "growth rate: met or not assessable); range.",
        "distance_covered: the share of the way from the base to the target covered by the latest value.",
        "A poverty target is assessed with values of its own standard or of an unstated one (latest_flags says "
        "standard_unstated). confirmations: independent sources giving the latest value; an unattributed press "
        "figure that repeats an official or state one is not a second confirmation.",
    ),
)
