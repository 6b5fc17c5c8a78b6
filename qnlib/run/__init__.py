"""The run machinery: what turns notebooks into executed reports and figures, and keeps them current.

* :mod:`~qnlib.run.parameters` – each notebook's parameters, checked before any kernel starts;
* :mod:`~qnlib.run.runner` – ``qnlib run``: notebooks in worker processes, one kernel per run, a
  clean stop on signals;
* :mod:`~qnlib.run.uptodate` – a run is skipped when nothing it read or wrote has changed;
* :mod:`~qnlib.run.notebook` – what a notebook calls (``run = notebook.start(...)``) to save
  figures, tables and words for readers;
* :mod:`~qnlib.run.lock` – one writer at a time over the project;
* :mod:`~qnlib.run.changes` – what a build changed, for ``reports/changes.md``.

Until issue 20 these sat flat in ``qnlib/`` beside the domain modules; the old names
(``qnlib.runner``, ``qnlib.notebook`` and the others) still import, with a DeprecationWarning, and are the same
module objects. Importing this package imports none of them.
"""
