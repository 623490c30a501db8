"""`tracker alerts`: every alert, worst first, each with its evidence and threshold."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tracker.alerts.rules import RULES
from tracker.cli.remind import check_project
from tracker.cli.shared import print_json, reader
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import LIGHT_MARKS, label, name_in

if TYPE_CHECKING:
    import argparse

    from tracker.config.run import Settings

_FAIL_ON = {"red": ("red",), "amber": ("red", "amber")}


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `alerts`."""
    parser = sub.add_parser(
        "alerts",
        help=tr(lang, "alerts, worst first, explained"),
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--project", help=tr(lang, "only this project (code)"))
    parser.add_argument(
        "--fail-on",
        choices=("red", "amber"),
        help=tr(lang, "exit status 1 when an alert of this severity or worse exists"),
    )
    parser.set_defaults(run=run_alerts)


def alert_entry(alert: Any) -> dict[str, Any]:
    """One alert in the stable JSON shape of `tracker alerts --format json`."""
    return {
        "rule": alert.rule,
        "severity": alert.severity,
        "project": alert.project,
        "project_name": alert.project_name,
        "item": alert.item,
        "record": alert.record,
        "record_id": alert.record_id,
        "due": None if alert.due is None else alert.due.isoformat(),
        "evidence": alert.evidence,
        "threshold": alert.threshold,
    }


def text_lines(alerts: list[Any], lang: str) -> str:
    """The alerts as text, two lines each: mark, project, rule and item; evidence and threshold."""
    rules = {rule: label(rule, lang) for rule in RULES}
    marks = LIGHT_MARKS
    said = label("threshold", lang)
    # Unpacked rather than read by attribute name: a large portfolio has tens of thousands.
    lines = [
        f"{marks[severity]}  {project}  {rules[rule]}  {name_in(lang, item, item_en)}\n"
        f"     {evidence}  [{said}: {threshold}]\n"
        for rule, severity, project, _, item, evidence, threshold, _, _, _, item_en, _ in alerts
    ]
    return "".join(lines)


def run_alerts(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker alerts`."""
    from tracker.alerts.facts import load_alerts
    from tracker.config.settings_file import settings_for

    thresholds = settings_for(settings).alerts
    lang = settings.lang
    with reader(settings) as conn:
        check_project(conn, args.project)
        alerts = load_alerts(conn, settings.today, thresholds, lang=lang, project=args.project)
    if args.format == "json":
        print_json([alert_entry(a) for a in alerts])
    elif alerts:
        sys.stdout.write(text_lines(alerts, lang))
    failing = _FAIL_ON.get(args.fail_on or "", ())
    return 1 if any(a.severity in failing for a in alerts) else 0
