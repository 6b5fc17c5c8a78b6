"""New Rural Development (nông thôn mới, NTM) tables of Quyết định 2877/QĐ-UBND (cell-lines layout).

* Phụ biểu 01 – communes and the year they reached NTM, advanced NTM (nâng cao) and
  model NTM (kiểu mẫu); the notes under it give the yearly counts 2013–2021
  (``ntm_communes``, ``ntm_yearly``). This copy starts part-way through the table:
  its heading and header are missing, so the table is found by its notes.
* Phụ biểu 02 – plan 2022–2025 per commune (``ntm_plan``), with district subtotal rows.
* Phụ biểu 03 – plan per district (``ntm_district_plan``).

Phụ biểu 02 and 03 share one shape: two groups of columns ("Lộ trình … nâng cao",
"Lộ trình … kiểu mẫu"), each "Đã đạt chuẩn | 2022 | 2023 | 2024 | 2025", and a
"1" in the cell where a unit achieved or plans to achieve that level.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from ..errors import ParseError
from ..layouts import Numbering, Row, cell_rows, find_line, header_columns, is_blank, is_cell_line, is_roman
from ..places import DISTRICTS, find_commune, resolve_commune, resolve_district
from ..sources import Corpus
from ..text import fold, parse_vn_int
from ..vocabulary import LEVELS
from .base import Dataset, parse_document, schema

__all__ = [
    "DATASETS",
    "LEVELS",
    "CountRow",
    "Pb01",
    "PlanTable",
    "level_of",
    "parse_pb01",
    "parse_pb02",
    "parse_pb03",
    "phu_bieu_01",
    "phu_bieu_02",
    "phu_bieu_03",
    "read_plan_table",
]

SOURCE = "qd2877_2022"
TABLE_HEADING = r"PHỤ BIỂU:?\s*0*{n}\b"
ANY_TABLE_HEADING = re.compile(r"PHỤ BIỂU")
YEARLY_NOTE = re.compile(r"^nam (\d{4}):\s*(.+)$")  # matched without accents
NOTE_PART = re.compile(r"^(?:co )?(\d+) xa dat chuan (.+?)\.?$")
TOTAL_LABEL = "cong"
PB01_HEADING = re.compile(r"phu bieu 0?1\b|^\s*\(?kem theo quyet dinh")  # matched without accents

# Phụ biểu 01 when its header is missing (as in this copy): the known column order.
PB01_COLUMNS = ("commune_no", "local_no", "commune", "ntm", "advanced", "model", "note")


def level_of(label: str) -> str:
    """The NTM level a header or note names: "… kiểu mẫu" -> model, "… nâng cao" -> advanced."""
    key = fold(label)
    if "kieu mau" in key:
        return "model"
    if "nang cao" in key:
        return "advanced"
    if "nong thon moi" in key or "ntm" in key.split():
        return "ntm"
    raise ParseError("a level: 'nông thôn mới', 'nâng cao' or 'kiểu mẫu'", found=label)


def _year_or_none(text: str, line: int) -> int | None:
    if not text:
        return None
    if re.fullmatch(r"(19|20)\d\d", text):
        return int(text)
    raise ParseError("a year such as 2019 or an empty cell", found=text, line=line)


# --------------------------------------------------------------------------- Phụ biểu 01


@dataclass(frozen=True)
class Pb01:
    communes: pd.DataFrame  # ntm_communes
    yearly: pd.DataFrame  # ntm_yearly
    total: dict[str, int]  # the "Cộng" row: communes per level over the whole table
    total_line: int
    complete: bool  # False when the copy starts part-way through the table
    notes: tuple[str, ...] = ()


def _pb01_columns(header: list[Row]) -> dict[str, int]:
    names = header_columns(header)
    columns = {"commune_no": 0}
    for index, name in enumerate(names):
        key = fold(name)
        if key.startswith("ten"):
            columns["commune"] = index
        elif key.startswith("nam") or "dat chuan" in key:
            columns[level_of(name)] = index
    if not {"commune", *LEVELS} <= columns.keys():
        raise ParseError(
            "Phụ biểu 01 columns: TT, Tên xã and one year column per level", found=" | ".join(names)
        )
    return columns


def _yearly_notes(lines: Sequence[str], first: int, source: str) -> pd.DataFrame:
    records = []
    number = first
    while number <= len(lines):
        match = YEARLY_NOTE.match(fold(lines[number - 1]).strip())
        if not match:
            break
        printed_parts = lines[number - 1].split(":", 1)[1].split(";")
        for part, printed in zip(match.group(2).split(";"), printed_parts, strict=True):
            found = NOTE_PART.match(part.strip())
            if not found:
                expected = "a note part such as 'có 04 xã đạt chuẩn nông thôn mới'"
                raise ParseError(expected, found=printed.strip(), line=number)
            records.append(
                (int(match.group(1)), level_of(found.group(2)), int(found.group(1)), source, number)
            )
        number += 1
    return pd.DataFrame.from_records(records, columns=["year", "level", "communes", "source", "line"])


def _pb01_heading(lines: Sequence[str], before: int) -> int:
    """The line of Phụ biểu 01's heading: the nearest line above ``before`` that names it
    ("PHỤ BIỂU 01") or attaches it to the decision ("(Kèm theo Quyết định số 2877/QĐ-UBND …)")."""
    for number in range(before - 1, 0, -1):
        if PB01_HEADING.search(fold(lines[number - 1])):
            return number
    raise ParseError(
        "the heading of Phụ biểu 01 above its notes ('PHỤ BIỂU 01' or '(Kèm theo Quyết định …)')", line=before
    )


def _pb01_bounds(lines: Sequence[str]) -> tuple[int, int, int]:
    """(first yearly note, first table line, line after the table). The table runs from its heading
    to the notes under it: every line between is a cell line or blank, and any other line is an
    error naming it (an odd line used to end the table there, silently dropping the rows above)."""
    first_note = find_line(
        lines,
        YEARLY_NOTE,
        what="the notes under Phụ biểu 01 ('Năm 2013: có 04 xã đạt chuẩn …')",
        ignore_accents=True,
    )
    notes_heading = first_note - 1
    while notes_heading > 0 and not fold(lines[notes_heading - 1]).strip().startswith("ghi chu"):
        notes_heading -= 1
    table_end = notes_heading if notes_heading > 0 else first_note
    start = _pb01_heading(lines, table_end) + 1
    for number in range(start, table_end):
        line = lines[number - 1]
        if not (is_cell_line(line) or is_blank(line)):
            raise ParseError("a cell line (led by a tab) or a blank line inside Phụ biểu 01",
                             found=line.strip()[:60], line=number)  # fmt: skip
    return first_note, start, table_end


def _pb01_layout(rows: list[Row]) -> tuple[list[Row], dict[str, int], int, bool, list[str]]:
    """The body rows, column positions and width; the header is read when the copy has one."""
    if fold(rows[0][0].text) == "tt":
        header = [rows[0]]
        while len(header) < len(rows) and not rows[len(header)][0].text:
            header.append(rows[len(header)])
        return rows[len(header) :], _pb01_columns(header), len(header_columns(header)), True, []
    note = (
        f"Phụ biểu 01 is incomplete in this copy: its heading and header are missing and it starts "
        f"part-way through the table, at line {rows[0].line} ({' | '.join(t for t in rows[0].texts if t)}). "
        "Only the rows present are loaded; column order assumed: " + ", ".join(PB01_COLUMNS) + "."
    )
    return rows, {name: i for i, name in enumerate(PB01_COLUMNS)}, len(PB01_COLUMNS), False, [note]


def _pb01_total(row: Row, columns: dict[str, int], width: int) -> dict[str, int]:
    if len(row) != width:  # a line joined to it or lost: the counts would be read from the wrong cells
        raise ParseError(f"the 'Cộng' (total) row of {width} cells", found=f"{len(row)} cells", line=row.line)
    texts = [fold(t) for t in row.texts]
    at = texts.index(TOTAL_LABEL)
    if at != columns["commune"]:  # "Cộng" stands in the name column; anywhere else the counts are shifted
        raise ParseError(
            "'Cộng' in the name column of the total row", found=f"cell {at + 1}", line=row[at].line
        )
    counts = {}
    for level in LEVELS:
        cell = row[columns[level]]
        if cell.text and not cell.text.isdigit():
            raise ParseError("a count of communes in the total row", found=cell.text, line=cell.line)
        counts[level] = parse_vn_int(cell.text) if cell.text else 0
    return counts


def _pb01_cells(row: Row, columns: dict[str, int], width: int) -> tuple[tuple, int | None]:
    """A commune row's cells (a row cut at the start of the copy is right-aligned) and its number."""
    texts = row.texts
    if len(row) == width and texts[columns["commune_no"]].isdigit():
        return row.cells, int(texts[columns["commune_no"]])
    if width - columns["commune"] <= len(row) < width and fold(texts[0]).startswith("xa "):
        return (None,) * (width - len(row)) + row.cells, None
    raise ParseError(
        f"a commune row of {width} cells (TT, …, Xã …, years), a district row or the 'Cộng' row",
        found=" | ".join(texts),
        line=row.line,
    )


