"""The approvals template (前期手续): the steps a project's approval items follow, in order,
each with its approving department (审批部门), from the settings file's `[approvals]` table.

```toml
[approvals]
steps = [
  { key = "proposal", name = "项目建议书/立项", name_en = "Proposal", department = "区发改局" },
  ...
]
```

Without a `[approvals]` table the default template below holds. A step's key is what the items
store; its names and department are what a new item starts from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.core.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Mapping

_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


class Step(NamedTuple):
    """One step of the template."""

    key: str
    name: str
    name_en: str
    department: str


DEFAULT_STEPS: tuple[Step, ...] = (
    Step("proposal", "项目建议书/立项", "Project proposal / establishment", "区发改局"),
    Step("feasibility", "可研批复", "Feasibility study approval", "区发改局"),
    Step(
        "land_pre_review",
        "用地预审与选址意见书",
        "Land pre-review and site selection opinion",
        "区规划和自然资源局",
    ),
    Step("land_use_permit", "用地规划许可", "Land-use planning permit", "区规划和自然资源局"),
    Step("works_permit", "工程规划许可", "Works planning permit", "区规划和自然资源局"),
    Step("eia", "环评批复", "Environmental impact approval", "区生态环境局"),
    Step("energy_review", "节能审查", "Energy-saving review", "区发改局"),
    Step("preliminary_design", "初步设计批复", "Preliminary design approval", "区发改局"),
    Step("drawing_review", "施工图审查", "Construction drawing review", "区住建局"),
    Step("construction_permit", "施工许可", "Construction permit", "区住建局"),
)
"""The usual main line of a government-invested project's approvals in Zhejiang."""


def _text(where: str, entry: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = entry.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise InputError(f"{where}.{name}", value, "a text of 1 to 200 characters")
    return value.strip()


def _step(index: int, entry: Any) -> Step:
    where = f"approvals.steps[{index}]"
    if not isinstance(entry, dict):
        raise InputError(where, entry, "a table with key, name, name_en and department")
    unknown = set(entry) - {"key", "name", "name_en", "department"}
    if unknown:
        raise InputError(
            f"{where}.{sorted(unknown)[0]}",
            entry[sorted(unknown)[0]],
            "key, name, name_en or department",
        )
    key = _text(where, entry, "key")
    if not set(key) <= _KEY_CHARS:
        raise InputError(f"{where}.key", key, "lower-case letters, digits and _")
    name = _text(where, entry, "name")
    return Step(
        key,
        name,
        _text(where, entry, "name_en", required=False) or name,
        _text(where, entry, "department"),
    )


def approval_steps(sections: Mapping[str, Any]) -> tuple[Step, ...]:
    """The template the settings file's `[approvals]` table gives, checked; the default
    without one. InputError naming the key, the value and what was expected."""
    table = sections.get("approvals")
    if table is None:
        return DEFAULT_STEPS
    if not isinstance(table, dict):
        raise InputError("approvals", table, "an [approvals] table")
    unknown = set(table) - {"steps"}
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(f"approvals.{key}", table[key], "steps")
    entries = table.get("steps")
    if not isinstance(entries, list) or not entries:
        raise InputError("approvals.steps", entries, "a list of steps, each a table")
    steps = tuple(_step(index, entry) for index, entry in enumerate(entries))
    keys = [step.key for step in steps]
    for key in keys:
        if keys.count(key) > 1:
            raise InputError("approvals.steps", key, "each step's key once")
    return steps
