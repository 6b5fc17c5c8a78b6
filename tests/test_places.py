import pandas as pd
import pytest

from qnlib.errors import UnknownPlaceError
from qnlib.places import (
    COMMUNES,
    DISTRICTS,
    districts,
    find_commune,
    places,
    resolve_commune,
    resolve_district,
)

# GSO codes of Quảng Ninh's district-level units before 2025 (General Statistics Office list).
DISTRICT_CODES = {
    "Hạ Long": "193",
    "Móng Cái": "194",
    "Cẩm Phả": "195",
    "Uông Bí": "196",
    "Bình Liêu": "198",
    "Tiên Yên": "199",
    "Đầm Hà": "200",
    "Hải Hà": "201",
    "Ba Chẽ": "202",
    "Vân Đồn": "203",
    "Đông Triều": "205",
    "Quảng Yên": "206",
    "Cô Tô": "207",
}


def test_registry_sizes():
    assert len(DISTRICTS) == 13
    assert len(COMMUNES) == 98
    assert len(set(COMMUNES)) == 98


@pytest.mark.parametrize(
    ("printed", "name", "printed_type"),
    [
        ("TP. Hạ Long", "Hạ Long", "thành phố"),
        ("Thành phố Hạ Long", "Hạ Long", "thành phố"),
        ("TX Đông Triều", "Đông Triều", "thị xã"),
        ("TX. Quảng Yên", "Quảng Yên", "thị xã"),
        ("Thị xã Đông Triều", "Đông Triều", "thị xã"),
        ("Huyện Bình Liêu", "Bình Liêu", "huyện"),
        ("Bình Liêu", "Bình Liêu", None),
        ("  huyện   Cô  Tô ", "Cô Tô", "huyện"),
    ],
)
def test_resolve_district_aliases(printed, name, printed_type):
    match = resolve_district(printed)
    assert match.place.name == name
    assert match.printed_type == printed_type
    assert match.place.code == DISTRICT_CODES[name]


def test_district_type_is_that_of_2022():
    # Đông Triều became a city in 2025; the documents (2021–2022) call it a thị xã.
    assert resolve_district("Đông Triều").place.type == "thị xã"
    assert dict(zip(districts()["district"], districts()["district_code"], strict=True)) == DISTRICT_CODES


def test_unknown_district_lists_the_known_ones():
    with pytest.raises(UnknownPlaceError) as error:
        resolve_district("Huyện Hoành Bồ", line=12)
    message = str(error.value)
    assert "line 12" in message and "Huyện Hoành Bồ" in message and "Bình Liêu" in message


def test_two_places_called_ha_long():
    assert resolve_district("TP. Hạ Long").place.code == "193"
    commune = resolve_commune("Xã Hạ Long", "Vân Đồn")
    assert (commune.name, commune.district, commune.code) == ("Hạ Long", "Vân Đồn", "07012")
    with pytest.raises(UnknownPlaceError):
        resolve_commune("Xã Hạ Long", "Hạ Long")  # the city has no commune of that name


def test_accent_placement_and_abbreviations():
    assert resolve_commune("Xã Hoà Bình", "Hạ Long").name == "Hòa Bình"
    assert resolve_commune("Xã Hòa Bình", "Hạ Long").code == "07045"
    assert resolve_commune("Xã H. Thái Đông", "Đông Triều").name == "Hồng Thái Đông"
    assert resolve_commune("Xã Thuỷ An", "Đông Triều").name == "Thủy An"
    assert resolve_commune("Xã Đầm Hà", "Đầm Hà").code == "06916"  # the commune, not the town (06895)


def test_communes_merged_before_2025_have_no_own_code():
    commune = resolve_commune("Xã Cộng Hòa", "Cẩm Phả")
    assert commune.code is None
    assert (commune.unit_2024, commune.unit_2024_code) == ("Hải Hòa", "06799")
    assert resolve_commune("Minh Cầm", "Ba Chẽ").unit_2024 == "Lương Minh"


def test_unknown_commune_names_the_district_and_its_communes():
    with pytest.raises(UnknownPlaceError, match="a commune of Bình Liêu .*Húc Động.*found 'Xã Nowhere'"):
        resolve_commune("Xã Nowhere", "Bình Liêu")


def test_find_commune_anywhere():
    assert find_commune("Xã Bản Sen").district == "Vân Đồn"
    with pytest.raises(UnknownPlaceError):
        find_commune("Xã Nowhere")


def test_places_maps_every_commune_to_a_2025_successor():
    table = places()
    communes = table[table["level"] == "commune"]
    assert len(table) == 13 + 98 and len(communes) == 98
    assert communes["unit_2024_code"].notna().all() and communes["unit_2025_code"].notna().all()
    assert communes["code"].isna().sum() == 5
    assert table.loc[table["level"] == "district", "unit_2025_code"].isna().all()  # districts were abolished
    ban_sen = communes.set_index("name").loc["Bản Sen"]
    assert (ban_sen["unit_2025_type"], ban_sen["unit_2025_name"]) == ("đặc khu", "Vân Đồn")


# Quảng Ninh lies between 20°40' and 21°40' N and 106°26' and 108°31' E: the province's standard
# description ("toạ độ địa lý khoảng 106°26' đến 108°31' kinh độ đông và từ 20°40' đến 21°40' vĩ độ bắc"),
# read in ntdvn.net "Quảng Ninh thuộc vùng nào" and in theses on 123docz.net, not in the package.
PROVINCE_BOX = (20 + 40 / 60, 21 + 40 / 60, 106 + 26 / 60, 108 + 31 / 60)


