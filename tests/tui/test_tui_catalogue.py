"""The Chinese TUI is wholly Chinese: every screen, tab, form error, the help, the key bars and the
notifications, driven through the real app in `--lang zh`; and every word the TUI asks the
catalogue for has a Chinese translation."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tracker.i18n.catalogue import catalogue

TUI = Path(__file__).parents[2] / "tracker" / "tui"
KEY_NAMES = {
    "up", "down", "pageup", "pagedown", "home", "end", "enter", "click", "escape", "esc",
    "tab", "shift", "ctrl",
}  # fmt: skip
"""Names of keys, which the help screen and the key bars show as they are typed."""
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ ,/]+[A-Za-z]+){2,}")


def english_sentences(text: str) -> list[str]:
    """Runs of three or more English words in `text`, runs of key names and letters (`d e a u
    i p`) aside; codes such as YH-SPORTS, units such as CNY and formats such as YYYY-MM-DD are
    never three words."""
    runs = ENGLISH_RUN.findall(text)
    return [
        run
        for run in runs
        if any(len(w) > 1 and w not in KEY_NAMES for w in re.findall(r"[a-z]+", run.lower()))
    ]


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows now, line by line, read from the app's own screenshot."""
    lines: dict[float, list[tuple[float, str]]] = {}
    svg = app.export_screenshot()
    for x, y, text in re.findall(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        lines.setdefault(float(y), []).append((float(x), html.unescape(text)))
    return "\n".join(
        "".join(t for _x, t in sorted(parts)).replace("\xa0", " ")
        for _y, parts in sorted(lines.items())
    )


def test_the_detector_finds_english_and_lets_codes_and_keys_be():
    assert english_sentences("✗ 'abc' is not a date: expected YYYY-MM-DD") == ["is not a date"]
    assert english_sentences("YH-SPORTS 95.00亿元 CNY 9.50 bn ▏项目 命令面板") == []
    assert english_sentences("up down pageup pagedown home end  移动光标") == []


async def _visit_every_screen(pilot, wait) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The text of the dashboard, each tab of a project, forms refusing a date and an amount,
    the help, and the command palette finding nothing."""
    shown = {"dashboard": screen_text(pilot.app)}
    await pilot.press("slash", *"YH", "enter")
    await wait(pilot)
    shown["filter"] = screen_text(pilot.app)
    await pilot.press("escape")
    pilot.app.open_project("YH-SPORTS")
    await wait(pilot)
    for tab in "1234567":
        await pilot.press(tab)
        await wait(pilot)
        shown[f"tab {tab}"] = screen_text(pilot.app)
    await pilot.press("1", "down", "e")
    await wait(pilot)
    await pilot.press("ctrl+u", *"2027-02-30", "enter")
    await wait(pilot)
    shown["forecast form"] = screen_text(pilot.app)
    await pilot.press("escape", "i")
    await wait(pilot)
    await pilot.press("tab", *"abc", "enter")
    await wait(pilot)
    shown["investment form"] = screen_text(pilot.app)
    await pilot.press("escape", "question_mark")
    await wait(pilot)
    shown["help"] = screen_text(pilot.app)
    await pilot.press("escape", "ctrl+p")
    await wait(pilot)
    shown["palette"] = screen_text(pilot.app)
    await pilot.press(*"zzzz")
    await wait(pilot)
    await pilot.pause(0.3)
    shown["palette, no match"] = screen_text(pilot.app)
    return shown


def test_every_screen_of_the_chinese_tui_is_chinese(make_app, drive, wait):
    async def scenario(pilot):  # type: ignore[no-untyped-def]
        await wait(pilot)
        return await _visit_every_screen(pilot, wait)

    shown = drive(make_app(lang="zh"), scenario, size=(140, 45))
    assert {name: english_sentences(text) for name, text in shown.items()} == {
        name: [] for name in shown
    }
    footer = shown["dashboard"].splitlines()[-1]
    assert "帮助" in footer and "撤销" in footer and "命令面板" in footer
    assert "返回" in shown["tab 1"].splitlines()[-1]
    assert "■ 红" in shown["dashboard"] and "▲ 黄" in shown["dashboard"]
    assert "不是日期" in shown["forecast form"]
    assert "'abc' 不是金额" in shown["investment form"]
    assert "撤销本次会话的上一次修改" in shown["help"]
    assert "打开项目" in shown["palette"]
    assert "没有与 zzzz 匹配的项目" in shown["palette, no match"]


def test_the_english_tui_still_reads_english(make_app, drive, wait):
    async def scenario(pilot):  # type: ignore[no-untyped-def]
        await wait(pilot)
        return await _visit_every_screen(pilot, wait)

    shown = drive(make_app(lang="en"), scenario, size=(140, 45))
    assert "■ R" in shown["dashboard"]
    assert "is not a date: expected" in shown["forecast form"]
    assert "'abc' is not an amount" in shown["investment form"]
    assert "undo this session's last change" in shown["help"]
    assert "No project matches zzzz" in shown["palette, no match"]
    assert " help " in shown["dashboard"].splitlines()[-1]


def test_a_conflict_is_told_in_chinese_with_who_and_what(retype, make_app, drive, wait, demo_url):
    from datetime import date

    from textual.widgets import Static

    from tracker.core.dates import Deadline
    from tracker.store.engine import make_engine
    from tracker.store.write.service import Service
    from tracker.tui.screens.form import Form

    async def scenario(pilot):  # type: ignore[no-untyped-def]
        await wait(pilot)
        pilot.app.open_project("YH-SPORTS")
        await wait(pilot)
        await pilot.press("down", "e")
        await wait(pilot)
        form = pilot.app.screen
        assert isinstance(form, Form)
        other = Service(make_engine(demo_url), user="officer-wang")
        other.set_forecast("YH-SPORTS", "钢结构屋盖合龙", Deadline.of(date(2027, 1, 15), "day"))
        await retype(pilot, "#field-forecast", "2027-02")
        await pilot.press("enter")
        await wait(pilot)
        return str(form.query_one("#form-error", Static).render()), screen_text(pilot.app)

    message, shown = drive(make_app(lang="zh"), scenario, size=(140, 45))
    assert message.startswith("未保存：记录已被他人修改，已重新读取。\nofficer-wang 于 ")
    assert "预计时间 = 2027-01-15" in message
    assert english_sentences(shown) == []


@pytest.mark.parametrize("root", [TUI], ids=["tui"])
def test_every_word_the_tui_asks_for_has_a_chinese_translation(root, catalogue_calls):
    from tracker.tui.screens.help import KEYS

    zh = catalogue("zh")
    calls = catalogue_calls(root)
    calls += [(None, place) for place, _keys in KEYS]
    calls += [(None, what) for _place, keys in KEYS for _key, what in keys]
    assert len(calls) > 100
    untranslated = [
        (context, message)
        for context, message in calls
        if (zh.pgettext(context, message) if context else zh.gettext(message)) == message
    ]
    assert untranslated == []


def test_every_key_bar_description_of_the_app_is_translated():
    from textual.binding import Binding

    from tracker.reports.formatting import ptr
    from tracker.tui.app import TrackerApp
    from tracker.tui.screens.dashboard import DashboardScreen
    from tracker.tui.screens.form import Form
    from tracker.tui.screens.help import HelpScreen
    from tracker.tui.screens.project import ProjectScreen
    from tracker.tui.widgets.portfolio_table import PortfolioTable

    owners = (TrackerApp, DashboardScreen, ProjectScreen, Form, HelpScreen, PortfolioTable)
    bindings = [b for owner in owners for b in owner.BINDINGS if isinstance(b, Binding)]
    descriptions = {b.description for b in bindings if b.description}
    assert {"help", "undo", "back", "done", "sort", "cancel", "save"} <= descriptions
    assert [d for d in descriptions if ptr("zh", "key", d) == d] == []
