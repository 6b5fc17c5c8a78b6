"""The raw source documents: what they are (``data/raw/sources.yml``) and their text.

This is the only module that opens raw files. Everything downstream works on
:class:`Document` objects (text plus identity), so parsers stay plain functions
over strings and tests need no files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import config, yamltext
from .errors import ParseError, QnlibError, unnamed_source
from .text import nfc

__all__ = [
    "Corpus",
    "Document",
    "ReportedFile",
    "Source",
    "cite",
    "load_reported_files",
    "load_sources",
    "raw_path",
    "read_corpus",
    "sha256_of",
]


@dataclass(frozen=True)
class Source:
    """One document as described in ``sources.yml``."""

    id: str
    file: str
    sha256: str
    title: str
    title_en: str
    short: str
    issuer: str
    number: str
    date: str
    kind: str  # "text" or "ocr"
    tables: tuple[str, ...] = ()
    seed: str = ""
    sections: tuple[tuple[int, str, str], ...] = ()  # (first line, label in vi, label in en), in order
    short_en: str = ""  # how English outputs cite it (its number as printed)
    base_year: int | None = None  # the year its targets are measured from (the scorecard's base)

    @property
    def is_ocr(self) -> bool:
        return self.kind == "ocr"

    def named(self, lang: str = "vi") -> str:
        """The document's short name for a reader of ``lang``."""
        return self.short_en if lang == "en" and self.short_en else self.short

    def section_at(self, line: int, lang: str = "vi") -> str | None:
        """The table or section of the document that holds ``line`` ("Phụ lục 6", "mục II")."""
        label = None
        for first, vi, en in self.sections:
            if first <= line:
                label = en if lang == "en" else vi
        return label


