"""Progress towards a target: the Open SDG method (Statistics Canada's), as ``sdg-build`` computes it.

A target is *achieved* when the latest value meets it (at or above for a rising indicator, at or
below for a falling one). Otherwise progress is the ratio

    R = sign · d · CAGR_observed / |CAGR_required|
    CAGR_observed = (y_latest / y_base) ** (1 / (t_latest − t_base)) − 1
    CAGR_required = (y_target / y_base) ** (1 / (t_target − t_base)) − 1

with d = +1 for a rising and −1 for a falling indicator, sign = −1 when the base is negative. R ≥ 0.95
is *on track*, 0.6 ≤ R < 0.95 *needs acceleration*, 0 ≤ R < 0.6 *limited progress*, R < 0 *deterioration*.
A base or target of zero is replaced by 0.001 (an exponential model cannot start or end at 0); at least
two points in time are needed for R, and values of opposite signs cannot be assessed.

Sources: open-sdg ``docs/progress-methodology.md`` ("Progress Measurement Methodology for the Sustainable
Development Goals", Statistics Canada) and ``sdg-build`` ``sdg/ProgressMeasure.py``
(``methodology_2``, ``is_target_achieved``, ``get_progress_status``). Time is measured in years; a value
for 30 June counts half a year (see :func:`year_fraction`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = [
    "STATUSES",
    "THRESHOLDS",
    "ZERO",
    "Progress",
    "cagr",
    "distance_covered",
    "meets",
    "progress",
    "year_fraction",
]

# Open SDG's default thresholds for a quantitative target (sdg-build: {'high': 0.95, 'med': 0.6, 'low': 0}).
THRESHOLDS = {"high": 0.95, "med": 0.6, "low": 0.0}
# What a base or target of zero becomes (sdg-build, and the methodology's "Special considerations").
ZERO = 0.001
STATUSES = (
    "target_achieved",
    "on_track",  # Open SDG "substantial_progress"
    "needs_acceleration",  # "moderate_progress": progress made but acceleration needed
    "limited_progress",
    "deterioration",
    "not_assessable",  # "not_available": no later value, or the method cannot apply
)


@dataclass(frozen=True)
class Progress:
    """The assessment of one target: its status and, when the method gives one, the ratio R."""

    status: str
    achieved: bool
    ratio: float | None  # R, the observed over the required growth rate
    observed_growth: float | None  # CAGR since the base, a fraction a year
    required_growth: float | None  # CAGR the target needs from the base, a fraction a year
    reason: str | None = None  # why there is no ratio (a key of templates/scorecard.yml), when there is none


def cagr(value: float, base: float, years: float) -> float:
    """Compound annual growth rate from ``base`` to ``value`` over ``years`` (a fraction a year)."""
    return (value / base) ** (1 / years) - 1


def year_fraction(day: datetime.date) -> float:
    """A day as years on the scale where a year's figure stands at its end: 31/12/2023 -> 2023.0,
    30/06/2025 -> 2024.5 (half of 2025 has passed), 01/01/2023 -> 2022.003."""
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year - 1 + ((day - start).days + 1) / length


def meets(value: float, target: float, direction: int, comparator: str = "=") -> bool:
    """The latest value meets the target. A strict comparator ("<", ">") is kept strict; the rest
    (=, about, >=, <=, a range's bound) are met at the target, in the indicator's direction."""
    if comparator == ">":
        return value > target
    if comparator == "<":
        return value < target
    return value >= target if direction > 0 else value <= target


def progress(
    *,
    base: float,
    base_year: float,
    latest: float,
    latest_year: float,
    target: float,
    target_year: float,
    direction: int,
    comparator: str = "=",
) -> Progress:
    """The Open SDG status of a target (see the module docstring). ``direction``: +1 when higher is
    better, −1 when lower is better; years may be fractional (:func:`year_fraction`)."""
    if direction not in (1, -1):
        raise ValueError(f"direction must be 1 or -1, not {direction!r}")
    if meets(latest, target, direction, comparator):
        return Progress("target_achieved", True, None, None, None)
    base_value = ZERO if base == 0 else base
    target_value = ZERO if target == 0 else target
    if (base_value > 0) != (latest > 0) and latest != 0:
        return Progress("not_assessable", False, None, None, None, "reason_signs")
    if latest_year - base_year <= 0:
        return Progress("not_assessable", False, None, None, None, "reason_one_point")
    if target_year <= base_year:
        return Progress("not_assessable", False, None, None, None, "reason_target_before_base")
    sign = -1 if base_value < 0 else 1
    observed = cagr(latest, base_value, latest_year - base_year)  # a latest 0 is -100 % (sdg-build keeps it)
    required = cagr(target_value, base_value, target_year - base_year)
    if required == 0:
        return Progress("not_assessable", False, None, observed, required, "reason_no_distance")
    ratio = sign * direction * observed / abs(required)
    if ratio >= THRESHOLDS["high"]:
        status = "on_track"
    elif ratio >= THRESHOLDS["med"]:
        status = "needs_acceleration"
    elif ratio >= THRESHOLDS["low"]:
        status = "limited_progress"
    else:
        status = "deterioration"
    return Progress(status, False, ratio, observed, required)


def distance_covered(base: float, latest: float, target: float) -> float | None:
    """The share of the way from the base to the target covered by the latest value (1 = reached;
    negative when it moved away). None when base and target are equal."""
    if target == base:
        return None
    return (latest - base) / (target - base)
