"""Moved to :mod:`qnlib.run.uptodate` (issue 20). This name still works, with a DeprecationWarning, and is
the same module object, until qnlib 0.3."""

import sys
import warnings

from .run import uptodate as _module

warnings.warn(
    "qnlib.uptodate moved to qnlib.run.uptodate; import it from there", DeprecationWarning, stacklevel=2
)
sys.modules[__name__] = _module
