"""The week's changes, found in the audit trail by the moment each edit was recorded.

A field edited several times in the week counts once, from its value at the end of the previous
week (the first entry's old value) to its value at the end of this one (the last entry's new
value); a field that ends the week where it began has not changed. A record added and removed
within the week is left out. A project added during the week is one change, which counts the
milestones added with it instead of listing each (an import of a whole portfolio is one line per
project, not one per milestone); a milestone added to an existing project is a change of its own.
A light change is one of the light officers record, the override
else the latest status update's light, reconstructed at both ends of the week; the light the
report shows beside each project is the alert rules' as of today (tracker.alerts.facts), which
the audit trail cannot replay.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from tracker.reports.contents import CHANGE_KINDS, ChangeLine
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection
from tracker.store.read.queries import audit_moment
from tracker.views.portfolio import moment

Row = dict[str, Any]
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_IN_WEEK = "c.at >= :start AND c.at < :end"
_NEW_PROJECTS = f"""
    SELECT c.project_code FROM change c
    WHERE {_IN_WEEK} AND c.record = 'project' AND c.field = 'created'
"""
_SELECT_ENTRIES = """
    SELECT c.id, c.at, c.author, c.project_code, c.record, c.record_id, c.field, c.old, c.new,
    m.name AS milestone_name, m.name_en AS milestone_name_en,
    m.done_precision AS milestone_done_precision,
    m.forecast_precision AS milestone_forecast_precision
    FROM change c LEFT JOIN milestone m ON c.record = 'milestone' AND m.id = c.record_id
"""
_FIELDS = "'deleted', 'done', 'done_precision', 'forecast', 'forecast_precision', 'resolved'"
# The entries that make changes: records added and removed, milestones done and moved (those of
# a project added this week too: an edit after the record was created is an officer's), problems
# resolved. Milestones added are counted by project, and read one by one only when an existing
# project got one: an import adds them by the hundred thousand, each project's counted in its line.
_ENTRIES = f"""
    {_SELECT_ENTRIES}
    WHERE {_IN_WEEK}
      AND (c.record IN ('project', 'problem', 'status_update') AND c.field IN ('created', {_FIELDS})
           OR c.record = 'milestone' AND c.field IN ({_FIELDS}))
    ORDER BY c.at, c.id
"""
_MILESTONES_ADDED_BY_PROJECT = f"""
    SELECT c.project_code, COUNT(*) AS milestones, c.project_code IN ({_NEW_PROJECTS}) AS new
    FROM change c
    WHERE {_IN_WEEK} AND c.record = 'milestone' AND c.field = 'created'
    GROUP BY c.project_code
"""
_MILESTONES_ADDED_TO_EXISTING = f"""
    {_SELECT_ENTRIES}
    WHERE {_IN_WEEK} AND c.record = 'milestone' AND c.field = 'created'
      AND NOT (c.project_code IN ({_NEW_PROJECTS}))
