"""Poverty: poor households in 2021, and the reduction targets drawn as paths of the rate."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..facts import PovertyFacts
from ..plotting import COLOURS, Heading, format_axis, label_bars, legend_below, slide
from ..sources import cite
from ..tables import Column, Table, reader_table
from ..words import render, sentence_case, t

__all__ = ["figures_table", "paths_table", "poor_households", "target_paths"]

PATH_STYLES = [("-", "o", COLOURS["blue"]), ("--", "s", COLOURS["vermillion"]), ("-.", "^", COLOURS["green"])]


def poor_households(
    poverty: pd.DataFrame, facts: PovertyFacts, *, lang: str = "vi", title: str = "finding"
) -> Figure:
    """Poor households of the province and the ethnic-minority ones among them, labelled with
    their rates and share."""
    cited = poverty[(poverty["year"] == facts.year) & (poverty["kind"] == "actual")]
    heading = Heading.of("poverty.poor_households", lang, facts)
    notes = [render("poverty.share_note", lang, facts)]
    fig, ax = slide(heading, cite(cited, lang=lang), lang=lang, title=title, notes=notes)
    names = [t("poverty.em_households", lang), t("province", lang)]
    bars = ax.barh(
        names, [facts.poor_em, facts.poor], color=[COLOURS["vermillion"], COLOURS["blue"]], height=0.55
    )
    labels = [render("poverty.bar_ethnic_minority", lang, facts), render("poverty.bar_province", lang, facts)]
    label_bars(ax, bars, labels, horizontal=True, fontsize=14)
    ax.set_xlim(0, facts.poor * 1.9)
    ax.set_xlabel(t("poverty.poor_axis", lang))
    format_axis(ax, lang, "x")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    return fig


def _path_label(first: pd.Series, lang: str) -> str:
    key = "poverty.path_per_year" if first["per_year"] else "poverty.path_one_year"
    area = sentence_case(t(f"area_{first['area']}", lang))
    source = t(f"poverty.source_{first['target_source']}", lang)
    return t(key, lang, area=area, value=first["reduction"], year=first["target_year"], source=source)


def target_paths(
    paths: pd.DataFrame,
    poverty: pd.DataFrame,
    facts: PovertyFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Each reduction target as a path of the poverty rate from the measured start, with the
    households the end point implies, the measured rate and the 2025 cap."""
    heading = Heading.of("poverty.target_paths", lang, facts)
    notes = [t("poverty.standard_note", lang), render("poverty.households_estimate_note", lang, facts),
             t("ocr_note", lang)]  # fmt: skip
    fig, ax = slide(heading, cite(poverty[poverty["area"] == "province"], lang=lang), lang=lang, title=title,
                    notes=notes, legend_below=2)  # fmt: skip
    for (_, rows), (linestyle, marker, colour) in zip(
        paths.groupby("target_source", sort=False),
        PATH_STYLES,
        strict=False,  # at most three paths
    ):
        zero = rows[rows["rate"] <= 0]
        drawn = (
            rows[rows["year"] <= zero["year"].min()] if len(zero) else rows
        )  # a path ends where it reaches 0
        ax.plot(drawn["year"], drawn["rate"], linestyle=linestyle, marker=marker, markersize=8, linewidth=2.5,
                color=colour, label=_path_label(rows.iloc[0], lang))  # fmt: skip
        end = drawn.iloc[-1]
        label = (t("poverty.path_zero", lang, year=int(end["year"])) if len(zero) else
                 t("poverty.path_end", lang, rate=end["rate"], households=end["households"]))  # fmt: skip
        ax.annotate(label, (end["year"], end["rate"]), xytext=(8, 6), textcoords="offset points", va="bottom",
                    fontsize=12, color=colour)  # fmt: skip
    ax.plot([facts.year], [facts.rate], "o", color=COLOURS["black"], markersize=11, zorder=5,
            label=render("poverty.actual_point", lang, facts))  # fmt: skip
    cap_label = t("poverty.cap", lang, year=facts.cap_year, value=facts.cap,
                  source=t(f"poverty.source_{facts.cap_source}", lang))  # fmt: skip
    ax.axhline(facts.cap, color=COLOURS["orange"], linestyle=":", linewidth=2.5, label=cap_label)
    ax.set_xticks(range(facts.year, facts.cap_year + 1))
    ax.set_xlim(facts.year - 0.3, facts.cap_year + 1.4)
    ax.set_ylim(0, max(paths["rate"].max(), facts.cap) * 1.25)
    ax.set_ylabel(t("poverty.rate_axis", lang))
    format_axis(ax, lang, "y", decimals=1)
    legend_below(fig)
    return fig


def figures_table(poverty: pd.DataFrame, *, lang: str = "vi") -> Table:
    """Every poverty figure and target of the documents: what, where, when, how much, which document."""
    columns = [Column("indicator", "col_indicator", "label:indicator_"), Column("area", "col_area", "label:area_"),
               Column("year", "col_year", "year"), Column("value", "col_value", "value"), Column("unit", "col_unit", "unit"),
               Column("kind", "col_kind", "label:kind_"), Column("source", "col_source", "doc")]  # fmt: skip
    return reader_table(
        poverty.sort_values(["kind", "year", "indicator"], kind="stable"), columns, lang, "poverty-figures"
    )


def paths_table(paths: pd.DataFrame, *, lang: str = "vi") -> Table:
    """Each target path year by year, up to the year it reaches 0: the rate and the households it
    implies (derived)."""
    first_zero = paths[paths["rate"] <= 0].groupby("target_source")["year"].min()
    ends = paths["target_source"].map(first_zero).fillna(paths["year"].max())
    paths = paths[paths["year"] <= ends]
    columns = [Column("target_source", "col_source", "doc"), Column("reduction", "poverty.col_reduction", "num2"),
               Column("year", "col_year", "year"), Column("rate", "poverty.col_rate", "pct2"),
               Column("households", "poverty.col_households", "int")]  # fmt: skip
    return reader_table(paths, columns, lang, "poverty-paths")
