"""Results reported after the documents: sources against each other and against the documents
(checks named ``reported: …``).

* sources that give different values for the same measure, area and year (53 or 54 communes at
  advanced NTM in mid-2025; 26 or 28 model communes in 2023);
* a reported value against the value the documents state or imply for the same year (the 2023
  income Kế hoạch 54 implies; the 2020 income an article implies against the report's 46,1);
* the whole a count is out of, when it changes (98 communes, then 91 after the merger of
  1 November 2024; 65 or 64 communes in the ethnic-minority area);
* the same figure filed under two areas (73,348 for the ethnic-minority area and for the province).

Every disagreement is reported with both sources; nothing is corrected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..datasets import Tables, get
from .base import CheckResult, figure, finding, summary

__all__ = ["denominators", "same_figure_two_areas", "sources_disagree", "vs_documents"]

COUNTS = ("ntm_communes", "ntm_advanced_communes", "ntm_model_communes", "ntm_districts_completed",
          "ntm_districts_recognised", "ntm_advanced_districts")  # fmt: skip


def _frame(tables: Tables, name: str) -> pd.DataFrame:
    return tables.extracted(get(name))


def _decimals(printed: str) -> int:
    number = printed.split("/")[0]
    return len(number.split(",")[1]) if "," in number else 0


def _same(a: Any, b: Any) -> bool:
    """Equal at the precision of the less precise figure; a figure in words is exact."""
    precision = min(a.precision, b.precision)
    return abs(a.value - b.value) < 10**-precision - 1e-12


def _with_precision(reported: pd.DataFrame) -> pd.DataFrame:
    def precision(printed: str, formula: Any) -> int:
        if (
            isinstance(formula, str)
            or not any(c.isdigit() for c in printed)
            or any(c.isalpha() for c in printed)
        ):
            return 9
        return _decimals(printed)

    return reported.assign(
        precision=[precision(p, f) for p, f in zip(reported["printed"], reported["formula"], strict=True)]
    )


class _DocumentValue:
    """A document's figure as :func:`_shown` reads it: written with as many decimals as it needs."""

    def __init__(self, value: float, unit: str):
        self.value, self.unit, self.precision = value, unit, 9


def _where(row: Any) -> str:
    return f"{row.source}:{row.line}"


def _article(row: Any) -> dict[str, Any]:
    get = row.get if isinstance(row, pd.Series) else lambda k: getattr(row, k)
    return {
        "publisher": get("publisher"),
        "published": get("published"),
        "quote": get("quote"),
        "url": get("url"),
    }


def _clusters(rows: pd.DataFrame) -> list[list[Any]]:
    """Rows grouped by the value they give (equal at the printed precision), in order of first appearance."""
    clusters: list[list[Any]] = []
    for row in rows.itertuples():
        for cluster in clusters:
            if _same(row, cluster[0]):
                cluster.append(row)
                break
        else:
            clusters.append([row])
    return clusters


def _listing(clusters: list[list[Any]]) -> list[dict[str, Any]]:
    return [{"value": c[0].value, "decimals": _decimals_of(c[0]),
             "comparator": c[0].comparator if isinstance(c[0].comparator, str) else "=",
             "entries": [{"publisher": r.publisher, "as_of": r.as_of} for r in c]} for c in clusters]  # fmt: skip


def _decimals_of(row: Any) -> int:
    """The decimals a figure is written with: as printed, or for one stated in words or computed,
    the fewest (at most 3) that write it."""
    if row.precision < 9:
        return int(row.precision)
    return next(d for d in range(4) if d == 3 or round(row.value, d) == row.value)


def _shown(first: Any, other: Any | None = None) -> dict[str, Any]:
    """How the two sides are written: each with its own decimals, "%" after a percentage."""
    unit = first.unit
    return {"printed_decimals": _decimals_of(first), "expected_decimals": _decimals_of(other or first),
            "unit": "%" if unit.startswith("%") else "", "measure_unit": unit}  # fmt: skip


def sources_disagree(tables: Tables) -> Iterator[CheckResult]:
    """Reported figures of one measure, area, unit, standard and year that do not agree."""
    reported = _with_precision(_frame(tables, "reported"))
    printed = reported[reported["formula"].isna()]
    keys = ["indicator", "area", "unit", "year"]
    for key, rows in printed.groupby(keys, sort=False):
        if len(rows["source"].unique()) < 2:
            continue
        indicator, area, _unit, year = key
        standards = {s for s in rows["standard"] if isinstance(s, str) and s != "unstated"}
        for standard in sorted(standards) or [None]:
            # A figure whose source names no standard counts by the Government's (the provincial one is named).
            same = [standard, "unstated"] if standard == "central" else [standard]
            group = rows if standard is None else rows[rows["standard"].isin(same)]
            if len(group["source"].unique()) < 2:
                continue
            clusters = _clusters(group)
            first, other = clusters[0][0], (clusters[1][0] if len(clusters) > 1 else clusters[0][-1])
            check = f"reported.sources/{indicator}/{area}/{year}" + (f"/{standard}" if standard else "")
            yield figure(check, "reported_sources", first.value, other.value, _where(first), other=_where(other),
                         ok=len(clusters) == 1, indicator=indicator, area=area, year=int(year),
                         listing=_listing(clusters), count=len(group["source"].unique()), **_article(first),
                         **_shown(first, other))  # fmt: skip


