"""The dispatch meetings' writes (调度会, issue #17): record a meeting with its agenda, the
actions it decides (what, who, by when, for which project) and the day each is done, audited.
A meeting is the bureau's; an action is its project's (the responsible unit marks it done)."""

from __future__ import annotations

from datetime import date

from tracker.core.dates import Deadline
from tracker.core.errors import InputError, NotFoundError
from tracker.i18n.catalogue import N_, Word
from tracker.store.escalation_model import Meeting, MeetingAction
from tracker.store.model import Change, Project
from tracker.store.write.escalation_writes import EscalationWrites, one_line

MEETINGS = Word(N_("dispatch meetings"))


class MeetingWrites(EscalationWrites):
    """The writes of the dispatch meetings (调度会) and their actions (Service inherits them)."""

    def add_meeting(self, held_on: date, title: str | None, agenda: str) -> Meeting:
        """Record a meeting held (or to be held) on `held_on` with the agenda built for it."""
        if self.grant is not None:
            self.grant.refuse_bureau(MEETINGS)
        name = one_line("--title", title)
        with self.session() as session:
            meeting = Meeting(held_on=held_on, title=name, agenda=agenda)
            self._insert(session, meeting, None, name or held_on.isoformat())
            return meeting

    def add_action(
        self, meeting_id: int, code: str, description: str, owner: str, due: Deadline
    ) -> MeetingAction:
        """Record a decision of the meeting `meeting_id`: what, who, by when, for which project."""
        what = one_line("DESCRIPTION", description, required=True)
        who = one_line("--owner", owner, required=True)
        with self.session() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFoundError(
                    "MEETING", str(meeting_id), "the number of a meeting in `tracker meeting list`"
                )
            project = self.project(session, code)
            action = MeetingAction(
                meeting_id=meeting_id,
                project_id=project.id,
                description=what or "",
                owner=who or "",
                due=due.due,
                due_precision=due.precision.value,
            )
            self._insert(session, action, project.code, what or "")
            return action

    def finish_action(self, ident: int, on: date) -> list[Change]:
        """Mark the action `ident` done on `on`; a day already recorded is not overwritten."""
        self.not_after_today("--on", on)
        with self.session() as session:
            action = session.get(MeetingAction, ident)
            if action is None:
                raise NotFoundError(
                    "ACTION", str(ident), "the number of an action in `tracker meeting actions`"
                )
            self._locked(session, action)
            if action.done_on is not None:
                raise InputError(
                    "ACTION",
                    str(ident),
                    "an action not done yet: #{id} was done on {day}",
                    id=ident,
                    day=action.done_on.isoformat(),
                )
            project = session.get(Project, action.project_id)
            code = "" if project is None else project.code
            return self._update(session, action, code, {"done_on": on}, None)
