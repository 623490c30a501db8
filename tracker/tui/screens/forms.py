"""The edit forms: done, forecast, add milestone, status update, month's investment, problem.

Each is a Form (form.py) whose fields say what they understood, saved through the Service.
open_form reads the record in a worker first, so a form knows the version it is based on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.core.dates import (
    DateInputError,
    Deadline,
    Precision,
    parse_day,
    parse_deadline,
    typed_text,
)
from tracker.core.errors import InputError
from tracker.core.light_words import LIGHT_WORDS
from tracker.core.money import AmountInputError, format_yuan_full, parse_amount, to_cents
from tracker.i18n.catalogue import ntr, tr
from tracker.i18n.glossary import label
from tracker.reports.formatting import money
from tracker.tui import formats
from tracker.tui.refusals import input_problem
from tracker.tui.screens.form import Field, FieldError, Form

if TYPE_CHECKING:
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp


def read_deadline(
    lang: str, today: date, *, optional: bool, empty: str = ""
) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a deadline: "2027年3月 → due 2027-03-31"."""

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            if optional:
                return None, empty or tr(lang, "optional")
            raise FieldError(tr(lang, "required"))
        try:
            deadline = parse_deadline(text, today)
        except DateInputError as error:
            raise FieldError(input_problem(error, lang)) from None
        return (
            deadline,
            f"{deadline.label(lang)} → {label('due', lang)} {deadline.due.isoformat()}",
        )

    return read


def read_day(lang: str, today: date) -> Callable[[str], tuple[Any, str]]:
    """A field reader for one day (the day something was done)."""

    def read(text: str) -> tuple[Any, str]:
        try:
            day = parse_day(text, today)
        except DateInputError as error:
            raise FieldError(input_problem(error, lang)) from None
        return day, f"→ {Deadline(day, Precision.DAY).label(lang)} ({day.isoformat()})"

    return read


def read_text(lang: str, *, optional: bool) -> Callable[[str], tuple[Any, str]]:
    """A field reader for free text."""

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            if optional:
                return None, tr(lang, "optional")
            raise FieldError(tr(lang, "required"))
        return text.strip(), "✓"

    return read


def read_amount(lang: str, *, optional: bool) -> Callable[[str], tuple[Any, str]]:
    """A field reader for money: "95亿 → 9,500,000,000 yuan (95.00亿元)"."""

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            if optional:
                return None, tr(lang, "optional")
            raise FieldError(tr(lang, "required"))
        try:
            cents = to_cents(parse_amount(text))
        except AmountInputError as error:
            raise FieldError(input_problem(error, lang)) from None
        full = format_yuan_full(cents).removesuffix(" yuan")
        return cents, tr(
            lang,
            "{text} → {full} yuan ({amount})",
            text=text.strip(),
            full=full,
            amount=money(cents, "CNY", lang),
        )

    return read


def read_lead_days(lang: str) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a reminder lead time in days (0–3650)."""

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            return None, tr(lang, "optional")
        value = text.strip()
        if not value.isdigit() or not 0 <= int(value) <= 3650:
            raise FieldError(f"{value!r}: 0–3650")
        return int(value), ntr(lang, "{n} day", "{n} days", int(value))

    return read


def read_light(lang: str) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a light: g / a / r, green / amber / red, 绿 / 黄 / 红."""

    def read(text: str) -> tuple[Any, str]:
        light = LIGHT_WORDS.get(text.strip().lower())
        if light is None:
            raise FieldError(f"{text!r}: {tr(lang, 'g, a, r, green, amber or red')}")
        return light, f"→ {formats.light_mark(light, lang)} {label(light, lang)}"

    return read


def read_month(lang: str, today: date) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a month (2026-11, 2026年11月)."""

    def read(text: str) -> tuple[Any, str]:
        try:
            deadline = parse_deadline(text, today)
        except DateInputError as error:
            raise FieldError(input_problem(error, lang)) from None
        if deadline.precision is not Precision.MONTH:
            raise FieldError(f"{text!r}: {tr(lang, 'month (e.g. 2026-11)')}")
        return (deadline.due.year, deadline.due.month), f"→ {deadline.label(lang)}"

    return read


# -- the forms ---------------------------------------------------------------------------------


def last_write(app: TrackerApp, code: str, record: str, record_id: int) -> str:
    """Who last changed a record, when, and what they wrote, by the audit trail (blocking)."""
    changes = app.ledger.last_write(code, record, record_id)
    if not changes:
        return ""
    from tracker.config.office_time import time_zone
    from tracker.views.audit_trail import moment_text, zone_name

    tz = time_zone(None)
    written = ", ".join(f"{label(c['field'], app.lang)} = {c['new'] or '—'}" for c in changes)
    return tr(
        app.lang,
        "Changed by {author} at {when}: {written}",
        author=changes[0]["author"],
        when=f"{moment_text(changes[0]['at'], tz)} ({zone_name(tz)})",
        written=written,
    )


def milestone_name(m: dict[str, Any], lang: str) -> str:
    """A milestone's name as the user reads it."""
    return formats.named(m, lang)


