"""Project types in the classes of HM Treasury's Green Book guidance on optimism bias.

A project's type is the one set for it (`project.project_type`); when none is set (NULL), the
default for its category. Railways dominate the `transport` category, so its default is
non-standard civil engineering; a road is told apart by setting its type to `standard_civil`
(`tracker set-type CODE standard_civil`). A category with no sensible default (`other`) has no
type until one is set, and its uplifts are then unknown.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.core.errors import InputError
from tracker.i18n.catalogue import N_, tr

PROJECT_TYPES = (
    "standard_building",
    "non_standard_building",
    "standard_civil",
    "non_standard_civil",
    "equipment_development",
    "outsourcing",
)

TYPE_LABELS: dict[str, str] = {
    "standard_building": N_("standard building"),
    "non_standard_building": N_("non-standard building"),
    "standard_civil": N_("standard civil engineering"),
    "non_standard_civil": N_("non-standard civil engineering"),
    "equipment_development": N_("equipment / development"),
    "outsourcing": N_("outsourcing"),
}

CATEGORY_TYPES: dict[str, str | None] = {
    "sports": "non_standard_building",
    "culture": "non_standard_building",
    "health": "non_standard_building",
    "education": "standard_building",
    "transport": "non_standard_civil",
    "science": "equipment_development",
    "rural": "standard_building",
    "urban": "standard_civil",
    "commerce": "standard_building",
    "infrastructure": "non_standard_civil",
    "transformation": "equipment_development",
    "military": "equipment_development",
    "ict": "equipment_development",
    "other": None,
}


def check_type(value: str, field: str = "type") -> str:
    """`value` if it names a Green Book class, else InputError naming the classes."""
    if value not in PROJECT_TYPES:
        raise InputError(field, value, "one of {choices}", choices=", ".join(PROJECT_TYPES))
    return value


def project_type(
    category: str, set_type: str | None, defaults: Mapping[str, str | None] = CATEGORY_TYPES
) -> tuple[str | None, str]:
    """The project's type and where it comes from: "set for this project" or "category default"."""
    if set_type:
        return set_type, "set for this project"
    return defaults.get(category), "category default"


def type_label(value: str | None, lang: str) -> str:
    """The type's name in `lang`; an em dash when unknown."""
    if value is None:
        return "—"
    return tr(lang, TYPE_LABELS.get(value, value))
