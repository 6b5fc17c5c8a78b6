"""The programme tables: who must do what by when, as Báo cáo 06 and Chương trình 35 list it.

* ``directives`` – Phụ lục 1: the documents the Party Committee (Tỉnh ủy), the People's
  Council (HĐND) and the People's Committee (UBND) issued to carry out Resolution 06;
* ``mechanisms`` – Phụ lục 3: the mechanisms and policies to build, each with its lead;
* ``tasks`` and ``tasks_by_lead`` – Phụ lục 4: the tasks of action programme 4594/CTr-UBND,
  in seven groups, each with its lead agencies, deadline and progress text;
* ``schemes`` – Chương trình 35's table of key schemes and programmes, with leads and deadlines.

Báo cáo 06's appendices are tab rows (cells may carry ``<p>``/``<b>``/``<ul><li>`` remnants,
which :func:`qnlib.layouts.tab_rows` strips); a row whose number cell is empty continues the
row above (a cell that ran over a page break) and is joined to it. Group rows ("<b>III Về …</b>",
"VI | <b>Về …</b>") open a group. Chương trình 35's table is in the pipe layout. Lead cells are
read with :mod:`qnlib.agencies`, deadlines with :mod:`qnlib.deadlines`. What the tables say of
themselves (a title announcing "73 nhiệm vụ", the numbering) is kept for :mod:`qnlib.checks`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa

from ..agencies import AGENCY_KINDS, LeadCell, agency, agency_names, read_lead
from ..deadlines import parse_deadline
from ..errors import ParseError
from ..layouts import Cell, Numbering, Row, find_line, pipe_cells, pipe_rows, tab_rows
from ..sources import Corpus
from ..text import fold, normalize_space
from .base import Dataset, parse_document, schema

__all__ = [
    "DATASETS",
    "ProgrammeTable",
    "chuong_trinh_35_schemes",
    "parse_directives",
    "parse_mechanisms",
    "parse_schemes",
    "parse_tasks",
    "phu_luc_1",
    "phu_luc_3",
    "phu_luc_4",
    "read_status",
    "report_date",
]

SOURCE = "bc06_2022"
CTR35 = "ctr35_2021"
ISSUERS = {"tinh uy": "Tỉnh ủy", "hoi dong nhan dan": "HĐND", "uy ban nhan dan": "UBND"}
ANNOUNCED = re.compile(
    r"(?<![\d/.-])(\d+)\s+(NHIỆM VỤ|VĂN BẢN|CƠ CHẾ|CHÍNH SÁCH|ĐỀ ÁN|CHỈ TIÊU)", re.IGNORECASE
)
# The kinds of administrative documents (Nghị định 30/2020/NĐ-CP, Điều 7, and the Party's "Kết luận",
# "Chương trình hành động"): a "Tên loại văn bản" cell holds one of them and nothing else.
DOC_TYPES = frozenset(fold(t) for t in (
    "Nghị quyết", "Quyết định", "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo", "Hướng dẫn",
    "Chương trình", "Chương trình hành động", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo", "Biên bản",
    "Tờ trình", "Hợp đồng", "Công văn", "Công điện", "Bản ghi nhớ", "Bản thỏa thuận", "Giấy mời", "Kết luận",
))  # fmt: skip
REFERENCE = re.compile(r"(?:số\s+)?(\S+?)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
GROUP = re.compile(r"^([IVX]+)\b\.?\s*(.*)$")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# A lead cell that holds a document reference instead of an agency (Phụ lục 4, task 66).
DOCUMENT_NUMBER = re.compile(r"^\d+/[\w-]+\s+ngày\s+\d{1,2}/\d{1,2}/\d{4}$")
# Progress texts that are a status and nothing else ("Đã hoàn thành", "Đang triển khai thực hiện."). A
# longer text is never classified, even if it contains these words: "huyện đã hoàn thành năm học
# 2021 - 2022" (task 15) is about a school year, not the task.
STATUS_TEXTS = {"da hoan thanh": "completed", "dang trien khai thuc hien": "in progress"}


@dataclass(frozen=True)
class ProgrammeTable:
    """A parsed table and what it says of itself."""

    frame: pd.DataFrame
    title: str  # the table's title, lines joined
    title_line: int  # the line that announces a count, else the title's first line
    announced: int | None  # a count the title announces ("73 NHIỆM VỤ"), if any


def _appendix(lines: Sequence[str], number: int) -> tuple[int, int]:
    """First and stop line of 'PHỤ LỤC n' (up to the next appendix or the end)."""
    start = find_line(lines, rf"PHỤ LỤC\s+{number}\b", what=f"the heading 'PHỤ LỤC {number}'")
    try:
        stop = find_line(lines, r"PHỤ LỤC\s+\d+\b", start=start + 1)
    except ParseError:
        stop = len(lines) + 1
    return start, stop


def _title(lines: Sequence[str], start: int, stop_pattern: str) -> tuple[str, int, int | None]:
    """The title lines from ``start`` up to ``stop_pattern``; the line announcing a count and the count."""
    end = find_line(lines, stop_pattern, start=start + 1, what=f"a line matching {stop_pattern!r}")
    title = normalize_space(" ".join(lines[start - 1 : end - 1]).replace("*", " "))
    for number in range(start, end):
        announced = ANNOUNCED.search(lines[number - 1])
        if announced:
            return title, number, int(announced.group(1))
    return title, start, None


def _untabbed(lines: Sequence[str], start: int, stop: int) -> None:
    """From the table's header to the end of its appendix every line is a row (cells separated by
    tabs) or blank: a line without a tab is a row split in two (its tail would be dropped)."""
    header = next((n for n in range(start, stop) if fold(lines[n - 1].split("\t")[0]).strip() in ("tt", "stt")
                   and "\t" in lines[n - 1]), stop)  # fmt: skip
    for number in range(header, stop):
        line = lines[number - 1]
        if line.strip() and "\t" not in line:
            raise ParseError("a row of the table (cells separated by tabs) or a blank line",
                             found=line.strip()[:60], line=number)  # fmt: skip


class _Groups:
    """Group rows run I, II, III …: a numeral lost or changed would move tasks to another group."""

    def __init__(self) -> None:
        self.count = 0

    def check(self, row: Row) -> None:
        numeral = GROUP.match(row[0].text).group(1).upper()
        if ROMAN.get(numeral) != self.count + 1:
            expected = next(k for k, v in ROMAN.items() if v == self.count + 1)
            raise ParseError(f"group {expected} (groups run I, II, III …)", found=numeral, line=row.line)
        self.count += 1


def _rows(lines: Sequence[str], start: int, stop: int, width: int) -> list[tuple[str, Row]]:
    """('group' | 'item', row) for every row under the header; continuation rows are joined
    to the row above, cell by cell; repeated headers are skipped, a different header ends the table.
    No layout here allows a row wider than its header: a cell beyond it is an error (a tab typed
    into a cell, or two rows joined), never dropped."""
    _untabbed(lines, start, stop)
    out: list[tuple[str, Row]] = []
    header: tuple[str, ...] | None = None
    numbers = Numbering("row number {n}", "the numbering runs on by one", slips=True, runs_on=True)
    groups = _Groups()
    rows = tab_rows(lines, start, stop)
    for index, row in enumerate(rows):
        texts = [*row.texts, *[""] * (width - len(row))]
        first = texts[0]
        if fold(first).replace(" ", "") in ("tt", "stt"):
            if header is not None and row.texts != header:
                # Another table starts (Phụ lục 4 is followed by an empty table of projects) – unless numbered
                # rows follow in the same appendix: then it is this table's header, printed with a slip.
                later = next((r for r in rows[index + 1 :] if r.texts and r.texts[0].isdigit()), None)
                if later is not None:
                    raise ParseError("the table's header repeated as printed above",
                                     found=" | ".join(t[:15] for t in row.texts), line=row.line)  # fmt: skip
                break
            header = row.texts
            continue
        if header is None:
            continue
        if len(row) > width:  # even empty cells: a joined group row brings its own
            raise ParseError(f"a row of {width} cells, as the header", found=f"{len(row)} cells: "
                             + " | ".join(t[:20] for t in row.texts), line=row.line)  # fmt: skip
        if first.isdigit():
            numbers.check(int(first), row)
            out.append(("item", row))
        elif GROUP.match(first) and not any(texts[2:]):
            groups.check(row)
            numbers.restart()
            out.append(("group", row))
        elif not first and any(texts) and out and out[-1][0] == "item":
            if row.texts == rows[index - 1].texts:  # a page's continuation printed twice: a duplicated line
                raise ParseError("a continuation row once", found=f"the row of line {rows[index - 1].line} again",
                                 line=row.line)  # fmt: skip
            out[-1] = ("item", _join(out[-1][1], row))
        elif not any(texts):
            continue
        else:
            expected = "a numbered row, a group row (I, II, …) or a continuation row with an empty number"
            raise ParseError(expected, found=" | ".join(row.texts), line=row.line)
    return out


def _join(row: Row, more: Row) -> Row:
    cells = list(row.cells)
    for index, cell in enumerate(more.cells):
        if not cell.text:
            continue
        if index < len(cells):
            cells[index] = type(cell)(cells[index].line, normalize_space(cells[index].text + " " + cell.text))
        else:
            cells.append(cell)
    return Row(tuple(cells))


def _cell(row: Row, index: int) -> str:
    return row[index].text if index < len(row) else ""


def _group(row: Row) -> tuple[str, str]:
    """('III', 'Về huy động …') from "<b>III Về huy động …</b>" or "VI | <b>Về …</b>"."""
    roman, rest = GROUP.match(row[0].text).groups()
    return roman, normalize_space(rest + " " + _cell(row, 1))


def _lead(text: str, line: int) -> LeadCell | None:
    """The lead cell read; None when it holds a document number instead of an agency."""
    if DOCUMENT_NUMBER.match(text):
        return None
    return read_lead(text, line=line)


def read_status(progress: str) -> tuple[str, str]:
    """('completed' | 'in progress' | '', the text it was read from): only a progress text that is
    a status and nothing else gives one; anything longer is left unclassified."""
    key = fold(progress).lower().strip(" .;")
    status = STATUS_TEXTS.get(key, "")
    return status, progress if status else ""


def parse_directives(lines: Sequence[str], source: str = SOURCE) -> ProgrammeTable:
    """Phụ lục 1: one row per directive document, with its issuer (the section it is listed in)."""
    start, stop = _appendix(lines, 1)
    title, title_line, announced = _title(lines, start, r"^\s*\(?Kèm theo")
    records, issuer = [], None
    for kind, row in _rows(lines, start, stop, 4):
        if kind == "group":
            name = fold(_group(row)[1])
            issuer = next((v for k, v in ISSUERS.items() if k in name), None)
            if issuer is None:
                raise ParseError("a section of Tỉnh ủy, Hội đồng nhân dân or Ủy ban nhân dân",
                                 found=row[0].text, line=row.line)  # fmt: skip
            continue
        if issuer is None:
            raise ParseError("a section row (I TỈNH ỦY, …) before the first document", line=row.line)
        if fold(_cell(row, 1)) not in DOC_TYPES:  # a number or a summary moved into it: cells shifted
            raise ParseError("a kind of document (Thông báo, Kết luận, Nghị quyết, Quyết định, Công văn, …)",
                             found=_cell(row, 1)[:60], line=row.line)  # fmt: skip
        reference = _cell(row, 2)
        found = REFERENCE.findall(reference)
        rest = REFERENCE.sub("", reference).strip(" ;,.và")
        if not found or not REFERENCE.match(reference.strip()) or rest:  # numbers and dates, nothing else
            raise ParseError("a document number and date such as '366-TB/TU ngày 24/9/2021', and nothing else",
                             found=reference[:60], line=row.line)  # fmt: skip
        _, day, month, year = found[0]
        records.append({
            "issuer": issuer, "no": int(row[0].text), "doc_type": _cell(row, 1),
            "number": "; ".join(f[0] for f in found), "date": pd.Timestamp(date(int(year), int(month), int(day))),
            "reference": reference, "summary": _cell(row, 3), "source": source, "line": row.line,
        })  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=DIRECTIVE_COLUMNS)
    frame["date"] = frame["date"].astype("datetime64[ns]")
    return ProgrammeTable(frame, title, title_line, announced)


def parse_mechanisms(lines: Sequence[str], source: str = SOURCE) -> ProgrammeTable:
    """Phụ lục 3: the mechanisms and policies to build, their leads and progress."""
    start, stop = _appendix(lines, 3)
    title, title_line, announced = _title(lines, start, r"^\s*\*?\(?Kèm theo")
    records = []
    for kind, row in _rows(lines, start, stop, 4):
        if kind == "group":
            raise ParseError("numbered rows only (Phụ lục 3 has no groups)", found=row[0].text, line=row.line)
        lead = _lead(_cell(row, 2), row.line)
        records.append({
            "no": int(row[0].text), "mechanism": _cell(row, 1), "lead": _names(lead),
            "lead_text": _cell(row, 2), "progress": _cell(row, 3), "source": source, "line": row.line,
        })  # fmt: skip
    return ProgrammeTable(
        pd.DataFrame.from_records(records, columns=MECHANISM_COLUMNS), title, title_line, announced
    )


def _names(lead: LeadCell | None) -> str:
    return "; ".join(a.name for a in lead.leads) if lead else ""


def _deadline_columns(text: str, line: int) -> dict:
    deadline = parse_deadline(text, line=line)
    return {
        "deadline_text": deadline.text,
        "deadline_form": deadline.form,
        "start_year": deadline.start_year,
        "end_year": deadline.end_year,
        "due": pd.Timestamp(deadline.due) if deadline.due else pd.NaT,
        "recurring": deadline.recurring,
    }


# Phụ lục 4's groups by the number of their first task, as printed, per document. Nothing inside a task
# row says which group it belongs to, so without this a group row swapped with the task beside it would
# move that task to the neighbouring group silently (both rows well-formed, the numbering running on).
TASK_GROUP_FIRST = {"bc06_2022": {"I": 1, "II": 16, "III": 31, "IV": 43, "V": 49, "VI": 61, "VII": 66}}


def parse_tasks(lines: Sequence[str], source: str = SOURCE) -> ProgrammeTable:
    """Phụ lục 4: the tasks of programme 4594/CTr-UBND, by group, with leads and deadlines."""
    start, stop = _appendix(lines, 4)
    title, title_line, announced = _title(lines, start, r"^\s*\(?Kèm theo")
    records, group, first = [], None, False
    declared = TASK_GROUP_FIRST.get(source)
    reported = pd.Timestamp(report_date(lines[start - 1 : stop - 1], start)[0])
    for kind, row in _rows(lines, start, stop, 5):
        if kind == "group":
            group, first = _group(row), True
            continue
        if group is None:
            raise ParseError("a group row (I, II, …) before the first task", line=row.line)
        if first and declared and int(row[0].text) != declared.get(group[0]):
            raise ParseError(f"task {declared.get(group[0])} first in group {group[0]} (as printed; "
                             "programme.TASK_GROUP_FIRST)", found=f"task {row[0].text}", line=row.line)  # fmt: skip
        first = False
        lead = _lead(_cell(row, 2), row.line)
        progress = _cell(row, 4)
        status, phrase = read_status(progress)
        records.append({
            "group": group[0], "group_title": group[1], "no": int(row[0].text), "task": _cell(row, 1),
            "lead": _names(lead), "lead_text": _cell(row, 2), **_deadline_columns(_cell(row, 3), row.line),
            "progress": progress, "status": status, "status_phrase": phrase, "reported": reported,
            "source": source, "line": row.line,
        })  # fmt: skip
    if declared and records and group[0] != list(declared)[-1]:
        raise ParseError(f"the last group, {list(declared)[-1]}, before the table ends", found=f"group {group[0]}",
                         line=records[-1]["line"])  # fmt: skip
    return ProgrammeTable(
        _typed(pd.DataFrame.from_records(records, columns=TASK_COLUMNS)), title, title_line, announced
    )


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("start_year", "end_year"):
        frame[column] = frame[column].astype("Int64")
    for column in ("due", "reported"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    frame["recurring"] = frame["recurring"].astype(bool)
    return frame


def _numbered_rows(cells: Sequence[Cell], width: int, what: str) -> list[Row]:
    """Rows of ``width`` cells, each starting with the next number (1, 2, 3 …). A lost, split or
    joined cell shifts every row after it: the first row that does not start with its number is
    the error, named at its line – not the table's last line, nor a silent short table."""
    rows = []
    for index in range(0, len(cells), width):
        chunk, expected = cells[index : index + width], index // width + 1
        if chunk[0].text != str(expected):
            raise ParseError(f"{what} number {expected} starting a row of {width} cells", found=chunk[0].text,
                             line=chunk[0].line)  # fmt: skip
        if len(chunk) < width:
            raise ParseError(f"a whole row of {width} cells for {what} {expected}", found=f"{len(chunk)} cells",
                             line=chunk[0].line)  # fmt: skip
        rows.append(Row(tuple(chunk)))
    return rows


