"""The steering tables (issue #16): who answers for a project, which programmes it is in, and
the evidence the statistics office asks for before enrolment (入库纳统).

An organisation is named by its natural key: `project.unit` and `project.owner_org` hold its
name and refer to `organisation.name` (ON UPDATE CASCADE), so a rename carries into every
project and the row-level security that reads `project.unit` keeps working.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Organisation(SQLModel, table=True):
    """责任单位 / 业主单位 / 审批部门: an organisation a project names."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    kind: str | None = None
    """unit (责任单位), owner (业主单位) or department (审批部门); None when not said."""
    illustrative: bool = False
    version: int = 1


class Leader(SQLModel, table=True):
    """包保领导: the leader in charge of projects."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    title: str | None = None
    illustrative: bool = False
    version: int = 1


class ProgrammeMembership(SQLModel, table=True):
    """A project's membership of a programme (省「千项万亿」, 市重点, 区重点) for a year."""

    __tablename__ = "programme_membership"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    programme: str
    year: int
    joined_on: date
    left_on: date | None = None
    reason: str | None = None
    """Why it left (e.g. 退出: 年内无法开工); the join's reason is in the audit trail."""
    illustrative: bool = False
    version: int = 1


class EnrolmentEvidence(SQLModel, table=True):
    """One item of the statistics office's evidence checklist, and the day it was done."""

    __tablename__ = "enrolment_evidence"

    __table_args__ = (UniqueConstraint("project_id", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    item: str
    """approval_document, construction_contract or site_photos (tracker.core.steering)."""
    done_on: date | None = None
    note: str | None = None
    version: int = 1


STEERING_TABLES: tuple[type[SQLModel], ...] = (
    Organisation,
    Leader,
    ProgrammeMembership,
    EnrolmentEvidence,
)
