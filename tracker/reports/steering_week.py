"""The weekly report's steering section in every format (issue #16): the approval items open and
overdue with the departments' scoreboard (前期手续), the week's programme joins and exits, the
open problems by kind (要素保障) and, with `--by leader|unit`, the projects grouped.

Built once as plain data (`steering_week`), the JSON contract under the report's `steering`
key; small writers for Markdown, HTML (a compact section of its own style) and an xlsx sheet;
the CSV's per-project columns come from `by_project`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from tracker.core.dates import Deadline
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label, name_in
from tracker.reports.formatting import plain_day

if TYPE_CHECKING:
    from tracker.config.settings_file import AlertThresholds
    from tracker.reports.xlsx_cells import Book
    from tracker.store.read.plainsql import PlainConnection

LISTED_ITEMS = 50
"""The overdue items Markdown and HTML list (the longest overdue); JSON and xlsx list all."""


@dataclass(frozen=True, slots=True)
class SteeringWeek:
    """The steering section (`section`, the JSON contract) and, per project code, its CSV
    cells' facts: leader, library, programmes, approval items open and overdue."""

    section: dict[str, Any]
    by_project: dict[str, dict[str, Any]]


def steering_week(
    conn: PlainConnection,
    monday: date,
    today: date,
    by: str | None,
    thresholds: AlertThresholds,
    lang: str,
    listed: int | None = None,
) -> SteeringWeek:
    """The steering section of the week of `monday`, as of `today`, with the `listed` longest
    overdue approval items (None: all of them; the counts are always of all)."""
    from tracker.reports.steering_pages import week_section
    from tracker.store.read.approval_reads import open_by_project
    from tracker.store.read.steering_reads import project_steering

    projects: list[dict[str, Any]] = []
    if by is not None:
        from tracker.views.portfolio import portfolio

        projects = portfolio(conn, today, thresholds, lang)
    section = week_section(conn, monday, by or "leader", projects)
    section["by"] = by
    section["approvals"] = approvals_part(conn, today, thresholds, listed)
    facts = project_steering(conn)
    counts = open_by_project(conn, today)
    for code, found in facts.items():
        found["approvals_open"], found["approvals_overdue"] = counts.get(code, (0, 0))
    return SteeringWeek(section, facts)


