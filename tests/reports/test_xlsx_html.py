"""The xlsx report opened by LibreOffice, and the html report rendered by Chromium, both headless.

Each test skips, saying why, when its program is not installed (.ci/run installs both).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.store.read.plainsql import PlainConnection

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Export every sheet (last token -1), UTF-8, text cells quoted; the 9th token: values as shown.
_CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,{shown},false,false,-1"

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _libreoffice_csv(workbook: Path, out: Path, *, shown: bool) -> dict[str, list[str]]:
    """Each sheet of `workbook` as the raw lines of LibreOffice's CSV export."""
    out.mkdir()
    subprocess.run(
        [
            SOFFICE or "soffice",
            "--headless",
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--convert-to",
            _CSV_FILTER.format(shown="true" if shown else "false"),
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {
        path.stem.split("-", 1)[1]: path.read_text(encoding="utf-8").splitlines()
        for path in out.glob(f"{workbook.stem}-*.csv")
    }


def _rows(lines: list[str]) -> list[list[str]]:
    return list(csv.reader(io.StringIO("\n".join(lines))))


def _wan(cents: int) -> str:
    """Cents as 万元, the way LibreOffice writes a raw number (no trailing zeros)."""
    value = Decimal(cents).scaleb(-6).normalize()
    return f"{value:f}"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@sqlite_only
def test_xlsx_opens_in_libreoffice_with_the_database_figures(
    edited_week, run_export, tmp_path, w48_milestones
):
    workbook = tmp_path / "weekly.xlsx"
    status, _, _ = run_export(
        edited_week, "zh", "--week", "2026-W48", "--format", "xlsx", "-o", str(workbook)
    )
    assert status == 0
    raw = _libreoffice_csv(workbook, tmp_path / "raw", shown=False)
    shown = _libreoffice_csv(workbook, tmp_path / "shown", shown=True)
    assert set(raw) == {"Summary", "Projects", "Milestones", "Investment", "Changes", "Steering"}
    # the steering sheet (issue #16): the overdue approval items with their days late
    assert (
        '"YH-ARTS","可研批复","区发改局","示例经办人","2026年9月30日","2026年8月14日",59'
        in (raw["Steering"])
    )

    with PlainConnection(edited_week) as conn:
        per_month = conn.rows(
            "SELECT p.code, r.month, r.amount_cents FROM investment_report r "
            "JOIN project p ON p.id = r.project_id WHERE r.year = 2026"
        )
        plans = {
            r["code"]: r["planned_cents"]
            for r in conn.rows(
                "SELECT p.code, i.planned_cents FROM investment_plan i "
                "JOIN project p ON p.id = i.project_id WHERE i.year = 2026"
            )
        }

    projects = {row[0]: row for row in _rows(raw["Projects"])[1:]}
    header = _rows(raw["Projects"])[0]
    assert len(projects) == 14
    ytd: dict[str, int] = {}
    for r in per_month:
        if r["month"] <= 10:
            ytd[r["code"]] = ytd.get(r["code"], 0) + r["amount_cents"]
    for code, cents in ytd.items():
        row = projects[code]
        assert row[header.index("1–10月累计完成（万元）")] == _wan(cents)
        assert row[header.index("2026年度计划投资（万元）")] == _wan(plans[code])
    # numbers are numbers: unquoted in the raw export; text is quoted, formulas never run
    sports_line = next(line for line in raw["Projects"] if line.startswith('"YH-SPORTS"'))
    assert ",950000,120000,93300," in sports_line
    hfls_line = next(line for line in raw["Projects"] if line.startswith('"YH-HFLS"'))
    assert hfls_line.endswith('"=1+2 室外管网接驳需协调"')
    investment = {row[0]: row for row in _rows(raw["Investment"])[1:]}
    inv_header = _rows(raw["Investment"])[0]
    for r in per_month:
        column = inv_header.index(f"2026年{r['month']}月（万元）")
        assert investment[r["code"]][column] == _wan(r["amount_cents"])
    # the milestones that matter this week, below the title row that states the rule
    sheet = _rows(raw["Milestones"])
    assert (
        sheet[0][0].startswith("本周需关注的节点：已逾期、90天内到期") and sheet[1][0] == "项目代码"
    )
    assert {(r[0], r[2]) for r in sheet[2:]} == w48_milestones
    assert len(sheet) == 2 + len(w48_milestones)
    changes = _rows(raw["Changes"])[1:]
    assert len(changes) == 9
    assert [c[4] for c in changes if c[3] == "新增问题"] == ["=1+2 室外管网接驳需协调"]

    # the number formats: 万元 with two decimals, shares in %, days at their precision
    summary = _rows(shown["Summary"])
    money_row = next(row for row in summary if row[0] == "CNY")
    assert money_row[:12] == [
        "CNY",
        "950,000.00",
        "1",
        "248,000.00",
        "4",
        "186,900.00",
        "4",
        "75.4%",
        "83.3%",
        "186,900.00",
        "4",
        "9.8%",
    ]
    shown_projects = {row[0]: row for row in _rows(shown["Projects"])[1:]}
    assert shown_projects["YH-SPORTS"][header.index("到期")] == "2026-12-15"
    assert shown_projects["YH-SPORTS"][header.index("占年计划")] == "77.8%"
    assert shown_projects["YH-ZJU1-HQ2"][header.index("到期")] == "2027年6月"
    shown_milestones = _rows(shown["Milestones"])
    arts_start = next(r for r in shown_milestones if r[0] == "YH-ARTS" and r[2] == "开工")
    assert (arts_start[3], arts_start[4]) == ("2027年第3季度", "2027年12月")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@sqlite_only
def test_html_renders_in_headless_chromium_with_the_figures(edited_week, run_export, tmp_path):
    page = tmp_path / "weekly.html"
    status, _, _ = run_export(
        edited_week, "zh", "--week", "2026-W48", "--format", "html", "-o", str(page)
    )
    assert status == 0
    source = page.read_text(encoding="utf-8")
    # self-contained: nothing to fetch (the only URL is the SVG namespace)
    assert re.findall(r"(?:src|href)=", source) == []
    assert set(re.findall(r"https?://[^\"]+", source)) == {"http://www.w3.org/2000/svg"}
    assert "@page { size: A4" in source
    result = subprocess.run(
        [
            CHROMIUM or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    dom = result.stdout
    assert "CONSOLE" not in result.stderr and "Uncaught" not in result.stderr
    assert "<title>重大项目推进周报 · 2026-W48</title>" in dom
    for figure in ("95.00亿元", "24.80亿元", "18.69亿元", "75.4%", "83.3%", "9.8%", "77.8%"):
        assert figure in dom, figure
    assert "本周变化" in dom and "钢结构屋盖合龙" in dom and "=1+2 室外管网接驳需协调" in dom
    start = dom.rindex("<svg", 0, dom.index('class="timeline chart"'))
    svg = dom[start : dom.index("</svg>", start)]
    with PlainConnection(edited_week) as conn:
        dated = conn.scalar(
            "SELECT COUNT(*) FROM milestone WHERE COALESCE(done, forecast, baseline) IS NOT NULL"
        )
    # one marker per dated milestone, one light per project, a line for today
    marks = re.findall(r'class="marks (\w+)" d="([^"]*)"', svg)
    assert sum(d.count("h0") for _, d in marks) == dated
    assert {kind for kind, _ in marks} == {"done", "open", "overdue"}
    assert svg.count('r="5"') == 14
    assert "今天 2026-11-28" in svg
    assert 'class="light red"' in dom and 'fill="#d9534f"' in svg
