"""The officer's week in the service (issue 14): a done day is a fact (never overwritten by
`mark_done`, never after today), codes in any case, removals that undo, overwrites that say
what they replaced. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from tracker.core.dates import Deadline, Precision
from tracker.core.errors import InputError, NotFoundError
from tracker.core.light_words import light_of
from tracker.store.model import Change, Milestone, Project
from tracker.store.write.service import KEEP

TODAY = date(2026, 12, 2)


@pytest.fixture
def service(db_url, clock):
    from tracker.store.engine import make_engine
    from tracker.store.migrate import upgrade
    from tracker.store.write.service import Service

    upgrade(db_url)
    built = Service(make_engine(db_url), user="officer-li", clock=clock, today=TODAY)
    built.create_project({"code": "YH-SPORTS", "name": "区体育中心", "stage": "construction"})
    built.add_milestone(
        "YH-SPORTS", "主体结顶", baseline=Deadline(date(2026, 6, 30), Precision.MONTH)
    )
    built.mark_done("YH-SPORTS", "主体结顶", date(2026, 6, 26))
    return built


def _milestone(service, name="主体结顶") -> Milestone | None:
    with Session(service.engine) as session:
        return session.exec(select(Milestone).where(Milestone.name == name)).first()


def _count(service) -> int:
    with Session(service.engine) as session:
        return len(session.exec(select(Change)).all())


def test_mark_done_refuses_a_done_milestone_naming_its_day(service):
    before = _count(service)
    with pytest.raises(InputError, match="2026-06-26") as refused:
        service.mark_done("YH-SPORTS", "主体结顶", TODAY)
    assert refused.value.values == {"done": "2026-06-26"}
    assert _milestone(service).done == date(2026, 6, 26)
    assert _count(service) == before


def test_done_day_after_today_is_refused(service):
    service.add_milestone("YH-SPORTS", "竣工验收")
    with pytest.raises(InputError, match="after today, 2026-12-02"):
        service.mark_done("YH-SPORTS", "竣工验收", date(2027, 6, 1))
    with pytest.raises(InputError, match="after today, 2026-12-02"):
        service.set_done("YH-SPORTS", "主体结顶", date(2027, 6, 1))
    assert _milestone(service, "竣工验收").done is None
    assert _milestone(service).done == date(2026, 6, 26)


def test_status_and_resolution_after_today_are_refused(service):
    from tracker.store.model import Light

    with pytest.raises(InputError, match="after today, 2026-12-02"):
        service.add_status("YH-SPORTS", Light.GREEN, "ok", on=date(2026, 12, 3))
    problem = service.add_problem("YH-SPORTS", "征地未完成")
    with pytest.raises(InputError, match="after today"):
        service.resolve_problem("YH-SPORTS", problem.id, date(2026, 12, 3))
    service.resolve_problem("YH-SPORTS", problem.id, TODAY)
    with pytest.raises(InputError, match="resolved on 2026-12-02"):
        service.resolve_problem("YH-SPORTS", problem.id, TODAY)


def test_set_done_and_reopen_are_explicit(service):
    service.set_done("yh-sports", "主体结顶", date(2026, 6, 28))
    assert _milestone(service).done == date(2026, 6, 28)
    service.reopen("YH-SPORTS", "主体结顶")
    assert _milestone(service).done is None
    assert _milestone(service).done_precision is None
    service.mark_done("YH-SPORTS", "主体结顶", TODAY)
    assert _milestone(service).done == TODAY


def test_codes_in_any_case_and_the_nearest_suggested(service):
    service.add_milestone("yh-sports", "钢结构屋盖合龙")
    with Session(service.engine) as session:
        codes = {c.project_code for c in session.exec(select(Change)).all()}
    assert codes == {"YH-SPORTS"}
    with pytest.raises(NotFoundError, match="YH-SPORTS") as refused:
        service.add_problem("YH-SPORT", "x")
    assert refused.value.values == {"nearest": "YH-SPORTS"}
    with pytest.raises(InputError, match="code"):
        service.create_project({"code": "yh-sports", "name": "重复"})


def test_rename_keeps_names_unique(service):
    service.add_milestone("YH-SPORTS", "竣工验收")
    with pytest.raises(InputError, match="no other milestone"):
        service.rename_milestone("YH-SPORTS", "竣工验收", "主体结顶")
    service.rename_milestone("YH-SPORTS", "竣工验收", "竣工验收备案", name_en="Handover")
    renamed = _milestone(service, "竣工验收备案")
    assert renamed is not None and renamed.name_en == "Handover"


def test_remove_is_audited_and_undone_whole(service):
    kept = _milestone(service)
    [entry] = service.remove_milestone("YH-SPORTS", "主体结顶")
    assert (entry.record, entry.field, entry.new) == ("milestone", "deleted", None)
    assert _milestone(service) is None
    service.revert([entry.id])
    back = _milestone(service)
    assert back is not None
    assert back.model_dump() == kept.model_dump()


def test_overwriting_a_month_returns_what_it_held(service):
    report, before = service.record_month(
        "YH-SPORTS", 2026, 11, 120_000_00, funds_in_place_cents=50_000_00
    )
    assert before is None
    report, before = service.record_month(
        "YH-SPORTS", 2026, 11, 130_000_00, funds_in_place_cents=KEEP
    )
    assert before == {"amount_cents": 120_000_00, "funds_in_place_cents": 50_000_00}
    assert (report.amount_cents, report.funds_in_place_cents) == (130_000_00, 50_000_00)


def test_project_fields_checked(service):
    with pytest.raises(InputError, match="category"):
        service.update_project("YH-SPORTS", {"category": "nonsense"})
    service.update_project("yh-sports", {"unit": "区体育局", "officer": "王伟"})
    with Session(service.engine) as session:
        project = session.exec(select(Project)).one()
    assert (project.unit, project.officer) == ("区体育局", "王伟")


@pytest.mark.parametrize(
    ("typed", "light"),
    [("黄", "amber"), ("yellow", "amber"), ("Amber", "amber"), ("绿", "green"), ("红灯", "red")],
)
def test_one_light_parser(typed, light):
    assert light_of(typed) == light


def test_light_parser_refuses_other_words():
    with pytest.raises(InputError, match="--light"):
        light_of("blue")
