"""The programme's facts. Expected values read from Báo cáo 06 Phụ lục 4 (lines 157–283) by hand:
deadlines that end by August 2022 are those of tasks 1, 5, 42, 46 ("Năm 2021"), 31 ("Quý III/2021") and
71 ("Xong trước ngày 15/7/2021"); the district People's Committees lead tasks 15, 30, 41, 42, 48, 60,
63 (line 268), 64, 65 and 71; task 24 gives only "Từ năm 2021" and task 67 no deadline at all."""

import dataclasses
from datetime import date

import pytest

from qnlib.errors import ParameterError
from qnlib.facts import programme_facts

DATA = ("tasks", "tasks_by_lead", "schemes", "mechanisms", "directives")


def test_programme_facts_at_the_reports_date(data):
    facts = programme_facts(*(data[n] for n in DATA))
    assert dataclasses.asdict(facts) == {
        "agency": None, "agency_short": None, "group": None, "group_title": None,
        "as_of": date(2022, 8, 31), "as_of_is_report": True, "reported": date(2022, 8, 31),
        "tasks": 74, "tasks_all": 74, "repeated_nos": (63,),
        # groups I and II both have 15 tasks (lines 158–186 and 187–210): the first is named
        "top_group": "I", "top_group_title": "Về phát triển giáo dục đào tạo, nâng cao chất lượng nguồn nhân lực",
        "top_group_tasks": 15,
        "leads": 29, "top_leads": {"vi": ("UBND cấp huyện",), "en": ("District People's Committees",)}, "top_lead_tasks": 10, "shared": 3,  # tasks 61, 62, 71
        "due": 6, "due_nos": (1, 5, 31, 42, 46, 71),
        "later": 21, "to_end": 45, "last_year": 2025, "open": 1, "none": 1,
        "recurring": 14,  # "Hàng năm …": tasks 8, 23, 32–39, 68, 70, 72, 73
        "completed_nos": (71,), "in_progress_nos": (30, 48, 68),
        "top_year": 2025, "top_year_tasks": 45,
        "schemes": 29, "schemes_last_due": date(2021, 12, 31),  # "Quý IV năm 2021" (schemes 26, 28, 29)
        "mechanisms": 10, "mechanisms_without_lead": 1, "directives": 82,
    }  # fmt: skip


def test_programme_facts_for_an_agency_at_another_date(data):
    # Sở Lao động - TB&XH leads tasks 2 ("2021 - 2022"), 3 ("2022 - 2023"), 8 (annual, to 2025),
    # 9 ("Năm 2022"), 51 (to 2025) and 52 ("2021 - 2022")
    facts = programme_facts(
        *(data[n] for n in DATA), agency="Sở Lao động - Thương binh và Xã hội", as_of=date(2023, 6, 30)
    )
    assert (facts.tasks, facts.due_nos, facts.later, facts.to_end) == (6, (2, 9, 52), 1, 2)
    assert (facts.agency_short, facts.as_of_is_report, facts.top_year, facts.top_year_tasks) == (
        {"vi": "Sở LĐ-TB&XH", "en": "Labour Dept"},
        False,
        2022,
        3,
    )


def test_a_selection_with_no_task_says_which_groups_the_agency_has(data):
    with pytest.raises(
        ParameterError, match=r"agency='Sở Y tế' and group='I' select no task; .* group\(s\) V$"
    ):
        programme_facts(*(data[n] for n in DATA), agency="Sở Y tế", group="I")
