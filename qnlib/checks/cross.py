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
from ..vocabulary import PLAN_LEVELS
from .base import ACHIEVED, CheckResult, figure, stated_vs_computed, summary, target_vs_plan

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
    yield stated_vs_computed("cross.income_growth/2021", "income_growth", obs["income_growth_2021_dtts"],
                             100 * (income_2021.value / income_2020.value - 1),
                             start=income_2020.value, end=income_2021.value, unit="%")  # fmt: skip
    poor, poor_em = obs["poor_households_2021"], obs["poor_households_2021_em"]
    yield stated_vs_computed("cross.em_share_of_poor/2021", "em_share", obs["em_share_of_poor_2021"],
                             100 * poor_em.value / poor.value, poor=poor.value, poor_em=poor_em.value, unit="%")  # fmt: skip
    target = obs["income_2024_target_dtts"]
    yield stated_vs_computed("cross.income_multiple/2024", "income_multiple", obs["income_multiple_2024_target_dtts"],
                             target.value / income_2020.value, target=target.value, base=income_2020.value,
                             other_line=income_2020.line)  # fmt: skip


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
    yield figure("cross.poverty_households/2022", "poverty_households", households.value, round(point),
                 households.where, other=poor.where, ok=low <= households.value <= high,
                 reduction=reduction.value, rate=rate.value, poor=poor.value, low=low, high=high)  # fmt: skip


def shares_and_increments(tables: Tables) -> Iterator[CheckResult]:
    """Shares and increments stated next to the counts they come from."""
    obs = tables.get(observations)
    for share_id, count_id in SHARES:
        share, count = obs[share_id], obs[count_id]
        yield stated_vs_computed(f"cross.share/{share_id}", "share", share, 100 * count.value / count.of,
                                 indicator=share.declared.indicator, year=share.declared.year,
                                 area=share.declared.area, count=count.value, of=count.of, unit="%")  # fmt: skip
    for increase_id, end_id, start_id in INCREMENTS:
        increase, end, start = obs[increase_id], obs[end_id], obs[start_id]
        yield stated_vs_computed(f"cross.increase/{increase_id}", "increase", increase, end.value - start.value,
                                 indicator=increase.declared.indicator, end=end.value, start=start.value,
                                 end_line=end.line, start_line=start.line)  # fmt: skip


def prose_targets_vs_plans(tables: Tables) -> Iterator[CheckResult]:
    """The decision's NTM targets against what Phụ biểu 02 and 03 add up to for the same year."""
    obs = tables.get(observations)
    (plan, _), (district_plan, _) = tables.get(phu_bieu_02), tables.get(phu_bieu_03)
    for target_id, level, year in COMMUNE_TARGETS:
        yield target_vs_plan(f"cross.target_vs_pb02/{level}/{year}", "target_vs_plan", obs[target_id],
                             plan_by(plan, level, year), level=level, year=year, table="pb02", counted="communes")  # fmt: skip
    for target_id, year in [("ntm_advanced_districts_2022", 2022), ("ntm_advanced_districts_2025", 2025)]:
        yield target_vs_plan(f"cross.target_vs_pb03/advanced/{year}", "target_vs_plan", obs[target_id],
                             plan_by(district_plan, "advanced", year), level="advanced", year=year, table="pb03",
                             counted="districts")  # fmt: skip
    yield target_vs_plan("cross.districts_completing/2022", "districts_completing", obs["ntm_districts_added_2022"],
                         _completing_ntm_in(district_plan, 2022))  # fmt: skip
    n_districts = district_plan["district"].nunique()
    yield target_vs_plan("cross.districts_completed_share/2022", "districts_completed_share",
                         obs["ntm_districts_share_2022"], 100 * plan_by(district_plan, "ntm", 2022) / n_districts,
                         districts=n_districts, unit="%")  # fmt: skip


