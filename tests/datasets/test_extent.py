"""Tables know their own extent and numbering (issue 19): Phụ biểu 01 of Quyết định 2877.

Every edit below is one a copy-paste or OCR slip makes. Each must stop the build with the file's
line, or leave the data unchanged – never drop, shift or renumber rows silently.
"""

import random

import pandas as pd
import pytest

from qnlib.datasets.ntm import parse_pb01
from qnlib.errors import ParseError

HEADING, FIRST_ROW, CONG, NOTES = 227, 228, 472, 479  # lines of the raw copy (read in an editor)


@pytest.fixture(scope="module")
def lines(corpus):
    return list(corpus["qd2877_2022"].lines)


def _parse(lines):
    return parse_pb01(lines, "qd2877_2022")


def test_the_lines_this_module_relies_on(lines):
    assert lines[HEADING - 1].strip().startswith("(Kèm theo Quyết định số 2877/QĐ-UBND")
    assert lines[FIRST_ROW - 1].strip() == "Xã Bản Sen" and lines[CONG - 1].strip() == "Cộng"
    assert lines[NOTES - 1] == "Ghi chú:"


def test_an_odd_line_inside_the_table_is_an_error_not_its_start(lines):
    """Before: the walk back from the notes stopped at the odd line, and the 27 rows above it became
    fewer, silently. Now the table runs from its heading to its notes."""
    edited = lines.copy()
    edited[300 - 1] = "2019"  # the tab lost from Liên Vị's year cell (line 300)
    with pytest.raises(
        ParseError, match=r", line 300: expected a cell line \(led by a tab\) or a blank line"
    ):
        _parse(edited)


def test_a_lost_heading_is_an_error(lines):
    edited = lines.copy()
    edited[HEADING - 1] = " (Kèm theo)"
    with pytest.raises(ParseError, match="the heading of Phụ biểu 01"):
        _parse(edited)


def test_two_swapped_lines_cannot_renumber_a_commune(lines):
    """Lục Hồn is commune 96 (line 447); a swap with the district number 4 above it used to give it 4."""
    edited = lines.copy()
    number, local = lines.index("\t96"), lines.index("\t96") + 1
    edited[number], edited[local] = edited[local], edited[number]
    with pytest.raises(ParseError, match=rf", line {number + 1}: expected commune number 96"):
        _parse(edited)


@pytest.mark.parametrize("change", ["gap", "repeat"])
def test_a_gap_or_a_repeat_in_the_numbering_is_an_error(lines, change):
    edited = lines.copy()
    at = lines.index("\t85")
    edited[at] = "\t86" if change == "gap" else "\t84"
    with pytest.raises(ParseError, match=rf", line {at + 1}: expected commune number 85"):
        _parse(edited)


def test_the_district_numbering_restarts_and_runs_on(lines):
    edited = lines.copy()
    at = lines.index("\t85") + 1  # Tràng An is the 4th commune of Đông Triều
    assert edited[at] == "\t4"
    edited[at] = "\t5"
    with pytest.raises(ParseError, match=rf", line {at + 1}: expected number 4 within the district"):
        _parse(edited)


def test_a_row_after_the_total_is_an_error(lines):
    row = ["\t99", "\t7", "\tXã Mới", "\t2020", "\t ", "\t ", "\t "]
    edited = lines.copy()
    edited[CONG + 4 : CONG + 4] = ["", *row]
    with pytest.raises(
        ParseError, match=f", line {CONG + 6}: expected nothing after the 'Cộng' \\(total\\) row"
    ):
        _parse(edited)
    edited = lines.copy()
    edited[CONG + 4 : CONG + 4] = row  # no blank line between: the lines join the total row
    with pytest.raises(
        ParseError, match=f", line {CONG - 2}: expected the 'Cộng' \\(total\\) row of 7 cells"
    ):
        _parse(edited)


# ------------------------------------------------------------------ a seeded fuzz of the table


