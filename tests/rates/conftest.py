"""What the rates tests share: a portfolio of planned new starts built through the service."""

from __future__ import annotations

from datetime import date

import pytest

YEAR = 2026
PLANNED = [f"NS-{n:02d}" for n in range(1, 21)]
STARTED = PLANNED[:15]


def add_new_starts(service, programme: bool = True) -> None:  # type: ignore[no-untyped-def]
    """The 20 new starts planned in 2026 (NS-01 … NS-20), 15 of them started by 2026-09-30, in
    the provincial programme when `programme`."""
    for n, code in enumerate(PLANNED):
        month = n % 10 + 1
        started = code in STARTED
        service.create_project(
            {
                "code": code,
                "name": f"新开工项目{n + 1}",
                "stage": "construction" if started else "design",
                "baseline_start": date(YEAR, month, 15),
                "baseline_start_precision": "day",
                "actual_start": date(YEAR, n % 9 + 1, 10) if started else None,
                "library": "new_start",
            }
        )
        if programme:
            service.join_programme(code, "provincial", YEAR, on=date(YEAR, 2, 1))


@pytest.fixture
def portfolio(make_service, db_url):
    """20 new starts planned in 2026 in the provincial programme, 15 of them started by
    2026-09-30; beside them, projects that must not count and say why."""
    service = make_service()
    add_new_starts(service)
    extras = {
        # started in 2025 though planned for 2026: a continuing project, not a new start
        "EARLY": {"baseline_start": date(YEAR, 3, 1), "actual_start": date(YEAR - 1, 12, 10)},
        # in the new-start library with no planned start day: cannot be placed in a year
        "NODAY": {"library": "new_start"},
        # planned for 2026 but left the programme: not counted, with the reason
        "LEFT": {"baseline_start": date(YEAR, 5, 1)},
        # planned for 2027: no part of 2026's rate
        "NEXT": {"baseline_start": date(YEAR + 1, 3, 1)},
    }
    for code, fields in extras.items():
        service.create_project({"code": code, "name": code, **fields})
        service.join_programme(code, "provincial", YEAR, on=date(YEAR, 2, 1))
    service.leave_programme(
        "LEFT", "provincial", YEAR, on=date(YEAR, 6, 1), reason="退出: 年内无法开工"
    )
    # a planned start in 2026 outside the programme: counts only without --programme
    service.create_project(
        {"code": "OUTSIDE", "name": "区外项目", "baseline_start": date(YEAR, 4, 1)}
    )
    return db_url


@pytest.fixture
def new_starts_only(make_service, db_url):
    """The 20 new starts alone, in no programme, and a project planned for 2027."""
    service = make_service()
    add_new_starts(service, programme=False)
    service.create_project({"code": "NEXT", "name": "NEXT", "baseline_start": date(YEAR + 1, 3, 1)})
    return db_url
