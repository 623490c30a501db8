"""The steering pages (issue #16): one page per leader in charge (`tracker export leader NAME`)
and the weekly report's steering section (`export weekly --by leader|unit`): projects grouped
by leader or unit with their lights, the week's programme joins and exits, and the open
problems by kind (要素保障). Built once as plain data; small writers for Markdown and HTML.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import LIGHT_MARKS, label, name_in

if TYPE_CHECKING:
    from tracker.config.settings_file import AlertThresholds
    from tracker.store.read.plainsql import PlainConnection

GROUPS = ("leader", "unit")


def leader_page(
    conn: PlainConnection, name: str, today: date, lang: str, thresholds: AlertThresholds
) -> dict[str, Any]:
    """A leader's page: their projects, each with its light, next milestone and what is late."""
    from tracker.views.portfolio import portfolio
    from tracker.views.project_steering import recorded

    name = recorded(conn, "leader", "NAME", name)
    title = conn.scalar("SELECT title FROM leader WHERE name = :name", {"name": name})
    projects = [p for p in portfolio(conn, today, thresholds, lang) if p["leader"] == name]
    return {
        "leader": name,
        "title": title,
        "as_of": today.isoformat(),
        "lights": dict(Counter(p["light"] or "green" for p in projects)),
        "projects": [
            {
                "code": p["code"],
                "name": p["name"],
                "name_en": p["name_en"],
                "stage": p["stage"],
                "unit": p["unit"],
                "light": p["light"],
                "next_milestone": p["next_milestone"],
                "late": list(p["light_reasons"]),
            }
            for p in projects
        ],
    }


def week_section(
    conn: PlainConnection,
    monday: date,
    by: str,
    projects: list[dict[str, Any]],
) -> dict[str, Any]:
    """The weekly report's steering section: `projects` (the JSON contract, with lights and
    steering keys) grouped by leader or unit, the programme joins and exits dated in the week,
    and the open problems counted by kind."""
    from tracker.store.read.steering_reads import memberships, problems_by_kind

    sunday = monday + timedelta(days=6)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for project in projects:
        groups[project[by] or ""].append(project)
    moves = memberships(conn, since=monday, until=sunday)
    kinds = Counter(row["kind"] or "" for row in problems_by_kind(conn, open_only=True))
    return {
        "by": by,
        "groups": [
            {
                "name": key or None,
                "projects": [p["code"] for p in members],
                "lights": dict(Counter(p["light"] or "green" for p in members)),
            }
            for key, members in sorted(groups.items(), key=lambda item: (not item[0], item[0]))
        ],
        "joined": [
            _move(row, "joined_on") for row in moves if monday <= row["joined_on"] <= sunday
        ],
        "left": [
            _move(row, "left_on")
            for row in moves
            if row["left_on"] is not None and monday <= row["left_on"] <= sunday
        ],
        "problems_by_kind": {kind or "unset": count for kind, count in sorted(kinds.items())},
    }


def _move(row: dict[str, Any], day: str) -> dict[str, Any]:
    return {
        "project": row["code"],
        "name": row["name"],
        "name_en": row["name_en"],
        "programme": row["programme"],
        "year": row["year"],
        "on": row[day].isoformat(),
        "reason": row["reason"],
    }


def _lights(lights: dict[str, int], lang: str) -> str:
    return " ".join(
        f"{LIGHT_MARKS[light].split()[0]} {lights[light]}"
        for light in ("red", "amber", "green")
        if lights.get(light)
    )


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split()) or "—"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _next(project: dict[str, Any], lang: str) -> str:
    upcoming = project["next_milestone"]
    if upcoming is None:
        return "—"
    shown = name_in(lang, upcoming["name"], upcoming["name_en"])
    return tr(lang, "{name} ({days} days)", name=shown, days=upcoming["days_left"])


def leader_markdown(page: dict[str, Any], lang: str) -> str:
    """A leader's page as Markdown."""
    who = page["leader"] + (f" · {page['title']}" if page["title"] else "")
    lines = [
        f"# {label('leader', lang)}: {who}",
        "",
        tr(
            lang,
            "as of {day}; {count} projects; {lights}",
            day=page["as_of"],
            count=len(page["projects"]),
            lights=_lights(page["lights"], lang) or "—",
        ),
        "",
    ]
    heads = ["light", "code", "name", "stage", "unit", "next_milestone"]
    rows = [
        [
            LIGHT_MARKS.get(p["light"], LIGHT_MARKS[None]).split()[0],
            p["code"],
            name_in(lang, p["name"], p["name_en"]),
            label(p["stage"], lang),
            p["unit"] or "—",
            _next(p, lang),
        ]
        for p in page["projects"]
    ]
    lines += _table([label(h, lang) for h in heads], rows)
    late = [(p, reason) for p in page["projects"] for reason in p["late"]]
    late_heading = tr(lang, "What is late")
    lines += ["", f"## {late_heading}", ""]
    lines += [f"- **{p['code']}** {_cell(reason)}" for p, reason in late] or [
        tr(lang, "Nothing is late.")
    ]
    return "\n".join(lines) + "\n"


