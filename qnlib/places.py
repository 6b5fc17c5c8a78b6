"""Quảng Ninh's places as the documents name them: 13 districts and the 98 NTM communes.

The registry below is the one place that knows canonical names, the aliases the
documents use ("TP. Hạ Long", "TX Đông Triều", "Xã H. Thái Đông") and the GSO codes
of the pre-2025 units, which come from the ``vietnamadminunits`` package (offline).

Two traps are handled on purpose: "Hạ Long" is both a city and a commune of Vân
Đồn (resolve communes within their district), and "Hoà"/"Hòa" are the same name
(names are compared with :func:`qnlib.text.tone_key`).

Vietnam abolished the district level and merged communes on 1 July 2025;
:func:`places` gives each district's and commune's geocoded point and each commune's
successor unit, for readers who need a map or the new units.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import QnlibError, UnknownPlaceError
from .text import fold, normalize_space, tone_key

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COMMUNES",
    "DISTRICTS",
    "Commune",
    "District",
    "PlaceMatch",
    "districts",
    "find_commune",
    "package_version",
    "places",
    "resolve_commune",
    "resolve_district",
    "unit_2025_text",
]

PROVINCE = "Quảng Ninh"

# District-level units as they were in 2021–2022, with the unit type of that time
# (Đông Triều became a city only in 2025). Order: GSO code.
_DISTRICT_TYPES = {
    "Hạ Long": "thành phố",
    "Móng Cái": "thành phố",
    "Cẩm Phả": "thành phố",
    "Uông Bí": "thành phố",
    "Bình Liêu": "huyện",
    "Tiên Yên": "huyện",
    "Đầm Hà": "huyện",
    "Hải Hà": "huyện",
    "Ba Chẽ": "huyện",
    "Vân Đồn": "huyện",
    "Đông Triều": "thị xã",
    "Quảng Yên": "thị xã",
    "Cô Tô": "huyện",
}

# The 98 communes of the NTM programme (Quyết định 2877, Phụ biểu 02), by district.
_COMMUNES = {
    "Hải Hà": ["Quảng Long", "Quảng Minh", "Quảng Chính", "Quảng Phong", "Quảng Thành",
               "Đường Hoa", "Quảng Thịnh", "Cái Chiên", "Quảng Đức", "Quảng Sơn"],
    "Đầm Hà": ["Đại Bình", "Dực Yên", "Quảng Tân", "Quảng An", "Quảng Lâm", "Đầm Hà",
               "Tân Bình", "Tân Lập"],
    "Hạ Long": ["Lê Lợi", "Thống Nhất", "Sơn Dương", "Dân Chủ", "Quảng La", "Bằng Cả",
                "Tân Dân", "Vũ Oai", "Hòa Bình", "Đồng Lâm", "Đồng Sơn", "Kỳ Thượng"],
    "Cô Tô": ["Thanh Lân", "Đồng Tiến"],
    "Móng Cái": ["Quảng Nghĩa", "Vạn Ninh", "Hải Sơn", "Bắc Sơn", "Vĩnh Trung", "Vĩnh Thực",
                 "Hải Tiến", "Hải Đông", "Hải Xuân"],
    "Tiên Yên": ["Đồng Rui", "Đông Ngũ", "Hải Lạng", "Tiên Lãng", "Đông Hải", "Yên Than",
                 "Điền Xá", "Phong Dụ", "Hà Lâu", "Đại Dực"],
    "Ba Chẽ": ["Lương Mông", "Minh Cầm", "Đạp Thanh", "Thanh Lâm", "Thanh Sơn", "Nam Sơn",
               "Đồn Đạc"],
    "Cẩm Phả": ["Cẩm Hải", "Cộng Hòa", "Dương Huy"],
    "Vân Đồn": ["Hạ Long", "Đông Xá", "Vạn Yên", "Đoàn Kết", "Bình Dân", "Đài Xuyên",
                "Quan Lạn", "Minh Châu", "Thắng Lợi", "Ngọc Vừng", "Bản Sen"],
    "Quảng Yên": ["Cẩm La", "Hiệp Hòa", "Hoàng Tân", "Liên Hòa", "Sông Khoai", "Tiền An",
                  "Tiền Phong", "Liên Vị"],
    "Uông Bí": ["Thượng Yên Công"],
    "Đông Triều": ["Bình Dương", "Nguyễn Huệ", "Thủy An", "Việt Dân", "An Sinh", "Tân Việt",
                   "Bình Khê", "Tràng Lương", "Hồng Thái Đông", "Yên Đức", "Hồng Thái Tây"],
    "Bình Liêu": ["Đồng Văn", "Hoành Mô", "Đồng Tâm", "Lục Hồn", "Vô Ngại", "Húc Động"],
}  # fmt: skip

# Abbreviations seen in the documents, per district: printed form -> canonical name.
_COMMUNE_ALIASES = {
    ("Đông Triều", "H. Thái Đông"): "Hồng Thái Đông",
    ("Đông Triều", "H. Thái Tây"): "Hồng Thái Tây",
}

# District prefixes as printed, longest first, and the unit type each one states.
_DISTRICT_PREFIXES = [
    ("thành phố", "thành phố"),
    ("thị xã", "thị xã"),
    ("huyện", "huyện"),
    ("tp.", "thành phố"),
    ("tp", "thành phố"),
    ("tx.", "thị xã"),
    ("tx", "thị xã"),
    ("h.", "huyện"),
]
_COMMUNE_PREFIX = re.compile(r"^(xã|x\.)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class District:
    name: str  # canonical, no prefix: "Hạ Long"
    type: str  # as of 2021–2022: "thành phố", "thị xã" or "huyện"
    code: str | None  # GSO code (pre-2025)


@dataclass(frozen=True)
class Commune:
    name: str  # canonical, no prefix: "Hồng Thái Đông"
    district: str
    code: str | None  # GSO code of this commune, None when it no longer existed by 2025
    unit_2024: str  # the pre-2025 unit holding it (itself, or what it was merged into)
    unit_2024_code: str | None


@dataclass(frozen=True)
class PlaceMatch:
    """A resolved name: the place, plus the unit type the document's prefix stated."""

    place: District | Commune
    printed_type: str | None


