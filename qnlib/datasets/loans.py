"""``loans``: Phụ lục 6 of the 2022 report – provincial funds lent to households through
the Social Policy Bank, per district, 2021 and 2022 (tab-rows layout).

The table has a two-row header (merged cells), a row of column numbers, a grand
total row ("Tổng năm 2021+2022"), one section per year ("A | NĂM 2021") whose row
carries that year's totals, and district rows. The header repeats where the
source had a page break. Printed totals are kept for :mod:`qnlib.checks`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import pandera.pandas as pa

from ..errors import ParseError
from ..layouts import Numbering, Row, find_line, header_columns, is_roman, tab_rows
from ..places import DISTRICTS, resolve_district
from ..sources import Corpus
from ..text import fold, parse_vn_int, parse_vn_number
from .base import Dataset, parse_document, schema

__all__ = ["DATASET", "LoansTable", "PrintedTotal", "parse_loans", "phu_luc_6"]

SOURCE = "bc06_2022"
HEADING = re.compile(r"PHỤ LỤC\s+6\b")
NEXT_HEADING = re.compile(r"PHỤ LỤC\s+\d+\b")
AS_OF = re.compile(r"tính đến ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
UNIT = re.compile(r"Đơn vị tính[^:]*:\s*(.+)", re.IGNORECASE)
YEAR_SECTION = re.compile(r"NĂM\s+(\d{4})\b", re.IGNORECASE)
YEARS_IN_TOTAL = re.compile(r"\d{4}")

# Header text (without accents) each column starts with -> column name.
NUMERIC_COLUMNS = {
    "tong von ke hoach giao": "planned_mvnd",
    "so ho vay": "households",
    "so von cho vay": "lent_mvnd",
    "so von da giai ngan": "disbursed_mvnd",
    "ty le giai ngan": "disbursement_rate_pct",
}
TEXT_COLUMNS = {"tt": "tt", "dia phuong": "district"}
INTEGER_COLUMNS = {"households"}

COLUMNS = [
    "year",
    "district",
    "district_type",
    "district_code",
    "planned_mvnd",
    "households",
    "lent_mvnd",
    "disbursed_mvnd",
    "disbursement_rate_pct",
    "as_of",
]


@dataclass(frozen=True)
class PrintedTotal:
    """A total as the document prints it, for reconciliation."""

    label: str
    years: tuple[int, ...]
    values: dict[str, float]
    line: int


@dataclass(frozen=True)
class LoansTable:
    frame: pd.DataFrame
    totals: list[PrintedTotal] = field(default_factory=list)


def _column_map(header: Sequence[str], line: int) -> dict[str, int]:
    wanted = {**TEXT_COLUMNS, **NUMERIC_COLUMNS}
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        key = fold(text)
        for prefix, column in wanted.items():
            if column not in found and (key == prefix if prefix == "tt" else key.startswith(prefix)):
                found[column] = index
    missing = [c for c in wanted.values() if c not in found]
    if missing:
        expected = "header columns " + ", ".join(f"'{p}'" for p in wanted)
        raise ParseError(expected + f" (missing {', '.join(missing)})", found=" | ".join(header), line=line)
    return found


def _is_numbering(row: Row) -> bool:
    """The row of column numbers under the header: "1 2 3 4 5 6 7"."""
    texts = [t for t in row.texts if t]
    return bool(texts) and texts == [str(i) for i in range(1, len(texts) + 1)]


def _numbers(row: Row, columns: dict[str, int]) -> dict[str, float]:
    values = {}
    for column in NUMERIC_COLUMNS.values():
        index = columns[column]
        text = row[index].text if index < len(row) else ""
        try:
            values[column] = parse_vn_int(text) if column in INTEGER_COLUMNS else parse_vn_number(text)
        except ValueError:
            kind = "a whole number" if column in INTEGER_COLUMNS else "a number such as 4.600,00"
            raise ParseError(f"{kind} in column {column!r}", found=text, line=row.line) from None
    return values


def _check_width(row: Row, width: int, header_width: int) -> None:
    """A row has every data column, and nothing beyond the header: a stray tab shifts cells."""
    if len(row) < width:
        raise ParseError(f"a row of {width} tab-separated cells", found=" | ".join(row.texts), line=row.line)
    beyond = [t for t in row.texts[header_width:] if t]
    if beyond:
        raise ParseError(
            f"at most {header_width} cells, as in the header (a stray tab shifts the row's values)",
            found=" | ".join(row.texts),
            line=row.line,
        )


RATE_TOLERANCE = 0.01  # percentage points: the rate is printed with 2 decimals, as are the amounts


def _check_row(values: dict[str, float], line: int) -> None:
    """Values that cannot be a district's: a negative amount, a rate outside 0–100 %, or a rate
    that is not the row's own disbursed ÷ planned. The documents have no such row, so it can only
    be a misread (a shifted or merged cell); reconciling rows with totals is qnlib check's job."""
    for column, value in values.items():
        if value < 0:
            raise ParseError(f"a value ≥ 0 in column {column!r}", found=str(value), line=line)
    rate = values["disbursement_rate_pct"]
    if not 0 <= rate <= 100:
        raise ParseError("a disbursement rate between 0 and 100 %", found=f"{rate:g}", line=line)
    planned, disbursed = values["planned_mvnd"], values["disbursed_mvnd"]
    implied = 100 * disbursed / planned if planned else 0.0
    if abs(rate - implied) > RATE_TOLERANCE:
        raise ParseError(
            f"a disbursement rate equal to disbursed ÷ planned = {disbursed:g} ÷ {planned:g} = {implied:.2f} %",
            found=f"{rate:g}",
            line=line,
        )


