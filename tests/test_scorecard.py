"""The scorecard (qnlib.scorecard): each numeric target against the latest value reported for it.

The pinned rows were worked out by hand from the documents (targets, bases) and the articles'
quotations (latest values), with the Open SDG rules of tests/test_progress.py.
"""

import math
from types import SimpleNamespace

import pandas as pd
import pytest

import qnlib
from qnlib import scorecard as sc


@pytest.fixture(scope="module")
def card():
    return qnlib.load("scorecard")


# source:line, indicator, area, target year -> assessed as, base, latest, latest's source, status, R
ASSESSED = {
    # CTr 35: GRDP growth ≈10 %/year 2021–2025; "ước tăng 10,4%/năm" (VietnamPlus 24/09/2025)
    ("ctr35_2021", 199, "grdp_growth", "province", 2025): ("growth", None, 10.4, "vietnamplus_2025-09-24", "target_achieved", None),
    # > 10.000 USD a head by 2025: 10.402 (Thời báo Tài chính 08/01/2026); base: "trên 9.400" for 2023
    ("ctr35_2021", 205, "grdp_per_capita", "province", 2025): ("level", 9400, 10402, "thoibaotaichinh_2026-01-08", "target_achieved", None),
    # KH 54: 2,2 × 46,1 = 101,42 by 2024 from 73,348 (2023): (84,147/73,348 − 1) / (101,42/73,348 − 1) = 0,385
    ("kh54_2024", 49, "income_multiple_vs_2020", "ethnic_mountain_border_island", 2024): ("level_from_multiple", 73.348, 84.147, "vietnamnet_2026-01-05", "limited_progress", 0.385),
    # NQ 06: 2 × 46,1 = 92,2 by 2025: (84,147/46,1)^(1/4) − 1 = 16,23 %, 2^(1/5) − 1 = 14,87 %: R 1,092
    ("bc06_2022", 114, "income_multiple_vs_2020", "ethnic_mountain_border_island", 2025): ("level_from_multiple", 46.1, 84.147, "vietnamnet_2026-01-05", "on_track", 1.092),
    # KH 54: ≈100,0 by 2024: 14,72 % observed against 36,34 % required
    ("kh54_2024", 49, "income_per_capita", "ethnic_mountain_border_island", 2024): ("level", 73.348, 84.147, "vietnamnet_2026-01-05", "limited_progress", 0.405),
    # QĐ 2877: ≥ 54 advanced by 2022 from 35 (2020): 56/98 on 17/09/2023 (TTXVN)
    ("qd2877_2022", 34, "ntm_advanced_communes", "province", 2022): ("level", 35, 56, "ttxvn_2023-09-17", "target_achieved", None),
    # 58/98 = 59,18 % by 2025, judged as shares (98 → 91): 35/98 in 2020, 53/91 = 58,24 % on 30/06/2025
    ("qd2877_2022", 38, "ntm_advanced_communes", "province", 2025): ("share", 100 * 35 / 98, 100 * 53 / 91, "vietnamnet_2026-01-05", "on_track", 1.081),
    # NQ 2022: + 4 advanced in 2022 on 44 (end 2021) = 48: 56 in 2023
    ("nq2022_ocr", 66, "ntm_advanced_communes_added", "province", 2022): ("increase", 44, 56, "ttxvn_2023-09-17", "target_achieved", None),
    # NQ 06: > 40 % of the DTTS area's communes advanced; 32/65 = 49 % (2021), 27/64 = 42,19 % (2022)
    ("bc06_2022", 131, "ntm_advanced_communes_share", "ethnic_mountain_border_island", 2025): ("level", 49, 100 * 27 / 64, "baodantoc_2024-10-29", "target_achieved", None),
    # CTr 35: ≥ 50 % advanced by 2023: 57,1 % (TTXVN 17/09/2023)
    ("ctr35_2021", 364, "ntm_advanced_communes_share", "province", 2023): ("level", 100 * 35 / 98, 57.1, "ttxvn_2023-09-17", "target_achieved", None),
    # QĐ 2877: 2 advanced districts by 2022 and 5 by 2025: "4/7 huyện" (2023), "5/7 huyện" (Báo Đầu tư 2025)
    ("qd2877_2022", 33, "ntm_advanced_districts", "province", 2022): ("level", 4, 4, "moitruongvadothi_2023-11-28", "target_achieved", None),
    ("qd2877_2022", 37, "ntm_advanced_districts", "province", 2025): ("level", 4, 5, "baodautu_2025", "target_achieved", None),
    # CTr 35: 100 % of communes NTM by 2023: 92/98 (2020), 98/98 (TTXVN 2023)
    ("ctr35_2021", 359, "ntm_communes_share", "province", 2023): ("level", 100 * 92 / 98, 100, "ttxvn_2023-09-17", "target_achieved", None),
    ("qd2877_2022", 33, "ntm_districts_completed_share", "province", 2022): ("level", 100, 100, "ttxvn_2023-09-17", "target_achieved", None),
    ("ctr35_2021", 374, "ntm_districts_completed_share", "province", 2023): ("level", 100, 100, "moitruongvadothi_2023-11-28", "target_achieved", None),
    # QĐ 2877: ≥ 26 model communes by 2022: 26/98 (TTXVN 2023), Môi trường và Đô thị says 28 (an alternative)
    ("qd2877_2022", 34, "ntm_model_communes", "province", 2022): ("level", 12, 26, "ttxvn_2023-09-17", "target_achieved", None),
    # 32/98 = 32,65 % by 2025 as shares: 12/98 (2020), 25/91 = 27,47 % (30/06/2025): 19,69 % against 21,67 %
    ("qd2877_2022", 38, "ntm_model_communes", "province", 2025): ("share", 100 * 12 / 98, 100 * 25 / 91, "vietnamnet_2026-01-05", "needs_acceleration", 0.909),
    ("nq2022_ocr", 67, "ntm_model_communes_added", "province", 2022): ("increase", 20, 26, "ttxvn_2023-09-17", "target_achieved", None),
    # NQ 06: > 10 % model in the DTTS area: 9/65 printed as 15 % (2021), 10/64 = 15,625 % (2022)
    ("bc06_2022", 131, "ntm_model_communes_share", "ethnic_mountain_border_island", 2025): ("level", 15, 100 * 10 / 64, "baodantoc_2024-10-29", "target_achieved", None),
    ("ctr35_2021", 369, "ntm_model_communes_share", "province", 2023): ("level", 100 * 12 / 98, 26.5, "ttxvn_2023-09-17", "target_achieved", None),
    # NQ 2022: − 411 poor households in 2022 from 1.526 = 1.115: "cơ bản không còn hộ nghèo" (TTXVN)
    ("nq2022_ocr", 66, "poor_households_reduction", "province", 2022): ("level_from_reduction", 1526, 0, "ttxvn_2023-10-27", "target_achieved", None),
    # CTr 35: < 1 % poor by 2025: no poor households by the central standard at the end of 2024
    ("ctr35_2021", 348, "poverty_rate", "province", 2025): ("level", 0.41, 0, "vietnamvn_en_nq06", "target_achieved", None),
    ("nq2022_ocr", 65, "poverty_rate_reduction", "province", 2022): ("level_from_reduction", 0.41, 0, "ttxvn_2023-10-27", "target_achieved", None),
    ("ctr35_2021", 328, "poverty_rate_reduction", "province", 2025): ("level_from_reduction", 0.41, 0, "vietnamvn_en_nq06", "target_achieved", None),
}  # fmt: skip