def approvals_part(
    conn: PlainConnection, today: date, thresholds: AlertThresholds, listed: int | None = None
) -> dict[str, Any]:
    """The approvals open and overdue, each overdue item with its days late and light (red
    beyond `approval_red_days`), and the approving departments' scoreboard."""
    from tracker.store.read.approval_reads import average_days, departments, overdue_items

    scoreboard = departments(conn, today)
    items = []
    for row in overdue_items(conn, today, listed):
        late = (today - row["planned"]).days
        items.append(
            {
                "project": row["code"],
                "project_name": row["project_name"],
                "project_name_en": row["project_name_en"],
                "step": row["step"],
                "name": row["name"],
                "name_en": row["name_en"],
                "department": row["department"],
                "officer": row["officer"],
                "planned": row["planned"].isoformat(),
                "planned_precision": row["planned_precision"],
                "submitted": None if row["submitted"] is None else row["submitted"].isoformat(),
                "days_late": late,
                "light": "red" if late > thresholds.approval_red_days else "amber",
            }
        )
    return {
        "open": sum(int(d["open"] or 0) for d in scoreboard),
        "overdue": sum(int(d["overdue"] or 0) for d in scoreboard),
        "overdue_items": items,
        "departments": [
            {
                "department": d["department"],
                "items": d["items"],
                "open": int(d["open"] or 0),
                "overdue": int(d["overdue"] or 0),
                "average_days": _text(average_days(d["total_days"], d["approved_with_days"])),
            }
            for d in scoreboard
        ],
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _totals(part: dict[str, Any], lang: str) -> str:
    return tr(
        lang,
        "{open} approval items open, {overdue} past their planned day",
        open=part["open"],
        overdue=part["overdue"],
    )


def _item_cells(item: dict[str, Any], lang: str) -> list[str]:
    return [
        item["project"],
        name_in(lang, item["name"], item["name_en"]),
        item["department"],
        item["officer"] or "—",
        Deadline.of(date.fromisoformat(item["planned"]), item["planned_precision"] or "day").label(
            lang
        ),
        plain_day(
            None if item["submitted"] is None else date.fromisoformat(item["submitted"]), lang
        ),
        str(item["days_late"]),
    ]


def _item_heads(lang: str) -> list[str]:
    keys = ("code", "step", "department", "officer", "planned", "submitted")
    return [*(label(k, lang) for k in keys), tr(lang, "days late")]


def _department_cells(d: dict[str, Any]) -> list[str]:
    counts = (d["items"], d["open"], d["overdue"])
    return [d["department"], *(str(n) for n in counts), d["average_days"] or "—"]


def _department_heads(lang: str) -> list[str]:
    keys = ("department", "items", "open_items")
    return [*(label(k, lang) for k in keys), tr(lang, "overdue"), label("average_days", lang)]


def steering_markdown(week: SteeringWeek, lang: str) -> str:
    """The section as Markdown, appended to the report."""
    from tracker.reports.steering_pages import section_markdown

    part = week.section["approvals"]
    heading, by_department = tr(lang, "Approvals"), tr(lang, "By approving department")
    lines = ["", f"## {heading}", "", _totals(part, lang), ""]
    if part["overdue_items"]:
        items = part["overdue_items"][:LISTED_ITEMS]
        lines += _table(_item_heads(lang), [_item_cells(i, lang) for i in items])
        if part["overdue"] > LISTED_ITEMS:
            more = tr(
                lang,
                "and {n} more (all of them in json and xlsx)",
                n=part["overdue"] - LISTED_ITEMS,
            )
            lines += ["", more]
    else:
        lines.append(tr(lang, "No approval item is past its planned day."))
    if part["departments"]:
        lines += ["", f"### {by_department}", ""]
        lines += _table(
            _department_heads(lang), [_department_cells(d) for d in part["departments"]]
        )
    return section_markdown(week.section, lang) + "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split()) or "—"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


_HTML_STYLE = (
    "section.steering table{border-collapse:collapse;margin:.3em 0 .8em}"
    "section.steering th,section.steering td{border:1px solid #999;padding:2px 6px;"
    "text-align:left;font-size:9pt}section.steering tr.red td:first-child{background:#f4b6b6}"
    "section.steering tr.amber td:first-child{background:#f7dd9a}"
    "section.steering{break-inside:auto}"
)


def _tag(tag: str, text: str) -> str:
    return f"<{tag}>{escape(text)}</{tag}>"


def _html_table(heads: list[str], rows: list[tuple[str, list[str]]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    body = "".join(
        f'<tr class="{escape(css)}">' + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
        for css, cells in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def steering_html(week: SteeringWeek | None, lang: str) -> str:
    """The section as one compact HTML fragment with its own style ("" without a section)."""
    if week is None:
        return ""
    section, part = week.section, week.section["approvals"]
    parts = [
        f'<section class="steering"><style>{_HTML_STYLE}</style>',
        _tag("h2", tr(lang, "Approvals")) + _tag("p", _totals(part, lang)),
    ]
    items = part["overdue_items"]
    if items:
        rows = [(i["light"], _item_cells(i, lang)) for i in items[:LISTED_ITEMS]]
        parts.append(_html_table(_item_heads(lang), rows))
        if part["overdue"] > LISTED_ITEMS:
            more = tr(
                lang,
                "and {n} more (all of them in json and xlsx)",
                n=part["overdue"] - LISTED_ITEMS,
            )
            parts.append(f"<p>{escape(more)}</p>")
    if part["departments"]:
        parts.append(_tag("h3", tr(lang, "By approving department")))
        rows = [("", _department_cells(d)) for d in part["departments"]]
        parts.append(_html_table(_department_heads(lang), rows))
    if section["by"] is not None:
        heading = tr(lang, "By {group}", group=label(section["by"], lang))
        none = tr(lang, "(none recorded)")
        rows = [
            ("", [g["name"] or none, str(len(g["projects"])), ", ".join(g["projects"])])
            for g in section["groups"]
        ]
        heads = [label(section["by"], lang), tr(lang, "projects"), label("code", lang)]
        parts += [f"<h3>{escape(heading)}</h3>", _html_table(heads, rows)]
    parts.append(_tag("h3", tr(lang, "Programme joins and exits this week")))
    moves = _moves(section, lang)
    if moves:
        heads = [label(k, lang) for k in ("change", "code", "programme", "when", "reason")]
        parts.append(_html_table(heads, [("", m) for m in moves]))
    else:
        parts.append(_tag("p", tr(lang, "No programme joined or left this week.")))
    parts.append(_tag("h3", tr(lang, "Open problems by kind")))
    kinds = _kinds(section, lang)
    parts.append(f"<p>{escape(kinds or tr(lang, 'No open problems'))}</p></section>")
    return "".join(parts)


def _moves(section: dict[str, Any], lang: str) -> list[list[str]]:
    return [
        [
            tr(lang, word),
            m["project"],
            f"{label(m['programme'], lang)} {m['year']}",
            m["on"],
            m["reason"] or "—",
        ]
        for word, key in (("joined the programme", "joined"), ("left the programme", "left"))
        for m in section[key]
    ]


def _kinds(section: dict[str, Any], lang: str) -> str:
    unset = tr(lang, "(kind not set)")
    return " · ".join(
        f"{label(k, lang) if k != 'unset' else unset} {n}"
        for k, n in section["problems_by_kind"].items()
    )


def steering_sheet(book: Book, week: SteeringWeek | None, lang: str) -> None:
    """The section as an xlsx sheet of its own: approvals, departments, groups, moves, kinds."""
    if week is None:
        return
    section, part = week.section, week.section["approvals"]
    # Sheets keep English names in both languages, as the report's others do (scripts read them).
    sheet = book.sheet("Steering", [], title=tr(lang, "Approvals"))
    sheet.row([_totals(part, lang)])
    sheet.next_row += 1
    sheet.row([*_item_heads(lang)], header=True)
    for item in part["overdue_items"]:
        cells: list[Any] = _item_cells(item, lang)
        cells[-1] = item["days_late"]
        sheet.row(cells)
    sheet.next_row += 1
    sheet.row([*_department_heads(lang)], header=True)
    for d in part["departments"]:
        sheet.row([d["department"], d["items"], d["open"], d["overdue"], d["average_days"] or "—"])
    if section["by"] is not None:
        sheet.next_row += 1
        sheet.row(
            [label(section["by"], lang), tr(lang, "projects"), label("code", lang)], header=True
        )
        for g in section["groups"]:
            names = ", ".join(g["projects"])
            sheet.row([g["name"] or tr(lang, "(none recorded)"), len(g["projects"]), names])
    sheet.next_row += 1
    sheet.row([tr(lang, "Programme joins and exits this week")], header=True)
    for move in _moves(section, lang):
        sheet.row(list(move))
    sheet.next_row += 1
    sheet.row([tr(lang, "Open problems by kind"), _kinds(section, lang) or "—"], header=True)
    sheet.fit()
