"""The steering writes (issue #16): leaders and organisations, who answers for a project, its
library, its programme membership and its statistics enrolment, every one audited.

An organisation is referred to by its name (`project.unit`, `project.owner_org`): a project
naming a new one through `create_project`/`update_project` (the older doors, the importer)
records it in the same unit of work; `assign` refuses an unknown leader or organisation, naming
the nearest.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from tracker.config.run import has_control
from tracker.core.errors import InputError, NotFoundError
from tracker.core.steering import (
    EVIDENCE_ITEMS,
    LIBRARIES,
    ORGANISATION_KINDS,
    PROBLEM_KINDS,
    PROBLEM_LEVELS,
    PROGRAMMES,
)
from tracker.i18n.catalogue import N_
from tracker.store.model import Change, Problem, Project
from tracker.store.steering_model import (
    EnrolmentEvidence,
    Leader,
    Organisation,
    ProgrammeMembership,
)
from tracker.store.write.milestone_writes import MilestoneWrites

ORGANISATION_FIELDS = {"unit": "unit", "owner_org": "owner"}
"""The project's columns that name an organisation, and the kind a new one is given."""


def check_problem_type(kind: str | None, level: str | None) -> None:
    """Refuse a problem kind or level that is not one of ours."""
    if kind is not None and kind not in PROBLEM_KINDS:
        raise InputError("--kind", kind, ", ".join(PROBLEM_KINDS))
    if level is not None and level not in PROBLEM_LEVELS:
        raise InputError("--level", level, ", ".join(PROBLEM_LEVELS))


def _name(field: str, text: str | None) -> str:
    name = (text or "").strip()
    if not name or has_control(name):
        raise InputError(field, text or "", "a name without control characters")
    return name


