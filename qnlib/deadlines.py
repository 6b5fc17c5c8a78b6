"""Deadlines as the programme tables print them, read into years and a due date.

The task and scheme tables write a deadline in a dozen ways: "Năm 2022", "2021 - 2022",
"Quý III/2021", "Quý I năm 2021", "Tháng 01/2021", "Xong trước ngày 15/7/2021", "Từ năm 2021",
"Cả giai đoạn (2021 - 2025)", "Hàng năm và cả giai đoạn 2021 - 2025", "Năm 2021 và thực hiện cả
giai đoạn 2021 - 2025". A cell is read as a sequence of such parts; the years are the span the
parts cover, and the due date is the last day the latest part allows. Nothing is guessed:
"Từ năm 2021" has a start and no end, and a cell that holds something else than a deadline
(another column's text, such as "V/v triển khai …") gets no years at all. A cell that looks
like a deadline but uses a form not listed here is a parse error, so a new form is noticed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .errors import ParseError
from .text import fold, normalize_space

__all__ = ["FORMS", "Deadline", "parse_deadline"]

# Part kinds, in the order a reader meets them in the README's table.
FORMS = ("year", "range", "period", "quarter", "month", "before", "from", "annual", "none")

_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(20\d{2})"
_DASH = r"\s*-\s*"
_PARTS: list[tuple[str, re.Pattern[str]]] = [
    ("annual", re.compile(r"hang nam")),
    ("period", re.compile(r"(?:ca\s+)?giai doan\s*\(?\s*" + _YEAR + _DASH + _YEAR + r"\s*\)?")),
    ("quarter", re.compile(r"quy\s+(iv|iii|ii|i)\s*(?:/|nam)\s*" + _YEAR)),
    ("month", re.compile(r"thang\s+(\d{1,2})\s*/\s*" + _YEAR)),
    ("before", re.compile(r"(?:xong\s+)?truoc ngay\s+(\d{1,2})/(\d{1,2})/" + _YEAR)),
    ("from", re.compile(r"tu nam\s+" + _YEAR)),
    ("range", re.compile(r"(?:nam\s+)?" + _YEAR + _DASH + _YEAR)),
    ("year", re.compile(r"(?:nam\s+)?" + _YEAR)),
]
# Words that join parts: "và", "thực hiện", "cả", commas.
_JOINERS = re.compile(r"(?:\s|,|;|\bva\b|\bthuc hien\b|\bca\b)*")
# What marks a cell as another column's text, not a deadline: a document's subject ("V/v …",
# "Về …") or a document number ("1920/UBND-TH4 ngày …").
_NOT_A_DEADLINE = re.compile(r"^(v/v\b|ve\s|\d+/[a-z0-9-]+\s+ngay\b)")


@dataclass(frozen=True)
class Deadline:
    text: str  # as printed (whitespace collapsed)
    form: str  # the part kinds joined by "+", e.g. "annual+period"; "none" when no deadline
    start_year: int | None
    end_year: int | None
    due: date | None  # the last day the deadline allows; None when open-ended or none
    recurring: bool  # "Hàng năm": done every year

    @property
    def stated(self) -> bool:
        return self.form != "none"


def _part(kind: str, match: re.Match[str]) -> tuple[int, int | None, date | None]:
    """(start year, end year, due date) of one part."""
    groups = match.groups()
    if kind in ("year", "range", "period"):
        first, last = int(groups[0]), int(groups[-1])
        return first, last, date(last, 12, 31)
    if kind == "quarter":
        quarter, year = _QUARTERS[groups[0]], int(groups[1])
        month = quarter * 3
        return year, year, date(year, month, calendar.monthrange(year, month)[1])
    if kind == "month":
        month, year = int(groups[0]), int(groups[1])
        return year, year, date(year, month, calendar.monthrange(year, month)[1])
    if kind == "before":
        day, month, year = (int(g) for g in groups)
        return year, year, date(year, month, day)
    return int(groups[0]), None, None  # from


def parse_deadline(text: str, *, line: int | None = None) -> Deadline:
    """Read a deadline cell (see the module docstring for the forms)."""
    printed = normalize_space(text)
    key = fold(printed).lower()
    if not key or _NOT_A_DEADLINE.match(key):
        return Deadline(printed, "none", None, None, None, False)
    kinds: list[str] = []
    starts: list[int] = []
    ends: list[int | None] = []
    dues: list[date | None] = []
    at = _JOINERS.match(key).end()
    while at < len(key):
        kind, match = next(((k, m) for k, p in _PARTS if (m := p.match(key, at))), ("", None))
        if match is None:
            raise ParseError(
                "a deadline such as 'Năm 2022', '2021 - 2022', 'Quý III/2021', 'Tháng 01/2021', "
                "'Cả giai đoạn 2021 - 2025', 'Hàng năm', 'Từ năm 2021' or 'Xong trước ngày 15/7/2021'",
                found=printed,
                line=line,
            )
        if kind != "annual":
            try:
                start, end, due = _part(kind, match)
            except ValueError:  # "Tháng 13/2021", "31/2/2022"
                raise ParseError("a deadline with a real date", found=printed, line=line) from None
            starts.append(start)
            ends.append(end)
            dues.append(due)
        kinds.append(kind)
        at = _JOINERS.match(key, match.end()).end()
    open_ended = not ends or None in ends
    return Deadline(
        text=printed,
        form="+".join(dict.fromkeys(kinds)),
        start_year=min(starts) if starts else None,
        end_year=None if open_ended else max(e for e in ends if e is not None),
        due=None if open_ended else max(d for d in dues if d is not None),
        recurring="annual" in kinds,
    )
