"""The numbers a briefing quotes. Expected values are read from the documents by hand:
Báo cáo 06 line 114 (income 46,1 → 52,5; 1.526 poor households = 0,41%, 952 ethnic-minority = 2,75%,
printed share 62,93), Phụ lục 6 lines 313–336 (loans), QĐ 2877 Phụ biểu 01 notes (lines 480–488),
Phụ biểu 02 and 03, Kế hoạch 54 line 49 (2024 target ≈ 100,0, +26,652 over 2023)."""

import dataclasses
from datetime import date

import pytest

from qnlib.facts import income_facts, loan_facts, ntm_facts, poverty_facts, table
from qnlib.facts.loans import YearTotal
from qnlib.words import render

NTM_DATA = ("ntm_yearly", "ntm_communes", "ntm_plan", "ntm_district_plan", "targets")


def test_income_facts(data):
    facts = income_facts(data["income"], "ethnic_mountain_border_island", 2020, 2025)
    assert dataclasses.asdict(facts) == pytest.approx(
        {
            "area": "ethnic_mountain_border_island",
            "base_year": 2020,
            "base_value": 46.1,
            "first_year": 2021,
            "first_value": 52.5,
            "first_kind": "actual",
            "first_growth": 100 * (52.5 / 46.1 - 1),  # 13,88%, as the report prints
            "target_year": 2025,
            "target_multiple": 2.0,
            "target_base_year": 2020,
            "target_value": 92.2,  # 2 × 46,1
            "target_source": "bc06_2022",
            "target_line": 114,
            "needed_growth": 100 * (2**0.2 - 1),  # 14,87% a year for five years
            # VietNamNet 05/01/2026: "năm 2024 ... đạt 84,147 triệu đồng/người/năm"
            "latest_year": 2024,
            "latest_value": 84.147,
            "latest_kind": "reported",
            "latest_source": "vietnamnet_2026-01-05",
            "latest_growth": 100 * ((84.147 / 46.1) ** (1 / 4) - 1),
            "on_path_value": 46.1 * 2**0.8,
            "on_track": True,  # 84,147 ≥ 80,26
            "still_needed_growth": 100 * (92.2 / 84.147 - 1),
        }
    )


def test_income_facts_from_2021_to_the_2024_target(data):
    facts = income_facts(data["income"], "ethnic_mountain_border_island", 2021, 2024)
    assert (facts.base_value, facts.first_year, facts.first_kind) == (52.5, 2023, "derived")
    assert facts.target_value == pytest.approx(2.2 * 46.1)  # "gấp 2,2 lần so với năm 2020"
    assert facts.first_growth == pytest.approx(100 * ((73.348 / 52.5) ** 0.5 - 1))  # two years
    # the latest figure is of 2024 itself (84,147, VietNamNet): nothing is left to grow, 101,42 is not met
    assert (facts.latest_year, facts.still_needed_growth) == (2024, None)
    assert "The 2024 target (101.4) is **not met**." in render("income.conclusions", "en", facts)


def test_poverty_facts(data):
    facts = poverty_facts(data["poverty"])
    total = 1526 / 0.0041
    assert (
        dataclasses.asdict(facts)
        == pytest.approx(
            {
                "year": 2021,
                "poor": 1526,
                "poor_em": 952,
                "rate": 0.41,
                "rate_em": 2.75,
                "share_stated": 62.93,
                "share_computed": 100 * 952 / 1526,  # 62,39
                "total_households": total,
                "one_year_reduction": 0.11,
                "one_year": 2022,
                "one_year_households": 0.11 / 100 * total,  # ≈ 409
                "one_year_households_stated": 411,
                "yearly_reduction": 0.8,
                "zero_year": 2022,  # 0,41 − 0,8 < 0
                "cap": 1.0,
                "cap_year": 2025,
                "cap_source": "ctr35_2021",
                "below_cap": True,
                "none_year": 2023,  # Thời báo Tài chính 06/2024: "hết năm 2023 ... không còn hộ nghèo theo chuẩn ... Trung ương"
                "basically_none_year": 2022,  # TTXVN 27/10/2023: "Đến hết năm 2022 ... cơ bản không còn hộ nghèo"
                "provincial_poor": 246,  # vietnam.vn: "đầu năm 2023 Quảng Ninh còn 246 hộ nghèo" (the province's standard)
                "provincial_year": 2023,
            }
        )
    )


