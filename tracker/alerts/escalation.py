"""The escalation ladder (issue #17): which instrument each project calls for today, and the
instruments whose response is overdue. Pure: facts and `today` in, explained results out.

A project's weekly status cycles are its ISO weeks, each with the week's last status update. A
step of the ladder (tracker/config/escalation_ladder.py) is met when one of its triggers is: the
last N cycles at a light or worse with no week missing, or a milestone overdue by more than N
days. Only the highest step met is due, and only while no instrument of that step or a higher
one has been issued since its trigger began (the first week of the run of lights, the day the
earliest of those milestones fell due): issuing the letter answers the run that called for it.
The evidence is that of the step's first trigger (in the ladder's order) left unanswered.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.alerts.rules import AMBER, RED, Alert, ProjectRef, make_alert
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label, name_in

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from tracker.config.escalation_ladder import Rung, Trigger
    from tracker.config.settings_file import AlertThresholds

RESPONSE_OVERDUE = "response_overdue"
_WORSE = {"green": 0, "amber": 1, "red": 2}


class Cycle(NamedTuple):
    """One weekly status cycle: the ISO week and its last status update."""

    week: str
    monday: date
    update_id: int
    reported_on: date
    light: str
    narrative: str


class Evidence(NamedTuple):
    """One fact that met a trigger: a status cycle or an overdue milestone's alert."""

    kind: str
    """status or alert"""
    on: date
    text: str
    record: str
    record_id: int | None


class DueStep(NamedTuple):
    """A step of the ladder a project calls for today, and why."""

    project: ProjectRef
    rung: Rung
    since: date
    evidence: tuple[Evidence, ...]


def weekly_cycles(updates: Iterable[Mapping[str, Any]]) -> dict[str, list[Cycle]]:
    """Each project's cycles, oldest first, from its status updates ordered by day."""
    cycles: dict[str, dict[str, Cycle]] = {}
    for row in updates:
        day: date = row["reported_on"]
        year, week, weekday = day.isocalendar()
        name = f"{year}-W{week:02d}"
        monday = day - timedelta(days=weekday - 1)
        cycle = Cycle(name, monday, row["id"], day, row["light"], row["narrative"] or "")
        cycles.setdefault(row["code"], {})[name] = cycle
    return {code: list(weeks.values()) for code, weeks in cycles.items()}


def run_of(cycles: list[Cycle], light: str) -> list[Cycle]:
    """The last cycles, oldest first, all at `light` or worse and each a week after the one
    before it."""
    run: list[Cycle] = []
    for cycle in reversed(cycles):
        if _WORSE.get(cycle.light, 0) < _WORSE[light]:
            break
        if run and run[0].monday - cycle.monday != timedelta(days=7):
            break
        run.insert(0, cycle)
    return run


def _status_evidence(cycle: Cycle, lang: str) -> Evidence:
    text = tr(
        lang,
        "{week}: {light} (status of {day}: {narrative})",
        week=cycle.week,
        light=label(cycle.light, lang),
        day=cycle.reported_on.isoformat(),
        narrative=cycle.narrative or "—",
    )
    return Evidence("status", cycle.reported_on, text, "status_update", cycle.update_id)


def _met(
    trigger: Trigger, cycles: list[Cycle], overdue: list[Alert], today: date, lang: str
) -> tuple[date, tuple[Evidence, ...]] | None:
    """When the trigger began and the facts that meet it; None when it is not met."""
    if trigger.light is not None:
        run = run_of(cycles, trigger.light)
        if len(run) < trigger.weeks:
            return None
        return run[0].monday, tuple(_status_evidence(c, lang) for c in run[-trigger.weeks :])
    limit = today - timedelta(days=trigger.overdue_days or 0)
    late = [a for a in overdue if a.due is not None and a.due < limit]
    if not late:
        return None
    evidence = tuple(
        Evidence(
            "alert",
            a.due,
            tr(
                lang,
                "{item}: {evidence}",
                item=name_in(lang, a.item, a.item_en),
                evidence=a.evidence,
            ),
            a.record,
            a.record_id,
        )
        for a in sorted(late, key=lambda a: (a.due, a.item))
        if a.due is not None
    )
    return min(a.due for a in late if a.due is not None), evidence


def due_steps(
    ladder: tuple[Rung, ...],
    refs: Mapping[str, ProjectRef],
    cycles: Mapping[str, list[Cycle]],
    overdue: Mapping[str, list[Alert]],
    issued: Mapping[str, list[tuple[str, date]]],
    today: date,
    lang: str = "en",
) -> list[DueStep]:
    """The step each project calls for today (at most one a project), by project code.

    `issued` holds each project's instruments as (step key, day issued)."""
    rank = {rung.key: index for index, rung in enumerate(ladder)}
    found: list[DueStep] = []
    for code in sorted(refs):
        for index in range(len(ladder) - 1, -1, -1):
            rung = ladder[index]
            met = [
                m
                for trigger in rung.when
                if (m := _met(trigger, cycles.get(code, []), overdue.get(code, []), today, lang))
            ]
            if not met:
                continue
            answered = [day for step, day in issued.get(code, []) if rank.get(step, -1) >= index]
            open_ = [(since, ev) for since, ev in met if not any(d >= since for d in answered)]
            if open_:  # the first trigger, in the ladder's order, that nothing has answered
                found.append(DueStep(refs[code], rung, *open_[0]))
            break
    return found


def response_alert(
    row: Mapping[str, Any], today: date, limits: AlertThresholds, lang: str
) -> Alert:
    """An instrument not answered by its response deadline: amber; red when later than
    `response_red_days`."""
    late = (today - row["due"]).days
    severity = RED if late > limits.response_red_days else AMBER
    instrument = label(f"instrument_{row['instrument']}", lang)
    return make_alert(
        ProjectRef(row["code"], row["project_name"], row["project_name_en"]),
        RESPONSE_OVERDUE,
        severity,
        item=f"{instrument} {row['number'] or '#' + str(row['id'])}",
        record="escalation",
        record_id=row["id"],
        due=row["due"],
        evidence=tr(
            lang,
            "issued {issued} to {addressee}; answer due {due}, {late} days ago; not answered",
            issued=row["issued_on"].isoformat(),
            addressee=row["addressee"],
            due=row["due"].isoformat(),
            late=late,
        ),
        threshold=tr(
            lang,
            "not answered by the response deadline: amber; more than {red} days: red",
            red=limits.response_red_days,
        ),
    )