"""


def week_changes(
    conn: PlainConnection,
    start: datetime,
    end: datetime,
    projects: list[Row],
    problems: list[Row],
) -> tuple[ChangeLine, ...]:
    """Every change recorded from `start` to `end` (aware moments), oldest first."""
    week = {"start": audit_moment(conn, start), "end": audit_moment(conn, end)}
    entries = conn.rows(_ENTRIES, week)
    added_milestones = conn.rows(_MILESTONES_ADDED_BY_PROJECT, week)
    counts = {r["project_code"]: r["milestones"] for r in added_milestones if r["new"]}
    if len(counts) < len(added_milestones):  # an existing project got a milestone
        entries += conn.rows(_MILESTONES_ADDED_TO_EXISTING, week)
        entries.sort(key=lambda e: (moment(e["at"]), e["id"]))
    finder = _Finder(start, projects, _milestones(entries), problems, counts)
    added, dropped, entries = _lifecycles(entries)
    groups: dict[tuple[str, int | None, str], list[Row]] = defaultdict(list)
    for entry in entries:
        groups[(entry["record"], entry["record_id"], entry["field"])].append(entry)
    lines = [
        line
        for (record, record_id, field), group in groups.items()
        if (record, record_id) not in dropped
        for line in finder.lines(record, record_id, field, group, groups)
    ]
    lines.extend(_light_changes(conn, start, end, finder, added))
    lines.sort(key=lambda c: (c.at, CHANGE_KINDS.index(c.kind), c.project, c.item or ""))
    return tuple(lines)


def _lifecycles(
    entries: list[Row],
) -> tuple[set[tuple[str, int | None]], set[tuple[str, int | None]], list[Row]]:
    """The records added this week (they stand at its end and did not at its start), those
    added and removed again (no change), and the entries left to read: of a record removed and
    added again (an undo, then a new record that got the freed id), only those of the last one."""
    events: dict[tuple[str, int | None], list[Row]] = defaultdict(list)
    for entry in entries:
        if entry["field"] in ("created", "deleted"):
            events[(entry["record"], entry["record_id"])].append(entry)
    added, dropped, restored, since = set(), set(), set(), {}
    for key, lifecycle in events.items():
        first, last = lifecycle[0]["field"], lifecycle[-1]["field"]
        if first == "created" and last == "created":
            added.add(key)
        elif first == "created":
            dropped.add(key)
        elif last == "created":  # removed and restored (an undo): there at both ends
            restored.add(key)
        if last == "created":
            since[key] = lifecycle[-1]["id"]
    kept = [
        e
        for e in entries
        if e["id"] >= since.get((e["record"], e["record_id"]), e["id"])
        and not (e["field"] == "deleted" and (e["record"], e["record_id"]) in since)
        and not (e["field"] == "created" and (e["record"], e["record_id"]) in restored)
    ]
    return added, dropped, kept


def _milestones(entries: list[Row]) -> list[Row]:
    """The milestones the entries name (those that still exist), as the finder looks them up."""
    return [
        {
            "id": e["record_id"],
            "name": e["milestone_name"],
            "name_en": e["milestone_name_en"],
            "done_precision": e["milestone_done_precision"],
            "forecast_precision": e["milestone_forecast_precision"],
        }
        for e in entries
        if e["milestone_name"] is not None
    ]


class _Finder:
    """Names projects, milestones and problems, and turns one field's entries into changes."""

    def __init__(
        self,
        start: datetime,
        projects: list[Row],
        milestones: list[Row],
        problems: list[Row],
        milestone_counts: dict[str, int],
    ) -> None:
        self.tz = start.tzinfo
        self.projects = {p["code"]: p for p in projects}
        self.milestones = {m["id"]: m for m in milestones}
        self.problems = {p["id"]: p for p in problems}
        self.milestone_counts = milestone_counts

    def line(
        self,
        code: str | None,
        kind: str,
        item: str | None,
        item_en: str | None,
        old: str | None,
        new: str | None,
        at: Any,
        **extra: Any,
    ) -> ChangeLine:
        project = self.projects.get(code or "")
        return ChangeLine(
            project=code or "—",
            project_name=project["name"] if project else code or "—",
            project_name_en=project["name_en"] if project else None,
            kind=kind,
            item=item,
            item_en=item_en,
            old=old,
            new=new,
            at=moment(at).astimezone(self.tz),
            **extra,
        )

    def lines(
        self,
        record: str,
        record_id: int | None,
        field: str,
        group: list[Row],
        groups: dict[tuple[str, int | None, str], list[Row]],
    ) -> list[ChangeLine]:
        first, last = group[0], group[-1]
        code, old, new, at = last["project_code"], first["old"], last["new"], last["at"]
        if field == "created":
            return self._created(record, record_id, last)
        milestone = self.milestones.get(record_id) if record == "milestone" else None
        name = milestone["name"] if milestone else f"#{record_id}"
        name_en = milestone["name_en"] if milestone else None
        precision = groups.get((record, record_id, f"{field}_precision"))
        if record == "milestone" and field == "done" and new is not None and new != old:
            now = precision[-1]["new"] if precision else (milestone or {}).get("done_precision")
            return [self.line(code, "done", name, name_en, old, new, at, new_precision=now)]
        if record == "milestone" and field == "forecast" and new != old:
            current = (milestone or {}).get("forecast_precision")
            return [
                self.line(
                    code,
                    "forecast_moved",
                    name,
                    name_en,
                    old,
                    new,
                    at,
                    days=_days(old, new),
                    old_precision=precision[0]["old"] if precision else current,
                    new_precision=precision[-1]["new"] if precision else current,
                )
            ]
        if record == "problem" and field == "resolved" and new is not None and old is None:
            problem = self.problems.get(record_id)
            item = problem["description"] if problem else f"#{record_id}"
            return [
                self.line(code, "problem_resolved", item, None, None, new, at, new_precision="day")
            ]
        return []

    def _created(self, record: str, record_id: int | None, entry: Row) -> list[ChangeLine]:
        code, label, at = entry["project_code"], entry["new"] or "", entry["at"]
        if record == "problem":
            problem = self.problems.get(record_id)
            due = problem["due"] if problem else None
            return [
                self.line(
                    code,
                    "problem_opened",
                    problem["description"] if problem else label,
                    None,
                    None,
                    None if due is None else due.isoformat(),
                    at,
                    new_precision=problem["due_precision"] if problem and due else None,
                )
            ]
        if record == "status_update":
            light, _, narrative = label.partition(": ")
            return [self.line(code, "status_update", narrative, None, None, light, at)]
        if record == "project":
            project = self.projects.get(code or "")
            name_en = project["name_en"] if project else None
            count = self.milestone_counts.get(code or "", 0)
            return [self.line(code, "created", label, name_en, None, record, at, milestones=count)]
        if record == "milestone":
            milestone = self.milestones.get(record_id)
            name_en = milestone["name_en"] if milestone else None
            return [self.line(code, "created", label, name_en, None, record, at)]
        return []


