"""Load the demo's approval items (db/demo/approvals.toml), every one illustrative, through the
service, for the projects the demo has just added. A submitted or approved day after the day the
demo is made on is left out (the service refuses a recorded fact in the future)."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

from tracker.config.approval_template import DEFAULT_STEPS
from tracker.core.dates import parse_deadline
from tracker.store.schema import resource_dir
from tracker.store.write.approval_writes import find_step
from tracker.store.write.service import Service


def demo_approvals() -> list[dict[str, Any]]:
    """The items as the TOML file gives them."""
    with (resource_dir("demo") / "approvals.toml").open("rb") as file:
        items: list[dict[str, Any]] = tomllib.load(file)["item"]
    return items


def load_approvals(service: Service, added: set[str], today: date) -> None:
    """Record the demo's items of the projects in `added`."""
    for entry in demo_approvals():
        if entry["project"] not in added:
            continue
        step = find_step(DEFAULT_STEPS, entry["step"])
        service.add_approval(
            entry["project"],
            step,
            DEFAULT_STEPS,
            officer=entry.get("officer"),
            planned=parse_deadline(entry["planned"], today),
            illustrative=True,
        )
        changes: dict[str, Any] = {
            field: date.fromisoformat(entry[field])
            for field in ("submitted", "approved")
            if field in entry and date.fromisoformat(entry[field]) <= today
        }
        if "approved" in changes and "number" in entry:
            changes["number"] = entry["number"]
        if changes:
            service.set_approval(entry["project"], step.key, changes)