DISTRICTS: tuple[str, ...] = tuple(_DISTRICT_TYPES)
COMMUNES: tuple[tuple[str, str], ...] = tuple((d, c) for d, names in _COMMUNES.items() for c in names)


def _package_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise QnlibError("the vietnamadminunits package is not installed (pip install -e .)")
    return Path(spec.submodule_search_locations[0]) / "data"


_PROVINCE_KEY = "tinhquangninh"  # the package's key of Quảng Ninh
_QUANG_NINH_ROWS = "FROM admin_units_legacy WHERE provinceShort = 'Quảng Ninh' ORDER BY rowid"


def _connect() -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(f"file:{_package_dir() / 'dataset.db'}?mode=ro", uri=True))


def _query(sql: str) -> pd.DataFrame:
    import pandas as pd

    with _connect() as connection:
        return pd.read_sql_query(sql, connection)


@cache
def _admin_units() -> pd.DataFrame:
    """Quảng Ninh's pre-2025 units from vietnamadminunits' database (cached).

    The SQLite file is read directly: importing the package itself loads several MB
    of JSON that only its address parser needs. ``rowid`` is the row of the package's
    ``admin_units_legacy`` table, the ``line`` of the places dataset.
    """
    units = _query(
        "SELECT rowid, provinceKey, districtShort, districtKey, districtCode, districtLat, districtLon, "
        "districtBounds, ward, wardType, wardKey, wardCode, wardLat, wardLon, wardBounds, wardAlias "
        f"{_QUANG_NINH_ROWS}"
    )
    units["wardName"] = units["ward"].str.replace(r"^(Xã|Phường|Thị trấn)\s+", "", regex=True)
    return units


@cache
def _units_2025() -> pd.DataFrame:
    """Quảng Ninh's units since 1 July 2025 (wards, communes, special zones), by GSO code."""
    return _query(
        "SELECT wardCode, ward, wardType, wardKey, wardLat, wardLon, wardAreaKm2 "
        "FROM admin_units WHERE provinceShort = 'Quảng Ninh' ORDER BY wardCode"
    ).set_index("wardCode")


