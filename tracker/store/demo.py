"""Load the demo portfolio (db/demo/portfolio.toml, from the seed article) through the service.

Loading is idempotent: a project whose code is already there is left as it is.
"""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

from tracker.core.dates import Deadline, parse_deadline
from tracker.core.money import parse_amount, to_cents
from tracker.store.model import Light
from tracker.store.schema import resource_dir
from tracker.store.write.service import Service, deadline_fields

_PROJECT_TEXT = (
    "code",
    "name",
    "name_en",
    "category",
    "stage",
    "unit",
    "officer",
    "owner_org",
    "location",
    "scale",
    "sources",
)
_PROJECT_DEADLINES = ("baseline_start", "baseline_finish", "forecast_finish")
_PROJECT_DAYS = ("actual_start", "actual_finish")


def demo_portfolio() -> list[dict[str, Any]]:
    """The demo's projects as the TOML file gives them."""
    with (resource_dir("demo") / "portfolio.toml").open("rb") as file:
        return list(tomllib.load(file)["project"])


def load_demo(service: Service, today: date) -> int:
    """Add every demo project that is not there yet; returns how many were added."""
    present = service.codes()
    added: set[str] = set()
    for entry in demo_portfolio():
        if entry["code"] in present:
            continue
        _load_project(service, entry, today)
        added.add(entry["code"])
    from tracker.store.demo_steering import load_steering  # leaders, libraries (issue #16)

    load_steering(service, added)
    from tracker.store.demo_approvals import load_approvals  # 前期手续 (issue #16)

    load_approvals(service, added, today)
    return len(added)


def _deadline(text: str | None, today: date) -> Deadline | None:
    return None if text is None else parse_deadline(text, today)


def _cents(text: str | None) -> int | None:
    return None if text is None else to_cents(parse_amount(text))


def _load_project(service: Service, entry: dict[str, Any], today: date) -> None:
    fields: dict[str, Any] = {key: entry[key] for key in _PROJECT_TEXT if key in entry}
    for key in _PROJECT_DEADLINES:
        fields |= deadline_fields(key, _deadline(entry.get(key), today))
    for key in _PROJECT_DAYS:
        if key in entry:
            fields[key] = parse_deadline(entry[key], today).due
    fields["total_investment_cents"] = _cents(entry.get("total_investment"))
    code = entry["code"]
    service.create_project(fields)
    for m in entry.get("milestone", []):
        service.add_milestone(
            code,
            m["name"],
            name_en=m.get("name_en"),
            baseline=_deadline(m.get("baseline"), today),
            forecast=_deadline(m.get("forecast"), today),
            done=_deadline(m.get("done"), today),
            owner=m.get("owner"),
            lead_days=m.get("lead_days"),
            note=m.get("note"),
            illustrative=m.get("illustrative", False),
            marks_completion=m.get("completion", False),
        )
    for plan in entry.get("plan", []):
        service.set_plan(
            code,
            plan["year"],
            _cents(plan.get("amount")),
            progress_target=plan.get("progress_target"),
            illustrative=plan.get("illustrative", False),
        )
    for report in entry.get("investment_report", []):
        service.record_investment(
            code,
            report["year"],
            report["month"],
            _cents(report.get("amount")),
            funds_in_place_cents=_cents(report.get("funds_in_place")),
            illustrative=report.get("illustrative", False),
        )
    for status in entry.get("status", []):
        service.add_status(
            code,
            Light(status["light"]),
            status.get("narrative", ""),
            on=parse_deadline(status["on"], today).due,
            illustrative=status.get("illustrative", False),
        )
    for problem in entry.get("problem", []):
        service.add_problem(
            code,
            problem["description"],
            owner=problem.get("owner"),
            due=_deadline(problem.get("due"), today),
            illustrative=problem.get("illustrative", False),
        )
