"""Reconciliation: the documents against their own totals (and against each other).

Every check compares two things a document prints, or a printed figure with
what its rows add up to. A disagreement is *reported* (status ``mismatch``, both
sides, and where each is printed), never corrected and never an exception:
analysts must see that a source contradicts itself before they quote it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import config
from .datasets import Tables
from .datasets.loans import INTEGER_COLUMNS, NUMERIC_COLUMNS, phu_luc_6
from .datasets.ntm import LEVELS, PlanTable, phu_bieu_01, phu_bieu_02, phu_bieu_03
from .places import resolve_district
from .sources import read_corpus
from .text import format_vn_number

__all__ = ["CheckResult", "check", "run_checks"]

COLUMNS = ["check", "status", "expected", "found", "detail", "source"]


@dataclass(frozen=True)
class CheckResult:
    check: str
    status: str  # "ok" | "mismatch"
    expected: Any  # what the document prints as the reference (a total, a stated figure)
    found: Any  # what its other figures give
    detail: str
    source: str  # "doc_id:line" of the reference figure


def _result(
    name: str, expected: Any, found: Any, detail: str, source: str, ok: bool | None = None
) -> CheckResult:
    ok = expected == found if ok is None else ok
    return CheckResult(name, "ok" if ok else "mismatch", expected, found, detail, source)


def _vn(value: float) -> str:
    return format_vn_number(value, 0 if float(value).is_integer() else 2)


# ----------------------------------------------------------------------------- loans


def loan_checks(tables: Tables) -> Iterable[CheckResult]:
    """District rows of Phụ lục 6 against the printed year totals and the grand total."""
    table = tables.get(phu_luc_6)
    frame, source = table.frame, "bc06_2022"
    for total in table.totals:
        rows = frame[frame["year"].isin(total.years)]
        lines = f"lines {rows['line'].min()}–{rows['line'].max()}"
        for column in NUMERIC_COLUMNS.values():
            printed = total.values[column]
            if column == "disbursement_rate_pct":
                found = round(100 * total.values["disbursed_mvnd"] / total.values["planned_mvnd"], 2)
                detail = f"printed rate vs disbursed / planned on the '{total.label}' row"
            else:
                found = rows[column].sum().item()
                found = found if column in INTEGER_COLUMNS else round(found, 2)
                detail = f"sum of {len(rows)} district rows ({lines}) vs the '{total.label}' row"
            if printed != found:
                detail += f": printed {_vn(printed)}, computed {_vn(found)}"
            yield _result(f"loans {total.label}: {column}", printed, found, detail, f"{source}:{total.line}")
    for year, rows in frame.groupby("year"):
        computed = (100 * rows["disbursed_mvnd"] / rows["planned_mvnd"]).round(2)
        wrong = rows[(computed - rows["disbursement_rate_pct"]).abs() > 0.005]
        detail = "each district's printed rate vs its disbursed / planned"
        if len(wrong):
            detail += ": differs on " + ", ".join(f"{r.district} (line {r.line})" for r in wrong.itertuples())
        first = f"{source}:{rows['line'].min()}"
        yield _result(
            f"loans {year}: disbursement rate per district",
            len(rows),
            len(rows) - len(wrong),
            detail,
            first,
        )


# ------------------------------------------------------------------------------- NTM


def _counts(marks: pd.DataFrame, levels: Iterable[str]) -> dict[tuple[str, int | None], int]:
    """How many units are marked in each (level, year) column of a plan table."""
    counts = {}
    for level in levels:
        of_level = marks[marks["level"] == level]
        counts[(level, None)] = int(of_level["achieved"].sum())
        for year in range(2022, 2026):
            counts[(level, year)] = int((of_level["year"] == year).sum())
    return counts


def _columns_text(counts: dict[tuple[str, int | None], int], level: str) -> str:
    return "/".join(str(v) for (lvl, _), v in counts.items() if lvl == level)


def _plan_count_checks(
    name: str, printed: dict, computed: dict, levels: Iterable[str], what: str, source: str
) -> Iterable[CheckResult]:
    for level in levels:
        expected, found = _columns_text(printed, level), _columns_text(computed, level)
        detail = f"{what}; columns Đã đạt chuẩn/2022/2023/2024/2025"
        if expected != found:
            detail += f": printed {expected}, rows give {found}"
        yield _result(f"{name} ({level})", expected, found, detail, source)


def _group_total_checks(table: PlanTable, name: str, source_id: str) -> Iterable[CheckResult]:
    """The last row ("66", "34", "13/13 huyện…") against the 'Cộng' row's columns of each group."""
    for level, (text, line) in table.group_totals.items():
        printed = int(text.split("/")[0].split()[0])
        found = sum(v for (lvl, _), v in table.total.counts.items() if lvl == level)
        detail = f"'{text}' vs the sum of the 'Cộng' row's {level} columns"
        yield _result(f"{name}: cumulative {level} total", printed, found, detail, f"{source_id}:{line}")


