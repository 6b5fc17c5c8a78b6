"""Figures stated in the reports' prose, each with the phrase that states it.

Income, poverty and most targets are sentences, not table cells. Each one is
declared once in ``qnlib/observations.yml`` (indicator, area, year, unit, kind,
source and the *evidence phrase*). Reading an observation means finding its
phrase in the raw text (after Unicode and whitespace normalisation; without
diacritics for OCR documents), reading the number out of the phrase with the
Vietnamese number parser, and recording the line. If the phrase is missing or
ambiguous, or the number read differs from the declared value, the build stops
and names the observation: no figure can drift from its document.
"""

from __future__ import annotations

import ast
import bisect
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from . import config, yamltext
from .errors import QnlibError
from .sources import Corpus, raw_path
from .text import VN_NUMBER, fold, normalize_space, parse_vn_number

__all__ = [
    "COMPARATORS",
    "KINDS",
    "STANDARDS",
    "Declared",
    "Observation",
    "ObservationError",
    "SearchText",
    "load_registry",
    "read_observation",
    "read_observations",
]

KINDS = ("actual", "target", "derived")
STANDARDS = ("central", "provincial")  # the Government's poverty standard, or the province's (NQ 13/2023)
COMPARATORS = ("=", "about", ">=", "<=", ">", "<", "between", "text")
RANGE = re.compile(r"^\s*(" + VN_NUMBER.pattern + r")\s*[-–]\s*(" + VN_NUMBER.pattern + r")\s*$")
# "54/98": a count and the whole it is counted in (the denominator), printed as one.
FRACTION = re.compile(r"^\s*(" + VN_NUMBER.pattern + r")/(" + VN_NUMBER.pattern + r")\s*$")


class ObservationError(QnlibError):
    """A declared observation that its document does not support."""

    def __init__(self, observation_id: str, problem: str, registry: Path | str | None = None):
        where = f" ({registry})" if registry else ""
        super().__init__(f"observation {observation_id!r}{where}: {problem}")


@dataclass(frozen=True)
class Declared:
    """One entry of the registry, as a person wrote it."""

    id: str
    topic: str  # income | poverty | ntm | economy | society | environment
    indicator: str
    year: int
    value: float | None  # None for a target stated in words (comparator "text")
    unit: str
    kind: str  # actual | target | derived
    source: str
    evidence: str  # the phrase as it appears in the document
    area: str = "province"
    comparator: str | None = None  # for targets: = about >= <= > < between text
    value_max: float | None = None  # upper bound of a range ("49 - 50")
    # the number as printed in the phrase, when it holds several ("54/98": count/of)
    number: str | None = None
    derive: str | None = None  # derived values: arithmetic over printed numbers, "{100,0} - {26,652}"
    of: str | None = None  # a denominator printed in the phrase ("54/98" -> "98")
    value_text: str | None = None  # a target stated in words ("Nhóm dẫn đầu cả nước"), as printed
    # poverty figures: the poverty standard they are counted by (central | provincial)
    standard: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Observation:
    """A declared observation as found in its document."""

    declared: Declared
    value: float
    value_max: float | None
    line: int
    evidence: str  # the document's own text of the phrase (whitespace collapsed)
    printed: str  # the number as printed ("46,1"); for derived values, the formula
    of: float | None = None  # the denominator, when declared

    @property
    def id(self) -> str:
        return self.declared.id

    @property
    def decimals(self) -> int:
        """How many decimals the document printed: the precision of the figure."""
        return len(self.printed.split(",")[1]) if "," in self.printed else 0

    @property
    def where(self) -> str:
        return f"{self.declared.source}:{self.line}"

    @property
    def formula(self) -> str | None:
        """How a derived value is computed, as a reader writes it: "100,0 − 26,652"."""
        if self.declared.derive is None:
            return None
        return self.declared.derive.replace("{", "").replace("}", "").replace(" - ", " − ").replace("*", "×")


