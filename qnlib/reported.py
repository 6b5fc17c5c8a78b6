"""Results reported after the documents, each cited with a short quotation that holds its number.

The five documents stop in 2021–2024. ``data/raw/reported/`` cites what public sources reported
later – one YAML file per article (its ``README.md`` gives the format) – so the scorecard can say
whether the 2025 targets were met. Reading an article checks every figure against its quotation
with the machinery of the documents' own prose figures (:mod:`qnlib.observations`): the number
printed must be the value declared, "k/n" also gives the denominator, words stand for a figure
stated in words ("không còn hộ nghèo": 0), and a figure the article implies is arithmetic over
numbers it prints. Any mismatch stops the build with the file and line. Articles are cited, never
copied: a quotation of more than :data:`MAX_QUOTE_WORDS` words is refused.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from . import yamltext
from .errors import ParseError
from .observations import Declared, ObservationError, SearchText, read_observation
from .sources import Corpus, Document
from .text import normalize_space

__all__ = [
    "AREAS",
    "COMPARATORS",
    "MAX_QUOTE_WORDS",
    "POVERTY_INDICATORS",
    "SOURCE_KINDS",
    "STANDARDS",
    "Article",
    "ReportedFigure",
    "article_names",
    "citations",
    "period_end",
    "read_article",
    "read_reported",
]

SOURCE_KINDS = ("official", "state", "press")  # the province's own | the news agency TTXVN/VNA | other press
# Poverty standards: the Government's, the province's (NQ 13/2023), or not said.
STANDARDS = ("central", "provincial", "unstated")
AREAS = ("province", "ethnic_mountain_border_island", "ethnic_minority", "rural", "urban")
COMPARATORS = ("=", "about", ">", "<")  # "about": the source hedges ("cơ bản", "khoảng", "ước", "nearly")
POVERTY_INDICATORS = ("poor_households", "poverty_rate", "near_poor_households", "near_poverty_rate")
PUBLISHED_FROM = ("page", "url", "content")
PERIOD_FROM = ("printed", "context")
LANGUAGES = ("vi", "en")
MAX_QUOTE_WORDS = 30  # "at most about 25 words": cite, never copy
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

_ARTICLE_REQUIRED = ("id", "url", "publisher", "kind", "published", "published_from", "language", "figures")
_ARTICLE_OPTIONAL = ("title", "attributed_to", "published_note")
_FIGURE_REQUIRED = ("indicator", "area", "period", "period_from", "value", "unit", "quote")
_FIGURE_OPTIONAL = ("number", "words", "derive", "comparator", "standard", "note")


@dataclass(frozen=True)
class Article:
    """Where a reported figure was published: the article, as cited."""

    id: str
    url: str
    publisher: str
    kind: str  # official | state | press
    published: str  # YYYY-MM-DD, YYYY-MM or YYYY
    published_from: str  # page | url | content
    language: str
    title: str | None = None
    attributed_to: str | None = None
    published_note: str | None = None


@dataclass(frozen=True)
class ReportedFigure:
    """One figure of an article, as its quotation prints it."""

    article: Article
    line: int  # the line of the figure's quotation in the article's file
    indicator: str
    area: str
    period: str  # what the figure describes: YYYY (that year's end), YYYY-MM, YYYY-MM-DD
    period_from: str  # printed | context
    value: float
    unit: str
    quote: str
    printed: str  # the number as printed, the words, or the formula of a derived figure
    of: float | None = None  # the denominator printed with it ("54/91")
    comparator: str | None = None  # None for "="
    standard: str | None = None  # poverty figures only
    formula: str | None = None  # a figure the article implies, computed from numbers it prints
    note: str | None = None

    @property
    def as_of(self) -> datetime.date:
        """The day the figure describes: the end of its period."""
        return period_end(self.period)

    @property
    def source(self) -> str:
        return self.article.id


def period_end(text: str) -> datetime.date:
    """The last day of a period written YYYY, YYYY-MM or YYYY-MM-DD ("2023" -> 2023-12-31)."""
    match = _DATE.match(str(text))
    if not match:
        raise ValueError(f"not a date YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
    year, month, day = match.groups()
    if month is None:
        return datetime.date(int(year), 12, 31)
    if day is None:
        return datetime.date(int(year), int(month), calendar.monthrange(int(year), int(month))[1])
    return datetime.date(int(year), int(month), int(day))


def _lines(node: yaml.Node) -> dict[str, int]:
    """The line of each key of a YAML mapping."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}


def _figure_nodes(root: yaml.Node) -> list[yaml.Node]:
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if key.value == "figures" and isinstance(value, yaml.SequenceNode):
            return list(value.value)
    return []


