"""Computations the notebooks share: growth, target paths, NTM counts, loan metrics.

Notebooks stay thin: they choose parameters, call these functions, plot and write
conclusions. Every function takes the datasets as arguments and returns plain
frames or numbers, so it can be tested without a kernel, and no number is typed
into a notebook.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .errors import ParameterError
from .places import COMMUNES
from .vocabulary import LEVELS, PLAN_LEVELS, TIMINGS

__all__ = [
    "IncomeTarget",
    "cagr",
    "commune_levels",
    "commune_timeline",
    "digits",
    "district_plan_breakdown",
    "growth_points",
    "growth_steps",
    "implied_total_households",
    "income_points",
    "income_series",
    "income_target",
    "loan_metrics",
    "ntm_counts",
    "ntm_cumulative",
    "ntm_goals",
    "ntm_plan_start",
    "ntm_reported",
    "ntm_start",
    "observed",
    "plan_by",
    "poverty_paths",
    "select_tasks",
    "task_timing",
    "tasks_by_deadline_year",
    "tasks_by_group",
    "tasks_per_lead",
    "units_2025",
]


# ------------------------------------------------------------------------------ income


KIND_ORDER = {"actual": 0, "derived": 1, "reported": 2, "target": 3}


def income_series(income: pd.DataFrame, area: str) -> pd.DataFrame:
    """Income per capita of ``area`` by year: value, kind (actual/derived/target from the documents,
    reported later), provenance. Every figure, several a year where several sources give one."""
    rows = income[(income["indicator"] == "income_per_capita") & (income["area"] == area)]
    columns = ["year", "value", "kind", "comparator", "source", "line", "evidence", "formula", "note"]
    order = rows.assign(_kind=rows["kind"].map(KIND_ORDER))
    return order.sort_values(["year", "_kind"], kind="stable")[columns].reset_index(drop=True)


def digits(value: float) -> int:
    """The decimals a value is written with (at most 3; 4 when it needs more)."""
    return next((d for d in range(4) if round(value, d) == value), 4)


def income_points(series: pd.DataFrame) -> pd.DataFrame:
    """The figures a chart draws: every figure of the documents, and one reported figure a year – one
    the article prints (not one it implies), exact before hedged ("gần 84"), with the most digits."""
    documents = series[series["kind"] != "reported"]
    reported = series[(series["kind"] == "reported") & series["formula"].isna()]
    reported = reported.assign(
        _hedged=reported["comparator"].notna(), _digits=[-digits(v) for v in reported["value"]]
    )
    chosen = (
        reported.sort_values(["year", "_hedged", "_digits", "source"], kind="stable").groupby("year").head(1)
    )
    points = pd.concat([documents, chosen.drop(columns=["_hedged", "_digits"])], ignore_index=True)
    points = points.assign(_kind=points["kind"].map(KIND_ORDER))
    return points.sort_values(["year", "_kind"], kind="stable").drop(columns="_kind").reset_index(drop=True)


def observed(series: pd.DataFrame) -> pd.DataFrame:
    """One measured figure a year: the documents' (actual, then derived), else the reported one."""
    points = income_points(series)
    measured = points[points["kind"] != "target"]
    return measured.groupby("year", sort=True).head(1).reset_index(drop=True)


@dataclass(frozen=True)
class IncomeTarget:
    year: int
    multiple: float  # times the 2020 value
    base_year: int  # the year the multiple refers to (2020)
    base_value: float
    comparator: str
    source: str
    line: int

    @property
    def value(self) -> float:
        return self.multiple * self.base_value


