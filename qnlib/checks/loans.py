"""Phụ lục 6 (loans) against its own totals and rates."""

from __future__ import annotations

from collections.abc import Iterator

from ..datasets import Tables
from ..datasets.loans import INTEGER_COLUMNS, NUMERIC_COLUMNS, phu_luc_6
from .base import CheckResult, figure

SOURCE = "bc06_2022"


def loan_totals(tables: Tables) -> Iterator[CheckResult]:
    """District rows against each printed total row (year totals, grand total), every column."""
    table = tables.get(phu_luc_6)
    for total in table.totals:
        rows = table.frame[table.frame["year"].isin(total.years)]
        span = f"{SOURCE}:{rows['line'].min()}-{rows['line'].max()}"
        for column in NUMERIC_COLUMNS.values():
            printed = total.values[column]
            check = f"loans.total/{total.label}/{column}"
            if column == "disbursement_rate_pct":
                expected = round(100 * total.values["disbursed_mvnd"] / total.values["planned_mvnd"], 2)
                yield figure(check, "loans_total_rate", printed, expected, f"{SOURCE}:{total.line}",
                             other=f"{SOURCE}:{total.line}", label=total.label, unit="%")  # fmt: skip
                continue
            expected = rows[column].sum().item()
            expected = expected if column in INTEGER_COLUMNS else round(expected, 2)
            yield figure(check, "loans_total", printed, expected, f"{SOURCE}:{total.line}", other=span,
                         label=total.label, column=column, rows=len(rows))  # fmt: skip


def loan_rates(tables: Tables) -> Iterator[CheckResult]:
    """Each district's printed disbursement rate against its disbursed / planned."""
    frame = tables.get(phu_luc_6).frame
    for row in frame.itertuples():
        expected = round(100 * row.disbursed_mvnd / row.planned_mvnd, 2)
        yield figure(f"loans.rate/{row.year}/{row.district}", "loans_rate", row.disbursement_rate_pct, expected,
                     f"{SOURCE}:{row.line}", ok=abs(expected - row.disbursement_rate_pct) <= 0.005,
                     district=row.district, year=row.year, unit="%")  # fmt: skip
