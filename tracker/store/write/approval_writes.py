"""The approval items' writes (前期手续): add an item from the template, record its planned,
submitted and approved days, its document number (文号), and remove it, each audited.

An approval day is a recorded fact: changing one already recorded needs `correct=True`, and the
door says what it held. No submitted or approved day may be after today, nor an approval before
its submission. Along the main line (主线, a project whose approvals do not run in parallel) an
item is submitted only once every item before it in the template is approved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from tracker.config.approval_template import Step
from tracker.core.dates import Deadline
from tracker.core.errors import InputError, NotFoundError
from tracker.i18n.catalogue import N_
from tracker.store.approval_model import ApprovalItem
from tracker.store.model import Change, Project
from tracker.store.write.milestone_writes import MilestoneWrites, deadline_fields
from tracker.store.write.unit_of_work import snapshot, table_of

_TEXT_FIELDS = ("department", "officer", "number", "note")
_MAX_TEXT = 500
_RECORDED = {
    "submitted": N_(
        "a step not yet submitted: {step} was submitted on {day} (--correct changes that day)"
    ),
    "approved": N_(
        "a step not yet approved: {step} was approved on {day} (--correct changes that day)"
    ),
}


def _check_text(field: str, value: str | None) -> None:
    if value is None:
        return
    if not value.strip() or len(value) > _MAX_TEXT or any(ord(c) < 32 for c in value):
        raise InputError(field, value, "a text of 1 to 500 characters on one line")


def find_step(steps: tuple[Step, ...], ref: str) -> Step:
    """The template step that `ref` names (its key, its name or its English name)."""
    typed = ref.strip().casefold()
    for step in steps:
        if typed in (step.key, step.name.casefold(), step.name_en.casefold()):
            return step
    raise InputError("step", ref, "one of {choices}", choices=", ".join(s.key for s in steps))


class ApprovalWrites(MilestoneWrites):
    """The writes of approval items (Service inherits them)."""

    def add_approval(
        self,
        code: str,
        step: Step,
        steps: tuple[Step, ...],
        *,
        department: str | None = None,
        officer: str | None = None,
        planned: Deadline | None = None,
        note: str | None = None,
        illustrative: bool = False,
    ) -> ApprovalItem:
        """Add the item of `step` (its department the template's unless given) to a project."""
        for field, value in (("--department", department), ("--officer", officer)):
            _check_text(field, value)
        _check_text("--note", note)
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            code = project.code
            if self._item_or_none(session, project, step.key) is not None:
                raise InputError("step", step.key, "a step this project has no item for yet")
            item = ApprovalItem(
                project_id=_pk(project),
                step=step.key,
                name=step.name,
                name_en=step.name_en,
                position=[s.key for s in steps].index(step.key),
                department=(department or step.department).strip(),
                officer=officer,
                note=note,
                illustrative=illustrative,
                **deadline_fields("planned", planned),
            )
            self._insert(session, item, code, item.name)
            return item

    def set_approval(
        self,
        code: str,
        step: str,
        changes: Mapping[str, Any],
        *,
        correct: bool = False,
        expected_version: int | None = None,
    ) -> tuple[ApprovalItem, dict[str, Any]]:
        """Change an item's fields (`planned` a Deadline, `submitted`/`approved` days, texts);
        returns the item and what the changed recorded days held before."""
        values = dict(changes)
        for field in _TEXT_FIELDS:
            if field in values:
                _check_text(f"--{field}", values[field])
        if "planned" in values:
            values.update(deadline_fields("planned", values.pop("planned")))
        for field in ("submitted", "approved"):
            if field in values:
                self.not_after_today(f"--{field}", values[field])
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            item = self._item(session, project, step)
            before = self._overwritten(item, values, correct)
            submitted = values.get("submitted", item.submitted)
            approved = values.get("approved", item.approved)
            if approved is not None and submitted is not None and approved < submitted:
                raise InputError(
                    "--approved",
                    approved.isoformat(),
                    "a day not before the submission, {submitted}",
                    submitted=submitted.isoformat(),
                )
            if values.get("submitted") is not None and not project.approvals_parallel:
                self._main_line_open(session, project, item)
            self._update(session, item, project.code, values, expected_version)
            return item, before

    def set_approvals_parallel(self, code: str, parallel: bool) -> list[Change]:
        """Let a project's approvals run in parallel, or along the main line (主线)."""
        with self.session() as session:
            project = self.project(session, code)
            return self._update(
                session, project, project.code, {"approvals_parallel": parallel}, None
            )

    def remove_approval(self, code: str, step: str) -> list[Change]:
        """Remove an item; its audit entry keeps the whole record, so `revert` restores it."""
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            item = self._item(session, project, step)
            table = table_of(ApprovalItem)
            row = {column.name: getattr(item, column.name) for column in table.columns}
            session.connection().execute(delete(table).where(table.c.id == item.id))
            return [
                self._log(
                    session,
                    self.clock(),
                    project.code,
                    "approval_item",
                    item.id,
                    "deleted",
                    snapshot(row, table),
                    None,
                )
            ]

    # -- what the writes need -------------------------------------------------------------

    @staticmethod
    def _item_or_none(session: Session, project: Project, step: str) -> ApprovalItem | None:
        return session.exec(
            select(ApprovalItem).where(
                ApprovalItem.project_id == project.id, ApprovalItem.step == step
            )
        ).first()

    def _item(self, session: Session, project: Project, step: str) -> ApprovalItem:
        item = self._item_or_none(session, project, step)
        if item is None:
            have = session.exec(
                select(ApprovalItem.step)
                .where(ApprovalItem.project_id == project.id)
                .order_by(col(ApprovalItem.position))
            ).all()
            raise NotFoundError(
                "step",
                step,
                "an approval item of {code}: {steps}",
                code=project.code,
                steps=", ".join(have) or "—",
            )
        return self._locked(session, item)

    @staticmethod
    def _overwritten(
        item: ApprovalItem, values: Mapping[str, Any], correct: bool
    ) -> dict[str, Any]:
        """What the recorded days about to change held; refused unless `correct`."""
        before: dict[str, Any] = {}
        for field in ("submitted", "approved"):
            held: date | None = getattr(item, field)
            if field in values and held is not None and values[field] != held:
                if not correct:
                    raise InputError(
                        f"--{field}",
                        values[field].isoformat() if values[field] else "",
                        _RECORDED[field],
                        step=item.step,
                        day=held.isoformat(),
                    )
                before[field] = held
        return before

    @staticmethod
    def _main_line_open(session: Session, project: Project, item: ApprovalItem) -> None:
        """Refuse a submission while an item before it on the main line is not approved."""
        waiting = session.exec(
            select(ApprovalItem)
            .where(
                ApprovalItem.project_id == project.id,
                ApprovalItem.position < item.position,
                ApprovalItem.approved.is_(None),  # type: ignore[union-attr]
            )
            .order_by(col(ApprovalItem.position))
        ).first()
        if waiting is not None:
            raise InputError(
                "--submitted",
                item.step,
                "a step whose steps before it are approved (main line): {waiting} is not",
                waiting=waiting.step,
            )


def _pk(project: Project) -> int:
    if project.id is None:
        raise RuntimeError("a project must be saved before records can refer to it")
    return project.id
