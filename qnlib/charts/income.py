"""Income per capita: the trajectory to the target, and yearly growth against what is needed."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .. import analysis
from ..facts import IncomeFacts
from ..plotting import KIND_COLOURS, Heading, label_bars, legend_below, slide
from ..reported import article_names, citations
from ..sources import cite
from ..tables import Column, Table, reader_table, source_names
from ..words import fmt, reader_numbers, render, t

__all__ = ["growth", "series_table", "steps_table", "trajectory"]

KINDS = ("actual", "derived", "target", "reported")
PATH_GREY = "#666666"


def _shown(series: pd.DataFrame, facts: IncomeFacts) -> pd.DataFrame:
    """The figures drawn: the documents' and one reported a year (:func:`qnlib.analysis.income_points`)."""
    points = analysis.income_points(series)
    return points[points["year"] <= facts.target_year]


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


def _source(shown: pd.DataFrame, facts: IncomeFacts, lang: str, reported: pd.DataFrame | None) -> str:
    articles = article_names(reported, lang) if reported is not None else {}
    documents = shown[shown["kind"] != "reported"]
    later = shown[shown["kind"] == "reported"]
    return cite(documents, [(facts.target_source, facts.target_line)], later, lang=lang, articles=articles)


def _bar_style(kind: str) -> dict:
    return {
        "facecolor": "white" if kind == "target" else KIND_COLOURS[kind],
        "edgecolor": KIND_COLOURS[kind],
        "hatch": {"derived": "//", "reported": ".."}.get(kind),
        "linewidth": 2,
    }


def _offsets(shown: pd.DataFrame) -> list[float]:
    """Where each bar stands on its year: alone in the middle, or beside the other figure of its year
    (the documents' on the left, the one reported later on the right)."""
    per_year = shown.groupby("year")["kind"].transform("size")
    later = shown["kind"] == "reported"
    return [0.0 if n == 1 else (0.2 if r else -0.2) for n, r in zip(per_year, later, strict=True)]


def trajectory(
    series: pd.DataFrame,
    facts: IncomeFacts,
    *,
    reported: pd.DataFrame | None = None,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Income per capita by year as bars (actual, derived, target from the documents; reported later,
    dotted, beside a document's figure of the same year), the target level and the compound path
    from the base year that reaches it. ``reported``: the dataset, to name the articles."""
    shown = _shown(series, facts)
    heading = Heading.of("income.trajectory", lang, facts)
    notes = [*_notes(shown, lang), *_above_target(shown, facts, lang), *_reported_notes(series, shown, lang)]
    fig, ax = slide(
        heading,
        _source(shown, facts, lang, reported),
        lang=lang,
        title=title,
        notes=notes,
        legend_below=True,
        citations=citations(shown, reported),
    )
    shown = shown.assign(x=shown["year"] + _offsets(shown))
    for kind in KINDS:
        rows = shown[shown["kind"] == kind]
        if rows.empty:
            continue
        width = [0.6 if o == 0 else 0.38 for o in rows["x"] - rows["year"]]
        bars = ax.bar(rows["x"], rows["value"], width=width, label=t(kind, lang), **_bar_style(kind))
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
    steps: pd.DataFrame,
    series: pd.DataFrame,
    facts: IncomeFacts,
    *,
    reported: pd.DataFrame | None = None,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Average yearly growth between consecutive figures, against the rate the target needs."""
    shown = _shown(series, facts)
    heading = Heading.of("income.growth", lang, facts)
    fig, ax = slide(heading, _source(shown, facts, lang, reported), lang=lang, title=title, notes=_notes(shown, lang),
                    citations=citations(shown, reported))  # fmt: skip
    labels = [f"{a}→{b}" for a, b in zip(steps["from_year"], steps["to_year"], strict=True)]
    styles = [_bar_style(kind) for kind in steps["to_kind"]]
    bars = ax.bar(labels, steps["growth_pct"], width=0.55)
    for bar, style in zip(bars, styles, strict=True):
        bar.set(**style)
    label_bars(ax, bars, [fmt(v, lang, 1, percent=True) for v in steps["growth_pct"]], fontsize=13,
               fontweight="bold", bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})  # fmt: skip
    needed = ax.axhline(facts.needed_growth, color=PATH_GREY, linestyle=":", linewidth=2)
    kinds = [k for k in KINDS if (steps["to_kind"] == k).any() or k != "reported"]
    handles = [Rectangle((0, 0), 1, 1, **_bar_style(kind)) for kind in kinds]
    ax.legend([*handles, needed], [*(t(k, lang) for k in kinds), render("income.needed", lang, facts)],
              loc="upper left", ncols=5)  # fmt: skip
    ax.set_ylabel(t("income.growth_axis", lang))
    ax.set_ylim(0, max(steps["growth_pct"].max(), facts.needed_growth) * 1.2)
    return fig


def _reported_notes(series: pd.DataFrame, shown: pd.DataFrame, lang: str) -> list[str]:
    """What the chart leaves out of the figures reported later: another figure of a drawn year, and
    the figures an article only implies."""
    later = series[series["kind"] == "reported"]
    drawn = set(zip(shown["source"], shown["line"], strict=True))
    left = later[[(s, ln) not in drawn for s, ln in zip(later["source"], later["line"], strict=True)]]
    notes = []
    if len(left):
        values = ", ".join(f"{'≈' if r.comparator == 'about' else ''}{fmt(r.value, lang, min(analysis.digits(r.value), 3))} ({r.year})"
                           for r in left.itertuples())  # fmt: skip
        notes.append(t("income.reported_left_note", lang, values=values))
    return notes


def series_table(series: pd.DataFrame, *, reported: pd.DataFrame | None = None, lang: str = "vi") -> Table:
    """Every figure of the series: year, kind, value, how a derived one is computed, the document or
    article (``reported``: the dataset, to name articles) and its own words."""
    articles = article_names(reported, lang) if reported is not None else {}
    shown = series.assign(
        formula=[reader_numbers(f, lang) if isinstance(f, str) else f for f in series["formula"]],
        source=source_names(series["source"], lang, articles),
        value=[("≈" if isinstance(c, str) and c == "about" else "") + fmt(v, lang, min(analysis.digits(v), 3))
               for c, v in zip(series["comparator"], series["value"], strict=True)],
    )  # fmt: skip
    columns = [Column("year", "col_year", "year"), Column("kind", "col_kind", "label:kind_"),
               Column("value", "income.col_value"), Column("formula", "income.col_formula"),
               Column("source", "col_source"), Column("evidence", "col_evidence", quote=True)]  # fmt: skip
    return reader_table(shown, columns, lang, "income-series")


def steps_table(steps: pd.DataFrame, *, lang: str = "vi") -> Table:
    """Growth between consecutive figures: from, to, the later figure's kind, compound growth a year."""
    columns = [Column("from_year", "income.col_from", "year"), Column("to_year", "income.col_to", "year"),
               Column("from_value", "income.col_from_value", "num1"), Column("to_value", "income.col_to_value", "num1"),
               Column("to_kind", "income.col_to_kind", "label:kind_"), Column("growth_pct", "income.col_growth", "pct1")]  # fmt: skip
    return reader_table(steps, columns, lang, "income-steps")
