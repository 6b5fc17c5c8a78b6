"""New Rural Development: communes reaching each level by year, cumulative against the targets,
districts' plans, the district roadmap and one district's communes."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .. import analysis
from ..facts import NtmFacts
from ..places import unit_2025_text
from ..plotting import LEVEL_COLOURS, Heading, format_axis, label_bars, legend_below, slide
from ..reported import article_names, citations
from ..sources import cite
from ..tables import Column, Table, reader_table
from ..vocabulary import LEVELS, PLAN_LEVELS
from ..words import fmt, level_name, render, t
from . import maps

__all__ = [
    "by_year",
    "commune_map",
    "communes",
    "counts_table",
    "cumulative",
    "cumulative_table",
    "district_roadmap",
    "districts",
    "notes",
    "units_2025",
    "units_table",
]

LAST_YEAR = 2025
NOT_PLANNED_GREY = "#E0E0E0"
COMPARATORS = {">=": "≥", ">": ">", "=": ""}


def notes(facts: NtmFacts, lang: str) -> list[str]:
    """The notes every NTM figure carries: the documents' own disagreement, the partial copy."""
    found = []
    if facts.district is None and "model" in facts.levels and facts.notes_model != facts.marked_model:
        found.append(render("ntm.notes_mismatch", lang, facts))
    if facts.district is not None:
        found.append(render("ntm.pb01_partial_note", lang, facts))
    return found


def _model_note(facts: NtmFacts, lang: str) -> list[str]:
    """A chart that counts model communes by Phụ biểu 02's marks (21) says the notes of Phụ biểu 01
    give another number (20), whatever levels the notebook shows."""
    if facts.district is None and facts.notes_model != facts.marked_model:
        return [render("ntm.notes_mismatch", lang, facts)]
    return []


def _planned_label(level: str, lang: str) -> str:
    return t("ntm.planned_suffix", lang, name=level_name(level, lang))


def _dot_legend(ax: Axes, levels: list[str], lang: str) -> None:
    handles = [
        Line2D([], [], marker="o", linestyle="none", markersize=12, color=LEVEL_COLOURS[lvl])
        for lvl in levels
    ]
    ax.legend(handles, [level_name(lvl, lang) for lvl in levels], loc="lower right")


