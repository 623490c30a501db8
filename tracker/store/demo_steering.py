"""Load the demo's steering facts (db/demo/steering.toml): illustrative leaders in charge, the
libraries, the sports centre's provincial programme, through the service, for the projects the
demo has just added."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

from tracker.store.schema import resource_dir
from tracker.store.write.service import Service


def demo_steering() -> dict[str, Any]:
    """The steering facts as the TOML file gives them."""
    with (resource_dir("demo") / "steering.toml").open("rb") as file:
        return tomllib.load(file)


def load_steering(service: Service, added: set[str]) -> None:
    """Record the leaders (once) and the steering facts of the projects in `added`."""
    facts = demo_steering()
    for leader in facts.get("leader", []):
        codes = [code for code in leader["projects"] if code in added]
        if not codes:
            continue
        if service.leader_id_or_none(leader["name"]) is None:
            service.add_leader(
                leader["name"], leader.get("title"), illustrative=leader.get("illustrative", False)
            )
        for code in codes:
            service.assign(code, leader=leader["name"])
    for code, library in facts.get("library", {}).items():
        if code in added:
            service.set_library(code, library)
    for membership in facts.get("programme", []):
        if membership["project"] in added:
            service.join_programme(
                membership["project"],
                membership["programme"],
                membership["year"],
                on=date.fromisoformat(membership["joined_on"]),
                illustrative=membership.get("illustrative", False),
            )