def _edits(lines, seed: int, count: int, first: int = FIRST_ROW, last: int = CONG):
    """Single non-digit slips inside the table (lines ``first``–``last``): a letter or tab substituted,
    deleted or inserted, a line split or joined, a line duplicated, two lines swapped."""
    rng = random.Random(seed)
    letters = "aàbcđeêghiklmnoôơpqrstuưvxyAĐHLNTX -.,:\t"
    for _ in range(count):
        edited = lines.copy()
        at = rng.randrange(first - 1, last)
        line = edited[at]
        kind = rng.choice(["substitute", "delete", "insert", "split", "join", "duplicate", "swap"])
        if kind in ("substitute", "delete", "insert"):
            spots = [i for i, c in enumerate(line) if not c.isdigit()] or [0]
            i = rng.choice(spots)
            new = rng.choice(letters)
            line = {"substitute": line[:i] + new + line[i + 1 :], "delete": line[:i] + line[i + 1 :],
                    "insert": line[:i] + new + line[i:]}[kind]  # fmt: skip
            edited[at] = line
        elif kind == "split":
            i = rng.randrange(1, max(2, len(line)))
            edited[at : at + 1] = [line[:i], line[i:]]
        elif kind == "join":
            edited[at : at + 2] = [line + edited[at + 1]]
        elif kind == "duplicate":
            edited.insert(at, line)
        else:
            edited[at], edited[at + 1] = edited[at + 1], edited[at]
        yield kind, at + 1, edited


def fuzz(parse, frames, lines, first: int, last: int, seed: int, count: int) -> dict[str, list]:
    """Each edit's outcome: refused (a ParseError naming a line, in one line of text), unchanged (the
    same data, rows' ``line`` aside), faithful (a letter changed inside one cell: only the row holding
    the edited line differs, as the edited document now says), silent (anything else changed, no
    error) or traceback (any other exception)."""
    good = frames(parse(lines))
    outcome: dict[str, list] = {"refused": [], "unchanged": [], "faithful": [], "silent": [], "traceback": []}
    for kind, line, edited in _edits(lines, seed, count, first, last):
        try:
            found = frames(parse(edited))
        except ParseError as error:
            located = ", line " in str(error) or str(error).startswith("line ")
            outcome["refused" if located and "\n" not in str(error) else "traceback"].append((kind, line))
            continue
        except Exception as error:  # the fuzz counts what escapes
            outcome["traceback"].append((kind, line, repr(error)))
            continue
        same = all(a.drop(columns="line", errors="ignore").equals(b.drop(columns="line", errors="ignore"))
                   for a, b in zip(found, good, strict=True))  # fmt: skip
        if same:
            outcome["unchanged"].append((kind, line))
        elif kind in ("substitute", "delete", "insert") and all(
            _only_row_of(a, b, line) for a, b in zip(found, good, strict=True)
        ):
            outcome["faithful"].append((kind, line))
        else:
            outcome["silent"].append((kind, line))
    return outcome


def _only_row_of(found: pd.DataFrame, good: pd.DataFrame, line: int) -> bool:
    """The edit shows in the data as it is: the rows are the same ones (same lines); the row holding
    the edited line may differ in any column (its text and what is read from it, such as a status),
    and any other row only in texts one character apart (a group's title repeated on its rows)."""
    if len(found) != len(good) or "line" not in good or list(found["line"]) != list(good["line"]):
        return False
    starts = [n for n in good["line"] if n <= line]
    holder = max(starts) if starts else None
    a = found.drop(columns="line").astype(object).where(found.drop(columns="line").notna(), "")
    b = good.drop(columns="line").astype(object).where(good.drop(columns="line").notna(), "")
    for i, row_line in enumerate(good["line"]):
        if row_line == holder:
            continue
        for x, y in zip(a.iloc[i], b.iloc[i], strict=True):
            if str(x) != str(y) and not (isinstance(x, str) and isinstance(y, str) and _one_apart(x, y)):
                return False
    return True


def _one_apart(x: str, y: str) -> bool:
    import difflib

    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
                  if tag != "equal")  # fmt: skip
    return changed <= 2  # one character, or a space collapsed beside it


def _pb01_frames(result):
    return [result.communes, result.yearly, pd.DataFrame([result.total])]


def test_fuzz_phu_bieu_01_refused_with_a_line_or_unchanged_never_silent(lines):
    outcome = fuzz(_parse, _pb01_frames, lines, FIRST_ROW, CONG, seed=19, count=40)
    assert outcome["silent"] == [] and outcome["traceback"] == []
    assert len(outcome["refused"]) + len(outcome["unchanged"]) == 40 and outcome["refused"]