def _choice(value: Any, allowed: Iterable[str], what: str, fail: Any) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise fail(f"{what} one of {', '.join(allowed)}", value)
    return str(value)


def _read_article(data: Any, lines: dict[str, int], fail_at: Any) -> Article:
    def fail(expected: str, found: Any = None, key: str = "id") -> ParseError:
        return fail_at(lines.get(key, 1), expected, found)

    if not isinstance(data, dict):
        raise fail_at(1, "a mapping with id, url, publisher, kind, published, figures", type(data).__name__)
    missing = [k for k in _ARTICLE_REQUIRED if k not in data]
    if missing:
        raise fail(f"the fields {', '.join(_ARTICLE_REQUIRED)}", f"no {', '.join(missing)}")
    unknown = sorted(set(data) - set(_ARTICLE_REQUIRED) - set(_ARTICLE_OPTIONAL))
    if unknown:
        raise fail_at(lines[unknown[0]], f"only the fields {', '.join(_ARTICLE_REQUIRED + _ARTICLE_OPTIONAL)}",
                      unknown[0])  # fmt: skip
    for key in ("published",):
        try:
            period_end(data[key])
        except ValueError:
            raise fail("a date YYYY, YYYY-MM or YYYY-MM-DD", data[key], key) from None
    if not str(data["url"]).startswith(("https://", "http://")):
        raise fail("the article's address (https://…)", data["url"], "url")
    kind = _choice(data["kind"], SOURCE_KINDS, "kind:", lambda e, f: fail(e, f, "kind"))
    _choice(
        data["published_from"], PUBLISHED_FROM, "published_from:", lambda e, f: fail(e, f, "published_from")
    )
    _choice(data["language"], LANGUAGES, "language:", lambda e, f: fail(e, f, "language"))
    if data["published_from"] != "page" and not data.get("published_note"):
        raise fail("a published_note saying how the date was found", None, "published_from")
    optional = {k: (str(data[k]) if data.get(k) is not None else None) for k in _ARTICLE_OPTIONAL}
    return Article(str(data["id"]), str(data["url"]), str(data["publisher"]), kind, str(data["published"]),
                   str(data["published_from"]), str(data["language"]), **optional)  # fmt: skip


def _read_figure(
    article: Article, entry: Any, lines: dict[str, int], index: int, fail_at: Any
) -> ReportedFigure:
    start = min(lines.values(), default=1)

    def fail(expected: str, found: Any = None, key: str | None = None) -> ParseError:
        return fail_at(lines.get(key, start) if key else start, expected, found)

    if not isinstance(entry, dict):
        raise fail("a figure: a mapping with indicator, area, period, value, unit, quote", entry)
    missing = [k for k in _FIGURE_REQUIRED if k not in entry]
    if missing:
        raise fail(f"the fields {', '.join(_FIGURE_REQUIRED)}", f"no {', '.join(missing)}")
    unknown = sorted(set(entry) - set(_FIGURE_REQUIRED) - set(_FIGURE_OPTIONAL))
    if unknown:
        raise fail(
            f"only the fields {', '.join(_FIGURE_REQUIRED + _FIGURE_OPTIONAL)}", unknown[0], unknown[0]
        )
    _choice(entry["area"], AREAS, "area:", lambda e, f: fail(e, f, "area"))
    _choice(entry["period_from"], PERIOD_FROM, "period_from:", lambda e, f: fail(e, f, "period_from"))
    comparator = _choice(
        entry.get("comparator", "="), COMPARATORS, "comparator:", lambda e, f: fail(e, f, "comparator")
    )
    try:
        period_end(entry["period"])
    except ValueError:
        raise fail("a period YYYY, YYYY-MM or YYYY-MM-DD", entry["period"], "period") from None
    standard = entry.get("standard")
    if (entry["indicator"] in POVERTY_INDICATORS) != (standard is not None):
        raise fail(f"a standard ({', '.join(STANDARDS)}) on poverty figures, and only on them", standard,
                   "standard" if standard is not None else "indicator")  # fmt: skip
    if standard is not None:
        _choice(standard, STANDARDS, "standard:", lambda e, f: fail(e, f, "standard"))
    ways = [k for k in ("number", "words", "derive") if entry.get(k) is not None]
    if len(ways) > 1:
        raise fail("at most one of number, words, derive", ", ".join(ways), ways[1])
    if not isinstance(entry["value"], int | float) or isinstance(entry["value"], bool):
        raise fail("a number", entry["value"], "value")
    if entry.get("words") is not None and entry["value"] != 0:
        raise fail("value 0 for a figure stated in words ('không còn hộ nghèo')", entry["value"], "value")
    quote = normalize_space(str(entry["quote"]))
    if len(quote.split()) > MAX_QUOTE_WORDS:
        raise fail(f"a quotation of at most {MAX_QUOTE_WORDS} words (cite, never copy)",
                   f"{len(quote.split())} words", "quote")  # fmt: skip
    declared = Declared(
        id=f"{article.id}#{index}",
        topic="reported",
        indicator=str(entry["indicator"]),
        year=period_end(entry["period"]).year,
        value=None if entry.get("words") is not None else float(entry["value"]),
        unit=str(entry["unit"]),
        kind="derived" if entry.get("derive") else "actual",
        source=article.id,
        evidence=quote,
        number=str(entry["number"]) if entry.get("number") is not None else None,
        derive=str(entry["derive"]) if entry.get("derive") is not None else None,
        value_text=str(entry["words"]) if entry.get("words") is not None else None,
    )
    try:
        found = read_observation(declared, SearchText([quote]))
    except ObservationError as error:
        problem = str(error).split(": ", 1)[1] if ": " in str(error) else str(error)
        raise fail("a number its quotation prints", problem, "quote") from None
    return ReportedFigure(
        article=article,
        line=lines.get("quote", start),
        indicator=str(entry["indicator"]),
        area=str(entry["area"]),
        period=str(entry["period"]),
        period_from=str(entry["period_from"]),
        value=float(entry["value"]),
        unit=str(entry["unit"]),
        quote=quote,
        printed=found.printed,
        of=found.of,
        comparator=None if comparator == "=" else comparator,
        standard=str(standard) if standard is not None else None,
        formula=found.formula,
        note=str(entry["note"]) if entry.get("note") is not None else None,
    )


