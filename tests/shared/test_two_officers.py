"""Two officers write the same record: nothing is overwritten silently, nothing is lost.

Runs on SQLite and PostgreSQL. In the overlapping cases the first officer's transaction is held
open (its audit clock waits inside the write) while the second officer's write arrives, so the
two really overlap; the second one waits for the first, then succeeds or gets the conflict.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from tracker.core.errors import ConflictError, InputError
from tracker.store.engine import make_engine
from tracker.store.model import Change, InvestmentReport, Milestone, Project
from tracker.store.write.service import Service

Write = Callable[[Service], Any]


class HeldClock:
    """An audit clock that, once armed, holds the write inside its transaction until released."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
        self.armed = False
        self.inside = threading.Event()
        self.release = threading.Event()

    def __call__(self) -> datetime:
        if self.armed:
            self.armed = False
            self.inside.set()
            assert self.release.wait(30)
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def milestone(make_service) -> Milestone:
    """YH-TEST with its milestone 竣工验收 (version 1)."""
    service = make_service("setup")
    service.create_project({"code": "YH-TEST", "name": "测试项目"})
    return service.add_milestone("YH-TEST", "竣工验收")


def _officer(db_url: str, user: str, clock: HeldClock | None = None) -> Service:
    """An officer's own service, with its own engine (its own connections)."""
    return Service(make_engine(db_url), user=user, clock=clock or HeldClock())


def _overlap(db_url: str, first: Write, second: Write) -> list[BaseException | None]:
    """Alice's write held open while Bob's arrives; what each raised (None: it succeeded)."""
    held = HeldClock()
    alice, bob = _officer(db_url, "alice", held), _officer(db_url, "bob")
    outcomes: dict[str, BaseException | None] = {}

    def run(name: str, service: Service, write: Write) -> None:
        try:
            write(service)
            outcomes[name] = None
        except BaseException as error:  # the test inspects whatever the write raised
            outcomes[name] = error

    held.armed = True
    alice_thread = threading.Thread(target=run, args=("alice", alice, first))
    alice_thread.start()
    assert held.inside.wait(30)
    bob_thread = threading.Thread(target=run, args=("bob", bob, second))
    bob_thread.start()
    bob_thread.join(0.5)  # Bob's write is now waiting on Alice's open transaction
    held.release.set()
    alice_thread.join(30)
    bob_thread.join(30)
    return [outcomes["alice"], outcomes["bob"]]


def _changes(db_url: str, field: str) -> list[Change]:
    with Session(make_engine(db_url)) as session:
        query = select(Change).where(Change.field == field).order_by(col(Change.id))
        return list(session.exec(query).all())


def _stored(db_url: str, milestone_id: int | None) -> Milestone:
    with Session(make_engine(db_url)) as session:
        stored = session.get(Milestone, milestone_id)
        assert stored is not None
        return stored


def _loaded_version(service: Service) -> int:
    """The version an officer's form holds after loading the milestone."""
    with service.session() as session:
        return service.milestone(session, service.project(session, "YH-TEST"), "竣工验收").version


def _note(text: str, version: int | None = None) -> Write:
    return lambda service: service.update_milestone(
        "YH-TEST", "竣工验收", {"note": text}, expected_version=version
    )


def test_second_save_of_a_stale_form_gets_the_conflict(db_url, milestone):
    alice, bob = _officer(db_url, "alice"), _officer(db_url, "bob")
    loaded_by_alice, loaded_by_bob = _loaded_version(alice), _loaded_version(bob)
    _note("屋盖合龙", loaded_by_alice)(alice)
    with pytest.raises(ConflictError) as caught:
        _note("幕墙完成", loaded_by_bob)(bob)
    message = str(caught.value)
    assert "竣工验收" in message and "YH-TEST" in message
    assert "alice" in message and "屋盖合龙" in message
    assert _stored(db_url, milestone.id).note == "屋盖合龙"
    assert [(c.author, c.old, c.new) for c in _changes(db_url, "note")] == [
        ("alice", None, "屋盖合龙")
    ]


def test_stale_save_waiting_on_an_open_write_gets_the_conflict(db_url, milestone):
    loaded = milestone.version
    alice, bob = _overlap(db_url, _note("屋盖合龙", loaded), _note("幕墙完成", loaded))
    assert alice is None
    assert isinstance(bob, ConflictError) and "alice" in str(bob)
    assert _stored(db_url, milestone.id).note == "屋盖合龙"
    assert [(c.author, c.new) for c in _changes(db_url, "note")] == [("alice", "屋盖合龙")]


