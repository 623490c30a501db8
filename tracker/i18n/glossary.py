"""The words the interface shows, by key (from the glossary), translated by the catalogue.

Each label's English text is its message id, and its key the message context (msgctxt): two
keys may share an English word with two Chinese ones ("owner": 业主单位 / 负责人).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from tracker.i18n.catalogue import Said, catalogue, tr

if TYPE_CHECKING:
    from datetime import date


def _label(key: str, english: str) -> tuple[str, str]:
    """Mark a label for extraction (Babel keyword `_label:1c,2`): its key and English text."""
    return key, english


LABELS: dict[str, str] = dict(
    (
        _label("code", "code"),
        _label("name", "project"),
        _label("category", "category"),
        _label("stage", "stage"),
        _label("unit", "responsible unit"),
        _label("officer", "officer in charge"),
        _label("owner_org", "owner"),
        _label("location", "location"),
        _label("scale", "scale and content"),
        _label("total_investment", "total investment"),
        _label("baseline_start", "baseline start"),
        _label("baseline_finish", "baseline finish"),
        _label("forecast_finish", "forecast finish"),
        _label("actual_start", "actual start"),
        _label("actual_finish", "actual finish"),
        _label("sources", "sources"),
        _label("notes", "notes"),
        _label("light", "light"),
        _label("next_milestone", "next milestone"),
        _label("days_left", "days left"),
        _label("milestone", "milestone"),
        _label("milestones", "milestones"),
        _label("baseline", "baseline"),
        _label("forecast", "forecast"),
        _label("done", "done"),
        _label("owner", "owner"),
        _label("due", "due"),
        _label("illustrative", "illustrative"),
        _label("when", "when"),
        _label("user", "user"),
        _label("project", "project"),
        _label("record", "record"),
        _label("field", "field"),
        _label("change", "change"),
        _label("override", "override"),
        _label("no_changes", "No changes recorded."),
        _label("green", "green"),
        _label("amber", "amber"),
        _label("red", "red"),
        _label("concept", "concept"),
        _label("design", "design"),
        _label("construction", "construction"),
        _label("commissioning", "commissioning"),
        _label("in_use", "in use"),
        _label("closed", "closed"),
        _label("sports", "sports"),
        _label("culture", "culture"),
        _label("health", "health"),
        _label("education", "education"),
        _label("transport", "transport"),
        _label("science", "science"),
        _label("rural", "rural"),
        _label("urban", "urban"),
        _label("commerce", "commerce"),
        _label("other", "other"),
        _label("overdue", "overdue"),
        _label("due_soon", "due soon"),
        _label("slipped", "slipped"),
        _label("late_start", "late start"),
        _label("investment_behind", "investment behind schedule"),
        _label("cost_overrun", "cost overrun"),
        _label("stale", "stale"),
        _label("problem_overdue", "problem past its deadline"),
        _label("severity", "severity"),
        _label("rule", "alert"),
        _label("evidence", "evidence"),
        _label("threshold", "threshold"),
        _label("item", "item"),
        _label("kind", "kind"),
        _label("problem", "problem"),
        _label("status_update", "status update"),
        _label("field_name", "name"),
        _label("field_name_en", "English name"),
        _label("field_planned", "annual plan"),
        _label("field_amount", "completed investment"),
        _label("field_funds", "funds in place"),
        _label("field_created", "added"),
        _label("field_deleted", "removed"),
        _label("project_type", "project type"),
        _label("currency", "currency"),
        _label("light_override_reason", "override reason"),
        _label("light_override_by", "override by"),
        _label("light_override_on", "override on"),
        _label("position", "position"),
        _label("lead_days", "lead time"),
        _label("note", "note"),
        _label("year", "year"),
        _label("month", "month"),
        _label("progress_target", "progress target"),
        _label("forecast_finish_explicit", "forecast finish set by hand"),
        _label("completion", "marks completion"),
        _label("reported_on", "reported on"),
        _label("narrative", "narrative"),
        _label("author", "author"),
        _label("description", "description"),
        _label("resolved", "resolved"),
        _label("investment_plan", "annual plan"),
        _label("investment_report", "monthly report"),
    )
)

# The steering words (issue #16): leaders, organisations, libraries, programmes, blockers and
# the statistics enrolment.
LABELS.update(
    (
        _label("leader", "leader in charge"),
        _label("leader_id", "leader in charge"),
        _label("title", "title"),
        _label("organisation", "organisation"),
        _label("library", "library"),
        _label("pipeline", "pipeline"),
        _label("reserve", "reserve"),
        _label("new_start", "new start"),
        _label("continuing", "continuing"),
        _label("completed", "completed"),
        _label("programme", "programme"),
        _label("programme_membership", "programme membership"),
        _label("provincial", "provincial programme"),
        _label("city_key", "city key project"),
        _label("district_key", "district key project"),
        _label("joined_on", "joined on"),
        _label("left_on", "left on"),
        _label("reason", "reason"),
        _label("level", "level"),
        _label("land", "land"),
        _label("forest", "forest land"),
        _label("planning", "planning"),
        _label("energy", "energy quota"),
        _label("funding", "funding"),
        _label("demolition", "demolition"),
        _label("approval", "approval"),
        _label("district", "district"),
        _label("city", "city"),
        _label("province", "province"),
        _label("enrolled_on", "enrolled on"),
        _label("enrolled_cents", "enrolled amount"),
        _label("not_enrolled", "not enrolled in the statistics"),
        _label("enrolment_evidence", "enrolment evidence"),
        _label("approval_document", "approval document"),
        _label("construction_contract", "construction contract"),
        _label("site_photos", "dated site photos"),
        _label("done_on", "done on"),
        _label("unit_kind", "responsible unit"),
        _label("owner_kind", "owner"),
        _label("department_kind", "approving department"),
    )
)

# The approvals pipeline (issue #16): 前期手续.
LABELS.update(
    (
        _label("approvals", "approvals"),
        _label("approval_item", "approval item"),
        _label("step", "approval step"),
        _label("department", "approving department"),
        _label("planned", "planned"),
        _label("submitted", "submitted"),
        _label("approved", "approved"),
        _label("number", "document number"),
        _label("approvals_parallel", "approvals in parallel"),
        _label("approval_overdue", "approval overdue"),
        _label("approvals_open", "approvals open before the start"),
        _label("open_items", "open"),
        _label("average_days", "average days to approve"),
        _label("items", "items"),
    )
)

# From lights to action (issue #17): the escalation ladder, its ledger and the meetings.
LABELS.update(
    (
        _label("instrument_reminder", "reminder"),
        _label("instrument_letter", "supervision letter"),
        _label("instrument_interview_head", "interview of the project's head"),
        _label("instrument_interview_leader", "interview of the leader in charge"),
        _label("response_overdue", "response overdue"),
        _label("escalation", "escalation"),
        _label("ladder_step", "ladder step"),
        _label("instrument", "instrument"),
        _label("addressee", "addressee"),
        _label("issued_on", "issued on"),
        _label("response_due", "response due"),
        _label("answered_on", "answered on"),
        _label("closed_on", "closed out on"),
        _label("closed_by", "closed out by"),
        _label("since", "since"),
        _label("ledger_state", "state"),
        _label("state_open", "open"),
        _label("state_answered", "answered"),
        _label("state_closed", "closed out"),
        _label("meeting_action", "meeting action"),
        _label("meeting", "meeting"),
        _label("held_on", "held on"),
        _label("actions", "actions"),
        _label("action", "action"),
    )
)

# The programme's rates (issue #17).
LABELS.update(
    (
        _label("start_rate", "start rate"),
        _label("investment_rate", "investment completion rate"),
        _label("funds_rate", "funds-in-place rate"),
        _label("on_time_rate", "on-time completion rate"),
        _label("rate", "rate"),
        _label("value", "value"),
        _label("numerator", "numerator"),
        _label("denominator", "denominator"),
        _label("denominator_only", "denominator only"),
        _label("not_counted", "not counted"),
        _label("counted", "counted"),
        _label("target", "target"),
        _label("why", "why"),
    )
)

LIGHT_MARKS = {"green": "● G", "amber": "▲ A", "red": "■ R", None: "○ —"}


@lru_cache(maxsize=1024)
def label(key: str, lang: str) -> str:
    """The label for `key` in `lang` (zh or en); the key itself when there is none."""
    english = LABELS.get(key)
    if english is None:
        return key
    return catalogue(lang).pgettext(key, english)


class Labelled(Said):
    """A glossary key (a stage, say) to be shown as its label in the sentence it fills."""

    __slots__ = ()

    def text(self, lang: str) -> str:
        return label(self.message, lang)


def name_in(lang: str, name: str, name_en: str | None) -> str:
    """A record's name in `lang`: its English name in English when it has one, else its name."""
    return (name_en or name) if lang == "en" else name


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=4096)
def deadline_label(due: date, precision: str, lang: str) -> str:
    """A deadline as officers write it, at its precision: ``2027年3月`` (zh) or ``Mar 2027`` (en).

    `precision` is day, month, quarter or year (the values of tracker.core.dates.Precision).
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unsupported language {lang!r}: expected 'zh' or 'en'")
    year, month = due.year, due.month
    abbr = _MONTHS_EN[month - 1]
    if precision == "day":
        return tr(lang, "{day} {abbr} {year}", day=due.day, abbr=abbr, month=month, year=year)
    if precision == "month":
        return tr(lang, "{abbr} {year}", abbr=abbr, month=month, year=year)
    if precision == "quarter":
        return tr(lang, "Q{quarter} {year}", quarter=(month - 1) // 3 + 1, year=year)
    if precision == "year":
        return tr(lang, "{year}", year=year)
    raise ValueError(f"unsupported precision {precision!r}: expected day, month, quarter or year")