def income_target(income: pd.DataFrame, area: str, target_year: int) -> IncomeTarget:
    """The target for ``target_year`` as a level: its multiple of the 2020 value × that value."""
    multiples = income[(income["indicator"] == "income_multiple_vs_2020") & (income["area"] == area)]
    row = multiples[multiples["year"] == target_year].iloc[0]
    series = income_series(income, area)
    # the documents' 2020 value
    base = series[(series["year"] == 2020) & (series["kind"] == "actual")].iloc[0]
    return IncomeTarget(
        target_year,
        float(row["value"]),
        2020,
        float(base["value"]),
        row["comparator"],
        row["source"],
        int(row["line"]),
    )


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate, in percent."""
    return 100 * ((end / start) ** (1 / years) - 1)


def growth_points(series: pd.DataFrame) -> pd.DataFrame:
    """One figure a year for growth: the measured one (:func:`observed`), or the target of a year
    without one."""
    measured = observed(series)
    targets = income_points(series)
    targets = targets[(targets["kind"] == "target") & ~targets["year"].isin(measured["year"])]
    return (
        pd.concat([measured, targets], ignore_index=True)
        .sort_values("year", kind="stable")
        .reset_index(drop=True)
    )


def growth_steps(series: pd.DataFrame) -> pd.DataFrame:
    """Average yearly (compound) growth between consecutive figures of an income series (one a year:
    :func:`growth_points`)."""
    rows = []
    points = growth_points(series)
    for (_, a), (_, b) in zip(points.iloc[:-1].iterrows(), points.iloc[1:].iterrows(), strict=True):
        rows.append(
            {
                "from_year": int(a["year"]),
                "to_year": int(b["year"]),
                "from_value": a["value"],
                "to_value": b["value"],
                "to_kind": b["kind"],
                "growth_pct": cagr(a["value"], b["value"], b["year"] - a["year"]),
            }
        )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- poverty


def implied_total_households(poverty: pd.DataFrame, year: int = 2021) -> float:
    """All households of the province implied by its poor households and poverty rate (derived)."""
    province = poverty[
        (poverty["area"] == "province") & (poverty["year"] == year) & (poverty["kind"] == "actual")
    ]
    poor = province.loc[province["indicator"] == "poor_households", "value"].iloc[0]
    rate = province.loc[province["indicator"] == "poverty_rate", "value"].iloc[0]
    return poor / (rate / 100)


def poverty_paths(poverty: pd.DataFrame, start_year: int = 2021, end_year: int = 2025) -> pd.DataFrame:
    """Each reduction target turned into a path of the poverty rate from ``start_year``.

    Only targets whose area has a measured starting rate get a path; a per-year target
    reduces the rate every year to ``end_year``, a one-year target only in its year (and its
    path stops there); a rate does not go below 0. Returns one row per target and year, with the households the
    path implies (derived from the implied total of households).
    """
    actual = poverty[
        (poverty["indicator"] == "poverty_rate")
        & (poverty["kind"] == "actual")
        & (poverty["year"] == start_year)
    ]
    start = dict(zip(actual["area"], actual["value"], strict=True))
    total = implied_total_households(poverty, start_year)
    targets = poverty[(poverty["indicator"] == "poverty_rate_reduction") & (poverty["kind"] == "target")]
    rows = []
    for target in targets.itertuples():
        if target.area not in start:
            continue
        rate = start[target.area]
        per_year = target.year == end_year  # a per-year target over the period carries its last year
        for year in range(start_year, (end_year if per_year else target.year) + 1):
            if year > start_year and (per_year or year == target.year):
                rate = max(0.0, rate - target.value)
            rows.append(
                {
                    "target_source": target.source,
                    "target_line": target.line,
                    "area": target.area,
                    "reduction": target.value,
                    "per_year": per_year,
                    "target_year": target.year,
                    "year": year,
                    "rate": rate,
                    "households": rate / 100 * total,
                }
            )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------- NTM


def ntm_counts(
    yearly: pd.DataFrame,
    plan: pd.DataFrame,
    levels: list[str],
    include_plan: bool = True,
    communes: pd.DataFrame | None = None,
    district: str | None = None,
) -> pd.DataFrame:
    """Communes newly reaching each level per year: actual (to 2021) and planned (2022–2025).

    For the province, actual counts are the yearly notes under Phụ biểu 01. For a
    district they are the commune rows of Phụ biểu 01 that this copy holds (``communes``);
    the plan comes from Phụ biểu 02, which has no plain-NTM column (all 98 communes had
    reached NTM by 2021).
    """
    if district is None:
        actual = yearly.rename(columns={"communes": "count"})[["year", "level", "count"]]
    else:
        rows = communes[communes["district"] == district]
        actual = pd.DataFrame(
            [(int(y), level) for level in levels for y in rows[f"year_{level}"].dropna()],
            columns=["year", "level"],
        )
        actual = actual.groupby(["year", "level"]).size().rename("count").reset_index()
    actual = actual.assign(status="actual")
    frames = [actual[actual["level"].isin(levels)]]
    if include_plan:
        planned = plan[plan["year"].notna() & plan["level"].isin(levels)]
        if district is not None:
            planned = planned[planned["district"] == district]
        counts = planned.groupby(["year", "level"]).size().rename("count").reset_index()
        frames.append(counts.assign(status="planned", year=counts["year"].astype(int)))
    result = pd.concat(frames, ignore_index=True)
    return result.astype({"year": int, "count": int}).sort_values(["level", "year"]).reset_index(drop=True)


def ntm_cumulative(
    counts: pd.DataFrame, start: dict[str, int] | None = None, plan_from: dict[str, int] | None = None
) -> pd.DataFrame:
    """Running totals of :func:`ntm_counts` per level; ``start`` adds communes reached before
    the first counted year (a district's communes whose year this copy does not show);
    ``plan_from`` is where a level's planned years start from (what Phụ biểu 02 marks reached,
    as the plan itself counts: 21 model communes where the notes under Phụ biểu 01 count 20)."""
    start, plan_from = start or {}, plan_from or {}
    frames = []
    for level, rows in counts.groupby("level"):
        rows = rows.sort_values("year").copy()
        rows["cumulative"] = rows["count"].cumsum() + start.get(level, 0)
        planned = rows["status"] == "planned"
        if level in plan_from and planned.any():
            rows.loc[planned, "cumulative"] = rows.loc[planned, "count"].cumsum() + plan_from[level]
        frames.append(rows)
    return pd.concat(frames, ignore_index=True) if frames else counts.assign(cumulative=pd.Series(dtype=int))


def ntm_reported(
    ntm_levels: pd.DataFrame, reported: pd.DataFrame, levels: list[str], district: str | None = None
) -> pd.DataFrame:
    """Communes at each level as reported after the documents, for the province: one figure a level and
    year (the most official source, then a printed date, an exact figure, the latest publication), at
    ``t`` years on the running totals' scale (30/06/2025 -> 2024.5), with the whole it is out of."""
    from .progress import year_fraction
    from .scorecard import RANKS, preferred
    from .vocabulary import level_indicator

    columns = ["level", "year", "t", "as_of", "value", "of", "source", "line", "publisher", "others"]
    if district is not None:  # the sources report the province only
        return pd.DataFrame(columns=columns)
    indicators = {level_indicator(level): level for level in levels}
    rows = ntm_levels[(ntm_levels["kind"] == "reported") & (ntm_levels["area"] == "province")
                      & ntm_levels["indicator"].isin(indicators)]  # fmt: skip
    articles = reported.drop_duplicates(["source", "line"]).set_index(["source", "line"])
    keys = list(zip(rows["source"], rows["line"], strict=True))
    rows = rows.assign(
        level=rows["indicator"].map(indicators),
        rank=[RANKS["press_attributed"] if articles.loc[k, "source_kind"] == "press" and isinstance(articles.loc[k, "attributed_to"], str)
              else RANKS[articles.loc[k, "source_kind"]] for k in keys],
        period_from=[articles.loc[k, "period_from"] for k in keys],
        published=[articles.loc[k, "published"] for k in keys],
        publisher=[articles.loc[k, "publisher"] for k in keys],
    )  # fmt: skip
    chosen = []
    for _, group in rows.groupby(["level", "year"], sort=True):
        ordered = preferred(group)
        first = ordered.iloc[0]
        others = [f"{v:g}" for v in ordered["value"].iloc[1:] if v != first["value"]]
        chosen.append({**{c: first[c] for c in ("level", "year", "as_of", "value", "of", "source", "line", "publisher")},
                       "t": year_fraction(datetime.date.fromisoformat(first["as_of"])), "others": ", ".join(dict.fromkeys(others))})  # fmt: skip
    return pd.DataFrame(chosen, columns=columns)


