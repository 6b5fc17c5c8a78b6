import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qnlib.text import (
    find_numbers,
    fold,
    format_vn_number,
    nfc,
    normalize_space,
    parse_vn_int,
    parse_vn_number,
    tone_key,
)


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("4.600,00", 4600.0),
        ("90.000,00", 90000.0),
        ("1.526", 1526.0),
        ("46,1", 46.1),
        ("100,0", 100.0),
        ("0,11", 0.11),
        ("26,652", 26.652),
        ("1255", 1255.0),
        ("2021", 2021.0),
        ("1.234.567,5", 1234567.5),
        (" 400,00 ", 400.0),
        ("\u00a0400,00\u00a0", 400.0),  # a no-break space around the number, as the tables print them
        ("-3", -3.0),
    ],
)
def test_parse_vn_number(printed, value):
    assert parse_vn_number(printed) == value


@pytest.mark.parametrize(
    "bad", ["", "abc", "1,526.50", "4.60,00", "12.34", "1..5", "1,", ",5", "4 600", "1.5"]
)
def test_parse_vn_number_rejects_other_formats(bad):
    with pytest.raises(ValueError, match="not a Vietnamese number"):
        parse_vn_number(bad)


def test_parse_vn_int():
    assert parse_vn_int("1.526") == 1526
    assert parse_vn_int("15,00") == 15
    with pytest.raises(ValueError, match="whole number"):
        parse_vn_int("46,1")


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=3))
def test_number_round_trip(cents, decimals):
    value = cents / 10**decimals
    printed = format_vn_number(value, decimals)
    assert "." not in printed.split(",")[-1] or decimals == 0  # dots only group thousands
    assert math.isclose(parse_vn_number(printed), value, rel_tol=0, abs_tol=10**-decimals / 2)


@given(st.integers(min_value=0, max_value=10**9))
def test_grouping_has_three_digit_groups(n):
    groups = format_vn_number(n).split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    assert parse_vn_int(format_vn_number(n)) == n


@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=5))
def test_find_numbers_in_prose(values):
    text = " và ".join(f"đạt {format_vn_number(v)} hộ" for v in values) + "."
    assert [v for _, _, v in find_numbers(text)] == values


def test_find_numbers_keeps_sentence_end_years_and_decimals():
    found = [
        (p, v) for _, p, v in find_numbers("Năm 2020 đạt 46,1 triệu đồng/người (tăng 13,88%), năm 2021.")
    ]
    assert found == [("2020", 2020.0), ("46,1", 46.1), ("13,88", 13.88), ("2021", 2021.0)]


def test_fold_and_space():
    assert fold("Tỷ lệ hộ nghèo ĐẠT") == "ty le ho ngheo dat"
    assert fold("nghéo") == fold("nghèo") == "ngheo"
    assert normalize_space(" a\t b\u00a0\n c ") == "a b c"


def test_tone_key_ignores_tone_placement_only():
    assert tone_key("Xã Hoà Bình") == tone_key("Xã Hòa Bình")
    assert tone_key("Thuỷ An") == tone_key("Thủy An")
    assert tone_key("Hoà") != tone_key("Hòe")
    assert tone_key("Đồng Sơn") != tone_key("Đông Sơn")  # a different place, not an accent variant
    assert tone_key("hoặc") == "hoặc"  # oă is not a diphthong to reorder


def test_nfc_composes():
    decomposed = "Ho\u0300a"  # o + combining grave
    assert nfc(decomposed) == "Hòa"


def test_zero_has_no_sign_and_a_not_whole_number_says_so():
    """Two mutants the suite let live (a hand-rolled mutation run of qnlib/text.py): "-0" for zero,
    and the error text of a number that is not whole."""
    from qnlib.text import format_vn_number, parse_vn_int

    assert [format_vn_number(v, d) for v, d in [(0, 0), (0.0, 1), (-1.5, 1), (-1526, 0)]] == [
        "0",
        "0,0",
        "-1,5",
        "-1.526",
    ]
    with pytest.raises(ValueError, match="not a whole number: '15,5'"):
        parse_vn_int("15,5")
