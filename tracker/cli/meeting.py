"""`tracker meeting new|list|action|done|actions`: the dispatch meeting (调度会, issue #17).

`new` builds the agenda (red and amber projects with their evidence, open escalations, problems
past their deadline, earlier actions not done) and keeps it with the meeting; `action` records
a decision as a tracked item with its owner and deadline, reminded by `tracker remind` and
carried into every later agenda until `done`.
"""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg, deadline_arg
from tracker.cli.record_args import examples, record_number
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.textable import render
from tracker.i18n.catalogue import N_, tr
from tracker.i18n.glossary import label
from tracker.store.opening import service

MEETING_NUMBER = N_("the number of a meeting in `tracker meeting list`")
ACTION_NUMBER = N_("the number of an action in `tracker meeting actions`")


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `meeting` and its actions."""
    parser = sub.add_parser(
        "meeting",
        help=tr(lang, "dispatch meetings (调度会): the agenda, the actions decided"),
        **examples(
            lang,
            "tracker meeting new --on 2026-12-10",
            "tracker meeting action 1 YH-SPORTS 屋盖合龙专题协调 --owner 区体育局 --due 2026-12-20",
            "tracker meeting done 1",
            "tracker export meeting 1 --format docx -o 调度会.docx",
            dates=True,
        ),
    )
    verbs = parser.add_subparsers(
        dest="verb", metavar="ACTION", required=True, parser_class=type(parser)
    )
    new = verbs.add_parser("new", help=tr(lang, "build the agenda and record the meeting"))
    new.add_argument("--on", help=tr(lang, "the day of the meeting (default today)"))
    new.add_argument("--title", help=tr(lang, "the meeting's title"))
    new.add_argument("--format", choices=("md", "json"), default="md")
    new.set_defaults(run=run_new)

    listing = verbs.add_parser("list", help=tr(lang, "the meetings recorded"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_list)

    action = verbs.add_parser("action", help=tr(lang, "record an action the meeting decided"))
    action.add_argument("meeting", metavar="MEETING", help=tr(lang, "the meeting's number"))
    action.add_argument("code", help=tr(lang, "project code"))
    action.add_argument("description", metavar="DESCRIPTION", help=tr(lang, "what is to be done"))
    action.add_argument("--owner", required=True, help=tr(lang, "who does it"))
    action.add_argument("--due", required=True, help=tr(lang, "by when, e.g. 2026-12-20"))
    action.set_defaults(run=run_action)

    done = verbs.add_parser("done", help=tr(lang, "mark an action done"))
    done.add_argument("action", metavar="ACTION", help=tr(lang, "the action's number"))
    done.add_argument("--on", help=tr(lang, "the day it was done (default today)"))
    done.set_defaults(run=run_done)

    every = verbs.add_parser("actions", help=tr(lang, "the meetings' actions"))
    every.add_argument("--open", action="store_true", help=tr(lang, "only those not done"))
    every.add_argument("--project", help=tr(lang, "only this project (code)"))
    every.add_argument("--format", choices=("table", "json"), default="table")
    every.set_defaults(run=run_actions)


def run_new(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker meeting new [--on DATE] [--title TEXT]`."""
    from tracker.config.settings_file import settings_for
    from tracker.reports.meeting_agenda import kept_agenda, meeting_markdown, meeting_record

    held_on = day_arg("--on", args.on, settings)
    with reader(settings) as conn:
        agenda = kept_agenda(conn, settings.today, settings_for(settings).alerts)
    meeting = service(settings).add_meeting(held_on, args.title, agenda)
    with reader(settings) as conn:
        record = meeting_record(conn, meeting.id or 0, settings.today, settings.lang)
    if args.format == "json":
        print_json(record)
        return 0
    print(tr(settings.lang, "Meeting #{id} recorded", id=meeting.id))
    print(meeting_markdown(record or {}, settings.lang), end="")
    return 0


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker meeting list`."""
    from tracker.store.read.escalation_reads import meetings

    lang = settings.lang
    with reader(settings) as conn:
        rows = meetings(conn)
    entries = [
        {
            "id": r["id"],
            "held_on": r["held_on"].isoformat(),
            "title": r["title"],
            "actions": r["actions"],
            "open_actions": r["open_actions"],
        }
        for r in rows
    ]
    if args.format == "json":
        print_json(entries)
        return 0
    if not entries:
        print(tr(lang, "No meeting has been recorded"))
        return 0
    heads = ["ID", "held_on", "title", "actions", "open_items"]
    body = [
        [str(e["id"]), e["held_on"], e["title"] or "—", str(e["actions"]), str(e["open_actions"])]
        for e in entries
    ]
    print(render([label(h, lang) for h in heads], body))
    return 0


def run_action(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker meeting action MEETING CODE DESCRIPTION --owner WHO --due DATE`."""
    meeting = record_number("MEETING", args.meeting, MEETING_NUMBER)
    due = deadline_arg("--due", args.due, settings)
    assert due is not None  # --due is required
    action = service(settings).add_action(meeting, args.code, args.description, args.owner, due)
    print(
        tr(
            settings.lang,
            "Action #{id} recorded: {owner}, due {due}",
            id=action.id,
            owner=action.owner,
            due=action.due.isoformat(),
        )
    )
    return 0


def run_done(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker meeting done ACTION [--on DATE]`."""
    ident = record_number("ACTION", args.action, ACTION_NUMBER)
    on = day_arg("--on", args.on, settings)
    service(settings).finish_action(ident, on)
    print(tr(settings.lang, "Action #{id} done on {day}", id=ident, day=on.isoformat()))
    return 0


def run_actions(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker meeting actions [--open] [--project CODE]`."""
    from tracker.cli.record_args import project_row
    from tracker.reports.meeting_agenda import action_entry
    from tracker.store.read.escalation_reads import actions

    lang = settings.lang
    with reader(settings) as conn:
        code = None if args.project is None else project_row(conn, args.project)["code"]
        rows = actions(conn, open_only=args.open, code=code)
    entries = [action_entry(r, settings.today, lang) for r in rows]
    if args.format == "json":
        print_json(entries)
        return 0
    if not entries:
        print(tr(lang, "No action"))
        return 0
    heads = ["ID", "meeting", "code", "action", "owner", "due", "done"]
    body = [
        [
            str(e["id"]),
            f"#{e['meeting']} {e['meeting_on']}",
            e["project"],
            e["description"],
            e["owner"],
            e["due_text"] + (" !" if e["overdue"] else ""),
            e["done_on"] or "—",
        ]
        for e in entries
    ]
    print(render([label(h, lang) for h in heads], body))
    return 0
