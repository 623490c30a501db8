"""An undo's audit entries name the entries they undo (`change.reverts`, since revision 0004),
and a redo's name the undo's; ordinary writes name none. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tracker.core.dates import Deadline, Precision
from tracker.store.model import Change, Light


def _changes(service) -> list[Change]:
    with Session(service.engine) as session:
        return list(session.exec(select(Change).order_by(Change.id)).all())


def test_undo_and_redo_name_what_they_revert(make_service):
    service = make_service()
    service.create_project({"code": "YH-TEST", "name": "测试项目", "stage": "construction"})
    service.add_milestone("YH-TEST", "竣工", forecast=Deadline(date(2027, 3, 31), Precision.MONTH))
    with service.recording() as edit:
        service.set_forecast("YH-TEST", "竣工", Deadline(date(2027, 6, 30), Precision.DAY))
    with service.recording() as undo:
        service.revert(edit)
    with service.recording() as redo:
        service.revert(undo)
    by_id = {c.id: c for c in _changes(service)}
    assert all(by_id[i].reverts is None for i in edit)
    assert {(by_id[i].field, by_id[by_id[i].reverts].field) for i in undo} == {
        ("forecast", "forecast"),
        ("forecast_precision", "forecast_precision"),
    }
    assert {by_id[i].reverts for i in undo} == set(edit)
    assert {by_id[i].reverts for i in redo} == set(undo)
    assert [c.reverts for c in _changes(service) if c.id not in {*edit, *undo, *redo}] == [None] * (
        len(by_id) - len(edit) - len(undo) - len(redo)
    )


def test_undo_of_a_creation_names_the_creation(make_service):
    service = make_service()
    service.create_project({"code": "YH-TEST", "name": "测试项目", "stage": "construction"})
    with service.recording() as created:
        service.add_status("YH-TEST", Light.RED, "停工", on=date(2026, 11, 27))
    with service.recording() as undo:
        service.revert(created)
    [deleted] = [c for c in _changes(service) if c.id in undo]
    assert (deleted.field, deleted.reverts) == ("deleted", created[0])


def test_redo_of_an_undone_creation_restores_the_record(make_service):
    from tracker.store.model import StatusUpdate

    service = make_service()
    service.create_project({"code": "YH-TEST", "name": "测试项目", "stage": "construction"})
    with service.recording() as created:
        status = service.add_status("YH-TEST", Light.AMBER, "塔吊\n待验收", on=date(2026, 11, 27))
    with service.recording() as undo:
        service.revert(created)
    with service.recording() as redo:
        service.revert(undo)
    with Session(service.engine) as session:
        back = session.get(StatusUpdate, status.id)
        assert (back.light, back.narrative) == ("amber", "塔吊\n待验收")
    [restored] = [c for c in _changes(service) if c.id in redo]
    assert (restored.field, restored.reverts) == ("created", undo[0])
