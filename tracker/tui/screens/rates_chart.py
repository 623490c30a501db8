"""The start rate (开工率) over the year against the province's target curve (`r` on the
dashboard), drawn with textual-plotext, which this module alone imports: it is opened on a key
press, never on the first paint's path."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual_plotext import PlotextPlot

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.views.rates_view import chart_points, headline

if TYPE_CHECKING:
    from datetime import date

    from tracker.alerts.programme_rates import ProgrammeRates

_TICKS = (1, 4, 7, 10, 12)
"""The months whose first day is marked on the x axis."""


class RatesChartScreen(ModalScreen[None]):
    """The start rate day by day this year and the target curve; escape closes it."""

    DEFAULT_CSS = """
    RatesChartScreen { align: center middle; }
    RatesChartScreen > Vertical {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    RatesChartScreen #rates-line { height: auto; }
    RatesChartScreen PlotextPlot { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,r,q", "dismiss", "close"),
    ]

    def __init__(self, rates: ProgrammeRates, lang: str) -> None:
        super().__init__()
        self.rates = rates
        self.lang = lang
        self.actual, self.target = chart_points(rates)
        """The points drawn: (day, start rate %) to today, and (day, target %)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            # The legend is drawn here, not by plotext, which miscounts the width of Chinese.
            legend = Text(f"{headline(self.rates, self.lang)}\n")
            for colour, mark, key in (("red", "▞", "target"), ("blue", "▞", "start_rate")):
                legend.append(f"{mark} ", style=colour)
                legend.append(f"{label(key, self.lang)}  ")
            yield Static(legend, id="rates-line")
            yield PlotextPlot(id="chart")

    def on_mount(self) -> None:
        lang, year = self.lang, self.rates.year
        plt = self.query_one(PlotextPlot).plt
        plt.title(
            tr(lang, "{rate} {year} against the target", rate=label("start_rate", lang), year=year)
        )
        plt.plot(_x(self.target), [p for _, p in self.target], color="red")
        if self.actual:
            plt.plot(_x(self.actual), [p for _, p in self.actual], color="blue")
        plt.ylim(0, 100)
        plt.yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        days = [float(_day_of_year(year, m)) for m in _TICKS]
        plt.xticks(days, [tr(lang, "{month}/{year}", month=m, year=year) for m in _TICKS])


def _x(points: list[tuple[date, float]]) -> list[int]:
    return [day.timetuple().tm_yday for day, _ in points]


def _day_of_year(year: int, month: int) -> int:
    from datetime import date as day_of

    return day_of(year, month, 1).timetuple().tm_yday
