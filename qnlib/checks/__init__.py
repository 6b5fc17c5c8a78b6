"""Reconciliation: the documents against their own totals (and against each other).

Every check compares two things a document prints, or a printed figure with
what its rows add up to. A disagreement is *reported* (status ``mismatch``, both
sides, and where each is printed), never corrected and never an exception:
analysts must see that a source contradicts itself before they quote it.

Each check is a small named function over the parsed tables that yields
:class:`CheckResult` rows; :data:`CHECKS` lists them in the order they report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from .. import config
from ..datasets import Tables
from ..sources import read_corpus
from . import cross, loans, ntm, programme
from .base import CheckResult

__all__ = ["CHECKS", "COLUMNS", "CheckResult", "check", "run_checks"]

COLUMNS = ["check", "status", "expected", "found", "detail", "source"]

CHECKS: list[Callable[[Tables], Iterable[CheckResult]]] = [
    loans.loan_totals,
    loans.loan_rates,
    ntm.pb01_total_vs_notes,
    ntm.pb02_subtotals,
    ntm.pb02_total,
    ntm.pb02_vs_pb01,
    ntm.pb03_total,
    ntm.pb03_denominators,
    cross.income_and_poverty,
    cross.poverty_reduction_households,
    cross.shares_and_increments,
    cross.prose_targets_vs_plans,
    cross.other_targets_vs_plans,
    cross.yearly_notes_vs_tables,
    cross.named_for_2022_vs_plan,
    programme.announced_counts,
    programme.numbering,
    programme.repeated_documents,
    programme.cells_without_deadline,
    programme.cells_without_lead,
]


def run_checks(tables: Tables) -> pd.DataFrame:
    """All checks over already parsed tables."""
    results = [asdict(result) for check_fn in CHECKS for result in check_fn(tables)]
    return pd.DataFrame(results, columns=COLUMNS)


def check(raw_dir: Path = config.RAW_DIR) -> pd.DataFrame:
    """One row per consistency check: check, status (ok | mismatch), expected, found, detail, source."""
    return run_checks(Tables(read_corpus(raw_dir)))