def ntm_start(communes: pd.DataFrame, plan: pd.DataFrame, district: str | None) -> dict[str, int]:
    """Communes of ``district`` that reached each level before the first year this copy shows.

    Phụ biểu 01 lacks most communes' rows, so a district's running total starts from the
    communes it cannot date: all its communes for NTM (every one had reached it by 2021),
    and those Phụ biểu 02 marks "Đã đạt chuẩn" for the other levels. The province's running
    totals come from the yearly notes and need no start.
    """
    if district is None:
        return {}
    known = communes[communes["district"] == district]
    marks = plan[(plan["district"] == district) & plan["achieved"]]
    start = {"ntm": sum(1 for d, _ in COMMUNES if d == district) - int(known["year_ntm"].notna().sum())}
    for level in PLAN_LEVELS:
        start[level] = int((marks["level"] == level).sum()) - int(known[f"year_{level}"].notna().sum())
    return start


def ntm_plan_start(plan: pd.DataFrame, district: str | None) -> dict[str, int]:
    """Communes Phụ biểu 02 marks "Đã đạt chuẩn" per level (of ``district``): where its plan starts."""
    scope = plan if district is None else plan[plan["district"] == district]
    return {level: int(scope.loc[scope["level"] == level, "achieved"].sum()) for level in PLAN_LEVELS}


