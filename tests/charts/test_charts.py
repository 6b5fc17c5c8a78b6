"""Every chart renders without papermill; titles, bars, points and labels are what the data says."""

from importlib.metadata import version

import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from qnlib import analysis, charts
from qnlib.errors import QnlibError
from qnlib.facts import income_facts, loan_facts, ntm_facts, poverty_facts
from qnlib.places import COMMUNES
from qnlib.plotting import legend_clashes, missing_glyphs

NTM_DATA = ("ntm_yearly", "ntm_communes", "ntm_plan", "ntm_district_plan", "targets")


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_height() > 0 and p.get_width() > 0]


def check_slide(fig: Figure, title: str, source_start: str) -> None:
    assert fig._qnlib["title"] == title
    assert fig.texts[0].get_text() == title or title.startswith(fig.texts[0].get_text())
    assert fig._qnlib["source"].startswith(source_start)
    assert missing_glyphs(fig) == {}
    assert legend_clashes(fig) == []  # no legend over a line, bar, marker or label
    fig.savefig(__import__("io").BytesIO(), format="png", dpi=20)  # it draws


@pytest.fixture(scope="module")
def income(data):
    series = analysis.income_series(data["income"], "ethnic_mountain_border_island")
    return series, income_facts(data["income"], "ethnic_mountain_border_island", 2020, 2025)


def test_income_trajectory(income, data):
    series, facts = income
    fig = charts.income.trajectory(series, facts, reported=data["reported"], lang="en")
    # VietNamNet 05/01/2026: "năm 2024 ... đạt 84,147 triệu đồng/người/năm"
    check_slide(fig, "Income per capita reached 84.1 million VND in 2024 (reported later); the 2025 target is 92.2",
                "Report of the Provincial People's Committee's Party Committee, 08/2022")  # fmt: skip
    assert fig._qnlib["source"].endswith(
        "; Báo Dân tộc và Phát triển 29 October 2024; VietNamNet 5 January 2026"
    )
    ax = fig.axes[0]
    # the documents' 2020, 2021, derived 2023 and 2024 target; reported 2023 (Báo Dân tộc) and 2024 (VietNamNet)
    assert [round(b.get_height(), 3) for b in bars(ax)] == [46.1, 52.5, 73.348, 100.0, 73.348, 84.147]
    assert {"46.1", "52.5", "73.3", "84.1", "≈100.0", "2025 target: 92.2 (2.0× 2020)"} <= set(texts(fig))
    assert [(c["publisher"], c["line"]) for c in fig._qnlib["citations"]] == [
        ("Báo Dân tộc và Phát triển", "56"), ("VietNamNet", "53")]  # fmt: skip
    assert fig._qnlib["notes"] == [
        "2023: derived = 100.0 − 26.652 (“đạt khoảng 100,0 triệu đồng/người/năm (tăng 26,652 triệu đồng/người/năm "
        "so với năm 2023”).",  # the quotation as printed, the formula the reader's way
        "The 2024 target of Plan 54/KH-UBND (about 100.0) is above the 2025 target (92.2, 2.0× 2020, per the 08/2022 "
        "report on Resolution 06): the yearly plan came later and follows what was reached; the 2025 target was set "
        "at the start and not changed.",
        "Figures reported later not drawn: 43.7 (2020), ≈84 (2024) (another source of the same year, or a figure an "
        "article only implies – see the table; see the end of the deck).",
    ]
    with pytest.raises(QnlibError, match="cannot name the source 'baodantoc_2024-10-29'"):
        charts.income.trajectory(series, facts, lang="en")  # articles unnamed: an error, not an id on a slide


def test_income_growth_and_the_label_title(income, data):
    series, facts = income
    steps = analysis.growth_steps(series)
    fig = charts.income.growth(steps, series, facts, reported=data["reported"], lang="vi", title="label")
    label = "Tốc độ tăng thu nhập bình quân mỗi năm – vùng đồng bào DTTS, miền núi, biên giới, hải đảo"
    check_slide(fig, label, "Báo cáo BCSĐ")
    assert (
        fig._qnlib["finding_title"]
        == "Thu nhập tăng bình quân 16,2%/năm giai đoạn 2020–2024; mục tiêu 2025 cần 14,9%/năm"
    )  # (84,147 / 46,1)^¼: VietNamNet's 2024 figure against the 08/2022 report's 2020
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2020→2021", "2021→2023", "2023→2024"]
    assert {"13,9%", "18,2%", "14,7%"} <= set(texts(fig))  # 52,5/46,1; (73,348/52,5)^½; 84,147/73,348


