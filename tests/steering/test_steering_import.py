"""The native format carries a project's library and statistics enrolment (issue #16): the
template names the columns, a file with them imports (and again changes nothing), a file of the
previous release (without them) still imports, a library word not ours is unknown. On SQLite and
PostgreSQL."""

from __future__ import annotations

import json

OLD_HEADER = "code,name,stage,unit,total_investment,milestone,milestone_baseline\n"


def _show(run, code: str) -> dict:
    status, out, err = run("show", code, "--format", "json")
    assert status == 0, err
    return json.loads(out)


def test_the_template_names_the_new_columns(run, tmp_path):
    target = tmp_path / "t.csv"
    assert run("--lang", "zh", "import", "--template", str(target))[0] == 0
    header = target.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert {"项目库", "入库日期", "入库金额"} <= set(header)


def test_a_file_with_the_new_columns_imports_and_again_changes_nothing(run, tmp_path):
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "code,name,unit,library,enrolled_on,enrolled_amount\n"
        'YH-POOL,区游泳馆,区体育局,储备,2026-10-15,"3,200万"\n',
        encoding="utf-8",
    )
    status, _, err = run("import", str(sheet))
    assert status == 0, err
    pool = _show(run, "YH-POOL")
    assert (pool["library"], pool["enrolled_on"], pool["enrolled_amount"]) == (
        "reserve",
        "2026-10-15",
        "32000000",
    )
    status, out, _ = run("org", "list", "--format", "json")
    assert {"name": "区体育局", "kind": "unit", "as_unit": 1, "as_owner": 0} in json.loads(out)
    status, out, _ = run("import", str(sheet), "--dry-run")
    assert status == 0 and "projects: 0 added, 0 changed" in out and "1 unchanged" in out


def test_a_file_of_the_previous_release_still_imports(run, tmp_path):
    sheet = tmp_path / "old.csv"
    sheet.write_text(
        OLD_HEADER + "YH-OLD,旧馆,design,区城投集团,1.2亿,开工,2027-03\n", encoding="utf-8"
    )
    status, _, err = run("import", str(sheet))
    assert status == 0, err
    old = _show(run, "YH-OLD")
    assert (old["unit"], old["library"], old["enrolled_on"]) == ("区城投集团", None, None)


def test_a_library_word_that_is_not_ours_is_unknown_and_kept_in_the_notes(run, tmp_path):
    # As for a category: a cell of words that is no value is unknown, its text kept.
    sheet = tmp_path / "odd.csv"
    sheet.write_text("code,name,library\nYH-ODD,怪行,在建库\n", encoding="utf-8")
    status, _, err = run("import", str(sheet))
    assert status == 0, err
    odd = _show(run, "YH-ODD")
    assert odd["library"] is None and "library: 在建库" in odd["notes"]
