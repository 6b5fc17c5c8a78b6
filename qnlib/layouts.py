"""Table layouts of the raw documents, read into rows of cells that remember their line.

The seeds come in three plain-text layouts (see ``../shared/seeds/README.md``):

* **tab rows** – one row per line, cells separated by tabs, some cells wrapped in
  ``<b>`` / ``<ul><li>`` HTML (Báo cáo 06, Phụ lục 6);
* **cell lines** – each cell on its own line starting with a tab, an empty cell is a
  no-break space, rows separated by blank lines (Quyết định 2877, Phụ biểu 01–03);
* **pipe cells** – one cell per line ending in ``" |"``, a line of several pipes
  stands for as many empty cells (Chương trình 35's target tables).

Readers here know nothing about any particular table: they return :class:`Row`
objects; the dataset modules decide what the columns mean. Tables are found by
their heading (:func:`find_line`), never by line number.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import ParseError
from .text import NBSP, fold, normalize_space

__all__ = [
    "Cell",
    "Row",
    "cell_rows",
    "find_line",
    "header_columns",
    "is_roman",
    "pipe_cells",
    "pipe_rows",
    "strip_html",
    "tab_rows",
]


@dataclass(frozen=True)
class Cell:
    line: int  # 1-based line of the raw file
    text: str  # cleaned: HTML removed, whitespace collapsed, "" for an empty cell


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]

    @property
    def line(self) -> int:
        """The line the row starts on."""
        return self.cells[0].line

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def __getitem__(self, index: int) -> Cell:
        return self.cells[index]


_TAG = re.compile(r"<[^>]*>")
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def strip_html(text: str) -> str:
    """Cell text without HTML tags or entities, whitespace collapsed."""
    return normalize_space(html.unescape(_TAG.sub(" ", text)))


def is_roman(text: str) -> bool:
    """True for a Roman numeral such as "IV" or "XIII" (section numbers of district rows)."""
    return bool(text) and _ROMAN.fullmatch(text.strip().upper()) is not None


def find_line(
    lines: Sequence[str],
    pattern: str | re.Pattern[str],
    *,
    start: int = 1,
    stop: int | None = None,
    what: str | None = None,
    ignore_accents: bool = False,
) -> int:
    """The first line number (1-based) in ``[start, stop)`` matching ``pattern``.

    ``ignore_accents`` compares without diacritics (for headings typed inconsistently
    or OCR text). Raises :class:`ParseError` naming ``what`` when nothing matches.
    """
    regex = re.compile(pattern) if isinstance(pattern, str) else pattern
    stop = len(lines) + 1 if stop is None else stop
    for number in range(start, stop):
        line = lines[number - 1]
        if regex.search(fold(line) if ignore_accents else line):
            return number
    raise ParseError(what or f"a line matching {regex.pattern!r}", line=start if start > 1 else None)


def tab_rows(lines: Sequence[str], start: int = 1, stop: int | None = None) -> list[Row]:
    """Rows of the tab layout: every non-blank line holding a tab, split on tabs.

    Trailing empty cells are kept, so rows of one table have comparable widths.
    """
    stop = len(lines) + 1 if stop is None else stop
    rows = []
    for number in range(start, stop):
        line = lines[number - 1]
        if "\t" in line and line.strip():
            rows.append(Row(tuple(Cell(number, strip_html(part)) for part in line.split("\t"))))
    return rows


def is_blank(line: str) -> bool:
    """Nothing but spaces (no-break spaces too)."""
    return not line.replace(NBSP, " ").strip()


def is_cell_line(line: str) -> bool:
    """A line of the cell-lines layout: a tab leads it, possibly after spaces."""
    return line.lstrip(" ").startswith("\t")


def cell_rows(lines: Sequence[str], start: int = 1, stop: int | None = None) -> list[Row]:
    """Rows of the cell-lines layout in ``[start, stop)``.

    A row is a run of consecutive cell lines (a line starting with a tab, possibly
    after spaces); blank lines and any other text end the current row.
    """
    stop = len(lines) + 1 if stop is None else stop
    rows: list[Row] = []
    current: list[Cell] = []
    for number in range(start, stop):
        line = lines[number - 1]
        if is_cell_line(line):
            current.append(Cell(number, normalize_space(line)))
            continue
        if current:
            rows.append(Row(tuple(current)))
            current = []
    if current:
        rows.append(Row(tuple(current)))
    return rows


def pipe_cells(
    lines: Sequence[str], start: int = 1, stop: int | None = None, *, extent: bool = False
) -> list[Cell]:
    """Cells of the pipe layout in ``[start, stop)``, in reading order.

    ``"text |"`` is one cell; ``"||"`` is two empty cells. Reading stops at the first
    line that is neither (a table title, the next section). With ``extent``, ``[start, stop)``
    is the table's own extent (its header to the end of its section): the table ends at its last
    cell line, and a line before that which is not a cell is an error naming it – a stray character
    or a split line no longer ends the table there, silently dropping the rows below.
    """
    stop = len(lines) + 1 if stop is None else stop
    last = max((n for n in range(start, stop) if lines[n - 1].rstrip().endswith("|")), default=start - 1)
    cells: list[Cell] = []
    for number in range(start, stop):
        line = lines[number - 1].rstrip()
        if not line:
            continue
        if set(line) <= {"|", " "}:
            cells.extend(Cell(number, "") for _ in range(line.count("|")))
        elif line.endswith("|"):
            cells.append(Cell(number, normalize_space(line[:-1])))
        elif extent and number < last:
            raise ParseError("a cell ending in '|' inside the table", found=line.strip()[:60], line=number)
        else:
            break
    return cells


def pipe_rows(cells: Sequence[Cell], width: int) -> list[Row]:
    """Group pipe-layout cells into rows of ``width`` cells.

    Raises :class:`ParseError` when the cells do not divide into whole rows, which
    means the table changed shape.
    """
    if width < 1 or len(cells) % width:
        line = cells[-1].line if cells else None
        raise ParseError(f"a table of {width} columns", found=f"{len(cells)} cells", line=line)
    return [Row(tuple(cells[i : i + width])) for i in range(0, len(cells), width)]


def header_columns(rows: Iterable[Row]) -> list[str]:
    """Column names of a header that spans several rows (merged cells).

    A column's name is the text of the lowest header row that names it: in
    ``["TT", "Tổng vốn", "Kết quả", ""]`` over ``["", "", "Số hộ vay", "Số vốn"]``
    the columns are TT, Tổng vốn, Số hộ vay, Số vốn.
    """
    names: list[str] = []
    for row in rows:
        for index, text in enumerate(row.texts):
            if index >= len(names):
                names.append(text)
            elif text:
                names[index] = text
    return names


class Numbering:
    """A table's row numbers run on by one, so a lost, duplicated or swapped line is an error naming
    its row, never a row silently dropped or given another's number.

    After :meth:`restart` (a group row) the numbers start again at ``first`` – or, where a table's
    groups may also number on (``runs_on``: Phụ lục 4's tasks run 1–73 across groups), at either. A number printed
    twice is an error when the two rows are the same (a duplicated line); when they differ it is read
    as printed if ``slips`` allows – a slip of the document that ``qnlib check`` reports (Phụ lục 4's
    two 63s). ``first=None`` accepts any first number (a copy that starts part-way).
    """

    def __init__(self, what: str, rule: str, *, first: int | None = 1, slips: bool = False,
                 runs_on: bool = False) -> None:  # fmt: skip
        """``what`` names a number ("commune number {n}"), ``rule`` says how they run, for the message."""
        self.what, self.rule, self.first, self.slips, self.runs_on = what, rule, first, slips, runs_on
        self.last: tuple[int, Row] | None = None
        self.restarted = True

    def restart(self, first: int | None = 1) -> None:
        self.restarted, self.first = True, first

    def check(self, number: int, row: Row, line: int | None = None) -> None:
        line = row.line if line is None else line
        allowed = (
            {self.last[0] + 1} if self.last is not None and (self.runs_on or not self.restarted) else set()
        )
        if self.restarted:
            allowed |= {number} if self.first is None else {self.first}
        if number not in allowed:
            repeated = self.last is not None and number == self.last[0]
            if repeated and row.texts == self.last[1].texts:
                raise ParseError(f"one row numbered {number}", found=f"the row of line {self.last[1].line} again",
                                 line=line)  # fmt: skip
            if not (repeated and self.slips):
                expected = " or ".join(map(str, sorted(allowed)))
                raise ParseError(
                    f"{self.what.format(n=expected)} ({self.rule})", found=str(number), line=line
                )
        self.last, self.restarted = (number, row), False