@pytest.fixture(scope="module")
def poverty(data):
    return data["poverty"], poverty_facts(data["poverty"])


def test_poor_households(poverty):
    frame, facts = poverty
    fig = charts.poverty.poor_households(frame, facts, lang="vi")
    check_slide(fig, "Năm 2021 có 1.526 hộ nghèo (0,41% số hộ); 952 hộ là đồng bào DTTS", "Báo cáo BCSĐ")
    assert [b.get_width() for b in bars(fig.axes[0])] == [952, 1526]
    assert "1.526 hộ\n0,41% tổng số hộ" in texts(fig)
    assert "952 hộ\n62,4% số hộ nghèo; 2,75% số hộ DTTS" in texts(fig)


def test_poverty_target_paths(poverty):
    frame, facts = poverty
    paths = analysis.poverty_paths(frame)
    fig = charts.poverty.target_paths(paths, frame, facts, lang="en")
    check_slide(
        fig, "At 0.41% in 2021, the poverty rate was already below the 2025 target of 1%", "Report of the"
    )
    lines = [
        line for line in fig.axes[0].get_lines() if len(line.get_xdata()) > 1 and line.get_label()[0] != "_"
    ]
    # the 2022 resolution's −0,11 point in 2022; CTr 35's −0,80 point a year reaches 0 in 2022 and stops there
    assert [list(line.get_xdata()) for line in lines][:2] == [[2021, 2022], [2021, 2022]]
    assert {"0.30% ≈ 1,117 households", "Reaches 0 in 2022: set under the old poverty line"} <= set(
        texts(fig)
    )
    assert "0.00% ≈ 0 households" not in texts(fig)
    assert legend_clashes(fig) == []  # the legend clear of the 1% line and the paths
    assert len(fig._qnlib["notes"]) == 3


@pytest.fixture(scope="module")
def ntm(data):
    frames = [data[n] for n in NTM_DATA]
    counts = analysis.ntm_counts(data["ntm_yearly"], data["ntm_plan"], ["ntm", "advanced", "model"])
    running = analysis.ntm_cumulative(counts)
    return frames, counts, running, ntm_facts(*frames)


def test_ntm_by_year(data, ntm):
    _, counts, _, facts = ntm
    fig = charts.ntm.by_year(counts, [data["ntm_yearly"], data["ntm_plan"]], facts, lang="en")
    check_slide(fig, "22 communes reached NTM in 2018, more than in any other year; the plan for 2022–2025 adds 22 "
                "advanced, 13 model communes", "Decision 2877")  # fmt: skip
    assert len(bars(fig.axes[0])) == len(counts) == 24  # 16 yearly notes + 8 planned (level, year)
    assert sum(int(b.get_height()) for b in bars(fig.axes[0])) == 98 + 44 + 20 + 35


def test_ntm_cumulative(data, ntm):
    _, _, running, facts = ntm
    goal = analysis.ntm_goals(data["targets"], facts.levels)
    fig = charts.ntm.cumulative(running, goal, [data["ntm_yearly"], data["ntm_plan"]], facts, lang="en")
    check_slide(fig, "All 98 communes had reached NTM by 2021; the plan adds 22 advanced communes by 2025",
                "Decision 2877")  # fmt: skip
    labels = set(texts(fig))
    assert {"98", "44", "20", "66", "34", "≥54 (QĐ 2877)", "58 (QĐ 2877)", "≥50% (CTr 35)"} <= labels
    assert len(goal) == 6  # ≥54 and 58 advanced, ≥26 and 32 model (QĐ 2877); ≥50%, ≥25% in 2023 (CTr 35)
    assert any(
        "Phụ biểu 02 marks 21, the notes of Phụ biểu 01 add up to 20" in n for n in fig._qnlib["notes"]
    )