def _check_ladder(years: dict[str, int | None], lines: dict[str, int]) -> None:
    """A commune climbs the levels in order (NTM, then advanced, then model; a later level never in an
    earlier year): a year in the wrong column – two cells swapped, a cell lost – breaks the ladder."""
    below: tuple[str, int | None] | None = None
    for level in LEVELS:
        year = years[level]
        if below is not None and year is not None and (below[1] is None or year < below[1]):
            raise ParseError(
                f"the {level} year no earlier than the {below[0]} year (a commune climbs the levels in order)",
                found=f"{below[0]} {below[1] or '–'}, {level} {year}",
                line=lines[level],
            )
        below = (level, year)


def _pb01_record(
    row: Row, columns: dict[str, int], width: int, district: str | None, notes: list[str], source: str
) -> dict:
    cells, commune_no = _pb01_cells(row, columns, width)
    name_cell = cells[columns["commune"]]
    if district is None:
        commune = find_commune(name_cell.text, line=name_cell.line)
        notes.append(
            f"{commune.name} (line {name_cell.line}) comes before any district row in this copy; "
            f"its district ({commune.district}) is taken from the places registry and its row number is unknown."
        )
    else:
        commune = resolve_commune(name_cell.text, district, line=name_cell.line)
    years = {level: _year_or_none(cells[columns[level]].text, cells[columns[level]].line) for level in LEVELS}
    _check_ladder(years, {level: cells[columns[level]].line for level in LEVELS})
    used = {columns[k] for k in ("commune_no", "local_no", "commune", *LEVELS) if k in columns} | {1}
    for index in sorted(set(range(width)) - used):  # the note column(s): words, never a bare number
        cell = cells[index]
        if cell is not None and re.fullmatch(r"\d+", cell.text):
            raise ParseError("a note or an empty cell after the year columns, not a number",
                             found=cell.text, line=cell.line)  # fmt: skip
    return {
        "commune_no": commune_no,
        "district": commune.district,
        "commune": commune.name,
        "commune_code": commune.code,
        "year_ntm": years["ntm"],
        "year_advanced": years["advanced"],
        "year_model": years["model"],
        "source": source,
        "line": name_cell.line,
    }