def read_article(document: Document, expected_id: str | None = None) -> list[ReportedFigure]:
    """The figures of one article file, each checked against its quotation (see module docstring)."""
    name = document.name

    def fail_at(line: int, expected: str, found: Any = None) -> ParseError:
        return ParseError(expected, found=None if found is None else str(found), line=line, file=name)

    try:
        data = yamltext.load(document.text)
        root = yamltext.compose(document.text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail_at(mark.line + 1 if mark else 1, "YAML text", getattr(exc, "problem", str(exc))) from None
    lines = _lines(root)
    article = _read_article(data, lines, fail_at)
    if expected_id is not None and article.id != expected_id:
        raise fail_at(lines.get("id", 1), f"the id sources.yml lists for it ({expected_id!r})", article.id)
    nodes = _figure_nodes(root)
    if not isinstance(data["figures"], list) or not data["figures"]:
        raise fail_at(lines.get("figures", 1), "a list of figures", data["figures"])
    return [
        _read_figure(article, entry, _lines(node), index, fail_at)
        for index, (entry, node) in enumerate(zip(data["figures"], nodes, strict=True), start=1)
    ]


def article_names(reported: Any, lang: str) -> dict[str, str]:
    """How a source line names each article of the dataset ``reported``: "VietNamNet 05/01/2026"."""
    from .words import date_text

    pairs = zip(reported["source"], reported["publisher"], reported["published"], strict=True)
    return {source: f"{publisher} {date_text(published, lang)}" for source, publisher, published in pairs}


def citations(rows: Any, reported: Any) -> list[dict[str, str]]:
    """The articles behind the rows a figure draws that cite one (``source``, ``line``), each with
    its publisher, publication date, URL and the quotation holding the number, in order of first use;
    ``reported`` is the dataset. A figure from outside the documents is cited, never left unnamed."""
    if reported is None or not len(rows):
        return []
    quoted = {
        (s, int(n)): r
        for s, n, r in zip(reported["source"], reported["line"], reported.itertuples(), strict=True)
    }
    cited: dict[tuple[str, int], dict[str, str]] = {}
    for source, line in zip(rows["source"], rows["line"], strict=True):
        row = quoted.get((source, int(line))) if isinstance(source, str) and line == line else None
        if row is not None and (source, int(line)) not in cited:
            cited[(source, int(line))] = {"source": source, "line": str(int(line)), "publisher": row.publisher,
                                          "published": row.published, "url": row.url, "quote": row.quote}  # fmt: skip
    return list(cited.values())


def read_reported(corpus: Corpus) -> list[ReportedFigure]:
    """Every figure of every article ``sources.yml`` lists under ``reported``, in the listed order."""
    return [figure for rid, document in corpus.reported.items() for figure in read_article(document, rid)]
