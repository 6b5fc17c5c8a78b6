"""Income per capita: where it stood, how fast it grew, what the target needs."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import analysis

__all__ = ["IncomeFacts", "income_facts"]


@dataclass(frozen=True)
class IncomeFacts:
    area: str
    base_year: int
    base_value: float  # million VND per person per year, actual
    first_year: int  # the next figure after the base year
    first_value: float
    first_kind: str  # actual | derived | target
    first_growth: float  # % a year from the base year to it (compound)
    target_year: int
    target_multiple: float  # times the 2020 value
    target_base_year: int
    target_value: float
    target_source: str
    target_line: int
    needed_growth: float  # % a year from the base year to reach the target
    latest_year: int  # the latest measured figure: the documents' (actual, derived) or one reported later
    latest_value: float
    latest_kind: str  # actual | derived | reported
    latest_source: str  # the document or the article (dataset reported) of the latest figure
    latest_growth: float  # % a year from the base year to the latest figure
    on_path_value: float  # where the needed path stands in the latest year
    on_track: bool
    # % a year from the latest figure to the target; None when the latest figure is of the target year
    still_needed_growth: float | None


def income_facts(income: pd.DataFrame, area: str, base_year: int, target_year: int) -> IncomeFacts:
    """The income figures a briefing quotes for ``area``, growth measured from ``base_year``."""
    series = analysis.income_series(income, area)
    target = analysis.income_target(income, area, target_year)
    base = series[(series["year"] == base_year) & (series["kind"] == "actual")].iloc[0]
    points = analysis.growth_points(series)
    first = points[points["year"] > base_year].iloc[0]
    latest = analysis.observed(series).iloc[-1]  # documents first; a later year reported after them
    needed = analysis.cagr(base["value"], target.value, target_year - base_year)
    on_path = base["value"] * (1 + needed / 100) ** (latest["year"] - base_year)
    return IncomeFacts(
        area=area,
        base_year=base_year,
        base_value=float(base["value"]),
        first_year=int(first["year"]),
        first_value=float(first["value"]),
        first_kind=first["kind"],
        first_growth=analysis.cagr(base["value"], first["value"], first["year"] - base_year),
        target_year=target_year,
        target_multiple=target.multiple,
        target_base_year=target.base_year,
        target_value=target.value,
        target_source=target.source,
        target_line=target.line,
        needed_growth=needed,
        latest_year=int(latest["year"]),
        latest_value=float(latest["value"]),
        latest_kind=latest["kind"],
        latest_source=latest["source"],
        latest_growth=analysis.cagr(base["value"], latest["value"], latest["year"] - base_year),
        on_path_value=on_path,
        on_track=bool(latest["value"] >= on_path),
        still_needed_growth=analysis.cagr(latest["value"], target.value, target_year - latest["year"])
        if latest["year"] < target_year
        else None,
    )