def test_every_assessable_target(card):
    assessed = card[card["counted"] & (card["status"] != "not_assessable")]
    found = {
        (r.source, r.line, r.indicator, r.area, r.target_year): (
            r.assessed_as, None if math.isnan(r.base) else round(r.base, 3), round(r.latest, 3), r.latest_source,
            r.status, None if math.isnan(r.ratio) else round(r.ratio, 3))
        for r in assessed.itertuples()
    }  # fmt: skip
    expected = {k: (a, None if b is None else round(b, 3), round(v, 3), s, st, r)
                for k, (a, b, v, s, st, r) in ASSESSED.items()}  # fmt: skip
    assert found == expected


def test_how_many_targets_can_be_assessed(card):
    assert sc.counts(card) == {
        "targets": 83, "assessable": 24, "not_assessable": 59, "target_achieved": 19, "on_track": 2,
        "needs_acceleration": 1, "limited_progress": 2,
    }  # fmt: skip


def test_a_status_always_has_a_base_a_target_and_a_dated_value(card):
    assessed = card[card["status"] != "not_assessable"]
    assert assessed["latest"].notna().all() and assessed["latest_as_of"].notna().all()
    assert assessed["target"].notna().all()
    no_base = assessed[assessed["base"].isna()]
    assert set(no_base["assessed_as"]) <= {"growth"}  # a growth target is judged on the growth itself
    unassessed = card[card["status"] == "not_assessable"]
    assert unassessed["reason"].notna().all() and unassessed["ratio"].isna().all()


