"""Loans per district: a metric by district and year, the average loan, each district's share."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..facts import LoanFacts
from ..plotting import YEAR_COLOURS, Heading, format_axis, label_bars, legend_below, slide
from ..sources import cite
from ..tables import Column, Table, reader_table
from ..words import fmt, t
from . import maps

__all__ = ["avg_loan", "bubble_map", "by_district", "district_table", "metric", "share"]

BUBBLE_MAX = 1600  # points², the largest allocation's bubble
ABSENT_SIZE = 40  # a district without a row that year
CMAP = "cividis"  # sequential and readable with colour-blindness


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
    legend_below(ax.figure)


def _slide(table: pd.DataFrame, heading: Heading, lang: str, title: str) -> tuple[Figure, Axes]:
    return slide(
        heading,
        cite(table, lang=lang),
        lang=lang,
        title=title,
        notes=_missing_note(table, lang),
        legend_below=True,
    )


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


def _size_steps(capital: pd.Series) -> list[float]:
    """Round reference amounts for the bubble legend, from the data (the largest nice step below the max)."""
    steps = MaxNLocator(3, steps=[1, 2, 5, 10]).tick_values(0, capital.max())
    return [float(v) for v in steps if 0 < v <= capital.max()][-3:]


def bubble_map(
    table: pd.DataFrame, places: pd.DataFrame, facts: LoanFacts, *, lang: str = "vi", title: str = "finding"
) -> Figure:
    """Districts on a point map, one panel per year: bubble area = capital allocated, colour = average
    loan per household. Districts without a row that year are grey rings.

    ``table`` is :func:`qnlib.analysis.loan_metrics`; ``places`` the places dataset.
    """
    points = maps.map_points(places[places["level"] == "district"])
    notes = [maps.places_note(places, lang), *_missing_note(table, lang)]
    heading = Heading.of("loans.map", lang, facts)
    fig, axes = slide(heading, cite(table, maps.places_source(places, lang), lang=lang), lang=lang, title=title,
                      notes=notes, ncols=len(facts.years), squeeze=False, legend_below=True)  # fmt: skip
    norm = Normalize(table["avg_loan_mvnd"].min(), table["avg_loan_mvnd"].max())
    scale = BUBBLE_MAX / table["planned_mvnd"].max()  # points² per million VND
    for ax, year in zip(axes[0], facts.years, strict=True):
        maps.map_axes(ax, points["x"], points["y"], lang, pad=0.1)
        ax.set_title(str(year), loc="left", fontweight="bold")
    colorbar = fig.colorbar(ScalarMappable(norm, CMAP), ax=list(axes[0]), shrink=0.6, pad=0.02)
    colorbar.set_label(t("loans.colour_bar", lang))
    colorbar.ax.yaxis.set_major_formatter(lambda v, _: fmt(v, lang, 0))
    maps.fix_layout(fig)
    for ax, year in zip(axes[0], facts.years, strict=True):
        rows = points.merge(table[table["year"] == year], on="district", how="left")
        lent = rows["planned_mvnd"].notna()
        sizes = np.where(lent, rows["planned_mvnd"].fillna(0) * scale, ABSENT_SIZE)
        ax.scatter(
            rows.loc[~lent, "x"], rows.loc[~lent, "y"], s=ABSENT_SIZE, facecolors="none", edgecolors="#9A9A9A"
        )
        ax.scatter(rows.loc[lent, "x"], rows.loc[lent, "y"], s=sizes[lent], c=rows.loc[lent, "avg_loan_mvnd"],
                   cmap=CMAP, norm=norm, alpha=0.9, edgecolors="white", linewidths=0.8, zorder=3)  # fmt: skip
        labels = [f"{r.district}\n{fmt(r.planned_mvnd, lang)}" if pd.notna(r.planned_mvnd) else r.district
                  for r in rows.itertuples()]  # fmt: skip
        maps.place_labels(ax, rows["x"], rows["y"], labels, np.sqrt(sizes) / 2, fontsize=9.5, linespacing=1.0)
    steps = _size_steps(table["planned_mvnd"])
    handles = [Line2D([], [], marker="o", linestyle="none", markersize=np.sqrt(v * scale), color="#BBBBBB")
               for v in steps]  # fmt: skip
    handles.append(Line2D([], [], marker="o", linestyle="none", markersize=np.sqrt(ABSENT_SIZE),
                          markerfacecolor="none", color="#9A9A9A"))  # fmt: skip
    labels = [f"{fmt(v, lang)} {t('loans.unit_planned_mvnd', lang)}" for v in steps] + [
        t("maps.not_in_table", lang)
    ]
    legend_below(fig, handles, labels)
    return fig


def district_table(table: pd.DataFrame, *, lang: str = "vi") -> Table:
    """Each district and year of Phụ lục 6: capital, households, average loan, disbursement, share."""
    columns = [Column("year", "col_year", "year"), Column("district", "col_district"),
               Column("planned_mvnd", "loans.col_planned", "int"), Column("households", "loans.col_households", "int"),
               Column("avg_loan_mvnd", "loans.col_avg", "num1"), Column("disbursement_rate_pct", "loans.col_rate", "pct2"),
               Column("planned_mvnd_share_pct", "loans.col_share", "pct1")]  # fmt: skip
    ordered = table.sort_values(["year", "planned_mvnd"], ascending=[True, False], kind="stable")
    return reader_table(ordered, columns, lang, "loans-districts")
