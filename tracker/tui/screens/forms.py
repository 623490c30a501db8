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
from tracker.core.money import (
    AmountInputError,
    format_amount,
    format_yuan_full,
    parse_amount,
    to_cents,
)
from tracker.tui import formats
from tracker.tui.screens.form import Field, FieldError, Form
from tracker.tui.vocabulary import word

if TYPE_CHECKING:
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp

LIGHT_WORDS = {
    "g": "green",
    "green": "green",
    "绿": "green",
    "绿灯": "green",
    "a": "amber",
    "amber": "amber",
    "y": "amber",
    "黄": "amber",
    "黄灯": "amber",
    "r": "red",
    "red": "red",
    "红": "red",
    "红灯": "red",
}


def read_deadline(
    lang: str, today: date, *, optional: bool, empty: str = ""
) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a deadline: "2027年3月 → due 2027-03-31"."""

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            if optional:
                return None, empty or word("optional", lang)
            raise FieldError(word("required", lang))
        try:
            deadline = parse_deadline(text, today)
        except DateInputError as error:
            raise FieldError(str(error)) from None
        return (
            deadline,
            f"{deadline.label(lang)} → {word('due_on', lang)} {deadline.due.isoformat()}",
        )

    return read


def read_day(lang: str, today: date) -> Callable[[str], tuple[Any, str]]:
    """A field reader for one day (the day something was done)."""

    def read(text: str) -> tuple[Any, str]:
        try:
            day = parse_day(text, today)
        except DateInputError as error:
            raise FieldError(str(error)) from None
        return day, f"→ {Deadline(day, Precision.DAY).label(lang)} ({day.isoformat()})"

    return read


def read_text(lang: str, *, optional: bool) -> Callable[[str], tuple[Any, str]]:
    """A field reader for free text."""

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            if optional:
                return None, word("optional", lang)
            raise FieldError(word("required", lang))
        return text.strip(), "✓"

    return read


def read_amount(lang: str, *, optional: bool) -> Callable[[str], tuple[Any, str]]:
    """A field reader for money: "95亿 → 9,500,000,000 yuan (95.00亿元)"."""

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            if optional:
                return None, word("optional", lang)
            raise FieldError(word("required", lang))
        try:
            cents = to_cents(parse_amount(text))
        except AmountInputError as error:
            raise FieldError(str(error)) from None
        full = format_yuan_full(cents)
        if lang == "zh":
            full = full.replace(" yuan", " 元")
        return cents, f"{text.strip()} → {full} ({format_amount(cents, 'CNY', lang)})"

    return read


def read_lead_days(lang: str) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a reminder lead time in days (0–3650)."""

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            return None, word("optional", lang)
        value = text.strip()
        if not value.isdigit() or not 0 <= int(value) <= 3650:
            raise FieldError(f"{value!r}: 0–3650")
        return int(value), f"{int(value)} {word('days', lang)}"

    return read


def read_light(lang: str) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a light: g / a / r, green / amber / red, 绿 / 黄 / 红."""

    def read(text: str) -> tuple[Any, str]:
        light = LIGHT_WORDS.get(text.strip().lower())
        if light is None:
            raise FieldError(f"{text!r}: {word('light_expected', lang)}")
        return light, f"→ {formats.light_mark(light)} {word(light, lang)}"

    return read


def read_month(lang: str, today: date) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a month (2026-11, 2026年11月)."""

    def read(text: str) -> tuple[Any, str]:
        try:
            deadline = parse_deadline(text, today)
        except DateInputError as error:
            raise FieldError(str(error)) from None
        if deadline.precision is not Precision.MONTH:
            raise FieldError(f"{text!r}: {word('month_input', lang)}")
        return (deadline.due.year, deadline.due.month), f"→ {deadline.label(lang)}"

    return read


# -- the forms ---------------------------------------------------------------------------------


def milestone_context(m: dict[str, Any], lang: str) -> str:
    """What a milestone holds now, shown at the top of its forms."""
    return (
        f"{word('milestone', lang)}: {formats.named(m, lang)}   "
        f"{word('baseline', lang)} {formats.deadline(m['baseline'], m['baseline_precision'], lang)}"
        f"   {word('forecast', lang)} "
        f"{formats.deadline(m['forecast'], m['forecast_precision'], lang)}"
        f"   {word('done', lang)} {formats.deadline(m['done'], m['done_precision'], lang)}"
    )


def milestone_form(app: TrackerApp, kind: str, code: str, milestone: dict[str, Any]) -> Form:
    """`d` (done, default today) or `e` (forecast) on one milestone, at its current version."""
    lang, today = app.lang, app.today()
    state = {"version": milestone["version"]}
    ref = milestone["id"]

    def reload() -> str:
        fresh = app.ledger.milestone(code, ref)
        state["version"] = fresh["version"]
        return f"{milestone_context(fresh, lang)}\n{word('now_holds', lang)} · v{fresh['version']}"

    if kind == "done":
        fields = [Field("on", word("done_on", lang), read_day(lang, today), today.isoformat())]

        def save(service: Service, values: dict[str, Any]) -> object:
            return service.mark_done(code, ref, values["on"], expected_version=state["version"])

        title = word("form_done", lang)
    else:
        current = typed_text(milestone["forecast"], milestone["forecast_precision"])
        reader = read_deadline(lang, today, optional=True, empty=word("clears_forecast", lang))
        fields = [Field("forecast", word("forecast", lang), reader, current)]

        def save(service: Service, values: dict[str, Any]) -> object:
            return service.set_forecast(
                code, ref, values["forecast"], expected_version=state["version"]
            )

        title = word("form_forecast", lang)
    return Form(title, code, milestone_context(milestone, lang), fields, save, reload)


