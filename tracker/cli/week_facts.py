"""What `tracker show` adds to a project's facts: its latest status update, this year's
completed investment against the plan, and its open problems (wrapped to the terminal)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.cli.projects import due_text
from tracker.cli.record_args import wrapped
from tracker.core.money import format_amount
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import LIGHT_MARKS, label

if TYPE_CHECKING:
    from tracker.store.read.plainsql import PlainConnection


def week_facts(conn: PlainConnection, project_id: int, today: date) -> dict[str, Any]:
    """The latest status, this year's plan and completed investment, and the open problems."""
    from tracker.store.read import queries

    history = queries.status_history(conn, project_id)
    money = queries.investment(conn, project_id)
    plan = next((p for p in money["plans"] if p["year"] == today.year), None)
    months = [r for r in money["reports"] if r["year"] == today.year]
    known = [r["amount_cents"] for r in months if r["amount_cents"] is not None]
    latest = history[0] if history else None
    return {
        "latest_status": None
        if latest is None
        else {
            "reported_on": latest["reported_on"].isoformat(),
            "light": latest["light"],
            "narrative": latest["narrative"],
            "author": latest["author"],
        },
        "year": today.year,
        "year_planned_cents": None if plan is None else plan["planned_cents"],
        "year_progress_target": None if plan is None else plan["progress_target"],
        "year_completed_cents": sum(known) if known else None,
        "year_months_reported": len(known),
        "open_problems": [
            {
                "id": p["id"],
                "description": p["description"],
                "owner": p["owner"],
                "due": None if p["due"] is None else p["due"].isoformat(),
                "due_precision": p["due_precision"],
            }
            for p in queries.problems(conn, project_id)
            if p["resolved"] is None
        ],
    }


def print_week_facts(detail: dict[str, Any], lang: str) -> None:
    """The status, the year's investment against plan and the open problems, as text."""
    currency = detail["currency"]
    print()
    status = detail["latest_status"]
    if status is None:
        print(tr(lang, "Latest status: —"))
    else:
        mark = LIGHT_MARKS.get(status["light"], LIGHT_MARKS[None])
        print(
            tr(
                lang,
                "Latest status ({on}, {author}): {mark} {light}",
                on=status["reported_on"],
                author=status["author"] or "—",
                mark=mark,
                light=label(status["light"], lang),
            )
        )
        for line in (status["narrative"] or "").splitlines():
            print(wrapped(f"  {line}", "  "))
    planned, completed = detail["year_planned_cents"], detail["year_completed_cents"]
    share = ""
    if planned and completed is not None:
        share = f" ({completed * 100 // planned}%)"
    print(
        wrapped(
            tr(
                lang,
                "Investment {year}: completed {completed} of planned {planned}{share}, "
                "{n} months reported",
                year=detail["year"],
                completed=format_amount(completed, currency, lang),
                planned=format_amount(planned, currency, lang),
                share=share,
                n=detail["year_months_reported"],
            ),
            "  ",
        )
    )
    if detail["year_progress_target"]:
        print(wrapped(f"  {tr(lang, 'progress target')}: {detail['year_progress_target']}", "    "))
    problems = detail["open_problems"]
    print(tr(lang, "Open problems: {n}", n=len(problems)))
    for p in problems:
        due = due_text(p["due"], p["due_precision"], lang)
        line = f"  #{p['id']} {p['description']} · {p['owner'] or '—'} · {due}"
        print(wrapped(line, "      "))
