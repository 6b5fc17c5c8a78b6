"""Shared computations of the notebooks. Expected values are worked out by hand from the documents."""

import math

import pandas as pd
import pytest

from qnlib import analysis
from qnlib.datasets import Tables, get


@pytest.fixture(scope="module")
def data(corpus):
    tables = Tables(corpus)
    return {
        name: get(name).build(tables)
        for name in ("income", "poverty", "ntm_yearly", "ntm_plan", "ntm_communes", "loans")
    }


def test_income_target_and_growth(data):
    target = analysis.income_target(data["income"], "ethnic_mountain_border_island", 2025)
    assert (target.multiple, target.base_value) == (2.0, 46.1)
    assert target.value == pytest.approx(92.2)  # 2 × 46,1
    # 46,1 → 92,2 in five years: 2^(1/5) − 1 = 14,87% a year.
    assert analysis.cagr(46.1, target.value, 5) == pytest.approx(100 * (2**0.2 - 1))
    steps = analysis.growth_steps(analysis.income_series(data["income"], "ethnic_mountain_border_island"))
    assert list(zip(steps["from_year"], steps["to_year"], strict=True)) == [
        (2020, 2021),
        (2021, 2023),
        (2023, 2024),
    ]
    assert steps["growth_pct"].iloc[0] == pytest.approx(100 * (52.5 / 46.1 - 1))  # 13,88%
    assert steps["growth_pct"].iloc[1] == pytest.approx(100 * (math.sqrt(73.348 / 52.5) - 1))  # two years


def test_poverty_paths(data):
    total = analysis.implied_total_households(data["poverty"])
    assert total == pytest.approx(1526 / 0.0041)  # ≈ 372.195 households
    paths = analysis.poverty_paths(data["poverty"])
    one_year = paths[paths["target_source"] == "nq2022_ocr"]
    assert list(one_year["year"]) == [2021, 2022]  # a one-year target stops in its year
    assert one_year["rate"].tolist() == pytest.approx([0.41, 0.30])
    yearly = paths[paths["target_source"] == "ctr35_2021"]
    assert yearly["rate"].tolist() == pytest.approx([0.41, 0.0, 0.0, 0.0, 0.0])  # −0,8 a year, floored at 0
    # Targets for areas without a measured rate (urban, rural, the ethnic-minority area) get no path.
    assert set(paths["area"]) == {"province"}


def test_ntm_counts_and_cumulative(data):
    counts = analysis.ntm_counts(data["ntm_yearly"], data["ntm_plan"], ["advanced", "model"])
    planned = counts[counts["status"] == "planned"].set_index(["level", "year"])["count"]
    assert planned.to_dict() == {
        ("advanced", 2022): 7, ("advanced", 2023): 7, ("advanced", 2024): 6, ("advanced", 2025): 2,
        ("model", 2022): 5, ("model", 2023): 4, ("model", 2024): 3, ("model", 2025): 1,
    }  # fmt: skip
    cumulative = analysis.ntm_cumulative(counts[counts["status"] == "actual"])
    last = cumulative.groupby("level")["cumulative"].last()
    assert last.to_dict() == {"advanced": 44, "model": 20}  # 1+11+23+9 and 1+11+8 (the notes)


def test_ntm_counts_for_a_district(data):
    counts = analysis.ntm_counts(
        data["ntm_yearly"],
        data["ntm_plan"],
        ["ntm", "advanced"],
        communes=data["ntm_communes"],
        district="Bình Liêu",
    )
    actual = counts[counts["status"] == "actual"].set_index(["level", "year"])["count"].to_dict()
    # Phụ biểu 01, Bình Liêu: Đồng Văn 2020, Hoành Mô 2018 (advanced 2021), Đồng Tâm 2021, Lục Hồn 2020, Vô Ngại 2020, Húc Động 2019
    assert actual == {
        ("advanced", 2021): 1,
        ("ntm", 2018): 1,
        ("ntm", 2019): 1,
        ("ntm", 2020): 3,
        ("ntm", 2021): 1,
    }
    planned = counts[counts["status"] == "planned"].set_index(["level", "year"])["count"].to_dict()
    assert planned == {("advanced", 2023): 1, ("advanced", 2024): 1}  # Húc Động, Đồng Tâm


def test_district_breakdown(data):
    table = analysis.district_plan_breakdown(data["ntm_plan"], "advanced")
    hai_ha = table.loc["Hải Hà"]  # Phụ biểu 02 subtotal row: 3 | 1 | 1 | 0 | 1 of 10 communes
    assert hai_ha.to_dict() == {
        "communes": 10, "achieved": 3, "planned_2022": 1, "planned_2023": 1, "planned_2024": 0, "planned_2025": 1,
        "not_planned": 4,
    }  # fmt: skip
    assert table["communes"].sum() == 98 and table["achieved"].sum() == 44


