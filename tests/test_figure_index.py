import json

from qnlib.figure_index import write_index


def _record(tmp_path, stem, **fields):
    (tmp_path / ".index").mkdir(exist_ok=True)
    record = {"png": f"{stem}.png", "svg": f"{stem}.svg", "title": "", **fields}
    (tmp_path / ".index" / f"{stem}.json").write_text(json.dumps(record, ensure_ascii=False))


def test_the_index_has_a_row_per_figure_present_with_notes_and_citations_in_one_cell(tmp_path):
    _record(tmp_path, "b", title="Hạ Long, 2024", notes=["Nguồn: Phụ biểu 01", 'Ghi chú "a"'], title_band=0.25,
            citations=[{"url": "https://a.vn/1", "publisher": "A"}, {"url": "https://b.vn/2"}])  # fmt: skip
    _record(tmp_path, "a", notes=[], citations=[])
    _record(tmp_path, "gone", title="no PNG: not in the index")
    for stem in ("a", "b"):
        (tmp_path / f"{stem}.png").write_bytes(b"")
    assert write_index(tmp_path).read_text(encoding="utf-8") == (
        "png,svg,title,notes,citations\n"  # title_band is for the deck only
        "a.png,a.svg,,,\n"
        'b.png,b.svg,"Hạ Long, 2024","Nguồn: Phụ biểu 01 | Ghi chú ""a""",https://a.vn/1 | https://b.vn/2\n'
    )


def test_an_empty_folder_gives_an_empty_index(tmp_path):
    assert write_index(tmp_path).read_text() == "\n"
