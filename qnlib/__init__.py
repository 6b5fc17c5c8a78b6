"""qnlib: Quảng Ninh's provincial reports as trustworthy, traceable data.

>>> import qnlib
>>> qnlib.datasets()            # what there is
>>> loans = qnlib.load("loans")  # a validated, tidy DataFrame; loans.attrs says where it comes from
>>> qnlib.check()               # the documents reconciled against their own totals
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import config
from .checks import check
from .datasets import catalogue as _catalogue
from .errors import ParameterError, ParseError, QnlibError, UnknownPlaceError, ValidationError
from .store import build, is_fresh
from .store import load as _load

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


def datasets() -> pd.DataFrame:
    """One row per dataset: name, title, description, source document, table and unit."""
    return _catalogue()


def load(
    name: str, processed_dir: Path = config.PROCESSED_DIR, raw_dir: Path = config.RAW_DIR
) -> pd.DataFrame:
    """The dataset ``name`` as a tidy, validated DataFrame (see :func:`datasets` for names).

    Reads ``data/processed/`` when it is up to date with ``data/raw/``, otherwise
    parses the raw documents. ``df.attrs`` holds the source title, table, unit and notes.
    """
    return _load(name, processed_dir, raw_dir)