def leader_html(page: dict[str, Any], lang: str) -> str:
    """A leader's page as one self-contained HTML page (prints on one A4 sheet)."""
    who = escape(page["leader"] + (f" · {page['title']}" if page["title"] else ""))
    heads = "".join(
        f"<th>{escape(label(h, lang))}</th>"
        for h in ("light", "code", "name", "stage", "unit", "next_milestone")
    )
    body = "".join(
        f'<tr class="{escape(p["light"] or "none")}">'
        f"<td>{escape(label(p['light'] or 'green', lang))}</td>"
        f"<td>{escape(p['code'])}</td><td>{escape(name_in(lang, p['name'], p['name_en']))}</td>"
        f"<td>{escape(label(p['stage'], lang))}</td><td>{escape(p['unit'] or '—')}</td>"
        f"<td>{escape(_next(p, lang))}</td></tr>"
        for p in page["projects"]
    )
    late = (
        "".join(
            f"<li><b>{escape(p['code'])}</b> {escape(reason)}</li>"
            for p in page["projects"]
            for reason in p["late"]
        )
        or f"<li>{escape(tr(lang, 'Nothing is late.'))}</li>"
    )
    summary = tr(
        lang,
        "as of {day}; {count} projects; {lights}",
        day=page["as_of"],
        count=len(page["projects"]),
        lights=_lights(page["lights"], lang) or "—",
    )
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}">'
        '<head><meta charset="utf-8">'
        f"<title>{escape(label('leader', lang))}: {who}</title><style>"
        "body{font-family:'Noto Sans CJK SC',sans-serif;margin:1.5em;font-size:11pt}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px 6px;"
        "text-align:left}tr.red td:first-child{background:#f4b6b6}tr.amber td:first-child"
        "{background:#f7dd9a}tr.green td:first-child{background:#bfe3bf}"
        "@page{size:A4;margin:15mm}</style></head><body>"
        f"<h1>{escape(label('leader', lang))}: {who}</h1><p>{escape(summary)}</p>"
        f"<table><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>"
        f"<h2>{escape(tr(lang, 'What is late'))}</h2><ul>{late}</ul></body></html>\n"
    )


def section_markdown(section: dict[str, Any], lang: str) -> str:
    """The weekly report's steering section as Markdown (appended to the report); the groups
    only when it groups the projects (`by` not None)."""
    lines: list[str] = []
    if section["by"] is not None:
        by_heading = tr(lang, "By {group}", group=label(section["by"], lang))
        lines += ["", f"## {by_heading}", ""]
        rows = [
            [
                g["name"] or tr(lang, "(none recorded)"),
                str(len(g["projects"])),
                _lights(g["lights"], lang) or "—",
                ", ".join(g["projects"]),
            ]
            for g in section["groups"]
        ]
        heads = [
            label(section["by"], lang),
            tr(lang, "projects"),
            label("light", lang),
            label("code", lang),
        ]
        lines += _table(heads, rows)
    moves_heading = tr(lang, "Programme joins and exits this week")
    lines += ["", f"## {moves_heading}", ""]
    moves = [
        [
            tr(lang, "joined the programme"),
            m["project"],
            name_in(lang, m["name"], m["name_en"]),
            f"{label(m['programme'], lang)} {m['year']}",
            m["on"],
            m["reason"] or "—",
        ]
        for m in section["joined"]
    ] + [
        [
            tr(lang, "left the programme"),
            m["project"],
            name_in(lang, m["name"], m["name_en"]),
            f"{label(m['programme'], lang)} {m['year']}",
            m["on"],
            m["reason"] or "—",
        ]
        for m in section["left"]
    ]
    if moves:
        heads = [
            label("change", lang),
            label("code", lang),
            label("name", lang),
            label("programme", lang),
            label("when", lang),
            label("reason", lang),
        ]
        lines += _table(heads, moves)
    else:
        lines.append(tr(lang, "No programme joined or left this week."))
    kinds_heading = tr(lang, "Open problems by kind")
    lines += ["", f"## {kinds_heading}", ""]
    kinds = section["problems_by_kind"]
    rows = [
        [label(k, lang) if k != "unset" else tr(lang, "(kind not set)"), str(n)]
        for k, n in kinds.items()
    ]
    lines += (
        _table([label("kind", lang), tr(lang, "open problems")], rows)
        if rows
        else [tr(lang, "No open problems")]
    )
    return "\n".join(lines) + "\n"
