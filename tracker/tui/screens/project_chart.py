"""A project's pictures (`c` on the project screen), as the one-pager prints them: the cumulative
completed investment month by month against the annual plan and its time-elapsed line (序时进度),
the recorded light at the end of each of the last 12 weeks, and how far the completion milestone
and the next open ones had slipped at the end of each of those weeks. Drawn with textual-plotext
(imported by this module alone, on the key press)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static
from textual_plotext import PlotextPlot

from tracker.core.textable import display_width
from tracker.i18n.catalogue import N_, tr
from tracker.reports.formatting import days_text, light_weeks_caption
from tracker.reports.slip_chart import latest, line_name, runs, scale
from tracker.tui import formats

if TYPE_CHECKING:
    from tracker.reports.contents import SlipWeeks
    from tracker.tui.ledger import ProjectFile

_SERIES = (
    ("blue", "•", N_("completed")),
    ("red", "▞", N_("time elapsed")),
    ("green", "▀", N_("annual plan")),
)
"""Each line's colour, mark and name, in the order of the legend."""
SLIP_COLOURS = ("blue", "magenta", "cyan", "white")
"""A milestone's line colour, in the order of the lines: names both Rich and plotext know."""


def year_curve(
    file: ProjectFile, year: int, through: int | None
) -> tuple[list[tuple[int, int]], int | None]:
    """The cumulative completed investment (minor units) at the end of each month 1 … `through`
    of `year` (a month with no report adds nothing), and the year's plan (None: no plan)."""
    by_month: dict[int, int] = {}
    for report in file.reports:
        if report["year"] == year and report["month"] <= (through or 0):
            by_month[report["month"]] = by_month.get(report["month"], 0) + (
                report["amount_cents"] or 0
            )
    total, points = 0, []
    for month in range(1, (through or 0) + 1):
        total += by_month.get(month, 0)
        points.append((month, total))
    plan = next((p["planned_cents"] for p in file.plans if p["year"] == year), None)
    return points, plan


class ProjectChartScreen(ModalScreen[None]):
    """The project's year of investment against its plan, its lights and its milestones' slip
    week by week; escape (or c) closes it."""

    DEFAULT_CSS = """
    ProjectChartScreen { align: center middle; }
    ProjectChartScreen > VerticalScroll {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    ProjectChartScreen Static { height: auto; }
    ProjectChartScreen PlotextPlot { height: 1fr; min-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,c,q", "dismiss", "close")]

    def __init__(
        self,
        file: ProjectFile,
        year: int,
        through: int | None,
        lang: str,
        lights: tuple[tuple[str, str | None], ...],
        slips: SlipWeeks,
    ) -> None:
        super().__init__()
        self.lights = lights
        """(ISO week, the light recorded at its end), oldest first."""
        self.slips = slips
        self.lang = lang
        self.year = year
        self.code = file.project["code"]
        self.currency = file.project["currency"] or "CNY"
        self.points, self.plan = year_curve(file, year, through)
        """What is drawn: (month, cumulative completed) and the year's plan, minor units."""

    def unit(self) -> tuple[int, str]:
        """Minor units per unit of the y axis, and its name: 万元 for yuan, millions else."""
        if self.currency == "CNY":
            return 1_000_000, tr(self.lang, "CNY 10,000")
        return 100_000_000, tr(self.lang, "{currency} m", currency=self.currency)

    def compose(self) -> ComposeResult:
        lang = self.lang
        if self.plan is None and not self.points:
            line = Text(
                tr(lang, "No plan and no monthly investment reported for {year}", year=self.year)
            )
        else:
            title = tr(
                lang,
                "{code}: investment {year}, cumulative by month",
                code=self.code,
                year=self.year,
            )
            # The legend is drawn here, not by plotext, which miscounts the width of Chinese.
            line = Text(f"{title}   ")
            for colour, mark, key in _SERIES:
                line.append(f"{mark} ", style=colour)
                line.append(f"{tr(lang, key)}  ")
        with VerticalScroll():
            yield Static(line, id="chart-line")
            yield PlotextPlot(id="chart")
            yield Static(self.light_strip(), id="lights-line")
            yield Static(self.slip_legend(), id="slip-line")
            yield PlotextPlot(id="slip-chart")

    def light_strip(self) -> Text:
        """The lights week by week: a column a week, its number over its light's mark."""
        lang = self.lang
        strip = Text(light_weeks_caption(len(self.lights), lang) + "\n")
        for week, _light in self.lights:
            strip.append(f"{week.split('-')[1]:<6}")
        strip.append("\n")
        for _week, light in self.lights:
            mark = formats.light_mark(light, lang)
            strip.append(mark, style=formats.LIGHT_STYLES.get(light) or "")
            strip.append(" " * max(1, 6 - display_width(mark)))
        return strip

    def slip_legend(self) -> Text:
        """The milestones whose slip is drawn, each in its line's colour with its latest slip."""
        lang = self.lang
        if not self.slips.lines:
            return Text(tr(lang, "No milestone with a baseline to follow."))
        legend = Text(f"{tr(lang, 'days behind the baseline')}   ")
        for line, colour in zip(self.slips.lines, SLIP_COLOURS, strict=False):
            legend.append("▀ ", style=colour)
            legend.append(f"{line_name(line, lang)} {days_text(latest(line), lang)}  ")
        return legend

    def on_mount(self) -> None:
        lang = self.lang
        per, unit = self.unit()
        plt = self.query_one("#chart", PlotextPlot).plt
        plt.title(tr(lang, "Completed against the plan ({unit})", unit=unit))
        months = [float(m) for m in range(13)]
        if self.plan is not None:
            plan = self.plan / per
            plt.plot(months, [plan * m / 12 for m in months], color=_SERIES[1][0])
            plt.plot(months, [plan] * len(months), color=_SERIES[2][0])
        if self.points:
            xs = [0.0] + [float(m) for m, _ in self.points]
            ys = [0.0] + [v / per for _, v in self.points]
            plt.plot(xs, ys, color=_SERIES[0][0], marker="dot")
        plt.xlim(0, 12)
        plt.xticks(months[1:], [str(m) for m in range(1, 13)])
        plt.xlabel(tr(lang, "month"))
        self.draw_slips()

    def draw_slips(self) -> None:
        """A line a milestone through the weeks it had a slip, broken where it had none."""
        plt = self.query_one("#slip-chart", PlotextPlot).plt
        weeks = [week.split("-")[1] for week in self.slips.weeks]
        for line, colour in zip(self.slips.lines, SLIP_COLOURS, strict=False):
            for run in runs(line):
                plt.plot([n for n, _ in run], [days for _, days in run], color=colour, marker="dot")
        plt.xlim(-0.5, len(weeks) - 0.5)
        plt.xticks([float(n) for n in range(len(weeks))], weeks)
        low, high, step = scale(self.slips.lines)  # whole days, as the one-pager's axis
        plt.ylim(low, high)
        plt.yticks([float(days) for days in range(low, high + 1, step)])
