"""The weekly html (and so the pdf) in the order of the meeting: the headline first (lights, what
turned red, slipped and was finished this week, investment against 序时进度), then the
projects worst first, then the detail; a legend for the timeline; headers kept whole."""

from __future__ import annotations

import re

import pytest

from tests.reports.pdf_look import pages
from tests.reports.test_pdf import needs_pdf
from tracker.reports.contents import P80, Investment, ProjectLine
from tracker.reports.headline import worst_first

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@sqlite_only
def test_the_headline_comes_first_and_tells_the_week(edited_week, run_export):
    status, page, _ = run_export(edited_week, "zh", "--week", "2026-W48", "--format", "html")
    assert status == 0
    order = [
        "本周要点",
        "项目情况（问题突出的在前）",
        "投资",
        "节点时间轴",
        "本周变化",
        "近期到期（30天内）",
    ]
    places = [page.index(f"<h2>{heading}</h2>") for heading in order]
    assert places == sorted(places)
    glance = _text(page[places[0] : places[1]])
    assert re.search(r"红灯 6 .*黄灯 4 .*绿灯 4", glance)
    # YH-AXIS was overridden to red on Wednesday; YH-WOMEN-HOSP's red status is W49's.
    red = glance[glance.index("本周转为红灯") : glance.index("本周节点推迟")]
    assert "YH-AXIS 城市中轴线（原为绿灯）" in red and "YH-WOMEN-HOSP" not in red
    # Later forecasts only: YH-ARTS 开工 moved 92 days later; 钢结构屋盖合龙 moved earlier.
    slipped = glance[glance.index("本周节点推迟") : glance.index("本周完成节点")]
    assert "YH-ARTS" in slipped and "开工" in slipped and "+92 天" in slipped
    assert "钢结构屋盖合龙" not in slipped
    finished = glance[glance.index("本周完成节点") : glance.index("投资完成与序时进度")]
    assert "YH-DAOXIANG" in finished and "竣工验收" in finished
    money = glance[glance.index("投资完成与序时进度") :]
    assert "18.69亿元" in money and "75.4%" in money and "83.3%" in money
    # 18.69 of 24.80 is 75.36%, 10 months of 12 are 83.33%: 7.97 points.
    assert "落后 8.0 个百分点" in money


@sqlite_only
def test_the_projects_come_worst_first(edited_week, run_export):
    status, page, _ = run_export(edited_week, "en", "--week", "2026-W48", "--format", "html")
    assert status == 0
    table = page[page.index("Projects, worst first") : page.index("<h2>Investment")]
    codes = re.findall(r"<b>(YH-[A-Z0-9-]+)</b>", table)
    lights = re.findall(r'<td><span class="light (\w+)">', table)
    assert len(codes) == 14
    assert lights == sorted(lights, key=["red", "amber", "green", "none"].index)
    # Within red, more reasons first: YH-ARTS and YH-WOMEN-HOSP (five each) before the rest.
    assert codes[:2] == ["YH-ARTS", "YH-WOMEN-HOSP"] and codes[-1] == "YH-TIANYUAN"


def _project(code: str, light: str | None, reasons: int) -> ProjectLine:
    money = Investment("CNY", None, None, None, None, None, None, None, (None,) * 12, None)
    return ProjectLine(
        code=code,
        name=code,
        name_en=None,
        category="other",
        stage="construction",
        unit=None,
        officer=None,
        light=light,
        light_reasons=tuple(f"reason {n}" for n in range(reasons)),
        next_milestone=None,
        investment=money,
        p80=P80(None, None, "", ""),
        status_on=None,
        narrative=None,
        open_problems=(),
        week_milestones=(),
        milestones=(),
    )


def test_worst_first_takes_the_light_then_the_reasons_then_the_code():
    lines = (
        _project("B", "red", 1),
        _project("A", "red", 1),
        _project("C", "red", 3),
        _project("D", None, 9),
        _project("E", "green", 0),
        _project("F", "amber", 0),
    )
    assert [p.code for p in worst_first(lines)] == ["C", "A", "B", "F", "E", "D"]