def parse_pb01(lines: Sequence[str], source: str = SOURCE) -> Pb01:
    """Phụ biểu 01: commune rows, the "Cộng" row and the yearly notes under the table."""
    first_note, start, table_end = _pb01_bounds(lines)
    rows = cell_rows(lines, start, table_end)
    if not rows:
        raise ParseError("the rows of Phụ biểu 01 above its notes", line=table_end)
    rows, columns, width, complete, notes = _pb01_layout(rows)
    records = []
    district: str | None = None
    total: dict[str, int] = {}
    total_line = 0
    # Phụ biểu 01 numbers its communes twice: across the table (TT: 1–98) and within each district.
    numbers = Numbering("commune number {n}", "TT runs on by one", first=1 if complete else None)
    local = Numbering("number {n} within the district", "it restarts at 1 after each district row",
                      first=1 if complete else None)  # fmt: skip
    for row in rows:
        texts = row.texts
        if total_line:
            raise ParseError("nothing after the 'Cộng' (total) row of Phụ biểu 01 but its notes",
                             found=" | ".join(t for t in texts if t), line=row.line)  # fmt: skip
        if len(row) < width and is_roman(texts[0]) and texts[1]:
            district = resolve_district(texts[1], line=row[1].line).place.name
            local.restart()
        elif TOTAL_LABEL in [fold(t) for t in texts]:
            total, total_line = _pb01_total(row, columns, width), row.line
        else:
            record = _pb01_record(row, columns, width, district, notes, source)
            if record["commune_no"] is not None:  # None: the first row of a copy that starts part-way
                numbers.check(record["commune_no"], row)
                if texts[1].isdigit():
                    local.check(int(texts[1]), row, line=row[1].line)
            records.append(record)
    if not total_line:
        raise ParseError("the 'Cộng' (total) row of Phụ biểu 01", line=table_end)
    communes = pd.DataFrame.from_records(records)
    for column in ("commune_no", "year_ntm", "year_advanced", "year_model"):
        communes[column] = communes[column].astype("Int64")
    communes.attrs["notes"] = notes
    yearly = _yearly_notes(lines, first_note, source)
    return Pb01(communes, yearly, total, total_line, complete, tuple(notes))