def test_ntm_facts_for_the_province(data):
    facts = ntm_facts(*(data[n] for n in NTM_DATA))
    values = dataclasses.asdict(facts)
    assert values == {
        "district": None,
        "levels": ["ntm", "advanced", "model"],
        "include_plan": True,
        "n_communes": 98,
        "all_ntm": True,  # 4 + 8 + 6 + 10 + 14 + 22 + 17 + 11 + 6 = 98
        "reached_2021": {"ntm": 98, "advanced": 44, "model": 20},  # 1+11+23+9 and 1+11+8
        "marked_achieved": {"advanced": 44, "model": 21},  # Phụ biểu 02 "Đã đạt chuẩn"
        "planned": {"advanced": 22, "model": 13},  # 7+7+6+2 and 5+4+3+1
        "by_2025": {"advanced": 66, "model": 34},
        "not_planned": {"advanced": 32, "model": 64},
        "has_counts": True,
        "first_actual_year": 2013,
        "headline_level": "ntm",
        "plan_level": "advanced",
        "planned_shown": 35,
        "peak_level": "ntm",
        "peak_year": 2018,  # "Năm 2018: có 22 xã"
        "peak_count": 22,
        "years_known": 27,
        "notes_model": 20,
        "marked_model": 21,
        "advanced_2022_goal": 54.0,  # "ít nhất 54 xã" (line 34)
        "advanced_2022_plan": 51,  # 44 + 7
        "n_districts": 13,
        "districts_ntm_before_2022": 9,
        "districts_ntm_planned": 4,  # Hạ Long, Ba Chẽ, Vân Đồn, Bình Liêu in 2022
        "districts_ntm_last_year": 2022,
        "districts_advanced_planned": 5,  # Hải Hà 2025, Đầm Hà 2022, Cô Tô 2024, Tiên Yên 2022, Vân Đồn 2023
        "highest_2021": {
            "ntm": 54,
            "advanced": 23,
            "model": 21,
        },  # 98 − 44, 44 − 21, 21 (each model is advanced)
        "planned_up": {"advanced": 20, "model": 13},  # 22 planned advanced, 2 of them planned model as well
        "most_model": ("Đông Triều",),  # 7 (see the district test below)
        "most_model_count": 7,
        "units": 0,  # no places given: no units
        "units_model": 0,
        "units_model_2025": 0,
        "units_top": {"vi": (), "en": ()},
        "units_top_count": 0,
    }


def test_ntm_facts_with_todays_units(data):
    facts = ntm_facts(*(data[n] for n in NTM_DATA), places=data["places"])
    # phường An Sinh holds Bình Dương, Việt Dân, An Sinh and Tân Việt, all model NTM by 2021 (Phụ biểu 02).
    assert (facts.units, facts.units_model, facts.units_model_2025) == (39, 15, 22)
    assert (facts.units_top, facts.units_top_count) == (
        {"vi": ("phường An Sinh",), "en": ("An Sinh ward",)},
        4,
    )


def test_ntm_facts_for_a_district(data):
    """Bình Liêu, Phụ biểu 01 lines 424–464: Đồng Văn 2020, Hoành Mô 2018 (advanced 2021),
    Đồng Tâm 2021, Lục Hồn 2020, Vô Ngại 2020, Húc Động 2019; Phụ biểu 02: Húc Động 2023, Đồng Tâm 2024."""
    facts = ntm_facts(*(data[n] for n in NTM_DATA), district="Bình Liêu")
    assert (facts.n_communes, facts.years_known) == (6, 6)
    assert facts.reached_2021 == {"ntm": 6, "advanced": 1}
    assert facts.planned == {"advanced": 2, "model": 0} and facts.by_2025 == {"advanced": 3, "model": 0}
    assert (facts.peak_level, facts.peak_year, facts.peak_count) == ("ntm", 2020, 3)


def test_ntm_facts_quote_the_level_that_has_a_plan(data):
    """Đông Triều: all 11 communes advanced by 2021 (Phụ biểu 01, lines 329–409), 7 model (Bình Dương,
    Thủy An, Việt Dân, An Sinh, Tân Việt, Bình Khê, Yên Đức); Phụ biểu 02 plans model NTM for Nguyễn Huệ
    and Hồng Thái Đông in 2022, and no advanced commune."""
    facts = ntm_facts(*(data[n] for n in NTM_DATA), district="Đông Triều")
    assert facts.planned == {"advanced": 0, "model": 2} and facts.plan_level == "model"
    assert facts.reached_2021 == {"ntm": 11, "advanced": 11, "model": 7}


def test_ntm_facts_follow_the_levels_and_the_plan(data):
    facts = ntm_facts(*(data[n] for n in NTM_DATA), levels=["model"], include_plan=False)
    assert (facts.headline_level, facts.plan_level, facts.planned_shown) == ("model", "model", 0)
    assert facts.reached_2021 == {"model": 20}
    assert (facts.peak_year, facts.peak_count) == (2020, 11)