def by_year(
    counts: pd.DataFrame,
    sources: list[pd.DataFrame],
    facts: NtmFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Communes newly reaching each level per year: actual bars, planned ones light and hatched."""
    heading = Heading.of("ntm.by_year", lang, facts)
    fig, ax = slide(
        heading,
        cite(*sources, lang=lang),
        lang=lang,
        title=title,
        notes=notes(facts, lang),
        legend_below=True,
    )
    first = facts.first_actual_year or 2022
    years = list(range(first, LAST_YEAR + 1 if facts.include_plan else max(2021, first) + 1))
    width = 0.8 / len(facts.levels)
    for i, level in enumerate(facts.levels):
        for status in ("actual", "planned"):
            rows = counts[(counts["level"] == level) & (counts["status"] == status)]
            if rows.empty:
                continue
            label = level_name(level, lang) if status == "actual" else _planned_label(level, lang)
            bars = ax.bar(rows["year"] + (i - (len(facts.levels) - 1) / 2) * width, rows["count"],
                          width=width * 0.95, color=LEVEL_COLOURS[level], alpha=1 if status == "actual" else 0.45,
                          hatch="//" if status == "planned" else None, label=label)  # fmt: skip
            label_bars(ax, bars, [fmt(v, lang) for v in rows["count"]], fontsize=10.5)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.set_ylabel(t("ntm.axis", lang))
    format_axis(ax, lang, integer=True)
    ax.set_ylim(0, max(counts["count"].max(), 1) * 1.2)
    legend_below(fig)
    return fig


def _plan_line(ax: Axes, planned: pd.DataFrame, level: str, achieved: int, lang: str) -> None:
    """The plan as steps from what Phụ biểu 02 marks achieved by 2021, labelled with its end."""
    per_year = planned.set_index("year")["count"].reindex(range(2022, LAST_YEAR + 1), fill_value=0)
    xs, ys = [2021, *per_year.index], [achieved, *(achieved + per_year.cumsum())]
    ax.plot(xs, ys, color=LEVEL_COLOURS[level], linewidth=3, linestyle="--", marker="o", markerfacecolor="white",
            drawstyle="steps-post", label=_planned_label(level, lang))  # fmt: skip
    ax.annotate(fmt(ys[-1], lang), (xs[-1], ys[-1]), xytext=(9, 0), textcoords="offset points", va="center",
                color=LEVEL_COLOURS[level], fontsize=12, fontweight="bold")  # fmt: skip


def _actual_line(ax: Axes, actual: pd.DataFrame, level: str, lang: str) -> None:
    ax.plot(actual["year"], actual["cumulative"], color=LEVEL_COLOURS[level], linewidth=3, marker="o",
            label=level_name(level, lang))  # fmt: skip
    last = actual.iloc[-1]
    ax.annotate(fmt(last["cumulative"], lang), (last["year"], last["cumulative"]), xytext=(-8, 6),
                textcoords="offset points", ha="right", color=LEVEL_COLOURS[level], fontsize=12, fontweight="bold")  # fmt: skip


def _goals(ax: Axes, goal: pd.DataFrame, n_communes: int, lang: str) -> None:
    """Targets as diamonds, in communes (a share is converted with the number of communes)."""
    for row in goal.itertuples():
        level = row.indicator.split("_")[1]
        value = row.value if row.unit == "communes" else row.value / 100 * n_communes
        ax.plot(row.year, value, marker="D", markersize=11, color=LEVEL_COLOURS[level], markeredgecolor="black",
                linestyle="none")  # fmt: skip
        unit = "%" if row.unit != "communes" else ""
        text = f"{COMPARATORS.get(row.comparator, '')}{fmt(row.value, lang)}{unit} ({'QĐ 2877' if row.source == 'qd2877_2022' else 'CTr 35'})"
        first = (
            row.year == goal["year"].min()
        )  # the first targets sit left of the plan line, later ones below it
        ax.annotate(text, (row.year, value), xytext=(-10, 8) if first else (10, -16), textcoords="offset points",
                    ha="right" if first else "left", fontsize=10.5, color="#333333")  # fmt: skip


def _reported_points(ax: Axes, later: pd.DataFrame) -> None:
    """Counts reported after the documents: a hollow diamond per level and year."""
    for row in later.itertuples():
        ax.plot([row.t], [row.value], marker="D", markersize=10, markerfacecolor="white",
                markeredgecolor=LEVEL_COLOURS[row.level], markeredgewidth=2.5, linestyle="none", zorder=5)  # fmt: skip


def _reported_labels(fig: Figure, ax: Axes, later: pd.DataFrame, lang: str) -> None:
    """Each reported count labelled with the whole it is out of ("53/91"), where it covers no other
    label or marker (the layout is fixed first: labels are placed on screen)."""
    maps.fix_layout(fig)
    renderer = fig.canvas.get_renderer()
    taken = [maps.text_box(text, renderer) for text in ax.texts]
    for line in ax.lines:  # every drawn marker (plan points, targets) and line is an obstacle too
        x, y = line.get_xdata(), line.get_ydata()
        if line.get_marker() not in (None, "None", "", " ") and len(x):
            taken += maps.marker_boxes(ax, x, y, [line.get_markersize() / 2] * len(x))
        if line.get_linestyle() not in ("None", "none", "", " ") and len(x) > 1:
            taken += maps.line_boxes(ax, line)
    for level, rows in later.groupby("level", sort=False):
        labels = [
            fmt(r.value, lang) + (f"/{fmt(r.of, lang)}" if not pd.isna(r.of) else "")
            for r in rows.itertuples()
        ]
        placed = maps.place_labels(ax, list(rows["t"]), list(rows["value"]), labels, [6.0] * len(rows), obstacles=taken,
                                   fontsize=11.5, fontweight="bold", color=LEVEL_COLOURS[level])  # fmt: skip
        taken += [maps.text_box(p.annotation, renderer) for p in placed]


def _others_note(later: pd.DataFrame, lang: str) -> list[str]:
    """The counts other sources give for the same level and year."""
    items = [t("ntm.reported_other_item", lang, level=level_name(r.level, lang), year=r.year, publisher=r.publisher,
               value=fmt(r.value, lang), others=r.others) for r in later.itertuples() if r.others]  # fmt: skip
    return [t("ntm.reported_others_note", lang, items="; ".join(items))] if items else []


def cumulative(
    running: pd.DataFrame,
    goal: pd.DataFrame,
    sources: list[pd.DataFrame],
    facts: NtmFacts,
    *,
    reported: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Running totals per level (actual solid, planned dashed) against all communes and targets, and
    the counts reported after the documents (``reported``: :func:`qnlib.analysis.ntm_reported`;
    ``articles``: the dataset ``reported``, which names and cites them)."""
    heading = Heading.of("ntm.cumulative", lang, facts)
    later = (
        reported
        if reported is not None
        else pd.DataFrame(columns=["level", "value", "of", "t", "source", "line"])
    )
    later = later[later["level"].isin(facts.levels)]
    wholes = [fmt(w, lang) for w in dict.fromkeys(later["of"].dropna()) if w != facts.n_communes]
    extra = ([t("ntm.reported_note", lang, wholes=wholes, n_communes=facts.n_communes), *_others_note(later, lang)]
             if len(later) else [])  # fmt: skip
    fig, ax = slide(
        heading,
        cite(
            *sources,
            goal,
            later,
            lang=lang,
            articles=article_names(articles, lang) if articles is not None else {},
        ),
        lang=lang,
        title=title,
        notes=[*notes(facts, lang), *extra],
        citations=citations(later, articles),
    )
    for level in facts.levels:
        rows = running[running["level"] == level]
        actual, planned = rows[rows["status"] == "actual"], rows[rows["status"] == "planned"]
        if not actual.empty:
            _actual_line(ax, actual, level, lang)
        if not planned.empty:
            _plan_line(ax, planned, level, facts.marked_achieved.get(level, 0), lang)
    _goals(ax, goal, facts.n_communes, lang)
    _reported_points(ax, later)
    if len(later):
        ax.plot([], [], marker="D", markersize=9, markerfacecolor="white", markeredgecolor="#555555",
                markeredgewidth=2, linestyle="none", label=t("ntm.reported_label", lang))  # fmt: skip
    last_year = LAST_YEAR if facts.include_plan else int(max(running["year"].max(), *later["year"]))
    ax.axhline(facts.n_communes, color="#999999", linewidth=1.5)
    ax.annotate(render("ntm.total_line", lang, facts), (last_year + 0.9, facts.n_communes), xytext=(0, 5),
                textcoords="offset points", ha="right", color="#666666")  # fmt: skip
    ax.set_ylim(0, facts.n_communes * 1.12)
    ax.set_xlim(running["year"].min() - 0.5, last_year + 1)
    ax.set_xticks(range(int(running["year"].min()), last_year + 1))
    ax.set_ylabel(t("ntm.axis", lang))
    format_axis(ax, lang, integer=True)
    if len(later):
        _reported_labels(fig, ax, later, lang)
    # The emptiest corner (it differs between the province and each district), below the line of all communes.
    ax.legend(loc="best", bbox_to_anchor=(0, 0, 1, 0.86))
    return fig


def _segments(lang: str) -> list[tuple[str, float, str | None, str]]:
    """Stacked segments of a district's bar: (column, alpha, hatch, legend label)."""
    segments = [("achieved", 1.0, None, t("ntm.achieved_by_2021", lang))]
    segments += [(f"planned_{y}", 0.75 - 0.15 * (y - 2022), "//", t("ntm.planned_year", lang, year=y))
                 for y in range(2022, LAST_YEAR + 1)]  # fmt: skip
    return [*segments, ("not_planned", 1.0, None, t("ntm.not_in_plan", lang))]


def _district_bars(ax: Axes, table: pd.DataFrame, level: str, lang: str) -> None:
    left = np.zeros(len(table))
    for column, alpha, hatch, _ in _segments(lang):
        colour = NOT_PLANNED_GREY if column == "not_planned" else LEVEL_COLOURS[level]
        ax.barh(table.index, table[column], left=left, color=colour, alpha=alpha, hatch=hatch, height=0.7)
        left += table[column].to_numpy()
    for y, (_, row) in enumerate(table.iterrows()):
        planned = row[[f"planned_{year}" for year in range(2022, LAST_YEAR + 1)]].sum()
        ax.annotate(f"{row['achieved']} + {planned} / {row['communes']}", (row["communes"], y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=10.5)  # fmt: skip
    ax.set_title(level_name(level, lang), loc="left", fontweight="bold", color=LEVEL_COLOURS[level])
    ax.set_xlim(0, table["communes"].max() * 1.3)
    ax.set_xlabel(t("ntm.axis", lang))
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)


def districts(plan: pd.DataFrame, facts: NtmFacts, *, lang: str = "vi", title: str = "finding") -> Figure:
    """Per district and plan level: communes achieved by 2021, planned per year, not planned."""
    plan_levels = [lvl for lvl in facts.levels if lvl in PLAN_LEVELS]
    heading = Heading.of("ntm.districts", lang, facts)
    notes = _model_note(facts, lang) if "model" in plan_levels else []
    fig, axes = slide(heading, cite(plan, lang=lang), lang=lang, title=title, ncols=len(plan_levels), sharey=True,
                      squeeze=False, legend_below=True, notes=notes)  # fmt: skip
    order = analysis.district_plan_breakdown(plan, "advanced").index
    for ax, level in zip(axes[0], plan_levels, strict=True):
        _district_bars(ax, analysis.district_plan_breakdown(plan, level).reindex(order), level, lang)
    axes[0][0].invert_yaxis()  # the axes share y: invert once, largest achievers on top
    handles = [Rectangle((0, 0), 1, 1, color=NOT_PLANNED_GREY if c == "not_planned" else "#555555", alpha=a, hatch=h)
               for c, a, h, _ in _segments(lang)]  # fmt: skip
    legend_below(fig, handles, [label for *_, label in _segments(lang)])
    return fig


def district_roadmap(
    district_plan: pd.DataFrame, facts: NtmFacts, *, lang: str = "vi", title: str = "finding"
) -> Figure:
    """Each district's year of completing NTM and advanced NTM (Phụ biểu 03): filled if before 2022."""
    shown = district_plan[district_plan["level"].isin(facts.levels)]
    heading = Heading.of("ntm.district_roadmap", lang, facts)
    fig, ax = slide(heading, cite(shown, lang=lang), lang=lang, title=title)
    order = list(district_plan.drop_duplicates("district")["district"])
    positions = {name: i for i, name in enumerate(order)}
    columns = [t("ntm.before_2022", lang), *map(str, range(2022, LAST_YEAR + 1))]
    offsets = {"ntm": -0.12, "advanced": 0.12, "model": 0.0}
    for level, rows in shown.groupby("level"):
        x = [0 if a else int(y) - 2021 for a, y in zip(rows["achieved"], rows["year"], strict=True)]
        y = [positions[d] + offsets[level] for d in rows["district"]]
        ax.scatter(x, y, s=170, color=[LEVEL_COLOURS[level] if a else "white" for a in rows["achieved"]],
                   edgecolors=LEVEL_COLOURS[level], linewidths=2.5, zorder=3)  # fmt: skip
    ax.set_yticks(range(len(order)), order)
    ax.set_xticks(range(len(columns)), columns)
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.invert_yaxis()
    ax.grid(axis="x")
    _dot_legend(ax, list(shown["level"].unique()), lang)
    return fig


def communes(
    timeline: pd.DataFrame,
    sources: list[pd.DataFrame],
    facts: NtmFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """One district's communes: the year each reached a level (filled) or is planned to (hollow)."""
    names = timeline.attrs["communes"]
    heading = Heading.of("ntm.communes", lang, facts)
    fig, ax = slide(heading, cite(*sources, lang=lang), lang=lang, title=title, notes=notes(facts, lang))
    first_year = int(timeline["year"].min()) if timeline["year"].notna().any() else 2022
    years = list(range(min(first_year, 2022), LAST_YEAR + 1))
    positions = {name: i for i, name in enumerate(names)}
    offsets = {"ntm": -0.18, "advanced": 0.0, "model": 0.18}
    for level in facts.levels:
        rows = timeline[timeline["level"] == level]
        if rows.empty:
            continue
        x = [years.index(int(y)) + 1 if pd.notna(y) else 0 for y in rows["year"]]
        ax.scatter(x, [positions[c] + offsets[level] for c in rows["commune"]], s=150,
                   color=[LEVEL_COLOURS[level] if s == "reached" else "white" for s in rows["status"]],
                   edgecolors=LEVEL_COLOURS[level], linewidths=2.5, zorder=3)  # fmt: skip
    ax.set_yticks(range(len(names)), names)
    ax.set_xticks(range(len(years) + 1), [t("ntm.before_2022", lang), *map(str, years)])
    ax.set_xlim(-0.5, len(years) + 0.5)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.grid(axis="x")
    _dot_legend(ax, [lvl for lvl in facts.levels if lvl in set(timeline["level"])], lang)
    return fig


# ---------------------------------------------------------------------------------- maps

# Marker areas (points²) of a filled dot and the ring around it: for a district, and smaller for the
# province, where the north-east crowds.
SIZES = {"district": (60, 200), "province": (40, 135)}
NEAR = (3, 8, 14, 20, 34, 48, 64, 82)  # next to a commune of theirs; from 34 (crowded) with a leader line
CROWD_RADIUS = 0.12  # degrees: how crowded a district's centre is


def _map_notes(points: pd.DataFrame, shown: pd.DataFrame, lang: str) -> list[str]:
    """The notes every commune map carries: geocoded points, a point moved to its box, shared points."""
    notes = [maps.places_note(points, lang)]
    notes += maps.box_centre_note(shown, lang)
    merged = shown[shown["code"].isna()]
    if len(merged):
        pairs = [
            f"{', '.join(rows['name'])} ({holder})"
            for holder, rows in merged.groupby("unit_2024", sort=False)
        ]
        notes.append(t("maps.shared_point", lang, pairs="; ".join(pairs)))
    return notes


def commune_map(
    levels: pd.DataFrame,
    places: pd.DataFrame,
    sources: list[pd.DataFrame],
    facts: NtmFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """The communes on a point map: filled by the highest level reached by 2021, ringed by the level
    planned by 2025. The province view names the districts; a district view names every commune.

    ``levels`` is :func:`qnlib.analysis.commune_levels`, ``places`` the places dataset.
    """
    points = maps.map_points(places[places["level"] == "commune"]).rename(columns={"name": "commune"})
    shown = levels.merge(points, on=["district", "commune"], validate="one_to_one")
    if facts.district is not None:
        shown = shown[shown["district"] == facts.district]
    heading = Heading.of("ntm.map", lang, facts)
    notes = _map_notes(points, shown.rename(columns={"commune": "name"}), lang) + _model_note(facts, lang)
    fig, ax = slide(heading, cite(*sources, maps.places_source(places, lang), lang=lang), lang=lang, title=title,
                    notes=notes)  # fmt: skip
    maps.map_axes(ax, shown["x"], shown["y"], lang, pad=0.12 if facts.district else 0.09)
    _map_legend(ax, facts, lang)
    maps.fix_layout(fig)
    reached_size, ring_size = SIZES["province" if facts.district is None else "district"]
    x, y = maps.spread(ax, shown["x"], shown["y"], gap=np.sqrt(ring_size) + 2)
    planned = shown["planned"].notna() & facts.include_plan
    ax.scatter(x[planned], y[planned], s=ring_size, facecolors="none", linewidths=2, zorder=3,
               edgecolors=[LEVEL_COLOURS[lvl] for lvl in shown.loc[planned, "planned"]])  # fmt: skip
    ax.scatter(x, y, s=reached_size, color=[LEVEL_COLOURS[lvl] for lvl in shown["reached"]], edgecolors="white",
               linewidths=0.8, zorder=4)  # fmt: skip
    radii = np.where(planned, np.sqrt(ring_size) / 2, np.sqrt(reached_size) / 2)
    if facts.district is not None:
        names, groups = maps.shared_labels(shown["x"], shown["y"], shown["commune"])
        maps.place_labels(ax, x, y, names, radii, groups=groups, fontsize=11)
    else:
        _district_names(ax, shown, x, y, radii)
    return fig


def _district_names(ax: Axes, shown: pd.DataFrame, x: np.ndarray, y: np.ndarray, radii: np.ndarray) -> None:
    """District names next to their communes, beside the one nearest the district's centre if there is
    room, else beside another of its communes; the most crowded districts choose first."""
    names, groups, crowding = [], [], []
    for district, rows in shown.reset_index(drop=True).groupby("district", sort=False):
        index = rows.index.to_numpy()
        cx, cy = x[index].mean(), y[index].mean()
        names.append(district)
        groups.append(list(index[np.argsort((x[index] - cx) ** 2 + (y[index] - cy) ** 2, kind="stable")]))
        crowding.append(int(((x - cx) ** 2 + (y - cy) ** 2 < CROWD_RADIUS**2).sum()))
    order = np.argsort(crowding, kind="stable")[::-1]
    maps.place_labels(ax, x, y, [names[i] for i in order], radii, groups=[groups[i] for i in order],
                      distances=NEAR, fontsize=11.5, fontweight="bold", color="#444444")  # fmt: skip


def _map_legend(ax: Axes, facts: NtmFacts, lang: str) -> None:
    """The legend beside the map (a map is taller than wide for its slide: the side is free)."""
    handles = [
        Line2D([], [], marker="o", linestyle="none", markersize=9, color=LEVEL_COLOURS[lvl]) for lvl in LEVELS
    ]
    labels = [t("maps.reached", lang, name=level_name(lvl, lang)) for lvl in LEVELS]
    if facts.include_plan:
        for level in PLAN_LEVELS:
            handles.append(Line2D([], [], marker="o", linestyle="none", markersize=14, markerfacecolor="none",
                                  markeredgewidth=2.2, color=LEVEL_COLOURS[level]))  # fmt: skip
            labels.append(t("maps.planned_ring", lang, name=level_name(level, lang)))
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0, labelspacing=1.1)


def units_2025(
    table: pd.DataFrame,
    places: pd.DataFrame,
    sources: list[pd.DataFrame],
    facts: NtmFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Today's units holding model-NTM communes: former communes by highest level reached by 2021
    (stacked), with the model communes planned by 2025 hatched after them.

    ``table`` is :func:`qnlib.analysis.units_2025`; units without model communes are named in a note.
    """
    shown = table[(table["model"] + table["model_planned"]) > 0].iloc[::-1]
    others = len(table) - len(shown)
    notes = [t("ntm.units_shown", lang, others=others)] if others else []
    communes = places[places["level"] == "commune"]
    split = communes[communes["unit_2025_others"].fillna("") != ""]
    split = split[split["district"] == facts.district] if facts.district else split
    if len(split):
        notes.append(
            t(
                "ntm.units_successor",
                lang,
                package=t("maps.package", lang, name=places["source"].iloc[0]),
                split=", ".join(split["name"]),
            )
        )
    heading = Heading.of("ntm.units_2025", lang, facts)
    fig, ax = slide(heading, cite(*sources, maps.places_source(places, lang), lang=lang), lang=lang, title=title,
                    notes=notes, legend_below=True)  # fmt: skip
    labels = [
        f"{unit_2025_text(r.unit_2025_type, r.unit_2025_name, lang)} ({r.districts})"
        for r in shown.itertuples()
    ]
    left = np.zeros(len(shown))
    for level in LEVELS:
        ax.barh(
            labels,
            shown[level],
            left=left,
            color=LEVEL_COLOURS[level],
            height=0.7,
            label=level_name(level, lang),
        )
        left += shown[level].to_numpy()
    if facts.include_plan:
        ax.barh(labels, shown["model_planned"], left=left, color=LEVEL_COLOURS["model"], alpha=0.45, hatch="//",
                height=0.7, label=_planned_label("model", lang))  # fmt: skip
        left += shown["model_planned"].to_numpy()
    for i, row in enumerate(shown.itertuples()):
        ax.annotate(f"{row.model}/{row.communes}", (left[i], i), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=10)  # fmt: skip
    ax.set_xlabel(t("ntm.units_axis", lang))
    ax.tick_params(axis="y", labelsize=9.5 if len(shown) > 16 else 11)
    format_axis(ax, lang, "x", integer=True)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, left.max() * 1.12)
    ax.set_ylim(-0.6, len(shown) - 0.4)
    handles, names = ax.get_legend_handles_labels()
    legend_below(fig, handles, names)
    return fig


def _levels_table(
    frame: pd.DataFrame, value: str, levels: list[str], lang: str, name: str, fill: float | None
) -> Table:
    """Year and actual/planned as rows, one column per level."""
    wide = frame.pivot_table(
        index=["year", "status"], columns="level", values=value, fill_value=fill
    ).reset_index()
    shown = [level for level in levels if level in wide]
    columns = [Column("year", "col_year", "year"), Column("status", "col_status", "label:status_"),
               *(Column(level, f"level_{level}", "int") for level in shown)]  # fmt: skip
    return reader_table(wide.sort_values(["year", "status"]), columns, lang, name)


def counts_table(counts: pd.DataFrame, levels: list[str], *, lang: str = "vi") -> Table:
    """Communes newly reaching each level, per year (0 where none did), actual then planned."""
    return _levels_table(counts, "count", levels, lang, "ntm-counts", fill=0)


def cumulative_table(running: pd.DataFrame, levels: list[str], *, lang: str = "vi") -> Table:
    """Communes at each level, cumulative, per year ("–" before a level's first commune)."""
    return _levels_table(running, "cumulative", levels, lang, "ntm-cumulative", fill=None)


def units_table(units: pd.DataFrame, *, lang: str = "vi") -> Table:
    """Every unit since 1 July 2025 holding communes in scope: its former communes by highest level."""
    shown = units.assign(
        unit=[unit_2025_text(r.unit_2025_type, r.unit_2025_name, lang) for r in units.itertuples()]
    )
    columns = [Column("unit", "ntm.col_unit"), Column("districts", "ntm.col_former_district"),
               Column("communes", "ntm.col_former_communes", "int"), Column("ntm", "ntm.col_highest_ntm", "int"),
               Column("advanced", "ntm.col_highest_advanced", "int"), Column("model", "ntm.col_highest_model", "int"),
               Column("model_planned", "ntm.col_model_planned", "int"), Column("names", "ntm.col_names")]  # fmt: skip
    return reader_table(shown, columns, lang, "ntm-units")