def test_blind_writes_that_overlap_both_land_in_order(db_url, milestone):
    assert _overlap(db_url, _note("屋盖合龙"), _note("幕墙完成")) == [None, None]
    stored = _stored(db_url, milestone.id)
    assert (stored.note, stored.version) == ("幕墙完成", 3)
    assert [(c.author, c.old, c.new) for c in _changes(db_url, "note")] == [
        ("alice", None, "屋盖合龙"),
        ("bob", "屋盖合龙", "幕墙完成"),
    ]


def test_same_month_recorded_at_once_becomes_a_correction(db_url, milestone):
    def record(cents: int) -> Write:
        return lambda service: service.record_investment("YH-TEST", 2026, 10, cents)

    assert _overlap(db_url, record(6_500_000_000), record(6_600_000_000)) == [None, None]
    with Session(make_engine(db_url)) as session:
        [report] = session.exec(select(InvestmentReport)).all()
    assert (report.amount_cents, report.version) == (6_600_000_000, 2)
    assert [(c.author, c.old, c.new) for c in _changes(db_url, "amount_cents")] == [
        ("bob", "6500000000", "6600000000")
    ]


def test_same_milestone_added_at_once_is_refused_by_name(db_url, milestone):
    def add(service: Service) -> Any:
        return service.add_milestone("YH-TEST", "消防验收", baseline=None)

    alice, bob = _overlap(db_url, add, add)
    assert alice is None
    assert isinstance(bob, InputError) and "'消防验收'" in str(bob)
    created = [c for c in _changes(db_url, "created") if c.record == "milestone"]
    assert [c.new for c in created] == ["竣工验收", "消防验收"]


def test_same_project_code_added_at_once_is_refused_by_code(db_url):
    from tracker.store.migrate import upgrade

    upgrade(db_url)

    def create(service: Service) -> Any:
        return service.create_project({"code": "YH-NEW", "name": "新项目"})

    alice, bob = _overlap(db_url, create, create)
    assert alice is None
    assert isinstance(bob, InputError) and "'YH-NEW'" in str(bob)
    with Session(make_engine(db_url)) as session:
        assert len(session.exec(select(Project)).all()) == 1
    assert [c.author for c in _changes(db_url, "created")] == ["alice"]


def test_two_officers_marking_done_the_same_day_leave_one_change(db_url, milestone):
    def done(service: Service) -> Any:
        return service.mark_done("YH-TEST", "竣工验收", date(2026, 11, 20))

    assert _overlap(db_url, done, done) == [None, None]
    assert [(c.author, c.new) for c in _changes(db_url, "done")] == [("alice", "2026-11-20")]


def test_an_undo_locks_every_record_it_touches_before_it_writes(db_url, milestone, make_service):
    """Alice undoes changes to two milestones (the later one first); while her undo is held
    open, Bob moves the other milestone. Bob waits for the undo, so his forecast stands after
    it. Locking the records one by one instead would let Bob write first and the undo then
    overwrite him, and would let two such undos deadlock on PostgreSQL."""
    from tracker.core.dates import Deadline, Precision

    setup = make_service("setup")
    setup.add_milestone("YH-TEST", "开工")
    moved = [
        *setup.set_forecast("YH-TEST", "开工", Deadline(date(2027, 1, 31), Precision.MONTH)),
        *setup.set_forecast("YH-TEST", "竣工验收", Deadline(date(2027, 6, 30), Precision.MONTH)),
    ]
    bobs = Deadline(date(2028, 1, 31), Precision.MONTH)
    outcomes = _overlap(
        db_url,
        lambda alice: alice.revert([c.id for c in moved]),
        lambda bob: bob.set_forecast("YH-TEST", "开工", bobs),
    )
    assert outcomes == [None, None]
    with Session(make_engine(db_url)) as session:
        start = session.exec(select(Milestone).where(Milestone.name == "开工")).one()
        done = session.exec(select(Milestone).where(Milestone.name == "竣工验收")).one()
    assert (start.forecast, done.forecast) == (date(2028, 1, 31), None)