def test_ntm_cumulative_with_the_counts_reported_later(data, ntm):
    """The counts the articles give, drawn as hollow diamonds, each labelled "k/n" (read from the
    quotations: 98/98, 56/98 and 26/98 in September 2023; 91/91, 53/91 and 25/91 on 30/06/2025),
    every label clear of the lines, markers and other labels, and every article cited."""
    import itertools

    import numpy as np
    from matplotlib.text import Text

    _, _, running, facts = ntm
    goal = analysis.ntm_goals(data["targets"], facts.levels)
    later = analysis.ntm_reported(data["ntm_levels"], data["reported"], facts.levels)
    fig = charts.ntm.cumulative(running, goal, [data["ntm_yearly"], data["ntm_plan"]], facts, reported=later,
                                articles=data["reported"], lang="en")  # fmt: skip
    check_slide(fig, "All 98 communes had reached NTM by 2021; the plan adds 22 advanced communes by 2025",
                "Decision 2877")  # fmt: skip
    assert fig._qnlib["source"].endswith(
        "; TTXVN (infographics.vn) 17 September 2023; VietNamNet 5 January 2026"
    )
    ax = fig.axes[0]
    reported = sorted(t.get_text() for t in ax.texts if "/" in t.get_text())
    assert reported == ["25/91", "26/98", "53/91", "56/98", "91/91", "98/98"]
    assert {c["publisher"] for c in fig._qnlib["citations"]} == {"TTXVN (infographics.vn)", "VietNamNet"}
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    boxes = {t.get_text(): Text.get_window_extent(t, renderer) for t in ax.texts if t.get_text()}
    for label in reported:
        box = boxes[label]
        assert not [other for other, b in boxes.items() if other != label and b.overlaps(box)], label
        for line in ax.get_lines():
            points = line.get_transform().transform(line.get_xydata())
            dense = np.vstack([np.linspace(a, b, 60) for a, b in itertools.pairwise(points)] or [points])
            assert not any(box.contains(x, y) for x, y in dense), (label, line.get_label())


def test_ntm_districts_and_roadmap(data, ntm):
    _, _, _, facts = ntm
    fig = charts.ntm.districts(data["ntm_plan"], facts, lang="vi")
    check_slide(fig, "44 xã đạt NTM nâng cao đến 2021; kế hoạch thêm 22 xã nâng cao đến 2025, 32 xã chưa có kế hoạch",
                "Quyết định 2877")  # fmt: skip
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["NTM nâng cao", "NTM kiểu mẫu"]
    assert "3 + 3 / 10" in texts(fig)  # Hải Hà: 3 achieved, 1 + 1 + 0 + 1 planned, of 10
    fig = charts.ntm.district_roadmap(data["ntm_district_plan"], facts, lang="en")
    check_slide(fig, "9 of 13 districts had completed NTM before 2022; the other 4 plan to complete it by 2022",
                "Decision 2877")  # fmt: skip
    points = sum(len(c.get_offsets()) for c in fig.axes[0].collections if isinstance(c, PathCollection))
    assert points == len(data["ntm_district_plan"]) == 18


def test_ntm_communes_of_a_district(data):
    frames = [data[n] for n in NTM_DATA]
    facts = ntm_facts(*frames, district="Bình Liêu")
    timeline = analysis.commune_timeline(data["ntm_communes"], data["ntm_plan"], "Bình Liêu", facts.all_ntm)
    fig = charts.ntm.communes(timeline, [data["ntm_plan"], data["ntm_communes"]], facts, lang="en")
    check_slide(fig, "Bình Liêu: years known for 6 of 6 communes; 3 advanced and 0 model NTM communes by 2025",
                "Decision 2877")  # fmt: skip
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        "Đồng Văn", "Hoành Mô", "Đồng Tâm", "Lục Hồn", "Vô Ngại", "Húc Động"]  # fmt: skip
    points = sum(len(c.get_offsets()) for c in fig.axes[0].collections)
    assert points == 6 + 3  # six NTM years, Hoành Mô advanced 2021, Húc Động 2023 and Đồng Tâm 2024 planned


@pytest.fixture(scope="module")
def loans(data):
    table = analysis.loan_metrics(data["loans"], [2021, 2022])
    return table, loan_facts(data["loans"], [2021, 2022], "planned_mvnd")


def test_loans_metric(loans):
    table, facts = loans
    fig = charts.loans.metric(table, facts, lang="en")
    check_slide(fig, "Hạ Long, Tiên Yên, Ba Chẽ, Bình Liêu had the largest capital allocated in 2022: 6,000 "
                "million VND each", "Report of the Provincial People's Committee's Party Committee, 08/2022 (Resolution 06-NQ/TU), Phụ lục 6")  # fmt: skip
    assert len(bars(fig.axes[0])) == 20  # 8 districts in 2021, 12 in 2022
    assert len(fig.axes[0].get_yticklabels()) == 12
    assert fig._qnlib["notes"] == [
        "Not in the table: Uông Bí (2021), Cô Tô (2021), Đông Triều (2021), Cẩm Phả (2021)"  # smallest first
    ]