@sqlite_only
def test_the_timeline_has_a_legend_in_the_words_of_the_page(edited_week, run_export):
    status, page, _ = run_export(edited_week, "zh", "--week", "2026-W48", "--format", "html")
    assert status == 0
    start = page.rindex("<svg", 0, page.index('class="timeline chart"'))
    svg = page[start : page.index("</svg>", start)]
    legend = svg[svg.index('<g class="legend">') : svg.index("</g>")]
    for words in ("节点完成", "节点未完成", "节点已逾期", "今天", "项目亮灯"):
        assert f">{words}</text>" in legend
    assert "font-family=\"'Noto Sans CJK SC'" in svg, "the chart names its Chinese font"


@needs_pdf
@sqlite_only
def test_headers_are_never_broken_one_character_per_line(edited_week, run_export, tmp_path):
    target = tmp_path / "weekly.pdf"
    status, _, _ = run_export(
        edited_week, "zh", "--week", "2026-W48", "--format", "pdf", "-o", str(target)
    )
    assert status == 0
    words = {w.text for p in pages(target) for w in p.words}
    for header in ("亮灯", "阶段", "下一节点", "币种", "占年计划", "序时进度", "天数", "类型"):
        assert header in words, f"{header} is broken across lines"


@sqlite_only
def test_the_portfolio_curve_adds_up_the_projects_months(edited_week, run_export):
    from tracker.store.read.plainsql import PlainConnection

    status, page, _ = run_export(edited_week, "zh", "--week", "2026-W48", "--format", "html")
    assert status == 0
    start = page.rindex("<svg", 0, page.index('class="curve chart"'))
    svg = page[start : page.index("</svg>", start)]
    with PlainConnection(edited_week) as conn:
        done = conn.scalar("SELECT SUM(amount_cents) FROM investment_report WHERE year = 2026")
        months = conn.scalar(
            "SELECT COUNT(DISTINCT month) FROM investment_report WHERE year = 2026"
        )
    assert f'font-weight="bold">{done / 1_000_000:,.0f}</text>' in svg  # 万元
    assert svg.count('r="3.5"') == months
    for words in ("累计完成投资", "年度计划按序时进度", "年度计划投资", "万元", "2026年月份"):
        assert f">{words}</text>" in svg


def test_a_long_timeline_is_cut_into_charts_that_fit_a_page():
    from datetime import date

    from tracker.reports.timeline_svg import ROWS_PER_CHART, timeline_svg

    projects = tuple(_project(f"P{n:03}", "green", 0) for n in range(100))
    svg = timeline_svg(projects, date(2026, 11, 28), "en")
    charts = svg.split("</svg>")[:-1]
    assert len(charts) == 3 == -(-100 // ROWS_PER_CHART)
    assert [c.count('r="5"') for c in charts] == [45, 45, 10], "one light dot per project"
    assert all('<g class="legend">' in c and ">today</text>" in c for c in charts)


@sqlite_only
def test_a_row_shows_its_worst_reasons_and_counts_the_rest_which_the_xlsx_holds(
    edited_week, run_export, tmp_path
):
    import html
    import json

    import openpyxl

    args = ("--week", "2026-W48", "--format")
    status, page, _ = run_export(edited_week, "en", *args, "html")
    assert status == 0
    _, out, _ = run_export(edited_week, "en", *args, "json")
    reasons = {p["code"]: p["light_reasons"] for p in json.loads(out)["projects"]}
    many = [code for code, found in reasons.items() if len(found) > 4]
    few = [code for code, found in reasons.items() if 1 <= len(found) <= 4]
    assert many and few, "the demo has rows of both kinds"
    lists = dict(re.findall(r"<b>([A-Z0-9-]+)</b>.*?<ul class=\"reasons\">(.*?)</ul>", page))
    for code in many:
        shown = [html.unescape(s) for s in re.findall(r"<li>(.*?)</li>", lists[code])]
        hidden = len(reasons[code]) - 3
        assert shown == [*reasons[code][:3], f"… and {hidden} more (every one in the xlsx)"]
    for code in few:
        shown = [html.unescape(s) for s in re.findall(r"<li>(.*?)</li>", lists[code])]
        assert shown == reasons[code]
    workbook = tmp_path / "weekly.xlsx"
    assert run_export(edited_week, "en", *args, "xlsx", "-o", str(workbook))[0] == 0
    cells = [str(c) for row in openpyxl.load_workbook(workbook)["Projects"].values for c in row]
    for code in many:
        assert any(all(r in cell for r in reasons[code]) for cell in cells), code