@dataclass(frozen=True)
class Document:
    """A raw document's text (NFC) with its identity, for parsers and error messages."""

    source: Source
    text: str
    path: Path | None = None
    lines: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # split("\n"), not splitlines(): line numbers must match what an editor shows.
        object.__setattr__(self, "lines", tuple(s.rstrip("\r") for s in self.text.split("\n")))

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def name(self) -> str:
        """How error messages name the document: its path (relative to the project when inside it)."""
        if self.path is None:
            return self.source.file
        return config.shown(self.path)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based)."""
        return self.lines[number - 1]

    @classmethod
    def from_text(cls, text: str, source_id: str = "test", kind: str = "text") -> Document:
        """A document made from a string (tests, notebooks exploring a snippet)."""
        source = Source(source_id, f"{source_id}.txt", "", source_id, source_id, source_id, "", "", "", kind)
        return cls(source, nfc(text))


class Corpus(Mapping[str, Document]):
    """The documents of one build, by source id, and the articles reported after them
    (:attr:`reported`: each article's text, by id, read but not yet parsed)."""

    def __init__(self, documents: Mapping[str, Document], reported: Mapping[str, Document] | None = None):
        self._documents = dict(documents)
        self.reported: dict[str, Document] = dict(reported or {})

    def __getitem__(self, source_id: str) -> Document:
        try:
            return self._documents[source_id]
        except KeyError:
            known = ", ".join(sorted(self._documents))
            raise QnlibError(f"unknown source id {source_id!r}; known: {known}") from None

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._documents

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _section(line: int, label: Any) -> tuple[int, str, str]:
    """A section label: the document's own name for the part (one text), or a vi and an en text."""
    if isinstance(label, dict):
        return line, str(label["vi"]), str(label["en"])
    return line, str(label), str(label)


def load_sources(path: Path = config.SOURCES_FILE) -> dict[str, Source]:
    """Read ``sources.yml`` into :class:`Source` records, by id."""
    try:
        entries = yamltext.load(Path(path).read_text(encoding="utf-8"))["sources"]
        sources = {}
        for entry in entries:
            entry = {k: v if k in ("tables", "sections", "base_year") else str(v) for k, v in entry.items()}
            entry["tables"] = tuple(entry.get("tables", ()))
            entry["sections"] = tuple(
                sorted(_section(int(k), v) for k, v in (entry.get("sections") or {}).items())
            )
            if entry.get("base_year") is not None:
                entry["base_year"] = int(entry["base_year"])
            sources[entry["id"]] = Source(**entry)
    except FileNotFoundError:
        raise QnlibError(f"{path}: missing; it lists the raw documents (see README)") from None
    except (KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise QnlibError(
            f"{path}: expected a list of sources with id, file, sha256, title, …: {exc}"
        ) from None
    return sources


@dataclass(frozen=True)
class ReportedFile:
    """One article cited in ``data/raw/reported/`` (listed under ``reported`` in ``sources.yml``)."""

    id: str
    file: str  # relative to the raw folder: "reported/….yml"
    sha256: str


def load_reported_files(path: Path = config.SOURCES_FILE) -> dict[str, ReportedFile]:
    """The articles ``sources.yml`` lists under ``reported``, by id (none when it lists none)."""
    try:
        entries = yamltext.load(Path(path).read_text(encoding="utf-8")).get("reported") or []
        return {str(e["id"]): ReportedFile(str(e["id"]), str(e["file"]), str(e["sha256"])) for e in entries}
    except FileNotFoundError:
        raise QnlibError(f"{path}: missing; it lists the raw documents (see README)") from None
    except (AttributeError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise QnlibError(f"{path}: expected under 'reported' a list of id, file, sha256: {exc}") from None


def raw_path(source_id: str) -> str:
    """The raw file a source id (a document or a reported article) stands for, as a reader finds it
    (``data/raw/…``); the id itself when ``sources.yml`` does not list it."""
    try:
        known = {sid: s.file for sid, s in load_sources().items()}
        known |= {rid: r.file for rid, r in load_reported_files().items()}
    except QnlibError:
        return source_id
    return f"{config.shown(config.RAW_DIR)}/{known[source_id]}" if source_id in known else source_id


def read_document(source: Source, raw_dir: Path = config.RAW_DIR) -> Document:
    """Read one raw file as UTF-8 text; a missing or undecodable file is a clear error."""
    path = Path(raw_dir) / source.file
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(f"the raw document {source.id!r} listed in sources.yml", file=path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(
            "UTF-8 text", found=repr(data[exc.start : exc.start + 8]), line=line, file=path
        ) from None
    return Document(source, nfc(text.removeprefix("\ufeff")), path)


def read_corpus(raw_dir: Path = config.RAW_DIR, sources_file: Path | None = None) -> Corpus:
    """All documents listed in ``sources.yml`` (by default the one inside ``raw_dir``), and the
    articles it lists under ``reported``."""
    listing = sources_file or Path(raw_dir) / "sources.yml"
    sources = load_sources(listing)
    reported = {}
    for rid, entry in load_reported_files(listing).items():
        source = Source(rid, entry.file, entry.sha256, rid, rid, rid, "", "", "", "text")
        reported[rid] = read_document(source, raw_dir)
    return Corpus({sid: read_document(src, raw_dir) for sid, src in sources.items()}, reported)


def cite(
    *parts: Any,
    sources: dict[str, Source] | None = None,
    lang: str = "vi",
    articles: Mapping[str, str] | None = None,
) -> str:
    """A source line for figures: each document (short name) with the sections its values
    come from, in order of first appearance. ``parts`` are frames with ``source`` and
    ``line`` columns, iterables of (source id, line) pairs, or text cited as it stands (empty
    text is skipped). ``lang`` chooses the documents' short names and section labels.
    ``articles`` names the articles reported after the documents (:func:`qnlib.reported.article_names`)
    that rows may cite instead of a document.

    >>> cite([("bc06_2022", 313)])
    'Báo cáo BCSĐ UBND tỉnh tháng 8/2022 (NQ 06-NQ/TU), Phụ lục 6'
    """
    sources = load_sources() if sources is None else sources
    cited: dict[str, list[str]] = {}
    for part in parts:
        if isinstance(part, str):
            if part:
                cited.setdefault(part, [])
            continue
        pairs = zip(part["source"], part["line"], strict=True) if hasattr(part, "columns") else part
        for source_id, line in pairs:
            if source_id not in sources:
                if source_id not in (articles or {}):
                    raise unnamed_source(source_id)
                cited.setdefault(source_id, [])
                continue
            section = sources[source_id].section_at(int(line), lang)
            sections = cited.setdefault(source_id, [])
            if section and section not in sections:
                sections.append(section)
    names = {
        sid: sources[sid].named(lang) if sid in sources else (articles or {}).get(sid, sid) for sid in cited
    }
    return "; ".join(", ".join([names[sid], *sections]) for sid, sections in cited.items())
