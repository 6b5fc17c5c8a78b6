"""The scorecard: each numeric target of the documents against the latest value reported for it.

For every target of the dataset ``targets`` with a number, :func:`assess` finds

* the **base**: the value of the same measure at the year the target's document counts from
  (``base_year`` in ``sources.yml``: 2020 for the 2021–2025 programmes, 2023 for the 2024 plan), or, as
  the Open SDG method does when that year has no value, the first value after it; documents first;
* the **latest value** up to the end of the target's year (the values of the last calendar year with
  any; among several, the one of the most official source, then the one with a printed date, an exact
  figure, the latest publication, the most digits) – or, when none came by then, the first one after
  it (``after_deadline``);
* the **status** by the Open SDG method (:mod:`qnlib.progress`): target achieved, on track, needs
  acceleration, limited progress, deterioration – or not assessable, with the reason.

Honesty rules. A target counted out of 98 communes is assessed as a share of the communes of the
time when the latest count is out of another number (91 after the merger of 1 November 2024), and
the row says so (``assessed_as``). A poverty target is assessed only with values of its own standard,
or of an unstated one (flagged). Targets stated as a multiple of the 2020 income, or as a yearly
reduction, are turned into the level they imply (``target_level``) and the row shows how. A status is
never given without a base, a target and a dated value; other sources' values of the same time are
listed (``alternatives``), and a press figure that only repeats an official or state one does not
count as a second confirmation (``confirmations``).
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from .progress import Progress, distance_covered, meets, progress, year_fraction
from .reported import period_end

__all__ = [
    "COLUMNS",
    "LOWER_IS_BETTER",
    "RANKS",
    "Assessment",
    "assess",
    "counts",
    "from_datasets",
    "poverty_standards",
    "preferred",
    "scorecard",
    "value_pool",
]

# Measures where less is better; every other measure the targets name rises towards its target.
LOWER_IS_BETTER = frozenset(
    {
        "poverty_rate", "poor_households", "near_poor_households", "near_poverty_rate", "infant_mortality",
        "under5_mortality", "under5_malnutrition", "urban_unemployment_rate",
    }
)  # fmt: skip
# Which value to trust first when several describe the same year.
RANKS = {"document": 0, "official": 1, "state": 2, "press_attributed": 3, "press": 4}
POVERTY_LEVELS = {"poverty_rate", "poor_households", "near_poor_households", "near_poverty_rate"}


@dataclass(frozen=True)
class Assessment:
    """One target against the values reported for it (see the module docstring)."""

    topic: str
    indicator: str
    area: str
    unit: str
    comparator: str
    target: float
    value_max: float | None
    target_year: int
    source: str  # the target's document
    line: int
    direction: int  # +1: higher is better; -1: lower is better
    measure: str  # the indicator the values are read from (income_per_capita for an income multiple)
    assessed_as: str  # level | share | level_from_multiple | level_from_reduction | restates | growth | range
    target_level: float | None  # the target in the measure's unit, as assessed
    base: float | None
    base_as_of: str | None
    base_source: str | None
    base_line: int | None
    base_rule: str | None  # at_base_year | first_after (the method's rule when the base year has no value)
    latest: float | None
    latest_as_of: str | None
    latest_source: str | None
    latest_line: int | None
    latest_kind: str | None  # actual | derived | reported
    latest_source_kind: str | None  # document | official | state | press
    latest_publisher: str | None
    latest_published: str | None
    latest_url: str | None
    latest_quote: str | None
    latest_flags: str | None  # standard unstated, unit as printed, a hedge ("about"), ...
    after_deadline: bool
    status: str
    ratio: float | None
    observed_growth: float | None
    required_growth: float | None
    distance_covered: float | None
    alternatives: str | None  # other values of the same time, JSON: [{"value", "sources", "status"}]
    confirmations: int  # independent sources giving the chosen value for that time
    reason: str | None  # why not assessable: a key of templates/scorecard.yml
    counted: bool  # False for a target that restates another of the same document
    note: str | None


COLUMNS = [f for f in Assessment.__dataclass_fields__]


def _t(as_of: str) -> float:
    return year_fraction(datetime.date.fromisoformat(as_of))


def value_pool(
    income: pd.DataFrame, poverty: pd.DataFrame, ntm_levels: pd.DataFrame, reported: pd.DataFrame
) -> pd.DataFrame:
    """Every value a target can be assessed with: the documents' (actual, derived) and the reported
    ones, with what the choice between them needs (source kind, dates, provenance)."""
    documents = []
    for frame in (income, poverty):
        rows = frame[frame["kind"].isin(["actual", "derived"])]
        documents.append(rows.assign(as_of=rows["year"].astype(str) + "-12-31", of=float("nan")))
    documents.append(ntm_levels[ntm_levels["kind"] != "reported"])
    docs = pd.concat(documents, ignore_index=True)
    docs = docs.assign(
        source_kind="document", rank=RANKS["document"], period_from="printed", published=None, publisher=None,
        url=None, quote=docs["evidence"], attributed_to=None, printed=None,
        standard=docs.get("standard"),
    )  # fmt: skip
    rep = reported.assign(
        kind="reported",
        rank=[
            RANKS["press_attributed"] if k == "press" and isinstance(a, str) else RANKS[k]
            for k, a in zip(reported["source_kind"], reported["attributed_to"], strict=True)
        ],
    )
    columns = ["indicator", "area", "unit", "as_of", "value", "of", "comparator", "standard", "kind", "source",
               "line", "source_kind", "rank", "period_from", "published", "publisher", "url", "quote",
               "attributed_to", "printed", "formula"]  # fmt: skip
    pool = pd.concat([docs.reindex(columns=columns), rep.reindex(columns=columns)], ignore_index=True)
    pool["t"] = [_t(a) for a in pool["as_of"]]
    pool["year"] = [int(a[:4]) for a in pool["as_of"]]
    pool["precision"] = [
        _precision(p, f, v) for p, f, v in zip(pool["printed"], pool["formula"], pool["value"], strict=True)
    ]
    return pool


EXACT = 9  # the precision of a figure stated in words or computed: it agrees only with its own value


def _precision(printed: Any, formula: Any, value: float) -> int:
    """How many decimals a figure was printed with ("84,14" -> 2, "53/91" -> 0); a figure stated in
    words ("không còn hộ nghèo") or computed is exact."""
    if isinstance(formula, str):
        return EXACT
    if isinstance(printed, str):
        number = printed.split("/")[0]
        if any(c.isdigit() for c in number) and not any(c.isalpha() for c in number):
            return len(number.split(",")[1]) if "," in number else 0
        return EXACT
    return _decimals(value)


# --------------------------------------------------------------------------- the values of a target


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def preferred(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows ordered by trust: documents, official, state, attributed press, press; a printed date before
    one from context; an exact figure before a hedged one; the latest publication; a printed figure
    before one computed from a count; the most digits."""
    # Sorted in Python: the frames are a handful of rows, and pandas' sort costs more than the rows.
    published = [period_end(p).toordinal() if isinstance(p, str) else 10**7 for p in rows["published"]]
    flags = rows["flags"] if "flags" in rows else [None] * len(rows)
    computed = [isinstance(f, str) and ("share_of_count" in f or "rate_from_no_poor" in f) for f in flags]
    comparators = [isinstance(c, str) for c in rows["comparator"]]
    keys = [
        (rank, period_from != "printed", hedged, -day, was_computed, -_decimals(value), source, line)
        for rank, period_from, hedged, day, was_computed, value, source, line in zip(
            rows["rank"], rows["period_from"], comparators, published, computed, rows["value"], rows["source"],
            rows["line"], strict=True)
    ]  # fmt: skip
    return rows.iloc[sorted(range(len(keys)), key=keys.__getitem__)]


