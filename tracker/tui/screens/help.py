"""The help screen (`?` or F1): every key of the app, grouped by where it works."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.tui.vocabulary import word

KEYS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "everywhere",
        (
            ("? / F1", "显示本帮助", "show this help"),
            (
                "ctrl+p",
                "命令面板：按代码或名称跳转到项目",
                "palette: jump to a project by code or name",
            ),
            ("ctrl+z", "撤销本次会话的上一次修改", "undo this session's last change"),
            ("escape", "返回 / 取消（不保存）", "back / cancel (nothing is written)"),
            ("tab / shift+tab", "切换焦点", "move the focus"),
            ("q / ctrl+q", "退出", "quit"),
        ),
    ),
    (
        "dashboard",
        (
            ("up down pageup pagedown home end", "移动光标", "move the cursor"),
            ("enter / click", "打开项目", "open the project"),
            ("/", "筛选：代码、名称、单位、责任人", "filter by code, name, unit or officer"),
            (
                "s / S",
                "按下一列排序 / 倒序（或点击表头）",
                "sort by the next column / reverse (or click a header)",
            ),
            ("f5", "重新读取", "reload"),
            (
                "d e a u i p",
                "对光标所在项目编辑（同项目页）",
                "edit the project under the cursor (as on its screen)",
            ),
        ),
    ),
    (
        "project",
        (
            (
                "d",
                "标记选中节点完成（默认今天）",
                "mark the selected milestone done (default today)",
            ),
            ("e", "调整选中节点的预计时间", "change the selected milestone's forecast"),
            ("a", "新增节点", "add a milestone"),
            ("u", "新增状态更新（亮灯与形象进度）", "add a status update (light and narrative)"),
            ("i", "填报某月完成投资", "record a month's completed investment"),
            (
                "p",
                "新增问题；在问题页选中未解决问题时为解决",
                "add a problem; resolve the selected open one on the Problems tab",
            ),
            ("1-7", "切换标签页", "switch tabs"),
            ("escape", "返回总览", "back to the dashboard"),
        ),
    ),
    (
        "forms",
        (
            (
                "enter / ctrl+s",
                "保存（字段无效时不能保存）",
                "save (blocked while a field is invalid)",
            ),
            ("escape", "取消，不写入任何内容", "cancel, writing nothing"),
        ),
    ),
)
PLACES = {
    "everywhere": ("通用", "Everywhere"),
    "dashboard": ("总览", "Dashboard"),
    "project": ("项目页", "Project screen"),
    "forms": ("表单", "Forms"),
}


def keys_table(lang: str) -> Table:
    """Every key and what it does, in `lang`."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    for place, keys in KEYS:
        zh, en = PLACES[place]
        table.add_row(f"[underline]{zh if lang == 'zh' else en}[/]", "")
        for key, what_zh, what_en in keys:
            table.add_row(key, what_zh if lang == "zh" else what_en)
    return table


class HelpScreen(ModalScreen[None]):
    """Every key; any of escape, ?, F1 or q closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "close"),
    ]

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        with VerticalScroll() as scroll:
            scroll.border_title = word("help", lang)
            yield Static(keys_table(lang))
