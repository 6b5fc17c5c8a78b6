"""Across documents: stated growth rates, shares, multiples and targets against the figures they
relate to (checks named ``cross: …``)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..analysis import plan_by
from ..datasets import Tables
from ..datasets.indicators import observations
from ..datasets.named import communes_named_for_2022
from ..datasets.ntm import LEVELS, phu_bieu_01, phu_bieu_02, phu_bieu_03
from ..observations import Observation
from ..text import format_vn_number
from ..vocabulary import PLAN_LEVELS
from .base import CheckResult, result, stated_vs_computed, target_vs_plan

SHARES = [  # (stated share, the count it is a share of)
    ("ntm_advanced_share_2022", "ntm_advanced_communes_2022"),
    ("ntm_model_share_2022", "ntm_model_communes_2022"),
    ("ntm_villages_share_2022", "ntm_villages_2022"),
    ("ntm_advanced_districts_share_2025", "ntm_advanced_districts_2025"),
    ("ntm_advanced_share_2025", "ntm_advanced_communes_2025"),
    ("ntm_model_share_2025", "ntm_model_communes_2025"),
    ("ntm_villages_share_2025", "ntm_villages_2025"),
    ("ntm_advanced_share_2021_dtts", "ntm_advanced_2021_dtts"),
    ("ntm_model_share_2021_dtts", "ntm_model_2021_dtts"),
]
INCREMENTS = [  # (stated increase, end, start)
    ("ntm_advanced_increase_2025", "ntm_advanced_communes_2025", "ntm_advanced_communes_2022"),
    ("ntm_model_increase_2025", "ntm_model_communes_2025", "ntm_model_communes_2022"),
    ("ntm_villages_increase_2025", "ntm_villages_2025", "ntm_villages_2022"),
    ("ntm_advanced_districts_increase_2025", "ntm_advanced_districts_2025", "ntm_advanced_districts_2022"),
]
COMMUNE_TARGETS = [  # (prose target, level, year) against Phụ biểu 02
    ("ntm_advanced_communes_2022", "advanced", 2022),
    ("ntm_model_communes_2022", "model", 2022),
    ("ntm_advanced_communes_2025", "advanced", 2025),
    ("ntm_model_communes_2025", "model", 2025),
]


def _completing_ntm_in(district_plan: pd.DataFrame, year: int) -> int:
    """District-level units Phụ biểu 03 plans to complete NTM in ``year``."""
    return int((district_plan.query("level == 'ntm'")["year"] == year).sum())


def income_and_poverty(tables: Tables) -> Iterator[CheckResult]:
    """Income growth, the ethnic-minority share of the poor, the 2024 income multiple."""
    obs = tables.get(observations)
    income_2020, income_2021 = obs["income_2020_dtts"], obs["income_2021_dtts"]
    yield stated_vs_computed("cross: income growth 2020→2021 (bc06)", obs["income_growth_2021_dtts"],
                             100 * (income_2021.value / income_2020.value - 1),
                             f"{income_2021.printed} / {income_2020.printed} − 1")  # fmt: skip
    poor, poor_em = obs["poor_households_2021"], obs["poor_households_2021_em"]
    yield stated_vs_computed("cross: ethnic-minority share of poor households 2021 (bc06)",
                             obs["em_share_of_poor_2021"], 100 * poor_em.value / poor.value,
                             f"{poor_em.printed} / {poor.printed} poor households")  # fmt: skip
    target = obs["income_2024_target_dtts"]
    yield stated_vs_computed("cross: 2024 income target as a multiple of 2020 (kh54 vs bc06)",
                             obs["income_multiple_2024_target_dtts"], target.value / income_2020.value,
                             f"{target.printed} ({target.where}) / {income_2020.printed} ({income_2020.where})")  # fmt: skip


def _half(o: Observation) -> float:
    """Half a unit of the last printed digit."""
    return 0.5 * 10**-o.decimals


def poverty_reduction_households(tables: Tables) -> Iterator[CheckResult]:
    """0,11% of all households should be about 411 households; every figure is rounded, so the
    check accepts any count the printed precision allows."""
    obs = tables.get(observations)
    poor, rate = obs["poor_households_2021"], obs["poverty_rate_2021"]
    reduction, households = obs["poverty_reduction_2022_target"], obs["poor_households_reduction_2022_target"]
    low = (reduction.value - _half(reduction)) / (rate.value + _half(rate)) * poor.value
    high = (reduction.value + _half(reduction)) / (rate.value - _half(rate)) * poor.value
    point = reduction.value / rate.value * poor.value
    detail = (
        f"{reduction.printed}% ({reduction.where}) of all households, which {poor.printed} poor households = "
        f"{rate.printed}% imply ({poor.where}), is {point:.0f} households ({low:.0f}–{high:.0f} within "
        f"the printed precision); the resolution says {households.printed} ({households.where})"
    )
    yield result("cross: 2022 poverty reduction, rate vs households (nq2022 vs bc06)", households.value,
                 round(point), detail, households.where, ok=low <= households.value <= high)  # fmt: skip


def shares_and_increments(tables: Tables) -> Iterator[CheckResult]:
    """Shares and increments stated next to the counts they come from."""
    obs = tables.get(observations)
    for share_id, count_id in SHARES:
        share, count = obs[share_id], obs[count_id]
        yield stated_vs_computed(f"cross: {share.declared.indicator} {share.declared.year} ({share.declared.source})",
                                 share, 100 * count.value / count.of, f"{count.printed}/{format_vn_number(count.of)}")  # fmt: skip
    for increase_id, end_id, start_id in INCREMENTS:
        increase, end, start = obs[increase_id], obs[end_id], obs[start_id]
        yield stated_vs_computed(f"cross: {increase.declared.indicator} 2022→2025 (qd2877)", increase,
                                 end.value - start.value,
                                 f"{end.printed} ({end.where}) − {start.printed} ({start.where})")  # fmt: skip


def prose_targets_vs_plans(tables: Tables) -> Iterator[CheckResult]:
    """The decision's NTM targets against what Phụ biểu 02 and 03 add up to for the same year."""
    obs = tables.get(observations)
    (plan, _), (district_plan, _) = tables.get(phu_bieu_02), tables.get(phu_bieu_03)
    for target_id, level, year in COMMUNE_TARGETS:
        yield target_vs_plan(f"cross: {level} communes by {year}, prose vs Phụ biểu 02", obs[target_id],
                             plan_by(plan, level, year), "Phụ biểu 02 (achieved + planned)")  # fmt: skip
    for target_id, year in [("ntm_advanced_districts_2022", 2022), ("ntm_advanced_districts_2025", 2025)]:
        yield target_vs_plan(f"cross: advanced districts by {year}, prose vs Phụ biểu 03", obs[target_id],
                             plan_by(district_plan, "advanced", year), "Phụ biểu 03 (achieved + planned)")  # fmt: skip
    completed = _completing_ntm_in(district_plan, 2022)
    yield target_vs_plan("cross: districts completing NTM in 2022, prose vs Phụ biểu 03",
                         obs["ntm_districts_added_2022"], completed, "Phụ biểu 03 (planned 2022)")  # fmt: skip
    n_districts = district_plan["district"].nunique()
    yield target_vs_plan("cross: districts completing NTM by 2022 (share), prose vs Phụ biểu 03",
                         obs["ntm_districts_share_2022"], 100 * plan_by(district_plan, "ntm", 2022) / n_districts,
                         f"Phụ biểu 03 ({n_districts} districts, %)")  # fmt: skip


