"""The portfolio's lights week by week on the xlsx Summary: a small table and a native stacked
column chart drawn from it, beside it (XlsxWriter's chart, not a picture)."""

from __future__ import annotations

from tracker.i18n.catalogue import tr
from tracker.reports.contents import WeeklyReport
from tracker.reports.formatting import light_text, light_weeks_caption
from tracker.reports.timeline_svg import LIGHT_FILL
from tracker.reports.xlsx_cells import Book, Cell, Sheet

CHART_ROWS = 17
"""Rows a chart of the Summary covers; the next table starts below it."""


def lights_by_week(book: Book, sheet: Sheet, report: WeeklyReport, lang: str) -> None:
    """The lights at the end of each of the last weeks: a row a week, the chart beside."""
    if not report.light_weeks:
        return
    words = light_weeks_caption(len(report.light_weeks), lang)
    title: list[Cell] = [words]
    sheet.row(title)
    first = sheet.next_row
    lights = [light for light, _n in report.light_weeks[0].by_light]
    header: list[Cell] = [tr(lang, "week"), *(light_text(k, lang) for k in lights)]
    sheet.row(header, header=True)
    for week in report.light_weeks:
        cells: list[Cell] = [week.week, *(n for _light, n in week.by_light)]
        sheet.row(cells)
    last = sheet.next_row - 1
    chart = book.book.add_chart({"type": "column", "subtype": "stacked"})
    name = sheet.sheet.get_name()
    for column, light in enumerate(lights, 1):
        chart.add_series(
            {
                "name": [name, first, column],
                "categories": [name, first + 1, 0, last, 0],
                "values": [name, first + 1, column, last, column],
                "fill": {"color": LIGHT_FILL[light]},
                "gap": 60,
            }
        )
    chart.set_title({"name": words})
    chart.set_x_axis(
        {"name": tr(lang, "ISO week, ending {week}", week=report.light_weeks[-1].week)}
    )
    chart.set_y_axis({"name": tr(lang, "projects")})
    chart.set_legend({"position": "top"})
    sheet.sheet.insert_chart(first, 6, chart, {"x_scale": 1.4, "y_scale": 1.1})
    sheet.next_row = max(sheet.next_row, first + CHART_ROWS)
