"""The audit trail: `tracker log` on both databases, and no way through the tool to edit it."""

from __future__ import annotations

import ast
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from tracker.cli.main import main

PACKAGE = Path(__file__).resolve().parents[2] / "tracker"


def _log(url: str, capsys, *argv: str) -> list[dict]:
    capsys.readouterr()
    assert main(["--db", url, "--lang", "en", "log", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_log_filters_by_project_day_and_user(make_service, clock, db_url, capsys):
    alice, bob = make_service("alice"), make_service("bob")
    alice.create_project({"code": "YH-A", "name": "甲项目"})
    alice.add_milestone("YH-A", "开工")
    clock.now = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    bob.create_project({"code": "YH-B", "name": "乙项目"})
    bob.update_milestone("YH-A", "开工", {"owner": "王工"})

    everything = _log(db_url, capsys)
    assert [(e["user"], e["project"], e["field"]) for e in everything] == [
        ("bob", "YH-A", "owner"),
        ("bob", "YH-B", "created"),
        ("alice", "YH-A", "created"),
        ("alice", "YH-A", "created"),
    ]
    assert everything[0]["at"] == "2026-12-05T08:00:02+00:00"
    assert everything[0]["old"] is None and everything[0]["new"] == "王工"
    assert [e["user"] for e in _log(db_url, capsys, "--since", "2026-12-05")] == ["bob", "bob"]
    assert [e["field"] for e in _log(db_url, capsys, "--user", "alice")] == ["created"] * 2
    assert [e["user"] for e in _log(db_url, capsys, "YH-B")] == ["bob"]
    assert _log(db_url, capsys, "YH-B", "--user", "alice") == []

    capsys.readouterr()
    assert main(["--db", db_url, "--lang", "en", "log", "YH-A"]) == 0
    text = capsys.readouterr().out
    assert "bob" in text and "— → 王工" in text


def test_every_command_leaves_earlier_entries_as_they_were(demo_settings, tmp_path, dump):
    url = demo_settings.db_url
    base = ["--db", url, "--today", "2026-11-28", "--user", "officer-zhao"]
    trail = dump(url)["change"]
    import_file = tmp_path / "more.csv"
    import_file.write_text("code,name,milestone\nYH-NEW,新项目,开工\n", encoding="utf-8")
    for argv in (
        ["milestone", "done", "YH-SPORTS", "竣工验收", "--on", "2026-11-20"],
        ["milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-Q2"],
        ["milestone", "add", "YH-SPORTS", "消防验收", "--baseline", "2027-01"],
        ["status", "set", "YH-SPORTS", "--light", "red", "--note", "停工"],
        ["import", str(import_file)],
        ["backup", str(tmp_path / "copy.backup")],
        ["restore", str(tmp_path / "copy.backup")],  # refused: the database holds data
        ["log"],
    ):
        main([*base, *argv])
        now = dump(url)["change"]
        assert now[: len(trail)] == trail, argv
        trail = now
    assert len(trail) > len(dump(url)["project"])


_WRITE_VERBS = {"update", "delete"}
_CHANGE_SQL = re.compile(
    r"\b(UPDATE\s+\"?change\"?\s|DELETE\s+FROM\s+\"?change\"?\b|TRUNCATE\b[^;]*\bchange\b"
    r"|DROP\s+TABLE\s+\"?change\"?\b)",
    re.IGNORECASE,
)


_LINKING = "ON change WHEN NEW.hash IS NULL"
"""SQLite's trigger that links a new entry into the hash chain (tracker.store.chain): it sets
the hash of the row just inserted when it has none, and no other column of any entry."""


def edits_of_the_trail(source: str) -> list[str]:
    """Statements in `source` that would update or delete audit entries: an ORM or Core
    `update(...)`/`delete(...)` naming Change or the change table, a `session.delete(change)`,
    or SQL text that updates, deletes, truncates or drops the change table."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            verb = ast.unparse(node.func)
            target = ast.unparse(node.args[0])
            core = verb in _WRITE_VERBS  # sqlalchemy's update(...) / delete(...)
            orm = verb.endswith(".delete")  # session.delete(record)
            names_trail = re.search(r"\bchange\b|['\"]change['\"]|^changes?$", target, re.I)
            if (core or orm) and names_trail:
                found.append(f"{node.lineno}: {ast.unparse(node)[:80]}")
        elif (
            isinstance(node, ast.Constant)
            and _CHANGE_SQL.search(str(node.value))
            and _LINKING not in str(node.value)
        ):
            found.append(f"{node.lineno}: {str(node.value)[:80]!r}")
    return found


def test_no_code_in_the_tool_updates_or_deletes_audit_entries():
    offences = {
        str(path.relative_to(PACKAGE)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if (found := edits_of_the_trail(path.read_text(encoding="utf-8")))
    }
    assert offences == {}


def test_the_check_sees_each_kind_of_edit():
    for sample in (
        "session.execute(update(Change).values(new='x'))",
        "conn.execute(delete(_table(Change)))",
        "conn.execute(text('DELETE FROM change WHERE id = 1'))",
        "cursor.execute(\"UPDATE change SET author = 'x' WHERE id = 2\")",
        "session.delete(change)",
        "conn.execute(update(TABLES['change']))",
        "conn.execute(delete(CHANGES).where(CHANGES.c.id == 3))",
    ):
        assert edits_of_the_trail(sample), sample
    for harmless in (
        "session.execute(update(Milestone).values(note='x'))",
        "values.update(changes)",
        "conn.execute(insert(CHANGES), rows)",
    ):
        assert edits_of_the_trail(harmless) == [], harmless
