"""The steering vocabularies (issue #16) and how a typed word is read as one of them.

Each value is stored by its key and shown by its glossary label; a command line or a form may
give the key or the label in either language (`储备`, `reserve`), anything else is refused
naming the field, the value and the choices.
"""

from __future__ import annotations

from tracker.core.errors import InputError
from tracker.i18n.glossary import label

LIBRARIES = ("pipeline", "reserve", "new_start", "continuing", "completed")
"""项目库: 谋划, 储备, 新开工, 续建, 竣工."""
PROGRAMMES = ("provincial", "city_key", "district_key")
"""省「千项万亿」, 市重点, 区重点."""
PROBLEM_KINDS = (
    "land",
    "forest",
    "planning",
    "energy",
    "funding",
    "demolition",
    "approval",
    "other",
)
"""要素保障: 用地, 林地, 规划, 能耗, 资金, 拆迁, 审批, 其他."""
PROBLEM_LEVELS = ("district", "city", "province")
"""The level that must solve a problem: 区, 市, 省."""
EVIDENCE_ITEMS = ("approval_document", "construction_contract", "site_photos")
"""What the statistics office asks for before enrolment: the approval document, and the
construction contract or dated site photos."""
ORGANISATION_KINDS = ("unit", "owner", "department")
"""责任单位, 业主单位, 审批部门 (labels under `<kind>_kind`)."""

_SHORT = {
    "用地": "land",
    "林地": "forest",
    "能耗": "energy",
    "能耗指标": "energy",
    "资金": "funding",
    "拆迁": "demolition",
    "审批": "approval",
    "其他": "other",
    "区": "district",
    "市": "city",
    "省": "province",
    "千项万亿": "provincial",
    "省千项万亿": "provincial",
    "市重点": "city_key",
    "区重点": "district_key",
}
"""Words officers write that are not exactly a label (the short forms of the glossary)."""


def choose(field: str, text: str, values: tuple[str, ...], *, suffix: str = "") -> str:
    """The key among `values` that `text` names (a key, or its label in zh or en; labels under
    `key + suffix`); InputError naming the field, the value and the choices otherwise."""
    typed = text.strip().casefold()
    for value in values:
        if typed == value or typed in (
            label(value + suffix, lang).casefold() for lang in ("en", "zh")
        ):
            return value
    found = _SHORT.get(text.strip())
    if found in values:
        return found
    raise InputError(field, text, "one of {choices}", choices=", ".join(values))
