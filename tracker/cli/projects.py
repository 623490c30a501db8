"""`tracker projects` and `tracker show CODE`."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.config.settings_file import settings_for
from tracker.core.money import format_amount
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import LIGHT_MARKS, deadline_label, label, name_in
from tracker.views.portfolio import portfolio, project_detail

CSV_COLUMNS = (
    "code",
    "name",
    "name_en",
    "category",
    "stage",
    "unit",
    "officer",
    "total_investment",
    "currency",
    "baseline_finish",
    "forecast_finish",
    "forecast_finish_precision",
    "computed_light",
    "baseline_finish_precision",
)
"""The columns of `projects --format csv`. The light is computed by the alert rules, not an
officer's status update, so it is `computed_light`, which `tracker import` does not read; the
precision columns make the file read back as it is."""


def register_projects(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `projects`."""
    parser = sub.add_parser("projects", help=tr(lang, "list every project"))
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help=tr(lang, "output format"),
    )
    # The steering filters (issue #16).
    parser.add_argument("--leader", help=tr(lang, "only the projects of this leader in charge"))
    parser.add_argument("--unit", help=tr(lang, "only the projects of this unit or owner"))
    parser.add_argument("--library", help=tr(lang, "only the projects in this library"))
    parser.add_argument("--programme", help=tr(lang, "only the projects in this programme"))
    parser.set_defaults(run=run_projects)


def register_show(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `show`."""
    parser = sub.add_parser("show", help=tr(lang, "show one project"))
    parser.add_argument("code", help=tr(lang, "project code"))
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=tr(lang, "output format"),
    )
    parser.set_defaults(run=run_show)


def due_text(due: str | None, precision: str | None, lang: str) -> str:
    """A due day from the JSON contract, shown at its precision."""
    if due is None:
        return "—"
    from datetime import date

    return deadline_label(date.fromisoformat(due), precision or "day", lang)


def _cents(project: dict[str, Any]) -> int | None:
    from decimal import Decimal

    text = project["total_investment"]
    return None if text is None else int(Decimal(text) * 100)


def print_table(projects: list[dict[str, Any]], lang: str) -> None:
    """The portfolio as an aligned text table."""
    headers = [
        label(k, lang)
        for k in (
            "light",
            "code",
            "name",
            "stage",
            "total_investment",
            "next_milestone",
            "due",
            "days_left",
        )
    ]
    rows = []
    for p in projects:
        nxt = p["next_milestone"]
        rows.append(
            [
                LIGHT_MARKS.get(p["light"], LIGHT_MARKS[None]),
                p["code"],
                name_in(lang, p["name"], p["name_en"]),
                label(p["stage"], lang),
                format_amount(_cents(p), p["currency"], lang),
                "—" if nxt is None else name_in(lang, nxt["name"], nxt["name_en"]),
                "—" if nxt is None else due_text(nxt["due"], nxt["precision"], lang),
                "—" if nxt is None else str(nxt["days_left"]),
            ]
        )
    print(render(headers, rows, right=(4, 7)))


def run_projects(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker projects`."""
    with reader(settings) as conn:
        projects = portfolio(conn, settings.today, settings_for(settings).alerts, settings.lang)
        if any(getattr(args, f, None) for f in ("leader", "unit", "library", "programme")):
            projects = _filtered(conn, projects, args)
    if args.format == "json":
        print_json(projects)
    elif args.format == "csv":
        from tracker.core.formula import neutral as guard

        writer = csv.writer(sys.stdout)
        writer.writerow(CSV_COLUMNS)
        for p in projects:
            p["computed_light"] = p["light"]
            writer.writerow([guard(None if p[c] is None else str(p[c])) for c in CSV_COLUMNS])
    else:
        print_table(projects, settings.lang)
    return 0


def _filtered(conn: Any, projects: list[dict[str, Any]], args: argparse.Namespace) -> list:
    """The projects that pass `--leader`, `--unit`, `--library` and `--programme`; an unknown
    leader, organisation, library or programme is refused (exit status 2)."""
    from tracker.core.steering import LIBRARIES, PROGRAMMES, choose
    from tracker.views.project_steering import matches, recorded

    wanted = {
        "leader": args.leader and recorded(conn, "leader", "--leader", args.leader),
        "unit": args.unit and recorded(conn, "organisation", "--unit", args.unit),
        "library": args.library and choose("--library", args.library, LIBRARIES),
        "programme": args.programme and choose("--programme", args.programme, PROGRAMMES),
    }
    return [p for p in projects if matches(p, **{k: v or None for k, v in wanted.items()})]


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker show CODE`."""
    from tracker.cli.record_args import project_row
    from tracker.cli.week_facts import print_week_facts, week_facts

    with reader(settings) as conn:
        row = project_row(conn, args.code)
        detail = project_detail(
            conn, row, settings.today, settings_for(settings).alerts, settings.lang
        )
        detail.update(week_facts(conn, row["id"], settings.today))
    if args.format == "json":
        print_json(detail)
    else:
        print_detail(detail, settings.lang)
        print_week_facts(detail, settings.lang)
    return 0


def print_detail(detail: dict[str, Any], lang: str) -> None:
    """One project's facts and milestones as text."""
    name = name_in(lang, detail["name"], detail["name_en"])
    print(f"{detail['code']}  {name}")
    facts = [
        ("light", LIGHT_MARKS.get(detail["light"], LIGHT_MARKS[None])),
        ("stage", label(detail["stage"], lang)),
        ("category", label(detail["category"], lang)),
        ("total_investment", format_amount(_cents(detail), detail["currency"], lang)),
        (
            "forecast_finish",
            due_text(detail["forecast_finish"], detail["forecast_finish_precision"], lang),
        ),
        ("unit", detail["unit"] or "—"),
        ("officer", detail["officer"] or "—"),
        ("location", detail["location"] or "—"),
        ("scale", detail["scale"] or "—"),
        ("sources", detail["sources"] or "—"),
    ]
    if detail["notes"]:
        facts.append(("notes", detail["notes"]))
    from tracker.cli.record_args import wrapped
    from tracker.core.textable import display_width, pad

    names = [label(k, lang) for k, _ in facts]
    column = max(display_width(n) for n in names) + 2
    for name, (_, value) in zip(names, facts, strict=True):
        print(wrapped(pad(name, column) + value, " " * column))
    print()
    headers = [
        "id",
        label("milestone", lang),
        label("baseline", lang),
        label("forecast", lang),
        label("done", lang),
        label("days_left", lang),
        label("owner", lang),
    ]
    rows = [
        [
            str(m["id"]),
            name_in(lang, m["name"], m["name_en"]) + (" *" if m["illustrative"] else ""),
            due_text(m["baseline"], m["baseline_precision"], lang),
            due_text(m["forecast"], m["forecast_precision"], lang),
            due_text(m["done"], m["done_precision"], lang),
            "—" if m["days_left"] is None else str(m["days_left"]),
            m["owner"] or "—",
        ]
        for m in detail["milestones"]
    ]
    print(render(headers, rows, right=(5,)))
    if any(m["illustrative"] for m in detail["milestones"]):
        print(tr(lang, "* illustrative (a demo assumption, not from the source)"))
