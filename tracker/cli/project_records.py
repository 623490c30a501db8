"""`tracker project add|set|list`, `tracker plan set` and `tracker invest`: a project's facts,
its annual plan and its monthly investment, every write through the service."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg, deadline_arg
from tracker.cli.record_args import amount_arg, examples, year_arg
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.i18n.catalogue import N_, tr
from tracker.i18n.glossary import label
from tracker.store.opening import service

TEXT_FIELDS: tuple[tuple[str, str | None], ...] = (
    ("name", N_("Chinese name")),
    ("name_en", N_("English name")),
    ("unit", N_("responsible unit (责任单位)")),
    ("officer", N_("officer in charge (责任人)")),
    ("owner_org", N_("owner organisation (业主单位)")),
    ("location", None),
    ("scale", N_("scale (建设规模)")),
    ("sources", None),
    ("notes", None),
)
DEADLINE_FIELDS = ("baseline_start", "baseline_finish", "forecast_finish")
DAY_FIELDS = ("actual_start", "actual_finish")


def _option(field: str) -> str:
    return "--" + field.replace("_", "-")


def register_project(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `project add|set|list`."""
    parser = sub.add_parser("project", help=tr(lang, "a project's facts: add, set, list"))
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    add = actions.add_parser(
        "add",
        help=tr(lang, "add a project"),
        **examples(
            lang,
            "tracker project add YH-POOL --name 区游泳馆 --category sports --stage design",
            "tracker project add YH-POOL --name 区游泳馆 --total-investment 3.2亿 "
            "--baseline-finish 2028年6月",
            dates=True,
            money=True,
        ),
    )
    add.add_argument("code", help=tr(lang, "project code"))
    _fields(add, lang)
    add.set_defaults(run=run_add)
    setter = actions.add_parser(
        "set",
        help=tr(lang, "change a project's facts"),
        **examples(
            lang,
            "tracker project set YH-SPORTS --unit 区体育局 --officer 王伟",
            "tracker project set YH-SPORTS --stage construction --actual-start 2025-03-01",
            dates=True,
            money=True,
        ),
    )
    setter.add_argument("code", help=tr(lang, "project code"))
    _fields(setter, lang)
    setter.add_argument(
        "--version",
        type=int,
        dest="expected_version",
        help=tr(lang, "the record version this change is based on (refused if stale)"),
    )
    setter.set_defaults(run=run_set)
    listing = actions.add_parser(
        "list",
        help=tr(lang, "list every project"),
        **examples(lang, "tracker project list", "tracker project list --format csv"),
    )
    listing.add_argument("--format", choices=("table", "json", "csv"), default="table")
    listing.set_defaults(run=run_list)


def _fields(parser: argparse.ArgumentParser, lang: str) -> None:
    for field, words in TEXT_FIELDS:
        shown = label(field, lang) if words is None else tr(lang, words)
        parser.add_argument(_option(field), dest=field, help=shown)
    parser.add_argument("--category", help=tr(lang, "category, e.g. sports, culture, health"))
    parser.add_argument("--stage", help=tr(lang, "stage, e.g. design, construction, in_use"))
    parser.add_argument("--total-investment", help=tr(lang, "total investment (总投资)"))
    parser.add_argument("--currency", help=tr(lang, "currency: CNY or GBP"))
    for field in (*DEADLINE_FIELDS, *DAY_FIELDS):
        parser.add_argument(_option(field), dest=field, help=label(field, lang))


def _choice(field: str, text: str, values: tuple[str, ...]) -> str:
    """A stage or category typed as its value or its label in either language."""
    words = {v: v for v in values}
    for lang in ("en", "zh"):
        words |= {label(v, lang).casefold(): v for v in values}
    found = words.get(text.strip().casefold())
    if found is None:
        raise InputError(_option(field), text, ", ".join(values))
    return found


