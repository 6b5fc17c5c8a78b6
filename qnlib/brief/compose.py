"""Composing the pack: the decks, the HTML reports and the index pages, from the runs' outputs.

Imported by :func:`qnlib.brief.brief` only when the pack must be written again (python-pptx,
pandas and the checks cost a second to import; an unchanged pack needs none of them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import config
from ..checks import check_results, render
from ..files import write_atomic
from ..run import parameters, runner
from ..sources import Source, load_reported_files, load_sources
from ..words import date_text, t, templates, value_text
from . import _langs, deck_stem
from .catalogue import write_index
from .citations import article_numbers, citation_slides
from .deck import Cover, FigureSlide, Section, TextSlide, write_deck
from .disagreements import disagreement_slides
from .outputs import FigureRecord, RunOutputs, plain_text
from .report import render_report


def compose(runs: Sequence[RunOutputs], briefs_dir: Path, figures_dir: Path, raw_dir: Path, *,
            notebooks: Sequence[str], overrides: dict[str, str], each: str | None,
            lang: str) -> tuple[list[Path], list[Path], list[Path]]:  # fmt: skip
    """Write the decks (one per language), the reports of the runs that finished and the indexes."""
    sources = load_sources(raw_dir / "sources.yml")
    newest, dated = _latest(sources)
    articles = _articles(raw_dir)
    found = check_results(raw_dir)
    briefs_dir.mkdir(parents=True, exist_ok=True)
    decks, reports = [], []
    for one in _langs(lang):
        mine = [run for run in runs if run.result.job.params.get("lang") == one]
        records = [record for run in mine if run.ok for record in run.figures]
        sections = _sections(mine, one, each, article_numbers(records))
        closing = t("brief.disagree_section", one)
        sections.append(Section(closing, tuple(disagreement_slides(render(found, one, sources), one))))
        cited = citation_slides(records, one)
        if cited:
            sections.append(Section(t("brief.cited_section", one), tuple(cited)))
        path = briefs_dir / f"{deck_stem(notebooks, overrides, each, one)}.pptx"
        cover = _cover(one, [r.result.job for r in mine], sources, each, articles)
        decks.append(write_deck(path, cover, sections, title=t("brief.deck_title", one), dated=dated,
                                cover_section=cover.title, lang=one))  # fmt: skip
        for run in mine:
            stale = briefs_dir / f"{run.result.job.output.stem}.html"
            if run.ok:
                reports.append(_report(run, one, newest, briefs_dir))
            else:
                stale.unlink(missing_ok=True)  # never leave a report of an earlier, different run
    indexes = write_index(briefs_dir, figures_dir)
    return decks, reports, indexes


def _latest(sources: dict[str, Source]) -> tuple[str, datetime]:
    """The date of the data: the newest document's date (as printed, and as a datetime)."""
    newest = max(source.date for source in sources.values())
    year, month, day = ([*map(int, newest.split("-")), 1, 1])[:3]
    return newest, datetime(year, month, day)


def _changed(job: runner.Job) -> dict[str, Any]:
    defaults = parameters.defaults(job.notebook)
    return {k: v for k, v in job.params.items() if k != "lang" and v != defaults.get(k)}


def _articles(raw_dir: Path) -> list[str]:
    """The publication dates of the articles cited after the documents (``data/raw/reported``)."""
    import yaml

    dates = []
    for entry in load_reported_files(raw_dir / "sources.yml").values():
        try:
            dates.append(str(yaml.safe_load((raw_dir / entry.file).read_text(encoding="utf-8"))["published"]))
        except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError):
            continue  # the build names a bad article file; the cover only counts the readable ones
    return dates


def _cover(lang: str, jobs: Sequence[runner.Job], sources: dict[str, Source], each: str | None,
           articles: Sequence[str] = ()) -> Cover:  # fmt: skip
    newest, _ = _latest(sources)
    names = list(dict.fromkeys(t(f"brief.notebook_{job.notebook}", lang) for job in jobs))
    lines = [t("brief.cover_data_date", lang, date=date_text(newest, lang))]
    if articles:
        lines.append(
            t("brief.cover_reported", lang, count=len(articles), date=date_text(max(articles), lang))
        )
    lines.append(t("brief.cover_contents", lang, names=", ".join(names)))
    fixed = {k: v for job in jobs for k, v in _changed(job).items() if k != each}
    shown = [f"{k} = {value_text(v, lang)}" for k, v in fixed.items()]
    shown += [t("brief.cover_each", lang, name=each)] if each else []
    if shown:
        lines.append(t("brief.cover_parameters", lang, values="; ".join(shown)))
    documents = tuple(
        f"{source.title if lang == 'vi' else source.title_en} ({date_text(source.date, lang)})"
        for source in sorted(sources.values(), key=lambda s: s.date)
    )
    return Cover(
        t("brief.cover_title", lang),
        tuple(lines),
        t("brief.cover_documents", lang, count=len(sources)),
        documents,
        t("brief.cover_notes", lang),
    )


