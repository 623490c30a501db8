"""`tracker programme join|leave|list` and `tracker enrol set|evidence|list`: programme
membership (省「千项万亿」, 市重点, 区重点) and statistics enrolment (入库纳统), through the
service."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg
from tracker.cli.record_args import amount_arg, examples, year_arg
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label, name_in


def register_programme(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `programme join|leave|list`."""
    parser = sub.add_parser("programme", help=tr(lang, "programme membership: join, leave, list"))
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    join = actions.add_parser(
        "join",
        help=tr(lang, "a project joins a programme for a year"),
        **examples(
            lang,
            "tracker programme join YH-SPORTS 千项万亿 --year 2026 --on 2026-02-15",
            'tracker programme join YH-ARTS 区重点 --year 2027 --reason "新列入"',
            dates=True,
        ),
    )
    leave = actions.add_parser(
        "leave",
        help=tr(lang, "a project leaves a programme, with the reason"),
        **examples(
            lang,
            'tracker programme leave YH-ARTS 市重点 --year 2026 --reason "退出: 年内无法开工"',
            dates=True,
        ),
    )
    for action in (join, leave):
        action.add_argument("code", help=tr(lang, "project code"))
        action.add_argument(
            "programme",
            help=tr(lang, "provincial (千项万亿), city_key (市重点), district_key (区重点)"),
        )
        action.add_argument("--year", required=True, help=tr(lang, "year"))
        action.add_argument("--on", help=tr(lang, "day (default today)"))
        action.add_argument("--reason", required=action is leave, help=tr(lang, "reason"))
    join.set_defaults(run=run_join)
    leave.set_defaults(run=run_leave)
    listing = actions.add_parser(
        "list",
        help=tr(lang, "list programme memberships"),
        **examples(
            lang, "tracker programme list", "tracker programme list YH-SPORTS --format json"
        ),
    )
    listing.add_argument("code", nargs="?", help=tr(lang, "project code"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_list)


def register_enrol(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `enrol set|evidence|list`."""
    parser = sub.add_parser(
        "enrol", help=tr(lang, "statistics enrolment (入库纳统): set, evidence, list")
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    setter = actions.add_parser(
        "set",
        help=tr(lang, "record the day a project was enrolled and the amount"),
        **examples(
            lang,
            "tracker enrol set YH-SPORTS --on 2026-10-20 --amount 3.2亿",
            dates=True,
            money=True,
        ),
    )
    setter.add_argument("code", help=tr(lang, "project code"))
    setter.add_argument("--on", help=tr(lang, "day (default today)"))
    setter.add_argument("--amount", help=tr(lang, "enrolled amount"))
    setter.set_defaults(run=run_enrol)
    evidence = actions.add_parser(
        "evidence",
        help=tr(lang, "mark an item of the evidence checklist done"),
        **examples(
            lang,
            "tracker enrol evidence YH-SPORTS approval_document --on 2026-09-10",
            "tracker enrol evidence YH-SPORTS 施工合同",
            dates=True,
        ),
    )
    evidence.add_argument("code", help=tr(lang, "project code"))
    evidence.add_argument(
        "item", help=tr(lang, "approval_document, construction_contract or site_photos")
    )
    evidence.add_argument("--on", help=tr(lang, "day (default today)"))
    evidence.add_argument("--note", help=tr(lang, "note"))
    evidence.set_defaults(run=run_evidence)
    listing = actions.add_parser(
        "list",
        help=tr(lang, "started projects: enrolled or not, and their evidence"),
        **examples(lang, "tracker enrol list", "tracker enrol list --format json"),
    )
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_enrol_list)


def _programme(text: str) -> str:
    from tracker.core.steering import PROGRAMMES, choose

    return choose("programme", text, PROGRAMMES)


def run_join(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker programme join CODE PROGRAMME --year Y [--on] [--reason]`."""
    from tracker.store.opening import service

    programme, year = _programme(args.programme), year_arg("--year", args.year)
    on = day_arg("--on", args.on, settings)
    service(settings).join_programme(args.code, programme, year, on=on, reason=args.reason)
    print(
        tr(
            settings.lang,
            "{code} joined {programme} {year}",
            code=args.code.strip(),
            programme=label(programme, settings.lang),
            year=year,
        )
    )
    return 0


def run_leave(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker programme leave CODE PROGRAMME --year Y --reason R [--on]`."""
    from tracker.store.opening import service

    programme, year = _programme(args.programme), year_arg("--year", args.year)
    on = day_arg("--on", args.on, settings)
    service(settings).leave_programme(args.code, programme, year, on=on, reason=args.reason)
    print(
        tr(
            settings.lang,
            "{code} left {programme} {year}",
            code=args.code.strip(),
            programme=label(programme, settings.lang),
            year=year,
        )
    )
    return 0


def membership_entry(row: dict[str, Any]) -> dict[str, Any]:
    """One programme membership in the JSON contract."""
    return {
        "project": row["code"],
        "programme": row["programme"],
        "year": row["year"],
        "joined_on": row["joined_on"].isoformat(),
        "left_on": None if row["left_on"] is None else row["left_on"].isoformat(),
        "reason": row["reason"],
        "illustrative": bool(row["illustrative"]),
    }


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker programme list [CODE]`."""
    from tracker.cli.record_args import project_row
    from tracker.store.read.steering_reads import memberships

    with reader(settings) as conn:
        code = None if args.code is None else project_row(conn, args.code)["code"]
        rows = memberships(conn, code)
    if args.format == "json":
        print_json([membership_entry(r) for r in rows])
        return 0
    lang = settings.lang
    heads = [
        label(k, lang) for k in ("code", "programme", "year", "joined_on", "left_on", "reason")
    ]
    body = [
        [
            r["code"],
            label(r["programme"], lang),
            str(r["year"]),
            r["joined_on"].isoformat(),
            "—" if r["left_on"] is None else r["left_on"].isoformat(),
            r["reason"] or "—",
        ]
        for r in rows
    ]
    print(render(heads, body))
    return 0


def run_enrol(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker enrol set CODE [--on DAY] [--amount X]`."""
    from tracker.store.opening import service

    on = day_arg("--on", args.on, settings)
    cents = amount_arg("--amount", args.amount)
    from tracker.cli.project_records import _print_changes

    _print_changes(service(settings).set_enrolment(args.code, on, cents), settings.lang)
    return 0


def run_evidence(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker enrol evidence CODE ITEM [--on DAY] [--note]`."""
    from tracker.core.steering import EVIDENCE_ITEMS, choose
    from tracker.store.opening import service

    item = choose("item", args.item, EVIDENCE_ITEMS)
    on = day_arg("--on", args.on, settings)
    service(settings).mark_evidence(args.code, item, on, args.note)
    print(tr(settings.lang, "{item} done {on}", item=label(item, settings.lang), on=on.isoformat()))
    return 0


def enrolment_entries(conn: Any) -> list[dict[str, Any]]:
    """Every started project's enrolment and evidence, in the JSON contract."""
    from tracker.core.steering import EVIDENCE_ITEMS
    from tracker.store.read.steering_reads import evidence, steering_by_project
    from tracker.views.portfolio import amount_text, iso

    rows = conn.rows(
        "SELECT id, code, name, name_en FROM project WHERE actual_start IS NOT NULL ORDER BY code"
    )
    steering = steering_by_project(conn)
    entries = []
    for row in rows:
        facts, done = steering[row["id"]], evidence(conn, row["id"])
        entries.append(
            {
                "project": row["code"],
                "name": row["name"],
                "name_en": row["name_en"],
                "actual_start": iso(facts["actual_start"]),
                "enrolled_on": iso(facts["enrolled_on"]),
                "enrolled_amount": amount_text(facts["enrolled_cents"]),
                "evidence": {
                    item: iso(done[item]["done_on"]) if item in done else None
                    for item in EVIDENCE_ITEMS
                },
            }
        )
    return entries


def run_enrol_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker enrol list`."""
    from decimal import Decimal

    from tracker.core.money import format_amount

    with reader(settings) as conn:
        entries = enrolment_entries(conn)
    if args.format == "json":
        print_json(entries)
        return 0
    lang = settings.lang
    from tracker.core.steering import EVIDENCE_ITEMS

    heads = [
        label(k, lang)
        for k in ("code", "name", "actual_start", "enrolled_on", "enrolled_cents", *EVIDENCE_ITEMS)
    ]
    body = []
    for e in entries:
        cents = None if e["enrolled_amount"] is None else int(Decimal(e["enrolled_amount"]) * 100)
        body.append(
            [
                e["project"],
                name_in(lang, e["name"], e["name_en"]),
                e["actual_start"],
                e["enrolled_on"] or "—",
                format_amount(cents, "CNY", lang),
                *(e["evidence"][item] or "—" for item in EVIDENCE_ITEMS),
            ]
        )
    print(render(heads, body))
    return 0