@dataclass
class SearchText:
    """A document's text with whitespace collapsed (and optionally diacritics removed),
    keeping for every character the line it came from."""

    lines: Sequence[str]
    ignore_accents: bool = False
    text: str = field(init=False)  # normalised text, as printed
    key: str = field(init=False)  # what phrases are matched against
    _line_starts: list[int] = field(init=False)
    _key_to_text: list[int] = field(init=False)

    def __post_init__(self) -> None:
        parts: list[str] = []
        self._line_starts, starts_line = [], []
        length = 0
        for number, line in enumerate(self.lines, start=1):
            clean = normalize_space(line)
            if not clean:
                continue
            if parts:
                parts.append(" ")
                length += 1
            self._line_starts.append(length)
            starts_line.append(number)
            parts.append(clean)
            length += len(clean)
        self.text = "".join(parts)
        self._line_numbers = starts_line
        if self.ignore_accents:
            folded = [fold(c) for c in self.text]
            self.key = "".join(folded)
            self._key_to_text = [i for i, f in enumerate(folded) for _ in f]
        else:
            self.key = self.text
            self._key_to_text = []

    def _to_text(self, key_offset: int) -> int:
        if not self.ignore_accents:
            return key_offset
        return self._key_to_text[key_offset] if key_offset < len(self._key_to_text) else len(self.text)

    def find(self, phrase: str) -> list[tuple[int, int]]:
        """Every (start, end) of ``phrase`` in :attr:`text`."""
        needle = normalize_space(fold(phrase) if self.ignore_accents else phrase)
        spans, start = [], self.key.find(needle)
        while needle and start >= 0:
            end = start + len(needle)
            spans.append((self._to_text(start), self._to_text(end - 1) + 1))
            start = self.key.find(needle, start + 1)
        return spans

    def line_at(self, offset: int) -> int:
        """The raw file's line holding character ``offset`` of :attr:`text`."""
        return self._line_numbers[bisect.bisect_right(self._line_starts, offset) - 1]