@cache
def _converter() -> tuple[dict[str, str], dict[str, list[dict[str, Any]]]]:
    """The package's table of the 2025 reform for Quảng Ninh (its ``converter_2025.json``, read
    directly: importing its address parser costs most of a second): old unit key -> the new unit
    that took all of it, and old unit key -> the new units it was split between (one of them its
    "default", the unit its converter gives)."""
    import json

    table = json.loads((_package_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    whole = table["DICT_PROVINCE_WARD_NO_DIVIDED"].get(_PROVINCE_KEY, {})
    return (
        {old: new for new, olds in whole.items() for old in olds},
        table["DICT_PROVINCE_WARD_DIVIDED"].get(_PROVINCE_KEY, {}),
    )


def package_version() -> str:
    """``vietnamadminunits`` and its version: the source of every coordinate and successor."""
    from importlib.metadata import version

    return f"vietnamadminunits {version('vietnamadminunits')}"


def _split_prefix(name: str) -> tuple[str, str | None]:
    text = normalize_space(name)
    lowered = text.lower()
    for prefix, unit_type in _DISTRICT_PREFIXES:
        if lowered.startswith(prefix) and (
            prefix.endswith(".") or lowered[len(prefix) : len(prefix) + 1] == " "
        ):
            return text[len(prefix) :].strip(), unit_type
    return text, None


@cache
def _district_index() -> dict[str, District]:
    # Without pandas: a command that checks a district parameter needs these 13 rows only.
    with _connect() as connection:
        codes = dict(connection.execute(f"SELECT districtShort, districtCode {_QUANG_NINH_ROWS}"))
    return {tone_key(n): District(n, t, codes.get(n)) for n, t in _DISTRICT_TYPES.items()}


@cache
def _commune_index() -> dict[tuple[str, str], Commune]:
    units = _admin_units()
    index = {}
    for district, name in COMMUNES:
        in_district = units[units["districtShort"] == district]
        own = in_district[in_district["wardName"].map(tone_key) == tone_key(name)]
        own = own.sort_values("wardType", key=lambda t: t != "Xã")  # commune "Đầm Hà", not the town
        if len(own):
            unit = own.iloc[0]
            commune = Commune(name, district, unit["wardCode"], unit["wardName"], unit["wardCode"])
        else:  # merged before 2025: the package lists it as an alias of the merged unit
            key = fold(name).replace(" ", "")
            holder = in_district[in_district["wardAlias"].fillna("").str.contains(f'"{key}"', regex=False)]
            unit = holder.iloc[0] if len(holder) else None
            commune = Commune(
                name,
                district,
                None,
                unit["wardName"] if unit is not None else "",
                unit["wardCode"] if unit is not None else None,
            )
        index[(tone_key(district), tone_key(name))] = commune
    for (district, alias), name in _COMMUNE_ALIASES.items():
        index[(tone_key(district), tone_key(alias))] = index[(tone_key(district), tone_key(name))]
    return index


def resolve_district(name: str, *, line: int | None = None) -> PlaceMatch:
    """The district a printed name refers to ("TX Đông Triều" -> Đông Triều, thị xã).

    Raises :class:`UnknownPlaceError` listing the 13 known districts.
    """
    bare, printed_type = _split_prefix(name)
    district = _district_index().get(tone_key(bare))
    if district is None:
        raise UnknownPlaceError(
            "one of the 13 districts of Quảng Ninh (" + ", ".join(DISTRICTS) + ")",
            found=name,
            line=line,
        )
    return PlaceMatch(district, printed_type)


def resolve_commune(name: str, district: str, *, line: int | None = None) -> Commune:
    """The commune a printed name refers to, within ``district`` ("Xã Hạ Long" in Vân Đồn).

    Raises :class:`UnknownPlaceError` listing the communes of that district.
    """
    bare = _COMMUNE_PREFIX.sub("", normalize_space(name))
    commune = _commune_index().get((tone_key(district), tone_key(bare)))
    if commune is None:
        known = ", ".join(c for d, c in COMMUNES if d == district) or "none: unknown district"
        raise UnknownPlaceError(
            f"a commune of {district} in the NTM programme ({known})", found=name, line=line
        )
    return commune


def find_commune(name: str, *, line: int | None = None) -> Commune:
    """The commune a printed name refers to, anywhere in the province (the name must be unique)."""
    bare = _COMMUNE_PREFIX.sub("", normalize_space(name))
    matches = {c for (_, key), c in _commune_index().items() if key == tone_key(bare)}
    if len(matches) != 1:
        what = "a commune name unique among the 98 NTM communes"
        raise UnknownPlaceError(what, found=name, line=line)
    return matches.pop()


def districts() -> pd.DataFrame:
    """The 13 district-level units: name, type (2021–2022) and GSO code."""
    import pandas as pd

    return pd.DataFrame([vars(d) for d in _district_index().values()]).rename(
        columns={"name": "district", "type": "district_type", "code": "district_code"}
    )


def _bounds(text: str) -> tuple[float, float, float, float]:
    """The package's "south,west – north,east" box as (lat_min, lat_max, lon_min, lon_max)."""
    (south, west), (north, east) = (map(float, corner.split(",")) for corner in text.split("–"))
    return south, north, west, east


@cache
def _successors() -> dict[str, tuple[str, list[str]]]:
    """Post-July-2025 unit of each pre-2025 unit code that holds an NTM commune: the GSO code of
    the unit the package's converter gives, and the codes of other units that took part of it."""
    units = _admin_units().set_index("wardCode")
    keys = _units_2025().reset_index().set_index("wardKey")["wardCode"]
    whole, divided = _converter()
    result = {}
    for code in sorted({c.unit_2024_code for c in _commune_index().values()}):
        unit = units.loc[code]
        old_key = f"{unit['provinceKey']}_{unit['districtKey']}_{unit['wardKey']}"
        parts = divided.get(old_key, [])
        default = next((p["newWardKey"] for p in parts if p["isDefaultNewWard"]), whole.get(old_key))
        if default is None:
            raise QnlibError(f"vietnamadminunits: no 2025 successor of {unit['ward']} ({code}, {old_key})")
        result[code] = (keys[default], [keys[p["newWardKey"]] for p in parts if p["newWardKey"] != default])
    return result


PLACE_COLUMNS = [
    "level", "district", "name", "code", "unit_2024", "unit_2024_code", "latitude", "longitude",
    "lat_min", "lat_max", "lon_min", "lon_max", "unit_2025_code", "unit_2025_name", "unit_2025_type",
    "unit_2025_others", "source", "line",
]  # fmt: skip


def _unit_2025(code: str) -> dict[str, str]:
    """A 2025 unit's code, name without its type ("Tiên Yên") and type ("xã", "phường", "đặc khu")."""
    unit = _units_2025().loc[code]
    return {
        "unit_2025_code": code,
        "unit_2025_name": unit["ward"].removeprefix(unit["wardType"]).strip(),
        "unit_2025_type": unit["wardType"].lower(),
    }


def unit_2025_text(unit_type: str, name: str, lang: str = "vi") -> str:
    """A 2025 unit as readers write it: "phường An Sinh", "đặc khu Vân Đồn" / "An Sinh ward"."""
    from .words import t

    return t("unit_2025", lang, kind=t(f"unit_type_{unit_type.replace(' ', '_')}", lang), name=name)


def _unit_2025_text(code: str) -> str:
    unit = _unit_2025(code)
    return unit_2025_text(unit["unit_2025_type"], unit["unit_2025_name"])


def places() -> pd.DataFrame:
    """The 13 districts and the 98 NTM communes: GSO codes, geocoded points, boxes, 2025 successors.

    Coordinates are the package's geocoded points and bounding boxes, not boundaries. A commune
    merged in 2024 (``code`` empty) has the point, box and successor of the unit that holds it
    (``unit_2024``). ``unit_2025_*`` is the unit the package's converter gives; ``unit_2025_others``
    names the other units the reform gave part of the commune to. Districts have no successor:
    the district level was abolished on 1 July 2025. ``line`` is the row of the package's
    ``admin_units_legacy`` table the place was read from.
    """
    import pandas as pd

    units = _admin_units()
    by_code = units.set_index("wardCode")
    source = package_version()
    rows = []
    for district in _district_index().values():
        unit = units[units["districtShort"] == district.name].iloc[0]
        south, north, west, east = _bounds(unit["districtBounds"])
        rows.append({"level": "district", "district": district.name, "name": district.name,
                     "code": district.code, "latitude": unit["districtLat"], "longitude": unit["districtLon"],
                     "lat_min": south, "lat_max": north, "lon_min": west, "lon_max": east,
                     "source": source, "line": int(unit["rowid"])})  # fmt: skip
    for district, name in COMMUNES:
        commune = _commune_index()[(tone_key(district), tone_key(name))]
        unit = by_code.loc[commune.unit_2024_code]
        south, north, west, east = _bounds(unit["wardBounds"])
        successor, others = _successors()[commune.unit_2024_code]
        rows.append({"level": "commune", "district": district, "name": name, "code": commune.code,
                     "unit_2024": commune.unit_2024, "unit_2024_code": commune.unit_2024_code,
                     "latitude": unit["wardLat"], "longitude": unit["wardLon"],
                     "lat_min": south, "lat_max": north, "lon_min": west, "lon_max": east,
                     **_unit_2025(successor), "unit_2025_others": "; ".join(map(_unit_2025_text, others)),
                     "source": source, "line": int(unit["rowid"])})  # fmt: skip
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)
