"""The communes Báo cáo 06 names for advanced and model NTM in 2022 (Phụ lục 2), as data.

"Kế hoạch đến hết năm 2022 có thêm 07 xã đạt chuẩn nông thôn mới nâng cao (Xã …, xã …),
05 xã đạt chuẩn nông thôn mới kiểu mẫu (…) …": the count the sentence states and the
communes it lists, each resolved against the places registry, so the checks compare
them with the plan (Phụ biểu 02) without reading text themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..errors import ParseError
from ..observations import SearchText
from ..places import find_commune
from ..sources import Corpus

__all__ = ["NamedCommunes", "communes_named_for_2022", "named_communes"]

SOURCE = "bc06_2022"
ANCHOR = "Kế hoạch đến hết năm 2022 có thêm"
PHRASES = {
    "advanced": "xã đạt chuẩn nông thôn mới nâng cao (",
    "model": "xã đạt chuẩn nông thôn mới kiểu mẫu (",
}


@dataclass(frozen=True)
class NamedCommunes:
    level: str
    stated: int  # the count the sentence prints ("07 xã")
    line: int
    communes: pd.DataFrame  # name as printed, district, commune (canonical)


def named_communes(sentence: str) -> list[str]:
    """Commune names in a list such as "Xã Quảng Nghĩa (TP Móng Cái), xã Cái Chiên (…)"; not "Thị xã …"."""
    return re.findall(r"(?<![Tt]hị )[Xx]ã ((?:[A-ZĐ]\w*)(?: [A-ZĐ]\w*)*)", sentence)


def _sentence(text: SearchText, file: str) -> tuple[int, str]:
    spans = text.find(ANCHOR)
    if len(spans) != 1:
        raise ParseError(f"one sentence starting {ANCHOR!r} in Phụ lục 2", file=file)
    start = spans[0][0]
    return start, text.text[start : text.text.find("hoàn thành nhiệm vụ", start)]


def communes_named_for_2022(corpus: Corpus) -> dict[str, NamedCommunes]:
    """For each level, the count stated and the communes listed for 2022, with the line."""
    report = corpus[SOURCE]
    text = SearchText(report.lines)
    offset, sentence = _sentence(text, report.name)
    found = {}
    for level, phrase in PHRASES.items():
        start = sentence.find(phrase)
        part = sentence[start:]
        if level == "advanced":
            part = part[: part.find(PHRASES["model"][:-2])]
        count = re.search(r"(\d+) $", sentence[:start])
        if start < 0 or count is None:
            raise ParseError(f"'<count> {phrase}…' in the 2022 plan sentence", file=report.name)
        line = text.line_at(offset + start)
        rows = []
        for name in named_communes(part):
            try:
                commune = find_commune(name, line=line)
            except ParseError as error:
                raise error.in_file(report.name) from None
            rows.append({"name": name, "district": commune.district, "commune": commune.name})
        communes = pd.DataFrame(rows, columns=["name", "district", "commune"])
        found[level] = NamedCommunes(level, int(count.group(1)), line, communes)
    return found
