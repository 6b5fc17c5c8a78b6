"""Vietnamese numbers and text: the small rules every parser shares.

Numbers: ``.`` groups thousands and ``,`` is the decimal mark, so "4.600,00" is
4600.0 and "1.526" is 1526. Text: documents are compared after Unicode NFC and
whitespace normalisation; place names additionally ignore where the tone mark
sits ("Hoà" = "Hòa"); OCR text is compared without diacritics at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = [
    "VN_NUMBER",
    "find_numbers",
    "fold",
    "format_vn_number",
    "nfc",
    "normalize_space",
    "parse_vn_int",
    "parse_vn_number",
    "tone_key",
]

NBSP = "\u00a0"

# A number as printed in Vietnamese documents: "1.526", "4.600,00", "46,1", "2021".
# Thousands groups need exactly three digits, so "2021." (a year ending a sentence)
# is read as 2021.
VN_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\d.,])\d+(?:,\d+)?(?![\d])")
_FULL_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")


def nfc(text: str) -> str:
    """Unicode NFC: one code point per accented letter, as the documents should be."""
    return unicodedata.normalize("NFC", text)


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (tabs, newlines, no-break spaces) to one space."""
    return " ".join(text.replace(NBSP, " ").split())


def fold(text: str) -> str:
    """Lower case without diacritics ("Nghèo" -> "ngheo", "Đ" -> "d").

    Used to match OCR text, whose diacritics are mostly lost or wrong.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Old-style and new-style tone placement on the diphthongs oa, oe, uy.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_NEW_STYLE = re.compile(r"([ou])([ae]|y)([" + _TONES + r"])(?![\u0300-\u036f])")


def tone_key(text: str) -> str:
    """A comparison key that ignores where the tone mark sits ("Hoà" == "Hòa").

    Also NFC, lower case and single spaces, so it suits names typed by people.
    """
    decomposed = unicodedata.normalize("NFD", normalize_space(text).lower())

    old_style = _NEW_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", old_style)


def parse_vn_number(text: str) -> float:
    """Read a number printed the Vietnamese way.

    >>> parse_vn_number("4.600,00")
    4600.0
    >>> parse_vn_number("46,1")
    46.1

    Raises ``ValueError`` for anything else (an English "1,526.5", a word, an empty cell).
    """
    cleaned = text.replace(NBSP, " ").strip()
    if not _FULL_NUMBER.fullmatch(cleaned):
        raise ValueError(f"not a Vietnamese number: {text!r}")
    return float(cleaned.replace(".", "").replace(",", "."))


def parse_vn_int(text: str) -> int:
    """Read a whole number ("1.526" -> 1526); a decimal part must be zero ("15,00" -> 15)."""
    value = parse_vn_number(text)
    if not value.is_integer():
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def format_vn_number(value: float, decimals: int = 0) -> str:
    """Print a number the Vietnamese way (the inverse of :func:`parse_vn_number`)."""
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):.{decimals}f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = ".".join([whole, *groups])
    return sign + text + ("," + frac if frac else "")


def find_numbers(text: str) -> Iterator[tuple[int, str, float]]:
    """Each Vietnamese number in free text: (offset, as printed, value)."""
    for match in VN_NUMBER.finditer(text):
        yield match.start(), match.group(), parse_vn_number(match.group())