def _add_total(totals: list[PrintedTotal], total: PrintedTotal) -> None:
    """A total (or year row) printed twice for the same years is a duplicated line, not a second total."""
    earlier = next((t.line for t in totals if t.years == total.years), None)
    if earlier is not None:
        years = "+".join(map(str, total.years))
        raise ParseError(
            f"one total row for {years}", found=f"the row of line {earlier} again", line=total.line
        )
    totals.append(total)


def parse_loans(lines: Sequence[str], source: str = SOURCE) -> LoansTable:
    """Parse Phụ lục 6 from the lines of the report into a tidy frame plus printed totals."""
    start = find_line(lines, HEADING, what="the heading 'PHỤ LỤC 6' (loans through the Social Policy Bank)")
    try:
        stop = find_line(lines, NEXT_HEADING, start=start + 1)
    except ParseError:
        stop = len(lines) + 1

    as_of_line = find_line(
        lines, AS_OF, start=start, stop=stop, what="the cut-off date 'tính đến ngày dd/mm/yyyy'"
    )
    day, month, year = (int(g) for g in AS_OF.search(lines[as_of_line - 1]).groups())
    as_of = pd.Timestamp(date(year, month, day))
    unit_line = find_line(
        lines, UNIT, start=start, stop=stop, what="the unit line 'Đơn vị tính vốn: Triệu đồng'"
    )
    unit = UNIT.search(lines[unit_line - 1]).group(1).strip(" *_")
    if fold(unit) != "trieu dong":
        raise ParseError("amounts in 'Triệu đồng' (million VND)", found=unit, line=unit_line)

    rows = tab_rows(lines, start, stop)
    first = next((i for i, r in enumerate(rows) if fold(r[0].text) == "tt"), None)
    if first is None:
        raise ParseError("a table header starting with 'TT'", line=start)
    header_rows = [rows[first]]
    for row in rows[first + 1 :]:
        if row[0].text or any(ch.isdigit() for t in row.texts for ch in t):
            break
        header_rows.append(row)
    header = header_columns(header_rows)
    columns = _column_map(header, rows[first].line)
    width = max(columns.values()) + 1
    header_texts = {r.texts for r in header_rows}

    records: list[dict] = []
    totals: list[PrintedTotal] = []
    year: int | None = None
    numbers = Numbering("district number {n}", "TT runs on by one and restarts at 1 after each year row")
    for row in rows[first + len(header_rows) :]:
        if row.texts in header_texts or _is_numbering(row):
            continue  # header repeated after a page break
        _check_width(row, width, len(header))
        first_cell = row[columns["tt"]].text
        name = row[columns["district"]].text
        if fold(first_cell).startswith("tong"):
            years = tuple(int(y) for y in YEARS_IN_TOTAL.findall(first_cell + " " + name))
            _add_total(totals, PrintedTotal(first_cell or name, years, _numbers(row, columns), row.line))
        elif (is_roman(first_cell) or re.fullmatch(r"[A-Z]", first_cell)) and YEAR_SECTION.search(name):
            year = int(YEAR_SECTION.search(name).group(1))
            numbers.restart()
            _add_total(totals, PrintedTotal(name, (year,), _numbers(row, columns), row.line))
        elif first_cell.isdigit():
            if year is None:
                raise ParseError("a year row such as 'A | NĂM 2021' before the district rows", line=row.line)
            numbers.check(int(first_cell), row)
            match = resolve_district(name, line=row.line)
            values = _numbers(row, columns)
            _check_row(values, row.line)
            records.append(
                {
                    "year": year,
                    "district": match.place.name,
                    "district_type": match.printed_type or match.place.type,
                    "district_code": match.place.code,
                    **values,
                    "as_of": as_of,
                    "source": source,
                    "line": row.line,
                }
            )
        else:
            expected = "a district row (number, name), a year row ('A | NĂM 2021') or a total row ('Tổng …')"
            raise ParseError(expected, found=" | ".join(row.texts), line=row.line)
    if not records:
        raise ParseError("district rows under the header of Phụ lục 6", line=rows[first].line)
    frame = pd.DataFrame.from_records(records, columns=[*COLUMNS, "source", "line"])
    frame["as_of"] = frame["as_of"].astype("datetime64[ns]")
    return LoansTable(frame, totals)


def phu_luc_6(corpus: Corpus) -> LoansTable:
    return parse_document(corpus[SOURCE], parse_loans)


_money = pa.Column(float, pa.Check.ge(0))
DATASET = Dataset(
    name="loans",
    description=(
        "Provincial funds entrusted to the Social Policy Bank under Resolution 06-NQ/TU: capital planned, "
        "households that borrowed, amounts lent and disbursed, per district and year (2021, 2022)."
    ),
    source=SOURCE,
    table="Phụ lục 6 – Tiến độ thực hiện, giải ngân vốn ủy thác qua Ngân hàng CSXH thực hiện NQ 06-NQ/TU",
    schema=schema(
        {
            "year": pa.Column(int, pa.Check.in_range(2000, 2030)),
            "district": pa.Column(str, pa.Check.isin(DISTRICTS)),
            "district_type": pa.Column(str, pa.Check.isin(["thành phố", "thị xã", "huyện"])),
            "district_code": pa.Column(str, pa.Check.str_matches(r"^\d{3}$")),
            "planned_mvnd": _money,
            "households": pa.Column(int, pa.Check.ge(0)),
            "lent_mvnd": _money,
            "disbursed_mvnd": _money,
            "disbursement_rate_pct": pa.Column(float, pa.Check.ge(0)),
            "as_of": pa.Column(pa.DateTime),
        },
        unique=["year", "district"],
    ),
    extract=lambda tables: tables.get(phu_luc_6).frame,
    notes=("Figures as of the table's cut-off date (column as_of); amounts in million VND.",),
)
