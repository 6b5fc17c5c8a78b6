"""The programme's tasks: how many, in which groups, who leads them, when they fall due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .. import analysis

__all__ = ["ProgrammeFacts", "programme_facts"]


@dataclass(frozen=True)
class ProgrammeFacts:
    agency: str | None  # the notebook's selection (None: all)
    agency_short: dict[str, str] | None  # its short name by language ({"vi": …, "en": …})
    group: str | None
    group_title: str | None
    as_of: date  # the date deadlines are compared with
    as_of_is_report: bool  # True when as_of is the report's own date
    reported: date  # the report's date (its month's last day: the appendix prints no day)
    tasks: int  # tasks selected
    tasks_all: int  # rows of Phụ lục 4
    repeated_nos: tuple[int, ...]  # numbers Phụ lục 4 prints for two tasks
    top_group: str  # the group with most selected tasks (the first if tied)
    top_group_title: str
    top_group_tasks: int
    leads: int  # distinct lead agencies of the selected tasks
    top_leads: dict[
        str, tuple[str, ...]
    ]  # short names (by language) of the agencies leading most selected tasks
    top_lead_tasks: int
    shared: int  # selected tasks with more than one lead
    due: int  # deadline passed by as_of
    due_nos: tuple[int, ...]
    later: int  # due after as_of, before the programme's last year
    to_end: int  # running to the programme's last year
    last_year: int
    open: int  # a start and no end ("Từ năm 2021")
    none: int  # no deadline stated
    recurring: int  # "Hàng năm"
    completed_nos: tuple[int, ...]  # progress text is "Đã hoàn thành" and nothing else
    in_progress_nos: tuple[int, ...]  # progress text is "Đang triển khai thực hiện"
    top_year: int  # the deadline year with most selected tasks
    top_year_tasks: int
    schemes: int  # Chương trình 35's schemes
    schemes_last_due: date
    mechanisms: int  # Phụ lục 3
    mechanisms_without_lead: int
    directives: int  # Phụ lục 1


def _nos(rows: pd.DataFrame, mask: pd.Series) -> tuple[int, ...]:
    return tuple(int(n) for n in rows.loc[mask, "no"])


def programme_facts(
    tasks: pd.DataFrame,
    by_lead: pd.DataFrame,
    schemes: pd.DataFrame,
    mechanisms: pd.DataFrame,
    directives: pd.DataFrame,
    agency: str | None = None,
    group: str | None = None,
    as_of: date | None = None,
) -> ProgrammeFacts:
    """The figures a briefing quotes about the tasks of programme 4594 (``agency``/``group``: a
    selection; ``as_of``: the date to count deadlines against, by default the report's)."""
    reported = pd.Timestamp(tasks["reported"].iloc[0])
    when = pd.Timestamp(as_of) if as_of is not None else reported
    chosen = analysis.select_tasks(tasks, by_lead, agency, group)
    last_year = int(tasks["end_year"].max())  # the programme's, also for a selection ending earlier
    timing = analysis.task_timing(chosen, when, last_year)
    groups = analysis.tasks_by_group(chosen, when, last_year)
    top_group = groups["tasks"].idxmax()
    leads = analysis.tasks_per_lead(by_lead[by_lead["line"].isin(chosen["line"])], when, last_year)
    years = analysis.tasks_by_deadline_year(chosen, when, last_year)
    years = years[years.index.str.isdigit()]
    names = by_lead.drop_duplicates("lead").set_index("lead")
    top = leads[leads["tasks"] == leads["tasks"].max()]
    counts = timing.value_counts()
    return ProgrammeFacts(
        agency=agency,
        agency_short={"vi": names.at[agency, "lead_short"], "en": names.at[agency, "lead_short_en"]}
        if agency in names.index
        else None,
        group=group,
        group_title=groups.loc[group, "title"] if group else None,
        as_of=when.date(),
        as_of_is_report=when == reported,
        reported=reported.date(),
        tasks=len(chosen),
        tasks_all=len(tasks),
        repeated_nos=tuple(sorted({int(n) for n in tasks.loc[tasks["no"].duplicated(), "no"]})),
        top_group=str(top_group),
        top_group_title=str(groups.loc[top_group, "title"]),
        top_group_tasks=int(groups.loc[top_group, "tasks"]),
        leads=len(leads),
        top_leads={"vi": tuple(top["short"]), "en": tuple(top["short_en"])},
        top_lead_tasks=int(leads["tasks"].max()),
        shared=int((chosen["lead"].str.count("; ") > 0).sum()),
        due=int(counts["due"]),
        due_nos=_nos(chosen, timing == "due"),
        later=int(counts["later"]),
        to_end=int(counts["to_end"]),
        last_year=last_year,
        open=int(counts["open"]),
        none=int(counts["none"]),
        recurring=int(chosen["recurring"].sum()),
        completed_nos=_nos(chosen, chosen["status"] == "completed"),
        in_progress_nos=_nos(chosen, chosen["status"] == "in progress"),
        top_year=int(years["tasks"].idxmax()) if len(years) else 0,
        top_year_tasks=int(years["tasks"].max()) if len(years) else 0,
        schemes=len(schemes),
        schemes_last_due=pd.Timestamp(schemes["due"].max()).date(),
        mechanisms=len(mechanisms),
        mechanisms_without_lead=int((mechanisms["lead"] == "").sum()),
        directives=len(directives),
    )
