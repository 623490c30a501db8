"""The command palette's projects: ctrl+p, type a code or a name, Enter opens the project."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Provider

from tracker.i18n.catalogue import tr
from tracker.tui import formats
from tracker.tui.widgets.portfolio_table import PortfolioTable

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp


class ProjectCommands(Provider):
    """Every project of the dashboard, by code and by its Chinese and English names."""

    def _projects(self) -> list[tuple[str, str, str]]:
        app: TrackerApp = self.app  # type: ignore[assignment]
        tables = [s.query(PortfolioTable) for s in app.screen_stack]
        rows = next((t.first().rows for t in tables if t), [])
        return [(r["code"], r["name"], r["name_en"] or "") for r in rows]

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        """Every project, before anything is typed."""
        app: TrackerApp = self.app  # type: ignore[assignment]
        for code, name, name_en in self._projects():
            shown = f"{code}  {formats.named({'name': name, 'name_en': name_en}, app.lang)}"
            yield DiscoveryHit(
                shown, partial(app.open_project, code), help=tr(app.lang, "open project")
            )

    async def search(self, query: str) -> AsyncIterator[Hit]:
        """Projects whose code or name matches what is typed; when none does, one line that
        says so in the app's language (choosing it just closes the palette), instead of the
        palette's own English "No matches found"."""
        app: TrackerApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        found = False
        for code, name, name_en in self._projects():
            shown = f"{code}  {formats.named({'name': name, 'name_en': name_en}, app.lang)}"
            score = max(matcher.match(f"{code} {name}"), matcher.match(name_en))
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(shown), partial(app.open_project, code))
        if not found:
            yield Hit(1, tr(app.lang, "No project matches {query}", query=query), _stay)


def _stay() -> None:
    """Nothing to open: the palette closes, the screen stays as it was."""
