"""YAML read with libyaml when PyYAML has it: the same safe loader, about ten times faster.

The build reads observations.yml, the templates and every article of ``data/raw/reported`` (parsed
and composed, for line numbers): with the pure-Python loader that was a second of every build.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["compose", "load"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """``yaml.safe_load``, with the C loader when there is one."""
    return yaml.load(text, Loader=_LOADER)


def compose(text: str) -> Any:
    """The node tree of ``text`` (for line numbers), with the C loader when there is one."""
    return yaml.compose(text, Loader=_LOADER)
