"""A seeded fuzz of the tables: single slips as a copy-paste or OCR makes them, and what became of each.

Used by the tests (``tests/datasets/test_extent.py``, about 20 edits a table) and by
``benchmarks/fuzz_tables.py`` (hundreds, for the counts in the README).
"""

import difflib
import random

import pandas as pd

from qnlib.errors import ParseError

OUTCOMES = ("refused", "unchanged", "faithful", "caught", "silent", "traceback")


def edits(lines, seed: int, count: int, first: int, last: int):
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


def fuzz(parse, frames, lines, first: int, last: int, seed: int, count: int, caught=None) -> dict[str, list]:
    """Each edit's outcome: refused (a ParseError in one line of text naming a line, or the heading
    it lost), unchanged (the same data, rows' ``line`` aside), faithful (a letter changed inside one
    cell: only the row holding the edited line differs, as the edited document now says), caught (the
    data changed otherwise, and ``caught(edited)`` – the document's own checks – reports it), silent
    (anything else changed, no error) or traceback (any other exception)."""
    good = frames(parse(lines))
    outcome: dict[str, list] = {key: [] for key in OUTCOMES}
    for kind, line, edited in edits(lines, seed, count, first, last):
        try:
            found = frames(parse(edited))
        except ParseError as error:
            located = ", line " in str(error) or str(error).startswith("line ") or "heading" in str(error)
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
        elif caught is not None and caught(edited):
            outcome["caught"].append((kind, line))
        else:
            outcome["silent"].append((kind, line))
    return outcome


def caught_by(corpus, source: str, *checks):
    """``caught`` for :func:`fuzz`: the checks over the edited document report a mismatch they did
    not report over the document as printed (a changed count against the table's own total)."""
    from qnlib.datasets import Tables
    from qnlib.sources import Corpus, Document

    def mismatches(lines) -> set[str]:
        document = corpus[source]
        edited = Corpus(
            {**dict(corpus.items()), source: Document(document.source, "\n".join(lines), document.path)}
        )
        tables = Tables(edited)
        return {r.check for check in checks for r in check(tables) if r.status == "mismatch"}

    printed = mismatches(corpus[source].lines)
    return lambda lines: bool(mismatches(lines) - printed)


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
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
                  if tag != "equal")  # fmt: skip
    return changed <= 2  # one character, or a space collapsed beside it
