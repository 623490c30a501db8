"""The approvals pipeline's table (前期手续, issue #16): one approval item of a project.

An item follows a step of the office's template (tracker.config.approval_template) by its key,
and keeps its own name and department, so that the template may change under it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class ApprovalItem(SQLModel, table=True):
    """前期手续事项: one approval a project needs, from planning to the approval document."""

    __tablename__ = "approval_item"
    __table_args__ = (UniqueConstraint("project_id", "step"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    step: str
    """The template step's key (e.g. feasibility)."""
    name: str
    name_en: str | None = None
    position: int = 0
    department: str
    """审批部门: the approving department."""
    officer: str | None = None
    """The officer who chases it."""
    planned: date | None = None
    planned_precision: str | None = None
    submitted: date | None = None
    approved: date | None = None
    number: str | None = None
    """文号: the approval document's number."""
    note: str | None = None
    illustrative: bool = False
    version: int = 1


APPROVAL_TABLES: tuple[type[SQLModel], ...] = (ApprovalItem,)