def _series(
    pool: pd.DataFrame, measure: str, area: str, unit: str, standard: str | None, share: bool
) -> pd.DataFrame:
    """The values of ``measure`` in ``area`` that can stand beside a target in ``unit``: its own unit,
    counts turned into shares (when ``share``), and for poverty only its standard or an unstated one."""
    rows = pool[(pool["area"] == area)]
    frames = []
    base_name = measure.removesuffix("_share")
    flags: list[str | None]
    if share:
        counts = rows[(rows["indicator"] == base_name) & rows["of"].notna()]
        frames.append(counts.assign(value=100 * counts["value"] / counts["of"], flags="share_of_count"))
        shares = rows[rows["indicator"] == f"{base_name}_share"]
        frames.append(shares.assign(flags=None))
    else:
        same = rows[rows["indicator"] == measure]
        units = same["unit"]
        flags = [None if u == unit else "unit_as_printed" if u == "%" and unit.startswith("% of") else "skip"
                 for u in units]  # fmt: skip
        same = same.assign(flags=flags)
        frames.append(same[same["flags"] != "skip"])
        if measure == "poverty_rate":  # "không còn hộ nghèo": no poor households is a rate of 0
            none = rows[(rows["indicator"] == "poor_households") & (rows["value"] == 0)]
            frames.append(none.assign(indicator="poverty_rate", unit=unit, flags="rate_from_no_poor"))
    series = pd.concat(frames, ignore_index=True) if frames else pool.iloc[0:0]
    if standard is not None:  # an unstated standard is the Government's: the province names its own
        series = series[
            series["standard"].isin([standard, "unstated"] if standard == "central" else [standard])
        ]
        unstated = series["standard"] == "unstated"
        series.loc[unstated, "flags"] = [
            ";".join(f for f in (flag, "standard_unstated") if isinstance(f, str))
            for flag in series.loc[unstated, "flags"]
        ]
    return series.reset_index(drop=True)


