"""The programme tables against what they say of themselves.

A title that announces a count ("KẾT QUẢ THỰC HIỆN 73 NHIỆM VỤ") against the rows; the
numbering of each table (1, 2, 3, … once each); the same document listed twice in
Phụ lục 1; and the cells that hold no deadline or name no agency, which the datasets keep
as printed (empty years, empty lead) and which a reader must know about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pandas as pd

from ..datasets import Tables
from ..datasets.programme import (
    CTR35,
    SOURCE,
    ProgrammeTable,
    chuong_trinh_35_schemes,
    phu_luc_1,
    phu_luc_3,
    phu_luc_4,
)
from .base import CheckResult, result

TABLES = {
    "Phụ lục 3 (mechanisms)": (phu_luc_3, SOURCE),
    "Phụ lục 4 (tasks)": (phu_luc_4, SOURCE),
    "Chương trình 35 (schemes)": (chuong_trinh_35_schemes, CTR35),
}


def _numbering_problems(numbers: list[int]) -> str:
    """'' when ``numbers`` run 1, 2, …, n once each; otherwise what repeats and what is skipped."""
    counts = Counter(numbers)
    repeated = [f"{n} ×{c}" for n, c in sorted(counts.items()) if c > 1]
    skipped = [str(n) for n in range(1, max(numbers, default=0) + 1) if n not in counts]
    parts = ([f"repeated: {', '.join(repeated)}"] if repeated else []) + (
        [f"skipped: {', '.join(skipped)}"] if skipped else []
    )
    return "; ".join(parts)


def announced_counts(tables: Tables) -> Iterator[CheckResult]:
    """A count the title announces against the rows of the table."""
    for name, (parse, source) in TABLES.items():
        table: ProgrammeTable = tables.get(parse)
        if table.announced is None:
            continue
        rows = len(table.frame)
        detail = f"the title announces {table.announced}: '{table.title}'"
        if rows != table.announced:
            detail += f"; the table has {rows} numbered rows"
        yield result(f"{name}: count in the title vs rows", table.announced, rows, detail,
                     f"{source}:{table.title_line}")  # fmt: skip


def numbering(tables: Tables) -> Iterator[CheckResult]:
    """Each table's numbers run 1, 2, …, n once each (Phụ lục 1 restarts in each section)."""
    sections: list[tuple[str, pd.DataFrame, str]] = []
    directives = tables.get(phu_luc_1).frame
    for issuer, rows in directives.groupby("issuer", sort=False):
        sections.append((f"Phụ lục 1 (directives, {issuer})", rows, SOURCE))
    for name, (parse, source) in TABLES.items():
        sections.append((name, tables.get(parse).frame, source))
    for name, rows, source in sections:
        numbers = rows["no"].tolist()
        problems = _numbering_problems(numbers)
        expected = f"1–{max(numbers)} once each"
        first = rows.loc[rows["no"].duplicated(keep=False), "line"]
        line = int(first.iloc[0]) if problems and len(first) else int(rows["line"].iloc[0])
        detail = f"{len(numbers)} rows numbered {min(numbers)}–{max(numbers)}"
        yield result(f"{name}: numbering", expected, problems or expected, detail + (f"; {problems}" if problems else ""),
                     f"{source}:{line}")  # fmt: skip


def repeated_documents(tables: Tables) -> Iterator[CheckResult]:
    """A document number listed twice in Phụ lục 1 (with its dates and subjects)."""
    directives = tables.get(phu_luc_1).frame
    repeated = directives[directives["number"].duplicated(keep=False)]
    for number, rows in repeated.groupby("number", sort=False):
        listed = "; ".join(
            f"{r.issuer} no. {r.no}, line {r.line}: {r.date:%d/%m/%Y}, '{r.summary[:60]}…'"
            for r in rows.itertuples()
        )
        yield result(f"Phụ lục 1: document {number} listed {len(rows)} times", "listed once", f"listed {len(rows)} times",
                     f"{number} appears as {listed}", f"{SOURCE}:{int(rows['line'].iloc[0])}")  # fmt: skip
    if repeated.empty:
        yield result("Phụ lục 1: each document listed once", "listed once", "listed once", "no number repeats",
                     f"{SOURCE}:{int(directives['line'].iloc[0])}")  # fmt: skip


def cells_without_deadline(tables: Tables) -> Iterator[CheckResult]:
    """Task and scheme rows whose deadline cell holds no deadline: kept as printed, with no years."""
    for name, (parse, source) in TABLES.items():
        frame = tables.get(parse).frame
        if "deadline_form" not in frame:
            continue
        missing = frame[frame["deadline_form"] == "none"]
        for row in missing.itertuples():
            yield result(f"{name}: row {row.no} has no deadline", "a deadline", row.deadline_text or "(empty)",
                         "the deadline column holds other text; start_year and end_year are left empty",
                         f"{source}:{row.line}")  # fmt: skip
        if missing.empty:
            yield result(f"{name}: every row has a deadline", "a deadline", "a deadline",
                         f"{len(frame)} deadline cells read", f"{source}:{int(frame['line'].iloc[0])}")  # fmt: skip


def cells_without_lead(tables: Tables) -> Iterator[CheckResult]:
    """Rows whose lead cell names no agency (empty, or a document number in the lead column)."""
    for name, (parse, source) in TABLES.items():
        frame = tables.get(parse).frame
        missing = frame[frame["lead"] == ""]
        for row in missing.itertuples():
            yield result(f"{name}: row {row.no} names no lead agency", "an agency", row.lead_text or "(empty)",
                         "the lead cell names no agency; lead is left empty", f"{source}:{row.line}")  # fmt: skip
        if missing.empty:
            yield result(f"{name}: every row names a lead agency", "an agency", "an agency",
                         f"{len(frame)} lead cells read", f"{source}:{int(frame['line'].iloc[0])}")  # fmt: skip