def test_a_year_in_the_wrong_column_breaks_the_ladder(lines):
    """Hiệp Hòa (lines 251–255): NTM 2018, advanced 2020. Swapping the two cells would make it reach
    advanced two years before NTM; moving 2020 to the model column, model without advanced."""
    edited = lines.copy()
    edited[252 - 1], edited[253 - 1] = edited[253 - 1], edited[252 - 1]
    with pytest.raises(
        ParseError, match=r", line 253: expected the advanced year no earlier than the ntm year"
    ):
        _parse(edited)
    edited = lines.copy()
    edited[253 - 1], edited[254 - 1] = edited[254 - 1], edited[253 - 1]
    with pytest.raises(
        ParseError, match=r", line 254: expected the model year no earlier than the advanced year"
    ):
        _parse(edited)


def test_a_year_moved_into_the_note_column_is_an_error(lines):
    """Thủy An (line 348) is model NTM in 2021; swapped with the empty note cell, the year was dropped."""
    edited = lines.copy()
    edited[348 - 1], edited[349 - 1] = edited[349 - 1], edited[348 - 1]
    with pytest.raises(
        ParseError, match=r", line 349: expected a note or an empty cell after the year columns"
    ):
        _parse(edited)


def test_slips_at_the_edges_of_the_table_are_parse_errors(lines):
    edited = lines.copy()
    edited[FIRST_ROW - 1 : FIRST_ROW + 1] = [
        lines[FIRST_ROW - 1] + lines[FIRST_ROW]
    ]  # Bản Sen's first two lines
    with pytest.raises(ParseError, match=", line 228: "):
        _parse(edited)
    edited = lines.copy()
    edited[CONG - 2], edited[CONG - 1] = edited[CONG - 1], edited[CONG - 2]  # "Cộng" one cell to the left
    with pytest.raises(ParseError, match=f", line {CONG - 1}: expected 'Cộng' in the name column"):
        _parse(edited)


# ------------------------------------------------------------------ Chương trình 35: the schemes table

SCHEMES_FIRST, SCHEMES_LAST = 607, 722  # scheme 1's number to scheme 29's deadline


@pytest.fixture(scope="module")
def ctr35(corpus):
    return list(corpus["ctr35_2021"].lines)


def _schemes(lines):
    from qnlib.datasets.programme import parse_schemes

    return parse_schemes(lines, "ctr35_2021")


def test_the_schemes_lines_this_module_relies_on(ctr35):
    assert (ctr35[SCHEMES_FIRST - 1], ctr35[SCHEMES_LAST - 4]) == ("1 |", "29 |")
    assert ctr35[SCHEMES_LAST] == "Ý kiến bạn đọc"  # the page's footer ends the section


def test_a_stray_character_inside_the_schemes_table_is_an_error(ctr35):
    """Before: the reader stopped at the first line not ending in "|" and kept 7 of 29 schemes."""
    edited = ctr35.copy()
    edited[639 - 1] = "9 |x"
    with pytest.raises(ParseError, match=r", line 639: expected a cell ending in '\|' inside the table"):
        _schemes(edited)


def test_a_lost_cell_is_named_where_the_rows_shift(ctr35):
    edited = ctr35.copy()
    del edited[613 - 1]  # scheme 2's lead: the next row of four now starts with scheme 3's content
    # (the lines below move up one: scheme 3's content, printed on line 616, is line 615 of the edited text)
    with pytest.raises(ParseError, match=r", line 615: expected scheme number 3 starting a row of 4 cells"):
        _schemes(edited)


def test_fuzz_the_schemes_table_refused_with_a_line_or_faithful_never_silent(ctr35):
    outcome = fuzz(_schemes, lambda r: [r.frame], ctr35, SCHEMES_FIRST, SCHEMES_LAST, seed=35, count=40)
    assert outcome["silent"] == [] and outcome["traceback"] == []
    assert sum(map(len, outcome.values())) == 40 and outcome["refused"]


# ------------------------------------------------------------------ Báo cáo 06: Phụ lục 1, 3 and 4 (tab layout)