def _same(a: Any, b: Any) -> bool:
    """Two figures agree when they differ by less than one unit in the last printed place of the less
    precise one (84,14 and 84,147 agree; 53 and 54 do not; "không còn hộ nghèo" agrees only with 0)."""
    return abs(a.value - b.value) < 10 ** -min(int(a.precision), int(b.precision)) - 1e-12


def _origin(row: Any) -> str:
    if isinstance(row.attributed_to, str):
        return row.attributed_to
    return row.publisher if isinstance(row.publisher, str) else row.source


def _confirmations(candidates: pd.DataFrame, chosen: Any) -> int:
    """Independent sources giving the chosen value: one per origin (the body a figure is attributed
    to, else its publisher); an unattributed press figure that repeats an official, state or document
    figure adds nothing."""
    agreeing = [r for r in candidates.itertuples() if _same(r, chosen)]
    official = any(r.rank <= RANKS["state"] for r in agreeing)
    return len({_origin(r) for r in agreeing if not (official and r.rank == RANKS["press"])})


def _base(series: pd.DataFrame, base_year: int) -> tuple[Any, str] | None:
    at = series[series["t"].round(6) == base_year]
    if len(at):
        return preferred(at).iloc[0], "at_base_year"
    after = series[series["t"] > base_year]
    if len(after):
        first = after[after["t"] == after["t"].min()]
        return preferred(first).iloc[0], "first_after"
    return None


def _latest(series: pd.DataFrame, base_t: float, target_year: int) -> tuple[pd.DataFrame, bool]:
    """The values after the base that judge a target of ``target_year``: those of the target's year
    itself; else, when later ones exist, those of the first year after it (``after_deadline``); else
    those of the last year before it."""
    later = series[series["t"] > base_t + 1e-9]
    by_deadline = later[later["t"] <= target_year + 1e-9]
    after = later[later["t"] > target_year + 1e-9]
    if (len(by_deadline) and by_deadline["year"].max() == target_year) or (
        len(by_deadline) and not len(after)
    ):
        return by_deadline[by_deadline["year"] == by_deadline["year"].max()], False
    if len(after):
        return after[after["year"] == after["year"].min()], True
    return later.iloc[0:0], False


