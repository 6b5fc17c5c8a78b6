"""Reconciliation: the documents against their own totals (and against each other).

Every check compares two things a document prints, or a printed figure with
what its rows add up to. A disagreement is *reported* (status ``mismatch``, both
sides, and where each is printed), never corrected and never an exception:
analysts must see that a source contradicts itself before they quote it.

Each check is a small named function over the parsed tables that yields
:class:`CheckResult` rows; :data:`CHECKS` lists them in the order they report.
:func:`render` puts them in words for a reader of Vietnamese or English
(``qnlib/templates/checks.yml``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from numbers import Number
from pathlib import Path
from typing import Any

import pandas as pd

from .. import config
from ..datasets import Tables
from ..sources import Source, load_sources, read_corpus
from ..words import date_text, fmt, t
from . import cross, loans, ntm, programme, reported
from .base import KINDS, CheckResult

__all__ = [
    "CHECKS",
    "COLUMNS",
    "KINDS",
    "CheckResult",
    "check",
    "check_results",
    "render",
    "results",
    "run_checks",
]

# check: a stable id; kind: figure | table; subject, where, detail: words in the reader's language;
# printed: what the document prints; expected: what it should be (recomputed, or the other document);
# difference: printed − expected; source / other: "document:line" of each side in the text copy.
# printed_text / expected_text: both sides as a reader reads them ("ít nhất 54", "59,1%").
COLUMNS = ["check", "status", "kind", "subject", "document", "where", "printed", "expected", "difference",
           "printed_text", "expected_text", "detail", "source", "other"]  # fmt: skip

CHECKS: list[Callable[[Tables], Iterable[CheckResult]]] = [
    loans.loan_totals,
    loans.loan_rates,
    ntm.pb01_total_vs_notes,
    ntm.pb02_subtotals,
    ntm.pb02_total,
    ntm.pb02_vs_pb01,
    ntm.pb03_total,
    ntm.pb03_denominators,
    cross.income_and_poverty,
    cross.poverty_reduction_households,
    cross.shares_and_increments,
    cross.prose_targets_vs_plans,
    cross.other_targets_vs_plans,
    cross.yearly_notes_vs_tables,
    cross.named_for_2022_vs_plan,
    programme.announced_counts,
    programme.numbering,
    programme.repeated_documents,
    programme.cells_without_deadline,
    programme.cells_without_lead,
    reported.sources_disagree,
    reported.vs_documents,
    reported.denominators,
    reported.same_figure_two_areas,
]


def results(tables: Tables) -> list[CheckResult]:
    """Every check's results over already parsed tables, in the order of :data:`CHECKS`."""
    return [result for check_fn in CHECKS for result in check_fn(tables)]


def _difference(printed: Any, expected: Any) -> float | None:
    numbers = all(isinstance(v, Number) and not isinstance(v, bool) for v in (printed, expected))
    return round(float(printed) - float(expected), 4) if numbers else None


def _shown(
    value: Any, result: CheckResult, lang: str, comparator: bool = False, side: str = "printed"
) -> str:
    """One side as a reader reads it: the target's comparator, the value, its unit."""
    if value is None:
        return ""
    decimals = result.values.get(f"{side}_decimals")
    if decimals is not None and isinstance(value, Number):  # with the decimals it was printed with: "84,147"
        value = fmt(float(value), lang, int(decimals))
    sign = result.values.get("comparator", "=") if comparator else "="
    return t("checks.value", lang, value=value, comparator=sign, unit=result.values.get("unit", ""))


def _place(
    result: CheckResult, values: dict[str, Any], sources: dict[str, Source], lang: str
) -> tuple[str, str]:
    """(the document's short name, where in the printed document) for a reader of ``lang``."""
    source_id, _, line = result.source.partition(":")
    source = sources.get(source_id)
    section = source.section_at(int(line), lang) if source and line.isdigit() else None
    where = t(f"checks.{result.key}_where", lang, section=section or "", **values)
    if source is None and "publisher" in values:  # an article reported after the documents
        return f"{values['publisher']}, {date_text(values['published'], lang)}", where
    return (source.named(lang) if source else source_id), where


def render(
    found: Sequence[CheckResult], lang: str = "vi", sources: dict[str, Source] | None = None
) -> pd.DataFrame:
    """Results as a table a reader can use: what is compared, where to find it, both sides, why."""
    sources = load_sources() if sources is None else sources
    rows = []
    for result in found:
        values = {"printed": result.printed, "expected": result.expected, **result.values}
        document, where = _place(result, values, sources, lang)
        rows.append({
            "check": result.check, "status": result.status, "kind": result.kind,
            "subject": t(f"checks.{result.key}_subject", lang, **values), "document": document, "where": where,
            "printed": result.printed, "expected": result.expected,
            "difference": _difference(result.printed, result.expected),
            "printed_text": _shown(result.printed, result, lang, comparator=True),
            "expected_text": _shown(result.expected, result, lang, side="expected"),
            "detail": t(f"checks.{result.key}_detail", lang, **values), "source": result.source,
            "other": result.other,
        })  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)


def run_checks(tables: Tables, lang: str = "vi", sources: dict[str, Source] | None = None) -> pd.DataFrame:
    """All checks over already parsed tables, in words for ``lang``."""
    return render(results(tables), lang, sources)


def check_results(raw_dir: Path = config.RAW_DIR) -> list[CheckResult]:
    """Every check's results over the documents of ``raw_dir``: the same in every language (a pack
    in two languages finds them once and renders them in each)."""
    return results(Tables(read_corpus(Path(raw_dir))))


def check(raw_dir: Path = config.RAW_DIR, lang: str = "vi") -> pd.DataFrame:
    """One row per consistency check (see :data:`COLUMNS`), in Vietnamese or English."""
    raw_dir = Path(raw_dir)
    return render(check_results(raw_dir), lang, load_sources(raw_dir / "sources.yml"))
