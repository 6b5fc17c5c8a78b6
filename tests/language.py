"""Is a text in one language? Words of the other language, outside quotations and names.

Every text a reader sees comes in Vietnamese and English. A Vietnamese output must hold no
English sentence and an English output no Vietnamese one, except where it quotes a document
(“…”, ‘…’, a table cell marked as a quotation) or names something (a document, a place, an
agency, a part of a document such as "Phụ lục 6"). The lists below are explicit: words that
cannot be the other language's (Vietnamese has "to", "in", "do", "an" of its own).
"""

from __future__ import annotations

import re
from functools import cache

import yaml

from qnlib import config
from qnlib.agencies import agencies
from qnlib.places import COMMUNES, DISTRICTS
from qnlib.sources import load_sources

ENGLISH = {
    "the", "and", "of", "is", "are", "was", "were", "with", "from", "for", "by", "not", "this", "that", "which",
    "communes", "households", "household", "target", "targets", "planned", "actual", "derived", "listed",
    "deadline", "see", "geocoded", "district", "districts", "province", "income", "poverty", "total", "row",
    "rows", "line", "document", "documents", "table", "source", "figure", "figures", "notes", "note", "printed",
    "should", "difference", "reached", "plan", "year", "years", "each", "every", "agency", "agencies", "tasks",
    "task", "shown", "per", "share", "million", "about", "against", "between", "where", "what", "when",
    "data", "lead", "due", "more", "most", "than", "only", "been", "has", "have", "its", "their",
}  # fmt: skip
VIETNAMESE = {
    "xã", "huyện", "năm", "và", "của", "theo", "được", "đạt", "chuẩn", "kế", "hoạch", "hộ", "nghèo", "mục",
    "tiêu", "dòng", "văn", "bản", "tỉnh", "số", "giai", "đoạn", "cấp", "chủ", "trì", "thời", "hạn", "không",
    "có", "các", "những", "trong", "với", "lần", "người", "triệu", "đồng", "thôn", "mới", "nâng", "cao",
    "kiểu", "mẫu", "hình", "nguồn", "ghi", "chú", "bảng", "tổng", "cộng", "đến", "từ", "nhiệm", "vụ", "thực",
    "hiện", "tăng", "giảm", "tỷ", "lệ", "bình", "quân", "mỗi", "vốn", "vay", "địa", "phương", "cho", "là",
}  # fmt: skip

QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|(?<!\w)'[^'\n]*'(?!\w)")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def names() -> tuple[str, ...]:
    """Every name a text may hold in either language, longest first: documents and their parts,
    places, agencies, bodies and commands."""
    found = {"Phụ lục", "Phụ biểu", "qnlib check", "qnlib", "UBND", "HĐND", "Tỉnh ủy", "NTM", "DTTS"}
    for source in load_sources().values():
        found |= {source.title, source.short, source.named("en"), source.number, source.issuer}
        found |= {label for _, vi, en in source.sections for label in (vi, en)}
    found |= set(DISTRICTS) | {c for _, c in COMMUNES}
    for row in agencies().itertuples():
        found |= {row.name, row.short, row.name_en, row.short_en}
    units = yaml.safe_load((config.PACKAGE_DIR / "agencies.yml").read_text(encoding="utf-8"))
    found |= {alias for entry in units["agencies"] for alias in entry.get("aliases", [])}
    for article in sorted((config.RAW_DIR / "reported").glob("*.yml")):  # the publishers of later results
        found.add(yaml.safe_load(article.read_text(encoding="utf-8"))["publisher"])
    return tuple(sorted((n for n in found if n), key=len, reverse=True))


CODE = re.compile(r"\b\w+(?:[_/.-]\w+)*[_/.]\w+\b|\b\w+ = |--\w+")  # base_year, data/raw, "years = ", --lang


def foreign_words(text: str, lang: str, extra_names: tuple[str, ...] = ()) -> list[str]:
    """The other language's words in ``text`` (a ``lang`` output), outside quotations, names and code
    (identifiers, paths, options: what a reader types as it stands)."""
    text = CODE.sub(" ", QUOTED.sub(" ", " ".join(text.split())))
    for name in (*extra_names, *names()):
        text = text.replace(name, " ")
    other = ENGLISH if lang == "vi" else VIETNAMESE
    return [w for w in WORD.findall(text) if w.lower() in other]


# A decimal written the other language's way: "46,1" in English, "46.1" in Vietnamese (not a version
# number such as 1.0.4, nor a thousands group such as 1,526 or 1.526).
DECIMAL = {
    "en": re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d,.])"),
    "vi": re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d,.])"),
}


def foreign_numbers(text: str, lang: str, extra_names: tuple[str, ...] = ()) -> list[str]:
    """Decimals written the other language's way, outside quotations and names."""
    text = QUOTED.sub(" ", " ".join(text.split()))
    for name in (*extra_names, *names()):
        text = text.replace(name, " ")
    return DECIMAL[lang].findall(text)