def add_milestone_form(app: TrackerApp, code: str) -> Form:
    """`a`: a new milestone with its name, baseline, forecast, owner and lead time."""
    lang, today = app.lang, app.today()
    fields = [
        Field("name", word("milestone_name", lang), read_text(lang, optional=False)),
        Field("baseline", word("baseline", lang), read_deadline(lang, today, optional=True)),
        Field("forecast", word("forecast", lang), read_deadline(lang, today, optional=True)),
        Field("owner", word("owner", lang), read_text(lang, optional=True)),
        Field("lead", word("lead_days", lang), read_lead_days(lang)),
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

    return Form(word("form_milestone", lang), code, "", fields, save)


def status_form(app: TrackerApp, code: str, light: str | None) -> Form:
    """`u`: a dated status update with its light and narrative."""
    lang, today = app.lang, app.today()
    fields = [
        Field("light", word("light_choice", lang), read_light(lang), (light or "")[:1]),
        Field("narrative", word("narrative", lang), read_text(lang, optional=False)),
        Field("on", word("reported_on", lang), read_day(lang, today), today.isoformat()),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        from tracker.store.model import Light

        return service.add_status(
            code, Light(values["light"]), values["narrative"], on=values["on"]
        )

    return Form(word("form_status", lang), code, "", fields, save)


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
            return value, f"{echo} · {word('new_record', lang)}"
        amount = formats.money(report["amount_cents"], lang, currency)
        return value, f"{echo} · {word('current_value', lang)} {amount}"

    fields = [
        Field(
            "month",
            word("month_input", lang),
            read_month_with_current,
            f"{today.year}-{today.month:02d}",
        ),
        Field("amount", word("amount", lang), read_amount(lang, optional=False)),
        Field("funds", word("funds_in_place", lang), read_amount(lang, optional=True)),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        year, month = values["month"]
        funds = values["funds"]
        if funds is None and (year, month) in recorded:
            funds = recorded[(year, month)]["funds_in_place_cents"]
        return service.record_investment(
            code, year, month, values["amount"], funds_in_place_cents=funds
        )

    return Form(word("form_investment", lang), code, "", fields, save)


def problem_form(app: TrackerApp, code: str) -> Form:
    """`p`: a new problem with its owner and resolution deadline."""
    lang, today = app.lang, app.today()
    fields = [
        Field("description", word("description", lang), read_text(lang, optional=False)),
        Field("owner", word("owner", lang), read_text(lang, optional=True)),
        Field("due", word("due", lang), read_deadline(lang, today, optional=True)),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        return service.add_problem(
            code, values["description"], owner=values["owner"], due=values["due"]
        )

    return Form(word("form_problem", lang), code, "", fields, save)


def resolve_form(app: TrackerApp, code: str, problem: dict[str, Any]) -> Form:
    """`p` on an open problem: the day it was resolved, at the problem's current version."""
    lang, today = app.lang, app.today()
    state = {"version": problem["version"]}
    ref = problem["id"]

    def reload() -> str:
        fresh = app.ledger.problem(code, ref)
        state["version"] = fresh["version"]
        resolved = formats.deadline(fresh["resolved"], "day", lang)
        now = f"{word('now_holds', lang)}: {word('resolved', lang)} {resolved}"
        return f"{fresh['description']}\n{now}"

    fields = [Field("on", word("resolved", lang), read_day(lang, today), today.isoformat())]

    def save(service: Service, values: dict[str, Any]) -> object:
        return service.resolve_problem(code, ref, values["on"], expected_version=state["version"])

    return Form(word("form_resolve", lang), code, problem["description"], fields, save, reload)


def build_form(app: TrackerApp, kind: str, code: str, record_id: int | None) -> Form:
    """Read what the form needs (blocking: call from a worker) and build it."""
    if kind in ("done", "forecast"):
        if record_id is None:
            raise InputError("milestone", None, "a selected milestone")
        return milestone_form(app, kind, code, app.ledger.milestone(code, record_id))
    if kind == "resolve":
        if record_id is None:
            raise InputError("problem", None, "a selected problem")
        return resolve_form(app, code, app.ledger.problem(code, record_id))
    if kind == "milestone":
        return add_milestone_form(app, code)
    if kind == "problem":
        return problem_form(app, code)
    file = app.ledger.project_file(code)
    if kind == "status":
        return status_form(app, code, file.statuses[0]["light"] if file.statuses else None)
    if kind == "investment":
        return investment_form(app, code, file.reports, file.project["currency"] or "CNY")
    raise InputError(
        "form", kind, "done, forecast, milestone, status, investment, problem or resolve"
    )
