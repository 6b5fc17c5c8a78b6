"""Moved to :mod:`qnlib.run.parameters` (issue 20). This name still works, with a DeprecationWarning, and is
the same module object, until qnlib 0.3."""

import sys
import warnings

from .run import parameters as _module

warnings.warn(
    "qnlib.parameters moved to qnlib.run.parameters; import it from there", DeprecationWarning, stacklevel=2
)
sys.modules[__name__] = _module
