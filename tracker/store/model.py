"""The portfolio's tables, named in the officers' words (see GLOSSARY.md).

Money is stored as integer minor units (fen, pence) in `*_cents` columns; a figure the source
does not give is NULL (unknown), never 0. A deadline is a due day plus its precision.
Every table carries `version`, bumped on each write, so a stale write can be refused.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    UniqueConstraint,
    false,
    text,
)
from sqlmodel import Field, SQLModel


class Stage(StrEnum):
    """阶段: where a project stands."""

    CONCEPT = "concept"
    DESIGN = "design"
    CONSTRUCTION = "construction"
    COMMISSIONING = "commissioning"
    IN_USE = "in_use"
    CLOSED = "closed"


class Light(StrEnum):
    """亮灯: a project's status light."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


CATEGORIES = (
    "sports",
    "culture",
    "health",
    "education",
    "transport",
    "science",
    "rural",
    "urban",
    "commerce",
    "infrastructure",
    "transformation",
    "military",
    "ict",
    "other",
)


class Project(SQLModel, table=True):
    """项目: one major project of the portfolio."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=64)
    name: str
    name_en: str | None = None
    category: str = "other"
    project_type: str | None = None
    stage: str = Stage.CONCEPT.value
    unit: str | None = Field(
        default=None, sa_column_args=[ForeignKey("organisation.name", onupdate="CASCADE")]
    )
    """责任单位: the responsible unit's name, a reference to `organisation.name`."""
    officer: str | None = None
    owner_org: str | None = Field(
        default=None, sa_column_args=[ForeignKey("organisation.name", onupdate="CASCADE")]
    )
    """业主单位: the owner organisation's name, a reference to `organisation.name`."""
    location: str | None = None
    scale: str | None = None
    total_investment_cents: int | None = Field(default=None, sa_type=BigInteger)
    currency: str = Field(default="CNY", max_length=3)
    baseline_start: date | None = None
    baseline_start_precision: str | None = None
    baseline_finish: date | None = None
    baseline_finish_precision: str | None = None
    forecast_finish: date | None = None
    forecast_finish_precision: str | None = None
    forecast_finish_explicit: bool = Field(
        default=False, sa_column_kwargs={"server_default": false()}
    )
    """Set by an officer: the forecast finish no longer follows the completion milestone."""
    actual_start: date | None = None
    actual_finish: date | None = None
    sources: str | None = None
    notes: str | None = None
    light_override: str | None = None
    light_override_reason: str | None = None
    light_override_by: str | None = None
    light_override_on: date | None = None
    # -- steering (issue #16, migration 0007): leader, library, statistics enrolment --
    leader_id: int | None = Field(default=None, foreign_key="leader.id", ondelete="SET NULL")
    """包保领导: the leader in charge."""
    library: str | None = None
    """项目库: pipeline, reserve, new_start, continuing or completed (tracker.core.steering)."""
    enrolled_on: date | None = None
    """入库纳统: the day the project was enrolled in the investment statistics."""
    enrolled_cents: int | None = Field(default=None, sa_type=BigInteger)
    """The amount enrolled in the investment statistics (minor units)."""
    # -- approvals (issue #16, migration 0006) --
    approvals_parallel: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    """前期手续: the approval items run in parallel; False: they follow the template's main line
    (主线), each submitted only once the one before it is approved."""
    version: int = 1


class Milestone(SQLModel, table=True):
    """节点: a dated step of a project; due is the forecast if set, else the baseline."""

    __table_args__ = (
        UniqueConstraint("project_id", "name"),
        Index(
            "ix_milestone_open_due",
            text("COALESCE(forecast, baseline)"),
            "project_id",
            sqlite_where=text("done IS NULL"),
            postgresql_where=text("done IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    name: str
    name_en: str | None = None
    position: int = 0
    baseline: date | None = None
    baseline_precision: str | None = None
    forecast: date | None = None
    forecast_precision: str | None = None
    done: date | None = None
    done_precision: str | None = None
    owner: str | None = None
    lead_days: int | None = None
    note: str | None = None
    illustrative: bool = False
    completion: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    """The milestone that marks the project's completion (one a project): the project's forecast
    finish follows it."""
    version: int = 1


class InvestmentPlan(SQLModel, table=True):
    """年度计划投资: a year's planned investment and physical-progress target."""

    __tablename__ = "investment_plan"

    __table_args__ = (UniqueConstraint("project_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    year: int
    planned_cents: int | None = Field(default=None, sa_type=BigInteger)
    progress_target: str | None = None
    illustrative: bool = False
    version: int = 1


class InvestmentReport(SQLModel, table=True):
    """完成投资: the amount completed in one month, and the funds in place."""

    __tablename__ = "investment_report"

    __table_args__ = (UniqueConstraint("project_id", "year", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    year: int
    month: int
    amount_cents: int | None = Field(default=None, sa_type=BigInteger)
    funds_in_place_cents: int | None = Field(default=None, sa_type=BigInteger)
    illustrative: bool = False
    version: int = 1


class StatusUpdate(SQLModel, table=True):
    """A dated status update: light and narrative (形象进度)."""

    __tablename__ = "status_update"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    reported_on: date
    light: str
    narrative: str = ""
    author: str = ""
    illustrative: bool = False
    version: int = 1


class Problem(SQLModel, table=True):
    """存在问题: a problem with its owner and resolution deadline (解决时限)."""

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    description: str
    owner: str | None = None
    due: date | None = None
    due_precision: str | None = None
    resolved: date | None = None
    illustrative: bool = False
    kind: str | None = None
    """要素保障: land, forest, planning, energy, funding, demolition, approval or other."""
    level: str | None = None
    """The level that must solve it: district, city or province."""
    version: int = 1


class Change(SQLModel, table=True):
    """操作记录: one field of one record changed by one user at one moment (the audit trail)."""

    __table_args__ = (
        Index("ix_change_project_at", "project_code", "at"),
        Index("ix_change_record_field", "record", "field", "record_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
    author: str
    project_code: str | None = None
    record: str
    record_id: int | None = None
    field: str
    old: str | None = None
    new: str | None = None
    reverts: int | None = None
    """The id of the entry this one undoes (an undo's or a redo's entry); None for an
    ordinary write. No foreign key: the trail is only ever appended to."""
    hash: str | None = None
    """This entry's link in the hash chain (tracker.store.chain), set by the database."""


class Officer(SQLModel, table=True):
    """An officer's login on a shared database: the name the trail shows, their units, role."""

    login: str = Field(primary_key=True)
    display_name: str
    units: str = "[]"
    """The units (责任单位, as `project.unit` names them) whose projects they write, JSON."""
    role: str
    version: int = 1


TABLES: tuple[type[SQLModel], ...] = (
    Project,
    Milestone,
    InvestmentPlan,
    InvestmentReport,
    StatusUpdate,
    Problem,
    Change,
    Officer,
)

# The steering tables (issue #16): organisations, leaders, programme membership, evidence.
from tracker.store.steering_model import STEERING_TABLES  # noqa: E402

TABLES += STEERING_TABLES

# The approvals pipeline (issue #16): the approval items (前期手续).
from tracker.store.approval_model import APPROVAL_TABLES  # noqa: E402

TABLES += APPROVAL_TABLES

# From lights to action (issue #17): the escalation ledger, dispatch meetings and their actions.
from tracker.store.escalation_model import ESCALATION_TABLES  # noqa: E402

TABLES += ESCALATION_TABLES