def other_targets_vs_plans(tables: Tables) -> Iterator[CheckResult]:
    """Chương trình 35's 2023 shares and the 2022 resolution's increments against the plans."""
    obs, pb01 = tables.get(observations), tables.get(phu_bieu_01)
    (plan, _), (district_plan, _) = tables.get(phu_bieu_02), tables.get(phu_bieu_03)
    n_communes = pb01.total["ntm"]
    for level in PLAN_LEVELS:
        yield target_vs_plan(f"cross: {level} communes by 2023 (share), Chương trình 35 vs Phụ biểu 02",
                             obs[f"ntm_{level}_share_2023_target"], round(100 * plan_by(plan, level, 2023) / n_communes, 1),
                             f"Phụ biểu 02 (% of {n_communes} communes)")  # fmt: skip
        yield target_vs_plan(f"cross: {level} communes added in 2022, Nghị quyết 2022 (OCR) vs Phụ biểu 02",
                             obs[f"ntm_{level}_added_2022_ocr"], int((plan.query("level == @level")["year"] == 2022).sum()),
                             "Phụ biểu 02 (planned 2022)")  # fmt: skip
    completed = _completing_ntm_in(district_plan, 2022)
    yield target_vs_plan("cross: districts completing NTM in 2022, Nghị quyết 2022 (OCR) vs Phụ biểu 03",
                         obs["ntm_districts_added_2022_ocr"], completed, "Phụ biểu 03 (planned 2022)")  # fmt: skip


