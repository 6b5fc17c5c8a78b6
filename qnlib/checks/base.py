"""What a check returns, and the comparisons several checks share."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ..observations import Observation
from ..text import format_vn_number

__all__ = ["CheckResult", "result", "rounded", "stated_vs_computed", "target_vs_plan", "unit_counts", "vn"]


@dataclass(frozen=True)
class CheckResult:
    check: str
    status: str  # "ok" | "mismatch"
    expected: Any  # what the document prints as the reference (a total, a stated figure)
    found: Any  # what its other figures give
    detail: str
    source: str  # "doc_id:line" of the reference figure


def result(
    name: str, expected: Any, found: Any, detail: str, source: str, ok: bool | None = None
) -> CheckResult:
    ok = expected == found if ok is None else ok
    return CheckResult(name, "ok" if ok else "mismatch", expected, found, detail, source)


def vn(value: float) -> str:
    return format_vn_number(value, 0 if float(value).is_integer() else 2)


def rounded(value: float, decimals: int) -> float:
    """Round half up, as documents do (Python's round() rounds half to even)."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def stated_vs_computed(name: str, stated: Observation, computed: float, how: str) -> CheckResult:
    """A figure the document states against what its related figures give, at the printed precision."""
    found = rounded(computed, stated.decimals)
    detail = (
        f"{how} = {computed:.4g}, which rounds to {format_vn_number(found, stated.decimals)}; "
        f"the document prints {stated.printed} ({stated.where})"
    )
    return result(name, stated.value, found, detail, stated.where)


SATISFIES = {
    "=": lambda found, target: found == target,
    ">=": lambda found, target: found >= target,
    ">": lambda found, target: found > target,
    "<=": lambda found, target: found <= target,
    "<": lambda found, target: found < target,
    "about": lambda found, target: abs(found - target) <= 0.05 * abs(target),
}
WORDING = {
    "=": "",
    ">=": "at least ",
    ">": "more than ",
    "<": "less than ",
    "<=": "at most ",
    "about": "about ",
}


def target_vs_plan(name: str, target: Observation, planned: float, how: str) -> CheckResult:
    """A target stated in prose against what the plan tables add up to for the same year."""
    comparator = target.declared.comparator
    detail = (
        f"{target.declared.source} sets {WORDING[comparator]}{target.printed} ({target.where}); {how} gives "
        f"{format_vn_number(planned, 1 if not float(planned).is_integer() else 0)}"
    )
    return result(
        name, target.value, planned, detail, target.where, ok=SATISFIES[comparator](planned, target.value)
    )


def unit_counts(marks: pd.DataFrame, levels: tuple[str, ...]) -> dict[tuple[str, int | None], int]:
    """How many units are marked in each (level, year) column of a plan table."""
    counts = {}
    for level in levels:
        of_level = marks[marks["level"] == level]
        counts[(level, None)] = int(of_level["achieved"].sum())
        for year in range(2022, 2026):
            counts[(level, year)] = int((of_level["year"] == year).sum())
    return counts
