"""Reading what a run produced, and the brief's pure helpers."""

import json
import subprocess
import sys

import pytest

from qnlib.brief import deck_stem, plan
from qnlib.brief.deck import NOTES_INCHES, notes_inches, notes_size
from qnlib.brief.disagreements import MAX_LINES, cell_lines, fit, pages
from qnlib.brief.outputs import plain_text, read_record
from qnlib.errors import ParameterError, QnlibError
from qnlib.plotting import INDEX_DIR
from qnlib.words import value_text


def test_conclusions_become_plain_notes():
    markdown = "- Năm 2021: **40.000 triệu đồng** cho *586 hộ*\n- Xem `qnlib check`."
    assert plain_text(markdown) == "• Năm 2021: 40.000 triệu đồng cho 586 hộ\n• Xem qnlib check."


def _record(figures, stem="nb__fig__vi"):
    (figures / INDEX_DIR).mkdir(parents=True)
    record = {"png": f"{stem}.png", "svg": f"{stem}.svg", "notebook": "nb", "title": "T", "notes": ["a"],
              "parameters": "{\"lang\": \"vi\"}", "title_band": 0.1}  # fmt: skip
    (figures / INDEX_DIR / f"{stem}.json").write_text(json.dumps(record))
    (figures / f"{stem}.svg").write_text("<svg/>")
    return stem


def test_a_figure_whose_png_is_gone_is_named_in_one_error(tmp_path):
    stem = _record(tmp_path)
    with pytest.raises(QnlibError, match=r"missing figure 'nb__fig__vi': .*nb__fig__vi.png does not exist"):
        read_record(stem, tmp_path)
    with pytest.raises(QnlibError, match="missing figure 'other': no readable record"):
        read_record("other", tmp_path)


def test_values_are_written_the_readers_way():
    assert [value_text(v, "vi") for v in (59.1, 62.93, 54.0, 21, ["ntm", "model"], None, float("nan"))] == [
        "59,1",
        "62,93",
        "54",
        "21",
        "ntm, model",
        "",
        "",
    ]
    assert [value_text(v, "en") for v in (59.1, 1526.0)] == ["59.1", "1,526"]


def test_rows_are_spread_evenly_over_the_slides_they_need():
    short, long = ("a",), ("x " * 75,)
    assert pages([short] * 4, (1.0,), room=5.0) == [[0, 1, 2, 3]]
    one = cell_lines(long[0], 13.0)
    room = 5.5 * (0.07 + 13 * 1.05 / 72 * one)  # five long rows fit, not six
    assert [len(p) for p in pages([long] * 12, (1.0,), room=room)] == [4, 4, 4]  # not 5 + 5 + 2
    assert [len(p) for p in pages([long] * 7, (1.0,), room=3.5 * (0.07 + 13 * 1.05 / 72 * one))] == [3, 2, 2]


def test_a_long_cell_is_cut_at_a_word_and_said_so():
    text = "V/v triển khai thực hiện Nghị quyết số 10/NQ-CP ngày 28/01/2022 của Chính phủ ban hành " * 3
    shown, cut = fit(text, 2.0)
    assert cut and shown.endswith(" …") and text.startswith(shown[:-2])
    assert cell_lines(shown, 2.0) == MAX_LINES
    assert fit("ngắn", 2.0) == ("ngắn", False)


def test_notes_take_the_largest_size_that_fits_the_page():
    short = "Một dòng."
    assert notes_size(short) == 12
    long = "\n".join(["Một câu ghi chú khá dài để lấp đầy trang ghi chú của bản in. " * 2] * 14)
    assert notes_inches(long, 12) > NOTES_INCHES >= notes_inches(long, notes_size(long))


def test_deck_names_say_what_was_selected():
    assert deck_stem([], {}, None, "vi") == "briefing__vi"
    assert (
        deck_stem(["ntm_attainment"], {}, "district", "en") == "briefing__ntm_attainment__each-district__en"
    )
    assert (
        deck_stem(["loans_by_district"], {"metric": "households"}, None, "vi")
        == "briefing__loans_by_district__metric-households__vi"
    )


@pytest.mark.parametrize(
    ("overrides", "each", "lang", "message"),
    [
        ({"lang": "en"}, None, "all", "--lang"),
        ({}, "lang", "all", "--lang"),
        ({}, None, "fr", "--lang: expected one of vi, en, all"),
    ],
)
def test_languages_are_chosen_with_lang_only(overrides, each, lang, message):
    with pytest.raises(ParameterError, match=message):
        plan(["poverty_rates"], overrides, each, lang)


def test_plan_runs_each_notebook_in_each_language(tmp_path):
    jobs = plan(["poverty_rates", "income_growth"], out_dir=tmp_path)
    assert [(j.notebook, j.params["lang"]) for j in jobs] == [
        ("poverty_rates", "vi"), ("income_growth", "vi"), ("poverty_rates", "en"), ("income_growth", "en")]  # fmt: skip


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nosuch"], "unknown notebook 'nosuch'"),
        (["-p", "lang", "en"], "choose languages with --lang"),
        (["ntm_attainment", "-p", "district", "Hoành Bồ"], "'Bình Liêu'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, arguments, message):
    done = subprocess.run([sys.executable, "-m", "qnlib.cli", "brief", *arguments], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr and "Traceback" not in done.stderr