BC06_TABLES = {  # name: (parser, first row line, last line) – read from the raw copy
    "directives": ("parse_directives", 11, 107),
    "mechanisms": ("parse_mechanisms", 138, 152),
    "tasks": ("parse_tasks", 159, 289),
}


@pytest.fixture(scope="module")
def bc06(corpus):
    return list(corpus["bc06_2022"].lines)


def _bc06(name):
    from qnlib.datasets import programme

    parser = getattr(programme, BC06_TABLES[name][0])
    return lambda lines: parser(lines, "bc06_2022")


def _group_rows(lines) -> set[int]:
    from qnlib.datasets.programme import GROUP

    return {
        n
        for n, line in enumerate(lines, start=1)
        if "\t" in line and GROUP.match(line.split("\t")[0].replace("<b>", ""))
    }


def test_a_tab_typed_into_a_cell_is_an_error_not_a_dropped_cell(bc06):
    """Phụ lục 1, line 11: a tab inside "366-TB/TU" used to push the summary into a fifth cell, ignored."""
    edited = bc06.copy()
    assert "366-TB/TU" in edited[11 - 1]
    edited[11 - 1] = edited[11 - 1].replace("366-TB/TU", "366-TB\t/TU")
    with pytest.raises(ParseError, match=r", line 11: expected a row of 4 cells, as the header"):
        _bc06("directives")(edited)


def test_a_row_split_in_two_is_an_error_not_a_cut_text(bc06):
    edited = bc06.copy()
    head, tail = edited[145 - 1].rsplit(" ", 1)
    edited[145 - 1 : 145] = [head, tail]  # Phụ lục 3, mechanism 6: its last word on a line of its own
    with pytest.raises(
        ParseError, match=r", line 146: expected a row of the table \(cells separated by tabs\)"
    ):
        _bc06("mechanisms")(edited)


def test_a_duplicated_row_names_both_lines(bc06):
    edited = bc06.copy()
    edited.insert(140, edited[140 - 1])  # mechanism 3 (line 140) twice
    with pytest.raises(
        ParseError, match=r", line 141: expected one row numbered 3, found 'the row of line 140 again'"
    ):
        _bc06("mechanisms")(edited)


def test_two_swapped_cells_are_caught_by_the_column_vocabulary(bc06):
    """Phụ lục 1, line 13: kind and number swapped used to read the number from the summary."""
    edited = bc06.copy()
    number, kind, reference, summary = edited[13 - 1].split("\t")
    edited[13 - 1] = "\t".join([number, reference, kind, summary])
    with pytest.raises(ParseError, match=r", line 13: expected a kind of document"):
        _bc06("directives")(edited)


def test_the_documented_slip_is_kept_as_printed(bc06):
    """Phụ lục 4 numbers two different tasks 63 (lines 265, 268): read as printed, reported by the checks."""
    tasks = _bc06("tasks")(bc06).frame
    assert tasks.loc[tasks["no"] == 63, "line"].tolist() == [265, 268]


def test_a_group_numeral_out_of_order_is_an_error(bc06):
    edited = bc06.copy()
    edited[260 - 1] = edited[260 - 1].replace("VI\t", "V\t", 1)
    with pytest.raises(ParseError, match=r", line 260: expected group VI \(groups run I, II, III …\)"):
        _bc06("tasks")(edited)


@pytest.mark.parametrize("name", list(BC06_TABLES))
def test_fuzz_the_report_tables(bc06, name):
    """Refused with a line, unchanged, or changed only as the edit says; never a traceback. Phụ lục 4
    keeps one known blind spot: a task row swapped or joined with the group row next to it moves to
    the neighbouring group (both rows stay well-formed, the numbering runs on)."""
    _, first, last = BC06_TABLES[name]
    outcome = fuzz(_bc06(name), lambda r: [r.frame], bc06, first, last, seed=6, count=30)
    assert outcome["traceback"] == []
    groups = _group_rows(bc06)
    blind = [e for e in outcome["silent"] if e[0] in ("swap", "join") and {e[1], e[1] + 1} & groups]
    assert outcome["silent"] == (blind if name == "tasks" else [])
    assert sum(map(len, outcome.values())) == 30 and outcome["refused"]