def parse_schemes(lines: Sequence[str], source: str = CTR35) -> ProgrammeTable:
    """Chương trình 35's table of key schemes and programmes (pipe layout: TT, content, lead, deadline)."""
    start = find_line(
        lines, r"CÁC ĐỀ ÁN, CHƯƠNG TRÌNH TRỌNG ĐIỂM", what="the title 'CÁC ĐỀ ÁN, CHƯƠNG TRÌNH TRỌNG ĐIỂM'"
    )
    title, title_line, announced = _title(lines, start, r"^\s*\(Kèm theo")
    header = find_line(lines, r"^TT \|", start=start, what="the header row 'TT |' of the schemes table")
    cells = pipe_cells(lines, header, extent=True)  # the last table: its section runs to the end
    rows = [pipe_rows(cells[:4], 4)[0], *_numbered_rows(cells[4:], 4, "scheme")]
    if [fold(t) for t in rows[0].texts] != ["tt", "noi dung", "don vi chu tri", "tien do hoan thanh"]:
        raise ParseError("the header TT | NỘI DUNG | ĐƠN VỊ CHỦ TRÌ | TIẾN ĐỘ HOÀN THÀNH",
                         found=" | ".join(rows[0].texts), line=header)  # fmt: skip
    records = []
    for row in rows[1:]:
        if not row[0].text.isdigit():
            raise ParseError("a scheme number", found=row[0].text, line=row.line)
        lead = read_lead(row[2].text, line=row[2].line)
        records.append({
            "no": int(row[0].text), "scheme": row[1].text, "lead": _names(lead), "lead_text": row[2].text,
            "support": "; ".join(a.name for a in lead.support), **_deadline_columns(row[3].text, row[3].line),
            "source": source, "line": row.line,
        })  # fmt: skip
    return ProgrammeTable(
        _typed(pd.DataFrame.from_records(records, columns=SCHEME_COLUMNS)), title, title_line, announced
    )


