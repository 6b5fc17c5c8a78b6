"""Text for a terminal: wrapped to its width, in the operator's language.

Every listing of the command line is one wrapped block per item and a summary line, so it
reads at 80 columns (``COLUMNS`` and the terminal's size are honoured, as
:func:`shutil.get_terminal_size` reads them). Machines get ``--format csv|json`` instead.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Iterable

from .errors import ParameterError
from .vocabulary import LANGS

__all__ = ["LANG_VARIABLE", "block", "lang", "width"]

LANG_VARIABLE = "QNLIB_LANG"  # the language of the command line's own words: vi (default) or en
MIN_WIDTH, MAX_WIDTH = 40, 120  # narrower is unreadable; wider lines are hard to follow


def lang(chosen: str | None = None) -> str:
    """The language of the command line's words: ``chosen`` (``--lang``), else ``$QNLIB_LANG``, else vi."""
    value = chosen or os.environ.get(LANG_VARIABLE) or "vi"
    if value not in LANGS:
        raise ParameterError(f"{LANG_VARIABLE} / --lang: expected one of {', '.join(LANGS)}, got {value!r}")
    return value


def width() -> int:
    """The terminal's width (``$COLUMNS`` first; 80 when output is not a terminal), within bounds."""
    return max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns))


def block(head: str, lines: Iterable[str] = (), *, columns: int | None = None, indent: int = 2) -> str:
    """One item: its first line, then its other lines indented, every line wrapped to the width
    (words are never broken; a single word longer than a line, such as a path, stands alone)."""
    columns = columns or width()
    out = textwrap.wrap(head, columns, subsequent_indent=" " * indent, break_long_words=False,
                        break_on_hyphens=False) or [""]  # fmt: skip
    for line in lines:
        pad = " " * (indent + len(line) - len(line.lstrip(" ")))  # a line's own leading spaces nest it
        out += textwrap.wrap(line.lstrip(" "), columns, initial_indent=pad, subsequent_indent=pad + "  ",
                             break_long_words=False, break_on_hyphens=False)  # fmt: skip
    return "\n".join(out)
