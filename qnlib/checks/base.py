"""What a check returns, and the comparisons several checks share.

A result keeps one meaning per column whatever the check:

- ``printed``: what the document prints (a figure, a total row, a cell);
- ``expected``: what it should be by the document's own figures (recomputed) or what the
  other document prints for the same thing;
- ``difference``: printed − expected, where both are numbers.

Checks of what a table says of itself (a number used twice, a deadline cell holding
other text) are *findings* (``kind = "table"``): ``printed`` is the cell or number as
printed, ``expected`` is empty, and the words say what is wrong. Every text a reader sees
(what is compared, where to find it in the printed document, the explanation) comes from
``qnlib/templates/checks.yml`` in Vietnamese and English; a result carries only the
template key and the values to fill it with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ..observations import Observation

__all__ = [
    "ACHIEVED",
    "KINDS",
    "CheckResult",
    "figure",
    "finding",
    "rounded",
    "stated_vs_computed",
    "summary",
    "target_vs_plan",
    "unit_counts",
]

ACHIEVED = "Đã đạt chuẩn"  # how Phụ biểu 02 marks a level already reached (quoted as printed)
KINDS = ("figure", "table")  # a printed figure against what it should be; what a table says of itself


@dataclass(frozen=True)
class CheckResult:
    check: str  # a stable, language-neutral id ("loans.total/NĂM 2021/planned_mvnd")
    status: str  # "ok" | "mismatch"
    kind: str  # "figure" | "table"
    printed: Any  # what the document prints; None where there is nothing to show
    expected: Any  # what it should be (recomputed, or the other document's figure); None for findings
    source: str  # "doc_id:line" of what is printed
    key: str  # the check's texts in templates/checks.yml: <key>_subject, <key>_where, <key>_detail
    values: Mapping[str, Any] = field(default_factory=dict)  # what the texts are filled with
    other: str = ""  # "doc_id:line" of the other side (a total row, the other document), if any


def figure(check: str, key: str, printed: Any, expected: Any, source: str, *, other: str = "",
           ok: bool | None = None, **values: Any) -> CheckResult:  # fmt: skip
    """A printed figure against what it should be; equal unless ``ok`` says otherwise."""
    ok = printed == expected if ok is None else ok
    return CheckResult(
        check, "ok" if ok else "mismatch", "figure", printed, expected, source, key, values, other
    )


def summary(check: str, key: str, source: str, **values: Any) -> CheckResult:
    """Every row of a table agrees with a rule (one line instead of one per row)."""
    return CheckResult(check, "ok", "figure", None, None, source, key, values)


def finding(check: str, key: str, source: str, *, printed: Any = None, ok: bool = False,
            **values: Any) -> CheckResult:  # fmt: skip
    """What a table says of itself: a number used twice, a cell without a deadline (``ok`` when
    there is nothing to report)."""
    return CheckResult(check, "ok" if ok else "mismatch", "table", printed, None, source, key, values)


def rounded(value: float, decimals: int) -> float:
    """Round half up, as documents do (Python's round() rounds half to even)."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def stated_vs_computed(
    check: str, key: str, stated: Observation, computed: float, **values: Any
) -> CheckResult:
    """A figure the document states against what its related figures give, at the printed precision."""
    found = rounded(computed, stated.decimals)
    return figure(check, key, stated.value, found, stated.where, computed=computed,
                  decimals=stated.decimals, **values)  # fmt: skip


SATISFIES = {
    "=": lambda found, target: found == target,
    ">=": lambda found, target: found >= target,
    ">": lambda found, target: found > target,
    "<=": lambda found, target: found <= target,
    "<": lambda found, target: found < target,
    "about": lambda found, target: abs(found - target) <= 0.05 * abs(target),
}


def target_vs_plan(check: str, key: str, target: Observation, planned: float, **values: Any) -> CheckResult:
    """A target stated in prose against what the plan tables add up to for the same year."""
    comparator = target.declared.comparator or "="
    return figure(check, key, target.value, planned, target.where, ok=SATISFIES[comparator](planned, target.value),
                  comparator=comparator, target_source=target.declared.source, **values)  # fmt: skip


def unit_counts(marks: pd.DataFrame, levels: tuple[str, ...]) -> dict[tuple[str, int | None], int]:
    """How many units are marked in each (level, year) column of a plan table."""
    counts = {}
    for level in levels:
        of_level = marks[marks["level"] == level]
        counts[(level, None)] = int(of_level["achieved"].sum())
        for year in range(2022, 2026):
            counts[(level, year)] = int((of_level["year"] == year).sum())
    return counts
