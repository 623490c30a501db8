"""What is due (提醒): open milestones, unresolved problems, the weekly status update owed, the
dispatch meetings' open actions and the answers owed to the escalation ladder's instruments.

`due_items` reads them in plain SQL (the due-day query runs on the partial index
`ix_milestone_open_due`); the rest is pure: the reminder ladder, the JSON shape and the
iCalendar file, each taking `today`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.core.stages import ACTIVE_STAGES
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import name_in
from tracker.store.read.plainsql import DayReader
from tracker.store.read.queries import DUE, DUE_PRECISION, join_latest_status

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tracker.store.read.plainsql import PlainConnection

KINDS = ("milestone", "problem", "status_update", "meeting_action", "escalation")
KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
STATUS_KIND = KINDS.index("status_update")
STATUS_RUNGS = (1,)
"""The weekly status update reminds the day before it is owed (and every day it is late)."""


class DueItem(NamedTuple):
    """One thing that falls due: its kind, project, name, due day, days left and owner.

    A NamedTuple rather than a dataclass: `tracker remind` makes tens of thousands at a
    province's scale, and must not pay for importing `dataclasses`.
    """

    kind: str
    project: str
    project_name: str
    item: str
    due: date
    days_left: int
    owner: str | None
    record_id: int
    precision: str = "day"
    item_en: str | None = None
    project_name_en: str | None = None

    @property
    def overdue(self) -> bool:
        """Whether the due day has passed."""
        return self.days_left < 0

    def as_json(self) -> dict[str, Any]:
        """The stable JSON shape of `tracker remind --format json`."""
        return {
            "kind": self.kind,
            "project": self.project,
            "project_name": self.project_name,
            "item": self.item,
            "due": self.due.isoformat(),
            "days_left": self.days_left,
            "owner": self.owner,
            "precision": self.precision,
            "record_id": self.record_id,
        }


def _filters(owner: str | None, project: str | None, owner_column: str) -> str:
    where = "" if owner is None else f" AND {owner_column} = :owner"
    return where + ("" if project is None else " AND p.code = :project")


def due_items(
    conn: PlainConnection,
    today: date,
    within_days: int,
    owner: str | None = None,
    project: str | None = None,
    *,
    status_every_days: int = 7,
) -> list[DueItem]:
    """Everything overdue or falling due within `within_days` of `today`, soonest first.

    A status update is owed `status_every_days` after a project's latest one (at once if it
    never had one), for projects still active.
    """
    until = today + timedelta(days=within_days)
    names = "p.code, p.name AS project_name, p.name_en AS project_name_en"
    milestones_sql = f"""
    SELECT 0 AS kind, {names}, m.id AS record_id, m.name AS item,
           m.name_en AS item_en, {DUE} AS due, {DUE_PRECISION} AS due_precision, m.owner
    FROM milestone m JOIN project p ON p.id = m.project_id
    WHERE m.done IS NULL AND {DUE} <= :until
          {_filters(owner, project, "m.owner")}
    """
    problems_sql = f"""
    SELECT 1 AS kind, {names}, pr.id AS record_id, pr.description AS item,
           NULL AS item_en, pr.due, pr.due_precision, pr.owner
    FROM problem pr JOIN project p ON p.id = pr.project_id
    WHERE pr.resolved IS NULL AND pr.due <= :until {_filters(owner, project, "pr.owner")}
    """
    stages = ", ".join(f"'{stage}'" for stage in ACTIVE_STAGES)
    # The status rows carry the latest status day; the day the next one is owed is worked out
    # below (SQLite's date() would cost more than the rest of this query).
    status_sql = f"""
    SELECT 2 AS kind, {names}, p.id AS record_id, '每周状态更新' AS item,
           'weekly status update' AS item_en, ls.reported_on AS due, 'day' AS due_precision,
           p.officer AS owner
    FROM project p
    {join_latest_status()}
    WHERE p.stage IN ({stages}) AND (ls.reported_on IS NULL OR ls.reported_on <= :status_cutoff)
          {_filters(owner, project, "p.officer")}
    """
    # From lights to action (issue #17): a meeting's open actions; an instrument's answer owed
    # (its addressee the owner).
    actions_sql = f"""
    SELECT 3 AS kind, {names}, a.id AS record_id, a.description AS item,
           NULL AS item_en, a.due, a.due_precision, a.owner
    FROM meeting_action a JOIN project p ON p.id = a.project_id
    WHERE a.done_on IS NULL AND a.due <= :until {_filters(owner, project, "a.owner")}
    """
    answers_sql = f"""
    SELECT 4 AS kind, {names}, e.id AS record_id, COALESCE(e.number, e.instrument) AS item,
           NULL AS item_en, e.due, 'day' AS due_precision, e.addressee AS owner
    FROM escalation e JOIN project p ON p.id = e.project_id
    WHERE e.answered_on IS NULL AND e.closed_on IS NULL AND e.due <= :until
          {_filters(owner, project, "e.addressee")}
    """
    params = {
        "until": until,
        "status_cutoff": until - timedelta(days=status_every_days),
        "owner": owner,
        "project": project,
    }
    # Milestones come in due-day order off the partial index: the sort below is then nearly a
    # merge, cheaper than an ORDER BY in the database.
    rows = conn.tuples(
        f"{milestones_sql} UNION ALL {problems_sql} UNION ALL {status_sql} "
        f"UNION ALL {actions_sql} UNION ALL {answers_sql}",
        params,
    )
    day = DayReader()
    every = timedelta(days=status_every_days)
    items = []
    for kind, code, name, name_en, record_id, item, item_en, due_text, precision, who in rows:
        due = day(due_text)
        if kind == STATUS_KIND:  # owed a week after the latest, at once when there is none
            due = today if due is None else due + every
        elif due is None:  # none comes: the other queries keep only rows with a due day
            continue
        items.append(
            DueItem(
                KINDS[kind],
                code,
                name,
                item or "每周状态更新",
                due,
                (due - today).days,
                who,
                record_id,
                precision or "day",
                item_en or None,
                name_en,
            )
        )
    items.sort(key=_soonest_first)
    return items


def _soonest_first(item: DueItem) -> tuple[date, int, str, str]:
    return (item.due, KIND_RANK[item.kind], item.project, item.item)


def rungs(item: DueItem, ladder: Iterable[int]) -> tuple[int, ...]:
    """The days before its due day on which `item` reminds, largest first."""
    steps = STATUS_RUNGS if item.kind == "status_update" else ladder
    return tuple(sorted(set(steps), reverse=True))


def reminds_today(item: DueItem, ladder: Iterable[int]) -> bool:
    """The ladder: an item reminds on each rung, on its due day, and every day it is overdue."""
    return item.days_left <= 0 or item.days_left in rungs(item, ladder)


def on_the_ladder(items: Iterable[DueItem], ladder: Iterable[int]) -> list[DueItem]:
    """The items that remind today, in their order."""
    steps = tuple(ladder)
    return [item for item in items if reminds_today(item, steps)]


def item_uid(item: DueItem) -> str:
    """The item's iCalendar UID: the same on every run, so re-importing updates, not duplicates."""
    return f"{item.kind}-{item.record_id}-{item.project}@tracker"


