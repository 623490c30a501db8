"""The steering fields of the TUI's forms (issue #16): a choice among our keys (library,
problem kind and level), an optional day; and the `p` form for a new problem with its kind and
the level that must solve it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tracker.core.errors import InputError
from tracker.i18n.catalogue import ptr, tr
from tracker.i18n.glossary import label
from tracker.tui.screens.form import Field, FieldError, Form
from tracker.tui.screens.forms import read_day, read_deadline, read_text

if TYPE_CHECKING:
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp


def read_choice(lang: str, values: tuple[str, ...]) -> Callable[[str], tuple[Any, str]]:
    """A field reader for one of `values` (its key or its label in either language); empty is
    none."""
    from tracker.core.steering import choose

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            return None, tr(lang, "optional")
        try:
            value = choose("", text, values)
        except InputError:
            raise FieldError(
                f"{text.strip()!r}: {', '.join(label(v, lang) for v in values)}"
            ) from None
        return value, f"→ {label(value, lang)}"

    return read


def read_optional_day(lang: str, today: Any) -> Callable[[str], tuple[Any, str]]:
    """A field reader for a day that may be left empty (not recorded)."""
    day = read_day(lang, today)

    def read(text: str) -> tuple[Any, str]:
        if not text.strip():
            return None, tr(lang, "optional")
        return day(text)

    return read


def problem_form(app: TrackerApp, code: str) -> Form:
    """`p`: a new problem with its owner, resolution deadline, kind (要素保障) and level."""
    from tracker.core.steering import PROBLEM_KINDS, PROBLEM_LEVELS

    lang, today = app.lang, app.today()
    fields = [
        Field(
            "description",
            ptr(lang, "problem description", "problem"),
            read_text(lang, optional=False),
        ),
        Field("owner", label("owner", lang), read_text(lang, optional=True)),
        Field("due", label("due", lang), read_deadline(lang, today, optional=True)),
        Field("kind", label("kind", lang), read_choice(lang, PROBLEM_KINDS)),
        Field("level", label("level", lang), read_choice(lang, PROBLEM_LEVELS)),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        return service.add_problem(
            code,
            values["description"],
            owner=values["owner"],
            due=values["due"],
            kind=values["kind"],
            level=values["level"],
        )

    return Form(tr(lang, "Add problem"), code, "", fields, save)


def steering_fields(app: TrackerApp, project: dict[str, Any]) -> list[Field]:
    """The facts form's steering fields: leader in charge, library, enrolment day and amount."""
    from tracker.core.steering import LIBRARIES
    from tracker.tui.screens.forms import read_amount

    lang = app.lang
    enrolled = project.get("enrolled_cents")
    return [
        Field(
            "leader",
            label("leader", lang),
            read_text(lang, optional=True),
            project.get("leader") or "",
        ),
        Field(
            "library",
            label("library", lang),
            read_choice(lang, LIBRARIES),
            label(project["library"], lang) if project.get("library") else "",
        ),
        Field(
            "enrolled_on",
            label("enrolled_on", lang),
            read_optional_day(lang, app.today()),
            "" if project.get("enrolled_on") is None else project["enrolled_on"].isoformat(),
        ),
        Field(
            "enrolled",
            label("enrolled_cents", lang),
            read_amount(lang, optional=True),
            "" if enrolled is None else f"{enrolled / 100:.2f}".removesuffix(".00"),
        ),
    ]


def steering_changes(service: Service, values: dict[str, Any]) -> dict[str, Any]:
    """The project changes the steering fields ask for (an unknown leader is refused)."""
    return {
        "leader_id": service.leader_id(values["leader"]),
        "library": values["library"],
        "enrolled_on": values["enrolled_on"],
        "enrolled_cents": values["enrolled"],
    }