# ------------------------------------------------------------------------------- one target


def _kind_of_target(indicator: str, unit: str, comparator: str) -> str:
    if comparator == "between":
        return "range"
    if indicator == "income_multiple_vs_2020":
        return "level_from_multiple"
    if indicator.endswith("_reduction"):
        return "level_from_reduction"
    if indicator.endswith(("_increase", "_added")):
        return "increase"
    if indicator.endswith("_growth") or "per year" in unit or "on previous year" in unit:
        return "growth"
    return "level"


def _measure(indicator: str) -> str:
    if indicator == "income_multiple_vs_2020":
        return "income_per_capita"
    if indicator == "near_poor_households_reduction":
        return "near_poor_households"
    for suffix in ("_reduction", "_increase", "_added"):
        if indicator.endswith(suffix):
            return indicator.removesuffix(suffix)
    return indicator


def _empty(
    target: Any, direction: int, measure: str, assessed_as: str, reason: str, **extra: Any
) -> Assessment:
    fields = {f: None for f in COLUMNS}
    fields.update(
        topic=target.topic, indicator=target.indicator, area=target.area, unit=target.unit,
        comparator=target.comparator, target=float(target.value),
        value_max=None if pd.isna(target.value_max) else float(target.value_max), target_year=int(target.year),
        source=target.source, line=int(target.line), direction=direction, measure=measure, assessed_as=assessed_as,
        after_deadline=False, status="not_assessable", confirmations=0, reason=reason, counted=True,
    )  # fmt: skip
    fields.update(extra)
    return Assessment(**fields)


def _reference_unit(pool: pd.DataFrame, measure: str, area: str, fallback: str) -> str:
    units = pool.loc[
        (pool["indicator"] == measure) & (pool["area"] == area) & (pool["source_kind"] == "document"), "unit"
    ]
    return str(units.iloc[0]) if len(units) else fallback


def assess(
    target: Any,
    pool: pd.DataFrame,
    base_year: int,
    standard: str | None = None,
    level_targets: Mapping[tuple[str, str, int, str], Assessment] | None = None,
    series_cache: dict[tuple, pd.DataFrame] | None = None,
) -> Assessment:
    """One target (a row of ``targets``) against the values of ``pool`` (:func:`value_pool`, already
    cut at the scorecard's date). ``standard``: the poverty standard of a poverty target.
    ``series_cache``: kept by :func:`scorecard` across the targets of one pool (several targets read
    the same measure; selecting it is most of an assessment's time)."""

    def series_of(measure: str, area: str, unit: str, share: bool) -> pd.DataFrame:
        key = (id(pool), measure, area, unit, standard, share)
        if series_cache is None:
            return _series(pool, measure, area, unit, standard, share)
        if key not in series_cache:
            series_cache[key] = _series(pool, measure, area, unit, standard, share)
        return series_cache[key].copy()

    kind = _kind_of_target(target.indicator, target.unit, target.comparator)
    measure = _measure(target.indicator)
    direction = -1 if measure in LOWER_IS_BETTER or kind == "level_from_reduction" else 1
    if kind == "increase":
        levels = level_targets or {}
        restated = levels.get((target.source, measure, int(target.year), target.area)) or levels.get(
            (target.source, f"{measure}_share", int(target.year), target.area)
        )
        if restated is not None:
            fields = asdict(restated)
            fields.update(indicator=target.indicator, unit=target.unit, comparator=target.comparator,
                          target=float(target.value), line=int(target.line), assessed_as="restates", counted=False,
                          note=f"{restated.indicator} {restated.target_year}")  # fmt: skip
            return Assessment(**fields)
    if kind == "range":
        return _empty(target, direction, measure, kind, "reason_range")
    unit = target.unit
    if kind in ("level_from_multiple", "level_from_reduction", "increase"):
        unit = _reference_unit(pool, measure, target.area, target.unit)
    series = series_of(measure, target.area, unit, share=measure.endswith("_share"))
    if kind == "growth":
        return _growth(target, series, direction, measure)
    result = _against(target, series, kind, measure, direction, base_year, float(target.value), kind)
    counted_in = None if pd.isna(getattr(target, "of", float("nan"))) else float(target.of)
    if kind == "level" and counted_in is not None and _other_whole(result, pool, counted_in):
        # A count out of 98 communes, while the values count out of 91 (or do not say): compare shares.
        shares = series_of(f"{measure}_share", target.area, "% of communes", share=True)
        result = _against(target, shares, kind, measure, direction, base_year, 100 * float(target.value) / counted_in,
                          "share")  # fmt: skip
    return result