# ------------------------------------------------------------------ Phụ biểu 02 and 03


@dataclass(frozen=True)
class PlanColumn:
    index: int
    level: str
    year: int | None  # None: the "Đã đạt chuẩn" (already achieved) column


@dataclass(frozen=True)
class CountRow:
    """A subtotal or total row: how many units per (level, year) column, as printed."""

    label: str
    line: int
    counts: dict[tuple[str, int | None], int]


@dataclass(frozen=True)
class UnitRow:
    number: int
    name: str
    name_line: int
    section: str | None  # the name on the last subtotal row above (the district, in Phụ biểu 02)
    marks: tuple[tuple[PlanColumn, int], ...]  # each column holding a "1", with its line


@dataclass
class PlanTable:
    heading_line: int
    columns: list[PlanColumn]
    units: list[UnitRow] = field(default_factory=list)
    subtotals: list[CountRow] = field(default_factory=list)
    total: CountRow | None = None
    group_totals: dict[str, tuple[str, int]] = field(default_factory=dict)  # level -> (text, line)


def _plan_columns(group_row: Row, sub_row: Row) -> list[PlanColumn]:
    groups = [level_of(t) for t in group_row.texts if "lo trinh" in fold(t)]
    columns: list[PlanColumn] = []
    group = -1
    for index, cell in enumerate(sub_row.cells):
        key = fold(cell.text)
        if key.startswith("da dat chuan"):
            group += 1
            if group >= len(groups):
                raise ParseError("as many 'Đã đạt chuẩn' columns as 'Lộ trình' groups", line=cell.line)
            columns.append(PlanColumn(index, groups[group], None))
        elif re.fullmatch(r"20\d\d", cell.text) and group >= 0:
            before = columns[-1].year
            if before is not None and int(cell.text) != before + 1:  # two year cells swapped or lost
                raise ParseError(f"the year {before + 1} (a group's years run on by one)", found=cell.text,
                                 line=cell.line)  # fmt: skip
            columns.append(PlanColumn(index, groups[group], int(cell.text)))
    if not groups or group != len(groups) - 1:
        found = " | ".join(group_row.texts + sub_row.texts)
        raise ParseError(
            "a header: TT | Tên đơn vị | Lộ trình … (Đã đạt chuẩn | 2022 | … | 2025)",
            found=found,
            line=group_row.line,
        )
    return columns


def _count(text: str, line: int) -> int:
    try:
        return parse_vn_int(text) if text else 0
    except ValueError:
        raise ParseError("a count (a whole number) or an empty cell", found=text, line=line) from None


def _column_name(column: PlanColumn) -> str:
    return "Đã đạt chuẩn" if column.year is None else str(column.year)


