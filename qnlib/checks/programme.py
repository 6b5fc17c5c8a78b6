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
from .base import CheckResult, figure, finding

TABLES = {  # table id (templates: checks.table_<id>, checks.row_<id>) -> parser, document
    "pl3": (phu_luc_3, SOURCE),
    "pl4": (phu_luc_4, SOURCE),
    "ctr35_schemes": (chuong_trinh_35_schemes, CTR35),
}


def announced_counts(tables: Tables) -> Iterator[CheckResult]:
    """A count the title announces against the rows of the table."""
    for name, (parse, source) in TABLES.items():
        table: ProgrammeTable = tables.get(parse)
        if table.announced is not None:
            yield figure(f"{name}.announced", "announced_count", table.announced, len(table.frame),
                         f"{source}:{table.title_line}", table=name, title=table.title)  # fmt: skip


def _sections(tables: Tables) -> Iterator[tuple[str, str, pd.DataFrame, str]]:
    """(table id, issuer or "", rows, document) of every numbered table; Phụ lục 1 per issuer."""
    for issuer, rows in tables.get(phu_luc_1).frame.groupby("issuer", sort=False):
        yield "pl1", str(issuer), rows, SOURCE
    for name, (parse, source) in TABLES.items():
        yield name, "", tables.get(parse).frame, source


def numbering(tables: Tables) -> Iterator[CheckResult]:
    """Each table's numbers run 1, 2, …, n once each (Phụ lục 1 restarts in each section)."""
    for name, issuer, rows, source in _sections(tables):
        counts = Counter(rows["no"].tolist())
        check, last = f"{name}{'/' + issuer if issuer else ''}.numbering", max(counts)
        repeated = {n: c for n, c in sorted(counts.items()) if c > 1}
        skipped = [n for n in range(1, last + 1) if n not in counts]
        for n, count in repeated.items():
            lines = [int(x) for x in rows.loc[rows["no"] == n, "line"]]
            yield finding(f"{check}/repeated/{n}", "numbering_repeated", f"{source}:{lines[0]}", printed=n,
                          table=name, issuer=issuer, count=count, lines=lines)  # fmt: skip
        if skipped:
            yield finding(f"{check}/skipped", "numbering_skipped", f"{source}:{int(rows['line'].iloc[0])}",
                          table=name, issuer=issuer, numbers=skipped)  # fmt: skip
        if not repeated and not skipped:
            yield finding(check, "numbering_ok", f"{source}:{int(rows['line'].iloc[0])}", ok=True, table=name,
                          issuer=issuer, rows=len(rows), last=last)  # fmt: skip


def repeated_documents(tables: Tables) -> Iterator[CheckResult]:
    """A document number listed twice in Phụ lục 1 (with its dates and subjects)."""
    directives = tables.get(phu_luc_1).frame
    repeated = directives[directives["number"].duplicated(keep=False)]
    for number, rows in repeated.groupby("number", sort=False):
        listed = [{"issuer": r.issuer, "no": r.no, "line": r.line, "date": f"{r.date:%Y-%m-%d}", "summary": r.summary}
                  for r in rows.itertuples()]  # fmt: skip
        yield finding(f"pl1.repeated/{number}", "repeated_document", f"{SOURCE}:{int(rows['line'].iloc[0])}",
                      printed=number, number=number, listed=listed)  # fmt: skip
    if repeated.empty:
        yield finding("pl1.repeated", "repeated_none", f"{SOURCE}:{int(directives['line'].iloc[0])}", ok=True,
                      rows=len(directives))  # fmt: skip


def cells_without_deadline(tables: Tables) -> Iterator[CheckResult]:
    """Task and scheme rows whose deadline cell holds no deadline: kept as printed, with no years."""
    for name, (parse, source) in TABLES.items():
        frame = tables.get(parse).frame
        if "deadline_form" not in frame:
            continue
        missing = frame[frame["deadline_form"] == "none"]
        for row in missing.itertuples():
            yield finding(f"{name}.deadline/{row.no}", "no_deadline", f"{source}:{row.line}",
                          printed=row.deadline_text, table=name, no=row.no)  # fmt: skip
        if missing.empty:
            yield finding(f"{name}.deadline", "deadlines_all", f"{source}:{int(frame['line'].iloc[0])}", ok=True,
                          table=name, rows=len(frame))  # fmt: skip


def cells_without_lead(tables: Tables) -> Iterator[CheckResult]:
    """Rows whose lead cell names no agency (empty, or a document number in the lead column)."""
    for name, (parse, source) in TABLES.items():
        frame = tables.get(parse).frame
        missing = frame[frame["lead"] == ""]
        for row in missing.itertuples():
            yield finding(f"{name}.lead/{row.no}", "no_lead", f"{source}:{row.line}", printed=row.lead_text,
                          table=name, no=row.no)  # fmt: skip
        if missing.empty:
            yield finding(f"{name}.lead", "leads_all", f"{source}:{int(frame['line'].iloc[0])}", ok=True,
                          table=name, rows=len(frame))  # fmt: skip