def _other_whole(result: Assessment, pool: pd.DataFrame, whole: float) -> bool:
    """The base or the latest count is out of another whole than the target's, or does not say."""
    for source, line in ((result.base_source, result.base_line), (result.latest_source, result.latest_line)):
        if source is None:
            continue
        rows = pool[(pool["source"] == source) & (pool["line"] == line)]
        if len(rows) and (pd.isna(rows["of"].iloc[0]) or rows["of"].iloc[0] != whole):
            return True
    return False


def _growth(target: Any, series: pd.DataFrame, direction: int, measure: str) -> Assessment:
    """A growth-rate target: met or not by the latest rate of its kind; the method cannot measure
    progress on a rate (it needs levels), so an unmet one is not assessable."""
    rates = series[series["t"] <= int(target.year) + 1e-9]
    if not len(rates):
        return _empty(target, direction, measure, "growth", "reason_no_value")
    chosen = preferred(rates[rates["year"] == rates["year"].max()]).iloc[0]
    level = float(target.value)
    if meets(float(chosen.value), level, direction, target.comparator):
        return _empty(target, direction, measure, "growth", None, status="target_achieved", target_level=level,
                      **_latest_fields(chosen))  # fmt: skip
    return _empty(
        target, direction, measure, "growth", "reason_growth", target_level=level, **_latest_fields(chosen)
    )


