"""Income per capita: the trajectory to the target, and yearly growth against what is needed."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..facts import IncomeFacts
from ..plotting import KIND_COLOURS, Heading, label_bars, legend_below, slide
from ..sources import cite
from ..tables import Column, Table, reader_table
from ..words import fmt, reader_numbers, render, t

__all__ = ["growth", "series_table", "steps_table", "trajectory"]

KINDS = ("actual", "derived", "target")
PATH_GREY = "#666666"


def _shown(series: pd.DataFrame, facts: IncomeFacts) -> pd.DataFrame:
    return series[series["year"] <= facts.target_year]


def _notes(shown: pd.DataFrame, lang: str) -> list[str]:
    derived = shown[shown["kind"] == "derived"]
    return [
        t(
            "income.derived_note",
            lang,
            year=r.year,
            formula=reader_numbers(r.formula, lang),
            evidence=r.evidence,
        )
        for r in derived.itertuples()
    ]


def _above_target(shown: pd.DataFrame, facts: IncomeFacts, lang: str) -> list[str]:
    """Why an earlier year's target can stand above the final one: said, not left to the reader."""
    above = shown[
        (shown["kind"] == "target")
        & (shown["year"] < facts.target_year)
        & (shown["value"] > facts.target_value)
    ]
    final = {"target_year": facts.target_year, "target_value": facts.target_value, "multiple": facts.target_multiple,
             "base_year": facts.target_base_year, "target_source": t(f"doc_{facts.target_source}", lang)}  # fmt: skip
    return [
        t(
            "income.target_above_note",
            lang,
            year=int(r.year),
            value=r.value,
            source=t(f"doc_{r.source}", lang),
            **final,
        )
        for r in above.itertuples()
    ]


def _source(shown: pd.DataFrame, facts: IncomeFacts, lang: str) -> str:
    return cite(shown, [(facts.target_source, facts.target_line)], lang=lang)


def _bar_style(kind: str) -> dict:
    return {
        "facecolor": "white" if kind == "target" else KIND_COLOURS[kind],
        "edgecolor": KIND_COLOURS[kind],
        "hatch": "//" if kind == "derived" else None,
        "linewidth": 2,
    }


def trajectory(
    series: pd.DataFrame, facts: IncomeFacts, *, lang: str = "vi", title: str = "finding"
) -> Figure:
    """Income per capita by year as bars (actual, derived, target), the target level and the
    compound path from the base year that reaches it."""
    shown = _shown(series, facts)
    heading = Heading.of("income.trajectory", lang, facts)
    notes = [*_notes(shown, lang), *_above_target(shown, facts, lang)]
    fig, ax = slide(
        heading, _source(shown, facts, lang), lang=lang, title=title, notes=notes, legend_below=True
    )
    for kind in KINDS:
        rows = shown[shown["kind"] == kind]
        bars = ax.bar(rows["year"], rows["value"], width=0.6, label=t(kind, lang), **_bar_style(kind))
        labels = [
            ("≈" if c == "about" else "") + fmt(v, lang, 1)
            for c, v in zip(rows["comparator"], rows["value"], strict=True)
        ]
        label_bars(ax, bars, labels, fontsize=13, fontweight="bold")
    years = list(range(int(shown["year"].min()), facts.target_year + 1))
    ax.axhline(facts.target_value, color=KIND_COLOURS["target"], linestyle="--", linewidth=2)
    ax.annotate(render("income.goal", lang, facts), (years[0] - 0.4, facts.target_value), xytext=(0, 6),
                textcoords="offset points", color=KIND_COLOURS["target"], fontsize=12)  # fmt: skip
    path_years = list(range(facts.base_year, facts.target_year + 1))
    path = [facts.base_value * (1 + facts.needed_growth / 100) ** (y - facts.base_year) for y in path_years]
    ax.plot(
        path_years,
        path,
        color=PATH_GREY,
        linestyle=":",
        linewidth=2,
        label=render("income.path", lang, facts),
    )
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel(t("income.axis", lang))
    ax.set_ylim(0, max(facts.target_value, shown["value"].max()) * 1.15)
    legend_below(fig)
    return fig


def growth(
    steps: pd.DataFrame, series: pd.DataFrame, facts: IncomeFacts, *, lang: str = "vi", title: str = "finding"
) -> Figure:
    """Average yearly growth between consecutive figures, against the rate the target needs."""
    shown = _shown(series, facts)
    heading = Heading.of("income.growth", lang, facts)
    fig, ax = slide(heading, _source(shown, facts, lang), lang=lang, title=title, notes=_notes(shown, lang))
    labels = [f"{a}→{b}" for a, b in zip(steps["from_year"], steps["to_year"], strict=True)]
    styles = [_bar_style(kind) for kind in steps["to_kind"]]
    bars = ax.bar(labels, steps["growth_pct"], width=0.55)
    for bar, style in zip(bars, styles, strict=True):
        bar.set(**style)
    label_bars(ax, bars, [fmt(v, lang, 1, percent=True) for v in steps["growth_pct"]], fontsize=13,
               fontweight="bold", bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})  # fmt: skip
    needed = ax.axhline(facts.needed_growth, color=PATH_GREY, linestyle=":", linewidth=2)
    handles = [Rectangle((0, 0), 1, 1, **_bar_style(kind)) for kind in KINDS]
    ax.legend([*handles, needed], [*(t(k, lang) for k in KINDS), render("income.needed", lang, facts)],
              loc="upper left", ncols=4)  # fmt: skip
    ax.set_ylabel(t("income.growth_axis", lang))
    ax.set_ylim(0, max(steps["growth_pct"].max(), facts.needed_growth) * 1.2)
    return fig


def series_table(series: pd.DataFrame, *, lang: str = "vi") -> Table:
    """Every figure of the series: year, kind, value, how a derived one is computed, the document
    and its own words."""
    shown = series.assign(
        formula=[reader_numbers(f, lang) if isinstance(f, str) else f for f in series["formula"]]
    )
    columns = [Column("year", "col_year", "year"), Column("kind", "col_kind", "label:kind_"),
               Column("value", "income.col_value", "num1"), Column("formula", "income.col_formula"),
               Column("source", "col_source", "doc"), Column("evidence", "col_evidence", quote=True)]  # fmt: skip
    return reader_table(shown, columns, lang, "income-series")


def steps_table(steps: pd.DataFrame, *, lang: str = "vi") -> Table:
    """Growth between consecutive figures: from, to, the later figure's kind, compound growth a year."""
    columns = [Column("from_year", "income.col_from", "year"), Column("to_year", "income.col_to", "year"),
               Column("from_value", "income.col_from_value", "num1"), Column("to_value", "income.col_to_value", "num1"),
               Column("to_kind", "income.col_to_kind", "label:kind_"), Column("growth_pct", "income.col_growth", "pct1")]  # fmt: skip
    return reader_table(steps, columns, lang, "income-steps")