def milestone_context(m: dict[str, Any], lang: str) -> str:
    """What a milestone holds now, shown at the top of its forms."""
    return (
        f"{label('milestone', lang)}: {formats.named(m, lang)}   "
        f"{label('baseline', lang)} "
        f"{formats.deadline(m['baseline'], m['baseline_precision'], lang)}"
        f"   {label('forecast', lang)} "
        f"{formats.deadline(m['forecast'], m['forecast_precision'], lang)}"
        f"   {label('done', lang)} {formats.deadline(m['done'], m['done_precision'], lang)}"
    )


def milestone_form(app: TrackerApp, kind: str, code: str, milestone: dict[str, Any]) -> Form:
    """`d` (done, default today) or `e` (forecast) on one milestone, at its current version."""
    lang, today = app.lang, app.today()
    state = {"version": milestone["version"]}
    ref = milestone["id"]

    def reload() -> tuple[str, str]:
        fresh = app.ledger.milestone(code, ref)
        state["version"] = fresh["version"]
        now = f"{milestone_context(fresh, lang)}\n{tr(lang, 'now holds')} · v{fresh['version']}"
        return now, last_write(app, code, "milestone", ref)

    if kind == "done":
        fields = [Field("on", tr(lang, "done on"), read_day(lang, today), today.isoformat())]

        def save(service: Service, values: dict[str, Any]) -> object:
            return service.mark_done(code, ref, values["on"], expected_version=state["version"])

        title = tr(lang, "Mark milestone done")
    else:
        current = typed_text(milestone["forecast"], milestone["forecast_precision"])
        clears = tr(lang, "clears the forecast; the baseline counts")
        reader = read_deadline(lang, today, optional=True, empty=clears)
        fields = [Field("forecast", label("forecast", lang), reader, current)]

        def save(service: Service, values: dict[str, Any]) -> object:
            return service.set_forecast(
                code, ref, values["forecast"], expected_version=state["version"]
            )

        title = tr(lang, "Change forecast")
    name = formats.named(milestone, lang)
    context = milestone_context(milestone, lang)
    if kind == "done" and milestone["done"] is not None:
        context += "\n" + tr(
            lang,
            "Already done on {day}: this form will not overwrite it; o reopens the milestone.",
            day=milestone["done"].isoformat(),
        )
    return Form(f"{title} · {name}", code, context, fields, save, reload, record=name)


