"""The Open SDG progress method (qnlib.progress).

The method's documentation (open-sdg ``docs/progress-methodology.md``) and sdg-build's
``ProgressMeasure`` tests give the rules but no numeric worked example, so the cases below apply
those rules by hand: every expected ratio was computed on paper from the formula
R = d · CAGR_observed / |CAGR_required| and is written here rounded, never taken from the code.
"""

import datetime

import pytest

from qnlib.progress import THRESHOLDS, ZERO, cagr, distance_covered, meets, progress, year_fraction


def assess(base, base_year, latest, latest_year, target, target_year, direction=1, comparator="="):
    return progress(base=base, base_year=base_year, latest=latest, latest_year=latest_year, target=target,
                    target_year=target_year, direction=direction, comparator=comparator)  # fmt: skip


def test_the_method_s_thresholds_and_zero():
    assert THRESHOLDS == {"high": 0.95, "med": 0.6, "low": 0.0}  # sdg-build's defaults
    assert ZERO == 0.001


def test_cagr_by_hand():
    assert cagr(121.0, 100.0, 2) == pytest.approx(0.10)  # 100 → 110 → 121
    assert cagr(50.0, 100.0, 1) == pytest.approx(-0.5)


@pytest.mark.parametrize(
    ("latest", "status", "ratio"),
    [
        # base 100 in 2020, target 200 in 2025: required (2^(1/5) − 1) = 0.148698 a year
        (115.0, "on_track", 1.00876),  # observed 0.15 a year → 0.15 / 0.148698
        (110.0, "needs_acceleration", 0.67251),  # 0.10 / 0.148698
        (105.0, "limited_progress", 0.33625),  # 0.05 / 0.148698
        (95.0, "deterioration", -0.33625),  # −0.05 / 0.148698
        (100.0, "limited_progress", 0.0),  # no change: R = 0 is "limited", not "deterioration"
    ],
)
def test_rising_target_each_status(latest, status, ratio):
    result = assess(100.0, 2020, latest, 2021, 200.0, 2025)
    assert (result.status, result.achieved) == (status, False)
    assert result.ratio == pytest.approx(ratio, abs=1e-5)
    assert result.required_growth == pytest.approx(0.148698, abs=1e-6)


@pytest.mark.parametrize(("latest", "status"), [(109.51, "on_track"), (109.49, "needs_acceleration")])
def test_the_boundary_at_095(latest, status):
    # base 100, target 110 one year later: required 0.10; observed 0.0951 (R 0.951) and 0.0949 (R 0.949)
    assert assess(100.0, 2020, latest, 2021, 110.0, 2021).status == status


@pytest.mark.parametrize(("latest", "status"), [(106.01, "needs_acceleration"), (105.99, "limited_progress")])
def test_the_boundary_at_06(latest, status):
    assert assess(100.0, 2020, latest, 2021, 110.0, 2021).status == status  # R 0.601 and 0.599


def test_falling_target_like_poverty():
    # 100 in 2015, target 50 by 2030, 80 in 2020: observed 0.8^(1/5) − 1 = −0.043648,
    # required 0.5^(1/15) − 1 = −0.045158; R = −1 · −0.043648 / 0.045158 = 0.96654: on track
    result = assess(100.0, 2015, 80.0, 2020, 50.0, 2030, direction=-1)
    assert result.status == "on_track"
    assert result.ratio == pytest.approx(0.96654, abs=1e-5)
    assert result.observed_growth == pytest.approx(-0.043648, abs=1e-6)
    assert result.required_growth == pytest.approx(-0.045158, abs=1e-6)
    # the same indicator rising instead is a deterioration: R = −0.96654... with the sign of the move
    worse = assess(100.0, 2015, 125.0, 2020, 50.0, 2030, direction=-1)  # observed +0.045640
    assert (worse.status, round(worse.ratio, 4)) == ("deterioration", round(-0.045640 / 0.045158, 4))


def test_target_already_met():
    for args in [(100.0, 2020, 200.0, 2023, 200.0, 2025, 1), (100.0, 2020, 250.0, 2023, 200.0, 2025, 1),
                 (5.0, 2020, 1.0, 2022, 1.0, 2025, -1), (5.0, 2020, 0.5, 2022, 1.0, 2025, -1)]:  # fmt: skip
        result = assess(*args[:6], direction=args[6])
        assert (result.status, result.achieved, result.ratio) == ("target_achieved", True, None)
    # met at the base itself still counts as achieved: the latest value is what is judged
    assert assess(100.0, 2020, 100.0, 2020, 90.0, 2025).status == "target_achieved"


def test_strict_comparators_stay_strict():
    assert meets(50.0, 50.0, 1, ">") is False and meets(50.1, 50.0, 1, ">") is True
    assert meets(1.0, 1.0, -1, "<") is False and meets(0.9, 1.0, -1, "<") is True
    assert meets(50.0, 50.0, 1, "about") is True and meets(1.0, 1.0, -1) is True


def test_zero_base_becomes_0001():
    # base 0 (no model communes) in 2020, target 10 in 2025, 5 in 2022:
    # observed (5 / 0.001)^(1/2) − 1 = 69.7107, required (10 / 0.001)^(1/5) − 1 = 5.30957, R = 13.1293
    result = assess(0.0, 2020, 5.0, 2022, 10.0, 2025)
    assert result.status == "on_track"
    assert result.ratio == pytest.approx(13.1293, abs=1e-4)


def test_zero_target_becomes_0001():
    # poverty 2 % in 2020 to 0 by 2025, 0.5 % in 2023: observed 0.25^(1/3) − 1 = −0.370039,
    # required (0.001 / 2)^(1/5) − 1 = −0.781322, R = 0.473603: limited progress
    result = assess(2.0, 2020, 0.5, 2023, 0.0, 2025, direction=-1)
    assert result.status == "limited_progress"
    assert result.ratio == pytest.approx(0.473603, abs=1e-5)


def test_not_assessable_cases():
    one_point = assess(100.0, 2021, 120.0, 2021, 200.0, 2025)
    assert (one_point.status, one_point.reason, one_point.ratio) == (
        "not_assessable",
        "reason_one_point",
        None,
    )
    signs = assess(-5.0, 2020, 3.0, 2022, 10.0, 2025)
    assert (signs.status, signs.reason) == ("not_assessable", "reason_signs")
    before = assess(100.0, 2025, 120.0, 2026, 200.0, 2025)
    assert (before.status, before.reason) == ("not_assessable", "reason_target_before_base")
    with pytest.raises(ValueError, match="direction"):
        assess(1.0, 2020, 2.0, 2021, 3.0, 2025, direction=0)


def test_year_fraction():
    assert year_fraction(datetime.date(2023, 12, 31)) == 2023.0
    assert year_fraction(datetime.date(2025, 6, 30)) == pytest.approx(2024 + 181 / 365)
    assert year_fraction(datetime.date(2024, 6, 30)) == pytest.approx(2023 + 182 / 366)  # a leap year
    assert year_fraction(datetime.date(2023, 1, 1)) == pytest.approx(2022 + 1 / 365)


def test_distance_covered():
    assert distance_covered(40.0, 55.0, 60.0) == pytest.approx(0.75)
    assert distance_covered(40.0, 35.0, 60.0) == pytest.approx(-0.25)  # moved away
    assert distance_covered(5.0, 2.0, 1.0) == pytest.approx(0.75)  # falling: 3 of the 4 points
    assert distance_covered(40.0, 50.0, 40.0) is None