def _against(
    target: Any,
    series: pd.DataFrame,
    kind: str,
    measure: str,
    direction: int,
    base_year: int,
    level: float,
    assessed_as: str,
) -> Assessment:
    """The target (as ``level`` in the series' unit) against the base and latest values of ``series``."""
    found = _base(series, base_year)
    if found is None:
        return _empty(target, direction, measure, assessed_as, "reason_no_base")
    base, base_rule = found
    if kind == "level_from_multiple":  # "×2 the 2020 income": the level, from the 2020 value
        at_2020 = series[series["t"].round(6) == 2020]
        if not len(at_2020):
            return _empty(target, direction, measure, kind, "reason_no_base")
        level = float(target.value) * float(preferred(at_2020).iloc[0].value)
    elif kind in ("level_from_reduction", "increase"):
        if base.t >= int(target.year):  # a change from a base after its own year means nothing
            return _empty(target, direction, measure, kind, "reason_no_base")
        years = int(target.year) - base.t if target.unit.endswith("/year") else 1
        if target.unit.startswith("% of"):  # "giảm 50% số hộ cận nghèo": a share of the base
            level = float(base.value) * (1 - float(target.value) / 100)
        elif kind == "increase":
            level = float(base.value) + float(target.value) * years
        else:
            level = max(0.0, float(base.value) - float(target.value) * years)
    base_fields = {"base": float(base.value), "base_as_of": base.as_of, "base_source": base.source,
                   "base_line": int(base.line), "base_rule": base_rule}  # fmt: skip
    if base.t > int(target.year) + 1e-9:  # the first value came after the target's year: it alone judges it
        candidates = series[(series["t"] == base.t)]
        after_deadline = True
        result = progress(base=float(base.value), base_year=float(base.t), latest=float(base.value),
                          latest_year=float(base.t), target=level, target_year=float(target.year),
                          direction=direction, comparator=target.comparator)  # fmt: skip
        ordered = preferred(candidates)
        return _empty(target, direction, measure, assessed_as, result.reason, target_level=level, **base_fields,
                      **_latest_fields(ordered.iloc[0]), after_deadline=True, status=result.status,
                      confirmations=_confirmations(ordered, ordered.iloc[0]))  # fmt: skip
    candidates, after_deadline = _latest(series, base.t, int(target.year))
    if not len(candidates):
        return _empty(
            target, direction, measure, assessed_as, "reason_no_value", target_level=level, **base_fields
        )
    ordered = preferred(candidates)
    chosen = ordered.iloc[0]
    result = _judge(base, chosen, level, int(target.year), direction, target.comparator)
    groups: list[dict[str, Any]] = []  # other values of the same time, one entry per value
    for other in ordered.iloc[1:].itertuples():
        if _same(other, chosen):
            continue
        group = next((g for g in groups if _same(other, g["row"])), None)
        if group is None:
            status = _judge(base, other, level, int(target.year), direction, target.comparator).status
            groups.append(
                {"row": other, "value": float(other.value), "sources": [other.source], "status": status}
            )
        elif other.source not in group["sources"]:
            group["sources"].append(other.source)
    alternatives = [{k: g[k] for k in ("value", "sources", "status")} for g in groups]
    met_at_base = meets(float(base.value), level, direction, target.comparator)  # no way left to cover
    return _empty(
        target, direction, measure, assessed_as, result.reason, target_level=level, **base_fields,
        **_latest_fields(chosen), after_deadline=after_deadline, status=result.status, ratio=result.ratio,
        observed_growth=result.observed_growth, required_growth=result.required_growth,
        distance_covered=None if met_at_base else distance_covered(float(base.value), float(chosen.value), level),
        note="met_at_base" if met_at_base else None,
        alternatives=json.dumps(alternatives, ensure_ascii=False) if alternatives else None,
        confirmations=_confirmations(ordered, chosen),
    )  # fmt: skip


def _judge(
    base: Any, latest: Any, target_level: float, target_year: int, direction: int, comparator: str
) -> Progress:
    return progress(base=float(base.value), base_year=float(base.t), latest=float(latest.value),
                    latest_year=float(latest.t), target=target_level, target_year=float(target_year),
                    direction=direction, comparator=comparator)  # fmt: skip


def _latest_fields(row: Any) -> dict[str, Any]:
    marks = row["flags"] if "flags" in row.index else None  # (row.flags is pandas' own attribute)
    flags = [f for f in marks.split(";") if f] if isinstance(marks, str) else []
    if isinstance(row.comparator, str):
        flags.append(
            f"hedged_{'about' if row.comparator == 'about' else 'more' if row.comparator == '>' else 'less'}"
        )
    return {
        "latest": float(row.value), "latest_as_of": row.as_of, "latest_source": row.source, "latest_line": int(row.line),
        "latest_kind": row.kind, "latest_source_kind": row.source_kind,
        "latest_publisher": row.publisher if isinstance(row.publisher, str) else None,
        "latest_published": row.published if isinstance(row.published, str) else None,
        "latest_url": row.url if isinstance(row.url, str) else None,
        "latest_quote": row.quote if isinstance(row.quote, str) else None,
        "latest_flags": ";".join(flags) or None,
    }  # fmt: skip


# ------------------------------------------------------------------------------- the scorecard


def _cut(pool: pd.DataFrame, as_of: datetime.date) -> pd.DataFrame:
    """The values known on ``as_of``: describing a day up to it, published by it."""
    published = [period_end(p) <= as_of if isinstance(p, str) else True for p in pool["published"]]
    described = pd.to_datetime(pool["as_of"]).dt.date <= as_of
    return pool[described & pd.Series(published, index=pool.index)]