def test_loans_average_and_share(loans):
    table, facts = loans
    fig = charts.loans.avg_loan(table, facts, lang="vi")
    check_slide(fig, "Vốn vay bình quân năm 2022 từ 52,6 (Uông Bí) đến 100,0 triệu đồng/hộ (Đông Triều, Cẩm Phả, "
                "Cô Tô)", "Báo cáo BCSĐ")  # fmt: skip
    assert "58,8" in texts(fig)  # Bình Liêu 2021: 10.000 / 170
    fig = charts.loans.share(table, facts, lang="en")
    assert "25.0%" in texts(fig)  # Bình Liêu: 10.000 of 40.000 in 2021
    assert len(bars(fig.axes[0])) == 20


# ------------------------------------------------------------------------------------ maps


@pytest.fixture(scope="module")
def ntm_maps(data):
    levels = analysis.commune_levels(data["ntm_communes"], data["ntm_plan"], all_ntm=True)
    return levels, {name: data[name] for name in NTM_DATA}


def map_points(fig: Figure) -> list[tuple[float, float]]:
    return [tuple(p) for c in fig.axes[0].collections for p in c.get_offsets()]


@pytest.mark.parametrize(
    ("district", "n_points"), [(None, 98), ("Vân Đồn", 11), ("Đông Triều", 11), ("Ba Chẽ", 7)]
)
def test_commune_maps_render_with_no_label_overlapping(data, ntm_maps, district, n_points):
    levels, frames = ntm_maps
    facts = ntm_facts(**frames, district=district, places=data["places"])
    fig = charts.ntm.commune_map(levels, data["places"], [data["ntm_plan"]], facts, lang="vi")
    check_slide(fig, fig._qnlib["finding_title"], "Quyết định 2877")
    package = "vietnamadminunits " + version("vietnamadminunits")
    assert fig._qnlib["source"].endswith(
        f"vị trí ước định: gói dữ liệu mở {package} (mã đơn vị theo danh mục của Tổng cục Thống kê)"
    )
    assert fig._qnlib["notes"][0] == "Vị trí là điểm ước định (xem nguồn), không phải ranh giới hành chính."
    assert charts.maps.misplaced(fig) == []  # every label plainly by its own marker(s)
    filled = fig.axes[0].collections[-1]
    assert len(filled.get_offsets()) == n_points
    assert charts.maps.overlaps(fig) == []
    labels = [a.get_text() for a in fig.axes[0].texts]
    if district is None:
        assert sorted(labels) == sorted(["Hải Hà", "Đầm Hà", "Hạ Long", "Cô Tô", "Móng Cái", "Tiên Yên", "Ba Chẽ",
                                         "Cẩm Phả", "Vân Đồn", "Quảng Yên", "Uông Bí", "Đông Triều", "Bình Liêu"])  # fmt: skip
    else:
        communes = {c for d, c in COMMUNES if d == district}
        assert {name for label in labels for name in label.split(", ")} == communes  # every commune, once


def test_province_map_notes_the_moved_and_shared_points(data, ntm_maps):
    levels, frames = ntm_maps
    facts = ntm_facts(**frames, places=data["places"])
    fig = charts.ntm.commune_map(levels, data["places"], [data["ntm_plan"]], facts, lang="en")
    assert fig._qnlib["notes"] == [
        "Points are estimated locations (see the source), not boundaries.",
        "Kỳ Thượng: the package's point lies outside the unit's own bounding box (a geocoding error); drawn at "
        "the box's centre.",
        "Communes merged in 2024 are drawn side by side at the point of the unit that holds them: Lương Mông, "
        "Minh Cầm (Lương Minh); Cẩm Hải, Cộng Hòa (Hải Hòa); Tân Việt (Việt Dân).",
        "Model NTM communes by 2021: Phụ biểu 02 marks 21, the notes of Phụ biểu 01 add up to 20 (the document "
        "disagrees with itself; see the end of the deck).",
    ]
    # Phụ biểu 02: 21 communes marked model "Đã đạt chuẩn" (the notes of Phụ biểu 01 say 20); the title says
    # which table it follows, the notes that the other number exists. 33 communes move up by 2025 (20 to
    # advanced, 13 to model), counted once each at their highest planned level.
    assert fig._qnlib["finding_title"] == (
        "Phụ biểu 02 marks 21 communes model NTM by 2021, most in Đông Triều (7); by 2025 the plan raises 33 "
        "communes to a higher level"
    )