def other_targets_vs_plans(tables: Tables) -> Iterator[CheckResult]:
    """Chương trình 35's 2023 shares and the 2022 resolution's increments against the plans."""
    obs, pb01 = tables.get(observations), tables.get(phu_bieu_01)
    (plan, _), (district_plan, _) = tables.get(phu_bieu_02), tables.get(phu_bieu_03)
    n_communes = pb01.total["ntm"]
    for level in PLAN_LEVELS:
        yield target_vs_plan(f"cross.share_2023_vs_pb02/{level}", "share_2023_vs_plan",
                             obs[f"ntm_{level}_share_2023_target"],
                             round(100 * plan_by(plan, level, 2023) / n_communes, 1), level=level,
                             communes=n_communes, unit="%")  # fmt: skip
        yield target_vs_plan(f"cross.added_2022_vs_pb02/{level}", "added_2022_vs_plan",
                             obs[f"ntm_{level}_added_2022_ocr"],
                             int((plan.query("level == @level")["year"] == 2022).sum()), level=level)  # fmt: skip
    yield target_vs_plan("cross.districts_completing_ocr/2022", "districts_completing_ocr",
                         obs["ntm_districts_added_2022_ocr"], _completing_ntm_in(district_plan, 2022))  # fmt: skip


def yearly_notes_vs_tables(tables: Tables) -> Iterator[CheckResult]:
    """The yearly counts (notes under Phụ biểu 01) against Phụ biểu 02 and Phụ biểu 01's rows."""
    pb01, (plan, _) = tables.get(phu_bieu_01), tables.get(phu_bieu_02)
    yearly = pb01.yearly
    notes = f"qd2877_2022:{yearly['line'].min()}-{yearly['line'].max()}"
    for level in PLAN_LEVELS:
        noted = int(yearly.loc[yearly["level"] == level, "communes"].sum())
        achieved = int(plan.query("level == @level")["achieved"].sum())
        yield figure(f"cross.notes_vs_pb02/{level}", "notes_vs_pb02", achieved, noted,
                     f"qd2877_2022:{int(plan['line'].min())}", other=notes, level=level)  # fmt: skip
    for level in LEVELS:
        column = pb01.communes[f"year_{level}"]
        noted = yearly[yearly["level"] == level].set_index("year")["communes"]
        over = [(int(year), int(n)) for year, n in column.value_counts().sort_index().items()
                if n > noted.get(year, 0)]  # fmt: skip
        first = f"qd2877_2022:{int(yearly['line'].min())}"
        for year, n in over:
            note = yearly[(yearly["level"] == level) & (yearly["year"] == year)]["line"]
            line = f"qd2877_2022:{int(note.iloc[0])}" if len(note) else first
            yield figure(f"cross.pb01_rows_vs_notes/{level}/{year}", "pb01_rows_vs_notes", int(noted.get(year, 0)),
                         n, line, other=notes, ok=False, level=level, year=year)  # fmt: skip
        if not over:
            yield summary(f"cross.pb01_rows_vs_notes/{level}", "pb01_rows_vs_notes_all", first, level=level,
                          rows=len(pb01.communes), years=int(column.dropna().nunique()))  # fmt: skip


def named_for_2022_vs_plan(tables: Tables) -> Iterator[CheckResult]:
    """The communes the 2022 report names for 2022 against the years Phụ biểu 02 plans for them."""
    plan, _ = tables.get(phu_bieu_02)
    for level, named in tables.get(communes_named_for_2022).items():
        planned = plan[plan["level"] == level].set_index(["district", "commune"])
        differ = 0
        for row in named.communes.itertuples():
            key = (row.district, row.commune)
            mark = planned.loc[key] if key in planned.index else None
            year = None if mark is None else ("achieved" if mark["achieved"] else mark["year"])
            if year != 2022:
                differ += 1
                yield figure(f"cross.named_2022/{level}/{row.commune}", "named_2022", "2022",  # years as text
                             None if year is None else (ACHIEVED if year == "achieved" else str(int(year))),
                             f"bc06_2022:{named.line}", other=f"qd2877_2022:{mark['line']}" if mark is not None else "",
                             ok=False, level=level, commune=row.commune)  # fmt: skip
        names = list(named.communes["name"])
        if named.stated != len(names):
            differ += 1
            yield figure(f"cross.named_2022/{level}/count", "named_2022_count", named.stated, len(names),
                         f"bc06_2022:{named.line}", level=level, names=names)  # fmt: skip
        if not differ:
            yield summary(f"cross.named_2022/{level}", "named_2022_all", f"bc06_2022:{named.line}", level=level,
                          names=names)  # fmt: skip
