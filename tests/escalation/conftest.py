"""What the escalation tests share: the demo with two weekly red status updates."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

TODAY = "2026-12-04"


@pytest.fixture
def two_red_weeks(run):
    """YH-SPORTS reported red in 2026-W48 and 2026-W49; the ids of those two updates."""
    for day, note in (("2026-11-27", "屋盖合龙推迟"), (TODAY, "合龙仍未完成")):
        status, _, err = run(
            "status",
            "set",
            "YH-SPORTS",
            "--light",
            "red",
            "--note",
            note,
            "--on",
            day,
            today=TODAY,
        )
        assert status == 0, err
    engine = create_engine(run.url)
    with engine.connect() as conn:
        ids = (
            conn.execute(
                text(
                    "SELECT s.id FROM status_update s JOIN project p ON p.id = s.project_id "
                    "WHERE p.code = 'YH-SPORTS' AND s.light = 'red' ORDER BY s.reported_on"
                )
            )
            .scalars()
            .all()
        )
    engine.dispose()
    return list(ids)