_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _arithmetic(expression: str) -> float:
    """Evaluate + - * / over numbers, nothing else (the registry is data, not code)."""

    def evaluate(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return evaluate(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](evaluate(node.left), evaluate(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -evaluate(node.operand)
        raise ValueError(f"only + - * / over numbers are allowed: {expression!r}")

    return evaluate(ast.parse(expression, mode="eval"))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _numbers_in(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in VN_NUMBER.finditer(text)]


def _nearest_row(evidence: str, text: SearchText) -> str:
    """Where to look when a table figure is not found: the line of its row's first cell ("Tỷ lệ
    nghèo … | % | 0,8/năm" -> the line of "Tỷ lệ nghèo …"), since the fault is in that row."""
    if " | " not in evidence:
        return ""
    label = evidence.split(" | ")[0]
    spans = text.find(label)
    if len(spans) != 1:
        return ""
    return f"; its row starts at line {text.line_at(spans[0][0])} ({label[:40]!r})"


def read_observation(declared: Declared, text: SearchText, registry: Path | str | None = None) -> Observation:
    """Find ``declared`` in its document's text and read its number (see module docstring)."""

    def fail(problem: str) -> ObservationError:
        return ObservationError(declared.id, problem, registry)

    spans = text.find(declared.evidence)
    if spans and declared.value_text is not None:
        return _read_words(declared, text, spans, fail)
    if not spans:
        how = (
            "without diacritics"
            if text.ignore_accents
            else "verbatim (after whitespace and Unicode normalisation)"
        )
        raise fail(f"evidence phrase not found {how} in {raw_path(declared.source)}: {declared.evidence!r}"
                   + _nearest_row(declared.evidence, text))  # fmt: skip
    if len(spans) > 1:
        lines = ", ".join(str(text.line_at(s)) for s, _ in spans)
        raise fail(
            f"evidence phrase occurs {len(spans)} times in {declared.source} (lines {lines}); make it longer"
        )
    start, end = spans[0]
    evidence = text.text[start:end]
    numbers = _numbers_in(evidence)

    value_max = None
    if declared.derive:
        printed = declared.derive
        stated = {p for _, p in numbers}
        missing = [p for p in re.findall(r"\{([^}]*)\}", printed) if p not in stated]
        if missing:
            raise fail(f"derive uses {missing}, which the evidence does not print: {evidence!r}")
        value = _arithmetic(re.sub(r"\{([^}]*)\}", lambda m: repr(parse_vn_number(m.group(1))), printed))
        line = text.line_at(start)
        value = round(value, 10)
    else:
        printed = declared.number or (numbers[0][1] if len(numbers) == 1 else "")
        if not printed:
            found = ", ".join(p for _, p in numbers) or "none"
            raise fail(f"the evidence holds several numbers ({found}); say which one with `number`")
        range_match, fraction = RANGE.match(printed), FRACTION.match(printed)
        if range_match:
            at = [m.start() for m in re.finditer(re.escape(printed), evidence)]
            value, value_max = parse_vn_number(range_match.group(1)), parse_vn_number(range_match.group(2))
        elif fraction:
            at = [m.start() for m in re.finditer(r"(?<![\d.,])" + re.escape(printed) + r"(?![\d])", evidence)]
            value = parse_vn_number(fraction.group(1))
        else:
            at = [offset for offset, p in numbers if p == printed]
            value = parse_vn_number(printed)
        if len(at) != 1:
            raise fail(f"the number {printed!r} occurs {len(at)} times in the evidence {evidence!r}")
        line = text.line_at(start + at[0])
    if not _close(value, declared.value):
        raise fail(
            f"{declared.source} line {line} reads {printed!r} = {value:g}, but the registry declares {declared.value:g}"
        )
    if (value_max is None) != (declared.value_max is None) or (
        value_max is not None and not _close(value_max, declared.value_max)
    ):
        raise fail(
            f"the range read is {value:g}–{value_max}, the registry declares value_max {declared.value_max}"
        )
    of = None
    if not declared.derive and FRACTION.match(printed):
        of = parse_vn_number(FRACTION.match(printed).group(2))
        if declared.of is not None and not _close(parse_vn_number(declared.of), of):
            raise fail(f"the denominator printed is {of:g}, the registry declares of {declared.of!r}")
    elif declared.of is not None:
        if declared.of not in {p for _, p in numbers}:
            raise fail(f"the denominator {declared.of!r} is not printed in the evidence {evidence!r}")
        of = parse_vn_number(declared.of)
    return Observation(declared, value, value_max, line, evidence, printed, of)


def _read_words(declared: Declared, text: SearchText, spans: list[tuple[int, int]], fail) -> Observation:
    """A target stated in words: its words must be printed, once, inside its evidence."""
    if len(spans) > 1:
        raise fail(f"evidence phrase occurs {len(spans)} times in {declared.source}; make it longer")
    start, end = spans[0]
    evidence = text.text[start:end]
    words = normalize_space(declared.value_text)
    at = evidence.find(words)
    if at < 0:
        raise fail(f"value_text {declared.value_text!r} is not printed in the evidence {evidence!r}")
    return Observation(declared, float("nan"), None, text.line_at(start + at), evidence, words)


_DECLARED_FIELDS = {f.name for f in fields(Declared)}


def load_registry(path: Path = config.OBSERVATIONS_FILE) -> list[Declared]:
    """The declared observations, checked for shape (fields, kinds, comparators, unique ids)."""
    try:
        entries = yamltext.load(Path(path).read_text(encoding="utf-8"))["observations"]
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise QnlibError(f"{path}: expected a mapping with a list 'observations': {exc}") from None
    declared: list[Declared] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        entry_id = entry.get("id", f"#{index}") if isinstance(entry, dict) else f"#{index}"
        try:
            unknown = set(entry) - _DECLARED_FIELDS
            if unknown:
                raise ValueError(f"unknown fields {sorted(unknown)}")
            values: dict[str, Any] = dict(entry)
            for key in ("number", "derive", "of"):
                if values.get(key) is not None:
                    values[key] = str(values[key])
            item = Declared(**values)
        except (TypeError, ValueError) as exc:
            raise ObservationError(entry_id, f"malformed entry: {exc}", path) from None
        if item.id in seen:
            raise ObservationError(item.id, "declared twice", path)
        if item.kind not in KINDS:
            raise ObservationError(item.id, f"kind must be one of {KINDS}, not {item.kind!r}", path)
        if item.comparator is not None and item.comparator not in COMPARATORS:
            raise ObservationError(item.id, f"comparator must be one of {COMPARATORS}", path)
        if (item.kind == "target") != (item.comparator is not None):
            raise ObservationError(item.id, "targets, and only targets, have a comparator", path)
        if (item.comparator == "text") != (item.value_text is not None) or (item.value is None) != (
            item.value_text is not None
        ):
            raise ObservationError(
                item.id, "targets stated in words have comparator text, value_text, no value", path
            )
        if (item.kind == "derived") != (item.derive is not None):
            raise ObservationError(item.id, "derived values, and only those, have a `derive` formula", path)
        if (item.topic == "poverty") != (item.standard in STANDARDS):
            raise ObservationError(
                item.id, f"poverty figures, and only those, have a standard: one of {STANDARDS}", path
            )
        seen.add(item.id)
        declared.append(item)
    return declared


def read_observations(corpus: Corpus, registry: Sequence[Declared] | None = None) -> dict[str, Observation]:
    """Every declared observation found in its document, by id."""
    registry = load_registry() if registry is None else registry
    texts: dict[str, SearchText] = {}
    found: dict[str, Observation] = {}
    for declared in registry:
        if declared.source not in texts:
            document = corpus[declared.source]
            texts[declared.source] = SearchText(document.lines, ignore_accents=document.source.is_ocr)
        found[declared.id] = read_observation(declared, texts[declared.source], config.OBSERVATIONS_FILE.name)
    return found