def test_commune_timeline(data):
    timeline = analysis.commune_timeline(data["ntm_communes"], data["ntm_plan"], "Đông Triều", all_ntm=True)
    nguyen_hue = timeline[timeline["commune"] == "Nguyễn Huệ"].set_index("level")
    assert nguyen_hue.loc["ntm", "year"] == 2013 and nguyen_hue.loc["advanced", "year"] == 2019
    assert (nguyen_hue.loc["model", "status"], nguyen_hue.loc["model", "year"]) == ("planned", 2022)
    cam_pha = analysis.commune_timeline(data["ntm_communes"], data["ntm_plan"], "Cẩm Phả", all_ntm=True)
    assert set(cam_pha["status"]) == {"reached"} and cam_pha["year"].isna().all()  # no rows in this copy


def test_loan_metrics(data):
    table = analysis.loan_metrics(data["loans"], [2021]).set_index("district")
    assert table.at["Bình Liêu", "avg_loan_mvnd"] == pytest.approx(10000 / 170)
    assert table.at["Bình Liêu", "planned_mvnd_share_pct"] == pytest.approx(25.0)  # 10.000 of 40.000
    assert table["households_share_pct"].sum() == pytest.approx(100)
    assert isinstance(table, pd.DataFrame) and len(table) == 8


def test_commune_levels_and_units_2025_on_a_small_frame():
    # Cô Tô's two communes: Phụ biểu 02 marks Thanh Lân advanced (achieved) and plans it model in 2024;
    # Đồng Tiến advanced (achieved), no model plan. Both are in the special zone Cô Tô since July 2025.
    communes = pd.DataFrame(columns=["district", "commune", "year_ntm", "year_advanced", "year_model"])
    plan = pd.DataFrame(
        {
            "district": ["Cô Tô"] * 3,
            "commune": ["Thanh Lân", "Thanh Lân", "Đồng Tiến"],
            "level": ["advanced", "model", "advanced"],
            "achieved": [True, False, True],
            "year": pd.array([pd.NA, 2024, pd.NA], dtype="Int64"),
        }
    )
    levels = analysis.commune_levels(communes, plan, all_ntm=True)
    co_to = levels[levels["district"] == "Cô Tô"].reset_index(drop=True)
    expected = pd.DataFrame(
        {
            "district": ["Cô Tô", "Cô Tô"],
            "commune": ["Thanh Lân", "Đồng Tiến"],
            "reached": ["advanced", "advanced"],
            "planned": ["model", None],
            "planned_year": pd.array([2024, pd.NA], dtype="Int64"),
        }
    )
    pd.testing.assert_frame_equal(co_to, expected, check_dtype=False)
    assert len(levels) == 98 and set(levels.loc[levels["district"] != "Cô Tô", "reached"]) == {"ntm"}
    places = pd.DataFrame(
        {
            "level": ["commune", "commune"],
            "district": ["Cô Tô", "Cô Tô"],
            "name": ["Thanh Lân", "Đồng Tiến"],
            "unit_2025_code": ["07192", "07192"],
            "unit_2025_name": ["Cô Tô", "Cô Tô"],
            "unit_2025_type": ["đặc khu", "đặc khu"],
        }
    )
    units = analysis.units_2025(co_to, places)
    assert units.to_dict("records") == [
        {"unit_2025_code": "07192", "unit_2025_name": "Cô Tô", "unit_2025_type": "đặc khu", "districts": "Cô Tô",
         "communes": 2, "ntm": 0, "advanced": 2, "model": 0, "model_planned": 1, "names": "Thanh Lân, Đồng Tiến"}
    ]  # fmt: skip


def test_the_plan_counts_from_what_phu_bieu_02_marks_reached(data):
    """Model NTM: the notes under Phụ biểu 01 count 1 + 11 + 8 = 20 by 2021; Phụ biểu 02 marks 21 and plans
    5, 4, 3, 1 more for 2022–2025, so its plan runs 26, 30, 33, 34 – as the chart draws it."""
    counts = analysis.ntm_counts(data["ntm_yearly"], data["ntm_plan"], ["model"])
    start = analysis.ntm_plan_start(data["ntm_plan"], None)
    assert start == {"advanced": 44, "model": 21}
    running = analysis.ntm_cumulative(counts, plan_from=start).set_index("year")
    assert running["cumulative"].to_dict() == {2019: 1, 2020: 12, 2021: 20, 2022: 26, 2023: 30, 2024: 33, 2025: 34}  # fmt: skip
