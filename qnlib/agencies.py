"""The provincial agencies the programme tables name as leads, canonical names with aliases.

Like places, an agency is written many ways: "Sở Lao động, TB và XH", "Sở LĐ,TB&XH" and
"Sở Lao động - Thương binh và Xã hội" are one department. The registry
(``qnlib/agencies.yml``) holds each agency once, with its English name, a short form for
charts and the aliases the documents use. A lead cell often names several agencies
("Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh"); since names
themselves hold commas and "và", cells are split by matching known names, longest first,
never by punctuation. A name the registry does not know is a parse error naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from . import yamltext
from .errors import ParseError, QnlibError
from .text import fold, normalize_space

__all__ = [
    "AGENCY_KINDS",
    "Agency",
    "LeadCell",
    "UnknownAgencyError",
    "agencies",
    "agency",
    "agency_names",
    "read_lead",
    "resolve_agencies",
]

REGISTRY_FILE = Path(__file__).with_name("agencies.yml")
AGENCY_KINDS = ("department", "party", "armed", "bank", "local", "other")

# Words between names ("A và B", "- A - B") and words around them that are not names:
# "Đề nghị Hội LHPN tỉnh" (a request to a body outside the People's Committee), "chủ trì tham mưu".
_CONNECTORS = {"va"}
_IGNORED = (("de", "nghi"), ("chu", "tri", "tham", "muu"), ("chu", "tri"))
_SUPPORT = re.compile(r"\bphoi hop\s*$")


class UnknownAgencyError(ParseError):
    """An agency name the registry does not know."""


@dataclass(frozen=True)
class Agency:
    name: str  # canonical Vietnamese name
    name_en: str
    short: str  # for charts
    kind: str
    short_en: str = ""  # for English charts


@dataclass(frozen=True)
class LeadCell:
    """A lead cell read: the agencies that lead, and those named as supporting ("… phối hợp")."""

    leads: tuple[Agency, ...]
    support: tuple[Agency, ...] = ()


def _words(text: str) -> tuple[str, ...]:
    """Comparable words: no case, no diacritics, "&" read as "và", punctuation dropped."""
    key = fold(normalize_space(text)).lower().replace("&", " va ")
    return tuple(re.sub(r"[^a-z0-9]+", " ", key).split())


@cache
def _registry() -> tuple[dict[tuple[str, ...], Agency], int]:
    """Every name and alias as words -> agency, and the longest name in words."""
    try:
        entries = yamltext.load(REGISTRY_FILE.read_text(encoding="utf-8"))["agencies"]
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise QnlibError(f"{REGISTRY_FILE}: expected a mapping with a list 'agencies': {exc}") from None
    index: dict[tuple[str, ...], Agency] = {}
    for entry in entries:
        agency = Agency(entry["name"], entry["name_en"], entry["short"], entry["kind"], entry["short_en"])
        if agency.kind not in AGENCY_KINDS:
            raise QnlibError(f"{REGISTRY_FILE}: {agency.name}: kind must be one of {AGENCY_KINDS}")
        for name in [entry["name"], *entry.get("aliases", [])]:
            words = _words(name)
            if words in index and index[words] != agency:
                raise QnlibError(
                    f"{REGISTRY_FILE}: {name!r} names both {index[words].name} and {agency.name}"
                )
            index[words] = agency
    return index, max(len(w) for w in index)


@cache
def _by_name() -> dict[str, Agency]:
    return {a.name: a for a in _registry()[0].values()}


def agency_names() -> frozenset[str]:
    """The canonical names."""
    return frozenset(_by_name())


def agency(name: str) -> Agency:
    """The agency with this canonical name."""
    try:
        return _by_name()[name]
    except KeyError:
        raise QnlibError(f"unknown agency {name!r}; see qnlib/agencies.yml") from None


def _expected() -> str:
    names = sorted({a.name for a in _registry()[0].values()})
    return "agency names from qnlib/agencies.yml (" + ", ".join(names) + ")"


def resolve_agencies(text: str, *, line: int | None = None) -> tuple[Agency, ...]:
    """The agencies a cell names, in order ("Công an tỉnh và Bộ CHQS tỉnh" -> two agencies).

    Raises :class:`UnknownAgencyError` when part of the cell is no known name.
    """
    index, longest = _registry()
    words = _words(text)
    found: list[Agency] = []
    at = 0
    while at < len(words):
        if words[at] in _CONNECTORS:
            at += 1
            continue
        ignored = next((w for w in _IGNORED if words[at : at + len(w)] == w), None)
        if ignored:
            at += len(ignored)
            continue
        for size in range(min(longest, len(words) - at), 0, -1):
            agency = index.get(words[at : at + size])
            if agency is not None:
                if agency not in found:
                    found.append(agency)
                at += size
                break
        else:
            raise UnknownAgencyError(_expected(), found=normalize_space(text), line=line)
    return tuple(found)


def read_lead(text: str, *, line: int | None = None) -> LeadCell:
    """A lead cell, telling leads from supporters: "Ban Tổ chức Tỉnh ủy chủ trì tham mưu; Ban cán sự
    Đảng UBND phối hợp" has one lead and one supporting body."""
    leads: list[Agency] = []
    support: list[Agency] = []
    for part in text.split(";"):
        folded = " ".join(_words(part))
        if _SUPPORT.search(folded):
            bare = re.sub(r"\s*phối hợp\s*$", "", normalize_space(part), flags=re.IGNORECASE)
            support.extend(resolve_agencies(bare, line=line))
        else:
            leads.extend(resolve_agencies(part, line=line))
    return LeadCell(tuple(dict.fromkeys(leads)), tuple(dict.fromkeys(support)))


def agencies() -> pd.DataFrame:
    """The registry as a frame: name, name_en, short, short_en, kind and the aliases (joined by " | ")."""
    entries = yamltext.load(REGISTRY_FILE.read_text(encoding="utf-8"))["agencies"]
    return pd.DataFrame(
        [
            {
                "name": e["name"],
                "name_en": e["name_en"],
                "short": e["short"],
                "short_en": e["short_en"],
                "kind": e["kind"],
                "aliases": " | ".join(e.get("aliases", [])),
            }
            for e in entries
        ]
    )
