"""The audit trail as officers read it: one formatter for `tracker log` and the TUI's audit tab.

Each entry names its record (`milestone 钢结构屋盖合龙`, not `milestone 2`) and its field by its
label (not `forecast_precision`); a date and its precision written together are one change
(`2027-02 → 2027-04-30`), and a date written alone is shown at the precision it had then. Moments
are shown in the office's time zone, which the header names once.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any, NamedTuple

from tracker.core.money import format_amount
from tracker.core.textable import display_width
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label, name_in
from tracker.store.read import audit_names
from tracker.store.read.plainsql import PlainConnection
from tracker.views.portfolio import moment

_DATED = {f for fields in audit_names.PRECISIONS.values() for f in fields}
_WORDS = {"light", "light_override", "stage", "category"}
_FLAGS = {"illustrative", "completion", "forecast_finish_explicit"}
"""The fields that hold yes or no: shown as the words, not as `true`/`false`."""
# The audit trail's field names, by the glossary key of their label.
_FIELD_KEYS = {
    "name": "field_name",
    "name_en": "field_name_en",
    "total_investment_cents": "total_investment",
    "planned_cents": "field_planned",
    "amount_cents": "field_amount",
    "funds_in_place_cents": "field_funds",
    "light_override": "override",
}
_LONGEST = 64


class AuditEntry(NamedTuple):
    """One change of one field (a date with its precision is one), its record named."""

    id: int
    at: datetime
    user: str
    project: str | None
    record: str
    record_id: int | None
    record_name: str | None
    record_name_en: str | None
    field: str
    old: str | None
    new: str | None
    currency: str


def moment_text(value: Any, tz: tzinfo) -> str:
    """An audit-trail moment (either driver's) as `2026-11-28 17:00` in the time zone `tz`."""
    return f"{moment(value).astimezone(tz):%Y-%m-%d %H:%M}"


def zone_name(tz: tzinfo) -> str:
    """The time zone's name as the headers show it (Asia/Shanghai)."""
    return str(getattr(tz, "key", None) or tz)


def when_header(lang: str, tz: tzinfo) -> str:
    """The `when` column's header, naming the time zone: `when (Asia/Shanghai)`."""
    return tr(lang, "{when} ({zone})", when=label("when", lang), zone=zone_name(tz))


def audit_entries(conn: PlainConnection, rows: list[dict[str, Any]]) -> list[AuditEntry]:
    """The audit rows (`queries.changes`, any order) as entries, in the same order, with each
    record's name and a date's precision folded into the date's own entry."""
    keys = {(r["record"], r["record_id"]) for r in rows if r["record_id"] is not None}
    names = audit_names.record_names(conn, keys)
    currencies = audit_names.project_currencies(conn)
    now = audit_names.current_precisions(conn, keys)
    history = audit_names.precision_entries(conn, keys)
    precision = _PrecisionAt(history, now)
    writes: dict[tuple[Any, ...], dict[str, dict[str, Any]]] = {}
    for r in rows:
        writes.setdefault(_write_key(r), {})[r["field"]] = r
    entries = []
    for r in rows:
        field, key = r["field"], (r["record"], r["record_id"])
        together = writes[_write_key(r)]
        base = field.removesuffix("_precision")
        if field.endswith("_precision") and base in together:
            continue  # shown with its date
        old, new = r["old"], r["new"]
        if base in _DATED:
            date_row = together.get(base)
            prec_row = together.get(f"{base}_precision")
            at_new = precision.at(key, base, r["id"])
            old_p = prec_row["old"] if prec_row else at_new
            new_p = prec_row["new"] if prec_row else at_new
            if date_row is not None:  # else the precision alone changed: shown as it is
                old, new = _typed(date_row["old"], old_p), _typed(date_row["new"], new_p)
                field = base
        name, name_en = names.get(key, (None, None)) if r["record_id"] is not None else (None, None)
        entries.append(
            AuditEntry(
                id=r["id"],
                at=moment(r["at"]),
                user=r["author"],
                project=r["project_code"],
                record=r["record"],
                record_id=r["record_id"],
                record_name=name,
                record_name_en=name_en,
                field=field,
                old=old,
                new=new,
                currency=currencies.get(r["project_code"] or "", "CNY"),
            )
        )
    return entries


def _write_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (str(r["at"]), r["author"], r["record"], r["record_id"])


def _typed(value: str | None, precision: str | None) -> str | None:
    from tracker.core.dates import typed_text

    if value is None:
        return None
    try:
        return typed_text(date.fromisoformat(value), precision)
    except ValueError:
        return value


class _PrecisionAt:
    """The precision a record's dated field had just after a given audit entry."""

    def __init__(
        self, history: list[dict[str, Any]], now: dict[tuple[str, int, str], str | None]
    ) -> None:
        self.history: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
        for e in history:
            base = e["field"].removesuffix("_precision")
            self.history.setdefault((e["record"], e["record_id"], base), []).append(e)
        self.now = now

    def at(self, key: tuple[str, int | None], field: str, entry_id: int) -> str | None:
        record, record_id = key
        if record_id is None:
            return None
        changes = self.history.get((record, record_id, field), [])
        before = [e for e in changes if e["id"] <= entry_id]
        if before:
            return before[-1]["new"]
        after = [e for e in changes if e["id"] > entry_id]
        return after[0]["old"] if after else self.now.get((record, record_id, field))


def record_text(entry: AuditEntry, lang: str) -> str:
    """The record an entry changed: its kind and name (`milestone Steel roof closure`)."""
    kind = label(entry.record, lang)
    if entry.record_name is None:
        return kind if entry.record_id is None else f"{kind} #{entry.record_id}"
    name = " ".join(name_in(lang, entry.record_name, entry.record_name_en).split())
    return f"{kind} {_short(name, 40)}"


def field_text(entry: AuditEntry, lang: str) -> str:
    """The field's label (`forecast`, `预计时间`); `added`/`removed` for a whole record."""
    if entry.field in ("created", "deleted"):
        return label(f"field_{entry.field}", lang)
    if entry.field.endswith("_precision"):
        base = entry.field.removesuffix("_precision")
        return tr(lang, "{field} precision", field=label(base, lang))
    return label(_FIELD_KEYS.get(entry.field, entry.field), lang)


def value_text(entry: AuditEntry, side: str, lang: str) -> str:
    """One side of a change on one line: money in its currency, words by their label, long
    text cut short, unknown as a dash."""
    value = entry.old if side == "old" else entry.new
    if value is None or value == "":
        return "—"
    if entry.field.endswith("_cents") and value.lstrip("-").isdigit():
        return format_amount(int(value), entry.currency, lang)
    if entry.field in _WORDS:
        return label(value, lang)
    if entry.field in _FLAGS and value in ("true", "false"):
        return tr(lang, "yes") if value == "true" else tr(lang, "no")
    return _short(" ".join(value.split()), _LONGEST)


def change_text(entry: AuditEntry, lang: str) -> str:
    """`old → new`; `+` or `−` for a record added or removed."""
    if entry.field in ("created", "deleted"):
        return "+" if entry.field == "created" else "−"  # the record column names it
    return f"{value_text(entry, 'old', lang)} → {value_text(entry, 'new', lang)}"


def audit_headers(lang: str, tz: tzinfo, with_project: bool = True) -> list[str]:
    """The columns of the audit trail, the time zone named once in the `when` header."""
    keys = ("user", "project", "record", "field", "change") if with_project else ("user",)
    rest = [label(k, lang) for k in keys]
    if not with_project:
        rest += [label(k, lang) for k in ("record", "field", "change")]
    return [when_header(lang, tz), *rest]


def audit_cells(entry: AuditEntry, lang: str, tz: tzinfo, with_project: bool = True) -> list[str]:
    """One entry as the cells of `audit_headers`."""
    cells = [moment_text(entry.at, tz), entry.user]
    if with_project:
        cells.append(entry.project or "—")
    return [*cells, record_text(entry, lang), field_text(entry, lang), change_text(entry, lang)]


def _short(text: str, longest: int) -> str:
    """`text` cut to `longest` terminal columns (a Chinese character takes two)."""
    if display_width(text) <= longest:
        return text
    while display_width(text) > longest - 1:
        text = text[:-1]
    return text + "…"
