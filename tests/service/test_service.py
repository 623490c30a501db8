"""The service layer: every write leaves an audit entry; stale writes are refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from tracker.core.dates import Deadline, Precision
from tracker.core.errors import ConflictError, InputError, NotFoundError
from tracker.store.model import Change, Light, Milestone, Project


def _project(service, code: str = "YH-TEST") -> None:
    service.create_project({"code": code, "name": "测试项目", "stage": "construction"})


def _changes(service) -> list[Change]:
    with Session(service.engine) as session:
        return list(session.exec(select(Change).order_by(Change.id)).all())


def test_create_project_leaves_created_entry(make_service):
    service = make_service("alice")
    _project(service)
    [entry] = _changes(service)
    assert (entry.author, entry.project_code, entry.record, entry.field, entry.new) == (
        "alice",
        "YH-TEST",
        "project",
        "created",
        "测试项目",
    )


def test_unknown_investment_stays_unknown_not_zero(make_service):
    service = make_service()
    _project(service)
    with Session(service.engine) as session:
        project = session.exec(select(Project)).one()
    assert project.total_investment_cents is None


def test_duplicate_code_refused(make_service):
    service = make_service()
    _project(service)
    with pytest.raises(InputError, match="code"):
        _project(service)


def test_mark_done_records_old_and_new(make_service):
    service = make_service("bob")
    _project(service)
    march = Deadline(date(2027, 3, 31), Precision.MONTH)
    service.add_milestone("YH-TEST", "竣工验收", baseline=march)
    changes = service.mark_done("YH-TEST", "竣工验收", date(2026, 11, 20))
    assert {(c.field, c.old, c.new) for c in changes} == {
        ("done", None, "2026-11-20"),
        ("done_precision", None, "day"),
    }
    assert all(c.author == "bob" for c in changes)


def test_marking_done_twice_changes_nothing(make_service):
    service = make_service()
    _project(service)
    service.add_milestone("YH-TEST", "开工")
    service.mark_done("YH-TEST", "开工", date(2026, 1, 5))
    before = len(_changes(service))
    assert service.mark_done("YH-TEST", "开工", date(2026, 1, 5)) == []
    assert len(_changes(service)) == before


def test_milestone_found_by_id_and_english_name(make_service):
    service = make_service()
    _project(service)
    milestone = service.add_milestone("YH-TEST", "主体结顶", name_en="Topping out")
    service.set_forecast("YH-TEST", str(milestone.id), Deadline(date(2027, 6, 30), Precision.MONTH))
    service.set_forecast("YH-TEST", "Topping out", Deadline(date(2027, 9, 30), Precision.QUARTER))
    with Session(service.engine) as session:
        stored = session.get(Milestone, milestone.id)
    assert (stored.forecast, stored.forecast_precision) == (date(2027, 9, 30), "quarter")


def test_unknown_project_and_milestone_name_the_value(make_service):
    service = make_service()
    _project(service)
    with pytest.raises(NotFoundError, match="'YH-NONE'"):
        service.mark_done("YH-NONE", "x", date(2026, 1, 1))
    with pytest.raises(NotFoundError, match="'nope'"):
        service.mark_done("YH-TEST", "nope", date(2026, 1, 1))


def test_stale_version_is_refused_and_first_value_survives(make_service):
    alice, bob = make_service("alice"), make_service("bob")
    _project(alice)
    milestone = alice.add_milestone("YH-TEST", "竣工")
    loaded = milestone.version
    alice.set_forecast(
        "YH-TEST", "竣工", Deadline(date(2027, 4, 30), Precision.MONTH), expected_version=loaded
    )
    with pytest.raises(ConflictError, match="alice") as caught:
        bob.set_forecast(
            "YH-TEST", "竣工", Deadline(date(2027, 5, 31), Precision.MONTH), expected_version=loaded
        )
    assert "2027-04-30" in str(caught.value)
    with Session(alice.engine) as session:
        assert session.get(Milestone, milestone.id).forecast == date(2027, 4, 30)
    forecast_changes = [c for c in _changes(alice) if c.field == "forecast"]
    assert [(c.author, c.new) for c in forecast_changes] == [("alice", "2027-04-30")]


def test_revert_restores_old_values_and_is_audited(make_service):
    service = make_service()
    _project(service)
    service.add_milestone("YH-TEST", "竣工", forecast=Deadline(date(2027, 3, 31), Precision.MONTH))
    changes = service.set_forecast("YH-TEST", "竣工", Deadline(date(2027, 6, 30), Precision.DAY))
    service.revert([c.id for c in changes])
    with Session(service.engine) as session:
        stored = session.exec(select(Milestone)).one()
    assert (stored.forecast, stored.forecast_precision) == (date(2027, 3, 31), "month")
    assert {(c.field, c.new) for c in _changes(service)[-2:]} == {
        ("forecast", "2027-03-31"),
        ("forecast_precision", "month"),
    }


def test_revert_of_a_creation_deletes_the_record(make_service):
    service = make_service()
    _project(service)
    status = service.add_status("YH-TEST", Light.RED, "停工", on=date(2026, 11, 27))
    created = [c for c in _changes(service) if c.record == "status_update"]
    service.revert([c.id for c in created])
    assert _changes(service)[-1].field == "deleted"
    from tracker.store.model import StatusUpdate

    with Session(service.engine) as session:
        assert session.get(StatusUpdate, status.id) is None


def test_negative_amounts_and_bad_months_refused(make_service):
    service = make_service()
    _project(service)
    with pytest.raises(InputError, match="month"):
        service.record_investment("YH-TEST", 2026, 13, 100)
    with pytest.raises(InputError, match="amount"):
        service.record_investment("YH-TEST", 2026, 1, -100)
    assert [c.record for c in _changes(service)] == ["project"]


def test_recording_a_month_twice_corrects_it(make_service):
    service = make_service()
    _project(service)
    service.record_investment("YH-TEST", 2026, 10, 65_000_000_00)
    service.record_investment("YH-TEST", 2026, 10, 66_000_000_00)
    last = _changes(service)[-1]
    assert (last.field, last.old, last.new) == ("amount_cents", "6500000000", "6600000000")


def test_recording_gives_the_ids_of_this_services_committed_entries_only(make_service):
    mine, namesake = make_service("alice"), make_service("alice")  # two sessions, one name
    _project(mine)
    mine.add_milestone("YH-TEST", "开工", baseline=Deadline(date(2026, 12, 1), Precision.DAY))
    before = {c.id for c in _changes(mine)}
    with mine.recording() as ids:
        namesake.update_project("YH-TEST", {"name": "别人改的名字"})
        mine.mark_done("YH-TEST", "开工", date(2026, 11, 20))
    newest = [c for c in _changes(mine) if c.id not in before]
    assert [(c.field, c.new) for c in newest] == [
        ("name", "别人改的名字"),
        ("done", "2026-11-20"),
        ("done_precision", "day"),
    ]
    assert ids == [newest[1].id, newest[2].id]


def test_recording_leaves_out_a_write_that_was_refused(make_service):
    service = make_service()
    _project(service)
    with service.recording() as ids, pytest.raises(ConflictError):
        service.update_project("YH-TEST", {"name": "新名字"}, expected_version=99)
    assert ids == []
    assert [c.field for c in _changes(service)] == ["created"]