def report_date(lines: Sequence[str], first: int = 1) -> tuple[date, str, int]:
    """The report's date as an appendix prints it ("ngày /8/2022": no day), read as the last day of
    the month printed, with the text and line (``lines`` start at line ``first``)."""
    line = find_line(lines, r"Kèm theo Báo cáo", what="the line '(Kèm theo Báo cáo số … ngày …)'")
    match = re.search(r"ngày\s*(\d{0,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", lines[line - 1])
    line += first - 1
    if match is None:
        raise ParseError("the report's date 'ngày dd/mm/yyyy' (the day may be blank)", line=line)
    day, month, year = match.group(1), int(match.group(2)), int(match.group(3))
    last = int(day) if day else calendar.monthrange(year, month)[1]
    return date(year, month, last), normalize_space(match.group(0)), line


def phu_luc_1(corpus: Corpus) -> ProgrammeTable:
    return parse_document(corpus[SOURCE], parse_directives)


def phu_luc_3(corpus: Corpus) -> ProgrammeTable:
    return parse_document(corpus[SOURCE], parse_mechanisms)


def phu_luc_4(corpus: Corpus) -> ProgrammeTable:
    return parse_document(corpus[SOURCE], parse_tasks)


def chuong_trinh_35_schemes(corpus: Corpus) -> ProgrammeTable:
    return parse_document(corpus[CTR35], parse_schemes)