def _figure_slide(record: FigureRecord, run: RunOutputs, lang: str, numbers: dict[str, int]) -> FigureSlide:
    notes = (
        [t("brief.conclusions", lang) + ":", *map(plain_text, run.conclusions), ""] if run.conclusions else []
    )
    notes.append(f"{t('source', lang)}: {record.source}")
    notes += [f"{t('note', lang)}: {note}" for note in record.notes]
    if record.citations:  # the source line names the articles; the closing slides quote them, by number
        cited = sorted({numbers[c["url"]] for c in record.citations})
        notes.append(t("brief.citations", lang, numbers=", ".join(map(str, cited))))
    notes.append(t("brief.figure_files", lang, png=record.png.name, svg=record.svg.name))
    return FigureSlide(record.title, record.png.read_bytes(), record.title, "\n".join(notes), record.stem,
                       crop_top=record.title_band)  # fmt: skip


def _failure_slide(run: RunOutputs, lang: str) -> TextSlide:
    job, result = run.result.job, run.result
    name = t(f"brief.notebook_{job.notebook}", lang) + (f" ({job.label})" if _changed(job) else "")
    detail = t("brief.failed_detail", lang, cell=result.cell if result.cell is not None else "?",
               error=result.error or "?", notebook=config.shown(job.output))  # fmt: skip
    return TextSlide(t("brief.failed_title", lang, run=name), (detail,), notes=detail)


# Templates naming a parameter's values, where the value itself is a code ("planned_mvnd").
VALUE_LABELS = {"metric": "loans.metric_{}", "area": "area_{}"}


def _parameter_name(name: str, lang: str) -> str:
    """A parameter as readers name it ("district" -> "Địa phương"), or its own name."""
    key = f"brief.parameter_{name}"
    return t(key, lang) if key in templates() else name


def _parameter_value(name: str, value: Any, lang: str) -> str:
    """A parameter's value as readers name it ("planned_mvnd" -> "Vốn kế hoạch giao")."""
    key = VALUE_LABELS.get(name, "{}").format(value)
    return t(key, lang) if name in VALUE_LABELS and key in templates() else value_text(value, lang)


def _sections(
    runs: Sequence[RunOutputs], lang: str, each: str | None, numbers: dict[str, int]
) -> list[Section]:
    """One section per notebook, or per value of the swept parameter (with a header slide)."""
    groups: dict[str, list[RunOutputs]] = {}
    for run in runs:
        job = run.result.job
        key = (
            _parameter_value(each, job.params[each], lang)
            if each
            else t(f"brief.notebook_{job.notebook}", lang)
        )
        groups.setdefault(key, []).append(run)
    sections = []
    for key, members in groups.items():
        slides: list[FigureSlide | TextSlide] = []
        for run in members:
            if run.ok:
                slides += [_figure_slide(record, run, lang, numbers) for record in run.figures]
            else:
                slides.append(_failure_slide(run, lang))
        notebooks = ", ".join(
            dict.fromkeys(t(f"brief.notebook_{r.result.job.notebook}", lang) for r in members)
        )
        header = t("brief.section_value", lang, name=_parameter_name(each, lang), value=key) if each else None
        sections.append(Section(key, tuple(slides), header=header, header_detail=notebooks))
    return sections


def _citations(run: RunOutputs, lang: str) -> list[dict[str, str]]:
    """Each article the run's figures cite, once: its text and its address (a link in the report)."""
    cited = {(c["url"], c["quote"]): c for record in run.figures for c in record.citations}
    return [{"text": t("citation_quoted", lang, publisher=c["publisher"], date=date_text(c["published"], lang),
                       quote=c["quote"]), "url": c["url"]} for c in cited.values()]  # fmt: skip


def _report(run: RunOutputs, lang: str, newest: str, briefs_dir: Path) -> Path:
    job = run.result.job
    name = t(f"brief.notebook_{job.notebook}", lang)
    lines = [t("brief.report_about", lang, notebook=job.output.name)]
    if _changed(job):
        shown = "; ".join(f"{k} = {value_text(v, lang)}" for k, v in _changed(job).items())
        lines.append(t("brief.cover_parameters", lang, values=shown))
    lines.append(t("brief.cover_data_date", lang, date=date_text(newest, lang)))
    html = render_report(job.output, lang, title=f"{name} ({job.output.stem})",
                         heading=t("brief.report_heading", lang, name=name), lines=lines,
                         sources_heading=t("brief.report_sources", lang),
                         sources=list(dict.fromkeys(r.source for r in run.figures)),
                         citations_heading=t("brief.report_citations", lang),
                         citations=_citations(run, lang))  # fmt: skip
    return write_atomic(briefs_dir / f"{job.output.stem}.html", html)
