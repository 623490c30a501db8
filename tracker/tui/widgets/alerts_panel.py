"""The alerts panel: every alert of the portfolio with its reason; Enter opens the project."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.reports.formatting import named, paren
from tracker.tui.formats import LIGHT_STYLES, light_mark

SHOWN = 200
"""The panel lists the worst alerts only: past a few hundred nobody reads on, and each line
costs a measured, wrapped option."""


def alert_line(alert: Any, lang: str) -> Text:
    """One alert of #4's rules: severity mark, project, rule, item and the evidence."""
    style = LIGHT_STYLES.get(alert.severity) or ""
    item = named(lang, alert.item, alert.item_en)
    line = Text()
    line.append(light_mark(alert.severity, lang), style)
    line.append(f" {alert.project} ", "bold")
    line.append(f"{label(alert.rule, lang)}", style)
    line.append(f" · {item}: {alert.evidence}")
    return line


class AlertsPanel(OptionList):
    """Every alert of the portfolio (#4's rules), worst first, each with its evidence."""

    class Opened(Message):
        """The user chose an item of this project."""

        def __init__(self, code: str) -> None:
            self.code = code
            super().__init__()

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.border_title = tr(lang, "Alerts")
        self._codes: list[str] = []
        self.add_option(Option(tr(lang, "Loading…"), disabled=True))

    def show_alerts(self, alerts: list[Any]) -> None:
        """Replace the panel's items with the alerts, worst first (the worst SHOWN of them)."""
        self.clear_options()
        shown = alerts[:SHOWN]
        self._codes = [alert.project for alert in shown]
        self.border_title = f"{tr(self.lang, 'Alerts')} {len(alerts)}"
        if len(alerts) > SHOWN:
            self.border_title += paren(tr(self.lang, "the worst {n} shown", n=SHOWN), self.lang)
        if not alerts:
            self.add_option(Option(tr(self.lang, "No alerts."), disabled=True))
            return
        self.add_options([Option(alert_line(alert, self.lang)) for alert in shown])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._codes):
            self.post_message(self.Opened(self._codes[event.option_index]))
