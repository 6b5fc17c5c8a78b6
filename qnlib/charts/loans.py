"""Loans per district: a metric by district and year, the average loan, each district's share."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..facts import LoanFacts
from ..plotting import YEAR_COLOURS, Heading, format_axis, label_bars, slide
from ..sources import cite
from ..words import fmt, t

__all__ = ["avg_loan", "by_district", "metric", "share"]


def by_district(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """District × year of ``column``, smallest total first (it lands at the bottom of a bar chart)."""
    wide = table.pivot_table(index="district", columns="year", values=column)
    return wide.loc[wide.sum(axis=1).sort_values().index]


def _missing_note(table: pd.DataFrame, lang: str) -> list[str]:
    wide = by_district(table, "planned_mvnd")
    missing = [f"{d} ({y})" for d in wide.index for y in wide.columns if pd.isna(wide.at[d, y])]
    return [t("loans.not_in_table", lang, missing=missing)] if missing else []


def _grouped_barh(ax: Axes, wide: pd.DataFrame, label: Callable[[float], str], lang: str) -> None:
    """One bar per district and year, first year on top within each district, labelled."""
    height = 0.8 / len(wide.columns)
    positions = np.arange(len(wide))
    for i, year in enumerate(wide.columns):
        values = wide[year]
        present = values.notna()
        y = positions + 0.4 - height * (i + 0.5)
        bars = ax.barh(y[present], values[present], height=height * 0.92,
                       color=YEAR_COLOURS[i % len(YEAR_COLOURS)], label=str(year))  # fmt: skip
        label_bars(ax, bars, [label(v) for v in values[present]], horizontal=True, fontsize=10.5)
    ax.set_yticks(positions, wide.index)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    format_axis(ax, lang, "x")
    ax.set_xlim(0, np.nanmax(wide.to_numpy()) * 1.15)
    ax.legend(loc="lower right", title=t("year", lang))


def _slide(table: pd.DataFrame, heading: Heading, lang: str, title: str) -> tuple[Figure, Axes]:
    return slide(heading, cite(table), lang=lang, title=title, notes=_missing_note(table, lang))


def metric(table: pd.DataFrame, facts: LoanFacts, *, lang: str = "vi", title: str = "finding") -> Figure:
    """The notebook's metric per district, one bar per year."""
    heading = Heading.of("loans.metric", lang, facts)
    fig, ax = _slide(table, heading, lang, title)
    decimals = 1 if facts.metric == "avg_loan_mvnd" else 0
    _grouped_barh(ax, by_district(table, facts.metric), lambda v: fmt(v, lang, decimals), lang)
    ax.set_xlabel(t("loans.axis", lang, metric=facts.metric))
    return fig


def avg_loan(table: pd.DataFrame, facts: LoanFacts, *, lang: str = "vi", title: str = "finding") -> Figure:
    """Average loan per household (capital allocated / households) per district and year."""
    heading = Heading.of("loans.avg", lang, facts)
    fig, ax = _slide(table, heading, lang, title)
    _grouped_barh(ax, by_district(table, "avg_loan_mvnd"), lambda v: fmt(v, lang, 1), lang)
    ax.set_xlabel(t("loans.axis", lang, metric="avg_loan_mvnd"))
    return fig


def share(table: pd.DataFrame, facts: LoanFacts, *, lang: str = "vi", title: str = "finding") -> Figure:
    """Each district's share of the year's total of the metric (capital for the average loan)."""
    heading = Heading.of("loans.share", lang, facts)
    fig, ax = _slide(table, heading, lang, title)
    wide = by_district(table, f"{facts.share_metric}_share_pct")
    _grouped_barh(ax, wide, lambda v: fmt(v, lang, 1, percent=True), lang)
    ax.set_xlabel(t("loans.share_axis", lang))
    return fig
