"""Words on figures and in conclusions, in Vietnamese (default) or English, kept as data.

Every sentence, title and label lives in a YAML file of ``qnlib/templates/`` with an
explicit ``vi:`` and ``en:`` text, never as two hand-made f-strings that drift apart.
Texts are Jinja templates: ``{{ value | num(1) }}`` writes a number the reader's way
("46,1" / "46.1"), ``{{ value | pct(2) }}`` adds "%", ``{{ t("level_" ~ level) }}`` inserts
another label in the same language, and ``{% if … %}`` chooses between wordings.

Each analysis file has up to three sections: ``facts`` (rendered from that analysis's facts
object: a test checks every name they use is a field of it), ``labels`` (rendered with the
values the caller passes) and ``narrative`` (the notebook's headings and passages, rendered
with the run's parameters and facts). ``common.yml`` holds labels shared by all.
Keys are ``<file>.<name>`` (``income.trajectory_finding``); common keys are bare (``source``).
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path
from typing import Any

from . import config, yamltext
from .errors import ParameterError, QnlibError
from .text import VN_NUMBER, format_vn_number, parse_vn_number
from .vocabulary import LANGS

__all__ = [
    "LANGS",
    "TEMPLATES_DIR",
    "citation_text",
    "date_text",
    "fmt",
    "join_names",
    "level_name",
    "reader_numbers",
    "render",
    "sentence_case",
    "t",
    "templates",
    "unit_text",
    "value_text",
    "variables",
]

TEMPLATES_DIR = config.PACKAGE_DIR / "templates"
COMMON = "common"
SECTIONS = ("facts", "labels", "narrative")  # narrative: a notebook's headings and passages (run.text)


@dataclasses.dataclass(frozen=True)
class Template:
    key: str
    section: str  # "facts" | "labels"
    texts: dict[str, str]  # lang -> Jinja source
    file: Path


def _read(path: Path) -> dict[str, Template]:
    data = yamltext.load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or set(data) - set(SECTIONS):
        raise QnlibError(f"{path}: expected sections {' and '.join(SECTIONS)}, found {sorted(data)}")
    found = {}
    for section, entries in data.items():
        for name, texts in (entries or {}).items():
            key = name if path.stem == COMMON else f"{path.stem}.{name}"
            if key in found:
                raise QnlibError(
                    f"{path}: template {name!r} appears twice (sections {found[key].section}, {section})"
                )
            if not isinstance(texts, dict) or sorted(texts) != sorted(LANGS):
                got = sorted(texts) if isinstance(texts, dict) else type(texts).__name__
                raise QnlibError(f"{path}: template {name!r} needs exactly the keys vi and en, found {got}")
            found[key] = Template(key, section, {k: str(v).strip() for k, v in texts.items()}, path)
    return found


@cache
def templates(directory: Path = TEMPLATES_DIR) -> dict[str, Template]:
    """Every template of ``directory``, by key."""
    found: dict[str, Template] = {}
    for path in sorted(Path(directory).glob("*.yml")):
        found |= _read(path)
    return found


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ParameterError(f"parameter 'lang': expected one of {', '.join(LANGS)}, got {lang!r}")


def fmt(value: float, lang: str, decimals: int = 0, percent: bool = False) -> str:
    """A number as a reader of ``lang`` writes it: "46,1" / "1.526" in Vietnamese, "46.1" / "1,526" in English."""
    _check_lang(lang)
    text = format_vn_number(value, decimals) if lang == "vi" else f"{value:,.{decimals}f}"
    return text + ("%" if percent else "")


@cache
def _environment() -> Any:
    import jinja2

    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True
    )

    @jinja2.pass_context
    def num(context: Any, value: float, decimals: int = 0) -> str:
        return fmt(value, context["lang"], decimals)

    @jinja2.pass_context
    def pct(context: Any, value: float, decimals: int = 0) -> str:
        return fmt(value, context["lang"], decimals, percent=True)

    @jinja2.pass_context
    def label(context: Any, key: str, **values: Any) -> str:
        return t(key, context["lang"], **values)

    @jinja2.pass_context
    def val(context: Any, value: Any) -> str:
        return value_text(value, context["lang"])

    @jinja2.pass_context
    def day(context: Any, iso: str) -> str:
        return date_text(str(iso), context["lang"])

    @jinja2.pass_context
    def names(context: Any, items: Any) -> str:
        return join_names([str(i) for i in items], context["lang"])

    @jinja2.pass_context
    def unit(context: Any, text: str) -> str:
        return unit_text(str(text), context["lang"])

    @jinja2.pass_context
    def numbers(context: Any, text: str) -> str:
        return reader_numbers(str(text), context["lang"])

    @jinja2.pass_context
    def measured(context: Any, text: str, unit: str) -> str:
        """A number and its unit: "57,1% số xã", "56 xã"."""
        words = unit_text(str(unit), context["lang"])
        return f"{text}{words}" if words.startswith("%") else f"{text} {words}"

    environment.filters.update(num=num, pct=pct, val=val, day=day, names=names, unit=unit, numbers=numbers,
                               measured=measured)  # fmt: skip
    environment.globals.update(t=label)
    return environment


@cache
def _compiled(key: str, lang: str) -> Any:
    return _environment().from_string(templates()[key].texts[lang])


def _template(key: str) -> Template:
    try:
        return templates()[key]
    except KeyError:
        raise QnlibError(f"no template {key!r} in {TEMPLATES_DIR}") from None


def t(key: str, lang: str, **values: Any) -> str:
    """The text ``key`` in ``lang``, filled with ``values``."""
    _check_lang(lang)
    text = _template(key).texts[lang]
    if "{" not in text:  # no Jinja in it (most labels and help texts): the text itself, uncompiled
        return text.strip()
    try:
        return _compiled(key, lang).render(lang=lang, **values).strip()
    except Exception as error:  # a missing value names the template, not Jinja's internals
        raise QnlibError(f"template {key!r} ({lang}): {error}") from None


def render(key: str, lang: str, facts: Any) -> str:
    """A ``facts`` template filled from the fields of a facts object (a dataclass), nothing else."""
    if _template(key).section != "facts":
        raise QnlibError(f"template {key!r} is a label: fill it with t(), not render()")
    return t(key, lang, **{f.name: getattr(facts, f.name) for f in dataclasses.fields(facts)})


def fill(key: str, lang: str, facts: Any) -> str:
    """The text ``key``: a ``facts`` template from ``facts``, a label as it stands."""
    return render(key, lang, facts) if _template(key).section == "facts" else t(key, lang)


def variables(text: str) -> set[str]:
    """The names a template's text reads (what must be passed to fill it)."""
    import jinja2.meta

    return jinja2.meta.find_undeclared_variables(_environment().parse(text))


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip


