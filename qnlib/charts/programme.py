"""The programme's tasks: by group, by lead agency and by deadline year, coloured by when they fall due.

Colours say when a task falls due against the run's date (due by then, later, running to the
programme's end, start year only, no deadline), never whether it is done: the report's progress
texts are not judged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..agencies import agency
from ..facts import ProgrammeFacts
from ..plotting import COLOURS, Heading, format_axis, label_bars, legend_below, slide
from ..sources import cite
from ..tables import Column, Table, reader_table
from ..vocabulary import TIMINGS
from ..words import render, t

__all__ = ["TIMING_COLOURS", "by_group", "by_lead", "deadlines", "due_table", "groups_table"]

TIMING_COLOURS = {
    "due": COLOURS["vermillion"],
    "later": COLOURS["orange"],
    "to_end": COLOURS["blue"],
    "open": "#A6A6A6",
    "none": "#D9D9D9",
}
MAX_LEADS = 14  # rows of the lead chart; the other agencies share one row


def _slide(heading: Heading, tasks: pd.DataFrame, facts: ProgrammeFacts, lang: str, title: str, *extra: str):
    """The house slide: the heading, the as-of note, ``extra`` notes, the status note, the source."""
    notes = [render("programme.as_of_note", lang, facts), *extra, t("programme.status_note", lang)]
    return slide(heading, cite(tasks, lang=lang), lang=lang, title=title, notes=notes, legend_below=True)


def _legend(fig: Figure, table: pd.DataFrame, facts: ProgrammeFacts, lang: str) -> None:
    shown = [k for k in TIMINGS if table[k].sum() > 0]
    handles = [Patch(color=TIMING_COLOURS[k]) for k in shown]
    legend_below(fig, handles, [t(f"programme.timing_{k}", lang, last_year=facts.last_year) for k in shown])


def _stacked(ax: Axes, table: pd.DataFrame, labels: list[str], lang: str, horizontal: bool) -> None:
    """One bar per row, stacked by timing, its total written at its end: horizontal bars run
    first row on top, vertical ones first row on the left."""
    positions = np.arange(len(table))[::-1] if horizontal else np.arange(len(table))
    draw = ax.barh if horizontal else ax.bar
    base, size = ("left", "height") if horizontal else ("bottom", "width")
    ends = np.zeros(len(table))
    for timing in TIMINGS:
        values = table[timing].to_numpy(dtype=float)
        draw(
            positions, values, **{base: ends, size: 0.7 if horizontal else 0.65}, color=TIMING_COLOURS[timing]
        )
        ends += values
    bars = draw(positions, ends, **{size: 0.7 if horizontal else 0.65}, color="none")
    label_bars(
        ax, bars, [str(int(v)) for v in ends], horizontal=horizontal, fontsize=11 if horizontal else 12
    )
    value_axis, category_axis = ("x", "y") if horizontal else ("y", "x")
    (ax.set_yticks if horizontal else ax.set_xticks)(positions, labels)
    (ax.set_xlim if horizontal else ax.set_ylim)(0, ends.max() * 1.12)
    ax.grid(axis=value_axis)
    ax.grid(axis=category_axis, visible=False)
    format_axis(ax, lang, value_axis, integer=True)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(t("programme.axis_tasks", lang))


def by_group(
    table: pd.DataFrame,
    tasks: pd.DataFrame,
    facts: ProgrammeFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Tasks per group (I–VII, each with a short name of its subject), stacked by when they fall due."""
    fig, ax = _slide(Heading.of("programme.groups", lang, facts), tasks, facts, lang, title,
                     t("programme.group_names_note", lang))  # fmt: skip
    labels = [f"{g}. {t(f'programme.group_{g}', lang)}" for g in table.index]
    _stacked(ax, table, labels, lang, horizontal=True)
    _legend(fig, table, facts, lang)
    return fig


def _top_leads(table: pd.DataFrame, agency: str | None, lang: str) -> pd.DataFrame:
    """The agencies with most tasks (and the chosen one), the others summed into one row."""
    keep = list(table.index[:MAX_LEADS])
    if agency is not None and agency in table.index and agency not in keep:
        keep[-1] = agency
    top = table.loc[keep]
    rest = table.drop(index=keep)
    if len(rest):
        others = rest[list(TIMINGS)].sum().to_frame().T
        others.index = [
            t(
                "programme.others",
                lang,
                n=len(rest),
                low=int(rest["tasks"].min()),
                high=int(rest["tasks"].max()),
            )
        ]
        others["short"] = others["short_en"] = others.index
        top = pd.concat([top, others])
    return top


def by_lead(
    table: pd.DataFrame,
    tasks: pd.DataFrame,
    facts: ProgrammeFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Tasks per lead agency (a shared task counts for each lead), most first, stacked by when they
    fall due; the chosen agency in bold."""
    unled = int((tasks["lead"] == "").sum())
    extra = [t("programme.shared_note", lang, n=facts.shared)] if facts.shared else []
    extra += [t("programme.no_lead_note", lang, n=unled)] if unled else []
    fig, ax = _slide(Heading.of("programme.leads", lang, facts), tasks, facts, lang, title, *extra)
    top = _top_leads(table, facts.agency, lang)
    _stacked(ax, top, list(top["short_en" if lang == "en" else "short"]), lang, horizontal=True)
    for label, name in zip(ax.get_yticklabels()[::-1], top.index, strict=True):
        if name == facts.agency:
            label.set_fontweight("bold")
    _legend(fig, top, facts, lang)
    return fig


def deadlines(
    table: pd.DataFrame,
    tasks: pd.DataFrame,
    facts: ProgrammeFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Tasks per year their deadline ends, then those with a start year only and those with none."""
    fig, ax = _slide(Heading.of("programme.deadlines", lang, facts), tasks, facts, lang, title)
    names = [t(f"programme.year_{k}", lang) if not k.isdigit() else k for k in table.index]
    _stacked(ax, table, names, lang, horizontal=False)
    _legend(fig, table, facts, lang)
    return fig


def _leads_text(lead: str, lang: str) -> str:
    """A task's lead agencies, by their names in ``lang``."""
    names = [n for n in lead.split("; ") if n]
    return "; ".join(agency(n).name_en if lang == "en" else n for n in names)


def due_table(due: pd.DataFrame, *, lang: str = "vi") -> Table:
    """The tasks due by the date: group, number, lead agencies, the deadline and the progress text
    as printed (in full), and a status only where the text is one."""
    shown = due.assign(leads=[_leads_text(lead, lang) for lead in due["lead"]])
    columns = [Column("group", "programme.col_group"), Column("no", "programme.col_no"),
               Column("leads", "programme.col_lead"), Column("deadline_text", "programme.col_deadline", quote=True),
               Column("status", "programme.col_status", "label:programme.status_"),
               Column("progress", "programme.col_progress", quote=True)]  # fmt: skip
    return reader_table(shown, columns, lang, "programme-due")


def groups_table(groups: pd.DataFrame, *, lang: str = "vi") -> Table:
    """The groups of tasks: number, the short name the charts use, the full title as printed, tasks."""
    shown = groups.reset_index()
    columns = [Column("group", "programme.col_group"), Column("group", "programme.col_short", "label:programme.group_"),
               Column("title", "programme.col_title", quote=True), Column("tasks", "programme.col_tasks", "int"),
               Column("due", "programme.col_due", "int")]  # fmt: skip
    return reader_table(shown, columns, lang, "programme-groups")