def to_ics(items: Iterable[DueItem], today: date, ladder: Iterable[int], lang: str = "en") -> bytes:
    """An iCalendar file: one all-day event per item, with an alarm at each rung of the ladder."""
    from icalendar import Alarm, Calendar, Event

    steps = tuple(ladder)
    calendar = Calendar()
    calendar.add("prodid", "-//tracker//major projects//EN")
    calendar.add("version", "2.0")
    # DTSTAMP from the injected day, not the clock: the same data gives the same file.
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    for item in items:
        summary = f"[{item.project}] {item_name(item, lang)}"
        event = Event()
        event.add("uid", item_uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", describe(item, lang))
        event.add("categories", [item.kind])
        for rung in rungs(item, steps):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", timedelta(days=-rung))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def item_name(item: DueItem, lang: str) -> str:
    """The item's name in `lang` (the Chinese name when there is no English one)."""
    return name_in(lang, item.item, item.item_en)


def days_text(days_left: int, lang: str) -> str:
    """`21 days left`, `due today` or `2 days overdue` (剩 21 天 / 今天到期 / 逾期 2 天)."""
    if days_left > 0:
        return tr(lang, "{days_left} days left", days_left=days_left)
    if days_left == 0:
        return tr(lang, "due today")
    return tr(lang, "{minus_days_left} days overdue", minus_days_left=-days_left)


def describe(item: DueItem, lang: str) -> str:
    """One line about an item: project, due day, days left and owner."""
    project = name_in(lang, item.project_name, item.project_name_en)
    owner = item.owner or "—"
    left = days_text(item.days_left, lang)
    return tr(
        lang,
        "{project} ({code}) · due {due} · {left} · owner {owner}",
        project=project,
        code=item.project,
        due=item.due,
        left=left,
        owner=owner,
    )