def add_milestone_form(app: TrackerApp, code: str) -> Form:
    """`a`: a new milestone with its name, baseline, forecast, owner and lead time."""
    lang, today = app.lang, app.today()
    fields = [
        Field("name", tr(lang, "milestone name"), read_text(lang, optional=False)),
        Field("baseline", label("baseline", lang), read_deadline(lang, today, optional=True)),
        Field("forecast", label("forecast", lang), read_deadline(lang, today, optional=True)),
        Field("owner", label("owner", lang), read_text(lang, optional=True)),
        Field("lead", tr(lang, "lead days"), read_lead_days(lang)),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        return service.add_milestone(
            code,
            values["name"],
            baseline=values["baseline"],
            forecast=values["forecast"],
            owner=values["owner"],
            lead_days=values["lead"],
        )

    return Form(tr(lang, "Add milestone"), code, "", fields, save)


def status_form(app: TrackerApp, code: str, light: str | None) -> Form:
    """`u`: a dated status update with its light and narrative."""
    lang, today = app.lang, app.today()
    fields = [
        Field(
            "light",
            tr(lang, "light (g green / a amber / r red)"),
            read_light(lang),
            (light or "")[:1],
        ),
        Field(
            "narrative",
            tr(lang, "narrative (several lines; ctrl+s saves)"),
            read_text(lang, optional=False),
            multiline=True,
        ),
        Field("on", tr(lang, "date"), read_day(lang, today), today.isoformat()),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        from tracker.store.model import Light

        return service.add_status(
            code, Light(values["light"]), values["narrative"], on=values["on"]
        )

    return Form(tr(lang, "Add status update"), code, "", fields, save, record=tr(lang, "Status"))


def investment_form(
    app: TrackerApp, code: str, reports: list[dict[str, Any]], currency: str
) -> Form:
    """`i`: the investment completed in one month (a month already recorded is corrected)."""
    lang, today = app.lang, app.today()
    recorded = {(r["year"], r["month"]): r for r in reports}
    month_reader = read_month(lang, today)

    def read_month_with_current(text: str) -> tuple[Any, str]:
        value, echo = month_reader(text)
        report = recorded.get(value)
        if report is None:
            return value, f"{echo} · {tr(lang, 'new record')}"
        amount = money(report["amount_cents"], currency, lang)
        return value, f"{echo} · {tr(lang, 'already recorded')} {amount}"

    fields = [
        Field(
            "month",
            tr(lang, "month (e.g. 2026-11)"),
            read_month_with_current,
            f"{today.year}-{today.month:02d}",
        ),
        Field("amount", tr(lang, "amount"), read_amount(lang, optional=False)),
        Field("funds", tr(lang, "funds in place"), read_amount(lang, optional=True)),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        year, month = values["month"]
        funds = values["funds"]
        if funds is None and (year, month) in recorded:
            funds = recorded[(year, month)]["funds_in_place_cents"]
        return service.record_investment(
            code, year, month, values["amount"], funds_in_place_cents=funds
        )

    return Form(tr(lang, "Record a month's investment"), code, "", fields, save)


def resolve_form(app: TrackerApp, code: str, problem: dict[str, Any]) -> Form:
    """`p` on an open problem: the day it was resolved, at the problem's current version."""
    lang, today = app.lang, app.today()
    state = {"version": problem["version"]}
    ref = problem["id"]

    def reload() -> tuple[str, str]:
        fresh = app.ledger.problem(code, ref)
        state["version"] = fresh["version"]
        resolved = formats.deadline(fresh["resolved"], "day", lang)
        now = f"{tr(lang, 'now holds')}: {tr(lang, 'resolved')} {resolved}"
        return f"{fresh['description']}\n{now}", last_write(app, code, "problem", ref)

    fields = [Field("on", tr(lang, "resolved"), read_day(lang, today), today.isoformat())]

    def save(service: Service, values: dict[str, Any]) -> object:
        return service.resolve_problem(code, ref, values["on"], expected_version=state["version"])

    description = problem["description"]
    title = f"{tr(lang, 'Resolve problem')} · {description}"
    return Form(title, code, description, fields, save, reload, record=description)


def build_form(app: TrackerApp, kind: str, code: str, record_id: int | None) -> Form:
    """Read what the form needs (blocking: call from a worker) and build it."""
    from tracker.tui.screens import record_forms

    if kind == "project":
        return record_forms.project_form(app)
    if kind in ("done", "forecast", "rename"):
        if record_id is None:
            raise InputError("milestone", None, "a selected milestone")
        milestone = app.ledger.milestone(code, record_id)
        if kind == "rename":
            return record_forms.rename_form(app, code, milestone)
        return milestone_form(app, kind, code, milestone)
    if kind == "resolve":
        if record_id is None:
            raise InputError("problem", None, "a selected problem")
        return resolve_form(app, code, app.ledger.problem(code, record_id))
    if kind == "milestone":
        return add_milestone_form(app, code)
    if kind == "approval" and record_id is not None:
        from tracker.tui.screens.approval_tab import approval_form

        return approval_form(app, code, app.ledger.approval(code, record_id))
    if kind == "problem":
        from tracker.tui.screens.steering_forms import problem_form

        return problem_form(app, code)
    file = app.ledger.project_file(code)
    if kind == "status":
        return status_form(app, code, file.statuses[0]["light"] if file.statuses else None)
    if kind == "investment":
        return investment_form(app, code, file.reports, file.project["currency"] or "CNY")
    if kind == "plan":
        return record_forms.plan_form(app, code, file.plans, file.project["currency"] or "CNY")
    if kind == "facts":
        return record_forms.facts_form(app, code, file.project)
    raise InputError("form", kind, "a form of the project screen or the dashboard")