def ntm_checks(tables: Tables) -> Iterable[CheckResult]:
    source = "qd2877_2022"
    pb01 = tables.get(phu_bieu_01)
    yearly = pb01.yearly
    notes_lines = f"lines {yearly['line'].min()}–{yearly['line'].max()}"
    for level in LEVELS:
        printed, found = (
            pb01.total[level],
            int(yearly.loc[yearly["level"] == level, "communes"].sum()),
        )
        detail = f"'Cộng' row of Phụ biểu 01 vs the sum of the yearly notes ({notes_lines})"
        if printed != found:
            detail += f": the table counts {printed} communes, the notes add up to {found}"
        yield _result(
            f"Phụ biểu 01 'Cộng' vs yearly notes ({level})",
            printed,
            found,
            detail,
            f"{source}:{pb01.total_line}",
        )

    plan, table = tables.get(phu_bieu_02)
    for subtotal in table.subtotals:
        district = resolve_district(subtotal.label).place.name
        computed = _counts(plan[plan["district"] == district], ("advanced", "model"))
        yield from _plan_count_checks(
            f"Phụ biểu 02 subtotal {district}",
            subtotal.counts,
            computed,
            ("advanced", "model"),
            f"district row (line {subtotal.line}) vs its commune rows",
            f"{source}:{subtotal.line}",
        )
    total_source = f"{source}:{table.total.line}"
    yield from _plan_count_checks(
        "Phụ biểu 02 'Cộng' vs commune rows",
        table.total.counts,
        _counts(plan, ("advanced", "model")),
        ("advanced", "model"),
        "grand total vs all commune rows",
        total_source,
    )
    summed = {key: sum(s.counts[key] for s in table.subtotals) for key in table.total.counts}
    yield from _plan_count_checks(
        "Phụ biểu 02 'Cộng' vs district rows",
        table.total.counts,
        summed,
        ("advanced", "model"),
        "grand total vs the 13 district subtotal rows",
        total_source,
    )
    yield from _group_total_checks(table, "Phụ biểu 02", source)

    # Communes present in both tables: "Đã đạt chuẩn" in 02 iff 01 gives a year (≤ 2021).
    for level in ("advanced", "model"):
        years = pb01.communes.set_index(["district", "commune"])[f"year_{level}"]
        marks = plan[plan["level"] == level].set_index(["district", "commune"])
        disagree = []
        for key, year in years.items():
            achieved = key in marks.index and bool(marks.at[key, "achieved"])
            if achieved != pd.notna(year):
                planned = marks.at[key, "year"] if key in marks.index else None
                said_02 = (
                    "achieved" if achieved else (f"planned {planned}" if planned is not None else "no mark")
                )
                said_01 = f"reached in {year}" if pd.notna(year) else "no year"
                disagree.append(f"{key[1]} (01: {said_01}; 02: {said_02})")
        detail = (
            f"{len(years)} communes in both tables: 'Đã đạt chuẩn' in Phụ biểu 02 vs a year in Phụ biểu 01"
        )
        if disagree:
            detail += ": " + "; ".join(disagree)
        first_line = int(pb01.communes["line"].min())
        yield _result(
            f"Phụ biểu 02 achieved vs Phụ biểu 01 years ({level})",
            len(years),
            len(years) - len(disagree),
            detail,
            f"{source}:{first_line}",
        )

    district_plan, table3 = tables.get(phu_bieu_03)
    yield from _plan_count_checks(
        "Phụ biểu 03 'Cộng' vs district rows",
        table3.total.counts,
        _counts(district_plan, ("ntm", "advanced")),
        ("ntm", "advanced"),
        "grand total vs the district rows",
        f"{source}:{table3.total.line}",
    )
    yield from _group_total_checks(table3, "Phụ biểu 03", source)
    units = [resolve_district(u.name) for u in table3.units]
    for level, (text, line) in table3.group_totals.items():
        if "/" not in text:
            continue
        denominator = int(text.split("/")[1].split()[0])
        scope = (
            len(units)
            if level == "ntm"
            else sum(1 for u in units if (u.printed_type or u.place.type) == "huyện")
        )
        what = "all district-level units" if level == "ntm" else "units printed as 'Huyện'"
        detail = f"'{text}': denominator vs the number of {what} in the table"
        yield _result(f"Phụ biểu 03: {level} denominator", denominator, scope, detail, f"{source}:{line}")


CHECKS = [loan_checks, ntm_checks]


def run_checks(tables: Tables) -> pd.DataFrame:
    """All checks over already parsed tables."""
    results = [asdict(result) for check_fn in CHECKS for result in check_fn(tables)]
    return pd.DataFrame(results, columns=COLUMNS)


def check(raw_dir: Path = config.RAW_DIR) -> pd.DataFrame:
    """One row per consistency check: check, status (ok | mismatch), expected, found, detail, source."""
    return run_checks(Tables(read_corpus(raw_dir)))
