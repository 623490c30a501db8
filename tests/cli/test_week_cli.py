"""The officer's week from the command line (issue 14): every record has a command, every
refusal is one line with exit status 2 and nothing written. On SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from tracker.cli.main import main


@pytest.fixture
def run(demo_settings, capsys):
    """`run(*args)`: (exit status, stdout, stderr) of one command on the demo database."""

    def call(*args: str, lang: str = "en") -> tuple[int, str, str]:
        capsys.readouterr()
        status = main(
            [
                "--db",
                demo_settings.db_url,
                "--today",
                "2026-12-02",
                "--lang",
                lang,
                "--user",
                "officer-wang",
                *args,
            ]
        )
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    call.url = demo_settings.db_url  # type: ignore[attr-defined]
    return call


def _refused(run, dump, *args: str, lang: str = "en") -> str:
    before = dump(run.url)
    status, out, err = run(*args, lang=lang)
    assert status == 2, (out, err)
    assert err.count("\n") == 1 and "Traceback" not in err
    assert dump(run.url) == before
    return err


def _milestone(run, name: str) -> dict:
    status, out, _ = run("milestone", "list", "YH-SPORTS", "--format", "json")
    assert status == 0
    return next(m for m in json.loads(out) if m["name"] == name)


def test_done_twice_refuses_naming_the_day(run, dump):
    err = _refused(run, dump, "milestone", "done", "YH-SPORTS", "主体结顶")
    assert "2026-06-26" in err
    err = _refused(run, dump, "milestone", "done", "YH-SPORTS", "主体结顶", lang="zh")
    assert "2026-06-26" in err and "已于" in err


def test_done_and_status_after_today_refused(run, dump):
    err = _refused(run, dump, "milestone", "done", "YH-SPORTS", "竣工验收", "--on", "2027-06-01")
    assert "after today, 2026-12-02" in err
    err = _refused(
        run,
        dump,
        "status",
        "set",
        "YH-SPORTS",
        "--light",
        "green",
        "--note",
        "x",
        "--on",
        "2026-12-03",
    )
    assert "after today, 2026-12-02" in err


def test_done_day_changed_and_reopened_explicitly(run):
    assert run("milestone", "set", "YH-SPORTS", "主体结顶", "--done", "2026-06-28")[0] == 0
    assert _milestone(run, "主体结顶")["done"] == "2026-06-28"
    assert run("milestone", "reopen", "YH-SPORTS", "主体结顶")[0] == 0
    assert _milestone(run, "主体结顶")["done"] is None
    assert run("milestone", "done", "YH-SPORTS", "主体结顶")[0] == 0
    assert _milestone(run, "主体结顶")["done"] == "2026-12-02"


@pytest.mark.parametrize("typed", ["黄", "yellow", "amber", "Y"])
def test_status_light_words(run, typed):
    status, _, err = run("status", "set", "YH-SPORTS", "--light", typed, "--note", "ok")
    assert status == 0, err
    status, out, _ = run("show", "YH-SPORTS", "--format", "json")
    assert json.loads(out)["latest_status"]["light"] == "amber"


def test_codes_any_case_and_nearest_suggested(run, dump):
    status, out, _ = run("show", "yh-sports")
    assert status == 0 and out.startswith("YH-SPORTS")
    err = _refused(run, dump, "show", "yh-sport")
    assert "nearest: YH-SPORTS" in err
    assert run("milestone", "done", "yh-sports", "竣工验收", "--on", "2026-11-30")[0] == 0
    status, out, _ = run("log", "YH-SPORTS", "--format", "json")
    assert json.loads(out)[0]["new"] in ("2026-11-30", "day")


def test_project_add_set_list(run, dump):
    status, _, err = run(
        "project",
        "add",
        "YH-POOL",
        "--name",
        "区游泳馆",
        "--name-en",
        "District pool",
        "--category",
        "sports",
        "--stage",
        "design",
        "--total-investment",
        "3.2亿",
        "--baseline-finish",
        "2028年6月",
        "--location",
        "东区",
        "--scale",
        "5万平方米",
        "--sources",
        "区发改委",
        "--notes",
        "新建",
    )
    assert status == 0, err
    status, out, _ = run("project", "set", "yh-pool", "--unit", "区体育局", "--officer", "王伟")
    assert status == 0 and "王伟" in out
    status, out, _ = run("show", "YH-POOL", "--format", "json")
    shown = json.loads(out)
    assert (shown["unit"], shown["officer"], shown["location"], shown["scale"]) == (
        "区体育局",
        "王伟",
        "东区",
        "5万平方米",
    )
    assert shown["total_investment_yuan"] == 320_000_000
    assert (shown["baseline_finish"], shown["baseline_finish_precision"]) == ("2028-06-30", "month")
    status, out, _ = run("project", "list", "--format", "json")
    assert "YH-POOL" in {p["code"] for p in json.loads(out)}
    _refused(run, dump, "project", "add", "yh-pool", "--name", "重复")
    _refused(run, dump, "project", "set", "YH-POOL", "--stage", "dreaming")
    _refused(run, dump, "project", "set", "YH-POOL", "--total-investment", "lots")
    _refused(run, dump, "project", "set", "YH-POOL", "--actual-start", "2027-01-01")
    _refused(run, dump, "project", "add", "YH-X")


def test_plan_and_invest_say_what_they_overwrite(run, dump):
    assert run("plan", "set", "YH-SPORTS", "2027", "1.5亿", "--target", "竣工")[0] == 0
    status, out, _ = run("invest", "YH-SPORTS", "2026-12", "1,200万", "--funds", "800万")
    assert status == 0 and "recorded" in out
    status, out, _ = run("invest", "YH-SPORTS", "2026年12月", "1,300万")
    assert status == 0
    assert ("corrected" in out and "0.12 bn" in out) or "12.0 m" in out or "1,200" in out
    status, out, _ = run("show", "YH-SPORTS", "--format", "json")
    _refused(run, dump, "invest", "YH-SPORTS", "2027-01", "1万")
    _refused(run, dump, "invest", "YH-SPORTS", "2026-11-05", "1万")
    _refused(run, dump, "invest", "YH-SPORTS", "2026-11", "-5")
    _refused(run, dump, "plan", "set", "YH-SPORTS", "twenty", "1万")


def test_problem_add_resolve_list(run, dump):
    status, out, _ = run(
        "problem",
        "add",
        "YH-SPORTS",
        "征地补偿未到位",
        "--owner",
        "区征收办",
        "--due",
        "2026年12月",
    )
    assert status == 0
    new_id = out.split()[-1]
    status, out, _ = run("problem", "list", "YH-SPORTS", "--format", "json")
    assert new_id in {str(p["id"]) for p in json.loads(out)}
    assert run("problem", "resolve", "YH-SPORTS", new_id)[0] == 0
    status, out, _ = run("problem", "list", "YH-SPORTS", "--format", "json")
    assert new_id not in {str(p["id"]) for p in json.loads(out)}
    err = _refused(run, dump, "problem", "resolve", "YH-SPORTS", new_id)
    assert "2026-12-02" in err
    _refused(run, dump, "problem", "resolve", "YH-SPORTS", "9999")
    _refused(run, dump, "problem", "add", "YH-SPORTS", "  ")


def test_milestone_rename_and_remove_undone(run, dump):
    from tracker.store.engine import make_engine
    from tracker.store.write.service import Service

    assert run("milestone", "rename", "YH-SPORTS", "竣工验收", "竣工验收备案")[0] == 0
    _refused(run, dump, "milestone", "rename", "YH-SPORTS", "竣工验收备案", "主体结顶")
    kept = _milestone(run, "竣工验收备案")
    status, out, _ = run("milestone", "remove", "YH-SPORTS", "竣工验收备案")
    assert status == 0
    status, out, _ = run("milestone", "list", "YH-SPORTS", "--format", "json")
    assert "竣工验收备案" not in {m["name"] for m in json.loads(out)}
    status, out, _ = run("log", "YH-SPORTS", "--format", "json")
    removal = json.loads(out)[0]
    assert removal["field"] == "deleted"
    Service(make_engine(run.url), user="officer-wang").revert([removal["id"]])
    assert _milestone(run, "竣工验收备案") == kept


def test_show_has_status_investment_problems_wrapped(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    status, out, _ = run("show", "YH-SPORTS")
    assert status == 0
    assert "Latest status" in out and "Investment 2026" in out and "Open problems: 1" in out
    from tracker.core.textable import display_width

    long = [line for line in out.splitlines() if display_width(line) > 60]
    table_rows = [line for line in long if "  " in line.strip()]
    assert long == table_rows  # only the milestone table's aligned rows may be wider


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "command",
    [
        ("project", "add"),
        ("project", "set"),
        ("plan", "set"),
        ("invest",),
        ("problem", "add"),
        ("problem", "resolve"),
        ("milestone", "done"),
        ("milestone", "set"),
        ("milestone", "reopen"),
        ("milestone", "rename"),
        ("milestone", "remove"),
    ],
)
def test_help_has_examples(command, lang, capsys):
    with pytest.raises(SystemExit):
        main(["--lang", lang, *command, "--help"])
    out = capsys.readouterr().out
    assert ("examples:" if lang == "en" else "示例：") in out
    assert "  tracker " + command[0] in out
