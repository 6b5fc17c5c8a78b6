"""Loans to households per district: totals, the largest allocations, disbursement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .. import analysis

__all__ = ["LoanFacts", "YearTotal", "loan_facts"]


@dataclass(frozen=True)
class YearTotal:
    year: int
    capital: float  # million VND allocated (sum of the district rows)
    households: int
    districts: int
    average: float  # million VND per household
    top: tuple[str, ...]  # the district(s) with the largest allocation (ties are all named)
    top_share: float  # % of the year's capital, each


@dataclass(frozen=True)
class LoanFacts:
    years: list[int]
    metric: str
    totals: list[YearTotal]
    change_pct: float | None  # capital allocated, last year against the first
    rate_min: float  # disbursement rate, %
    rate_max: float
    as_of: date
    last_year: int
    metric_top: tuple[str, ...]  # the largest value of ``metric`` in the last year
    metric_top_value: float
    share_metric: str  # the metric the share chart divides (avg_loan_mvnd has no share)
    share_top: tuple[str, ...]
    share_top_value: float  # % of the last year's total
    avg_min: tuple[str, ...]  # smallest and largest average loan in the last year
    avg_min_value: float
    avg_max: tuple[str, ...]
    avg_max_value: float


def _top(rows: pd.DataFrame, column: str, smallest: bool = False) -> tuple[tuple[str, ...], float]:
    value = rows[column].min() if smallest else rows[column].max()
    return tuple(rows.loc[rows[column] == value, "district"]), float(value)


def _year_total(rows: pd.DataFrame) -> YearTotal:
    top, _ = _top(rows, "planned_mvnd")
    capital, households = float(rows["planned_mvnd"].sum()), int(rows["households"].sum())
    return YearTotal(
        year=int(rows["year"].iloc[0]),
        capital=capital,
        households=households,
        districts=len(rows),
        average=capital / households,
        top=top,
        top_share=float(rows.loc[rows["district"] == top[0], "planned_mvnd_share_pct"].iloc[0]),
    )


def loan_facts(loans: pd.DataFrame, years: list[int], metric: str) -> LoanFacts:
    """The loan figures a briefing quotes for ``years``; ``metric`` is the one the notebook charts."""
    table = analysis.loan_metrics(loans, years)
    totals = [_year_total(rows) for _, rows in table.groupby("year")]
    last = table[table["year"] == totals[-1].year]
    share_metric = metric if metric != "avg_loan_mvnd" else "planned_mvnd"
    metric_top, metric_top_value = _top(last, metric)
    share_top, share_top_value = _top(last, f"{share_metric}_share_pct")
    avg_min, avg_min_value = _top(last, "avg_loan_mvnd", smallest=True)
    avg_max, avg_max_value = _top(last, "avg_loan_mvnd")
    change = 100 * (totals[-1].capital / totals[0].capital - 1) if len(totals) > 1 else None
    return LoanFacts(
        years=sorted(years),
        metric=metric,
        totals=totals,
        change_pct=change,
        rate_min=float(table["disbursement_rate_pct"].min()),
        rate_max=float(table["disbursement_rate_pct"].max()),
        as_of=pd.Timestamp(table["as_of"].iloc[0]).date(),
        last_year=totals[-1].year,
        metric_top=metric_top,
        metric_top_value=metric_top_value,
        share_metric=share_metric,
        share_top=share_top,
        share_top_value=share_top_value,
        avg_min=avg_min,
        avg_min_value=avg_min_value,
        avg_max=avg_max,
        avg_max_value=avg_max_value,
    )
