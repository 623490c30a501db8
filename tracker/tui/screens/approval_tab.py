"""The project screen's approvals tab (前期手续, issue #16): the project's approval items in the
template's order, and the `v` form that records the highlighted item's plan, submission,
approval and document number (文号)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.tui import formats

if TYPE_CHECKING:
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp
    from tracker.tui.screens.form import Form

HEADERS = ("step", "department", "planned", "submitted", "approved", "number")


def approval_headers(lang: str) -> list[str]:
    """The tab's column titles."""
    return [label(key, lang) for key in HEADERS]


def approval_rows(
    items: list[dict[str, Any]], lang: str, today: date
) -> list[tuple[Any, list[Any]]]:
    """One row an item: an open item past its planned day shows its plan in red."""
    rows = []
    for item in items:
        late = item["approved"] is None and item["planned"] is not None and item["planned"] < today
        rows.append(
            (
                item["id"],
                [
                    formats.named(item, lang) + (" *" if item["illustrative"] else ""),
                    item["department"],
                    Text(
                        formats.deadline(item["planned"], item["planned_precision"], lang),
                        "bold red" if late else "",
                    ),
                    formats.deadline(item["submitted"], "day", lang),
                    formats.deadline(item["approved"], "day", lang),
                    item["number"] or "—",
                ],
            )
        )
    return rows


def _day_text(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def approval_form(app: TrackerApp, code: str, item: dict[str, Any]) -> Form:
    """`v`: record the highlighted item; a recorded day changed here is a correction the form
    names before it is saved (the forms are imported here: the project screen's first paint
    does without them)."""
    from tracker.core.dates import typed_text
    from tracker.tui.screens.form import Field, Form
    from tracker.tui.screens.forms import read_deadline, read_text
    from tracker.tui.screens.steering_forms import read_optional_day

    lang, today = app.lang, app.today()
    planned = item["planned"]
    fields = [
        Field(
            "planned",
            label("planned", lang),
            read_deadline(lang, today, optional=True),
            typed_text(planned, item["planned_precision"]),
        ),
        Field(
            "submitted",
            label("submitted", lang),
            _recorded(read_optional_day(lang, today), item["submitted"], lang),
            _day_text(item["submitted"]),
        ),
        Field(
            "approved",
            label("approved", lang),
            _recorded(read_optional_day(lang, today), item["approved"], lang),
            _day_text(item["approved"]),
        ),
        Field(
            "number", label("number", lang), read_text(lang, optional=True), item["number"] or ""
        ),
    ]

    def save(service: Service, values: dict[str, Any]) -> object:
        changes = {
            key: values[key]
            for key in ("submitted", "approved", "number")
            if values[key] != item[key]
        }
        deadline = values["planned"]
        if (None if deadline is None else deadline.due) != planned:
            changes["planned"] = deadline
        return service.set_approval(
            code, item["step"], changes, correct=True, expected_version=item["version"]
        )

    name = formats.named(item, lang)
    title = f"{tr(lang, 'Record approval')} · {name}"
    return Form(
        title, code, f"{label('department', lang)}: {item['department']}", fields, save, record=name
    )


def _recorded(read: Any, held: date | None, lang: str) -> Any:
    """A day reader whose echo says when it replaces a recorded day."""

    def check(text: str) -> tuple[Any, str]:
        value, echo = read(text)
        if held is not None and value != held:
            shown = "—" if value is None else value.isoformat()
            return value, tr(lang, "replaces {held} with {new}", held=held.isoformat(), new=shown)
        return value, echo

    return check
