"""`tracker approvals [CODE] [--by department]` and `tracker approval add|set|remove|mode`: the
approvals pipeline (前期手续) from the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker.cli.record_args import examples, project_row
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label, name_in

if TYPE_CHECKING:
    from tracker.config.approval_template import Step
    from tracker.store.read.plainsql import PlainConnection


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `approvals`."""
    parser = sub.add_parser(
        "approvals",
        help=tr(lang, "the approval items (前期手续) and the departments' scoreboard"),
        **examples(
            lang,
            "tracker approvals",
            "tracker approvals YH-ARTS --all",
            "tracker approvals --by department --format json",
        ),
    )
    parser.add_argument("code", nargs="?", help=tr(lang, "project code"))
    parser.add_argument(
        "--by", choices=("department",), help=tr(lang, "the scoreboard by approving department")
    )
    parser.add_argument("--all", action="store_true", help=tr(lang, "include approved items"))
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=run_approvals)


def template(settings: Settings, conn: PlainConnection) -> tuple[Step, ...]:
    """The settings file's approvals template, refused when it leaves items without a step."""
    from tracker.config.approval_template import approval_steps
    from tracker.config.settings_file import settings_for
    from tracker.store.read.approval_reads import steps_in_use

    steps = approval_steps(settings_for(settings).sections)
    keys = {step.key for step in steps}
    orphans = [
        f"{code} {step}"
        for step, codes in steps_in_use(conn).items()
        if step not in keys
        for code in codes
    ]
    if orphans:
        raise InputError(
            "approvals.steps",
            ", ".join(sorted({o.split(" ")[1] for o in orphans})),
            "a template that keeps every step in use; it would orphan {items}",
            items=", ".join(orphans),
        )
    return steps


def item_entry(row: dict[str, Any], today: Any) -> dict[str, Any]:
    """One approval item in the JSON contract."""

    def day(value: Any) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "project": row["code"],
        "step": row["step"],
        "name": row["name"],
        "name_en": row["name_en"],
        "department": row["department"],
        "officer": row["officer"],
        "planned": day(row["planned"]),
        "planned_precision": row["planned_precision"],
        "submitted": day(row["submitted"]),
        "approved": day(row["approved"]),
        "number": row["number"],
        "note": row["note"],
        "overdue": row["approved"] is None
        and row["planned"] is not None
        and row["planned"] < today,
        "illustrative": bool(row["illustrative"]),
    }


def department_entry(row: dict[str, Any]) -> dict[str, Any]:
    """One department of `approvals --by department` in the JSON contract."""
    from tracker.store.read.approval_reads import average_days

    mean = average_days(row["total_days"], row["approved_with_days"])
    return {
        "department": row["department"],
        "items": row["items"],
        "open": row["open"],
        "overdue": row["overdue"],
        "approved_with_days": row["approved_with_days"],
        "total_days": row["total_days"],
        "average_days": None if mean is None else str(mean),
    }


def run_approvals(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker approvals [CODE] [--by department] [--all]`."""
    from tracker.store.read import approval_reads

    lang = settings.lang
    with reader(settings) as conn:
        template(settings, conn)
        if args.by == "department":
            rows = [department_entry(r) for r in approval_reads.departments(conn, settings.today)]
            return _print_departments(rows, args.format, lang)
        code = None if args.code is None else project_row(conn, args.code)["code"]
        rows = approval_reads.items(conn, code, open_only=not args.all)
    if args.format == "json":
        print_json([item_entry(r, settings.today) for r in rows])
        return 0
    if not rows:
        print(tr(lang, "No open approval items"))
        return 0
    _print_items(rows, settings)
    return 0


def _print_items(rows: list[dict[str, Any]], settings: Settings) -> None:
    from tracker.cli.projects import due_text

    lang = settings.lang
    heads = ["code", "step", "department", "officer", "planned", "submitted", "approved", "number"]

    def day(value: Any) -> str:
        return "—" if value is None else value.isoformat()

    body = [
        [
            r["code"],
            name_in(lang, r["name"], r["name_en"]),
            r["department"],
            r["officer"] or "—",
            due_text(day(r["planned"]) if r["planned"] else None, r["planned_precision"], lang)
            + (
                " !"
                if r["approved"] is None and r["planned"] and r["planned"] < settings.today
                else ""
            ),
            day(r["submitted"]),
            day(r["approved"]),
            r["number"] or "—",
        ]
        for r in rows
    ]
    print(render([label(h, lang) for h in heads], body))


def _print_departments(rows: list[dict[str, Any]], form: str, lang: str) -> int:
    if form == "json":
        print_json(rows)
        return 0
    if not rows:
        print(tr(lang, "No approval items"))
        return 0
    heads = ["department", "items", "open_items", "overdue", "average_days"]
    body = [
        [
            r["department"],
            str(r["items"]),
            str(r["open"]),
            str(r["overdue"]),
            r["average_days"] or "—",
        ]
        for r in rows
    ]
    print(render([label(h, lang) for h in heads], body))
    return 0
