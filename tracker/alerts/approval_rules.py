"""前期手续: the approval items' alerts. Delays in the pre-construction approvals are the most
common cause of a late start.

- approval_overdue: an item past its planned day and not approved; amber once overdue by more
  than `approval_amber_days`, red by more than `approval_red_days` (settings `[alerts]`).
- approvals_open: a project whose planned start is within `approval_window_days` (or past, not
  started) with approval items still open; red once the planned start has passed, else amber.

The facts are read in plain SQL (only the open items that matter); the rules are pure, taking
`today`.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from tracker.alerts.rules import AMBER, RED, Alert, ProjectRef, iso_due_text, make_alert
from tracker.i18n.catalogue import ntr, tr
from tracker.store.read.plainsql import DayReader

if TYPE_CHECKING:
    from tracker.config.settings_file import AlertThresholds
    from tracker.store.read.plainsql import PlainConnection

OVERDUE, OPEN_AT_START = "approval_overdue", "approvals_open"


class ApprovalFact(NamedTuple):
    """An open approval item with a planned day."""

    project: ProjectRef
    id: int
    name: str
    name_en: str | None
    department: str
    planned: date
    precision: str
    submitted: date | None


class StartFact(NamedTuple):
    """A project not started whose planned start is near, and its open approval items."""

    project: ProjectRef
    id: int
    baseline_start: date
    precision: str
    open_steps: tuple[str, ...]


def approval_facts(
    conn: PlainConnection,
    today: date,
    limits: AlertThresholds,
    refs: dict[int, ProjectRef],
    code: str | None = None,
) -> tuple[list[ApprovalFact], list[StartFact]]:
    """The open items past their planned day, and the projects due to start within the window
    with items open (of the project with `code`, or of all). The alerts are ordered after, so
    the overdue items are read in no order, as tuples: at 10,000 projects there are tens of
    thousands."""
    only = "" if code is None else "AND p.code = :code"
    params = {
        "code": code,
        "late": today - timedelta(days=limits.approval_amber_days),
        "window": today + timedelta(days=limits.approval_window_days),
    }
    day = DayReader()
    overdue = [
        ApprovalFact(
            refs[project_id],
            id_,
            name,
            name_en,
            department,
            planned,
            precision or "day",
            day(submitted),
        )
        for id_, project_id, name, name_en, department, planned_text, precision, submitted in (
            conn.tuples(
                f"""SELECT a.id, a.project_id, a.name, a.name_en, a.department, a.planned,
                    a.planned_precision, a.submitted
                FROM approval_item a JOIN project p ON p.id = a.project_id
                WHERE a.approved IS NULL AND a.planned < :late {only}""",
                params,
            )
        )
        if project_id in refs and (planned := day(planned_text)) is not None
    ]
    starts: dict[int, StartFact] = {}
    for row in conn.rows(
        f"""SELECT p.id, p.baseline_start, p.baseline_start_precision, a.name
        FROM project p JOIN approval_item a ON a.project_id = p.id
        WHERE a.approved IS NULL AND p.actual_start IS NULL AND p.baseline_start <= :window
          {only}
        ORDER BY p.code, a.position""",
        params,
        dates=("baseline_start",),
    ):
        if row["id"] not in refs:
            continue
        fact = starts.get(row["id"]) or StartFact(
            refs[row["id"]],
            row["id"],
            row["baseline_start"],
            row["baseline_start_precision"] or "day",
            (),
        )
        starts[row["id"]] = fact._replace(open_steps=(*fact.open_steps, row["name"]))
    return overdue, list(starts.values())


@lru_cache(maxsize=4)
def _not_submitted(lang: str) -> str:
    return tr(lang, "not submitted")


def overdue_threshold(limits: AlertThresholds, lang: str) -> str:
    """The threshold an overdue approval item is held to (the same for every item: worded once
    a run, not once an item)."""
    if limits.approval_amber_days:
        return tr(
            lang,
            "not approved more than {amber} days after the planned day: amber; "
            "more than {red} days: red",
            amber=limits.approval_amber_days,
            red=limits.approval_red_days,
        )
    return tr(
        lang,
        "past the planned day and not approved: amber; more than {red} days: red",
        red=limits.approval_red_days,
    )


def overdue_alert(
    fact: ApprovalFact,
    today: date,
    limits: AlertThresholds,
    lang: str,
    threshold: str | None = None,
) -> Alert:
    """An open item past its planned day: amber, red when later than `approval_red_days`."""
    late = (today - fact.planned).days
    severity = RED if late > limits.approval_red_days else AMBER
    submitted = (
        tr(lang, "submitted {day}, not approved", day=fact.submitted.isoformat())
        if fact.submitted
        else _not_submitted(lang)
    )
    return make_alert(
        fact.project,
        OVERDUE,
        severity,
        item=fact.name,
        item_en=fact.name_en,
        record="approval_item",
        record_id=fact.id,
        due=fact.planned,
        evidence=tr(
            lang,
            "planned {planned}, {late} days ago; {submitted}; department: {department}",
            planned=iso_due_text(fact.planned, fact.precision, lang),
            late=late,
            submitted=submitted,
            department=fact.department,
        ),
        threshold=threshold or overdue_threshold(limits, lang),
    )


def start_alert(fact: StartFact, today: date, limits: AlertThresholds, lang: str) -> Alert:
    """A planned start within the window with items open: amber; red once it has passed."""
    left = (fact.baseline_start - today).days
    severity = RED if left < 0 else AMBER
    return make_alert(
        fact.project,
        OPEN_AT_START,
        severity,
        item=tr(lang, "approvals before the start"),
        record="project",
        record_id=fact.id,
        due=fact.baseline_start,
        evidence=ntr(
            lang,
            "planned start {start} ({left} days); {count} approval open: {steps}",
            "planned start {start} ({left} days); {count} approvals open: {steps}",
            len(fact.open_steps),
            start=iso_due_text(fact.baseline_start, fact.precision, lang),
            left=left,
            count=len(fact.open_steps),
            steps="、".join(fact.open_steps),
        ),
        threshold=tr(
            lang,
            "approvals open within {days} days of the planned start: amber; "
            "after the planned start: red",
            days=limits.approval_window_days,
        ),
    )


def approval_alerts(
    conn: PlainConnection,
    today: date,
    limits: AlertThresholds,
    refs: dict[int, ProjectRef],
    lang: str = "en",
    code: str | None = None,
) -> list[Alert]:
    """The approvals' alerts of the portfolio (or of one project)."""
    overdue, starts = approval_facts(conn, today, limits, refs, code)
    threshold = overdue_threshold(limits, lang)
    return [overdue_alert(f, today, limits, lang, threshold) for f in overdue] + [
        start_alert(f, today, limits, lang) for f in starts
    ]
