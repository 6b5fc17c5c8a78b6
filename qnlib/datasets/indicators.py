"""``income``, ``poverty`` and ``targets``: figures from the reports' prose, with their evidence.

All three are views of the declared observations (``qnlib/observations.yml``,
read by :mod:`qnlib.observations`): ``income`` and ``poverty`` hold every
observation of their topic (actual, target and derived) and, as kind ``reported``,
the results published after the documents on the same indicators (:mod:`qnlib.reported`,
their quotation as evidence); ``targets`` holds every target of every topic – the
2021–2025 target tables of Chương trình 35, the NTM targets of Quyết định 2877 and the
targets stated in the other documents.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

from ..observations import COMPARATORS, KINDS, Declared, Observation, read_observations
from ..reported import POVERTY_INDICATORS, ReportedFigure
from ..reported import STANDARDS as REPORTED_STANDARDS
from ..sources import Corpus
from .base import REPORTED, Dataset, Tables, schema
from .reported import figures as reported_figures

__all__ = ["DATASETS", "observation_frame", "observations"]

SOURCES = "bc06_2022,kh54_2024,qd2877_2022,nq2022_ocr,ctr35_2021"
TOPIC_KINDS = (*KINDS, "reported")
# The reported indicators that belong to a topic's series (the rest stay in `reported` alone).
TOPIC_INDICATORS = {
    "income": ("income_per_capita", "income_multiple_vs_2020", "income_growth"),
    "poverty": POVERTY_INDICATORS,
}
OCR_SOURCE = "nq2022_ocr"


def observations(corpus: Corpus) -> dict[str, Observation]:
    return read_observations(corpus)


def observation_frame(found: list[Observation], columns: list[str]) -> pd.DataFrame:
    """Observations as rows with the given columns (fields of the observation or its declaration)."""
    records = []
    for o in found:
        d = o.declared
        record = {
            "topic": d.topic,
            "indicator": d.indicator,
            "area": d.area,
            "year": d.year,
            "value": o.value,
            "value_max": o.value_max,
            "of": o.of,
            "unit": d.unit,
            "kind": d.kind,
            "comparator": d.comparator,
            "value_text": d.value_text,
            "standard": d.standard,
            "source": d.source,
            "line": o.line,
            "evidence": o.evidence,
            "formula": o.formula,
            "note": d.note,
        }
        records.append({c: record[c] for c in columns})
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in ("value", "value_max", "of"):
        if column in frame:
            frame[column] = frame[column].astype(float)
    frame = frame.sort_values(["indicator", "area", "year", "source"], kind="stable").reset_index(drop=True)
    if OCR_SOURCE in set(frame["source"]):
        frame.attrs["notes"] = [
            f"Rows from {OCR_SOURCE} come from OCR text whose diacritics are mostly lost or wrong: their "
            "evidence quotes the OCR as it is, matched without diacritics."
        ]
    return frame


def reported_rows(found: list[ReportedFigure], columns: list[str]) -> pd.DataFrame:
    """Reported figures as rows of a topic dataset: kind "reported", the quotation as evidence,
    the hedge ("about", ">") as comparator."""
    records = []
    for f in found:
        record = {"indicator": f.indicator, "area": f.area, "year": f.as_of.year, "value": f.value, "value_max": None, "of": f.of,
                  "unit": f.unit, "kind": "reported", "comparator": f.comparator, "value_text": None,
                  "standard": f.standard, "source": f.source, "line": f.line, "evidence": f.quote,
                  "formula": f.formula, "note": f.note, "topic": None}  # fmt: skip
        records.append({c: record[c] for c in columns})
    return pd.DataFrame.from_records(records, columns=columns)


def _view(
    columns: list[str], keep: Callable[[Declared], bool], topic: str | None = None
) -> Callable[[Tables], pd.DataFrame]:
    """A dataset made of the observations ``keep`` selects (and the reported figures of ``topic``)."""

    def extract(tables: Tables) -> pd.DataFrame:
        found = [o for o in tables.get(observations).values() if keep(o.declared)]
        frame = observation_frame(found, columns)
        if topic is None:
            return frame
        reported = [f for f in tables.get(reported_figures) if f.indicator in TOPIC_INDICATORS[topic]]
        notes = frame.attrs.get("notes", [])
        frame = pd.concat([frame, reported_rows(reported, columns)], ignore_index=True)
        frame["value"] = frame["value"].astype(float)
        frame = frame.sort_values(["indicator", "area", "year", "source"], kind="stable").reset_index(
            drop=True
        )
        frame.attrs["notes"] = notes
        return frame

    return extract


_COMMON = {
    "indicator": pa.Column(str),
    "area": pa.Column(
        str, pa.Check.isin(["province", "ethnic_mountain_border_island", "ethnic_minority", "rural", "urban"])
    ),
    "year": pa.Column(int, pa.Check.in_range(2015, 2030)),
    "value": pa.Column(float),
}
_EVIDENCE = {"evidence": pa.Column(str, pa.Check.str_length(min_value=3))}
_NOTE = {"note": pa.Column(str, nullable=True)}
_FORMULA = {"formula": pa.Column(str, nullable=True)}
_KIND = pa.Column(str, pa.Check.isin(TOPIC_KINDS))
_COMPARATOR = pa.Column(str, pa.Check.isin(COMPARATORS), nullable=True)
_TOPIC_COLUMNS = ["indicator", "area", "year", "value", "unit", "kind", "comparator", "source", "line"]
_TOPIC_COLUMNS += ["evidence", "formula", "note"]
_TOPIC_NOTES = (
    "kind: actual (stated by a document), target, derived (implied by a document, e.g. the 2023 income from "
    "'100,0 … tăng 26,652 … so với năm 2023') or reported (published after the documents: source is the "
    "article in the dataset `reported`, line the line of its quotation there); evidence is the phrase that "
    "states it; formula shows how a derived value is computed from numbers printed in its evidence.",
    "comparator: a target's (=, about, >=, …), or a reported figure's hedge (about for 'cơ bản', 'ước', "
    "'nearly'; > for 'trên'); actual and derived figures have none.",
    "A per-year target (e.g. a yearly reduction over 2021–2025) carries the last year of its period; a reported "
    "figure carries the year of the day it describes.",
)


def _topic_dataset(name: str, description: str, table: str, notes: tuple[str, ...]) -> Dataset:
    """``income`` or ``poverty``: every observation of that topic, actual, derived or target, and the
    figures reported later on its indicators."""
    standard = {"standard": pa.Column(str, pa.Check.isin(REPORTED_STANDARDS))} if name == "poverty" else {}
    columns = {**_COMMON, "unit": pa.Column(str), **standard, "kind": _KIND, "comparator": _COMPARATOR}
    own = [*_TOPIC_COLUMNS[:5], *standard, *_TOPIC_COLUMNS[5:]]  # every poverty figure names its standard
    key = ["indicator", "area", "year", "kind", "source", *standard]
    checks = [
        pa.Check(
            lambda df: (df["kind"] != "target") | df["comparator"].notna(), error="targets have a comparator"
        ),
        pa.Check(
            lambda df: ~df["kind"].isin(["actual", "derived"]) | df["comparator"].isna(),
            error="actual and derived figures have no comparator",
        ),
        pa.Check(
            lambda df: (df["kind"] != "derived") | df["formula"].notna(), error="derived rows have a formula"
        ),
        pa.Check(
            lambda df: ~df["kind"].isin(["actual", "target"]) | df["formula"].isna(),
            error="only derived and reported rows have a formula",
        ),
    ]
    frame_schema = schema(columns, unique=key, checks=checks)
    return Dataset(
        name=name,
        description=description,
        source=f"{SOURCES},{REPORTED}",
        table=table,
        schema=frame_schema.add_columns({**_EVIDENCE, **_FORMULA, **_NOTE}),
        extract=_view(own, lambda d: d.topic == name, topic=name),
        notes=(*_TOPIC_NOTES, *notes),
    )


DATASETS = [
    _topic_dataset(
        "income",
        "Income per capita, its growth and its targets (as multiples of 2020), from the reports' prose.",
        "Narrative text (Báo cáo 06 Phụ lục 2, Kế hoạch 54, Quyết định 2877, Chương trình 35)",
        notes=(
            "Reported results do not all name their area the same way: one source files 73,348 (2023) under the "
            "whole province ('trên địa bàn tỉnh'), another 84,14 (2024) under the rural area; each is kept as "
            "printed and `qnlib check` compares them.",
            "The 2024 plan (kh54_2024) words its area 'vùng nông thôn, vùng đồng bào DTTS, miền núi, biên giới, "
            "hải đảo' and measures it against the 2020 base of the ethnic-minority area (×2,2); qnlib files it "
            "under ethnic_mountain_border_island.",
        ),
    ),
    _topic_dataset(
        "poverty",
        "Poor households, poverty rates, the ethnic-minority share and the poverty-reduction targets.",
        "Narrative text (Báo cáo 06 Phụ lục 2, Kế hoạch 54, Nghị quyết 2022 (OCR), Chương trình 35)",
        notes=(
            "standard: the poverty standard a figure counts by – central (the Government's multidimensional "
            "standard of 2021–2025), provincial (Nghị quyết 13/2023/NQ-HĐND, about 1,4 times higher, from 2023) or "
            "unstated (a reported figure whose source does not say). Figures of different standards are not one "
            "series.",
        ),
    ),
    Dataset(
        name="targets",
        description=(
            "Every target the documents state: the 2021–2025 target tables of Chương trình 35, the NTM targets of "
            "Quyết định 2877 (communes, villages, districts by 2022 and 2025) and the targets in the other documents."
        ),
        source=SOURCES,
        table="Chương trình 35 target tables; Quyết định 2877 §4.2; narrative targets of the other documents",
        schema=schema(
            {
                "topic": pa.Column(
                    str, pa.Check.isin(["income", "poverty", "ntm", "economy", "society", "environment"])
                ),
                **_COMMON,
                "value": pa.Column(float, nullable=True),
                "value_max": pa.Column(float, nullable=True),
                "of": pa.Column(float, pa.Check.gt(0), nullable=True),
                "unit": pa.Column(str),
                "comparator": pa.Column(str, pa.Check.isin(COMPARATORS)),
                "value_text": pa.Column(str, nullable=True),
            },
            unique=["indicator", "area", "year", "source"],
            checks=[
                pa.Check(
                    lambda df: (df["comparator"] == "between") == df["value_max"].notna(),
                    error="ranges, and only ranges, have value_max",
                ),
                pa.Check(
                    lambda df: (
                        ((df["comparator"] == "text") == df["value_text"].notna())
                        & (df["value"].isna() == df["value_text"].notna())
                    ),
                    error="targets stated in words, and only those, have value_text and no value",
                ),
            ],
        ).add_columns({**_EVIDENCE, **_NOTE}),
        extract=_view(
            [
                "topic",
                "indicator",
                "area",
                "year",
                "value",
                "value_max",
                "of",
                "unit",
                "comparator",
                "value_text",
                "source",
                "line",
                "evidence",
                "note",
            ],
            lambda d: d.kind == "target",
        ),
        notes=(
            "comparator: = a level to reach ('đạt'), about ('khoảng'), >= ('ít nhất', 'từ'), > ('trên'), "
            "< ('dưới'), between (a range such as '49-50': value is the lower bound, value_max the upper).",
            "A target for a period carries the period's last year (2025 for 2021–2025). of: the whole a count is "
            "out of, when the document prints it ('58/98' -> 98).",
            "A target stated in words (a rank such as 'Nhóm dẫn đầu cả nước', 'Vượt chỉ tiêu TW giao', "
            "'> mức trung bình cả nước', or 'hoàn thành nhiệm vụ xây dựng nông thôn mới') has comparator 'text', "
            "no value, and its words in value_text: nothing the documents state is dropped.",
        ),
    ),
]