def plan_by(plan: pd.DataFrame, level: str, year: int) -> int:
    """Units of ``level`` achieved or planned by the end of ``year`` in a plan table (02 or 03)."""
    of_level = plan[plan["level"] == level]
    return int(of_level["achieved"].sum() + (of_level["year"] <= year).sum())


def ntm_goals(targets: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """The province's NTM targets for ``levels``, as counts of communes or as shares.

    The decision states each target both as a count and as a share; only its counts are
    kept. Chương trình 35 states shares only.
    """
    indicators = [f"ntm_{lvl}_communes" for lvl in levels] + [f"ntm_{lvl}_communes_share" for lvl in levels]
    goal = targets[(targets["area"] == "province") & targets["indicator"].isin(indicators)]
    return goal[~((goal["unit"] != "communes") & (goal["source"] == "qd2877_2022"))]


def district_plan_breakdown(plan: pd.DataFrame, level: str) -> pd.DataFrame:
    """Per district: communes achieved by 2021, planned each year 2022–2025, not planned, all."""
    communes = pd.Series([d for d, _ in COMMUNES]).value_counts().rename("communes")
    of_level = plan[plan["level"] == level]
    achieved = of_level[of_level["achieved"]].groupby("district").size().rename("achieved")
    planned = of_level[of_level["year"].notna()].pivot_table(
        index="district", columns="year", aggfunc="size", fill_value=0
    )
    planned.columns = [f"planned_{int(c)}" for c in planned.columns]
    table = pd.concat([communes, achieved, planned], axis=1).fillna(0).astype(int)
    for year in range(2022, 2026):
        if f"planned_{year}" not in table:
            table[f"planned_{year}"] = 0
    planned_cols = [f"planned_{y}" for y in range(2022, 2026)]
    table["not_planned"] = table["communes"] - table["achieved"] - table[planned_cols].sum(axis=1)
    table = table[["communes", "achieved", *planned_cols, "not_planned"]]
    table.index.name = "district"
    return table.sort_values(["achieved", "communes"], ascending=False)


def commune_timeline(
    communes: pd.DataFrame,
    plan: pd.DataFrame,
    district: str,
    all_ntm: bool = False,
    levels: list[str] | None = None,
    include_plan: bool = True,
) -> pd.DataFrame:
    """Every NTM commune of ``district`` with, per level, the year reached or planned.

    ``status`` is ``reached`` (with the year from Phụ biểu 01 when this copy has the row,
    otherwise ``year`` empty: achieved before 2022 per Phụ biểu 02) or ``planned``.
    ``all_ntm``: the document states that every commune had reached NTM (Phụ biểu 01 counts
    98 of 98), so communes whose row this copy lacks are shown as reached, year unknown.
    ``levels`` and ``include_plan`` keep only those levels, and only what was reached.
    """
    names = [c for d, c in COMMUNES if d == district]
    years = communes[communes["district"] == district].set_index("commune")
    have_year = set(years.index)
    marks: dict[tuple[str, str], Any] = {}  # the first mark of each commune and level, as printed
    for mark in plan.loc[plan["district"] == district, ["commune", "level", "achieved", "year"]].itertuples():
        marks.setdefault((mark.commune, mark.level), mark)
    rows = []
    for name in names:
        if name in have_year:
            rows.append(
                {"commune": name, "level": "ntm", "status": "reached", "year": years.at[name, "year_ntm"]}
            )
        elif all_ntm:
            rows.append({"commune": name, "level": "ntm", "status": "reached", "year": pd.NA})
        for level in PLAN_LEVELS:
            mark = marks.get((name, level))
            if mark is None:
                continue
            if bool(mark.achieved):
                year = years.at[name, f"year_{level}"] if name in have_year else pd.NA
                rows.append({"commune": name, "level": level, "status": "reached", "year": year})
            else:
                rows.append({"commune": name, "level": level, "status": "planned", "year": mark.year})
    frame = pd.DataFrame(rows, columns=["commune", "level", "status", "year"])
    frame["year"] = frame["year"].astype("Int64")
    keep = frame["level"].isin(levels or ["ntm", "advanced", "model"])
    frame = frame[keep & (include_plan | (frame["status"] == "reached"))].reset_index(drop=True)
    frame.attrs["communes"] = names
    return frame


def _highest(levels: Iterable[str]) -> str | None:
    present = set(levels)
    return next((level for level in reversed(LEVELS) if level in present), None)


def commune_levels(
    communes: pd.DataFrame, plan: pd.DataFrame, all_ntm: bool = False, district: str | None = None
) -> pd.DataFrame:
    """Each of the 98 communes (or ``district``'s): the highest level reached by 2021 and the
    highest planned by 2025.

    ``reached`` comes from :func:`commune_timeline` (NTM for every commune when the document says
    all had reached it, advanced and model where Phụ biểu 02 marks "Đã đạt chuẩn"); ``planned``
    is the highest level Phụ biểu 02 plans above it, with its year, or empty.
    """
    rows = []
    for each in [district] if district else dict.fromkeys(d for d, _ in COMMUNES):
        timeline = commune_timeline(communes, plan, each, all_ntm)
        own: dict[str, list[Any]] = {}
        for entry in timeline.itertuples():
            own.setdefault(entry.commune, []).append(entry)
        for name in timeline.attrs["communes"]:
            entries = own.get(name, [])
            reached = _highest([e.level for e in entries if e.status == "reached"])
            planned = _highest([e.level for e in entries if e.status == "planned"])
            year = [e.year for e in entries if e.status == "planned" and e.level == planned]
            rows.append({"district": each, "commune": name, "reached": reached, "planned": planned,
                         "planned_year": year[0] if year else pd.NA})  # fmt: skip
    frame = pd.DataFrame(rows, columns=["district", "commune", "reached", "planned", "planned_year"])
    return frame.astype({"planned_year": "Int64"})


def units_2025(levels: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The NTM communes grouped by the unit that holds them since 1 July 2025 (one row per unit).

    ``levels`` is :func:`commune_levels`; ``places`` the ``places`` dataset. Counts by the highest
    level reached by 2021 (``ntm``, ``advanced``, ``model``: each commune counted once), then the
    communes planned to become model by 2025 (``model_planned``) and the former communes' names.
    Sorted by model communes (reached, then planned), then by size.
    """
    successors = places[places["level"] == "commune"].rename(columns={"name": "commune"})
    merged = levels.merge(successors, on=["district", "commune"], how="left", validate="one_to_one")
    rows = []
    for code, unit in merged.groupby("unit_2025_code", sort=False):
        first = unit.iloc[0]
        row = {"unit_2025_code": code, "unit_2025_name": first["unit_2025_name"],
               "unit_2025_type": first["unit_2025_type"], "districts": ", ".join(dict.fromkeys(unit["district"])),
               "communes": len(unit)}  # fmt: skip
        row.update({level: int((unit["reached"] == level).sum()) for level in LEVELS})
        row["model_planned"] = int((unit["planned"] == "model").sum())
        row["names"] = ", ".join(unit["commune"])
        rows.append(row)
    table = pd.DataFrame(rows)
    order = ["model", "model_planned", "advanced", "communes"]
    return table.sort_values([*order, "unit_2025_name"], ascending=[False] * 4 + [True]).reset_index(
        drop=True
    )


# ------------------------------------------------------------------------------- loans


def loan_metrics(loans: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Loans per district and year with the average loan per household and each district's
    share of the year's total (capital allocated and households)."""
    rows = loans[loans["year"].isin(years)].copy()
    rows["avg_loan_mvnd"] = rows["planned_mvnd"] / rows["households"]
    for column in ("planned_mvnd", "households", "lent_mvnd", "disbursed_mvnd"):
        rows[f"{column}_share_pct"] = 100 * rows[column] / rows.groupby("year")[column].transform("sum")
    return rows.reset_index(drop=True)


# ------------------------------------------------------------------------------ programme tasks


def select_tasks(
    tasks: pd.DataFrame, by_lead: pd.DataFrame, agency: str | None, group: str | None
) -> pd.DataFrame:
    """The tasks of ``group`` (None: all) led, alone or with others, by ``agency`` (None: any).

    Raises :class:`ParameterError` when nothing is left, so a notebook says so in one line."""
    chosen = tasks if group is None else tasks[tasks["group"] == group]
    if agency is not None:
        lines = set(by_lead.loc[by_lead["lead"] == agency, "line"])
        chosen = chosen[chosen["line"].isin(lines)]
    if chosen.empty:
        groups = tasks.loc[
            tasks["line"].isin(by_lead.loc[by_lead["lead"] == agency, "line"]), "group"
        ].unique()
        raise ParameterError(
            f"parameters agency={agency!r} and group={group!r} select no task; {agency} leads tasks of "
            f"group(s) {', '.join(groups)}"
        )
    return chosen.reset_index(drop=True)


def task_timing(tasks: pd.DataFrame, as_of: Any, last_year: int | None = None) -> pd.Series:
    """When each task falls due against ``as_of``: due (its deadline has passed), later, to_end
    (it runs to the programme's last year), open (a start and no end) or none (no deadline).

    ``last_year`` is the programme's last year; pass it for a selection of tasks, whose own
    latest deadline may end earlier (default: the latest end year of ``tasks``)."""
    last_year = tasks["end_year"].max() if last_year is None else last_year
    as_of = pd.Timestamp(as_of)

    def timing(row: pd.Series) -> str:
        if row["deadline_form"] == "none":
            return "none"
        if pd.isna(row["due"]):
            return "open"
        if row["due"] <= as_of:
            return "due"
        return "to_end" if row["end_year"] == last_year else "later"

    return tasks.apply(timing, axis=1).astype(pd.CategoricalDtype(TIMINGS, ordered=True))


def _counts(frame: pd.DataFrame, by: str, timing: pd.Series) -> pd.DataFrame:
    table = pd.crosstab(frame[by], timing.rename("timing"), dropna=False)
    table = table.reindex(columns=list(TIMINGS), fill_value=0)
    table["tasks"] = table.sum(axis=1)
    return table


def tasks_by_group(tasks: pd.DataFrame, as_of: Any, last_year: int | None = None) -> pd.DataFrame:
    """Tasks per group (I–VII, in order) and when they fall due; one column per timing and the total."""
    table = _counts(tasks, "group", task_timing(tasks, as_of, last_year))
    order = list(dict.fromkeys(tasks["group"]))
    titles = tasks.drop_duplicates("group").set_index("group")["group_title"]
    return table.loc[order].assign(title=titles.loc[order])


def tasks_per_lead(by_lead: pd.DataFrame, as_of: Any, last_year: int | None = None) -> pd.DataFrame:
    """Tasks per lead agency (a shared task counts for each of its leads), most tasks first, with
    when they fall due and the agency's short names (Vietnamese, English); tasks naming no agency are
    left out."""
    led = by_lead[by_lead["lead"] != ""]
    table = _counts(led, "lead", task_timing(led, as_of, last_year))
    names = led.drop_duplicates("lead").set_index("lead")
    table["short"] = names["lead_short"].loc[table.index]
    table["short_en"] = names["lead_short_en"].loc[table.index]
    return table.sort_values(["tasks", "due"], ascending=False, kind="stable")


def tasks_by_deadline_year(tasks: pd.DataFrame, as_of: Any, last_year: int | None = None) -> pd.DataFrame:
    """Tasks per year their deadline ends (end_year, every year from the first to the last, also one
    with no task), with when they fall due; tasks without an end year are counted under 'open' or 'none'."""
    timing = task_timing(tasks, as_of, last_year)
    year = tasks["end_year"].astype("string").fillna(timing.astype("string"))
    table = _counts(tasks.assign(end=year), "end", timing)
    ends = tasks["end_year"].dropna()
    years = [str(y) for y in range(int(ends.min()), int(ends.max()) + 1)] if len(ends) else []
    rest = [k for k in ("open", "none") if k in table.index]
    return table.reindex(years + rest, fill_value=0)
