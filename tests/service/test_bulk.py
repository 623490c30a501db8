"""The bulk door: many records in one transaction, audit entries like single writes, on SQLite
and PostgreSQL; a stale version refuses the whole write."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from tracker.core.errors import ConflictError
from tracker.store.model import Change, Milestone, Project, StatusUpdate
from tracker.store.write.bulk import BulkWriter, FieldChanges, NewChild, NewProject, Plan


def _plan(count: int) -> Plan:
    return Plan(
        new_projects=[
            NewProject(
                {"code": f"B-{n}", "name": f"项目{n}", "total_investment_cents": n * 100},
                {
                    "milestone": [
                        {"name": f"节点{k}", "baseline": date(2027, 1, k + 1), "position": k}
                        for k in range(3)
                    ],
                    "status_update": [
                        {"reported_on": date(2026, 11, 1), "light": "green", "narrative": "ok"}
                    ],
                },
            )
            for n in range(count)
        ]
    )


def test_bulk_write_creates_records_and_their_audit_entries(make_service, clock):
    service = make_service()
    written = BulkWriter(service.engine, user="bulk", clock=clock).write(_plan(50))
    assert written.created == {
        "project": 50,
        "milestone": 150,
        "status_update": 50,
        "investment_plan": 0,
        "investment_report": 0,
        "problem": 0,
        "approval_item": 0,
        "programme_membership": 0,
    }
    assert written.audit_entries == 250
    with Session(service.engine) as session:
        assert session.exec(select(func.count()).select_from(Milestone)).one()[0] == 150
        project = session.exec(select(Project).where(Project.code == "B-7")).one()[0]
        assert (project.total_investment_cents, project.category, project.version) == (
            700,
            "other",
            1,
        )
        entries = session.exec(select(Change).where(Change.project_code == "B-7")).all()
        assert {(c[0].record, c[0].field, c[0].new, c[0].author) for c in entries} == {
            ("project", "created", "项目7", "bulk"),
            ("milestone", "created", "节点0", "bulk"),
            ("milestone", "created", "节点1", "bulk"),
            ("milestone", "created", "节点2", "bulk"),
            ("status_update", "created", "green: ok", "bulk"),
        }
    assert service.update_project("B-7", {"name": "改名"})[0].old == "项目7"


def test_updates_are_audited_and_a_stale_version_writes_nothing(make_service, clock):
    service = make_service()
    writer = BulkWriter(service.engine, user="bulk", clock=clock)
    writer.write(_plan(2))
    with Session(service.engine) as session:
        ids = dict(session.exec(select(Project.code, Project.id)).all())
        status_count = session.exec(select(func.count()).select_from(StatusUpdate)).one()[0]
    change = FieldChanges("project", ids["B-1"], "B-1", 1, {"total_investment_cents": (100, 900)})
    added = NewChild(
        "status_update", ids["B-0"], "B-0", {"reported_on": date(2026, 11, 8), "light": "red"}
    )
    writer.write(Plan(new_children=[added], updates=[change]))
    stale = FieldChanges("project", ids["B-0"], "B-0", 7, {"name": ("项目0", "x")})
    fresh = FieldChanges("project", ids["B-1"], "B-1", 2, {"name": ("项目1", "y")})
    with pytest.raises(ConflictError):
        writer.write(Plan(new_children=[added], updates=[fresh, stale]))
    with Session(service.engine) as session:
        names = dict(session.exec(select(Project.code, Project.name)).all())
        assert names == {"B-0": "项目0", "B-1": "项目1"}
        assert (
            session.exec(select(func.count()).select_from(StatusUpdate)).one()[0]
            == status_count + 1
        )
        moved = session.exec(select(Change).where(Change.field == "total_investment_cents")).one()[
            0
        ]
        assert (moved.old, moved.new, moved.project_code) == ("100", "900", "B-1")