def tasks_by_lead(tasks: pd.DataFrame) -> pd.DataFrame:
    """One row per lead of a task (a task led by three agencies gives three rows); a task whose lead
    cell names no agency keeps one row with an empty lead."""
    rows = []
    for task in tasks.itertuples(index=False):
        for name in task.lead.split("; ") if task.lead else [""]:
            found = agency(name) if name else None
            rows.append({
                "group": task.group, "no": task.no, "task": task.task, "lead": name,
                "lead_en": found.name_en if found else "", "lead_short": found.short if found else "",
                "lead_short_en": found.short_en if found else "",
                "lead_kind": found.kind if found else "", "leads": len(task.lead.split("; ")) if task.lead else 0,
                "deadline_form": task.deadline_form, "start_year": task.start_year, "end_year": task.end_year,
                "due": task.due, "recurring": task.recurring, "status": task.status,
                "source": task.source, "line": task.line,
            })  # fmt: skip
    return _typed(pd.DataFrame.from_records(rows, columns=BY_LEAD_COLUMNS))


DIRECTIVE_COLUMNS = ["issuer", "no", "doc_type", "number", "date", "reference", "summary", "source", "line"]
MECHANISM_COLUMNS = ["no", "mechanism", "lead", "lead_text", "progress", "source", "line"]
DEADLINE_COLUMNS = ["deadline_text", "deadline_form", "start_year", "end_year", "due", "recurring"]
TASK_COLUMNS = ["group", "group_title", "no", "task", "lead", "lead_text", *DEADLINE_COLUMNS]
TASK_COLUMNS += ["progress", "status", "status_phrase", "reported", "source", "line"]
SCHEME_COLUMNS = ["no", "scheme", "lead", "lead_text", "support", *DEADLINE_COLUMNS, "source", "line"]
BY_LEAD_COLUMNS = [
    "group",
    "no",
    "task",
    "lead",
    "lead_en",
    "lead_short",
    "lead_short_en",
    "lead_kind",
    "leads",
]
BY_LEAD_COLUMNS += ["deadline_form", "start_year", "end_year", "due", "recurring", "status", "source", "line"]

