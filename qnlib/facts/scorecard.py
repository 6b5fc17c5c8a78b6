"""The scorecard: how many targets can be assessed, and how many were met or are on track."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import ParameterError
from ..vocabulary import TOPICS

__all__ = ["GROUPS", "TOPICS", "ScorecardFacts", "figure_groups", "scorecard_facts", "select_topic"]

# The scorecard of every topic is drawn in two figures, each with room for its rows.
GROUPS = {"ntm_all": ("ntm",), "others": ("income", "poverty", "economy", "society", "environment")}
MET = ("target_achieved", "on_track")


@dataclass(frozen=True)
class ScorecardFacts:
    topic: str
    as_of: str  # the day the card describes: the parameter, or the latest figure it uses
    targets: int  # numeric targets, each counted once
    worded: int  # targets stated in words, not scored
    assessable: int
    met_or_on_track: int
    achieved: int
    on_track: int
    needs_acceleration: int
    limited_progress: int
    deterioration: int
    not_assessable: int
    after_deadline: int  # assessed with a value from after the target's year
    disagreeing: int  # assessed targets whose sources give other values for the same time
    disagreeing_status: int  # ... where another source's value would change the status
    documents: tuple[str, ...]  # the documents whose targets are scored
    nq06_met: int | None  # "21/25 targets of Resolution 06 met", as reported
    nq06_of: int | None
    nq06_publishers: tuple[str, ...]


def select_topic(card: pd.DataFrame, topic: str) -> pd.DataFrame:
    """The targets of one topic (``"all"``: every target; a key of :data:`GROUPS`: its topics)."""
    if topic not in TOPICS and topic not in GROUPS:
        raise ParameterError(f"parameter 'topic' = {topic!r} is invalid; expected one of {', '.join(TOPICS)}")
    if topic == "all":
        return card
    return card[card["topic"].isin(GROUPS.get(topic, (topic,)))]


def figure_groups(topic: str) -> list[str]:
    """The figures a scorecard of ``topic`` is drawn in: one per group for every topic, else the topic."""
    return list(GROUPS) if topic == "all" else [topic]


def _changes_status(alternatives: object, status: str) -> bool:
    import json

    if not isinstance(alternatives, str):
        return False
    return any(a["status"] != status for a in json.loads(alternatives))


def scorecard_facts(
    card: pd.DataFrame,
    targets: pd.DataFrame,
    reported: pd.DataFrame,
    topic: str = "all",
    as_of: str | None = None,
) -> ScorecardFacts:
    """What the scorecard says for ``topic``, as of ``as_of`` (default: the latest figure it uses)."""
    shown = select_topic(card, topic)
    counted = shown[shown["counted"]]
    status = counted["status"]
    assessed = counted[status != "not_assessable"]
    worded = select_topic(targets, topic)
    latest = list(assessed["latest_as_of"].dropna()) or list(reported["as_of"])
    day = as_of or max(latest)
    nq06 = reported[reported["indicator"] == "nq06_targets_met"]
    if as_of is not None:
        nq06 = nq06[[p <= as_of for p in nq06["published"]]]
    return ScorecardFacts(
        topic=topic,
        as_of=str(day),
        targets=len(counted),
        worded=int(worded["value"].isna().sum()),
        assessable=len(assessed),
        met_or_on_track=int(status.isin(MET).sum()),
        achieved=int((status == "target_achieved").sum()),
        on_track=int((status == "on_track").sum()),
        needs_acceleration=int((status == "needs_acceleration").sum()),
        limited_progress=int((status == "limited_progress").sum()),
        deterioration=int((status == "deterioration").sum()),
        not_assessable=int((status == "not_assessable").sum()),
        after_deadline=int(assessed["after_deadline"].sum()),
        disagreeing=int(assessed["alternatives"].notna().sum()),
        disagreeing_status=sum(
            _changes_status(a, s) for a, s in zip(assessed["alternatives"], assessed["status"], strict=True)
        ),
        documents=tuple(dict.fromkeys(counted["source"])),
        nq06_met=int(nq06["value"].iloc[0]) if len(nq06) else None,
        nq06_of=int(nq06["of"].iloc[0]) if len(nq06) else None,
        nq06_publishers=tuple(dict.fromkeys(nq06["publisher"])),
    )