def read_plan_table(lines: Sequence[str], number: int) -> PlanTable:
    """Read Phụ biểu ``number`` (02 or 03): unit rows with their marks, subtotals and totals."""
    heading = find_line(lines, TABLE_HEADING.format(n=number), what=f"the heading 'PHỤ BIỂU {number:02d}'")
    try:
        stop = find_line(lines, ANY_TABLE_HEADING, start=heading + 1)
    except ParseError:
        stop = len(lines) + 1
    rows = cell_rows(lines, heading + 1, stop)
    if len(rows) < 2 or fold(rows[0][0].text) != "tt":
        raise ParseError("a two-row header starting with 'TT'", line=heading)
    group_row, sub_row = rows[0], rows[1]
    table = PlanTable(heading, _plan_columns(group_row, sub_row))
    width = len(sub_row)
    section: str | None = None
    numbers = Numbering("unit number {n}", "TT runs on by one across the table")
    for row in rows[2:]:
        texts = row.texts
        if texts in (group_row.texts, sub_row.texts):
            continue  # header repeated after a page break
        if len(row) == width and (is_roman(texts[0]) or fold(texts[1]) == TOTAL_LABEL):
            counts = {(c.level, c.year): _count(texts[c.index], row[c.index].line) for c in table.columns}
            count_row = CountRow(texts[1], row[1].line, counts)
            if is_roman(texts[0]):
                table.subtotals.append(count_row)
                section = texts[1]
            else:
                table.total = count_row
        elif len(row) == width and texts[0].isdigit():
            numbers.check(int(texts[0]), row)
            marks = []
            for column in table.columns:
                cell = row[column.index]
                if cell.text == "1":
                    # A unit reaches each level once: a second mark for a level is a moved or copied cell.
                    other = next((c for c, _ in marks if c.level == column.level), None)
                    if other is not None:
                        raise ParseError(f"one mark for the level '{column.level}' in a row",
                                         found=f"marks under {_column_name(other)} and {_column_name(column)}",
                                         line=cell.line)  # fmt: skip
                    marks.append((column, cell.line))
                elif cell.text:
                    raise ParseError("'1' (a mark) or an empty cell", found=cell.text, line=cell.line)
            table.units.append(UnitRow(int(texts[0]), texts[1], row[1].line, section, tuple(marks)))
        elif len(row) == len(group_row) and not texts[0] and not texts[1]:
            for index, text in enumerate(texts):
                if "lo trinh" in fold(group_row[index].text):
                    table.group_totals[level_of(group_row[index].text)] = (text, row[index].line)
        else:
            raise ParseError(
                f"a row of {width} cells (a unit, a subtotal or the 'Cộng' row)",
                found=" | ".join(texts),
                line=row.line,
            )
    if not table.units:
        raise ParseError(f"unit rows in Phụ biểu {number:02d}", line=heading)
    return table


def _plan_records(unit: UnitRow, place: dict, source: str) -> list[dict]:
    return [
        {
            **place,
            "level": column.level,
            "achieved": column.year is None,
            "year": column.year,
            "source": source,
            "line": line,
        }
        for column, line in unit.marks
    ]


def parse_pb02(lines: Sequence[str], source: str = SOURCE) -> tuple[pd.DataFrame, PlanTable]:
    """Phụ biểu 02: one row per commune and level marked (achieved, or planned year)."""
    table = read_plan_table(lines, 2)
    records = []
    for unit in table.units:
        if unit.section is None:
            raise ParseError("a district row (I, II, …) above the commune rows", line=unit.name_line)
        district = resolve_district(unit.section, line=unit.name_line).place.name
        commune = resolve_commune(unit.name, district, line=unit.name_line)
        place = {
            "commune_no": unit.number,
            "district": district,
            "commune": commune.name,
            "commune_code": commune.code,
        }
        records.extend(_plan_records(unit, place, source))
    frame = pd.DataFrame.from_records(
        records,
        columns=[
            "commune_no",
            "district",
            "commune",
            "commune_code",
            "level",
            "achieved",
            "year",
            "source",
            "line",
        ],
    )
    frame["year"] = frame["year"].astype("Int64")
    return frame, table


def parse_pb03(lines: Sequence[str], source: str = SOURCE) -> tuple[pd.DataFrame, PlanTable]:
    """Phụ biểu 03: one row per district and level marked (achieved, or planned year)."""
    table = read_plan_table(lines, 3)
    records = []
    for unit in table.units:
        district = resolve_district(unit.name, line=unit.name_line).place
        records.extend(
            _plan_records(unit, {"district": district.name, "district_code": district.code}, source)
        )
    frame = pd.DataFrame.from_records(
        records,
        columns=["district", "district_code", "level", "achieved", "year", "source", "line"],
    )
    frame["year"] = frame["year"].astype("Int64")
    return frame, table


def phu_bieu_01(corpus: Corpus) -> Pb01:
    return parse_document(corpus[SOURCE], parse_pb01)


