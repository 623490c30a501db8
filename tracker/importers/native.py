"""Our own spreadsheet format: its columns, its mapping, and the writer of files in it.

A native CSV is "long": one row per milestone, the project's code repeated on each (its project
cells repeated or left blank after the first); a project without milestones has one row with
the milestone cells blank. A native XLSX has a `Projects` (项目) sheet and a `Milestones` (节点)
sheet joined by the code, and the `Approvals` (前期手续) and `Programmes` (所属计划) sheets of
tracker.importers.native_items (a CSV carries their columns on its long rows). Headers are our
field names or their Chinese or English labels, so the project table `tracker projects --format
csv` writes reads back. Deadlines are written at their
precision (2027-03-31, 2027-03, 2027-Q1, 2027); money in the currency's unit (9500000000).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.core.dates import Deadline, typed_text
from tracker.core.formula import neutral
from tracker.core.leftovers import remove_stale
from tracker.i18n.catalogue import ptr, tr
from tracker.importers.mapping import Mapping, Rule
from tracker.importers.native_items import APPROVAL_COLUMNS, PROGRAMME_COLUMNS
from tracker.store.read import approval_reads, queries, steering_reads
from tracker.views.portfolio import amount_text

if TYPE_CHECKING:
    from tracker.store.read.plainsql import PlainConnection

PROJECT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("code", "项目代码", "project code"),
    ("name", "项目名称", "project name"),
    ("name_en", "英文名称", "english name"),
    ("category", "类别", "category"),
    ("project_type", "项目类型", "project type"),
    ("stage", "阶段", "stage"),
    ("unit", "责任单位", "responsible unit"),
    ("officer", "责任人", "officer in charge"),
    ("owner_org", "业主单位", "owner"),
    ("location", "建设地点", "location"),
    ("scale", "建设规模及主要建设内容", "scale and content"),
    ("total_investment", "总投资", "total investment"),
    ("currency", "币种", "currency"),
    ("baseline_start", "计划开工", "baseline start"),
    ("baseline_finish", "计划完工", "baseline finish"),
    ("forecast_finish", "预计完工", "forecast finish"),
    ("actual_start", "实际开工", "actual start"),
    ("actual_finish", "实际完工", "actual finish"),
    ("light", "亮灯", "light"),
    ("status_on", "状态日期", "status date"),
    ("status_narrative", "进展说明", "status narrative"),
    ("sources", "资料来源", "sources"),
    ("notes", "备注", "notes"),
    ("library", "项目库", "library"),
    ("enrolled_on", "入库日期", "enrolled on"),
    ("enrolled_amount", "入库金额", "enrolled amount"),
    ("leader", "包保领导", "leader in charge"),
    ("leader_title", "领导职务", "leader's title"),
    ("approvals_parallel", "并联审批", "approvals in parallel"),
)
PRECISION_COLUMNS = (
    "baseline_start_precision",
    "baseline_finish_precision",
    "forecast_finish_precision",
)
MILESTONE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("milestone", "节点", "milestone"),
    ("milestone_name_en", "节点英文名称", "milestone english name"),
    ("milestone_baseline", "节点计划时间", "milestone baseline"),
    ("milestone_forecast", "节点预计时间", "milestone forecast"),
    ("milestone_done", "节点实际完成", "milestone done"),
    ("milestone_owner", "节点负责人", "milestone owner"),
    ("milestone_lead_days", "提前提醒天数", "lead days"),
    ("milestone_note", "节点备注", "milestone note"),
    ("milestone_illustrative", "示意数据", "illustrative"),
)
PROJECT_SHEETS = ("projects", "项目")
MILESTONE_SHEETS = ("milestones", "节点")
_MILESTONE_KEYS = {
    "milestone": "name",
    "milestone_name_en": "name_en",
    "milestone_owner": "owner",
    "milestone_lead_days": "lead_days",
    "milestone_note": "note",
}


Cells = list[str]
NativeRow = tuple[Cells, list[Cells]] | tuple[Cells, list[Cells], list[Cells], list[Cells]]
"""A project's cells and its milestones' (and its approval items' and memberships')."""


def native_mapping() -> Mapping:
    """The native mapping: every column optional but the code and the name."""
    rules = [
        Rule(key, (key, zh, en), required=key == "code")
        for key, zh, en in (*PROJECT_COLUMNS, *MILESTONE_COLUMNS)
    ]
    rules += [Rule(key, (key,)) for key in PRECISION_COLUMNS]
    return Mapping(name="native", rules=tuple(rules), strict_columns=False)


def headers(columns: Iterable[tuple[str, str, str]], lang: str) -> list[str]:
    """The header row: Chinese labels for zh, field names otherwise."""
    return [zh if lang == "zh" else key for key, zh, _ in columns]


def project_cells(project: dict[str, Any], light: str | None) -> list[str]:
    """One project (a row of queries.projects) as the native columns' text."""
    values: dict[str, Any] = dict(project)
    values["total_investment"] = amount_text(project.get("total_investment_cents"))
    values["enrolled_amount"] = amount_text(project.get("enrolled_cents"))
    for key in ("baseline_start", "baseline_finish", "forecast_finish"):
        values[key] = typed_text(project.get(key), project.get(f"{key}_precision"))
    values["light"] = light
    values["status_on"] = project.get("status_on") if light else None
    values["status_narrative"] = project.get("status_narrative") if light else None
    return [_text(values.get(key)) for key, _, _ in PROJECT_COLUMNS]