def scorecard(
    targets: pd.DataFrame,
    pool: pd.DataFrame,
    base_years: Mapping[str, int],
    as_of: datetime.date | str | None = None,
    standards: Mapping[tuple[str, str, int, str], str] | None = None,
) -> pd.DataFrame:
    """One row per numeric target (targets stated in words are left out): its base, the latest value
    known on ``as_of`` (default: everything) and its Open SDG status (see the module docstring).
    ``standards``: the poverty standard of each poverty target, by (indicator, area, year, source)."""
    as_of = datetime.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    known = _cut(pool, as_of) if as_of is not None else pool
    numeric = targets[targets["value"].notna()].copy()
    levels: dict[tuple[str, str, int, str], Assessment] = {}
    rows: list[Assessment] = []

    def order(r: Any) -> int:  # counts first, then shares (which may restate them), then increases
        return (
            2 if r.indicator.endswith(("_increase", "_added")) else 1 if r.indicator.endswith("_share") else 0
        )

    counted_in = {
        (r.source, r.indicator, int(r.year), r.area) for r in numeric.itertuples() if not pd.isna(r.of)
    }
    ordered = sorted(numeric.itertuples(), key=order)
    # A target is judged by the values of its own area: split the pool once, not once a target.
    by_area = {area: rows for area, rows in known.groupby("area", sort=False)}
    cache: dict[tuple, pd.DataFrame] = {}
    for target in ordered:
        standard = (standards or {}).get((target.indicator, target.area, int(target.year), target.source))
        area_pool = by_area.get(target.area, known.iloc[0:0])
        result = assess(target, area_pool, base_years[target.source], standard, levels, cache)
        count = (target.source, target.indicator.removesuffix("_share"), int(target.year), target.area)
        if target.indicator.endswith("_share") and count in counted_in:  # "58/98 xã, bằng 59,1%": one target
            result = Assessment(**{**asdict(result), "assessed_as": "restates", "counted": False,
                                   "note": f"{count[1]} {count[2]}"})  # fmt: skip
        if result.assessed_as not in ("restates",):
            levels[(target.source, result.measure, int(target.year), target.area)] = result
        rows.append(result)
    frame = pd.DataFrame([asdict(r) for r in rows], columns=COLUMNS)
    frame = frame.sort_values(["topic", "indicator", "area", "target_year", "source"], kind="stable")
    for column in ("target", "value_max", "target_level", "base", "latest", "ratio", "observed_growth",
                   "required_growth", "distance_covered"):  # fmt: skip
        frame[column] = frame[column].astype(float)
    return frame.reset_index(drop=True)


def poverty_standards(poverty: pd.DataFrame) -> dict[tuple[str, str, int, str], str]:
    """The standard of each poverty target, by (indicator, area, year, source)."""
    targets = poverty[poverty["kind"] == "target"]
    return {(r.indicator, r.area, int(r.year), r.source): r.standard for r in targets.itertuples()}


def from_datasets(
    targets: pd.DataFrame,
    income: pd.DataFrame,
    poverty: pd.DataFrame,
    ntm_levels: pd.DataFrame,
    reported: pd.DataFrame,
    as_of: datetime.date | str | None = None,
    base_years: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """The scorecard from the datasets (as ``qnlib.load`` gives them), as of a date (default: every
    figure known). ``base_years``: by document id (default: ``sources.yml``)."""
    if base_years is None:
        from .sources import load_sources

        base_years = {sid: s.base_year for sid, s in load_sources().items()}
    pool = value_pool(income, poverty, ntm_levels, reported)
    return scorecard(targets, pool, base_years, as_of, poverty_standards(poverty))


def counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many counted targets have each status (and how many can be assessed at all)."""
    counted = frame[frame["counted"]]
    result = {status: int((counted["status"] == status).sum()) for status in counted["status"].unique()}
    result["targets"] = len(counted)
    result["assessable"] = int((counted["status"] != "not_assessable").sum())
    return result


def is_finite(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)