def test_every_place_lies_inside_quang_ninh():
    table = places()
    south, north, west, east = PROVINCE_BOX
    assert table["latitude"].between(south, north).all()
    assert table["longitude"].between(west, east).all()


def test_only_ky_thuong_lies_outside_its_own_box():
    # vietnamadminunits 1.0.4 geocodes Kỳ Thượng to Hạ Long's city centre (20.96 N, 107.02 E), while its
    # box is the mountain commune north of Hoành Bồ; the maps draw it at the box centre and say so.
    table = places()
    inside = table["latitude"].between(table["lat_min"], table["lat_max"]) & table["longitude"].between(
        table["lon_min"], table["lon_max"]
    )
    assert list(table.loc[~inside, "name"]) == ["Kỳ Thượng"]


# Successors read by hand in a source other than the package:
# - Nghị quyết 1679/NQ-UBTVQH15 (16/06/2025) on Quảng Ninh's commune-level units, Điều 1, khoản 1–6, as
#   reprinted by soha.vn ("Chi tiết đơn vị hành chính cấp xã của tỉnh Quảng Ninh", 30/06/2025) and
#   saigoneconomy247.com ("Chi tiết 54 đơn vị hành chính mới sau sáp nhập của Quảng Ninh");
# - its summary in Lao Động (news.laodong.vn, "Quảng Ninh có 54 đơn vị hành chính cấp xã, trong đó có 2 đặc
#   khu"): Cái Chiên is not rearranged; Vân Đồn and Cô Tô become special zones.
# commune -> (units that receive all of it, units that receive part of it)
RESOLUTION_1679 = {
    ("Hạ Long", "Bằng Cả"): ("Quảng La", ()),  # khoản 1
    ("Hạ Long", "Dân Chủ"): ("Quảng La", ()),
    ("Hạ Long", "Tân Dân"): ("Quảng La", ()),
    ("Hạ Long", "Quảng La"): ("Quảng La", ()),
    ("Hạ Long", "Vũ Oai"): ("Thống Nhất", ()),  # khoản 2
    ("Hạ Long", "Hòa Bình"): ("Thống Nhất", ()),
    ("Hạ Long", "Thống Nhất"): ("Thống Nhất", ()),
    ("Hạ Long", "Đồng Lâm"): (None, ("Thống Nhất",)),  # "một phần diện tích … của xã Đồng Lâm"
    ("Tiên Yên", "Hải Lạng"): (None, ("Hải Hòa",)),  # khoản 3
    ("Tiên Yên", "Phong Dụ"): ("Tiên Yên", ()),  # khoản 4
    ("Tiên Yên", "Tiên Lãng"): ("Tiên Yên", ()),
    ("Tiên Yên", "Yên Than"): (None, ("Tiên Yên", "Điền Xá")),  # khoản 4 and 5
    ("Tiên Yên", "Đại Dực"): (None, ("Tiên Yên", "Đông Ngũ")),  # khoản 4 and 6
    ("Tiên Yên", "Đông Ngũ"): (None, ("Tiên Yên", "Đông Ngũ")),
    ("Bình Liêu", "Vô Ngại"): (None, ("Tiên Yên",)),
    ("Tiên Yên", "Hà Lâu"): ("Điền Xá", ()),  # khoản 5
    ("Tiên Yên", "Điền Xá"): ("Điền Xá", ()),
    ("Tiên Yên", "Đông Hải"): ("Đông Ngũ", ()),  # khoản 6
    ("Hải Hà", "Cái Chiên"): ("Cái Chiên", ()),  # not rearranged
    ("Vân Đồn", "Quan Lạn"): ("Vân Đồn", ()),  # special zone
    ("Cô Tô", "Thanh Lân"): ("Cô Tô", ()),  # special zone
}


@pytest.mark.parametrize(("place", "expected"), RESOLUTION_1679.items(), ids=lambda v: str(v))
def test_successors_agree_with_resolution_1679(place, expected):
    table = places().set_index(["district", "name"])
    row = table.loc[place]
    whole, parts = expected
    others = {o.split(" ", 1)[1] for o in row["unit_2025_others"].split("; ") if o}
    if whole is not None:
        assert row["unit_2025_name"] == whole and others == set()
    assert set(parts) <= {row["unit_2025_name"], *others}


def test_successors_read_from_the_converters_table_are_those_its_converter_gives():
    """``places`` reads the package's reform table itself (its address parser costs most of a second
    to import); the package's own converter, given each commune's old address, agrees on every one."""
    from vietnamadminunits import convert_address

    from qnlib.places import PROVINCE, _admin_units, _successors

    units = _admin_units().set_index("wardCode")
    given = {}
    for code in _successors():
        unit = units.loc[code]
        given[code] = convert_address(f"{unit['ward']}, {unit['districtShort']}, {PROVINCE}").ward_code
    assert given == {code: successor for code, (successor, _) in _successors().items()}
    communes = places()[places()["level"] == "commune"]
    assert set(given) == set(communes["unit_2024_code"].dropna())  # every commune's unit, none left out


def test_tan_viet_merged_in_2024_per_resolution_1199():
    # Nghị quyết 1199/NQ-UBTVQH15 (28/09/2024), as reported by cafef.vn: "Nhập toàn bộ … xã Tân Việt vào xã Việt Dân".
    row = places().set_index(["district", "name"]).loc[("Đông Triều", "Tân Việt")]
    assert pd.isna(row["code"]) and (row["unit_2024"], row["unit_2024_code"]) == ("Việt Dân", "07084")
