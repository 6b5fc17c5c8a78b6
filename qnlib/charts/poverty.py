"""Poverty: poor households in 2021, and the reduction targets drawn as paths of the rate."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..facts import PovertyFacts
from ..plotting import COLOURS, Heading, format_axis, label_bars, slide
from ..sources import cite
from ..words import render, sentence_case, t

__all__ = ["poor_households", "target_paths"]

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
    fig, ax = slide(
        heading, cite(poverty[poverty["area"] == "province"], lang=lang), lang=lang, title=title, notes=notes
    )
    for (_, rows), (linestyle, marker, colour) in zip(
        paths.groupby("target_source", sort=False),
        PATH_STYLES,
        strict=False,  # at most three paths
    ):
        ax.plot(rows["year"], rows["rate"], linestyle=linestyle, marker=marker, markersize=8, linewidth=2.5,
                color=colour, label=_path_label(rows.iloc[0], lang))  # fmt: skip
        end = rows.iloc[-1]
        ax.annotate(t("poverty.path_end", lang, rate=end["rate"], households=end["households"]),
                    (end["year"], end["rate"]), xytext=(8, 0), textcoords="offset points", va="center",
                    fontsize=12, color=colour)  # fmt: skip
    ax.plot([facts.year], [facts.rate], "o", color=COLOURS["black"], markersize=11, zorder=5,
            label=render("poverty.actual_point", lang, facts))  # fmt: skip
    cap_label = t("poverty.cap", lang, year=facts.cap_year, value=facts.cap,
                  source=t(f"poverty.source_{facts.cap_source}", lang))  # fmt: skip
    ax.axhline(facts.cap, color=COLOURS["orange"], linestyle=":", linewidth=2.5, label=cap_label)
    ax.set_xticks(range(facts.year, facts.cap_year + 1))
    ax.set_xlim(facts.year - 0.3, facts.cap_year + 1.4)
    ax.set_ylim(0, max(paths["rate"].max(), facts.cap) * 1.35)
    ax.set_ylabel(t("poverty.rate_axis", lang))
    format_axis(ax, lang, "y", decimals=1)
    ax.legend(loc="upper right")
    return fig
