"""``qnlib brief``: from the documents to a briefing pack in one command.

Runs the notebooks through :mod:`qnlib.run.runner` (both languages by default), then writes
``briefs/``:

- ``briefing__vi.pptx`` / ``briefing__en.pptx``: a cover (title, date of the data, the
  documents), one slide per figure (editable finding title, the picture at full width, speaker
  notes with the conclusions, source and notes), and the documents' own disagreements
  (``qnlib check``) with document and line;
- ``<run>.html``: each executed notebook as a report without code, images embedded;
- ``index.html``: every figure with its title, parameters and source, linking PNG and SVG.

Everything is a function of the runs' outputs and the raw documents (no clock), so two
builds with nothing changed give byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..errors import ParameterError
from ..filenames import parameter_slug
from ..files import write_atomic
from ..run import parameters, runner
from ..vocabulary import LANGS
from ..words import t
from .outputs import RunOutputs, read_outputs

__all__ = ["BriefResult", "brief", "deck_stem", "plan"]

LANG_CHOICES = (*LANGS, "all")


@dataclass(frozen=True)
class BriefResult:
    decks: list[Path]
    reports: list[Path]
    indexes: list[Path]  # index.html (Vietnamese), index__en.html
    results: list[runner.Result]

    @property
    def index(self) -> Path:
        return self.indexes[0]

    @property
    def failed(self) -> list[runner.Result]:
        return [r for r in self.results if not r.ok]


def _langs(lang: str) -> tuple[str, ...]:
    if lang not in LANG_CHOICES:
        raise ParameterError(f"--lang: expected one of {', '.join(LANG_CHOICES)}, got {lang!r}")
    return LANGS if lang == "all" else (lang,)


def plan(
    notebooks: Sequence[str] = (),
    overrides: dict[str, str] | None = None,
    each: str | None = None,
    lang: str = "all",
    out_dir: Path | None = None,
) -> list[runner.Job]:
    """The runs a brief needs: the notebooks (all four by default) in each language asked for."""
    overrides = dict(overrides or {})
    if "lang" in overrides or each == "lang":
        raise ParameterError("choose languages with --lang vi|en|all, not the lang parameter")
    return [
        job
        for one in _langs(lang)
        for job in runner.plan_jobs(notebooks, {**overrides, "lang": one}, each, out_dir)
    ]


def deck_stem(notebooks: Sequence[str], overrides: dict[str, str], each: str | None, lang: str) -> str:
    """``briefing__vi`` for the default pack; the selection is named otherwise
    (``briefing__ntm_attainment__each-district__vi``)."""
    parts = ["briefing"]
    if notebooks and list(notebooks) != list(parameters.NOTEBOOKS):
        parts.append("+".join(notebooks))
    parts += [parameter_slug(name, value) for name, value in overrides.items()]
    parts += [f"each-{each}"] if each else []
    return "__".join([*parts, lang])


def brief(
    notebooks: Sequence[str] = (),
    overrides: dict[str, str] | None = None,
    each: str | None = None,
    lang: str = "all",
    *,
    briefs_dir: Path | None = None,
    figures_dir: Path | None = None,
    executed_dir: Path | None = None,
    raw_dir: Path | None = None,
    workers: int | None = None,
    kernel: str | None = None,
    log: Callable[[str], None] | None = None,
    force: bool = False,
    cold: bool = False,
) -> BriefResult:
    """Run what the brief needs and write the decks, the reports and ``index.html``.

    Bad input (notebook, parameter, language, a figure the run names but cannot be found)
    raises :class:`~qnlib.errors.QnlibError` before anything is written to ``briefs_dir``.
    A failing notebook gives a slide naming what failed, in place of its figures.
    """
    overrides = dict(overrides or {})
    briefs_dir = Path(briefs_dir or config.BRIEFS_DIR)
    figures_dir = Path(figures_dir or config.FIGURES_DIR)
    raw_dir = Path(raw_dir or config.RAW_DIR)
    jobs = plan(notebooks, overrides, each, lang, executed_dir or config.EXECUTED_NOTEBOOKS_DIR)
    results = runner.run_jobs(
        jobs, workers=workers, kernel=kernel, figures_dir=figures_dir, log=log, force=force, cold=cold
    )
    runs = [read_outputs(result, figures_dir) for result in results]
    expected = _pack_files(briefs_dir, notebooks, overrides, each, lang, runs)
    ingredients = _pack_ingredients(runs, raw_dir, figures_dir, [notebooks, overrides, each, lang])
    record = briefs_dir / PACK_RECORD
    if not force and _unchanged(record, ingredients, expected):
        # Nothing the pack is made of changed: its files are what composing it again would write.
        if log:
            log(t("brief.pack_up_to_date", "vi" if lang == "all" else lang))
        decks, reports, indexes = expected
        return BriefResult(decks, reports, indexes, results)
    from .compose import compose  # python-pptx, pandas and the checks: only when there is something to write

    decks, reports, indexes = compose(runs, briefs_dir, figures_dir, raw_dir, notebooks=notebooks,
                                      overrides=overrides, each=each, lang=lang)  # fmt: skip
    write_atomic(record, json.dumps(ingredients, ensure_ascii=False, sort_keys=True, indent=1))
    return BriefResult(decks, reports, indexes, results)


PACK_RECORD = ".pack.json"  # what the pack in briefs/ was composed from (see _pack_ingredients)


def _sha256(path: Path) -> str:
    from ..store import file_sha256  # hashed once per command, as the freshness checks hash files

    return file_sha256(path) if path.is_file() else ""


def _pack_ingredients(runs: Sequence[RunOutputs], raw_dir: Path, figures_dir: Path, choice: list) -> dict:
    """Everything the decks, reports and indexes are a function of: qnlib's code and templates, the raw
    files (the checks, the cover), each run's executed notebook and figures, the figures' index, and
    the selection (notebooks, parameters, sweep, language)."""
    from ..store import fingerprint

    return {
        "choice": json.dumps(choice, ensure_ascii=False, sort_keys=True, default=str),
        "inputs": fingerprint(raw_dir),
        "runs": [
            [
                str(run.result.job.output),
                run.ok,
                _sha256(run.result.job.output),
                [_sha256(record.png) for record in run.figures],
            ]
            for run in runs
        ],
        "figures_index": _sha256(figures_dir / config.FIGURE_INDEX.name),
    }


def _pack_files(briefs_dir: Path, notebooks: Sequence[str], overrides: dict[str, str], each: str | None,
                lang: str, runs: Sequence[RunOutputs]) -> tuple[list[Path], list[Path], list[Path]]:  # fmt: skip
    """The decks, reports and indexes a composition writes."""
    from .catalogue import INDEX

    langs = _langs(lang)
    decks = [briefs_dir / f"{deck_stem(notebooks, overrides, each, one)}.pptx" for one in langs]
    reports = [briefs_dir / f"{run.result.job.output.stem}.html" for one in langs for run in runs
               if run.ok and run.result.job.params.get("lang") == one]  # fmt: skip
    return decks, reports, [briefs_dir / INDEX[one] for one in ("vi", "en")]


def _unchanged(record: Path, ingredients: dict, expected: tuple[list[Path], ...]) -> bool:
    try:
        before = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return before == json.loads(json.dumps(ingredients)) and all(
        p.is_file() for group in expected for p in group
    )
