"""Deadline cells, every form Phụ lục 4 and Chương trình 35 print (expected values read by hand)."""

from datetime import date

import pytest

from qnlib.deadlines import parse_deadline
from qnlib.errors import ParseError

FORMS = [
    # text, form, start, end, due, recurring
    ("Năm 2021", "year", 2021, 2021, date(2021, 12, 31), False),  # task 1
    ("2022", "year", 2022, 2022, date(2022, 12, 31), False),  # task 29
    ("2021 - 2022", "range", 2021, 2022, date(2022, 12, 31), False),  # task 2
    ("2022-2023", "range", 2022, 2023, date(2023, 12, 31), False),  # task 57
    ("Cả giai đoạn 2021 - 2025", "period", 2021, 2025, date(2025, 12, 31), False),  # task 4
    ("Cả giai đoạn (2021 - 2025)", "period", 2021, 2025, date(2025, 12, 31), False),  # task 14
    ("Quý III/2021", "quarter", 2021, 2021, date(2021, 9, 30), False),  # task 31
    ("Quý I năm 2021", "quarter", 2021, 2021, date(2021, 3, 31), False),  # scheme 3
    ("Quý IV năm 2021", "quarter", 2021, 2021, date(2021, 12, 31), False),  # scheme 26
    ("Tháng 01/2021", "month", 2021, 2021, date(2021, 1, 31), False),  # scheme 1
    ("Tháng 7/2021", "month", 2021, 2021, date(2021, 7, 31), False),  # scheme 25
    ("Xong trước ngày 15/7/2021", "before", 2021, 2021, date(2021, 7, 15), False),  # task 71
    ("Từ năm 2021", "from", 2021, None, None, False),  # task 24: no end is guessed
    ("Hàng năm và cả giai đoạn 2021 - 2025", "annual+period", 2021, 2025, date(2025, 12, 31), True),  # task 8
    ("Hàng năm, giai đoạn 2021 - 2025", "annual+period", 2021, 2025, date(2025, 12, 31), True),  # task 23
    ("Hàng năm cả giai đoạn 2021-2025", "annual+period", 2021, 2025, date(2025, 12, 31), True),  # task 68
    (
        "Cả giai đoạn 2021 - 2025 và hàng năm",
        "period+annual",
        2021,
        2025,
        date(2025, 12, 31),
        True,
    ),  # task 37
    ("Năm 2021 cả giai đoạn 2021 - 2025", "year+period", 2021, 2025, date(2025, 12, 31), False),  # task 43
    ("Năm 2021 và thực hiện cả giai đoạn 2021 - 2025", "year+period", 2021, 2025, date(2025, 12, 31), False),
    ("<p>Năm 2021</p>".replace("<p>", "").replace("</p>", ""), "year", 2021, 2021, date(2021, 12, 31), False),
]


@pytest.mark.parametrize(("text", "form", "start", "end", "due", "recurring"), FORMS)
def test_every_deadline_form(text, form, start, end, due, recurring):
    deadline = parse_deadline(text)
    assert (deadline.form, deadline.start_year, deadline.end_year, deadline.due, deadline.recurring) == (
        form, start, end, due, recurring,
    )  # fmt: skip
    assert deadline.text == text and deadline.stated


@pytest.mark.parametrize(
    "text",
    [
        # task 67: the deadline column holds a document's subject
        "V/v triển khai thực hiện Nghị quyết số 10/NQ-CP ngày 28/01/2022 của Chính phủ",
        "1920/UBND-TH4 ngày 28/3/2022",
        "",
    ],
)
def test_a_cell_holding_no_deadline_keeps_its_text_and_gets_no_years(text):
    deadline = parse_deadline(text)
    assert (deadline.form, deadline.start_year, deadline.end_year, deadline.due) == ("none", None, None, None)
    assert deadline.text == text and not deadline.stated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quý V/2021", "expected a deadline such as"),
        ("Tháng Mười 2021", "expected a deadline such as"),
        ("Năm 2022 hoặc 2023", "expected a deadline such as"),
        ("Sớm nhất có thể", "expected a deadline such as"),
        ("Năm 1999", "expected a deadline such as"),
        ("Tháng 13/2021", "expected a deadline with a real date"),
        ("Xong trước ngày 31/2/2022", "expected a deadline with a real date"),
    ],
)
def test_an_unknown_form_is_an_error_naming_the_line(text, expected):
    with pytest.raises(ParseError, match=rf"line 7: {expected}"):
        parse_deadline(text, line=7)