def test_a_changed_denominator_is_assessed_as_shares(card):
    advanced = card.set_index(["source", "line", "indicator"]).loc[
        ("qd2877_2022", 38, "ntm_advanced_communes")
    ]
    assert advanced["assessed_as"] == "share"
    assert advanced["target_level"] == pytest.approx(100 * 58 / 98)
    # the other sources' value for the same time, and the status it would give, are kept beside it
    assert advanced["alternatives"] == (
        '[{"value": 59.3, "sources": ["dantri_2025-11-04", "baodautu_2025"], "status": "target_achieved"}]'
    )


def test_a_share_restating_a_count_target_is_not_counted_twice(card):
    # QĐ 2877, line 38: "58/98 xã ... (đạt 59,1%)": the share restates the count
    share = card.set_index(["source", "line", "indicator"]).loc[
        ("qd2877_2022", 38, "ntm_advanced_communes_share")
    ]
    assert (share["assessed_as"], share["counted"]) == ("restates", False)


def _pool(*rows):
    defaults = {"indicator": "poor_households", "area": "province", "unit": "households", "of": float("nan"),
                "comparator": None, "standard": "central", "kind": "reported", "line": 1, "source_kind": "press",
                "rank": sc.RANKS["press"], "period_from": "printed", "published": "2024-06-01", "publisher": "P",
                "url": "https://example.org", "quote": "q", "attributed_to": None, "printed": "0", "formula": None}  # fmt: skip
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    frame["t"] = [sc._t(a) for a in frame["as_of"]]
    frame["year"] = [int(a[:4]) for a in frame["as_of"]]
    frame["precision"] = [0] * len(frame)
    return frame


TARGET = SimpleNamespace(topic="poverty", indicator="poor_households", area="province", unit="households",
                         comparator="<=", value=100.0, value_max=None, year=2025, source="doc", line=7, of=float("nan"))  # fmt: skip


def test_a_poverty_target_is_judged_by_its_own_standard_only():
    pool = _pool(
        {"as_of": "2023-12-31", "value": 500.0, "source": "base", "standard": "provincial"},
        {"as_of": "2025-12-31", "value": 50.0, "source": "central_figure", "standard": "central"},
        {"as_of": "2025-12-31", "value": 300.0, "source": "provincial_figure", "standard": "provincial"},
    )
    provincial = sc.assess(TARGET, pool, 2023, standard="provincial")
    assert (provincial.latest, provincial.latest_source, provincial.status) == (300.0, "provincial_figure",
                                                                                "limited_progress")  # fmt: skip
    # no central figure in 2023: the base is the first after it, and nothing later is left to judge
    central = sc.assess(TARGET, pool, 2023, standard="central")
    assert (central.base_source, central.base_rule, central.latest, central.status) == (
        "central_figure", "first_after", None, "not_assessable")  # fmt: skip


def test_a_press_figure_repeating_an_official_one_is_no_second_confirmation():
    pool = _pool(
        {"as_of": "2021-12-31", "value": 1000.0, "source": "base"},
        {"as_of": "2025-12-31", "value": 80.0, "source": "state", "source_kind": "state", "rank": sc.RANKS["state"],
         "publisher": "TTXVN"},
        {"as_of": "2025-12-31", "value": 80.0, "source": "press", "publisher": "Báo A"},
        {"as_of": "2025-12-31", "value": 80.0, "source": "attributed", "publisher": "Báo B",
         "rank": sc.RANKS["press_attributed"], "attributed_to": "UBND tỉnh"},
    )  # fmt: skip
    result = sc.assess(TARGET, pool, 2021)
    assert (result.latest_source, result.status) == ("state", "target_achieved")
    assert result.confirmations == 2  # TTXVN and the People's Committee; Báo A only repeats them
