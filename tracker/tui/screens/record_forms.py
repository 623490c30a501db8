"""The forms for the rest of an officer's records: a new project, a project's facts, a year's
plan, a milestone's names. Each saves through the Service method the CLI's command uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.tui import formats
from tracker.tui.screens.form import Field, FieldError, Form
from tracker.tui.screens.forms import read_amount, read_text

if TYPE_CHECKING:
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp

STAGES = ("concept", "design", "construction", "commissioning", "in_use", "closed")


def read_stage(lang: str, *, optional: bool) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a stage: its value or its label in either language."""
    words = {s: s for s in STAGES}
    for each in ("en", "zh"):
        words |= {label(s, each).casefold(): s for s in STAGES}

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            if optional:
                return None, tr(lang, "optional")
            raise FieldError(tr(lang, "required"))
        stage = words.get(text.strip().casefold())
        if stage is None:
            raise FieldError(f"{text.strip()!r}: {', '.join(STAGES)}")
        return stage, f"→ {label(stage, lang)}"

    return read


def read_year(lang: str) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a year (1900–2199)."""

    def read(text: str) -> tuple[Any, str]:
        value = text.strip()
        if not (value.isascii() and value.isdigit() and 1900 <= int(value) <= 2199):
            raise FieldError(f"{value!r}: {tr(lang, 'a year such as 2027')}")
        return int(value), "✓"

    return read


def project_form(app: TrackerApp) -> Form:
    """`n` on the dashboard: a new project with its code, names, stage, unit and officer."""
    lang = app.lang
    fields = [
        Field("code", label("code", lang), read_text(lang, optional=False)),
        Field("name", tr(lang, "name (Chinese)"), read_text(lang, optional=False)),
        Field("name_en", tr(lang, "name (English)"), read_text(lang, optional=True)),
        Field("stage", label("stage", lang), read_stage(lang, optional=False), "design"),
        Field("unit", label("unit", lang), read_text(lang, optional=True)),
        Field("officer", label("officer", lang), read_text(lang, optional=True)),
        Field("total", label("total_investment", lang), read_amount(lang, optional=True)),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        record = {k: values[k] for k in ("code", "name", "name_en", "stage", "unit", "officer")}
        record["total_investment_cents"] = values["total"]
        return service.create_project({k: v for k, v in record.items() if v is not None})

    return Form(tr(lang, "Add project"), "", "", fields, save)


FACT_FIELDS = ("unit", "officer", "owner_org", "location", "scale", "notes")


def facts_form(app: TrackerApp, code: str, project: dict[str, Any]) -> Form:
    """`f` on a project: its stage, unit, officer, owner, location, scale, notes, total
    investment, leader in charge, library and statistics enrolment, at the project's current
    version; an emptied field clears the fact."""
    from tracker.tui.screens.steering_forms import steering_changes, steering_fields

    lang = app.lang
    state = {"version": project["version"]}
    total = project["total_investment_cents"]
    fields = [
        Field("stage", label("stage", lang), read_stage(lang, optional=False), project["stage"]),
        *(
            Field(key, label(key, lang), read_text(lang, optional=True), project[key] or "")
            for key in FACT_FIELDS
        ),
        Field(
            "total",
            label("total_investment", lang),
            read_amount(lang, optional=True),
            "" if total is None else f"{total / 100:.2f}".removesuffix(".00"),
        ),
        *steering_fields(app, project),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        changes = {key: values[key] for key in ("stage", *FACT_FIELDS)}
        changes["total_investment_cents"] = values["total"]
        changes |= steering_changes(service, values)
        return service.update_project(code, changes, expected_version=state["version"])

    name = formats.named(project, lang)
    return Form(tr(lang, "Edit project facts"), code, name, fields, save, record=name)


def plan_form(app: TrackerApp, code: str, plans: list[dict[str, Any]], currency: str) -> Form:
    """`y` on a project: a year's planned investment and progress target (a year already
    planned is changed)."""
    lang, year = app.lang, app.today().year
    planned = {plan["year"]: plan for plan in plans}
    year_reader = read_year(lang)

    def read_year_with_current(text: str) -> tuple[Any, str]:
        value, _echo = year_reader(text)
        plan = planned.get(value)
        if plan is None:
            return value, tr(lang, "new record")
        from tracker.reports.formatting import money

        return (
            value,
            f"{tr(lang, 'already recorded')} {money(plan['planned_cents'], currency, lang)}",
        )

    fields = [
        Field("year", tr(lang, "year"), read_year_with_current, str(year)),
        Field("amount", tr(lang, "annual plan"), read_amount(lang, optional=False)),
        Field("target", tr(lang, "progress target"), read_text(lang, optional=True)),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        target = values["target"]
        if target is None and values["year"] in planned:
            target = planned[values["year"]]["progress_target"]
        return service.set_plan(code, values["year"], values["amount"], progress_target=target)

    return Form(tr(lang, "Set a year's plan"), code, "", fields, save, record=tr(lang, "plan"))


def rename_form(app: TrackerApp, code: str, milestone: dict[str, Any]) -> Form:
    """`n` on a milestone: its Chinese and English names, at its current version."""
    lang = app.lang
    state = {"version": milestone["version"]}
    ref = milestone["id"]
    fields = [
        Field(
            "name", tr(lang, "milestone name"), read_text(lang, optional=False), milestone["name"]
        ),
        Field(
            "name_en",
            tr(lang, "name (English)"),
            read_text(lang, optional=True),
            milestone["name_en"] or "",
        ),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        return service.rename_milestone(
            code,
            ref,
            values["name"],
            name_en=values["name_en"] or "",
            expected_version=state["version"],
        )

    name = formats.named(milestone, lang)
    return Form(f"{tr(lang, 'Rename milestone')} · {name}", code, "", fields, save, record=name)
