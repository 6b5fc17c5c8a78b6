"""Poverty: poor households in 2021, and the reduction targets drawn as paths of the rate."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..facts import PovertyFacts
from ..plotting import COLOURS, Heading, format_axis, label_bars, legend_below, slide
from ..reported import article_names, citations
from ..sources import cite
from ..tables import Column, Table, reader_table, source_names
from ..words import fmt, render, sentence_case, t
from . import maps

__all__ = ["figures_table", "paths_table", "poor_households", "reported_households", "target_paths"]

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
    documents = poverty[(poverty["area"] == "province") & (poverty["kind"] != "reported")]
    fig, ax = slide(heading, cite(documents, lang=lang), lang=lang, title=title,
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


STANDARD_MARKERS = {"central": "o", "provincial": "s", "unstated": "^"}
STANDARD_SHIFT = {"central": -0.17, "unstated": 0.0, "provincial": 0.17}


def _households(poverty: pd.DataFrame) -> pd.DataFrame:
    """Poor households of the province, of the documents and reported later (printed ones), one point
    per year, standard and value, with how many sources give it."""
    rows = poverty[(poverty["indicator"] == "poor_households") & (poverty["area"] == "province")
                   & poverty["kind"].isin(["actual", "reported"]) & poverty["formula"].isna()]  # fmt: skip
    points = []
    for (year, standard, value), group in rows.groupby(["year", "standard", "value"], sort=True):
        hedged = group["comparator"].notna().all()
        points.append({"year": int(year), "standard": standard, "value": float(value), "hedged": bool(hedged),
                       "sources": len(group), "document": bool((group["kind"] == "actual").any()),
                       "source": group["source"].iloc[0], "line": int(group["line"].iloc[0])})  # fmt: skip
    return pd.DataFrame(points)


def _disagreements(points: pd.DataFrame, lang: str) -> list[str]:
    """A note for each year whose sources give different counts by the same (or an unstated) standard."""
    notes = []
    national = points[points["standard"] != "provincial"]
    for year, rows in national.groupby("year", sort=True):
        if rows["value"].nunique() > 1:
            values = [
                ("≈" if r.hedged else "") + fmt(r.value, lang) for r in rows.sort_values("value").itertuples()
            ]
            notes.append(t("poverty.reported_disagree_note", lang, year=int(year), values=values))
    return notes


def reported_households(
    poverty: pd.DataFrame,
    facts: PovertyFacts,
    *,
    reported: pd.DataFrame | None = None,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Poor households of the province by year, from the documents and the sources that reported
    later; the marker says which poverty standard a figure counts by, the label how many sources give it."""
    points = _households(poverty)
    heading = Heading.of("poverty.reported", lang, facts)
    used = poverty[(poverty["indicator"] == "poor_households") & (poverty["area"] == "province")
                   & poverty["kind"].isin(["actual", "reported"]) & poverty["formula"].isna()]  # fmt: skip
    articles = article_names(reported, lang) if reported is not None else {}
    source = cite(
        used[used["kind"] == "actual"], used[used["kind"] == "reported"], lang=lang, articles=articles
    )
    notes = [t("poverty.standards_note", lang), *_disagreements(points, lang)]
    fig, ax = slide(heading, source, lang=lang, title=title, notes=notes, legend_below=2,
                    citations=citations(used, reported))  # fmt: skip
    x = [r.year + STANDARD_SHIFT[r.standard] for r in points.itertuples()]
    for px, row in zip(x, points.itertuples(), strict=True):
        colour = COLOURS["black"] if row.document else COLOURS["green"]
        ax.plot([px], [row.value], marker=STANDARD_MARKERS[row.standard], markersize=11, color=colour,
                markerfacecolor=colour if row.standard != "unstated" else "white", markeredgewidth=2,
                linestyle="none", zorder=3)  # fmt: skip
    labels = [("≈" if r.hedged else "") + fmt(r.value, lang) + (f" ({t('poverty.sources_count', lang, count=r.sources)})"
              if r.sources > 1 else "") for r in points.itertuples()]  # fmt: skip
    ax.set_xlim(min(points["year"]) - 0.6, max(points["year"]) + 0.6)
    ax.set_ylim(-80, max(points["value"]) * 1.2)
    ax.set_xticks(range(int(points["year"].min()), int(points["year"].max()) + 1))
    ax.set_ylabel(t("poverty.poor_axis", lang))
    format_axis(ax, lang, "y", integer=True)
    maps.fix_layout(fig)
    maps.place_labels(
        ax, x, list(points["value"]), labels, [6.0] * len(points), fontsize=11.5, color="#222222"
    )
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker=STANDARD_MARKERS[s], color="#555555", markerfacecolor="#555555" if s != "unstated"
                      else "white", markeredgewidth=2, linestyle="none", markersize=10) for s in STANDARD_MARKERS]  # fmt: skip
    handles += [
        Line2D([], [], marker="o", color=c, linestyle="none", markersize=10)
        for c in (COLOURS["black"], COLOURS["green"])
    ]
    labels = [t(f"poverty.standard_{s}", lang) for s in STANDARD_MARKERS] + [
        t("actual", lang),
        t("reported", lang),
    ]
    legend_below(fig, handles, labels)
    return fig


def figures_table(poverty: pd.DataFrame, *, reported: pd.DataFrame | None = None, lang: str = "vi") -> Table:
    """Every poverty figure and target of the documents, and those reported later: what, where, when,
    how much, by which standard, which document or article."""
    articles = article_names(reported, lang) if reported is not None else {}
    shown = poverty.sort_values(["kind", "year", "indicator"], kind="stable")
    shown = shown.assign(source=source_names(shown["source"], lang, articles))
    columns = [Column("indicator", "col_indicator", "label:indicator_"), Column("area", "col_area", "label:area_"),
               Column("year", "col_year", "year"), Column("value", "col_value", "value"), Column("unit", "col_unit", "unit"),
               Column("standard", "poverty.col_standard", "label:poverty.standard_"),
               Column("kind", "col_kind", "label:kind_"), Column("source", "col_source")]  # fmt: skip
    return reader_table(shown, columns, lang, "poverty-figures")


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
