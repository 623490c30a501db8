"""`tracker export project CODE`: one page per project (项目一页纸), in md, html and pdf; the
pdf looked at through poppler, the investment curve held to the database."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.reports.conftest import TODAY
from tests.reports.pdf_look import overlaps, pages, past_margins
from tests.reports.test_pdf import MM, needs_pdf
from tracker.store.read.plainsql import PlainConnection

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def chart_svg(page: str, kind: str) -> str:
    """The inline SVG of the chart of class `kind` in an html page."""
    start = page.rindex("<svg", 0, page.index(f'class="{kind} chart"'))
    return page[start : page.index("</svg>", start)]


@pytest.fixture
def run_page(capsys, monkeypatch):
    """Run `tracker export project ARGS` as of the fixed day: (status, stdout, stderr)."""
    from tracker.cli.main import main

    for name in ("TRACKER_SETTINGS", "TRACKER_TZ", "TRACKER_DB", "TRACKER_TODAY"):
        monkeypatch.delenv(name, raising=False)

    def run(db_url: str, lang: str, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        argv = ["--db", db_url, "--today", TODAY.isoformat(), "--lang", lang, "--user", "reader"]
        status = main([*argv, "export", "project", *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@needs_pdf
@sqlite_only
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sports_centre_is_one_a4_page(edited_week, run_page, tmp_path, lang):
    target = tmp_path / "YH-SPORTS.pdf"
    status, out, err = run_page(
        edited_week, lang, "YH-SPORTS", "--format", "pdf", "-o", str(target)
    )
    assert (status, err) == (0, "") and str(target) in out
    [page] = pages(target)
    assert page.is_a4() and page.height > page.width
    assert past_margins(page, 9.5 * MM, bottom=5 * MM) == []
    assert overlaps(page) == []
    text = page.text
    assert ("YH-SPORTS" in text and "钢结构屋盖合龙" in text) or lang == "en"
    if lang == "zh":
        for words in (
            "余杭国际体育中心",
            "亮灯",
            "近期节点",
            "本年投资完成情况",
            "存在问题",
            "最新进展",
        ):
            assert words in text, words
        assert "P80总投资" in text and "P80完工" in text
        assert "万元" in text and "累计完成投资" in text and "年度计划按序时进度" in text


@sqlite_only
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_curve_has_a_legend_units_and_the_database_figures(edited_week, run_page, lang):
    status, page, _ = run_page(edited_week, lang, "YH-SPORTS", "--format", "html")
    assert status == 0
    svg = chart_svg(page, "curve")
    legend = svg[svg.index('<g class="legend">') : svg.index("</g>")]
    words = {
        "zh": ("累计完成投资", "年度计划按序时进度", "年度计划投资", "万元", "2026年月份"),
        "en": (
            "completed, added up",
            "annual plan at the time-elapsed schedule",
            "annual plan",
            "CNY m",
            "month of 2026",
        ),
    }[lang]
    for word in words[:3]:
        assert f">{word}</text>" in legend
    for unit in words[3:]:
        assert f">{unit}</text>" in svg, unit
    with PlainConnection(edited_week) as conn:
        done = conn.scalar(
            "SELECT SUM(r.amount_cents) FROM investment_report r JOIN project p "
            "ON p.id = r.project_id WHERE p.code = 'YH-SPORTS' AND r.year = 2026"
        )
        months = conn.scalar(
            "SELECT COUNT(*) FROM investment_report r JOIN project p ON p.id = r.project_id "
            "WHERE p.code = 'YH-SPORTS' AND r.year = 2026"
        )
    # The completed line ends at the year's total, labelled in the axis's unit.
    shown = f"{done / 1_000_000:,.0f}" if lang == "zh" else f"{done / 100_000_000:,.0f}"
    assert re.search(rf'font-weight="bold">{re.escape(shown)}</text>', svg)
    assert svg.count('r="3.5"') == months


def test_the_markdown_page_has_the_facts_and_the_latest_status(edited_week, run_page):
    status, page, _ = run_page(edited_week, "zh", "yh-sports")
    assert status == 0
    assert page.startswith("# YH-SPORTS 余杭国际体育中心\n")
    assert "| 总投资 | 95.00亿元 |" in page
    assert "| 1–10月累计完成 | 9.33亿元（77.8%） |" in page
    assert "## 亮灯: 黄灯" in page
    assert "| 钢结构屋盖合龙 | 2026年11月 | 2026年12月15日 | 剩余 17 天 | — |" in page
    assert "主体结构已结顶" in page


def test_an_unknown_project_is_one_line_exit_2_and_nothing_written(edited_week, run_page, tmp_path):
    target = tmp_path / "page.pdf"
    status, out, err = run_page(edited_week, "en", "YH-NOPE", "--format", "pdf", "-o", str(target))
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "YH-NOPE" in err
    assert not target.exists()


def test_the_lights_by_week_come_from_the_status_history_and_the_overrides(edited_week, run_page):
    # YH-AXIS: green since its status of 18 September, overridden to red on Wednesday of W48.
    status, page, _ = run_page(edited_week, "zh", "YH-AXIS")
    assert status == 0
    weeks = page.split("各周亮灯：")[1].splitlines()[0].split(" · ")
    assert len(weeks) == 12 and weeks[0].startswith("W37")
    assert weeks[-2:] == ["W47 绿灯", "W48 红灯"]
    assert weeks[0] == "W37 未亮灯", "before its first status update"


@sqlite_only
def test_the_lights_by_week_chart_has_a_cell_a_week_and_a_legend(edited_week, run_page):
    status, page, _ = run_page(edited_week, "en", "YH-AXIS", "--format", "html")
    assert status == 0
    svg = chart_svg(page, "lights")
    cells = re.findall(r"<title>(2026-W\d+) (\w+(?: \w+)?)</title>", svg)
    assert len(cells) == 12 and cells[-1] == ("2026-W48", "red")
    legend = svg[svg.index('<g class="legend">') : svg.index("</g>")]
    assert all(f">{w}</text>" in legend for w in ("red", "amber", "green", "no light"))
    assert ">ISO week, ending 2026-W48</text>" in svg


def test_the_markdown_page_tables_the_slip_week_by_week(edited_week, run_page):
    # 钢结构屋盖合龙 (baseline November 2026): forecast December until Tuesday of W48, then
    # 15 December; 消防验收 has no forecast, so no slip; the demo was recorded in W47.
    status, page, _ = run_page(edited_week, "zh", "YH-SPORTS")
    assert status == 0
    table = page.split("各周节点延误（较计划晚的天数，负数为提前）：\n\n")[1].split("\n\n")[0]
    rows = table.splitlines()
    assert rows[0] == "| 周次 | 整体完工并投用（完工节点） | 钢结构屋盖合龙 | 消防验收 | 竣工验收 |"
    assert len(rows) == 2 + 12 and rows[2] == "| W37 | — | — | — | — |"
    december = (date(2026, 12, 31) - date(2026, 11, 30)).days
    assert rows[-2] == f"| W47 | +0 天 | +{december} 天 | — | +0 天 |"
    assert rows[-1] == "| W48 | +0 天 | +15 天 | — | +0 天 |"


@sqlite_only
def test_the_slip_chart_has_a_line_a_milestone_a_legend_and_units(edited_week, run_page):
    status, page, _ = run_page(edited_week, "en", "YH-SPORTS", "--format", "html")
    assert status == 0
    svg = chart_svg(page, "slip")
    legend = svg[svg.index('<g class="legend">') : svg.index("</g>")]
    for words in (
        ">Whole project completed and put into use</text>",
        ">(completion) +0 days</text>",
        ">Steel roof closure +15 days</text>",
        ">Fire safety acceptance —</text>",
        ">Completion acceptance +0 days</text>",
    ):
        assert words in legend, words
    assert ">days behind the baseline</text>" in svg
    assert ">ISO week, ending 2026-W48</text>" in svg
    # Recorded in W47: a segment of two weeks for each of the three with a slip.
    assert len(re.findall(r'<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"', svg)) == 3
    assert svg.count('r="3.5"') == 3 * 2


def test_a_page_from_before_the_milestones_were_recorded_has_no_slip(
    edited_week, capsys, monkeypatch
):
    from tracker.cli.main import main

    for name in ("TRACKER_SETTINGS", "TRACKER_TZ", "TRACKER_DB", "TRACKER_TODAY"):
        monkeypatch.delenv(name, raising=False)
    # The demo was recorded on Monday of W47: as of Sunday of W46 no week has a slip to show.
    argv = ["--db", edited_week, "--today", "2026-11-15", "--lang", "zh", "--user", "reader"]
    assert main([*argv, "export", "project", "YH-SPORTS"]) == 0
    page = capsys.readouterr().out
    assert "## 近期节点" in page and "各周节点延误" not in page
    assert main([*argv, "export", "project", "YH-SPORTS", "--format", "html"]) == 0
    assert 'class="slip chart"' not in capsys.readouterr().out
