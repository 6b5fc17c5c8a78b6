"""Phụ biểu 01, 02 and 03 (NTM) against their own totals and against each other."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..datasets import Tables
from ..datasets.ntm import LEVELS, PlanTable, phu_bieu_01, phu_bieu_02, phu_bieu_03
from ..places import resolve_district
from ..vocabulary import PLAN_LEVELS
from .base import CheckResult, result, unit_counts

SOURCE = "qd2877_2022"
DISTRICT_LEVELS = ("ntm", "advanced")


def _columns_text(counts: dict[tuple[str, int | None], int], level: str) -> str:
    return "/".join(str(v) for (lvl, _), v in counts.items() if lvl == level)


def _plan_counts(name: str, printed: dict, computed: dict, levels: tuple[str, ...], what: str,
                 source: str) -> Iterator[CheckResult]:  # fmt: skip
    """A printed row of (level × year) counts against what the rows give, one result per level."""
    for level in levels:
        expected, found = _columns_text(printed, level), _columns_text(computed, level)
        detail = f"{what}; columns Đã đạt chuẩn/2022/2023/2024/2025"
        if expected != found:
            detail += f": printed {expected}, rows give {found}"
        yield result(f"{name} ({level})", expected, found, detail, source)


def _group_totals(table: PlanTable, name: str) -> Iterator[CheckResult]:
    """The last row ("66", "34", "13/13 huyện…") against the 'Cộng' row's columns of each group."""
    for level, (text, line) in table.group_totals.items():
        printed = int(text.split("/")[0].split()[0])
        found = sum(v for (lvl, _), v in table.total.counts.items() if lvl == level)
        detail = f"'{text}' vs the sum of the 'Cộng' row's {level} columns"
        yield result(f"{name}: cumulative {level} total", printed, found, detail, f"{SOURCE}:{line}")


def pb01_total_vs_notes(tables: Tables) -> Iterator[CheckResult]:
    """Phụ biểu 01's 'Cộng' row against the yearly notes under it."""
    pb01 = tables.get(phu_bieu_01)
    yearly = pb01.yearly
    notes_lines = f"lines {yearly['line'].min()}–{yearly['line'].max()}"
    for level in LEVELS:
        printed, found = pb01.total[level], int(yearly.loc[yearly["level"] == level, "communes"].sum())
        detail = f"'Cộng' row of Phụ biểu 01 vs the sum of the yearly notes ({notes_lines})"
        if printed != found:
            detail += f": the table counts {printed} communes, the notes add up to {found}"
        yield result(f"Phụ biểu 01 'Cộng' vs yearly notes ({level})", printed, found, detail,
                     f"{SOURCE}:{pb01.total_line}")  # fmt: skip


def pb02_subtotals(tables: Tables) -> Iterator[CheckResult]:
    """Each district subtotal row of Phụ biểu 02 against its commune rows."""
    plan, table = tables.get(phu_bieu_02)
    for subtotal in table.subtotals:
        district = resolve_district(subtotal.label).place.name
        computed = unit_counts(plan[plan["district"] == district], PLAN_LEVELS)
        yield from _plan_counts(f"Phụ biểu 02 subtotal {district}", subtotal.counts, computed, PLAN_LEVELS,
                                f"district row (line {subtotal.line}) vs its commune rows",
                                f"{SOURCE}:{subtotal.line}")  # fmt: skip


def pb02_total(tables: Tables) -> Iterator[CheckResult]:
    """Phụ biểu 02's 'Cộng' row against all commune rows, the district rows and its last row."""
    plan, table = tables.get(phu_bieu_02)
    source = f"{SOURCE}:{table.total.line}"
    yield from _plan_counts("Phụ biểu 02 'Cộng' vs commune rows", table.total.counts,
                            unit_counts(plan, PLAN_LEVELS), PLAN_LEVELS, "grand total vs all commune rows", source)  # fmt: skip
    summed = {key: sum(s.counts[key] for s in table.subtotals) for key in table.total.counts}
    yield from _plan_counts("Phụ biểu 02 'Cộng' vs district rows", table.total.counts, summed, PLAN_LEVELS,
                            "grand total vs the 13 district subtotal rows", source)  # fmt: skip
    yield from _group_totals(table, "Phụ biểu 02")


def _disagreements(years: pd.Series, marks: pd.DataFrame) -> list[str]:
    disagree = []
    for key, year in years.items():
        achieved = key in marks.index and bool(marks.at[key, "achieved"])
        if achieved != pd.notna(year):
            planned = marks.at[key, "year"] if key in marks.index else None
            said_02 = "achieved" if achieved else (f"planned {planned}" if planned is not None else "no mark")
            said_01 = f"reached in {year}" if pd.notna(year) else "no year"
            disagree.append(f"{key[1]} (01: {said_01}; 02: {said_02})")
    return disagree


def pb02_vs_pb01(tables: Tables) -> Iterator[CheckResult]:
    """Communes in both tables: "Đã đạt chuẩn" in Phụ biểu 02 iff Phụ biểu 01 gives a year."""
    pb01, (plan, _) = tables.get(phu_bieu_01), tables.get(phu_bieu_02)
    for level in PLAN_LEVELS:
        years = pb01.communes.set_index(["district", "commune"])[f"year_{level}"]
        disagree = _disagreements(years, plan[plan["level"] == level].set_index(["district", "commune"]))
        detail = (
            f"{len(years)} communes in both tables: 'Đã đạt chuẩn' in Phụ biểu 02 vs a year in Phụ biểu 01"
        )
        if disagree:
            detail += ": " + "; ".join(disagree)
        yield result(f"Phụ biểu 02 achieved vs Phụ biểu 01 years ({level})", len(years),
                     len(years) - len(disagree), detail, f"{SOURCE}:{int(pb01.communes['line'].min())}")  # fmt: skip


def pb03_total(tables: Tables) -> Iterator[CheckResult]:
    """Phụ biểu 03's 'Cộng' row against its district rows, and its last row."""
    district_plan, table = tables.get(phu_bieu_03)
    yield from _plan_counts("Phụ biểu 03 'Cộng' vs district rows", table.total.counts,
                            unit_counts(district_plan, DISTRICT_LEVELS), DISTRICT_LEVELS,
                            "grand total vs the district rows", f"{SOURCE}:{table.total.line}")  # fmt: skip
    yield from _group_totals(table, "Phụ biểu 03")


def pb03_denominators(tables: Tables) -> Iterator[CheckResult]:
    """ "13/13", "5/7 huyện": the denominators against the units the table lists."""
    _, table = tables.get(phu_bieu_03)
    units = [resolve_district(u.name) for u in table.units]
    for level, (text, line) in table.group_totals.items():
        if "/" not in text:
            continue
        denominator = int(text.split("/")[1].split()[0])
        rural = sum(1 for u in units if (u.printed_type or u.place.type) == "huyện")
        scope = len(units) if level == "ntm" else rural
        what = "all district-level units" if level == "ntm" else "units printed as 'Huyện'"
        detail = f"'{text}': denominator vs the number of {what} in the table"
        yield result(f"Phụ biểu 03: {level} denominator", denominator, scope, detail, f"{SOURCE}:{line}")