def vs_documents(tables: Tables) -> Iterator[CheckResult]:
    """A reported figure against what the documents state or imply for the same measure, area and year."""
    reported = _with_precision(_frame(tables, "reported"))
    documents = []
    for name in ("income", "poverty"):
        frame = _frame(tables, name)
        documents.append(frame[frame["kind"].isin(["actual", "derived"])])
    levels = _frame(tables, "ntm_levels")
    documents.append(levels[levels["kind"] != "reported"].drop(columns=["as_of"]))
    docs = pd.concat(documents, ignore_index=True)
    for row in reported.itertuples():
        same = docs[(docs["indicator"] == row.indicator) & (docs["area"] == row.area) & (docs["year"] == row.year)
                    & (docs["unit"] == row.unit)]  # fmt: skip
        if not len(same):
            continue
        doc = same.iloc[0]
        printed_digits = 9 if isinstance(row.formula, str) else row.precision
        agree = abs(row.value - doc["value"]) < 10 ** -min(printed_digits, 3) - 1e-12
        yield figure(f"reported.documents/{row.indicator}/{row.area}/{row.year}/{row.source}", "reported_documents",
                     row.value, float(doc["value"]), _where(row), other=f"{doc['source']}:{int(doc['line'])}", ok=agree,
                     indicator=row.indicator, area=row.area, year=int(row.year),
                     **_shown(row, _DocumentValue(float(doc["value"]), row.unit)),
                     document=doc["source"], document_kind=doc["kind"],
                     formula=row.formula if isinstance(row.formula, str) else None,
                     document_formula=doc["formula"] if isinstance(doc["formula"], str) else None,
                     **_article(row))  # fmt: skip


def denominators(tables: Tables) -> Iterator[CheckResult]:
    """The whole each count is out of, through time: one result per measure and area whose whole changes
    or differs between sources (98 → 91 communes), and a summary of those that stay the same."""
    levels = _frame(tables, "ntm_levels")
    reported = _frame(tables, "reported")
    counts = levels[levels["indicator"].isin(COUNTS) & levels["of"].notna()]
    steady = 0
    for (indicator, area), rows in counts.groupby(["indicator", "area"], sort=False):
        rows = rows.sort_values("as_of", kind="stable")
        wholes = list(dict.fromkeys(rows["of"]))
        if len(wholes) == 1:
            steady += 1
            continue
        first = rows[rows["of"] == wholes[0]].iloc[-1]
        later = rows[rows["of"] == wholes[1]].iloc[0]
        article = reported[(reported["source"] == later["source"]) & (reported["line"] == later["line"])]
        yield figure(f"reported.denominator/{indicator}/{area}", "reported_denominator", float(later["of"]),
                     float(first["of"]), f"{later['source']}:{int(later['line'])}",
                     other=f"{first['source']}:{int(first['line'])}", ok=False, indicator=indicator, area=area,
                     first_as_of=first["as_of"], later_as_of=later["as_of"], first_doc=_doc(first, tables),
                     later_doc=_doc(later, tables), first_publisher=_publisher(first, reported),
                     later_publisher=_publisher(later, reported), first_value=float(first["value"]),
                     later_value=float(later["value"]),
                     wholes=[float(w) for w in wholes], same_year=first["as_of"][:4] == later["as_of"][:4],
                     **(_article(next(article.itertuples())) if len(article) else {}))  # fmt: skip
    if steady:
        first = reported[reported["indicator"].isin(COUNTS) & reported["of"].notna()].iloc[0]
        yield summary("reported.denominator/steady", "reported_denominator_steady", f"{first['source']}:{first['line']}",
                      count=steady, **_article(first))  # fmt: skip


def _doc(row: Any, tables: Tables) -> str | None:
    return row["source"] if row["source"] in tables.corpus else None


def _publisher(row: Any, reported: pd.DataFrame) -> str | None:
    article = reported[reported["source"] == row["source"]]
    return str(article["publisher"].iloc[0]) if len(article) else None


def same_figure_two_areas(tables: Tables) -> Iterator[CheckResult]:
    """One number filed under two areas by different sources (or by a source and a document)."""
    reported = _with_precision(_frame(tables, "reported"))
    printed = reported[reported["formula"].isna() & (reported["value"] > 0)]
    seen: set[tuple[str, int, str]] = set()
    for (indicator, year), rows in printed.groupby(["indicator", "year"], sort=False):
        areas = list(dict.fromkeys(rows["area"]))
        if len(areas) < 2:
            continue
        for cluster in _clusters(rows):
            named = list(dict.fromkeys(r.area for r in cluster))
            if len(named) < 2 or (indicator, int(year), str(cluster[0].value)) in seen:
                continue
            seen.add((indicator, int(year), str(cluster[0].value)))
            first = cluster[0]
            entries = [{"area": a, "publishers": list(dict.fromkeys(r.publisher for r in cluster if r.area == a))}
                       for a in named]  # fmt: skip
            yield finding(f"reported.areas/{indicator}/{year}/{first.value:g}", "reported_areas", _where(first),
                          printed=first.value, indicator=indicator, year=int(year), areas=named, entries=entries,
                          **_article(first), **_shown(first))  # fmt: skip