def test_units_2025_chart(data, ntm_maps):
    levels, frames = ntm_maps
    facts = ntm_facts(**frames, places=data["places"])
    table = analysis.units_2025(levels, data["places"])
    fig = charts.ntm.units_2025(table, data["places"], [data["ntm_plan"]], facts, lang="en")
    check_slide(fig, fig._qnlib["finding_title"], "Decision 2877")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks[-1] == "An Sinh ward (Đông Triều)"  # top bar: Bình Dương, Việt Dân, An Sinh, Tân Việt
    assert len(ticks) == int(((table["model"] + table["model_planned"]) > 0).sum())


@pytest.mark.parametrize("years", [[2021, 2022], [2022]])
def test_loans_bubble_map(data, years):
    table = analysis.loan_metrics(data["loans"], years)
    facts = loan_facts(data["loans"], years, "planned_mvnd")
    fig = charts.loans.bubble_map(table, data["places"], facts, lang="vi")
    check_slide(fig, fig._qnlib["finding_title"], "Báo cáo BCSĐ")
    assert "không phải ranh giới" in fig._qnlib["notes"][0]
    assert charts.maps.overlaps(fig) == [] and charts.maps.misplaced(fig) == []
    first = fig.axes[0]
    assert first.get_title(loc="left") == str(years[0])
    labels = {a.get_text() for a in first.texts}
    if years[0] == 2021:  # Phụ lục 6, 2021: Bình Liêu 10.000, Ba Chẽ 9.200; no row for Uông Bí
        assert {"Bình Liêu\n10.000", "Ba Chẽ\n9.200", "Uông Bí"} <= labels
    assert len(labels) == 13


@pytest.fixture(scope="module")
def programme(data):
    from qnlib.facts import programme_facts

    frames = [data[n] for n in ("tasks", "tasks_by_lead", "schemes", "mechanisms", "directives")]
    return frames[0], frames[1], programme_facts(*frames)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_programme_charts(programme, lang):
    tasks, by_lead, facts = programme
    groups = analysis.tasks_by_group(tasks, facts.as_of)
    fig = charts.programme.by_group(groups, tasks, facts, lang=lang)
    title = "45 trong 74 nhiệm vụ kéo dài đến 2025; 6 nhiệm vụ đã đến hạn trước 31/08/2022"
    check_slide(
        fig,
        title if lang == "vi" else "45 of 74 tasks run to 2025; 6 were due by 31 Aug 2022",
        "Báo cáo BCSĐ" if lang == "vi" else "Report of the",
    )
    # one total label per group, read from Phụ lục 4: I 15, II 15, III 12, IV 6, V 12, VI 6, VII 8
    ax = fig.axes[0]
    assert [a.get_text() for a in ax.texts] == ["15", "15", "12", "6", "12", "6", "8"]
    leads = analysis.tasks_per_lead(by_lead, facts.as_of)
    fig = charts.programme.by_lead(leads, tasks, facts, lang=lang)
    labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    top = {"vi": ["UBND cấp huyện", "Ban Dân tộc", "Sở GD&ĐT"],
           "en": ["District People's Committees", "Ethnic Minorities Committee", "Education Dept"]}[lang]  # fmt: skip
    assert labels[:3] == top and len(labels) == 15
    assert missing_glyphs(fig) == {}
    years = analysis.tasks_by_deadline_year(tasks, facts.as_of)
    assert years["tasks"].to_dict() == {
        "2021": 6,
        "2022": 14,
        "2023": 7,
        "2024": 0,
        "2025": 45,
        "open": 1,
        "none": 1,
    }
    fig = charts.programme.deadlines(years, tasks, facts, lang=lang)
    assert [a.get_text() for a in fig.axes[0].texts] == ["6", "14", "7", "0", "45", "1", "1"]


def test_the_label_check_sees_a_label_by_the_wrong_marker():
    """A label sitting next to another point's marker is caught (as 'Đông Triều 1.500' by Uông Bí's dot was)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_xlim(0, 10), ax.set_ylim(0, 10)
    ax.scatter([2, 8], [5, 5], s=100)
    right = ax.annotate("A", (2, 5), xytext=(6, 0), textcoords="offset points", va="center")
    wrong = ax.annotate("B", (8, 5), xytext=(-150, 0), textcoords="offset points", va="center")
    for label in (right, wrong):
        label.set_gid(charts.maps.LABEL_TAG)
    assert charts.maps.misplaced(fig) == ["B"]


def test_the_legend_check_sees_a_legend_over_a_reference_line():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 0.1], label="data")
    ax.axhline(0.95, label="target")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper right")
    assert legend_clashes(fig) == ["line 'target'"]
