"""`qnlib brief` end to end: the notebooks run, then the decks, the reports and the index
(slow: executes the notebooks twice; `make test-fast` skips it)."""

import html
import shutil
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Inches

from qnlib import cli, config
from qnlib.brief import brief
from qnlib.plotting import INDEX_DIR
from qnlib.run import runner
from qnlib.sources import load_sources
from qnlib.words import t
from tests.test_notebooks import EXPECTED_FIGURES

# The default pack is made once per test process: its readers share one (pytest-xdist, --dist loadgroup).
pytestmark = [pytest.mark.notebooks, pytest.mark.xdist_group("default_pack")]

FIGURES = [(nb, fig) for nb, names in EXPECTED_FIGURES.items() for fig in names]  # the deck's order
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
MISMATCHES = 32  # what `qnlib check` finds in the documents and sources (tests/test_checks.py pins each one)
CLOSING = {
    lang: (t("brief.disagree_figure_title", lang), t("brief.disagree_table_title", lang),
           t("brief.disagree_sources_title", lang))
    for lang in ("vi", "en")
}  # fmt: skip
SOURCES_MISMATCHES = 12  # the reported results that disagree (tests/test_checks.py: REPORTED)
CITED = 14  # the articles the default pack's figures draw a value from
FIGURE_MISMATCHES, TABLE_FINDINGS = (
    13,
    7,
)  # printed figures against what they should be; the tables' own slips
FIRST_DISAGREEMENT = {  # read from the decision: its "Cộng" row (line 470) counts 21, the notes under it 20
    "vi": ["1", "Quyết định 2877/QĐ-UBND, Phụ biểu 01, dòng “Cộng” và ghi chú dưới bảng (dòng 470 bản text)",
           "Số xã đạt NTM kiểu mẫu: dòng “Cộng” so với các ghi chú từng năm", "21", "20", "+1"],
    "en": ["1", "Decision 2877/QĐ-UBND, Phụ biểu 01, row “Cộng” and the notes below the table (line 470 of the "
           "text copy)", "Communes at model NTM: the “Cộng” row against the yearly notes", "21", "20", "+1"],
}  # fmt: skip


@pytest.fixture(scope="module")
def built(default_pack):
    """The default brief, built twice into the same folders; the bytes of the first build."""
    out, where, first = default_pack
    first_bytes = {p.name: p.read_bytes() for p in (out / "briefs").iterdir()}
    second = brief(log=lambda line: None, **where)
    return out, first, second, first_bytes


def test_every_notebook_ran_and_the_pack_is_complete(built):
    out, first, _, _ = built
    assert first.failed == []
    names = sorted(p.name for p in (out / "briefs").iterdir())
    reports = [f"{nb}__{lang}.html" for nb in EXPECTED_FIGURES for lang in ("vi", "en")]
    assert names == sorted(
        [".pack.json", "briefing__vi.pptx", "briefing__en.pptx", "index.html", "index__en.html", *reports]
    )  # .pack.json: what the pack was composed from, so that an unchanged pack is not composed again


def test_a_second_build_with_nothing_changed_is_byte_identical(built):
    out, _, _, first_bytes = built
    second_bytes = {p.name: p.read_bytes() for p in (out / "briefs").iterdir()}
    assert second_bytes.keys() == first_bytes.keys()
    assert [name for name in first_bytes if first_bytes[name] != second_bytes[name]] == []