def _changes(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from tracker.store.model import CATEGORIES, Stage
    from tracker.store.write.service import deadline_fields

    service_today = settings.today
    changes: dict[str, Any] = {}
    for field, _words in TEXT_FIELDS:
        value = getattr(args, field)
        if value is not None:
            changes[field] = value.strip() or None
    if args.category is not None:
        changes["category"] = _choice("category", args.category, CATEGORIES)
    if args.stage is not None:
        changes["stage"] = _choice("stage", args.stage, tuple(s.value for s in Stage))
    if args.total_investment is not None:
        changes["total_investment_cents"] = amount_arg("--total-investment", args.total_investment)
    if args.currency is not None:
        if args.currency.upper() not in ("CNY", "GBP"):
            raise InputError("--currency", args.currency, "CNY or GBP")
        changes["currency"] = args.currency.upper()
    for field in DEADLINE_FIELDS:
        text = getattr(args, field)
        if text is not None:
            changes |= deadline_fields(field, deadline_arg(_option(field), text, settings))
    for field in DAY_FIELDS:
        text = getattr(args, field)
        if text is not None:
            day = day_arg(_option(field), text, settings)
            if day > service_today:
                raise InputError(
                    _option(field),
                    text,
                    "a day not after today, {today}",
                    today=service_today.isoformat(),
                )
            changes[field] = day
    return changes


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker project add CODE --name NAME …`."""
    changes = _changes(args, settings)
    if not changes.get("name"):
        raise InputError("--name", args.name or "", "the project's name")
    project = service(settings).create_project({"code": args.code.strip(), **changes})
    print(tr(settings.lang, "Added project {code}: {name}", code=project.code, name=project.name))
    return 0


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker project set CODE --field VALUE …`."""
    changes = _changes(args, settings)
    if not changes:
        raise InputError("project set", args.code, "at least one field to change, e.g. --unit")
    written = service(settings).update_project(
        args.code, changes, expected_version=args.expected_version
    )
    _print_changes(written, settings.lang)
    return 0


def _print_changes(written: list[Any], lang: str) -> None:
    if not written:
        print(tr(lang, "No change"))
    for change in written:
        if change.field.endswith("_precision"):
            continue
        print(
            tr(
                lang,
                "{field}: {old} → {new}",
                field=label(change.field, lang),
                old=change.old or "—",
                new=change.new or "—",
            )
        )


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker project list` (the same as `tracker projects`)."""
    from tracker.cli.projects import run_projects

    return run_projects(args, settings)


def register_plan(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `plan set`."""
    parser = sub.add_parser("plan", help=tr(lang, "annual investment plans (年度计划投资)"))
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    setter = actions.add_parser(
        "set",
        help=tr(lang, "set a year's planned investment and progress target"),
        **examples(
            lang,
            "tracker plan set YH-SPORTS 2027 1.2亿 --target 主体结构封顶",
            "tracker plan set YH-SPORTS 2027 120,000,000",
            money=True,
        ),
    )
    setter.add_argument("code", help=tr(lang, "project code"))
    setter.add_argument("year", help=tr(lang, "year"))
    setter.add_argument("amount", help=tr(lang, "planned investment"))
    setter.add_argument("--target", help=tr(lang, "physical-progress target (形象进度目标)"))
    setter.set_defaults(run=run_plan)


def run_plan(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker plan set CODE YEAR AMOUNT [--target TEXT]`."""
    year = year_arg("year", args.year)
    amount = amount_arg("amount", args.amount)
    service(settings).set_plan(args.code, year, amount, progress_target=args.target)
    print(tr(settings.lang, "Plan for {year} recorded", year=year))
    return 0


def register_invest(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `invest`."""
    parser = sub.add_parser(
        "invest",
        help=tr(lang, "record a month's completed investment (完成投资)"),
        **examples(
            lang,
            "tracker invest YH-SPORTS 2026-11 1,200万 --funds 800万",
            "tracker invest YH-SPORTS 2026年10月 9500000",
            money=True,
        ),
    )
    parser.add_argument("code", help=tr(lang, "project code"))
    parser.add_argument("month", help=tr(lang, "month (e.g. 2026-11)"))
    parser.add_argument("amount", help=tr(lang, "amount"))
    parser.add_argument("--funds", help=tr(lang, "funds in place (到位资金)"))
    parser.set_defaults(run=run_invest)


def run_invest(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker invest CODE MONTH AMOUNT [--funds AMOUNT]`: a month already recorded is
    corrected, and the command says what it held before."""
    from tracker.core.dates import Precision
    from tracker.core.money import format_amount
    from tracker.store.write.service import KEEP

    month = deadline_arg("month", args.month, settings)
    if month is None or month.precision is not Precision.MONTH:
        raise InputError("month", args.month, "a month such as 2026-11 or 2026年11月")
    if (month.due.year, month.due.month) > (settings.today.year, settings.today.month):
        raise InputError(
            "month",
            args.month,
            "a month not after today, {today}",
            today=settings.today.isoformat(),
        )
    amount = amount_arg("amount", args.amount)
    funds = KEEP if args.funds is None else amount_arg("--funds", args.funds)
    report, before = service(settings).record_month(
        args.code, month.due.year, month.due.month, amount, funds_in_place_cents=funds
    )
    lang, currency = settings.lang, "CNY"
    shown = f"{month.due.year}-{month.due.month:02d}"
    if before is None:
        print(tr(lang, "Investment for {month} recorded", month=shown))
        return 0
    print(
        tr(
            lang,
            "Investment for {month} corrected: {old} → {new} (funds in place {funds_old} → "
            "{funds_new})",
            month=shown,
            old=format_amount(before["amount_cents"], currency, lang),
            new=format_amount(report.amount_cents, currency, lang),
            funds_old=format_amount(before["funds_in_place_cents"], currency, lang),
            funds_new=format_amount(report.funds_in_place_cents, currency, lang),
        )
    )
    return 0
