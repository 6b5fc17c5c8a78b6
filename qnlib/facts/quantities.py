"""One story across the pack: the quantities the analyses quote, by a name that says what they count.

Several slides quote the same quantity (the model-NTM communes by 2021 appear on the running
totals, the districts chart and the map). :func:`quantities` lists, for each facts object, the
quantities its titles and conclusions quote; a test gathers them over every analysis and
requires one value per quantity, unless the documents themselves give two values and
:data:`DOCUMENTED` names the ``qnlib check`` result that reports it (every slide that uses
one of them then says so in its notes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .income import IncomeFacts
from .loans import LoanFacts
from .ntm import NtmFacts
from .poverty import PovertyFacts
from .programme import ProgrammeFacts

__all__ = ["DOCUMENTED", "Quantity", "quantities"]

# Quantities the documents give two values for -> the check that reports the disagreement.
DOCUMENTED = {
    # the notes under Phụ biểu 01 add up to 20 model communes by 2021; Phụ biểu 02 marks 21
    "ntm.communes_2021.model": "cross.notes_vs_pb02/model",
}


@dataclass(frozen=True)
class Quantity:
    key: str  # what is counted ("ntm.communes_2021.model")
    value: float
    field: str  # where the facts object holds it ("NtmFacts.marked_model")


def _ntm(f: NtmFacts) -> Iterator[tuple[str, Any, str]]:
    if f.district is not None:
        return
    for level, value in f.reached_2021.items():
        yield f"ntm.communes_2021.{level}", value, f"reached_2021[{level}]"
    for level in ("advanced", "model"):
        yield f"ntm.communes_2021.{level}", f.marked_achieved[level], f"marked_achieved[{level}]"
        yield f"ntm.planned_2022_2025.{level}", f.planned[level], f"planned[{level}]"
        yield f"ntm.communes_2025.{level}", f.by_2025[level], f"by_2025[{level}]"
        yield f"ntm.raised_by_2025.{level}", f.planned_up[level], f"planned_up[{level}]"
    yield "ntm.communes_2021.model", f.highest_2021["model"], "highest_2021[model]"
    yield "ntm.communes_2021.model", f.notes_model, "notes_model"
    yield "ntm.communes_2021.model", f.marked_model, "marked_model"
    yield "ntm.communes", f.n_communes, "n_communes"
    yield "ntm.communes_2022.advanced", f.advanced_2022_plan, "advanced_2022_plan"


def _income(f: IncomeFacts) -> Iterator[tuple[str, Any, str]]:
    yield f"income.{f.area}.{f.base_year}", f.base_value, "base_value"
    yield f"income.{f.area}.{f.first_year}", f.first_value, "first_value"
    yield f"income.{f.area}.{f.latest_year}", f.latest_value, "latest_value"
    yield f"income.{f.area}.target_{f.target_year}", f.target_value, "target_value"


def _poverty(f: PovertyFacts) -> Iterator[tuple[str, Any, str]]:
    yield f"poverty.poor_households.{f.year}", f.poor, "poor"
    yield f"poverty.rate.{f.year}", f.rate, "rate"
    yield f"poverty.poor_households_em.{f.year}", f.poor_em, "poor_em"
    yield f"poverty.cap.{f.cap_year}", f.cap, "cap"


def _loans(f: LoanFacts) -> Iterator[tuple[str, Any, str]]:
    for year in f.totals:
        yield f"loans.capital.{year.year}", year.capital, f"totals[{year.year}].capital"
        yield f"loans.households.{year.year}", year.households, f"totals[{year.year}].households"


def _programme(f: ProgrammeFacts) -> Iterator[tuple[str, Any, str]]:
    if f.agency is None and f.group is None:
        yield "programme.tasks", f.tasks, "tasks"
    yield "programme.tasks_listed", f.tasks_all, "tasks_all"


QUOTED = {
    NtmFacts: _ntm,
    IncomeFacts: _income,
    PovertyFacts: _poverty,
    LoanFacts: _loans,
    ProgrammeFacts: _programme,
}


def quantities(facts: Any) -> list[Quantity]:
    """The quantities ``facts`` quotes, each by what it counts."""
    name = type(facts).__name__
    return [
        Quantity(key, float(value), f"{name}.{field}") for key, value, field in QUOTED[type(facts)](facts)
    ]
