"""The numbers a briefing quotes, one small typed object per analysis.

Notebooks, chart titles and conclusions read their numbers from these objects, so
every number on a slide is computed once, from the data, and can be tested
against the documents without running a notebook.
"""

import dataclasses
from typing import Any

import pandas as pd

from .income import IncomeFacts, income_facts
from .loans import LoanFacts, YearTotal, loan_facts
from .ntm import NtmFacts, ntm_facts
from .poverty import PovertyFacts, poverty_facts
from .programme import ProgrammeFacts, programme_facts
from .scorecard import ScorecardFacts, scorecard_facts

__all__ = [
    "FACTS",
    "IncomeFacts",
    "LoanFacts",
    "NtmFacts",
    "PovertyFacts",
    "ProgrammeFacts",
    "ScorecardFacts",
    "YearTotal",
    "income_facts",
    "loan_facts",
    "ntm_facts",
    "poverty_facts",
    "programme_facts",
    "scorecard_facts",
    "table",
]

# Which facts object each template file's ``facts`` section is rendered from.
FACTS = {
    "income": IncomeFacts,
    "poverty": PovertyFacts,
    "ntm": NtmFacts,
    "loans": LoanFacts,
    "programme": ProgrammeFacts,
    "scorecard": ScorecardFacts,
}


def table(facts: Any) -> pd.DataFrame:
    """A facts object as a two-column table (fact, value), for reading in a notebook."""
    rows = [(f.name, getattr(facts, f.name)) for f in dataclasses.fields(facts)]
    return pd.DataFrame(rows, columns=["fact", "value"]).set_index("fact")
