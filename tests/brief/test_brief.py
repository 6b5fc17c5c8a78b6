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

from qnlib import cli, config, runner
from qnlib.brief import brief
from qnlib.sources import load_sources
from qnlib.words import t
from tests.test_notebooks import EXPECTED_FIGURES

pytestmark = pytest.mark.notebooks

FIGURES = [(nb, fig) for nb, names in EXPECTED_FIGURES.items() for fig in names]  # the deck's order
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
MISMATCHES = 20  # what `qnlib check` finds in the five documents (tests/test_checks.py pins each one)
FIRST_DISAGREEMENT = (
    "Quyết định 2877/QĐ-UBND ngày 06/10/2022, dòng 470",
    "Phụ biểu 01 'Cộng' vs yearly notes (model)",
    "21",
    "20",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The default brief, built twice into the same folders; the bytes of the first build."""
    out = tmp_path_factory.mktemp("brief")
    where = {"briefs_dir": out / "briefs", "figures_dir": out / "figures", "executed_dir": out / "notebooks"}
    first = brief(log=lambda line: None, **where)
    first_bytes = {p.name: p.read_bytes() for p in (out / "briefs").iterdir()}
    second = brief(log=lambda line: None, **where)
    return out, first, second, first_bytes


def test_every_notebook_ran_and_the_pack_is_complete(built):
    out, first, _, _ = built
    assert first.failed == []
    names = sorted(p.name for p in (out / "briefs").iterdir())
    reports = [f"{nb}__{lang}.html" for nb in EXPECTED_FIGURES for lang in ("vi", "en")]
    assert names == sorted(["briefing__vi.pptx", "briefing__en.pptx", "index.html", *reports])


def test_a_second_build_with_nothing_changed_is_byte_identical(built):
    out, _, _, first_bytes = built
    second_bytes = {p.name: p.read_bytes() for p in (out / "briefs").iterdir()}
    assert second_bytes.keys() == first_bytes.keys()
    assert [name for name in first_bytes if first_bytes[name] != second_bytes[name]] == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_deck_has_a_cover_a_slide_per_figure_and_the_disagreements(built, lang):
    out, *_ = built
    prs = Presentation(out / "briefs" / f"briefing__{lang}.pptx")
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9
    slides = list(prs.slides)
    closing = [s for s in slides if s.shapes.title.text.startswith(t("brief.disagree_title", lang))]
    assert slides[-len(closing) :] == closing and len(closing) >= 2
    assert len(slides) == 1 + len(FIGURES) + len(closing)
    cover_text = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    for source in load_sources().values():
        assert (source.title if lang == "vi" else source.title_en) in cover_text
    assert ("23/02/2024" if lang == "vi" else "23 February 2024") in cover_text  # the newest document's date
    index = pd.read_csv(out / "figures" / "index.csv").set_index("png")
    for slide, (notebook, figure) in zip(slides[1 : -len(closing)], FIGURES, strict=True):
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert picture.name == f"{notebook}__{figure}__{lang}"
        row = index.loc[f"{picture.name}.png"]
        assert slide.shapes.title.text == row["title"] == picture._element.nvPicPr.cNvPr.get("descr")
        notes = slide.notes_slide.notes_text_frame.text
        assert row["source"] in notes and ("Nguồn: " if lang == "vi" else "Source: ") in notes
        assert notes.startswith("Kết luận" if lang == "vi" else "Conclusions")
    rows = [
        [c.text for c in r.cells]
        for s in closing
        for r in next(x for x in s.shapes if x.has_table).table.rows
    ]
    header = rows[0]
    body = [r for r in rows if r != header]
    assert len(body) == MISMATCHES
    if lang == "vi":
        assert tuple(body[0][:4]) == FIRST_DISAGREEMENT


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


def test_index_lists_every_figure_and_links_files_that_exist(built):
    out, *_ = built
    text = (out / "briefs" / "index.html").read_text(encoding="utf-8")
    page = _Html()
    page.feed(text)
    index = pd.read_csv(out / "figures" / "index.csv")
    assert len(index) == 2 * len(FIGURES)
    for row in index.itertuples():
        assert row.title.replace("'", "&#39;").replace('"', "&#34;") in text
        assert f'href="../figures/{row.png}"' in text and f'href="../figures/{row.svg}"' in text
    assert all((out / "briefs" / src).resolve().is_file() for src in page.images)
    assert 'href="briefing__vi.pptx"' in text and 'href="ntm_attainment__en.html"' in text


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
    assert "FAILED poverty_rates" in capsys.readouterr().err
    prs = Presentation(tmp_path / "briefing__income_growth+poverty_rates__vi.pptx")
    titles = [s.shapes.title.text for s in prs.slides]
    closing = [x for x in titles if x.startswith(t("brief.disagree_title", "vi"))]
    assert len(titles) == 1 + len(EXPECTED_FIGURES["income_growth"]) + 1 + len(closing)
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
        ("Những chỗ các văn bản không khớp nhau", 4),  # 20 mismatches, as many slides as their rows need
    ]  # fmt: skip
    headers = [s.shapes.title.text for s in prs.slides if s.shapes.title.text.startswith("Chỉ tiêu: ")]
    assert headers == ["Chỉ tiêu: Vốn kế hoạch giao", "Chỉ tiêu: Số hộ vay", "Chỉ tiêu: Số vốn cho vay",
                       "Chỉ tiêu: Số vốn đã giải ngân", "Chỉ tiêu: Vốn vay bình quân một hộ"]  # fmt: skip
