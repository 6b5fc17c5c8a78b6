"""Phụ biểu 01, 02 and 03 (NTM) against their own totals and against each other."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..datasets import Tables
from ..datasets.ntm import LEVELS, PlanTable, phu_bieu_01, phu_bieu_02, phu_bieu_03
from ..places import resolve_district
from ..vocabulary import PLAN_LEVELS
from .base import ACHIEVED, CheckResult, figure, summary, unit_counts

SOURCE = "qd2877_2022"
DISTRICT_LEVELS = ("ntm", "advanced")


def _columns_text(counts: dict[tuple[str, int | None], int], level: str) -> str:
    return "/".join(str(v) for (lvl, _), v in counts.items() if lvl == level)


def _plan_counts(check: str, key: str, printed: dict, computed: dict, levels: tuple[str, ...], source: str,
                 **values: object) -> Iterator[CheckResult]:  # fmt: skip
    """A printed row of (level × year) counts against what the rows give, one result per level."""
    for level in levels:
        yield figure(f"{check}/{level}", key, _columns_text(printed, level), _columns_text(computed, level),
                     source, level=level, **values)  # fmt: skip


def _group_totals(table: PlanTable, name: str) -> Iterator[CheckResult]:
    """The last row ("66", "34", "13/13 huyện…") against the 'Cộng' row's columns of each group."""
    for level, (text, line) in table.group_totals.items():
        printed = int(text.split("/")[0].split()[0])
        found = sum(v for (lvl, _), v in table.total.counts.items() if lvl == level)
        yield figure(f"{name}.cumulative/{level}", "plan_cumulative", printed, found, f"{SOURCE}:{line}",
                     other=f"{SOURCE}:{table.total.line}", table=name, level=level, text=text)  # fmt: skip


def pb01_total_vs_notes(tables: Tables) -> Iterator[CheckResult]:
    """Phụ biểu 01's 'Cộng' row against the yearly notes under it."""
    pb01 = tables.get(phu_bieu_01)
    yearly = pb01.yearly
    notes = f"{SOURCE}:{yearly['line'].min()}-{yearly['line'].max()}"
    for level in LEVELS:
        printed, found = pb01.total[level], int(yearly.loc[yearly["level"] == level, "communes"].sum())
        yield figure(f"pb01.total/{level}", "pb01_total", printed, found, f"{SOURCE}:{pb01.total_line}",
                     other=notes, level=level)  # fmt: skip


def pb02_subtotals(tables: Tables) -> Iterator[CheckResult]:
    """Each district subtotal row of Phụ biểu 02 against its commune rows."""
    plan, table = tables.get(phu_bieu_02)
    for subtotal in table.subtotals:
        district = resolve_district(subtotal.label).place.name
        computed = unit_counts(plan[plan["district"] == district], PLAN_LEVELS)
        yield from _plan_counts(f"pb02.subtotal/{district}", "pb02_subtotal", subtotal.counts, computed,
                                PLAN_LEVELS, f"{SOURCE}:{subtotal.line}", district=district)  # fmt: skip


def pb02_total(tables: Tables) -> Iterator[CheckResult]:
    """Phụ biểu 02's 'Cộng' row against all commune rows, the district rows and its last row."""
    plan, table = tables.get(phu_bieu_02)
    source = f"{SOURCE}:{table.total.line}"
    yield from _plan_counts("pb02.total_vs_communes", "pb02_total_communes", table.total.counts,
                            unit_counts(plan, PLAN_LEVELS), PLAN_LEVELS, source)  # fmt: skip
    summed = {key: sum(s.counts[key] for s in table.subtotals) for key in table.total.counts}
    yield from _plan_counts("pb02.total_vs_districts", "pb02_total_districts", table.total.counts, summed,
                            PLAN_LEVELS, source, districts=len(table.subtotals))  # fmt: skip
    yield from _group_totals(table, "pb02")


def _disagreements(years: pd.Series, marks: pd.DataFrame) -> list[dict[str, object]]:
    disagree = []
    for key, year in years.items():
        achieved = key in marks.index and bool(marks.at[key, "achieved"])
        if achieved != pd.notna(year):
            planned = marks.at[key, "year"] if key in marks.index else None
            disagree.append({"commune": key[1], "district": key[0], "achieved": achieved,
                             "planned": None if planned is None or pd.isna(planned) else int(planned),
                             "year": None if pd.isna(year) else int(year)})  # fmt: skip
    return disagree


def pb02_vs_pb01(tables: Tables) -> Iterator[CheckResult]:
    """Communes in both tables: "Đã đạt chuẩn" in Phụ biểu 02 iff Phụ biểu 01 gives a year."""
    pb01, (plan, _) = tables.get(phu_bieu_01), tables.get(phu_bieu_02)
    first = f"{SOURCE}:{int(pb01.communes['line'].min())}"
    for level in PLAN_LEVELS:
        years = pb01.communes.set_index(["district", "commune"])[f"year_{level}"]
        disagree = _disagreements(years, plan[plan["level"] == level].set_index(["district", "commune"]))
        for item in disagree:
            planned, year = item["planned"], item["year"]  # years as text: "2023", not a quantity
            printed = ACHIEVED if item["achieved"] else (None if planned is None else str(planned))
            yield figure(f"pb02.vs_pb01/{level}/{item['commune']}", "pb02_vs_pb01", printed,
                         None if year is None else str(year), first,
                         ok=False, level=level, **item)  # fmt: skip
        if not disagree:
            yield summary(
                f"pb02.vs_pb01/{level}", "pb02_vs_pb01_all", first, level=level, communes=len(years)
            )


def pb03_total(tables: Tables) -> Iterator[CheckResult]:
    """Phụ biểu 03's 'Cộng' row against its district rows, and its last row."""
    district_plan, table = tables.get(phu_bieu_03)
    yield from _plan_counts("pb03.total", "pb03_total", table.total.counts,
                            unit_counts(district_plan, DISTRICT_LEVELS), DISTRICT_LEVELS,
                            f"{SOURCE}:{table.total.line}")  # fmt: skip
    yield from _group_totals(table, "pb03")


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
        yield figure(f"pb03.denominator/{level}", "pb03_denominator", denominator, scope, f"{SOURCE}:{line}",
                     level=level, text=text)  # fmt: skip
