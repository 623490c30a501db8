"""The escalation ladder's rule, pure: weekly cycles, runs of lights, the step due, the settings."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.alerts.escalation import due_steps, run_of, weekly_cycles
from tracker.alerts.rules import Alert, ProjectRef
from tracker.config.escalation_ladder import DEFAULT_LADDER, escalation_ladder
from tracker.core.errors import InputError

TODAY = date(2026, 12, 4)  # a Friday of 2026-W49
REF = {"P": ProjectRef("P", "项目", "Project")}


def updates(*days_and_lights: tuple[str, str]) -> list[dict]:
    return [
        {
            "id": n,
            "code": "P",
            "reported_on": date.fromisoformat(d),
            "light": light,
            "narrative": "",
        }
        for n, (d, light) in enumerate(days_and_lights, start=1)
    ]


def due(rows: list[dict], issued=(), overdue=()) -> list[tuple[str, str, list[int | None]]]:
    found = due_steps(
        DEFAULT_LADDER,
        REF,
        weekly_cycles(rows),
        {"P": list(overdue)},
        {"P": list(issued)},
        TODAY,
    )
    return [(s.rung.key, s.since.isoformat(), [e.record_id for e in s.evidence]) for s in found]


def test_a_week_is_its_last_update():
    cycles = weekly_cycles(updates(("2026-11-23", "red"), ("2026-11-27", "green")))["P"]
    assert [(c.week, c.light, c.update_id) for c in cycles] == [("2026-W48", "green", 2)]


def test_a_missing_week_breaks_the_run():
    rows = updates(("2026-11-13", "red"), ("2026-11-27", "red"), ("2026-12-04", "red"))
    run = run_of(weekly_cycles(rows)["P"], "red")
    assert [c.week for c in run] == ["2026-W48", "2026-W49"]


def test_red_counts_as_amber_or_worse_but_not_the_reverse():
    cycles = weekly_cycles(updates(("2026-11-27", "red"), ("2026-12-04", "amber")))["P"]
    assert len(run_of(cycles, "amber")) == 2
    assert run_of(cycles, "red") == []


def test_two_red_weeks_call_for_the_letter_with_those_weeks():
    rows = updates(("2026-11-20", "green"), ("2026-11-27", "red"), ("2026-12-04", "red"))
    assert due(rows) == [("letter", "2026-11-23", [2, 3])]


def test_one_amber_week_calls_for_a_reminder():
    assert due(updates(("2026-12-02", "amber"))) == [("reminder", "2026-11-30", [1])]


def test_the_letter_issued_in_the_run_answers_it():
    rows = updates(("2026-11-27", "red"), ("2026-12-04", "red"))
    assert due(rows, issued=[("letter", date(2026, 12, 1))]) == []
    # A letter of an earlier run does not.
    assert due(rows, issued=[("letter", date(2026, 11, 1))])[0][0] == "letter"


def test_a_run_that_goes_on_climbs_the_ladder():
    weeks = ["2026-11-13", "2026-11-20", "2026-11-27", "2026-12-04"]
    rows = updates(*((d, "red") for d in weeks))
    assert due(rows, issued=[("letter", date(2026, 11, 21))]) == [
        ("interview_head", "2026-11-09", [1, 2, 3, 4])
    ]


def test_a_milestone_overdue_long_calls_for_the_letter():
    late = Alert(
        "overdue",
        "red",
        "P",
        "项目",
        "主体结顶",
        "due 2026-10-01",
        "",
        "milestone",
        7,
        due=date(2026, 10, 1),
    )
    assert due([], overdue=[late]) == [("letter", "2026-10-01", [7])]
    recent = late._replace(due=date(2026, 11, 20))
    assert due([], overdue=[recent]) == []


def test_the_ladder_from_the_settings_file():
    ladder = escalation_ladder(
        {
            "escalation": {
                "steps": [
                    {
                        "key": "letter",
                        "instrument": "letter",
                        "response_days": 5,
                        "when": [{"light": "amber", "weeks": 1}],
                    }
                ]
            }
        }
    )
    assert [(r.key, r.response_days, r.when[0].light) for r in ladder] == [("letter", 5, "amber")]


@pytest.mark.parametrize(
    ("steps", "field"),
    [
        ([{"key": "x", "instrument": "fax", "response_days": 5, "when": []}], "instrument"),
        ([{"key": "x", "instrument": "letter", "response_days": 0, "when": []}], "response_days"),
        ([{"key": "x", "instrument": "letter", "response_days": 5, "when": []}], "when"),
        (
            [
                {
                    "key": "x",
                    "instrument": "letter",
                    "response_days": 5,
                    "when": [{"light": "blue", "weeks": 1}],
                }
            ],
            "light",
        ),
        (
            [
                {
                    "key": "X Y",
                    "instrument": "letter",
                    "response_days": 5,
                    "when": [{"overdue_days": 3}],
                }
            ],
            "key",
        ),
    ],
)
def test_a_bad_ladder_is_refused_naming_the_key(steps, field):
    with pytest.raises(InputError) as refused:
        escalation_ladder({"escalation": {"steps": steps}})
    assert refused.value.field.startswith("escalation.steps[0]")
    assert refused.value.field.endswith(field)