def phu_bieu_02(corpus: Corpus) -> tuple[pd.DataFrame, PlanTable]:
    return parse_document(corpus[SOURCE], parse_pb02)


def phu_bieu_03(corpus: Corpus) -> tuple[pd.DataFrame, PlanTable]:
    return parse_document(corpus[SOURCE], parse_pb03)


# ------------------------------------------------------------------------------ datasets

_year = pa.Column("Int64", pa.Check.in_range(2010, 2030), nullable=True)
_plan_year = pa.Column("Int64", pa.Check.in_range(2022, 2025), nullable=True)
_commune_code = pa.Column(str, pa.Check.str_matches(r"^\d{5}$"), nullable=True)
_achieved_xor_year = pa.Check(
    lambda df: df["achieved"] == df["year"].isna(),
    error="achieved rows have no year; planned rows have one",
)
_TABLE = "Quyết định 2877/QĐ-UBND, "

DATASETS = [
    Dataset(
        name="ntm_yearly",
        description="How many communes reached each NTM level in each year 2013–2021, from the notes under Phụ biểu 01.",
        source=SOURCE,
        table=_TABLE + "Phụ biểu 01, Ghi chú",
        schema=schema(
            {
                "year": pa.Column(int, pa.Check.in_range(2010, 2030)),
                "level": pa.Column(str, pa.Check.isin(LEVELS)),
                "communes": pa.Column(int, pa.Check.in_range(0, 98)),
            },
            unique=["year", "level"],
        ),
        extract=lambda tables: tables.get(phu_bieu_01).yearly,
        notes=("Only years and levels the notes state are listed; a missing year is not a zero.",),
    ),
    Dataset(
        name="ntm_communes",
        description="Per commune, the year it reached NTM, advanced NTM and model NTM (empty: not reached by 2021).",
        source=SOURCE,
        table=_TABLE + "Phụ biểu 01",
        schema=schema(
            {
                "commune_no": pa.Column("Int64", pa.Check.in_range(1, 98), nullable=True),
                "district": pa.Column(str, pa.Check.isin(DISTRICTS)),
                "commune": pa.Column(str),
                "commune_code": _commune_code,
                "year_ntm": _year,
                "year_advanced": _year,
                "year_model": _year,
            },
            unique=["district", "commune"],
        ),
        extract=lambda tables: tables.get(phu_bieu_01).communes,
        notes=("commune_code is empty for communes merged in 2024, before the units of vietnamadminunits.",),
    ),
    Dataset(
        name="ntm_plan",
        description="One row per commune and level marked in Phụ biểu 02: already achieved, or the planned year.",
        source=SOURCE,
        table=_TABLE + "Phụ biểu 02",
        schema=schema(
            {
                "commune_no": pa.Column(int, pa.Check.in_range(1, 98)),
                "district": pa.Column(str, pa.Check.isin(DISTRICTS)),
                "commune": pa.Column(str),
                "commune_code": _commune_code,
                "level": pa.Column(str, pa.Check.isin(["advanced", "model"])),
                "achieved": pa.Column(bool),
                "year": _plan_year,
            },
            unique=["commune_no", "level"],
            checks=[_achieved_xor_year],
        ),
        extract=lambda tables: tables.get(phu_bieu_02)[0],
        notes=("Communes with no mark in a level are not listed for that level.",),
    ),
    Dataset(
        name="ntm_district_plan",
        description="One row per district and level marked in Phụ biểu 03: already achieved, or the planned year.",
        source=SOURCE,
        table=_TABLE + "Phụ biểu 03",
        schema=schema(
            {
                "district": pa.Column(str, pa.Check.isin(DISTRICTS)),
                "district_code": pa.Column(str, pa.Check.str_matches(r"^\d{3}$")),
                "level": pa.Column(str, pa.Check.isin(["ntm", "advanced"])),
                "achieved": pa.Column(bool),
                "year": _plan_year,
            },
            unique=["district", "level"],
            checks=[_achieved_xor_year],
        ),
        extract=lambda tables: tables.get(phu_bieu_03)[0],
        notes=(
            "Level ntm means 'đạt chuẩn nông thôn mới' for districts and 'hoàn thành nhiệm vụ xây dựng "
            "nông thôn mới' for towns and cities.",
        ),
    ),
]
