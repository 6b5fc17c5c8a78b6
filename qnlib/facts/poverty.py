"""Poverty: the 2021 situation and what the reduction targets mean."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import analysis

__all__ = ["PovertyFacts", "poverty_facts"]


@dataclass(frozen=True)
class PovertyFacts:
    year: int
    poor: float  # poor households in the province
    poor_em: float  # of which ethnic-minority households
    rate: float  # % of all households
    rate_em: float  # % of ethnic-minority households
    share_stated: float  # the ethnic-minority share of poor households as the report prints it
    share_computed: float  # poor_em / poor
    total_households: float  # derived: poor / rate
    one_year_reduction: float  # points, the one-year target (2022)
    one_year: int
    one_year_households: float  # households that reduction implies (derived)
    one_year_households_stated: float  # households the resolution states
    yearly_reduction: float  # points a year, the 2021–2025 target
    zero_year: int | None  # the year the yearly path reaches 0, if it does
    cap: float  # the 2025 target: a rate below this
    cap_year: int
    cap_source: str
    below_cap: bool  # the starting rate is already below the cap
    # Reported after the documents (kind "reported"): the first year a source says no household is poor
    # (by the Government's standard or an unstated one): exactly, and "basically" ("cơ bản"); and the poor
    # households by the province's own, higher standard (Nghị quyết 13/2023/NQ-HĐND), when reported.
    none_year: int | None
    basically_none_year: int | None
    provincial_poor: float | None
    provincial_year: int | None


def _figure(poverty: pd.DataFrame, indicator: str, area: str, year: int, kind: str = "actual") -> float:
    rows = poverty[
        (poverty["indicator"] == indicator)
        & (poverty["area"] == area)
        & (poverty["year"] == year)
        & (poverty["kind"] == kind)
    ]
    return float(rows["value"].iloc[0])


def poverty_facts(poverty: pd.DataFrame, year: int = 2021) -> PovertyFacts:
    """The poverty figures a briefing quotes, with the target paths computed from ``year``."""
    poor, poor_em = (_figure(poverty, "poor_households", a, year) for a in ("province", "ethnic_minority"))
    rate = _figure(poverty, "poverty_rate", "province", year)
    paths = analysis.poverty_paths(poverty, start_year=year)
    one_year, yearly = paths[~paths["per_year"]], paths[paths["per_year"]]
    stated = poverty[poverty["indicator"] == "poor_households_reduction"].iloc[0]
    cap = poverty[
        (poverty["indicator"] == "poverty_rate")
        & (poverty["kind"] == "target")
        & (poverty["area"] == "province")
    ].iloc[0]
    zero = yearly.loc[yearly["rate"] == 0, "year"]
    return PovertyFacts(
        year=year,
        poor=poor,
        poor_em=poor_em,
        rate=rate,
        rate_em=_figure(poverty, "poverty_rate", "ethnic_minority", year),
        share_stated=_figure(poverty, "share_of_poor_households", "ethnic_minority", year),
        share_computed=100 * poor_em / poor,
        total_households=analysis.implied_total_households(poverty, year),
        one_year_reduction=float(one_year["reduction"].iloc[0]),
        one_year=int(one_year["target_year"].iloc[0]),
        one_year_households=float(one_year["households"].iloc[0] - one_year["households"].iloc[-1]),
        one_year_households_stated=float(stated["value"]),
        yearly_reduction=float(yearly["reduction"].iloc[0]),
        zero_year=int(zero.min()) if len(zero) else None,
        cap=float(cap["value"]),
        cap_year=int(cap["year"]),
        cap_source=cap["source"],
        below_cap=rate < float(cap["value"]),
        **_reported(poverty),
    )


def _reported(poverty: pd.DataFrame) -> dict[str, float | int | None]:
    later = poverty[(poverty["kind"] == "reported") & (poverty["indicator"] == "poor_households")
                    & (poverty["area"] == "province")]  # fmt: skip
    national = later[later["standard"].isin(["central", "unstated"]) & (later["value"] == 0)]
    exact, hedged = national[national["comparator"].isna()], national[national["comparator"].notna()]
    provincial = later[later["standard"] == "provincial"].sort_values("year")
    return {
        "none_year": int(exact["year"].min()) if len(exact) else None,
        "basically_none_year": int(hedged["year"].min()) if len(hedged) else None,
        "provincial_poor": float(provincial["value"].iloc[0]) if len(provincial) else None,
        "provincial_year": int(provincial["year"].iloc[0]) if len(provincial) else None,
    }
