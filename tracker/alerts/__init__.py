"""Alerts (预警): the facts they read, the pure rules, and each project's light."""
