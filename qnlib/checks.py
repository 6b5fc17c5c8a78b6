"""Reconciliation: the documents against their own totals (and against each other).

Every check compares two things a document prints, or a printed figure with
what its rows add up to. A disagreement is *reported* (status ``mismatch``, both
sides, and where each is printed), never corrected and never an exception:
analysts must see that a source contradicts itself before they quote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from . import config
from .datasets import Tables
from .datasets.indicators import observations
from .datasets.loans import INTEGER_COLUMNS, NUMERIC_COLUMNS, phu_luc_6
from .datasets.ntm import LEVELS, PlanTable, phu_bieu_01, phu_bieu_02, phu_bieu_03
from .errors import ParseError
from .observations import Observation, SearchText
from .places import find_commune, resolve_district
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


# ---------------------------------------------------------------- across documents


def _rounded(value: float, decimals: int) -> float:
    """Round half up, as documents do (Python's round() rounds half to even)."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def _stated_vs_computed(name: str, stated: Observation, computed: float, how: str) -> CheckResult:
    """A figure the document states against what its related figures give, at the printed precision."""
    found = _rounded(computed, stated.decimals)
    detail = (
        f"{how} = {computed:.4g}, which rounds to {format_vn_number(found, stated.decimals)}; "
        f"the document prints {stated.printed} ({stated.where})"
    )
    return _result(name, stated.value, found, detail, stated.where)


_SATISFIES = {
    "=": lambda found, target: found == target,
    ">=": lambda found, target: found >= target,
    ">": lambda found, target: found > target,
    "<=": lambda found, target: found <= target,
    "<": lambda found, target: found < target,
    "about": lambda found, target: abs(found - target) <= 0.05 * abs(target),
}


def _target_vs_plan(name: str, target: Observation, planned: float, how: str) -> CheckResult:
    """A target stated in prose against what the plan tables add up to for the same year."""
    comparator = target.declared.comparator
    ok = _SATISFIES[comparator](planned, target.value)
    wording = {
        "=": "",
        ">=": "at least ",
        ">": "more than ",
        "<": "less than ",
        "<=": "at most ",
        "about": "about ",
    }
    detail = (
        f"{target.declared.source} sets {wording[comparator]}{target.printed} ({target.where}); {how} gives "
        f"{format_vn_number(planned, 1 if not float(planned).is_integer() else 0)}"
    )
    return _result(name, target.value, planned, detail, target.where, ok=ok)


def _plan_by(plan: pd.DataFrame, level: str, year: int) -> int:
    """Units of ``level`` achieved or planned by the end of ``year`` in a plan table."""
    of_level = plan[plan["level"] == level]
    return int(of_level["achieved"].sum() + (of_level["year"] <= year).sum())


def _named_communes(sentence: str) -> list[str]:
    """Commune names in a list such as "Xã Quảng Nghĩa (TP Móng Cái), xã Cái Chiên (…)"; not "Thị xã …"."""
    return re.findall(r"(?<![Tt]hị )[Xx]ã ((?:[A-ZĐ]\w*)(?: [A-ZĐ]\w*)*)", sentence)


def cross_checks(tables: Tables) -> Iterable[CheckResult]:
    """The documents' stated growth rates, shares, multiples and targets against the figures
    they relate to, in the same document and across documents."""
    obs = tables.get(observations)
    plan, _ = tables.get(phu_bieu_02)
    district_plan, _ = tables.get(phu_bieu_03)
    pb01 = tables.get(phu_bieu_01)

    # Income and poverty.
    income_2020, income_2021 = obs["income_2020_dtts"], obs["income_2021_dtts"]
    yield _stated_vs_computed(
        "cross: income growth 2020→2021 (bc06)",
        obs["income_growth_2021_dtts"],
        100 * (income_2021.value / income_2020.value - 1),
        f"{income_2021.printed} / {income_2020.printed} − 1",
    )
    poor, poor_em = obs["poor_households_2021"], obs["poor_households_2021_em"]
    yield _stated_vs_computed(
        "cross: ethnic-minority share of poor households 2021 (bc06)",
        obs["em_share_of_poor_2021"],
        100 * poor_em.value / poor.value,
        f"{poor_em.printed} / {poor.printed} poor households",
    )
    multiple = obs["income_multiple_2024_target_dtts"]
    target_2024 = obs["income_2024_target_dtts"]
    yield _stated_vs_computed(
        "cross: 2024 income target as a multiple of 2020 (kh54 vs bc06)",
        multiple,
        target_2024.value / income_2020.value,
        f"{target_2024.printed} ({target_2024.where}) / {income_2020.printed} ({income_2020.where})",
    )
    # 0,11% of all households should be about 411 households; every figure is rounded, so the check
    # accepts any count the printed precision allows.
    rate_2021, reduction, households = (
        obs["poverty_rate_2021"],
        obs["poverty_reduction_2022_target"],
        obs["poor_households_reduction_2022_target"],
    )

    def half(o: Observation) -> float:  # half a unit of the last printed digit
        return 0.5 * 10**-o.decimals

    low = (reduction.value - half(reduction)) / (rate_2021.value + half(rate_2021)) * poor.value
    high = (reduction.value + half(reduction)) / (rate_2021.value - half(rate_2021)) * poor.value
    point = reduction.value / rate_2021.value * poor.value
    yield _result(
        "cross: 2022 poverty reduction, rate vs households (nq2022 vs bc06)",
        households.value,
        round(point),
        f"{reduction.printed}% ({reduction.where}) of all households, which {poor.printed} poor households = "
        f"{rate_2021.printed}% imply ({poor.where}), is {point:.0f} households ({low:.0f}–{high:.0f} within "
        f"the printed precision); the resolution says {households.printed} ({households.where})",
        households.where,
        ok=low <= households.value <= high,
    )

    # Shares and increments stated next to their counts.
    for share_id, count_id in [
        ("ntm_advanced_share_2022", "ntm_advanced_communes_2022"),
        ("ntm_model_share_2022", "ntm_model_communes_2022"),
        ("ntm_villages_share_2022", "ntm_villages_2022"),
        ("ntm_advanced_districts_share_2025", "ntm_advanced_districts_2025"),
        ("ntm_advanced_share_2025", "ntm_advanced_communes_2025"),
        ("ntm_model_share_2025", "ntm_model_communes_2025"),
        ("ntm_villages_share_2025", "ntm_villages_2025"),
        ("ntm_advanced_share_2021_dtts", "ntm_advanced_2021_dtts"),
        ("ntm_model_share_2021_dtts", "ntm_model_2021_dtts"),
    ]:
        share, count = obs[share_id], obs[count_id]
        yield _stated_vs_computed(
            f"cross: {share.declared.indicator} {share.declared.year} ({share.declared.source})",
            share,
            100 * count.value / count.of,
            f"{count.printed}/{format_vn_number(count.of)}",
        )
    for increase_id, end_id, start_id in [
        ("ntm_advanced_increase_2025", "ntm_advanced_communes_2025", "ntm_advanced_communes_2022"),
        ("ntm_model_increase_2025", "ntm_model_communes_2025", "ntm_model_communes_2022"),
        ("ntm_villages_increase_2025", "ntm_villages_2025", "ntm_villages_2022"),
        (
            "ntm_advanced_districts_increase_2025",
            "ntm_advanced_districts_2025",
            "ntm_advanced_districts_2022",
        ),
    ]:
        increase, end, start = obs[increase_id], obs[end_id], obs[start_id]
        yield _stated_vs_computed(
            f"cross: {increase.declared.indicator} 2022→2025 (qd2877)",
            increase,
            end.value - start.value,
            f"{end.printed} ({end.where}) − {start.printed} ({start.where})",
        )

    # NTM targets in prose against what the plan tables add up to for the same year.
    tables_02, tables_03 = "Phụ biểu 02 (achieved + planned)", "Phụ biểu 03 (achieved + planned)"
    for target_id, level, year in [
        ("ntm_advanced_communes_2022", "advanced", 2022),
        ("ntm_model_communes_2022", "model", 2022),
        ("ntm_advanced_communes_2025", "advanced", 2025),
        ("ntm_model_communes_2025", "model", 2025),
    ]:
        target = obs[target_id]
        yield _target_vs_plan(
            f"cross: {level} communes by {year}, prose vs Phụ biểu 02",
            target,
            _plan_by(plan, level, year),
            tables_02,
        )
    for target_id, year in [("ntm_advanced_districts_2022", 2022), ("ntm_advanced_districts_2025", 2025)]:
        yield _target_vs_plan(
            f"cross: advanced districts by {year}, prose vs Phụ biểu 03",
            obs[target_id],
            _plan_by(district_plan, "advanced", year),
            tables_03,
        )
    completed_2022 = int((district_plan.query("level == 'ntm'")["year"] == 2022).sum())
    yield _target_vs_plan(
        "cross: districts completing NTM in 2022, prose vs Phụ biểu 03",
        obs["ntm_districts_added_2022"],
        completed_2022,
        "Phụ biểu 03 (planned 2022)",
    )
    n_districts = district_plan["district"].nunique()
    yield _target_vs_plan(
        "cross: districts completing NTM by 2022 (share), prose vs Phụ biểu 03",
        obs["ntm_districts_share_2022"],
        100 * _plan_by(district_plan, "ntm", 2022) / n_districts,
        f"Phụ biểu 03 ({n_districts} districts, %)",
    )
    n_communes = pb01.total["ntm"]
    for level in ("advanced", "model"):
        yield _target_vs_plan(
            f"cross: {level} communes by 2023 (share), Chương trình 35 vs Phụ biểu 02",
            obs[f"ntm_{level}_share_2023_target"],
            round(100 * _plan_by(plan, level, 2023) / n_communes, 1),
            f"Phụ biểu 02 (% of {n_communes} communes)",
        )
        yield _target_vs_plan(
            f"cross: {level} communes added in 2022, Nghị quyết 2022 (OCR) vs Phụ biểu 02",
            obs[f"ntm_{level}_added_2022_ocr"],
            int((plan.query("level == @level")["year"] == 2022).sum()),
            "Phụ biểu 02 (planned 2022)",
        )
    yield _target_vs_plan(
        "cross: districts completing NTM in 2022, Nghị quyết 2022 (OCR) vs Phụ biểu 03",
        obs["ntm_districts_added_2022_ocr"],
        completed_2022,
        "Phụ biểu 03 (planned 2022)",
    )

    # Yearly counts (notes under Phụ biểu 01) against the commune-level tables.
    yearly = pb01.yearly
    for level in ("advanced", "model"):
        noted = int(yearly.loc[yearly["level"] == level, "communes"].sum())
        achieved = int(plan.query("level == @level")["achieved"].sum())
        lines = f"{yearly['line'].min()}–{yearly['line'].max()}"
        detail = (
            f"yearly notes of Phụ biểu 01 (lines {lines}) vs communes marked 'Đã đạt chuẩn' in Phụ biểu 02"
        )
        if noted != achieved:
            detail += f": the notes add up to {noted}, Phụ biểu 02 marks {achieved}"
        yield _result(f"cross: {level} communes by 2021, yearly notes vs Phụ biểu 02", achieved, noted, detail,
                      f"qd2877_2022:{int(plan['line'].min())}")  # fmt: skip
    communes = pb01.communes
    for level in LEVELS:
        column = communes[f"year_{level}"]
        noted = yearly[yearly["level"] == level].set_index("year")["communes"]
        over = [
            f"{year}: {n} rows > {noted.get(year, 0)} noted"
            for year, n in column.value_counts().items()
            if n > noted.get(year, 0)
        ]
        detail = (
            f"the {len(communes)} rows present of Phụ biểu 01 never count more communes reaching {level} in a "
            "year than the notes do (the copy is partial, so only this bound can be checked)"
        )
        if over:
            detail += ": " + "; ".join(over)
        years = column.dropna().nunique()
        yield _result(f"cross: Phụ biểu 01 rows vs yearly notes ({level})", years, years - len(over), detail,
                      f"qd2877_2022:{int(yearly['line'].min())}")  # fmt: skip

    # The communes the 2022 report names for 2022 against the years Phụ biểu 02 plans.
    report = tables.corpus["bc06_2022"]
    text = SearchText(report.lines)
    for level, count_phrase in [
        ("advanced", "xã đạt chuẩn nông thôn mới nâng cao ("),
        ("model", "xã đạt chuẩn nông thôn mới kiểu mẫu ("),
    ]:
        anchor = "Kế hoạch đến hết năm 2022 có thêm"
        spans = text.find(anchor)
        if len(spans) != 1:
            raise ParseError(f"one sentence starting {anchor!r} in Phụ lục 2", file=report.name)
        sentence = text.text[spans[0][0] : text.text.find("hoàn thành nhiệm vụ", spans[0][0])]
        start = sentence.find(count_phrase)
        part = sentence[start:]
        if level == "advanced":
            part = part[: part.find("xã đạt chuẩn nông thôn mới kiểu mẫu")]
        stated = int(re.search(r"(\d+) $", sentence[:start]).group(1))
        names = _named_communes(part)
        line = text.line_at(spans[0][0] + start)
        planned = plan[plan["level"] == level]
        differ = []
        for name in names:
            commune = find_commune(name, line=line)
            row = planned[(planned["district"] == commune.district) & (planned["commune"] == commune.name)]
            year = (
                "achieved"
                if len(row) and row["achieved"].iloc[0]
                else (row["year"].iloc[0] if len(row) else None)
            )
            if year != 2022:
                where = f"line {row['line'].iloc[0]}" if len(row) else "no mark"
                differ.append(f"{commune.name}: Phụ biểu 02 says {year or 'no plan'} ({where})")
        detail = f"bc06 names {len(names)} communes ({', '.join(names)}) for {level} NTM in 2022"
        if stated != len(names):
            differ.append(f"the sentence says {stated:02d} but names {len(names)}")
        if differ:
            detail += "; " + "; ".join(differ)
        yield _result(
            f"cross: {level} communes named for 2022, bc06 vs Phụ biểu 02",
            len(names),
            len(names) - len(differ),
            detail,
            f"bc06_2022:{line}",
        )


CHECKS = [loan_checks, ntm_checks, cross_checks]


def run_checks(tables: Tables) -> pd.DataFrame:
    """All checks over already parsed tables."""
    results = [asdict(result) for check_fn in CHECKS for result in check_fn(tables)]
    return pd.DataFrame(results, columns=COLUMNS)


def check(raw_dir: Path = config.RAW_DIR) -> pd.DataFrame:
    """One row per consistency check: check, status (ok | mismatch), expected, found, detail, source."""
    return run_checks(Tables(read_corpus(raw_dir)))
