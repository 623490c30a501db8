"""`tracker escalate [issue|list|answer|close]`: the escalation ladder (督办升级, issue #17).

Bare `tracker escalate` lists the steps due today with the evidence that triggered them; the
actions keep the ledger of instruments issued: open → answered → closed out (销号).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker.cli.milestones import day_arg
from tracker.cli.record_args import examples, project_row, record_number
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.core.textable import render
from tracker.i18n.catalogue import N_, tr
from tracker.i18n.glossary import label, name_in
from tracker.store.opening import service
from tracker.store.read.escalation_reads import state_of

if TYPE_CHECKING:
    from tracker.alerts.escalation import DueStep
    from tracker.config.escalation_ladder import Rung


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `escalate` and its actions."""
    parser = sub.add_parser(
        "escalate",
        help=tr(lang, "the escalation ladder: steps due, instruments issued, answered, closed"),
        **examples(
            lang,
            "tracker escalate",
            "tracker escalate issue YH-SPORTS --number 余发改督〔2026〕12号 --to 区体育局 "
            "--due +10d",
            "tracker escalate list --open",
            "tracker escalate close 3",
            dates=True,
        ),
    )
    parser.add_argument("--project", help=tr(lang, "only this project (code)"))
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=run_due)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))

    issue = actions.add_parser(
        "issue",
        help=tr(lang, "record an instrument issued to a project (提醒, 督办函, 约谈)"),
        **examples(
            lang,
            "tracker escalate issue YH-SPORTS --number 余发改督〔2026〕12号 --to 区体育局 "
            "--due 2026-12-15",
            "tracker escalate issue YH-ARTS --step interview_head --to 区文广旅体局 --on -2d",
            dates=True,
        ),
    )
    issue.add_argument("code", help=tr(lang, "project code"))
    issue.add_argument(
        "--step", help=tr(lang, "the ladder's step (default: the step due for the project)")
    )
    issue.add_argument(
        "--number", help=tr(lang, "the instrument's number, e.g. 余发改督〔2026〕12号")
    )
    issue.add_argument("--to", required=True, help=tr(lang, "the addressee"))
    issue.add_argument(
        "--due", help=tr(lang, "the response deadline (default: the step's response days)")
    )
    issue.add_argument("--on", help=tr(lang, "the day issued (default today)"))
    issue.set_defaults(run=run_issue)

    listing = actions.add_parser("list", help=tr(lang, "the ledger of instruments issued"))
    listing.add_argument("--project", help=tr(lang, "only this project (code)"))
    listing.add_argument("--open", action="store_true", help=tr(lang, "only those not closed out"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_list)

    answer = actions.add_parser("answer", help=tr(lang, "record the answer to an instrument"))
    answer.add_argument("id", metavar="ID", help=tr(lang, "the instrument's number in the list"))
    answer.add_argument("--on", help=tr(lang, "the day answered (default today)"))
    answer.add_argument("--note", help=tr(lang, "what the answer said"))
    answer.set_defaults(run=run_answer)

    close = actions.add_parser("close", help=tr(lang, "close an instrument out (销号)"))
    close.add_argument("id", metavar="ID", help=tr(lang, "the instrument's number in the list"))
    close.add_argument("--on", help=tr(lang, "the day closed out (default today)"))
    close.set_defaults(run=run_close)


def _ladder(settings: Settings) -> tuple[Rung, ...]:
    from tracker.config.escalation_ladder import escalation_ladder
    from tracker.config.settings_file import settings_for

    return escalation_ladder(settings_for(settings).sections)


def due_now(settings: Settings, code: str | None, lang: str | None = None) -> list[DueStep]:
    """The steps due today (of one project), from the settings file's ladder and thresholds,
    worded in `lang` (the run's language)."""
    from tracker.alerts.escalation_facts import load_due_steps
    from tracker.config.settings_file import settings_for

    found = settings_for(settings)
    ladder = _ladder(settings)
    with reader(settings) as conn:
        if code is not None:
            code = project_row(conn, code)["code"]
        return load_due_steps(
            conn, settings.today, ladder, found.alerts, lang=lang or settings.lang, project=code
        )


def step_entry(step: DueStep, lang: str) -> dict[str, Any]:
    """One step due in the JSON contract."""
    return {
        "project": step.project.code,
        "project_name": name_in(lang, step.project.name, step.project.name_en),
        "step": step.rung.key,
        "instrument": step.rung.instrument,
        "instrument_name": label(f"instrument_{step.rung.instrument}", lang),
        "since": step.since.isoformat(),
        "response_days": step.rung.response_days,
        "evidence": [
            {
                "kind": e.kind,
                "on": e.on.isoformat(),
                "text": e.text,
                "record": e.record,
                "record_id": e.record_id,
            }
            for e in step.evidence
        ],
    }


def run_due(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker escalate [--project CODE]`: the steps due today."""
    lang = settings.lang
    steps = due_now(settings, args.project)
    if args.format == "json":
        print_json([step_entry(s, lang) for s in steps])
        return 0
    if not steps:
        print(tr(lang, "No step of the escalation ladder is due"))
        return 0
    heads = ["code", "name", "instrument", "since", "evidence"]
    body = [
        [
            s.project.code,
            name_in(lang, s.project.name, s.project.name_en),
            label(f"instrument_{s.rung.instrument}", lang),
            s.since.isoformat(),
            "; ".join(e.text for e in s.evidence),
        ]
        for s in steps
    ]
    print(render([label(h, lang) for h in heads], body))
    return 0


def instrument_id(text: str) -> int:
    """An instrument's number in the ledger typed on the command line (3 or #3)."""
    return record_number("ID", text, N_("the number of an instrument in `tracker escalate list`"))


def run_issue(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker escalate issue CODE --to ADDRESSEE [--number] [--due] [--on] [--step]`."""
    from datetime import timedelta

    from tracker.config.escalation_ladder import find_rung
    from tracker.core.jsontext import dumps

    lang = settings.lang
    ladder = _ladder(settings)
    due = due_now(settings, args.code)
    on = day_arg("--on", args.on, settings)
    if args.step is not None:
        rung = find_rung(ladder, args.step)
    elif due:
        rung = due[0].rung
    else:
        raise InputError(
            "--step",
            "",
            "a step of the ladder (none is due for {code} today): {choices}",
            code=args.code.upper(),
            choices=", ".join(r.key for r in ladder),
        )
    evidence = _recorded_evidence(settings, args.code, rung, due)
    by = day_arg("--due", args.due, settings) if args.due else on + timedelta(rung.response_days)
    record = service(settings).issue_instrument(
        args.code,
        rung,
        number=args.number,
        addressee=args.to,
        due=by,
        on=on,
        evidence=dumps(evidence),
    )
    print(
        tr(
            lang,
            "Issued {instrument} {number} to {addressee}, answer due {due} (#{id})",
            instrument=label(f"instrument_{rung.instrument}", lang),
            number=record.number or "",
            addressee=record.addressee,
            due=record.due.isoformat(),
            id=record.id,
        )
    )
    return 0


def _recorded_evidence(
    settings: Settings, code: str, rung: Rung, due: list[DueStep]
) -> list[dict[str, Any]]:
    """The evidence of the step issued as the ledger keeps it: each fact worded in both
    languages (`texts`), so that its letter can be written in either."""
    mine = [s for s in due if s.rung.key == rung.key]
    if not mine:
        return []
    entries = step_entry(mine[0], settings.lang)["evidence"]
    for entry in entries:
        entry["texts"] = {settings.lang: entry["text"]}
    for lang in ("en", "zh"):
        if lang == settings.lang:  # worded already
            continue
        again = [s for s in due_now(settings, code, lang) if s.rung.key == rung.key]
        texts = [e.text for e in again[0].evidence] if again else []
        for entry, text in zip(entries, texts, strict=False):
            entry.setdefault("texts", {})[lang] = text
    return entries


def ledger_entry(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """One instrument of the ledger in the JSON contract."""
    import json

    def day(value: Any) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "id": row["id"],
        "project": row["code"],
        "project_name": name_in(lang, row["project_name"], row["project_name_en"]),
        "step": row["step"],
        "instrument": row["instrument"],
        "instrument_name": label(f"instrument_{row['instrument']}", lang),
        "number": row["number"],
        "addressee": row["addressee"],
        "issued_on": day(row["issued_on"]),
        "due": day(row["due"]),
        "state": state_of(row),
        "answered_on": day(row["answered_on"]),
        "answer": row["answer"],
        "closed_on": day(row["closed_on"]),
        "closed_by": row["closed_by"],
        "evidence": json.loads(row["evidence"] or "[]"),
        "illustrative": bool(row["illustrative"]),
    }


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker escalate list [--project CODE] [--open]`."""
    from tracker.store.read.escalation_reads import ledger

    lang = settings.lang
    with reader(settings) as conn:
        code = None if args.project is None else project_row(conn, args.project)["code"]
        rows = ledger(conn, code, open_only=args.open)
    if args.format == "json":
        print_json([ledger_entry(r, lang) for r in rows])
        return 0
    if not rows:
        print(tr(lang, "No instrument has been issued"))
        return 0
    heads = ["ID", "code", "instrument", "number", "addressee", "issued_on", "response_due"]
    body = [
        [
            str(r["id"]),
            r["code"],
            label(f"instrument_{r['instrument']}", lang),
            r["number"] or "—",
            r["addressee"],
            r["issued_on"].isoformat(),
            r["due"].isoformat()
            + (" !" if state_of(r) == "open" and r["due"] < settings.today else ""),
            label(f"state_{state_of(r)}", lang),
        ]
        for r in rows
    ]
    print(render([label(h, lang) for h in [*heads, "ledger_state"]], body))
    return 0


def run_answer(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker escalate answer ID [--on DATE] [--note TEXT]`."""
    ident = instrument_id(args.id)
    on = day_arg("--on", args.on, settings)
    service(settings).answer_instrument(ident, on, args.note)
    print(tr(settings.lang, "Recorded the answer to #{id} on {day}", id=ident, day=on.isoformat()))
    return 0


def run_close(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker escalate close ID [--on DATE]`."""
    ident = instrument_id(args.id)
    on = day_arg("--on", args.on, settings)
    service(settings).close_instrument(ident, on)
    print(tr(settings.lang, "Closed out #{id} on {day} (销号)", id=ident, day=on.isoformat()))
    return 0
