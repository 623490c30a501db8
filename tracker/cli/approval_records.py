"""`tracker approval add|set|remove|mode`: record a project's approval items (前期手续)."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import deadline_arg
from tracker.cli.record_args import examples
from tracker.cli.shared import reader
from tracker.config.run import Settings
from tracker.core.dates import DateInputError, parse_day
from tracker.core.errors import InputError
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.store.opening import service


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `approval` and its actions."""
    parser = sub.add_parser("approval", help=tr(lang, "approval items: add, record, remove"))
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    step_help = tr(lang, "the template step: its key or name, e.g. feasibility or 可研批复")

    add = actions.add_parser(
        "add",
        help=tr(lang, "add a project's item for a step of the template"),
        **examples(
            lang,
            "tracker approval add YH-ARTS 可研批复 --planned 2026-10 --officer 王伟",
            "tracker approval add YH-ARTS eia --department 区生态环境局 --planned 2026-12-15",
            dates=True,
        ),
    )
    add.add_argument("code", help=tr(lang, "project code"))
    add.add_argument("step", help=step_help)
    add.add_argument("--department", help=tr(lang, "approving department (the template's)"))
    add.add_argument("--officer", help=tr(lang, "the officer who chases it"))
    add.add_argument("--planned", help=tr(lang, "planned approval, e.g. 2026-12"))
    add.add_argument("--note", help=tr(lang, "note"))
    add.set_defaults(run=run_add)

    change = actions.add_parser(
        "set",
        help=tr(lang, "record an item's submission, approval, document number or plan"),
        **examples(
            lang,
            "tracker approval set YH-ARTS 可研批复 --submitted 2026-11-02",
            "tracker approval set YH-ARTS feasibility --approved 2026-11-20 "
            "--number 余发改审批〔2026〕88号",
            dates=True,
        ),
    )
    change.add_argument("code", help=tr(lang, "project code"))
    change.add_argument("step", help=step_help)
    change.add_argument("--planned", help=tr(lang, "planned approval, e.g. 2026-12"))
    change.add_argument("--submitted", help=tr(lang, "day submitted (报送)"))
    change.add_argument("--approved", help=tr(lang, "day approved (批复)"))
    change.add_argument("--number", help=tr(lang, "document number (文号)"))
    change.add_argument("--department", help=tr(lang, "approving department"))
    change.add_argument("--officer", help=tr(lang, "the officer who chases it"))
    change.add_argument("--note", help=tr(lang, "note"))
    change.add_argument(
        "--correct",
        action="store_true",
        help=tr(lang, "change a submitted or approved day already recorded"),
    )
    change.set_defaults(run=run_set)

    remove = actions.add_parser("remove", help=tr(lang, "remove a project's item"))
    remove.add_argument("code", help=tr(lang, "project code"))
    remove.add_argument("step", help=step_help)
    remove.set_defaults(run=run_remove)

    mode = actions.add_parser(
        "mode",
        help=tr(lang, "main line (each step after the one before) or parallel"),
        **examples(lang, "tracker approval mode YH-ARTS parallel"),
    )
    mode.add_argument("code", help=tr(lang, "project code"))
    mode.add_argument("mode", choices=("main-line", "parallel"))
    mode.set_defaults(run=run_mode)


def _steps(settings: Settings) -> Any:
    from tracker.cli.approvals import template

    with reader(settings) as conn:
        return template(settings, conn)


def _day(field: str, text: str | None, settings: Settings) -> Any:
    try:
        return parse_day(text or "", settings.today)
    except DateInputError as error:
        raise InputError(field, text, error.expected) from None


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker approval add CODE STEP`."""
    from tracker.store.write.approval_writes import find_step

    steps = _steps(settings)
    step = find_step(steps, args.step)
    planned = deadline_arg("--planned", args.planned, settings)
    item = service(settings).add_approval(
        args.code,
        step,
        steps,
        department=args.department,
        officer=args.officer,
        planned=planned,
        note=args.note,
    )
    print(
        tr(
            settings.lang,
            "Added approval item {step} ({department})",
            step=item.name,
            department=item.department,
        )
    )
    return 0


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker approval set CODE STEP [--submitted] [--approved] [--number] …`."""
    from tracker.store.write.approval_writes import find_step

    step = find_step(_steps(settings), args.step)
    changes: dict[str, Any] = {}
    if args.planned is not None:
        changes["planned"] = deadline_arg("--planned", args.planned, settings)
    for field in ("submitted", "approved"):
        if getattr(args, field) is not None:
            changes[field] = _day(f"--{field}", getattr(args, field), settings)
    for field in ("number", "department", "officer", "note"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    if not changes:
        raise InputError(
            "approval set",
            args.step,
            "one of --planned, --submitted, --approved, --number, --department, --officer, --note",
        )
    item, before = service(settings).set_approval(
        args.code, step.key, changes, correct=args.correct
    )
    lang = settings.lang
    print(tr(lang, "Recorded approval item {step}", step=item.name))
    for field, held in before.items():
        print(
            tr(
                lang,
                "  {field} corrected: {old} → {new}",
                field=label(field, lang),
                old=held.isoformat(),
                new=getattr(item, field).isoformat(),
            )
        )
    return 0


def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker approval remove CODE STEP`."""
    from tracker.store.write.approval_writes import find_step

    step = find_step(_steps(settings), args.step)
    service(settings).remove_approval(args.code, step.key)
    print(tr(settings.lang, "Removed approval item {step}", step=step.name))
    return 0


def run_mode(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker approval mode CODE main-line|parallel`."""
    service(settings).set_approvals_parallel(args.code, args.mode == "parallel")
    print(
        tr(settings.lang, "Approvals of {code} run in parallel", code=args.code.upper())
        if args.mode == "parallel"
        else tr(settings.lang, "Approvals of {code} follow the main line", code=args.code.upper())
    )
    return 0
