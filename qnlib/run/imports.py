"""Optional imports that cost seconds and that nothing here uses.

jsonschema (through nbformat, which papermill and the brief read notebooks with) imports
``rfc3987_syntax`` if it is installed (jupyterlab's dependencies install it) and compiles 39
grammars at import: about 1.4 s in every process that reads a notebook. It only checks the
"iri" string formats, which no notebook schema uses. Our command-line processes and runner
workers tell Python it is absent; a notebook or a JupyterLab session is left as it is.
"""

from __future__ import annotations

import sys

SLOW_UNUSED = ("rfc3987_syntax",)


def skip_unused_slow_imports() -> None:
    """Make ``import rfc3987_syntax`` raise ImportError in this process (optional importers skip it)."""
    for name in SLOW_UNUSED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