_text = pa.Column(str)
_no = pa.Column(int, pa.Check.ge(1))
_leads = pa.Column(
    str, pa.Check(lambda s: s.map(lambda v: all(n in agency_names() for n in v.split("; ") if v)))
)
_deadline = {
    "deadline_text": _text,
    "deadline_form": pa.Column(str, pa.Check.str_matches(r"^[a-z+]+$")),
    "start_year": pa.Column("Int64", pa.Check.in_range(2020, 2030), nullable=True),
    "end_year": pa.Column("Int64", pa.Check.in_range(2020, 2030), nullable=True),
    "due": pa.Column(pa.DateTime, nullable=True),
    "recurring": pa.Column(bool),
}
_years_ordered = pa.Check(
    lambda df: df["end_year"].isna() | df["start_year"].isna() | (df["start_year"] <= df["end_year"]),
    error="start_year <= end_year",
)
_GROUPS = ["I", "II", "III", "IV", "V", "VI", "VII"]
_PROGRESS_NOTE = (
    "progress is the report's own text (HTML remnants removed, cells split over a page break joined). status is "
    "'completed' or 'in progress' only where the whole text is 'Đã hoàn thành' or 'Đang triển khai thực hiện' "
    "(status_phrase quotes it); every longer text is left unclassified: qnlib never judges a task done or late."
)
_DEADLINE_NOTE = (
    "deadline_text is the cell as printed; start_year/end_year are the years it spans, due the last day it allows "
    "(31/12 for a year, the quarter's or month's last day), recurring marks 'Hàng năm'. deadline_form lists the "
    "forms read (year, range, period, quarter, month, before, from, annual); 'none' marks a cell that holds no "
    "deadline (it keeps its text, and qnlib check lists it). 'Từ năm 2021' has a start and no end: nothing is guessed."
)