class SteeringWrites(MilestoneWrites):
    """Leaders, organisations, programmes and enrolment (Service inherits them)."""

    if TYPE_CHECKING:  # Service's, which these writes go through

        def update_project(
            self, code: str, changes: Mapping[str, Any], *, expected_version: int | None = None
        ) -> list[Change]: ...

    # -- leaders and organisations ----------------------------------------------------------

    def add_leader(
        self, name: str, title: str | None = None, *, illustrative: bool = False
    ) -> Leader:
        """Record a leader in charge (包保领导); the name must be new."""
        name = _name("name", name)
        with self.session() as session:
            if _by_name(session, Leader, name) is not None:
                raise InputError("name", name, "a name no other leader has")
            leader = Leader(
                name=name, title=(title or "").strip() or None, illustrative=illustrative
            )
            self._insert(session, leader, None, name)
            return leader

    def add_organisation(self, name: str, kind: str | None = None) -> Organisation:
        """Record an organisation (责任单位, 业主单位, 审批部门); the name must be new."""
        name = _name("name", name)
        if kind is not None and kind not in ORGANISATION_KINDS:
            raise InputError("--kind", kind, ", ".join(ORGANISATION_KINDS))
        with self.session() as session:
            if _by_name(session, Organisation, name) is not None:
                raise InputError("name", name, "a name no other organisation has")
            organisation = Organisation(name=name, kind=kind)
            self._insert(session, organisation, None, name)
            return organisation

    def rename_leader(
        self, name: str, new_name: str | None, title: str | None = None
    ) -> list[Change]:
        """Rename a leader or change their title; their projects follow (they refer by id)."""
        with self.session() as session:
            leader = self._leader(session, name)
            changes: dict[str, Any] = {}
            if new_name is not None:
                changes["name"] = self._free_name(session, Leader, new_name, leader.id)
            if title is not None:
                changes["title"] = title.strip() or None
            return self._update(session, leader, None, changes, None)

    def rename_organisation(self, name: str, new_name: str) -> list[Change]:
        """Rename an organisation; every project naming it follows (ON UPDATE CASCADE)."""
        with self.session() as session:
            organisation = self._organisation(session, name)
            new = self._free_name(session, Organisation, new_name, organisation.id)
            return self._update(session, organisation, None, {"name": new}, None)

    def assign(
        self,
        code: str,
        *,
        leader: str | None = None,
        unit: str | None = None,
        owner_org: str | None = None,
        expected_version: int | None = None,
    ) -> list[Change]:
        """Make a recorded leader, responsible unit or owner answer for a project ("" clears
        one); an unknown one is refused, naming the nearest."""
        changes: dict[str, Any] = {}
        with self.session() as session:
            if leader is not None:
                changes["leader_id"] = self._leader(session, leader).id if leader.strip() else None
            for field, value in (("unit", unit), ("owner_org", owner_org)):
                if value is not None:
                    found = self._organisation(session, value, f"--{field.replace('_', '-')}")
                    changes[field] = found.name if value.strip() else None
        if not changes:
            raise InputError("assign", code, "at least one of --leader, --unit, --owner-org")
        return self.update_project(code, changes, expected_version=expected_version)

    def leader_id(self, name: str | None) -> int | None:
        """The id of the recorded leader `name` (None for none); NotFoundError naming the
        nearest when there is no such leader."""
        if not (name or "").strip():
            return None
        with self.session() as session:
            return self._leader(session, name or "").id

    def leader_id_or_none(self, name: str) -> int | None:
        """The id of the recorded leader `name`, or None when there is none."""
        with self.session() as session:
            found = _by_name(session, Leader, name.strip())
            return None if found is None else found.id

    def record_organisations(self, session: Session, fields: Mapping[str, Any]) -> None:
        """Record each organisation `fields` (a project's) names that is not recorded yet."""
        for field, kind in ORGANISATION_FIELDS.items():
            name = fields.get(field)
            if name and _by_name(session, Organisation, name) is None:
                self._insert(session, Organisation(name=name, kind=kind), None, name)

    # -- library, programmes, enrolment -----------------------------------------------------

    def set_library(self, code: str, library: str | None) -> list[Change]:
        """Move a project to a library (谋划, 储备, 新开工, 续建, 竣工); None takes it out."""
        if library is not None and library not in LIBRARIES:
            raise InputError("--library", library, ", ".join(LIBRARIES))
        return self.update_project(code, {"library": library})

    def join_programme(
        self,
        code: str,
        programme: str,
        year: int,
        *,
        on: date,
        reason: str | None = None,
        illustrative: bool = False,
    ) -> ProgrammeMembership:
        """A project joins a programme for a year; refused while it is a member already."""
        if programme not in PROGRAMMES:
            raise InputError("programme", programme, ", ".join(PROGRAMMES))
        self.not_after_today("--on", on)
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            if self._membership(session, project, programme, year) is not None:
                raise InputError(
                    "programme",
                    programme,
                    "a programme {code} is not in for {year} yet",
                    code=project.code,
                    year=year,
                )
            membership = ProgrammeMembership(
                project_id=_id(project),
                programme=programme,
                year=year,
                joined_on=on,
                reason=(reason or "").strip() or None,
                illustrative=illustrative,
            )
            self._insert(session, membership, project.code, f"{programme} {year}")
            return membership

    def leave_programme(
        self, code: str, programme: str, year: int, *, on: date, reason: str
    ) -> list[Change]:
        """A project leaves a programme it is in, with the reason (e.g. 退出: 年内无法开工)."""
        if not (reason or "").strip():
            raise InputError("--reason", reason or "", "why the project leaves the programme")
        self.not_after_today("--on", on)
        with self.session() as session:
            project = self.project(session, code)
            membership = self._membership(session, project, programme, year)
            if membership is None:
                raise NotFoundError(
                    "programme",
                    programme,
                    "a programme {code} is in for {year}",
                    code=project.code,
                    year=year,
                )
            if on < membership.joined_on:
                raise InputError(
                    "--on",
                    on.isoformat(),
                    "a day not before it joined, {joined}",
                    joined=membership.joined_on.isoformat(),
                )
            changes = {"left_on": on, "reason": reason.strip()}
            return self._update(session, membership, project.code, changes, None)

    def set_enrolment(
        self, code: str, on: date | None, cents: int | None, *, expected_version: int | None = None
    ) -> list[Change]:
        """Record the day a project was enrolled in the statistics (入库纳统) and the amount."""
        self.not_after_today("--on", on)
        if cents is not None and cents < 0:
            raise InputError("--amount", cents, "an amount of zero or more")
        changes = {"enrolled_on": on, "enrolled_cents": cents}
        return self.update_project(code, changes, expected_version=expected_version)

    def mark_evidence(
        self, code: str, item: str, on: date | None, note: str | None = None
    ) -> list[Change] | EnrolmentEvidence:
        """Mark an item of the enrolment evidence done on a day (None: not done)."""
        if item not in EVIDENCE_ITEMS:
            raise InputError("item", item, ", ".join(EVIDENCE_ITEMS))
        self.not_after_today("--on", on)
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            found = session.exec(
                select(EnrolmentEvidence).where(
                    EnrolmentEvidence.project_id == project.id, EnrolmentEvidence.item == item
                )
            ).first()
            if found is not None:
                values: dict[str, Any] = {"done_on": on}
                if note is not None:
                    values["note"] = note.strip() or None
                return self._update(session, found, project.code, values, None)
            evidence = EnrolmentEvidence(
                project_id=_id(project), item=item, done_on=on, note=(note or "").strip() or None
            )
            self._insert(session, evidence, project.code, item)
            return evidence

    def type_problem(
        self, code: str, problem_id: int, kind: str | None, level: str | None
    ) -> list[Change]:
        """Set a problem's kind (要素保障) and the level that must solve it (None: leave)."""
        check_problem_type(kind, level)
        with self.session() as session:
            project = self.project(session, code)
            problem = session.get(Problem, problem_id)
            if problem is None or problem.project_id != project.id:
                raise NotFoundError(
                    "problem", problem_id, "the id of a problem of {code}", code=project.code
                )
            changes = {k: v for k, v in (("kind", kind), ("level", level)) if v is not None}
            return self._update(session, problem, project.code, changes, None)

    # -- lookups ----------------------------------------------------------------------------

    def _leader(self, session: Session, name: str, field: str = "--leader") -> Leader:
        found = _by_name(session, Leader, name.strip())
        if found is None and name.strip():
            raise _unknown(
                session,
                Leader,
                field,
                name,
                N_("a recorded leader"),
                N_("a recorded leader (nearest: {nearest})"),
            )
        return found

    def _organisation(
        self, session: Session, name: str, field: str = "organisation"
    ) -> Organisation:
        found = _by_name(session, Organisation, name.strip())
        if found is None and name.strip():
            raise _unknown(
                session,
                Organisation,
                field,
                name,
                N_("a recorded organisation"),
                N_("a recorded organisation (nearest: {nearest})"),
            )
        return found

    def _free_name(self, session: Session, model: type[Any], name: str, own: int | None) -> str:
        name = _name("new name", name)
        taken = _by_name(session, model, name)
        if taken is not None and taken.id != own:
            raise InputError("new name", name, "a name nobody else has")
        return name

    @staticmethod
    def _membership(
        session: Session, project: Project, programme: str, year: int
    ) -> ProgrammeMembership | None:
        return session.exec(
            select(ProgrammeMembership).where(
                ProgrammeMembership.project_id == project.id,
                ProgrammeMembership.programme == programme,
                ProgrammeMembership.year == year,
                ProgrammeMembership.left_on == None,  # noqa: E711 - SQL IS NULL
            )
        ).first()


def _by_name(session: Session, model: type[Any], name: str) -> Any:
    return session.exec(select(model).where(model.name == name)).first()


def _unknown(
    session: Session, model: type[Any], field: str, name: str, what: str, near: str
) -> NotFoundError:
    """Not found: `what` was expected, or `near` naming the nearest recorded names."""
    names = list(session.exec(select(model.name)).all())
    nearest = get_close_matches(name.strip(), names, n=3, cutoff=0.3)
    if not nearest:
        return NotFoundError(field, name, what)
    return NotFoundError(field, name, near, nearest=", ".join(nearest))


def _id(project: Project) -> int:
    if project.id is None:
        raise RuntimeError("a project must be saved before records can refer to it")
    return project.id