def yearly_notes_vs_tables(tables: Tables) -> Iterator[CheckResult]:
    """The yearly counts (notes under Phụ biểu 01) against Phụ biểu 02 and Phụ biểu 01's rows."""
    pb01, (plan, _) = tables.get(phu_bieu_01), tables.get(phu_bieu_02)
    yearly, lines = pb01.yearly, f"{pb01.yearly['line'].min()}–{pb01.yearly['line'].max()}"
    for level in PLAN_LEVELS:
        noted = int(yearly.loc[yearly["level"] == level, "communes"].sum())
        achieved = int(plan.query("level == @level")["achieved"].sum())
        detail = (
            f"yearly notes of Phụ biểu 01 (lines {lines}) vs communes marked 'Đã đạt chuẩn' in Phụ biểu 02"
        )
        if noted != achieved:
            detail += f": the notes add up to {noted}, Phụ biểu 02 marks {achieved}"
        yield result(f"cross: {level} communes by 2021, yearly notes vs Phụ biểu 02", achieved, noted, detail,
                     f"qd2877_2022:{int(plan['line'].min())}")  # fmt: skip
    for level in LEVELS:
        column = pb01.communes[f"year_{level}"]
        noted = yearly[yearly["level"] == level].set_index("year")["communes"]
        over = [f"{year}: {n} rows > {noted.get(year, 0)} noted" for year, n in column.value_counts().items()
                if n > noted.get(year, 0)]  # fmt: skip
        detail = (
            f"the {len(pb01.communes)} rows present of Phụ biểu 01 never count more communes reaching {level} in a "
            "year than the notes do (the copy is partial, so only this bound can be checked)"
        )
        detail += (": " + "; ".join(over)) if over else ""
        years = column.dropna().nunique()
        yield result(f"cross: Phụ biểu 01 rows vs yearly notes ({level})", years, years - len(over), detail,
                     f"qd2877_2022:{int(yearly['line'].min())}")  # fmt: skip


def named_for_2022_vs_plan(tables: Tables) -> Iterator[CheckResult]:
    """The communes the 2022 report names for 2022 against the years Phụ biểu 02 plans for them."""
    plan, _ = tables.get(phu_bieu_02)
    for level, named in tables.get(communes_named_for_2022).items():
        planned = plan[plan["level"] == level].set_index(["district", "commune"])
        differ = []
        for row in named.communes.itertuples():
            mark = (
                planned.loc[(row.district, row.commune)]
                if (row.district, row.commune) in planned.index
                else None
            )
            year = None if mark is None else ("achieved" if mark["achieved"] else mark["year"])
            if year != 2022:
                where = f"line {mark['line']}" if mark is not None else "no mark"
                differ.append(f"{row.commune}: Phụ biểu 02 says {year or 'no plan'} ({where})")
        names = list(named.communes["name"])
        detail = f"bc06 names {len(names)} communes ({', '.join(names)}) for {level} NTM in 2022"
        if named.stated != len(names):
            differ.append(f"the sentence says {named.stated:02d} but names {len(names)}")
        detail += ("; " + "; ".join(differ)) if differ else ""
        yield result(f"cross: {level} communes named for 2022, bc06 vs Phụ biểu 02", len(names),
                     len(names) - len(differ), detail, f"bc06_2022:{named.line}")  # fmt: skip