def citation_text(citation: dict[str, str], lang: str) -> str:
    """An article cited for a figure, as a note or a report's source list writes it: publisher, date,
    the quotation holding the number and the URL (:func:`qnlib.reported.citations`)."""
    return t("citation", lang, publisher=citation["publisher"], date=date_text(citation["published"], lang),
             quote=citation["quote"], url=citation["url"])  # fmt: skip


def date_text(iso: str, lang: str) -> str:
    """A document date ("2024-02-23", "2022-08" or "2021") as a reader of ``lang`` writes it:
    "23/02/2024", "08/2022" in Vietnamese; "23 February 2024", "August 2022" in English."""
    _check_lang(lang)
    parts = [int(p) for p in iso.split("-")]
    if lang == "vi":
        return "/".join(f"{p:02d}" if i < len(parts) - 1 else str(p) for i, p in enumerate(reversed(parts)))
    named = [*parts[:1], MONTHS_EN[parts[1] - 1], *parts[2:]] if len(parts) > 1 else parts
    return " ".join(map(str, reversed(named)))


def value_text(value: Any, lang: str) -> str:
    """A value as a reader of ``lang`` reads it: a number with as many decimals as it has (at most
    2; "59,1" / "59.1", "1.255" / "1,255"), a list joined, nothing for a missing value."""
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v, lang) for v in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return fmt(value, lang, next(d for d in range(3) if d == 2 or round(value, d) == value))
    return str(value)


def reader_numbers(text: str, lang: str) -> str:
    """A formula of printed numbers ("100,0 − 26,652") with every number written the reader's way
    ("100.0 − 26.652" in English); the digits printed are kept."""
    if lang == "vi":
        return text

    def english(match: re.Match[str]) -> str:
        printed = match.group(0)
        decimals = len(printed.split(",")[1]) if "," in printed else 0
        return fmt(parse_vn_number(printed), lang, decimals)

    return VN_NUMBER.sub(english, text)


def unit_text(unit: str, lang: str) -> str:
    """A unit as the data write it ("% of households") in the reader's words (``unit_…`` templates)."""
    key = "unit_" + re.sub(r"[^a-z0-9]+", "_", unit.lower().replace("%", "pct")).strip("_")
    return t(key, lang) if key in templates() else unit


def join_names(items: list[str], lang: str) -> str:
    """ "A, B và C" / "A, B and C"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('and', lang)} {items[-1]}"


def level_name(level: str, lang: str) -> str:
    return t(f"level_{level}", lang)


def sentence_case(text: str) -> str:
    """First letter upper case, the rest untouched ("hộ DTTS" -> "Hộ DTTS", unlike str.capitalize)."""
    return text[:1].upper() + text[1:]