def test_loan_facts(data):
    facts = loan_facts(data["loans"], [2021, 2022], "planned_mvnd")
    tie = ("Hạ Long", "Tiên Yên", "Ba Chẽ", "Bình Liêu")  # 6.000 each in 2022, in the table's order
    assert facts.totals == [
        YearTotal(2021, 40000.0, 586, 8, pytest.approx(40000 / 586), ("Bình Liêu",), 25.0),
        YearTotal(2022, 50000.0, 669, 12, pytest.approx(50000 / 669), tie, 12.0),
    ]
    values = dataclasses.asdict(facts)
    numbers = {k: values.pop(k) for k in ("change_pct", "rate_min", "rate_max", "metric_top_value",
                                           "share_top_value", "avg_min_value", "avg_max_value")}  # fmt: skip
    assert numbers == pytest.approx(
        {
            "change_pct": 25.0,  # 50.000 / 40.000 − 1
            "rate_min": 100.0,
            "rate_max": 100.0,
            "metric_top_value": 6000.0,
            "share_top_value": 12.0,
            "avg_min_value": 1000 / 19,
            "avg_max_value": 100.0,
        }
    )
    del values["totals"]
    assert values == {
        "years": [2021, 2022],
        "metric": "planned_mvnd",
        "as_of": date(2022, 8, 8),
        "last_year": 2022,
        "metric_top": tie,
        "share_metric": "planned_mvnd",
        "share_top": tie,
        "avg_min": ("Uông Bí",),
        "avg_max": ("Đông Triều", "Cẩm Phả", "Cô Tô"),  # 1.500/15, 2.000/20, 1.500/15
    }


def test_loan_facts_for_one_year_and_households(data):
    facts = loan_facts(data["loans"], [2021], "households")
    assert facts.change_pct is None and [t.year for t in facts.totals] == [2021]
    assert (facts.metric_top, facts.metric_top_value) == (("Bình Liêu",), 170.0)
    assert (facts.share_metric, facts.share_top_value) == ("households", pytest.approx(100 * 170 / 586))


def test_facts_read_as_a_table(data):
    shown = table(poverty_facts(data["poverty"]))
    assert shown.loc["poor", "value"] == 1526 and shown.loc["zero_year", "value"] == 2022


def test_one_story_each_quantity_has_one_value_unless_the_documents_disagree(data, corpus):
    """Every analysis's facts (default parameters), gathered: a quantity quoted on several slides has one
    value, except where the documents give two, which a `qnlib check` mismatch reports."""
    from qnlib.checks import run_checks
    from qnlib.datasets import Tables
    from qnlib.facts import income_facts, loan_facts, ntm_facts, poverty_facts, programme_facts
    from qnlib.facts.quantities import DOCUMENTED, quantities

    ntm = ntm_facts(*(data[n] for n in ("ntm_yearly", "ntm_communes", "ntm_plan", "ntm_district_plan", "targets")),
                    places=data["places"])  # fmt: skip
    everything = [
        income_facts(data["income"], "ethnic_mountain_border_island", 2020, 2025),
        poverty_facts(data["poverty"]),
        ntm,
        loan_facts(data["loans"], [2021, 2022], "planned_mvnd"),
        programme_facts(
            *(data[n] for n in ("tasks", "tasks_by_lead", "schemes", "mechanisms", "directives"))
        ),
    ]
    values: dict[str, set[float]] = {}
    for facts in everything:
        for quantity in quantities(facts):
            values.setdefault(quantity.key, set()).add(quantity.value)
    assert len(values) >= 25
    two = {key: sorted(found) for key, found in values.items() if len(found) > 1}
    # read from the decision: the notes under Phụ biểu 01 add up to 20 model communes, Phụ biểu 02 marks 21
    assert two == {"ntm.communes_2021.model": [20.0, 21.0]}
    statuses = run_checks(Tables(corpus)).set_index("check")["status"]
    assert {key: statuses[DOCUMENTED[key]] for key in two} == {"ntm.communes_2021.model": "mismatch"}


def test_every_chart_quoting_a_disputed_quantity_says_the_other_value_exists(data):
    """The running totals follow the notes (20), the districts chart and the map Phụ biểu 02 (21): each
    says which it follows and that the other exists."""
    from qnlib import analysis, charts
    from qnlib.facts import ntm_facts
    from qnlib.words import render

    frames = {n: data[n] for n in ("ntm_yearly", "ntm_communes", "ntm_plan", "ntm_district_plan", "targets")}
    facts = ntm_facts(**frames, places=data["places"])
    note = render("ntm.notes_mismatch", "vi", facts)
    counts = analysis.ntm_counts(data["ntm_yearly"], data["ntm_plan"], facts.levels)
    running = analysis.ntm_cumulative(counts)
    levels = analysis.commune_levels(data["ntm_communes"], data["ntm_plan"], facts.all_ntm, None)
    drawn = [
        charts.ntm.cumulative(
            running, analysis.ntm_goals(data["targets"], facts.levels), [data["ntm_yearly"]], facts
        ),
        charts.ntm.by_year(counts, [data["ntm_yearly"]], facts),
        charts.ntm.districts(data["ntm_plan"], facts),
        charts.ntm.commune_map(levels, data["places"], [data["ntm_plan"]], facts),
    ]
    assert [note in fig._qnlib["notes"] for fig in drawn] == [True] * 4
    assert "Phụ biểu 02 ghi 21 xã đạt NTM kiểu mẫu" in drawn[3]._qnlib["finding_title"]
