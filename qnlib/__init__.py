"""qnlib: Quảng Ninh's provincial reports as trustworthy, traceable data.

>>> import qnlib
>>> qnlib.datasets()            # what there is
>>> loans = qnlib.load("loans")  # a validated, tidy DataFrame; loans.attrs says where it comes from
>>> qnlib.check()               # the documents reconciled against their own totals

Importing qnlib is light: the parsers, their schemas and the checks are imported
only when something needs them (a notebook that reads built data never does).
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

from . import config
from .errors import ParameterError, ParseError, QnlibError, UnknownPlaceError, ValidationError
from .store import build, is_fresh
from .store import load as _load

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ParameterError",
    "ParseError",
    "QnlibError",
    "UnknownPlaceError",
    "ValidationError",
    "build",
    "check",
    "datasets",
    "is_fresh",
    "load",
]

__version__ = "0.1.0"


def datasets(lang: str = "vi") -> pd.DataFrame:
    """One row per dataset: name, title (Vietnamese, or English with ``lang="en"``), description,
    source document, table and unit."""
    from .datasets import catalogue

    return catalogue(lang)


def load(
    name: str, processed_dir: Path = config.PROCESSED_DIR, raw_dir: Path = config.RAW_DIR
) -> pd.DataFrame:
    """The dataset ``name`` as a tidy, validated DataFrame (see :func:`datasets` for names).

    Reads ``data/processed/`` when it is up to date with ``data/raw/``, otherwise
    parses the raw documents. ``df.attrs`` holds the source title, table, unit and notes.
    """
    return _load(name, processed_dir, raw_dir)


def check(raw_dir: Path = config.RAW_DIR, lang: str = "vi") -> pd.DataFrame:
    """One row per consistency check, in Vietnamese (``lang="vi"``) or English: the check's id,
    status (ok | mismatch), kind (figure | table), what is compared (subject), the document and
    where in it, what it prints, what that should be (recomputed, or the other document's
    figure), the difference, the explanation (detail), and the lines of our text copy."""
    from .checks import check as run

    return run(raw_dir, lang)


class _Package(types.ModuleType):
    """Keeps ``qnlib.datasets`` the function above once the subpackage of the same name is
    imported (Python sets a package's attribute to each submodule it imports; the parsers
    are imported lazily, so that would happen after this module has run)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "datasets" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
