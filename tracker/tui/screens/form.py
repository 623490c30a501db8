"""A modal form that validates as you type, says what it understood, and saves through the
Service in a worker. Esc cancels with nothing written; a conflict says who changed the record,
shows what it holds now, and reloads it so a second save is based on the new version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from tracker.core.errors import ConflictError, InputError, PermissionRefused
from tracker.i18n.catalogue import tr
from tracker.i18n.refusal import refusal_text
from tracker.tui.refusals import refusal

if TYPE_CHECKING:
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp


class FieldError(ValueError):
    """What is wrong with a field's text, in words for the user."""


@dataclass
class Field:
    """One input of a form: `read` turns its text into a value and an echo of what it
    understood, or raises FieldError saying why the text will not do."""

    key: str
    label: str
    read: Callable[[str], tuple[Any, str]]
    text: str = ""
    multiline: bool = False
    """Typed in a TextArea (a narrative of several lines; Enter breaks the line, ctrl+s
    saves) instead of a one-line Input."""


Save = Callable[["Service", dict[str, Any]], object]
Reload = Callable[[], tuple[str, str]]
"""Read the record again: what it holds now, and who changed it last (for a conflict)."""


class Form(ModalScreen[None]):
    """A form for one write on project `code`."""

    DEFAULT_CSS = """
    Form { align: center middle; }
    Form > VerticalScroll {
        width: 90%; max-width: 90; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Form .context { color: $text-muted; margin-bottom: 1; }
    Form Label { text-style: bold; }
    Form Input.-invalid, Form TextArea.-invalid { background: $error 30%; }
    Form TextArea { height: 6; }
    Form .echo { color: $success; padding: 0 1; }
    Form .echo.-invalid { color: $error; }
    Form #form-error { color: $error; text-style: bold; }
    Form #form-error.-conflict { color: $warning; }
    Form Horizontal { height: auto; margin-top: 1; }
    Form Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("ctrl+s", "save", "save"),
    ]

    def __init__(
        self,
        title: str,
        code: str,
        context: str,
        fields: list[Field],
        save: Save,
        reload: Reload | None = None,
        record: str = "",
    ) -> None:
        super().__init__()
        self.record = record
        """The record the form writes, named (a new one: by its first field's text)."""
        self.form_title = title
        self.code = code
        self.context = context
        self.fields = fields
        self.save_values = save
        self.reload_record = reload
        self.values: dict[str, Any] = {}
        self.problems: dict[str, str] = {}
        self.said_of: str | None = None
        """The field the message under the fields is about ("*": any field, a refusal of the
        Service); fixing (or changing) it clears the message."""

    @property
    def tracker(self) -> TrackerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        lang = self.tracker.lang
        with VerticalScroll() as box:
            box.border_title = f"{self.form_title} · {self.code}"
            yield Static(self.context, id="form-context", classes="context")
            for field in self.fields:
                yield Label(field.label)
                if field.multiline:
                    yield TextArea(field.text, id=f"field-{field.key}", compact=True)
                else:
                    yield Input(field.text, id=f"field-{field.key}", compact=True)
                yield Static("", id=f"echo-{field.key}", classes="echo")
            yield Static("", id="form-error")
            with Horizontal():
                yield Button(tr(lang, "Save"), id="save", variant="primary", compact=True)
                yield Button(tr(lang, "Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.cursor_blink = self.tracker.cursor_blink
        for area in self.query(TextArea):
            area.cursor_blink = self.tracker.cursor_blink
        for field in self.fields:
            self.check(field)
        self.box(self.fields[0].key).focus()

    def box(self, key: str) -> Input | TextArea:
        """The widget a field is typed in."""
        widget = self.query_one(f"#field-{key}")
        assert isinstance(widget, Input | TextArea)
        return widget

    def check(self, field: Field) -> None:
        """Read one field's text; show what it understood or why it will not do."""
        box = self.box(field.key)
        echo = self.query_one(f"#echo-{field.key}", Static)
        try:
            value, understood = field.read(box.text if isinstance(box, TextArea) else box.value)
        except FieldError as error:
            self.problems[field.key] = str(error)
            self.values.pop(field.key, None)
            box.add_class("-invalid")
            echo.add_class("-invalid")
            echo.update(f"✗ {error}")
        else:
            self.problems.pop(field.key, None)
            self.values[field.key] = value
            box.remove_class("-invalid")
            echo.remove_class("-invalid")
            echo.update(understood)
            if self.said_of == field.key:
                self.say("")
        self.query_one("#save", Button).disabled = bool(self.problems)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def field_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        key = (widget.id or "").removeprefix("field-")
        field = next((f for f in self.fields if f.key == key), None)
        if field is not None:
            if self.said_of == "*":
                self.say("")
            self.check(field)

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close the form, writing nothing."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Save, unless a field is invalid: then say which and why."""
        if self.problems:
            key = next(f.key for f in self.fields if f.key in self.problems)  # the topmost
            why = self.problems[key]
            label = next(f.label for f in self.fields if f.key == key)
            self.say(
                tr(
                    self.tracker.lang,
                    "Cannot save, a field is invalid: {field}: {why}",
                    field=label,
                    why=why,
                ),
                about=key,
            )
            self.box(key).focus()
            return
        self.query_one("#save", Button).disabled = True
        self.write(dict(self.values))

    def say(self, text: str, *, conflict: bool = False, about: str | None = None) -> None:
        """Show a message under the fields; `about` names the field whose fixing clears it."""
        self.said_of = about
        message = self.query_one("#form-error", Static)
        message.set_class(conflict, "-conflict")
        message.update(text)

    @work(thread=True, exclusive=True, group="form")
    def write(self, values: dict[str, Any]) -> None:
        """Save through the Service in a worker."""
        ledger = self.tracker.ledger
        try:
            ids = ledger.write(lambda service: self.save_values(service, values))
        except ConflictError:
            context, changed = self.reload_record() if self.reload_record else (self.context, "")
            self.app.call_from_thread(self.conflict, changed, context)
        except InputError as error:
            self.app.call_from_thread(self.refused, refusal(error, self.tracker.lang))
        except PermissionRefused as error:  # a shared database: the login's role may not
            self.app.call_from_thread(self.refused, refusal_text(error, self.tracker.lang))
        else:
            self.app.call_from_thread(self.finish, ids)

    def finish(self, change_ids: list[int]) -> None:
        """Saved: close and let the app remember the change for undo."""
        self.dismiss(None)
        first = self.box(self.fields[0].key)
        record = self.record or (first.text if isinstance(first, TextArea) else first.value)
        self.tracker.saved(change_ids, record.strip(), self.code)

    def refused(self, message: str) -> None:
        """The Service refused the values."""
        self.say(message, about="*")
        self.query_one("#save", Button).disabled = False

    def conflict(self, changed: str, context: str) -> None:
        """Someone else changed the record: say who and what (`changed`), show it reloaded."""
        message = tr(self.tracker.lang, "Not saved: the record changed; reloaded.")
        self.say(f"{message}\n{changed}" if changed else message, conflict=True)
        self.context = context
        self.query_one("#form-context", Static).update(context)
        self.query_one("#save", Button).disabled = False
