"""入库纳统: a project that has started must be enrolled in the investment statistics.

A started project (an actual start, no actual finish, not in use) without an enrolment day is
amber `enrolment_amber_months` after its start and red after `enrolment_red_months` (settings
`[alerts]`). The facts are read in plain SQL (only the started, unenrolled projects, with what
their evidence checklist lacks); the rule is pure, taking `today`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tracker.alerts.project_rules import months_between
from tracker.alerts.rules import AMBER, RED, Alert, ProjectRef, make_alert
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label

if TYPE_CHECKING:
    from tracker.config.settings_file import AlertThresholds
    from tracker.store.read.plainsql import PlainConnection

RULE = "not_enrolled"


class EnrolmentFact(NamedTuple):
    """A started project not enrolled yet, and the evidence items done for it."""

    project: ProjectRef
    id: int
    actual_start: date
    evidence_done: frozenset[str]


def enrolment_facts(conn: PlainConnection, code: str | None = None) -> list[EnrolmentFact]:
    """Every started, unfinished project that is not enrolled (or the one with `code`)."""
    only = "" if code is None else "AND p.code = :code"
    sql = f"""
    SELECT p.id, p.code, p.name, p.name_en, p.actual_start, e.item
    FROM project p
    LEFT JOIN enrolment_evidence e ON e.project_id = p.id AND e.done_on IS NOT NULL
    WHERE p.actual_start IS NOT NULL AND p.enrolled_on IS NULL AND p.actual_finish IS NULL
      AND p.stage NOT IN ('in_use', 'closed') {only}
    ORDER BY p.code
    """
    found: dict[int, EnrolmentFact] = {}
    for row in conn.rows(sql, {"code": code}, dates=("actual_start",)):
        fact = found.get(row["id"])
        if fact is None:
            ref = ProjectRef(row["code"], row["name"], row["name_en"])
            fact = EnrolmentFact(ref, row["id"], row["actual_start"], frozenset())
        if row["item"]:
            fact = fact._replace(evidence_done=fact.evidence_done | {row["item"]})
        found[row["id"]] = fact
    return list(found.values())


def checklist_missing(done: frozenset[str]) -> list[str]:
    """What the checklist still lacks: the approval document, and the construction contract or
    dated site photos (either will do)."""
    missing = [] if "approval_document" in done else ["approval_document"]
    if not done & {"construction_contract", "site_photos"}:
        missing.append("construction_contract|site_photos")
    return missing


def enrolment_alert(
    fact: EnrolmentFact, today: date, limits: AlertThresholds, lang: str = "en"
) -> Alert | None:
    """Amber when not enrolled `enrolment_amber_months` after the start, red after
    `enrolment_red_months`."""
    months = months_between(fact.actual_start, today)
    if months < limits.enrolment_amber_months:
        return None
    severity = RED if months >= limits.enrolment_red_months else AMBER
    missing = checklist_missing(fact.evidence_done)
    lacking = (
        tr(lang, "evidence checklist complete")
        if not missing
        else tr(
            lang,
            "evidence missing: {items}",
            items=", ".join(
                " / ".join(label(part, lang) for part in item.split("|")) for item in missing
            ),
        )
    )
    return make_alert(
        fact.project,
        RULE,
        severity,
        item=tr(lang, "statistics enrolment"),
        record="project",
        record_id=fact.id,
        due=fact.actual_start,
        evidence=tr(
            lang,
            "started {actual_start}; not enrolled {months} months later; {lacking}",
            actual_start=fact.actual_start,
            months=months,
            lacking=lacking,
        ),
        threshold=tr(
            lang,
            "not enrolled {amber} months after the start: amber; {red} months or more: red",
            amber=limits.enrolment_amber_months,
            red=limits.enrolment_red_months,
        ),
    )


def enrolment_alerts(
    conn: PlainConnection,
    today: date,
    limits: AlertThresholds,
    lang: str = "en",
    code: str | None = None,
) -> list[Alert]:
    """The 纳统 alerts of the portfolio (or of one project)."""
    found = (enrolment_alert(f, today, limits, lang) for f in enrolment_facts(conn, code))
    return [alert for alert in found if alert is not None]
