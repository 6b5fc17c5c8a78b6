"""Phụ lục 6 (loans) against its own totals and rates."""

from __future__ import annotations

from collections.abc import Iterator

from ..datasets import Tables
from ..datasets.loans import INTEGER_COLUMNS, NUMERIC_COLUMNS, phu_luc_6
from .base import CheckResult, result, vn

SOURCE = "bc06_2022"


def loan_totals(tables: Tables) -> Iterator[CheckResult]:
    """District rows against each printed total row (year totals, grand total), every column."""
    table = tables.get(phu_luc_6)
    for total in table.totals:
        rows = table.frame[table.frame["year"].isin(total.years)]
        lines = f"lines {rows['line'].min()}–{rows['line'].max()}"
        for column in NUMERIC_COLUMNS.values():
            printed = total.values[column]
            if column == "disbursement_rate_pct":
                found = round(100 * total.values["disbursed_mvnd"] / total.values["planned_mvnd"], 2)
                detail = f"printed rate vs disbursed / planned on the '{total.label}' row"
            else:
                found = rows[column].sum().item()
                found = found if column in INTEGER_COLUMNS else round(found, 2)
                detail = f"sum of {len(rows)} district rows ({lines}) vs the '{total.label}' row"
            if printed != found:
                detail += f": printed {vn(printed)}, computed {vn(found)}"
            yield result(f"loans {total.label}: {column}", printed, found, detail, f"{SOURCE}:{total.line}")


def loan_rates(tables: Tables) -> Iterator[CheckResult]:
    """Each district's printed disbursement rate against its disbursed / planned."""
    frame = tables.get(phu_luc_6).frame
    for year, rows in frame.groupby("year"):
        computed = (100 * rows["disbursed_mvnd"] / rows["planned_mvnd"]).round(2)
        wrong = rows[(computed - rows["disbursement_rate_pct"]).abs() > 0.005]
        detail = "each district's printed rate vs its disbursed / planned"
        if len(wrong):
            detail += ": differs on " + ", ".join(f"{r.district} (line {r.line})" for r in wrong.itertuples())
        yield result(f"loans {year}: disbursement rate per district", len(rows), len(rows) - len(wrong), detail,
                     f"{SOURCE}:{rows['line'].min()}")  # fmt: skip
