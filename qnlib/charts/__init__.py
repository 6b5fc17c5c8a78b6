"""Briefing charts: plain functions from frames and facts to a Figure in the house style.

One module per analysis (income, poverty, ntm, loans, programme). Each function takes the
frames it draws, the analysis's facts object (for titles and notes) and
keywords (``lang``, ``title`` = "finding" | "label"), and returns a
:class:`matplotlib.figure.Figure` made by :func:`qnlib.plotting.slide`, ready for
``run.save``. Nothing here reads files or writes them, so each chart is tested in
milliseconds without papermill.
"""

from . import income, loans, ntm, poverty, programme, scorecard

__all__ = ["income", "loans", "ntm", "poverty", "programme", "scorecard"]
