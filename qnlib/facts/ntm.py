"""New Rural Development: how many communes reached each level, and what the plan adds."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import analysis
from ..places import COMMUNES, unit_2025_text
from ..vocabulary import LEVELS, PLAN_LEVELS

__all__ = ["NtmFacts", "ntm_facts"]


@dataclass(frozen=True)
class NtmFacts:
    district: str | None  # None: the whole province
    levels: list[str]
    include_plan: bool
    n_communes: int  # NTM programme communes in scope
    all_ntm: bool  # the yearly notes count every one of the programme's communes as NTM by 2021
    reached_2021: dict[str, int]  # communes at each level by end-2021 (shown levels with actual data)
    marked_achieved: dict[str, int]  # marked "Đã đạt chuẩn" in Phụ biểu 02 (advanced, model)
    planned: dict[str, int]  # planned 2022–2025 in Phụ biểu 02
    by_2025: dict[str, int]  # achieved + planned
    not_planned: dict[str, int]  # neither achieved nor planned by 2025
    has_counts: bool  # any year reached or planned in scope
    first_actual_year: int | None
    headline_level: str | None  # the first shown level with a count by 2021
    plan_level: (
        str | None
    )  # the first shown plan level (advanced, model) with communes planned, else the first
    planned_shown: int  # communes planned 2022–2025 over the shown levels
    peak_level: str | None  # the first shown level with yearly actual counts
    peak_year: int | None  # the year most communes reached it (earliest on a tie)
    peak_count: int
    years_known: int  # communes in scope whose years this copy of Phụ biểu 01 gives
    notes_model: int  # model communes by 2021 per the yearly notes (province)
    marked_model: int  # model communes marked achieved in Phụ biểu 02 (province)
    advanced_2022_goal: float | None  # the decision's "at least N advanced communes by 2022"
    advanced_2022_plan: int  # what Phụ biểu 02 adds up to by 2022
    n_districts: int
    districts_ntm_before_2022: int  # district-level units that had completed NTM (Phụ biểu 03)
    districts_ntm_planned: int
    districts_ntm_last_year: int | None
    districts_advanced_planned: int
    # Maps: each commune counted once, at the highest level reached by 2021 / planned by 2025.
    highest_2021: dict[str, int]
    planned_up: dict[str, int]  # communes with a higher level planned by 2025, by that level
    most_model: tuple[str, ...]  # the district(s) with most communes at model level by 2021 (province)
    most_model_count: int
    # Units since 1 July 2025 (when the places dataset is given): which hold the communes.
    units: int  # units holding at least one of the communes in scope
    units_model: int  # … one that was model NTM by 2021
    units_model_2025: int  # … one that is model NTM by 2025 (reached or planned)
    units_top: dict[
        str, tuple[str, ...]
    ]  # by language, the unit(s) holding most model communes by 2021 ("phường An Sinh")
    units_top_count: int


def _map_facts(scope: pd.DataFrame) -> dict[str, object]:
    model = scope[scope["reached"] == "model"].groupby("district").size()
    most = model[model == model.max()] if len(model) else model
    return {
        "highest_2021": {lvl: int((scope["reached"] == lvl).sum()) for lvl in LEVELS},
        "planned_up": {lvl: int((scope["planned"] == lvl).sum()) for lvl in PLAN_LEVELS},
        "most_model": tuple(most.index),
        "most_model_count": int(model.max()) if len(model) else 0,
    }


def _unit_facts(scope: pd.DataFrame, places: pd.DataFrame | None) -> dict[str, object]:
    if places is None:
        return {"units": 0, "units_model": 0, "units_model_2025": 0, "units_top": {"vi": (), "en": ()},
                "units_top_count": 0}  # fmt: skip
    units = analysis.units_2025(scope, places)
    top = units[(units["model"] == units["model"].max()) & (units["model"] > 0)]
    return {
        "units": len(units),
        "units_model": int((units["model"] > 0).sum()),
        "units_model_2025": int(((units["model"] + units["model_planned"]) > 0).sum()),
        "units_top": {
            lang: tuple(unit_2025_text(r.unit_2025_type, r.unit_2025_name, lang) for r in top.itertuples())
            for lang in ("vi", "en")
        },
        "units_top_count": int(top["model"].max()) if len(top) else 0,
    }


def _district_facts(district_plan: pd.DataFrame) -> dict[str, int | None]:
    ntm = district_plan[district_plan["level"] == "ntm"]
    planned_years = ntm.loc[~ntm["achieved"], "year"].dropna()
    advanced = district_plan[district_plan["level"] == "advanced"]
    return {
        "n_districts": int(district_plan["district"].nunique()),
        "districts_ntm_before_2022": int(ntm["achieved"].sum()),
        "districts_ntm_planned": len(planned_years),
        "districts_ntm_last_year": int(planned_years.max()) if len(planned_years) else None,
        "districts_advanced_planned": int(advanced["year"].notna().sum()),
    }


def _peak(counts: pd.DataFrame, levels: list[str]) -> tuple[str | None, int | None, int]:
    actual = counts[counts["status"] == "actual"]
    for level in levels:
        rows = actual[actual["level"] == level].sort_values(["count", "year"], ascending=[False, True])
        if len(rows):
            return level, int(rows["year"].iloc[0]), int(rows["count"].iloc[0])
    return None, None, 0


def ntm_facts(
    ntm_yearly: pd.DataFrame,
    ntm_communes: pd.DataFrame,
    ntm_plan: pd.DataFrame,
    ntm_district_plan: pd.DataFrame,
    targets: pd.DataFrame,
    district: str | None = None,
    levels: list[str] | None = None,
    include_plan: bool = True,
    places: pd.DataFrame | None = None,
) -> NtmFacts:
    """The NTM figures a briefing quotes, for the province or one district (``places``: the units
    since July 2025 too)."""
    levels = list(levels or ["ntm", "advanced", "model"])
    all_ntm = int(ntm_yearly.loc[ntm_yearly["level"] == "ntm", "communes"].sum()) == len(COMMUNES)
    commune_levels = analysis.commune_levels(ntm_communes, ntm_plan, all_ntm, district)
    scope = ntm_plan if district is None else ntm_plan[ntm_plan["district"] == district]
    counts = analysis.ntm_counts(ntm_yearly, ntm_plan, levels, include_plan, ntm_communes, district)
    cumulative = analysis.ntm_cumulative(counts, analysis.ntm_start(ntm_communes, ntm_plan, district))
    actual = cumulative[cumulative["status"] == "actual"]
    reached = {lvl: int(rows["cumulative"].iloc[-1]) for lvl, rows in actual.groupby("level")}
    n_communes = sum(1 for d, _ in COMMUNES if district in (None, d))
    marked = {lvl: int(scope[(scope["level"] == lvl)]["achieved"].sum()) for lvl in PLAN_LEVELS}
    planned = {lvl: int(scope[(scope["level"] == lvl)]["year"].notna().sum()) for lvl in PLAN_LEVELS}
    goal = targets[
        (targets["indicator"] == "ntm_advanced_communes")
        & (targets["year"] == 2022)
        & (targets["source"] == "qd2877_2022")
    ]
    known = ntm_communes if district is None else ntm_communes[ntm_communes["district"] == district]
    peak_level, peak_year, peak_count = _peak(counts, levels)
    actual_years = counts.loc[counts["status"] == "actual", "year"]
    shown_plan = [lvl for lvl in levels if lvl in PLAN_LEVELS]
    return NtmFacts(
        district=district,
        levels=levels,
        include_plan=include_plan,
        n_communes=n_communes,
        all_ntm=all_ntm,
        reached_2021=reached,
        marked_achieved=marked,
        planned=planned,
        by_2025={lvl: marked[lvl] + planned[lvl] for lvl in PLAN_LEVELS},
        not_planned={lvl: n_communes - marked[lvl] - planned[lvl] for lvl in PLAN_LEVELS},
        has_counts=not counts.empty,
        first_actual_year=int(actual_years.min()) if len(actual_years) else None,
        headline_level=next((lvl for lvl in levels if lvl in reached), None),
        plan_level=next((lvl for lvl in shown_plan if planned[lvl]), shown_plan[0] if shown_plan else None),
        planned_shown=sum(planned[lvl] for lvl in shown_plan) if include_plan else 0,
        peak_level=peak_level,
        peak_year=peak_year,
        peak_count=peak_count,
        years_known=len(known),
        notes_model=int(ntm_yearly.loc[ntm_yearly["level"] == "model", "communes"].sum()),
        marked_model=int(ntm_plan[(ntm_plan["level"] == "model") & ntm_plan["achieved"]].shape[0]),
        advanced_2022_goal=float(goal["value"].iloc[0]) if len(goal) else None,
        advanced_2022_plan=analysis.plan_by(ntm_plan, "advanced", 2022),
        **_district_facts(ntm_district_plan),
        **_map_facts(commune_levels),
        **_unit_facts(commune_levels, places),
    )
