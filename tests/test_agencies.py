"""The agency registry: aliases as the documents write them, cells naming several agencies."""

import pytest

from qnlib.agencies import UnknownAgencyError, agencies, agency, read_lead, resolve_agencies


def names(text):
    return [a.name for a in resolve_agencies(text)]


LABOUR = "Sở Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize(
    "printed",
    [
        "Sở Lao động, TB và XH",  # Phụ lục 4, task 2
        "Sở LĐ,TB&XH",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Lao động, Thương binh và Xã hội",  # Phụ lục 3, row 3
        "sở lao động - tb&xh",
    ],
)
def test_the_labour_department_aliases_are_one_agency(printed):
    assert names(printed) == [LABOUR]
    assert agency(LABOUR).name_en == "Department of Labour, Invalids and Social Affairs"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Sở Công thương", ["Sở Công Thương"]),  # case
        ("Sở Văn hóa - Thể thao", ["Sở Văn hóa và Thể thao"]),  # Chương trình 35, scheme 12
        ("BCH quân sự tỉnh", ["Bộ Chỉ huy Quân sự tỉnh"]),  # scheme 9
        ("Ban Nông thôn mới", ["Văn phòng Điều phối Xây dựng nông thôn mới tỉnh"]),  # scheme 22 ("nay là")
        ("Đề nghị Hội LHPN tỉnh", ["Hội Liên hiệp Phụ nữ tỉnh"]),  # task 53: a request, not a name
        # several leads: commas and "và" inside names do not split them
        (
            "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"],
        ),
        ("Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
        ("Công an tỉnh; Bộ CHQS tỉnh", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
        (
            "- Các Sở, ban, ngành - UBND các huyện, thị xã, thành phố",
            ["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"],
        ),
    ],
)
def test_cells_read_as_the_documents_write_them(printed, expected):
    assert names(printed) == expected


def test_a_lead_and_a_supporting_body():
    cell = read_lead("Ban Tổ chức Tỉnh ủy chủ trì tham mưu; Ban cán sự Đảng UBND phối hợp")
    assert [a.name for a in cell.leads] == ["Ban Tổ chức Tỉnh ủy"]
    assert [a.name for a in cell.support] == ["Ban Cán sự Đảng UBND tỉnh"]


@pytest.mark.parametrize("printed", ["Sở Ngoại vụ", "Công an tỉnh và Sở Ngoại vụ", "Sở Lao động"])
def test_an_unknown_agency_is_an_error_naming_the_line(printed):
    with pytest.raises(UnknownAgencyError, match=r"line 42: expected agency names from qnlib/agencies.yml"):
        resolve_agencies(printed, line=42)


def test_every_agency_has_an_english_name_and_a_short_form():
    frame = agencies()
    assert frame["name"].is_unique and frame["short"].is_unique
    assert (frame["name_en"].str.len() > 3).all() and (frame["short"].str.len() > 2).all()


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # the registry's own prefix pairs: the longer alias wins, "tỉnh" is not left over
        ("Ban Dân tộc tỉnh", ["Ban Dân tộc tỉnh"]),
        ("Ban Dân tộc", ["Ban Dân tộc tỉnh"]),
        ("Ban Dân tộc tỉnh và Sở Y tế", ["Ban Dân tộc tỉnh", "Sở Y tế"]),
        ("Ban Dân tộc và Sở Y tế", ["Ban Dân tộc tỉnh", "Sở Y tế"]),
        ("Ban cán sự Đảng UBND tỉnh", ["Ban Cán sự Đảng UBND tỉnh"]),
    ],
)
def test_a_short_alias_that_begins_a_longer_one(printed, expected):
    assert names(printed) == expected


SYNTHETIC_REGISTRY = """
agencies:
  - name: Sở Nông nghiệp và Phát triển nông thôn
    name_en: Department of Agriculture and Rural Development
    short: Sở NN&PTNT
    short_en: Agriculture Dept
    kind: department
    aliases: [Sở Nông nghiệp, Sở NN&PTNT]
  - name: Sở Nông nghiệp và Môi trường
    name_en: Department of Agriculture and Environment
    short: Sở NN&MT
    short_en: Agriculture and Environment Dept
    kind: department
    aliases: [Sở NN&MT]
  - name: Sở Tài nguyên và Môi trường
    name_en: Department of Natural Resources and Environment
    short: Sở TN&MT
    short_en: Environment Dept
    kind: department
    aliases: [Môi trường]
"""


@pytest.fixture
def synthetic_registry(tmp_path, monkeypatch):
    """A registry where one agency's alias begins another agency's name (as after the 2025 mergers:
    "Sở Nông nghiệp" was the agriculture department, "Sở Nông nghiệp và Môi trường" is its successor),
    and where the rest of the longer name is itself an alias of a third agency."""
    from qnlib import agencies as module

    path = tmp_path / "agencies.yml"
    path.write_text(SYNTHETIC_REGISTRY, encoding="utf-8")
    monkeypatch.setattr(module, "REGISTRY_FILE", path)
    module._registry.cache_clear()
    module._by_name.cache_clear()
    yield
    module._registry.cache_clear()
    module._by_name.cache_clear()


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # the longer name is one agency, not "Sở Nông nghiệp" + "và" + "Môi trường"
        ("Sở Nông nghiệp và Môi trường", ["Sở Nông nghiệp và Môi trường"]),
        ("Sở NN&MT", ["Sở Nông nghiệp và Môi trường"]),
        ("Sở Nông nghiệp", ["Sở Nông nghiệp và Phát triển nông thôn"]),
        ("Sở Nông nghiệp và PTNT", None),  # not an alias in this registry: an error, not a guess
        (
            "Sở Nông nghiệp, Môi trường",
            ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"],
        ),
        (
            "Sở Nông nghiệp và Môi trường và Sở Nông nghiệp",
            ["Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn"],
        ),
    ],
)
def test_an_alias_that_begins_another_agencys_name(synthetic_registry, printed, expected):
    if expected is None:
        with pytest.raises(UnknownAgencyError, match="line 7"):
            resolve_agencies(printed, line=7)
    else:
        assert names(printed) == expected
