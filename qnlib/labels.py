"""Words and numbers on figures and in notebook conclusions, in Vietnamese (default) or English.

Briefings are mostly Vietnamese, so Vietnamese is the default and numbers follow the
Vietnamese convention ("46,1"; "1.526"). Place names keep their diacritics in both languages.
"""

from __future__ import annotations

from .errors import ParameterError
from .text import format_vn_number

__all__ = ["LANGS", "fmt", "level_name", "sentence_case", "t"]

LANGS = ("vi", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # shared
    "source": ("Nguồn", "Source"),
    "note": ("Ghi chú", "Note"),
    "year": ("Năm", "Year"),
    "actual": ("Thực hiện", "Actual"),
    "derived": ("Suy ra từ văn bản", "Derived from the document"),
    "target": ("Mục tiêu", "Target"),
    "planned": ("Kế hoạch", "Planned"),
    "province": ("Toàn tỉnh", "Province"),
    "communes": ("xã", "communes"),
    "districts": ("huyện, thị xã, thành phố", "districts"),
    "households": ("hộ", "households"),
    "ocr_note": (
        "Số liệu của Nghị quyết năm 2022 lấy từ bản OCR (mất dấu tiếng Việt), đã đối chiếu với văn bản.",
        "Figures of the 2022 resolution come from OCR text (diacritics lost), matched against the document.",
    ),
    # areas
    "area_province": ("toàn tỉnh", "province"),
    "area_ethnic_mountain_border_island": (
        "vùng đồng bào DTTS, miền núi, biên giới, hải đảo",
        "ethnic-minority, mountain, border and island areas",
    ),
    "area_ethnic_minority": ("hộ đồng bào DTTS", "ethnic-minority households"),
    "em_households": ("Hộ đồng bào DTTS", "Ethnic-minority households"),
    "poor_bar_province": (
        "{households} hộ\n{rate} tổng số hộ",
        "{households} households\n{rate} of all households",
    ),
    "poor_bar_em": (
        "{households} hộ\n{share} số hộ nghèo; {rate} số hộ DTTS",
        "{households} households\n{share} of poor households; {rate} of ethnic-minority households",
    ),
    "poor_axis": ("Số hộ nghèo", "Poor households"),
    "actual_point": ("Thực hiện {year}: {value}", "Actual {year}: {value}"),
    "area_rural": ("khu vực nông thôn", "rural areas"),
    "area_urban": ("khu vực thành thị", "urban areas"),
    # income
    "income_title": ("Thu nhập bình quân đầu người {area}", "Income per capita, {area}"),
    "income_subtitle": (
        "Triệu đồng/người/năm; mục tiêu {target_year}: gấp {multiple} lần năm {base_year}",
        "Million VND per person per year; {target_year} target: {multiple}× {base_year}",
    ),
    "income_axis": ("Triệu đồng/người/năm", "Million VND/person/year"),
    "income_goal": (
        "Mục tiêu {year}: {value} (gấp {multiple} lần {base_year})",
        "{year} target: {value} ({multiple}× {base_year})",
    ),
    "income_path": ("Lộ trình cần đạt ({rate}/năm)", "Path to the target ({rate}/year)"),
    "growth_title": ("Tốc độ tăng thu nhập bình quân mỗi năm", "Average yearly growth of income per capita"),
    "growth_subtitle": (
        "% mỗi năm (bình quân kép giữa hai mốc có số liệu) so với mức cần để đạt mục tiêu {target_year}",
        "% per year (compound, between data points) against the rate needed for the {target_year} target",
    ),
    "growth_axis": ("% mỗi năm", "% per year"),
    "growth_needed": ("Cần đạt từ {base_year}: {rate}/năm", "Needed from {base_year}: {rate}/year"),
    "derived_note": (
        "{year}: suy ra = {formula} (\u201c{evidence}\u201d).",
        "{year}: derived = {formula} (\u201c{evidence}\u201d).",
    ),
    # poverty
    "poor_title": (
        "Hộ nghèo năm {year}: {households} hộ, {rate} tổng số hộ",
        "Poor households in {year}: {households}, {rate} of all households",
    ),
    "poor_subtitle": (
        "Số hộ nghèo theo chuẩn nghèo đa chiều 2021–2025",
        "Poor households, multidimensional poverty line 2021–2025",
    ),
    "poor_share_note": (
        "Báo cáo ghi hộ nghèo DTTS chiếm {stated}% tổng số hộ nghèo; {em}/{total} = {computed}% (xem qnlib check).",
        "The report says ethnic-minority households are {stated}% of poor households; {em}/{total} = {computed}% (see qnlib check).",
    ),
    "poverty_path_title": (
        "Tỷ lệ hộ nghèo: các mục tiêu giảm nghèo quy ra lộ trình",
        "Poverty rate: the reduction targets as paths",
    ),
    "poverty_path_subtitle": (
        "% tổng số hộ; xuất phát từ số liệu năm {year}, giảm theo từng mục tiêu (không dưới 0)",
        "% of households; starting from {year}, reduced as each target states (not below 0)",
    ),
    "poverty_axis": ("% số hộ", "% of households"),
    "poverty_cap": ("Mục tiêu 2025: dưới {value}%", "2025 target: below {value}%"),
    "path_label": (
        "{area}: giảm {value} điểm %/năm đến 2025 ({source})",
        "{area}: −{value} points a year to 2025 ({source})",
    ),
    "path_label_year": (
        "{area}: giảm {value} điểm % trong năm {year} ({source})",
        "{area}: −{value} points in {year} ({source})",
    ),
    "poverty_standard_note": (
        "Mục tiêu của CTr 35 (2/2021) đặt theo chuẩn nghèo cũ; năm 2021 là năm đầu áp dụng chuẩn nghèo đa chiều mới.",
        "CTr 35 targets (Feb 2021) used the old poverty line; 2021 is the first year of the new multidimensional line.",
    ),
    "households_estimate_note": (
        "Tổng số hộ ước tính = {poor} hộ nghèo / {rate}% = {total} hộ (suy ra, không phải số liệu công bố).",
        "Total households estimated as {poor} poor households / {rate}% = {total} (derived, not a published figure).",
    ),
    # NTM
    "level_ntm": ("Nông thôn mới", "NTM"),
    "level_advanced": ("NTM nâng cao", "Advanced NTM"),
    "level_model": ("NTM kiểu mẫu", "Model NTM"),
    "ntm_year_title": (
        "Số xã đạt chuẩn nông thôn mới theo năm{where}",
        "Communes reaching New Rural Development standards by year{where}",
    ),
    "ntm_year_subtitle": (
        "Số xã đạt chuẩn mới trong năm; {first}–2021 thực hiện, 2022–2025 kế hoạch (tô nhạt, gạch chéo)",
        "Communes newly reaching each level; {first}–2021 actual, 2022–2025 planned (light, hatched)",
    ),
    "ntm_year_subtitle_plan": (
        "Số xã đạt chuẩn mới trong năm; kế hoạch 2022–2025 (tô nhạt, gạch chéo); bản Phụ biểu 01 không có năm của các xã này",
        "Communes newly reaching each level; planned 2022–2025 (light, hatched); this copy of Phụ biểu 01 has no years for them",
    ),
    "ntm_cum_title": (
        "Số xã đạt chuẩn nông thôn mới lũy kế{where}",
        "Communes at each NTM level, cumulative{where}",
    ),
    "ntm_cum_subtitle": (
        "Số xã (trên tổng {total} xã); nét liền: thực hiện, nét đứt: kế hoạch; ◆: mục tiêu",
        "Communes (of {total}); solid: actual, dashed: planned; ◆: targets",
    ),
    "ntm_cum_subtitle_district": (
        "Số xã (trên tổng {total} xã); nét liền: thực hiện, nét đứt: kế hoạch",
        "Communes (of {total}); solid: actual, dashed: planned",
    ),
    "ntm_axis": ("Số xã", "Communes"),
    "ntm_total_line": ("Tổng số xã: {total}", "All communes: {total}"),
    "ntm_notes_mismatch": (
        "Xã kiểu mẫu đến 2021: ghi chú Phụ biểu 01 cộng được {notes}, Phụ biểu 02 ghi {table} xã đã đạt (văn bản không khớp, xem qnlib check).",
        "Model NTM communes by 2021: the notes of Phụ biểu 01 add up to {notes}, Phụ biểu 02 marks {table} (the document disagrees with itself, see qnlib check).",
    ),
    "ntm_district_title": (
        "Xã nâng cao, kiểu mẫu theo huyện: đã đạt và kế hoạch",
        "Advanced and model NTM communes by district: achieved and planned",
    ),
    "ntm_district_subtitle": (
        "Số xã; đã đạt đến 2021 (đậm), kế hoạch 2022–2025 (nhạt dần theo năm); nhãn: đã đạt + kế hoạch / tổng số xã",
        "Communes; achieved by 2021 (solid), planned 2022–2025 (lighter each year); labels: achieved + planned / all",
    ),
    "achieved_by_2021": ("Đã đạt (đến 2021)", "Achieved (by 2021)"),
    "not_in_plan": ("Chưa có kế hoạch đến 2025", "Not planned by 2025"),
    "ntm_completion_title": (
        "Lộ trình cấp huyện: hoàn thành nông thôn mới và nâng cao",
        "District roadmap: completing NTM and advanced NTM",
    ),
    "ntm_completion_subtitle": (
        "Năm đạt chuẩn/hoàn thành nhiệm vụ; ● đã đạt trước 2022, ○ kế hoạch",
        "Year of reaching the standard; ● achieved before 2022, ○ planned",
    ),
    "before_2022": ("Trước 2022", "Before 2022"),
    "ntm_communes_title": (
        "Các xã của {district}: năm đạt chuẩn và kế hoạch",
        "Communes of {district}: year reached and plan",
    ),
    "ntm_communes_subtitle": (
        "● đạt chuẩn (năm theo Phụ biểu 01 khi có), ○ kế hoạch (Phụ biểu 02)",
        "● reached (year from Phụ biểu 01 where available), ○ planned (Phụ biểu 02)",
    ),
    "pb01_partial_note": (
        "Bản Phụ biểu 01 thiếu phần đầu (xã số 1–71): năm đạt chuẩn chỉ có cho {n} xã; xã khác ghi \u201ctrước 2022\u201d theo Phụ biểu 02.",
        "Phụ biểu 01 lacks its first part (communes 1–71): years are known for {n} communes; others show \u201cbefore 2022\u201d from Phụ biểu 02.",
    ),
    "in_district": (" – {district}", " – {district}"),
    # loans
    "loans_title": ("{metric} theo địa phương, {years}", "{metric} by district, {years}"),
    "loans_subtitle": (
        "Vốn ngân sách tỉnh ủy thác qua Ngân hàng CSXH (NQ 06-NQ/TU); {unit}; số liệu đến {as_of}",
        "Provincial funds lent through the Social Policy Bank (Resolution 06); {unit}; as of {as_of}",
    ),
    "metric_planned_mvnd": ("Vốn kế hoạch giao", "Capital allocated"),
    "metric_households": ("Số hộ vay", "Households borrowing"),
    "metric_lent_mvnd": ("Số vốn cho vay", "Amount lent"),
    "metric_disbursed_mvnd": ("Số vốn đã giải ngân", "Amount disbursed"),
    "metric_avg_loan_mvnd": ("Vốn vay bình quân một hộ", "Average loan per household"),
    "unit_mvnd": ("triệu đồng", "million VND"),
    "unit_households": ("hộ", "households"),
    "share_title": (
        "Tỷ trọng của từng địa phương trong tổng {metric}",
        "Each district's share of total {metric}",
    ),
    "share_subtitle": ("% tổng của năm", "% of the year's total"),
    "share_axis": ("% tổng của năm", "% of the year's total"),
    "avg_title": ("Vốn vay bình quân một hộ theo địa phương", "Average loan per household by district"),
    "avg_subtitle": (
        "Triệu đồng/hộ = vốn kế hoạch giao / số hộ vay",
        "Million VND per household = capital allocated / households",
    ),
    "not_funded": ("không được giao vốn năm {year}", "no allocation in {year}"),
}


def t(key: str, lang: str, **values: object) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled."""
    if lang not in LANGS:
        raise ParameterError(f"parameter 'lang': expected one of {', '.join(LANGS)}, got {lang!r}")
    text = _LABELS[key][LANGS.index(lang)]
    return text.format(**values) if values else text


def fmt(value: float, lang: str, decimals: int = 0, percent: bool = False) -> str:
    """A number as a reader of ``lang`` writes it: "46,1" / "1.526" in Vietnamese, "46.1" / "1,526" in English."""
    text = format_vn_number(value, decimals) if lang == "vi" else f"{value:,.{decimals}f}"
    return text + ("%" if percent else "")


def level_name(level: str, lang: str) -> str:
    return t(f"level_{level}", lang)


def sentence_case(text: str) -> str:
    """First letter upper case, the rest untouched ("hộ DTTS" -> "Hộ DTTS", unlike str.capitalize)."""
    return text[:1].upper() + text[1:]
