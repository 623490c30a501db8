"""Which stages of a project's life the rules treat alike.

A module of its own, without the rules, so that `tracker remind` can ask which projects owe a
status update without loading the alert rules.
"""

LIFECYCLE = ("concept", "design", "construction", "commissioning", "in_use", "closed")
"""Every stage in the order of a project's life (the values of tracker.store.model.Stage)."""
ACTIVE_STAGES = ("concept", "design", "construction", "commissioning")
"""Stages that owe a weekly status update (in use and closed projects do not)."""
NOT_STARTED_STAGES = ("concept", "design")
"""Stages in which a missing actual start means the project has not started."""