DATASETS = [
    Dataset(
        name="directives",
        description="The documents issued to carry out Resolution 06-NQ/TU, by issuer, with number, date and subject.",
        source=SOURCE,
        table="Phụ lục 1 – Danh mục các văn bản chỉ đạo của Tỉnh ủy, HĐND, UBND tỉnh",
        schema=schema(
            {
                "issuer": pa.Column(str, pa.Check.isin(list(ISSUERS.values()))),
                "no": _no,
                "doc_type": _text,
                "number": pa.Column(str, pa.Check.str_length(min_value=3)),
                "date": pa.Column(
                    pa.DateTime, pa.Check.in_range(pd.Timestamp("2019-01-01"), pd.Timestamp("2023-01-01"))
                ),
                "reference": _text,
                "summary": _text,
            },
            unique=["issuer", "no"],
        ),
        extract=lambda tables: tables.get(phu_luc_1).frame,
        notes=(
            "issuer is the section the document is listed under (I Tỉnh ủy, II HĐND, III UBND), as the table groups "
            "them. reference is the cell as printed; number and date are read from it (row 46 lists two letters: "
            "number holds both, joined by '; ', date is the first one's).",
        ),
    ),
    Dataset(
        name="mechanisms",
        description="The mechanisms and policies Resolution 06-NQ/TU asks for, who leads each and the progress reported.",
        source=SOURCE,
        table="Phụ lục 3 – Kết quả, tiến độ xây dựng các cơ chế, chính sách thực hiện Nghị quyết số 06-NQ/TU",
        schema=schema(
            {"no": _no, "mechanism": _text, "lead": _leads, "lead_text": _text, "progress": _text},
            unique=["no"],
        ),
        extract=lambda tables: tables.get(phu_luc_3).frame,
        notes=(
            "lead holds the canonical names of the agencies the lead cell names (qnlib/agencies.yml), joined by "
            "'; '; lead_text is the cell as printed. Row 7 has no lead and no progress in the document.",
        ),
    ),
    Dataset(
        name="tasks",
        description="The tasks of action programme 4594/CTr-UBND (Resolution 06), by group, with leads, deadlines and progress.",
        source=SOURCE,
        table="Phụ lục 4 – Kết quả thực hiện 73 nhiệm vụ cụ thể tại Chương trình hành động số 4594/CTr-UBND",
        schema=schema(
            {
                "group": pa.Column(str, pa.Check.isin(_GROUPS)),
                "group_title": pa.Column(str, pa.Check.str_length(min_value=3)),
                "no": _no,
                "task": _text,
                "lead": _leads,
                "lead_text": _text,
                **_deadline,
                "progress": _text,
                "status": pa.Column(str, pa.Check.isin(["", *STATUS_TEXTS.values()])),
                "status_phrase": _text,
                "reported": pa.Column(pa.DateTime),
            },
            checks=[_years_ordered],
        ),
        extract=lambda tables: tables.get(phu_luc_4).frame,
        notes=(
            "no is the number as printed: the document numbers two tasks 63 (qnlib check reports it), so "
            "(no, line) identifies a task.",
            "lead: canonical agency names joined by '; ' (see tasks_by_lead); lead_text is the cell as printed. "
            "Task 66's lead cell holds a document number ('1920/UBND-TH4 ngày 28/3/2022'), not an agency: its lead "
            "is empty and qnlib check lists it.",
            _DEADLINE_NOTE,
            _PROGRESS_NOTE,
            "reported: the report's date. Its appendices print 'ngày /8/2022' (no day), so it is read as the "
            "last day of that month, 31/08/2022; the progress texts describe the tasks as of then.",
        ),
    ),
    Dataset(
        name="tasks_by_lead",
        description="The tasks of programme 4594/CTr-UBND, one row per lead agency (a task with three leads gives three rows).",
        source=SOURCE,
        table="Phụ lục 4 – Kết quả thực hiện 73 nhiệm vụ cụ thể tại Chương trình hành động số 4594/CTr-UBND",
        schema=schema(
            {
                "group": pa.Column(str, pa.Check.isin(_GROUPS)),
                "no": _no,
                "task": _text,
                "lead": _leads,
                "lead_en": _text,
                "lead_short": _text,
                "lead_short_en": _text,
                "lead_kind": pa.Column(str, pa.Check.isin(["", *AGENCY_KINDS])),
                "leads": pa.Column(int, pa.Check.ge(0)),
                **{k: v for k, v in _deadline.items() if k != "deadline_text"},
                "status": _text,
            },
            unique=["line", "lead"],
        ),
        extract=lambda tables: tasks_by_lead(tables.get(phu_luc_4).frame),
        notes=(
            "leads is how many agencies share the task: count tasks with 1/leads per row, or count rows to see "
            "each agency's load. A task whose lead cell names no agency has one row with an empty lead.",
        ),
    ),
    Dataset(
        name="schemes",
        description="The key schemes and programmes of action programme 35/CTr-UBND, with lead agency and deadline.",
        source=CTR35,
        table="Các đề án, chương trình trọng điểm thực hiện trong giai đoạn 2020 – 2025",
        schema=schema(
            {
                "no": _no,
                "scheme": _text,
                "lead": _leads,
                "lead_text": _text,
                "support": _leads,
                **_deadline,
            },
            unique=["no"],
            checks=[_years_ordered],
        ),
        extract=lambda tables: tables.get(chuong_trinh_35_schemes).frame,
        notes=(
            "lead and support: canonical agency names; 'X chủ trì tham mưu; Y phối hợp' gives lead X and support Y.",
            _DEADLINE_NOTE,
        ),
    ),
]