def milestone_cells(milestone: dict[str, Any]) -> list[str]:
    """One milestone (a row of queries.milestones) as the native milestone columns' text."""
    values = {column: milestone.get(key) for column, key in _MILESTONE_KEYS.items()}
    for key in ("baseline", "forecast", "done"):
        values[f"milestone_{key}"] = typed_text(
            milestone.get(key), milestone.get(f"{key}_precision")
        )
    values["milestone_illustrative"] = "true" if milestone.get("illustrative") else ""
    return [_text(values.get(key)) for key, _, _ in MILESTONE_COLUMNS]


def approval_cells(item: dict[str, Any]) -> list[str]:
    """One approval item (a row of approval_reads.items) as the native approval columns."""
    values = {f"approval_{key}": item.get(key) for key in ("step", "department", "officer")}
    values["approval_planned"] = typed_text(item.get("planned"), item.get("planned_precision"))
    for key in ("submitted", "approved", "number", "note"):
        values[f"approval_{key}"] = item.get(key)
    values["approval_illustrative"] = "true" if item.get("illustrative") else ""
    return [_text(values.get(key)) for key, _, _ in APPROVAL_COLUMNS]


def programme_cells(membership: dict[str, Any]) -> list[str]:
    """One membership (a row of steering_reads.memberships) as the native programme columns."""
    values = {
        "programme": membership["programme"],
        "programme_year": membership["year"],
        "programme_joined": membership["joined_on"],
        "programme_left": membership.get("left_on"),
        "programme_reason": membership.get("reason"),
        "programme_illustrative": "true" if membership.get("illustrative") else "",
    }
    return [_text(values.get(key)) for key, _, _ in PROGRAMME_COLUMNS]


def _parts(row: NativeRow) -> tuple[Cells, list[Cells], list[Cells], list[Cells]]:
    if len(row) == 2:
        return row[0], row[1], [], []
    return row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Deadline):
        return typed_text(value.due, value.precision.value)
    if isinstance(value, date):
        return value.isoformat()
    return neutral(str(value))


def write_native(path: Path, projects: Sequence[NativeRow], lang: str = "en") -> None:
    """Write projects (cells, their milestones' cells, and their approval items' and
    memberships' when given) as native CSV or XLSX, by the suffix.

    The file is written to a temporary name and renamed, so a failure leaves nothing behind.
    """
    remove_stale(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        if path.suffix.casefold() == ".xlsx":
            _write_xlsx(partial, projects, lang)
        else:
            _write_csv(partial, projects, lang)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _write_csv(path: Path, projects: Sequence[NativeRow], lang: str) -> None:
    blanks = [[""] * len(c) for c in (MILESTONE_COLUMNS, APPROVAL_COLUMNS, PROGRAMME_COLUMNS)]
    columns = (*PROJECT_COLUMNS, *MILESTONE_COLUMNS, *APPROVAL_COLUMNS, *PROGRAMME_COLUMNS)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(headers(columns, lang))
        for row in projects:
            # one row holds a milestone, an approval item and a membership side by side
            cells, *lists = _parts(row)
            for i in range(max(1, *(len(items) for items in lists))):
                line = list(cells)
                for items, blank in zip(lists, blanks, strict=True):
                    line += items[i] if i < len(items) else blank
                writer.writerow(line)


def _write_xlsx(path: Path, projects: Sequence[NativeRow], lang: str) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(ptr(lang, "native sheet", "Projects"))
    sheet.append(headers(PROJECT_COLUMNS, lang))
    parts = [_parts(row) for row in projects]
    for cells, *_ in parts:
        sheet.append(cells)
    named = (
        (tr(lang, "Milestones"), MILESTONE_COLUMNS),
        (tr(lang, "Approvals"), APPROVAL_COLUMNS),
        (ptr(lang, "native sheet", "Programmes"), PROGRAMME_COLUMNS),
    )
    for index, (name, columns) in enumerate(named, start=1):
        sheet = book.create_sheet(name)
        sheet.append(headers((PROJECT_COLUMNS[0], *columns), lang))
        for part in parts:
            for item in part[index]:
                sheet.append([part[0][0], *item])
    help_sheet = book.create_sheet(tr(lang, "Help"))
    help_sheet.append(["column", "列名", "label"])
    for row in (*PROJECT_COLUMNS, *MILESTONE_COLUMNS, *APPROVAL_COLUMNS, *PROGRAMME_COLUMNS):
        help_sheet.append(list(row))
    book.save(path)


def portfolio_rows(conn: PlainConnection) -> list[NativeRow]:
    """Every project of a database with its milestones, approval items, programme
    memberships and leader in charge, as native cells (for write_native)."""
    leaders = steering_reads.project_leaders(conn)
    parallel = steering_reads.parallel_approvals(conn)
    approvals: dict[str, list[Cells]] = {}
    for item in approval_reads.items(conn):
        approvals.setdefault(item["code"], []).append(approval_cells(item))
    programmes: dict[str, list[Cells]] = {}
    for membership in steering_reads.memberships(conn):
        programmes.setdefault(membership["code"], []).append(programme_cells(membership))
    rows: list[NativeRow] = []
    for project in queries.projects(conn):
        code = project["code"]
        leader, title = leaders.get(code, (None, None))
        extra = {"leader": leader, "leader_title": title}
        extra["approvals_parallel"] = "true" if code in parallel else "false"
        cells = project_cells({**project, **extra}, project["status_light"])
        milestones = [milestone_cells(m) for m in queries.milestones(conn, project["id"])]
        rows.append((cells, milestones, approvals.get(code, []), programmes.get(code, [])))
    return rows