def _days(old: str | None, new: str | None) -> int | None:
    if old is None or new is None:
        return None
    return (date.fromisoformat(new) - date.fromisoformat(old)).days


def _light_changes(
    conn: PlainConnection,
    start: datetime,
    end: datetime,
    finder: _Finder,
    added: set[tuple[str, int | None]],
) -> list[ChangeLine]:
    overrides = queries.field_changes_since(conn, "project", "light_override", start)
    statuses_added = queries.field_changes_since(conn, "status_update", "created", start)
    touched: dict[str, datetime] = {}
    for entry in overrides + statuses_added:
        at = moment(entry["at"])
        if at < end and entry["project_code"] is not None:
            touched[entry["project_code"]] = max(at, touched.get(entry["project_code"], at))
    # A project added this week has no light to change from (a whole import's worth, at times).
    touched = {
        code: at
        for code, at in touched.items()
        if code in finder.projects and ("project", finder.projects[code]["id"]) not in added
    }
    if not touched:
        return []
    statuses: dict[int, list[Row]] = defaultdict(list)
    for status in queries.all_status_updates(conn):
        statuses[status["project_id"]].append(status)
    added_at = {e["record_id"]: moment(e["at"]) for e in statuses_added}
    lines = []
    for code, at in sorted(touched.items()):
        project = finder.projects[code]
        own_overrides = [e for e in overrides if e["project_code"] == code]

        def light_at(when: datetime, project: Row = project, own: list[Row] = own_overrides) -> Any:
            later = [e for e in own if moment(e["at"]) >= when]
            override = later[0]["old"] if later else project["light_override"]
            if override:
                return override
            seen = [s for s in statuses[project["id"]] if added_at.get(s["id"], _EARLIEST) < when]
            return seen[-1]["light"] if seen else None

        old, new = light_at(start), light_at(end)
        if old != new:
            lines.append(finder.line(code, "light_changed", None, None, old, new, at))
    return lines
