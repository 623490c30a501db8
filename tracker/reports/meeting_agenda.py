"""The dispatch meeting (调度会, issue #17): its agenda, built once, and the meeting record as
Markdown and HTML (tracker/reports/meeting_files.py writes docx and xlsx).

The agenda goes through the red and amber projects with each one's evidence (the reasons for
its light), the instruments of the escalation ladder still open, the problems past their
deadline, and every action of an earlier meeting not done yet: an action reappears in each
meeting's agenda until it is marked done. The agenda is kept with the meeting as it was built
(in Chinese and in English); the record adds the actions the meeting decided, as they stand.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import deadline_label, label, name_in

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tracker.config.settings_file import AlertThresholds
    from tracker.store.read.plainsql import PlainConnection

SECTIONS = ("projects", "escalations", "problems", "actions")


def action_entry(row: Mapping[str, Any], today: date, lang: str) -> dict[str, Any]:
    """One action of a meeting in the JSON contract."""
    return {
        "id": row["id"],
        "meeting": row["meeting_id"],
        "meeting_on": row["meeting_on"].isoformat(),
        "project": row["code"],
        "project_name": name_in(lang, row["project_name"], row["project_name_en"]),
        "description": row["description"],
        "owner": row["owner"],
        "due": row["due"].isoformat(),
        "due_text": deadline_label(row["due"], row["due_precision"] or "day", lang),
        "done_on": None if row["done_on"] is None else row["done_on"].isoformat(),
        "overdue": row["done_on"] is None and row["due"] < today,
    }


def build_agenda(
    conn: PlainConnection, today: date, lang: str, thresholds: AlertThresholds | None = None
) -> dict[str, Any]:
    """The agenda as of `today`: the four sections, each a list of plain entries."""
    from tracker.alerts.facts import load_alerts
    from tracker.store.read.escalation_reads import actions, ledger
    from tracker.views.portfolio import portfolio

    rank = {"red": 0, "amber": 1}
    lit = [p for p in portfolio(conn, today, thresholds, lang) if p["light"] in rank]
    lit.sort(key=lambda p: (rank[p["light"]], p["code"]))
    return {
        "as_of": today.isoformat(),
        "projects": [
            {
                "code": p["code"],
                "name": name_in(lang, p["name"], p["name_en"]),
                "light": p["light"],
                "unit": p["unit"],
                "leader": p.get("leader"),
                "evidence": p["light_reasons"],
            }
            for p in lit
        ],
        "escalations": [
            {
                "id": row["id"],
                "project": row["code"],
                "instrument": label(f"instrument_{row['instrument']}", lang),
                "number": row["number"],
                "addressee": row["addressee"],
                "due": row["due"].isoformat(),
                "answered_on": None
                if row["answered_on"] is None
                else row["answered_on"].isoformat(),
                "overdue": row["answered_on"] is None and row["due"] < today,
            }
            for row in ledger(conn, open_only=True)
        ],
        "problems": [
            {
                "project": a.project,
                "project_name": name_in(lang, a.project_name, a.project_name_en),
                "problem": a.item,
                "evidence": a.evidence,
            }
            for a in load_alerts(conn, today, thresholds, lang=lang)
            if a.rule == "problem_overdue"
        ],
        "actions": [action_entry(row, today, lang) for row in actions(conn, open_only=True)],
    }


def kept_agenda(
    conn: PlainConnection, today: date, thresholds: AlertThresholds | None = None
) -> str:
    """The agenda as a meeting keeps it: in Chinese and in English (JSON text), so that its
    record can be handed round in either."""
    from tracker.core.jsontext import dumps

    return dumps({lang: build_agenda(conn, today, lang, thresholds) for lang in ("zh", "en")})


def meeting_record(
    conn: PlainConnection, ident: int, today: date, lang: str
) -> dict[str, Any] | None:
    """A meeting as kept: its day, title, the agenda built for it and the actions it decided."""
    from tracker.store.read.escalation_reads import actions, meetings

    found = meetings(conn, ident)
    if not found:
        return None
    row = found[0]
    agenda = json.loads(row["agenda"] or "{}").get(lang, {})
    return {
        "id": row["id"],
        "held_on": row["held_on"].isoformat(),
        "title": row["title"] or tr(lang, "Dispatch meeting of {day}", day=row["held_on"]),
        "agenda": {key: agenda.get(key, []) for key in SECTIONS},
        "as_of": agenda.get("as_of"),
        "decided": [action_entry(a, today, lang) for a in actions(conn, meeting=ident)],
    }


def _light(light: str, lang: str) -> str:
    return label(light, lang)


def section_rows(
    record: Mapping[str, Any], lang: str
) -> list[tuple[str, list[str], list[list[str]]]]:
    """Each section of the record as a heading, its column heads and its rows of text: the one
    table every writer (md, html, docx, xlsx) lays out."""
    agenda = record["agenda"]
    dash = "—"
    return [
        (
            tr(lang, "Red and amber projects"),
            [label(h, lang) for h in ("light", "code", "name", "unit", "evidence")],
            [
                [
                    _light(p["light"], lang),
                    p["code"],
                    p["name"],
                    p["unit"] or dash,
                    "; ".join(p["evidence"]) or dash,
                ]
                for p in agenda["projects"]
            ],
        ),
        (
            tr(lang, "Open escalations"),
            [
                label(h, lang)
                for h in ("ID", "code", "instrument", "number", "addressee", "response_due")
            ],
            [
                [
                    str(e["id"]),
                    e["project"],
                    e["instrument"],
                    e["number"] or dash,
                    e["addressee"],
                    e["due"] + (" !" if e["overdue"] else ""),
                ]
                for e in agenda["escalations"]
            ],
        ),
        (
            tr(lang, "Problems past their deadline"),
            [label(h, lang) for h in ("code", "problem", "evidence")],
            [[p["project"], p["problem"], p["evidence"]] for p in agenda["problems"]],
        ),
        (
            tr(lang, "Actions of earlier meetings not done"),
            _action_heads(lang),
            [_action_row(a) for a in agenda["actions"]],
        ),
        (
            tr(lang, "Actions decided"),
            _action_heads(lang),
            [_action_row(a) for a in record["decided"]],
        ),
    ]


def _action_heads(lang: str) -> list[str]:
    return [label(h, lang) for h in ("ID", "code", "action", "owner", "due", "done")]


def _action_row(action: Mapping[str, Any]) -> list[str]:
    return [
        str(action["id"]),
        action["project"],
        action["description"],
        action["owner"],
        action["due_text"] + (" !" if action["overdue"] else ""),
        action["done_on"] or "—",
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def meeting_markdown(record: Mapping[str, Any], lang: str) -> str:
    """The meeting record as Markdown."""
    lines = [f"# {record['title']}", "", tr(lang, "Held on {day}", day=record["held_on"]), ""]
    for heading, heads, rows in section_rows(record, lang):
        lines += [f"## {heading}", ""]
        if not rows:
            lines += [tr(lang, "None."), ""]
            continue
        lines += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def meeting_html(record: Mapping[str, Any], lang: str) -> str:
    """The meeting record as one self-contained HTML page for A4 sheets."""
    parts = []
    for heading, heads, rows in section_rows(record, lang):
        parts.append(f"<h2>{escape(heading)}</h2>")
        if not rows:
            parts.append(f"<p>{escape(tr(lang, 'None.'))}</p>")
            continue
        head = "".join(f"<th>{escape(h)}</th>" for h in heads)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><title>{escape(record["title"])}</title><style>'
        "@page{size:A4 landscape;margin:15mm}body{font-family:'Noto Sans CJK SC',sans-serif;"
        "font-size:10.5pt;margin:1.5em}table{border-collapse:collapse;width:100%;"
        "margin-bottom:1em}th,td{border:1px solid #999;padding:3px 6px;text-align:left;"
        "vertical-align:top}th{background:#eee;white-space:nowrap}</style></head><body>"
        f"<h1>{escape(record['title'])}</h1>"
        f"<p>{escape(tr(lang, 'Held on {day}', day=record['held_on']))}</p>"
        + "".join(parts)
        + "</body></html>\n"
    )
