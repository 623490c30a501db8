"""From lights to action (issue #17): the instruments issued up the escalation ladder, the
dispatch meetings (调度会) and the actions they assign.

- `escalation`: one instrument issued to a project (a reminder 提醒, a supervision letter 督办函,
  an interview 约谈), with its number, addressee and response deadline; a ledger that goes open →
  answered → closed (销号), each with its date and who did it.
- `meeting`: one dispatch meeting, with the agenda as it was built for it (JSON).
- `meeting_action`: a decision of a meeting, with its owner, deadline and project; tracked until
  done, it reappears in every later meeting's agenda.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel


class Escalation(SQLModel, table=True):
    """An instrument of the escalation ladder issued to a project."""

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    step: str
    """The ladder step's key (settings `[escalation]`) that called for it."""
    instrument: str
    """reminder (提醒), letter (督办函), interview_head (约谈项目负责人), interview_leader."""
    number: str | None = None
    """The instrument's number, e.g. 余发改督〔2026〕12号."""
    addressee: str
    issued_on: date
    due: date
    """The response deadline."""
    evidence: str = "[]"
    """What triggered it, as issued (JSON list of lines)."""
    answered_on: date | None = None
    answer: str | None = None
    closed_on: date | None = None
    """销号: the day it was closed out."""
    closed_by: str | None = None
    illustrative: bool = False
    version: int = 1


class Meeting(SQLModel, table=True):
    """A dispatch meeting (调度会) and the agenda built for it."""

    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(index=True)
    title: str | None = None
    agenda: str = "{}"
    """The agenda as built on the day (JSON), so that the record shows what was discussed."""
    note: str | None = None
    illustrative: bool = False
    version: int = 1


class MeetingAction(SQLModel, table=True):
    """A decision of a meeting: what, who, by when, for which project; done on a date."""

    __tablename__ = "meeting_action"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    project_id: int | None = Field(
        default=None, foreign_key="project.id", index=True, ondelete="CASCADE"
    )
    description: str
    owner: str
    due: date
    due_precision: str | None = None
    done_on: date | None = None
    illustrative: bool = False
    version: int = 1


ESCALATION_TABLES: tuple[type[SQLModel], ...] = (Escalation, Meeting, MeetingAction)