def test_an_unchanged_pack_is_not_composed_again_and_a_missing_file_is(built):
    """Nothing changed since the last composition: the pack's files are left as they are (not rewritten:
    a no-op `make run` skips the pack as it skips the runs). A file gone makes the pack be composed."""
    out, *_ = built
    where = {"briefs_dir": out / "briefs", "figures_dir": out / "figures", "executed_dir": out / "notebooks"}
    deck = out / "briefs" / "briefing__vi.pptx"
    before = {p.name: p.stat().st_mtime_ns for p in (out / "briefs").iterdir()}
    result = brief(log=lambda line: None, **where)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "briefs").iterdir()} == before
    assert result.decks == [deck, out / "briefs" / "briefing__en.pptx"] and len(result.reports) == 12
    (out / "briefs" / "index__en.html").unlink()
    brief(log=lambda line: None, **where)
    assert (out / "briefs" / "index__en.html").is_file() and deck.stat().st_mtime_ns != before[deck.name]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_deck_has_a_cover_a_slide_per_figure_and_the_disagreements(built, lang):
    out, *_ = built
    prs = Presentation(out / "briefs" / f"briefing__{lang}.pptx")
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9
    slides = list(prs.slides)
    closing = [s for s in slides if s.shapes.title.text.startswith(CLOSING[lang])]
    cited = [s for s in slides if s.shapes.title.text.startswith(t("brief.cited_title", lang))]
    assert slides[-len(closing) - len(cited) :] == closing + cited and len(closing) >= 3 and cited
    assert len(slides) == 1 + len(FIGURES) + len(closing) + len(cited)
    cover_text = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    for source in load_sources().values():
        assert (source.title if lang == "vi" else source.title_en) in cover_text
    assert ("23/02/2024" if lang == "vi" else "23 February 2024") in cover_text  # the newest document's date
    assert ("18 bài" if lang == "vi" else "18 articles") in cover_text  # data/raw/reported
    assert ("08/01/2026" if lang == "vi" else "8 January 2026") in cover_text  # the latest of them
    index = pd.read_csv(out / "figures" / "index.csv").set_index("png")
    for slide, (notebook, figure) in zip(slides[1 : -len(closing) - len(cited)], FIGURES, strict=True):
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert picture.name == f"{notebook}__{figure}__{lang}"
        row = index.loc[f"{picture.name}.png"]
        assert slide.shapes.title.text == row["title"] == picture._element.nvPicPr.cNvPr.get("descr")
        notes = slide.notes_slide.notes_text_frame.text
        assert row["source"] in notes and ("Nguồn: " if lang == "vi" else "Source: ") in notes
        assert notes.startswith("Kết luận" if lang == "vi" else "Conclusions")
    tables = [
        [[c.text for c in r.cells] for r in next(x for x in s.shapes if x.has_table).table.rows]
        for s in closing
    ]
    kinds = [
        next(i for i, title in enumerate(CLOSING[lang]) if s.shapes.title.text.startswith(title))
        for s in closing
    ]
    figures = [rows[1:] for rows, kind in zip(tables, kinds, strict=True) if kind == 0]
    findings = [rows[1:] for rows, kind in zip(tables, kinds, strict=True) if kind == 1]
    sources = [rows[1:] for rows, kind in zip(tables, kinds, strict=True) if kind == 2]
    assert [len(rows) for rows in figures] == [7, 6] and [len(rows) for rows in findings] == [4, 3]  # evenly
    assert sum(map(len, figures)) == FIGURE_MISMATCHES and sum(map(len, findings)) == TABLE_FINDINGS
    assert [len(rows) for rows in sources] == [4, 4, 4] and sum(map(len, sources)) == SOURCES_MISMATCHES
    assert FIGURE_MISMATCHES + TABLE_FINDINGS + SOURCES_MISMATCHES == MISMATCHES
    assert figures[0][0] == FIRST_DISAGREEMENT[lang]
    assert [row[0] for rows in figures for row in rows] == [str(n) for n in range(1, FIGURE_MISMATCHES + 1)]
    for slide in closing:  # every row explained in the notes, by its number
        notes = slide.notes_slide.notes_text_frame.text
        rows = next(x for x in slide.shapes if x.has_table).table.rows
        assert all(f"{row.cells[0].text}. " in notes for row in list(rows)[1:])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_article_a_figure_draws_from_is_cited_with_its_quotation_and_address(built, lang):
    """A figure with a value reported later names its articles by number in its notes; the closing
    slides give each article once: publisher and date, the quotations holding the numbers, the URL."""
    import json
    import re

    out, *_ = built
    prs = Presentation(out / "briefs" / f"briefing__{lang}.pptx")
    cited = [s for s in prs.slides if s.shapes.title.text.startswith(t("brief.cited_title", lang))]
    rows = [
        [c.text for c in r.cells]
        for s in cited
        for r in list(next(x for x in s.shapes if x.has_table).table.rows)[1:]
    ]
    assert [row[0] for row in rows] == [str(n) for n in range(1, CITED + 1)]
    records = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((out / "figures" / INDEX_DIR).glob(f"*__{lang}.json"))
    ]
    urls = {c["url"]: c for r in records for c in r["citations"]}
    assert len(urls) == CITED and {row[3] for row in rows} == set(urls)  # every URL once, none cut
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in cited)
    for url, citation in urls.items():
        assert citation["quote"] in notes and url in notes  # in full in the notes, however the cell was cut
    numbers = {row[3]: row[0] for row in rows}
    for slide in prs.slides:
        picture = [shape for shape in slide.shapes if shape.shape_type == 13]
        if not picture:
            continue
        record = next(r for r in records if r["png"] == f"{picture[0].name}.png")
        text = slide.notes_slide.notes_text_frame.text
        expected = sorted({int(numbers[c["url"]]) for c in record["citations"]})
        found = re.search(r"(?:bài|numbers) ([\d, ]+)\.", text)
        assert (sorted(map(int, found.group(1).split(", "))) if found else []) == expected, record["png"]
    index = pd.read_csv(out / "figures" / "index.csv").fillna("")
    trajectory = index.set_index("png").loc[f"income_growth__trajectory__{lang}.png", "citations"]
    assert trajectory.split(" | ") == [
        "https://dantoctongiao.baodantoc.vn/chuyen-bien-tich-cuc-o-vung-dong-bao-dtts-tinh-quang-ninh-1730195173330.htm",
        "https://vietnamnet.vn/quang-ninh-tap-trung-nguon-luc-day-manh-xay-dung-nong-thon-moi-2477861.html",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reports_list_the_articles_with_links(built, lang):
    out, *_ = built
    text = (out / "briefs" / f"income_growth__{lang}.html").read_text(encoding="utf-8")
    assert t("brief.report_citations", lang) in text
    assert ('<a href="https://vietnamnet.vn/quang-ninh-tap-trung-nguon-luc-day-manh-xay-dung-nong-thon-moi-2477861.html">'
            in text)  # fmt: skip
    assert "84,147 triệu đồng/người/năm" in text  # the quotation, as the article prints it


def test_no_cell_of_the_disagreement_slides_runs_over_four_lines(built):
    """At most four lines a cell; a longer text is cut with "…" and given in full in the slide's notes."""
    from qnlib.brief.citations import WIDTHS
    from qnlib.brief.disagreements import FIGURE_WIDTHS, MAX_LINES, TABLE_INCHES, TABLE_WIDTHS, cell_lines

    out, *_ = built
    for lang in ("vi", "en"):
        prs = Presentation(out / "briefs" / f"briefing__{lang}.pptx")
        for slide in prs.slides:
            table = next((x.table for x in slide.shapes if x.has_table), None)
            if table is None:
                continue
            widths = FIGURE_WIDTHS if len(table.columns) == 6 else TABLE_WIDTHS
            if slide.shapes.title.text.startswith(t("brief.cited_title", lang)):
                widths = WIDTHS
            rows = list(table.rows)[1:]
            for row in rows:
                lines = [cell_lines(c.text, TABLE_INCHES * w) for c, w in zip(row.cells, widths, strict=True)]
                assert max(lines) <= MAX_LINES
            notes = slide.notes_slide.notes_text_frame.text
            cut = [
                c.text.strip("“”").removesuffix(" …")
                for r in rows
                for c in r.cells
                if c.text.endswith(("…", "…”"))
            ]
            assert all(text in notes for text in cut)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_notes_page_fits_a_printed_page(built, lang):
    """LibreOffice prints the notes below the slide: every slide's notes (the cover's too) fit the box."""
    from qnlib.brief.deck import NOTES_INCHES, notes_inches

    out, *_ = built
    prs = Presentation(out / "briefs" / f"briefing__{lang}.pptx")
    assert prs.slides[0].has_notes_slide  # the cover has notes, in a layout that fits the page
    for slide in prs.slides:
        if slide.has_notes_slide:
            frame = slide.notes_slide.notes_text_frame
            size = frame.paragraphs[0].runs[0].font.size.pt
            assert size >= 10 and notes_inches(frame.text, size) <= NOTES_INCHES, slide.shapes.title.text


class _Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.alts, self.scripts, self.classes, self.lang = [], [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.classes += (attrs.get("class") or "").split()
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "img":
            self.images.append(attrs["src"])
            self.alts.append(attrs.get("alt"))
        elif tag == "script":
            self.scripts.append(attrs.get("src"))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("notebook", list(EXPECTED_FIGURES))
def test_reports_have_no_code_and_embed_their_figures(built, notebook, lang):
    out, *_ = built
    text = (out / "briefs" / f"{notebook}__{lang}.html").read_text(encoding="utf-8")
    page = _Html()
    page.feed(text)
    assert page.lang == lang
    assert not {"jp-CodeMirrorEditor", "highlight", "jp-InputPrompt", "jp-OutputPrompt"} & set(page.classes)
    source = nbformat.read(config.NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    code = [line.strip() for c in source.cells if c.cell_type == "code" for line in c.source.splitlines()]
    assert [line for line in code if len(line) > 15 and html.escape(line, quote=False) in text] == []
    assert all(src.startswith("data:image/png;base64,") for src in page.images)
    titles = pd.read_csv(out / "figures" / "index.csv").query("notebook == @notebook and lang == @lang")[
        "title"
    ]
    assert sorted(page.alts) == sorted(titles)  # each picture's alt text is its figure's title
    assert len(page.images) == len(EXPECTED_FIGURES[notebook])  # each figure once, as saved
    assert [src for src in page.scripts if src] == []  # nothing fetched from the internet


@pytest.mark.parametrize(("lang", "name"), [("vi", "index.html"), ("en", "index__en.html")])
def test_index_lists_every_figure_of_its_language_and_links_files_that_exist(built, lang, name):
    out, *_ = built
    text = (out / "briefs" / name).read_text(encoding="utf-8")
    page = _Html()
    page.feed(text)
    assert page.lang == lang
    index = pd.read_csv(out / "figures" / "index.csv")
    mine = index[index["lang"] == lang]
    assert len(mine) == len(FIGURES) and len(page.images) == len(FIGURES)
    for row in mine.itertuples():
        assert row.title.replace("'", "&#39;").replace('"', "&#34;") in text
        assert f'href="../figures/{row.png}"' in text and f'href="../figures/{row.svg}"' in text
    for row in index[index["lang"] != lang].itertuples():
        assert (
            f'href="../figures/{row.png}"' not in text
        )  # the other language's figures are in the other index
    assert all((out / "briefs" / src).resolve().is_file() for src in page.images)
    assert f'href="briefing__{lang}.pptx"' in text and f'href="ntm_attainment__{lang}.html"' in text
    assert 'href="index__en.html"' in text if lang == "vi" else 'href="index.html"' in text


def test_a_failing_notebook_gets_a_slide_saying_so_and_exit_1(built, tmp_path, monkeypatch, capsys):
    out, *_ = built

    def run_jobs(jobs, **_):  # the runs of the fixture, except that poverty_rates "fails"
        return [
            runner.Result(
                job,
                job.notebook != "poverty_rates",
                1.0,
                *(() if job.notebook != "poverty_rates" else (5, "ValueError: broken on purpose")),
            )
            for job in jobs
        ]

    monkeypatch.setattr(runner, "run_jobs", run_jobs)
    monkeypatch.setattr(config, "BRIEFS_DIR", tmp_path)
    monkeypatch.setattr(config, "FIGURES_DIR", out / "figures")
    monkeypatch.setattr(config, "EXECUTED_NOTEBOOKS_DIR", out / "notebooks")
    monkeypatch.setattr(config, "REPORTS_DIR", out / "reports")
    (tmp_path / "poverty_rates__vi.html").write_text("an older, successful run")
    assert cli.main(["brief", "income_growth", "poverty_rates", "--lang", "vi"]) == 1
    assert "LỖI poverty_rates (ô 5): ValueError: broken on purpose" in capsys.readouterr().err
    prs = Presentation(tmp_path / "briefing__income_growth+poverty_rates__vi.pptx")
    titles = [s.shapes.title.text for s in prs.slides]
    closing = [x for x in titles if x.startswith(CLOSING["vi"])]
    cited = [x for x in titles if x.startswith(t("brief.cited_title", "vi"))]  # the income figures' articles
    assert len(titles) == 1 + len(EXPECTED_FIGURES["income_growth"]) + 1 + len(closing) + len(cited) and cited
    failure = prs.slides[3]
    assert titles[3] == "Chưa có hình của Hộ nghèo: sổ tay chạy lỗi"
    assert "Lỗi ở ô 5: ValueError: broken on purpose" in failure.notes_slide.notes_text_frame.text
    assert not (tmp_path / "poverty_rates__vi.html").exists()  # no report of an earlier run left behind
    shutil.rmtree(tmp_path)


def test_a_sweep_gives_one_deck_with_a_section_per_value(tmp_path):
    where = {
        "briefs_dir": tmp_path / "briefs",
        "figures_dir": tmp_path / "figures",
        "executed_dir": tmp_path / "nb",
    }
    result = brief(["loans_by_district"], each="metric", lang="vi", log=lambda line: None, **where)
    assert result.failed == [] and [p.name for p in result.decks] == [
        "briefing__loans_by_district__each-metric__vi.pptx"
    ]
    prs = Presentation(result.decks[0])
    sections = [
        (s.get("name"), len(list(s.iter(f"{P14}sldId")))) for s in prs.part._element.iter(f"{P14}section")
    ]
    # cover; per metric a header slide and its figures (avg_loan has no separate average chart); disagreements
    assert sections == [
        ("Quảng Ninh qua số liệu các văn bản của tỉnh", 1),
        ("Vốn kế hoạch giao", 5), ("Số hộ vay", 5), ("Số vốn cho vay", 5), ("Số vốn đã giải ngân", 5),
        ("Vốn vay bình quân một hộ", 4),
        # 13 figures (7 + 6), 7 findings of the tables (4 + 3), 12 of the sources reported later (4 + 4 + 4);
        # no figure of the loans cites an article, so no slide lists them
        ("Những chỗ các văn bản và các nguồn không khớp", 7),
    ]  # fmt: skip
    headers = [s.shapes.title.text for s in prs.slides if s.shapes.title.text.startswith("Chỉ tiêu: ")]
    assert headers == ["Chỉ tiêu: Vốn kế hoạch giao", "Chỉ tiêu: Số hộ vay", "Chỉ tiêu: Số vốn cho vay",
                       "Chỉ tiêu: Số vốn đã giải ngân", "Chỉ tiêu: Vốn vay bình quân một hộ"]  # fmt: skip


class _ReaderText(HTMLParser):
    """The text a reader of a report sees: not styles or scripts, not the cells quoting a document."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("style", "script") or "qnlib-quote" in classes or (self._skip and tag == self._skip[-1]):
            self._skip.append(tag)

    def handle_endtag(self, tag):
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _deck_text(path) -> str:
    prs = Presentation(path)
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for r in shape.table.rows for c in r.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


# Names of files and codes a reader sees as they are: figure files, notebook files, parameter values.
FILE_NAMES = (r"figures/\S+", r"\S+\.ipynb")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_pack_speaks_its_readers_language(built, lang):
    """No English sentence in the Vietnamese deck, reports and figures, and no Vietnamese one in the English
    ones, outside quotations and names (tests/language.py lists the words)."""
    import re

    from tests.language import foreign_numbers, foreign_words

    out, *_ = built
    found = {}
    deck = re.sub("|".join(FILE_NAMES), " ", _deck_text(out / "briefs" / f"briefing__{lang}.pptx"))
    found["deck"] = foreign_words(deck, lang)
    for notebook in EXPECTED_FIGURES:
        page = _ReaderText()
        page.feed((out / "briefs" / f"{notebook}__{lang}.html").read_text(encoding="utf-8"))
        text = re.sub("|".join(FILE_NAMES), " ", " ".join(page.parts))
        found[notebook] = foreign_words(text, lang)
    index = pd.read_csv(out / "figures" / "index.csv").query("lang == @lang").fillna("")
    figures = " ".join(" ".join(row) for row in index[["title", "subtitle", "notes", "source"]].to_numpy())
    found["figures"] = foreign_words(figures, lang)
    found["numbers"] = foreign_numbers(" ".join([deck, figures]), lang)  # decimals the reader's way
    assert {where: words for where, words in found.items() if words} == {}
