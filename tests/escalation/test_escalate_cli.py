"""The escalation ladder from the command line, on the demo: two weekly red updates call for the
supervision letter with those updates as evidence; issuing, answering and closing it keep the
ledger; an unanswered instrument past its deadline is an alert; bad input is one line."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

TODAY = "2026-12-04"


def _ledger(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.code, e.step, e.number, e.addressee, e.issued_on, e.due, "
                "e.answered_on, e.closed_on, e.closed_by FROM escalation e "
                "JOIN project p ON p.id = e.project_id ORDER BY e.id"
            )
        ).all()
    engine.dispose()
    return [tuple(None if v is None else str(v) for v in row) for row in rows]


def test_two_red_weeks_call_for_the_letter_with_them_as_evidence(run, two_red_weeks):
    status, out, _ = run("escalate", "--format", "json", today=TODAY)
    assert status == 0
    sports = [s for s in json.loads(out) if s["project"] == "YH-SPORTS"]
    assert [(s["step"], s["instrument"], s["since"]) for s in sports] == [
        ("letter", "letter", "2026-11-23")
    ]
    evidence = sports[0]["evidence"]
    assert [(e["record"], e["record_id"], e["on"]) for e in evidence] == [
        ("status_update", two_red_weeks[0], "2026-11-27"),
        ("status_update", two_red_weeks[1], TODAY),
    ]
    assert "2026-W48" in evidence[0]["text"] and "屋盖合龙推迟" in evidence[0]["text"]


def test_issuing_the_letter_keeps_it_in_the_ledger_and_answers_the_step(run, two_red_weeks):
    status, out, err = run(
        "escalate",
        "issue",
        "yh-sports",
        "--number",
        "余发改督[2026]12号",
        "--to",
        "区体育局",
        today=TODAY,
    )
    assert status == 0, err
    assert "余发改督〔2026〕12号" in out
    assert _ledger(run.url) == [
        (
            "YH-SPORTS",
            "letter",
            "余发改督〔2026〕12号",
            "区体育局",
            TODAY,
            "2026-12-14",
            None,
            None,
            None,
        )
    ]
    status, out, _ = run("escalate", "--project", "YH-SPORTS", "--format", "json", today=TODAY)
    assert json.loads(out) == []
    status, out, _ = run("escalate", "list", "--format", "json", today=TODAY)
    (entry,) = json.loads(out)
    assert entry["state"] == "open"
    assert [e["record_id"] for e in entry["evidence"]] == two_red_weeks


def test_an_unanswered_instrument_past_its_deadline_is_an_alert(run, two_red_weeks):
    def responses(today: str) -> list[tuple[str, str, str]]:
        status, out, _ = run("alerts", "--format", "json", today=today)
        assert status == 0
        found = [a for a in json.loads(out) if a["rule"] == "response_overdue"]
        return [(a["project"], a["severity"], a["due"]) for a in found]

    run("escalate", "issue", "YH-SPORTS", "--to", "区体育局", "--due", "2026-12-10", today=TODAY)
    assert responses("2026-12-12") == [("YH-SPORTS", "amber", "2026-12-10")]
    assert responses("2026-12-30") == [("YH-SPORTS", "red", "2026-12-10")]
    # Answered, it is no longer overdue; closed out, it leaves the open ledger.
    answer = ("escalate", "answer", "1", "--on", "2026-12-11", "--note", "已整改")
    assert run(*answer, today="2026-12-12")[0] == 0
    assert responses("2026-12-30") == []
    assert run("escalate", "close", "1", today="2026-12-12")[0] == 0
    _, out, _ = run("escalate", "list", "--open", "--format", "json", today="2026-12-12")
    assert json.loads(out) == []
    assert _ledger(run.url)[0][6:] == ("2026-12-11", "2026-12-12", "officer-li")


def test_closing_twice_is_refused_naming_who_closed_it(run, refused, two_red_weeks):
    run("escalate", "issue", "YH-SPORTS", "--to", "区体育局", today=TODAY)
    run("escalate", "close", "1", today=TODAY)
    line = refused("escalate", "close", "1")
    assert "ID" in line and "closed out on 2026-12-04 by officer-li" in line


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["escalate", "issue", "NO-SUCH", "--to", "x", "--step", "letter"], "NO-SUCH"),
        (["escalate", "issue", "YH-SPORTS", "--to", "x", "--step", "fax"], "--step"),
        (
            ["escalate", "issue", "YH-SPORTS", "--to", "x", "--step", "letter", "--number", "12号"],
            "--number",
        ),
        (
            ["escalate", "issue", "YH-SPORTS", "--to", "x", "--step", "letter", "--due", "soon"],
            "--due",
        ),
        (
            [
                "escalate",
                "issue",
                "YH-SPORTS",
                "--to",
                "x",
                "--step",
                "letter",
                "--on",
                "2027-01-01",
            ],
            "--on",
        ),
        (["escalate", "issue", "YH-SPORTS", "--to", "", "--step", "letter"], "--to"),
        (["escalate", "close", "abc"], "ID"),
        (["escalate", "close", "99"], "99"),
        (["escalate", "answer", "99", "--on", "yesterday-ish"], "--on"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(refused, argv, named):
    assert named in refused(*argv)


def test_the_ladder_speaks_chinese(run, two_red_weeks):
    status, out, _ = run("escalate", "--project", "YH-SPORTS", lang="zh", today=TODAY)
    assert status == 0
    assert "督办函" in out and "红灯" in out
