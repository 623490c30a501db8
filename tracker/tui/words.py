"""The words of the terminal UI in Chinese and English; the shared ones come from labels.py."""

from __future__ import annotations

from tracker.labels import label

WORDS: dict[str, tuple[str, str]] = {
    "title": ("重大项目推进台账", "Major projects tracker"),
    "year_percent": ("年完成", "year%"),
    "status_age": ("更新天", "upd"),
    "total_short": ("总投资", "total"),
    "days_short": ("剩余天", "left"),
    "days": ("天", "days"),
    "filter": ("筛选（代码、名称、单位、责任人）", "filter (code, name, unit, officer)"),
    "projects": ("项目", "projects"),
    "of_plan": ("占年计划", "of plan"),
    "year_completed": ("年度完成投资", "completed this year"),
    "alerts": ("预警与到期", "Alerts and due items"),
    "overdue": ("逾期", "overdue"),
    "due_soon": ("即将到期", "due soon"),
    "nothing_due": ("没有逾期或7天内到期的事项。", "Nothing overdue or due within 7 days."),
    "loading": ("正在读取…", "Loading…"),
    "start_overdue": ("逾期 {n} 项", "{n} overdue"),
    "start_due": ("7天内到期 {n} 项", "{n} due within 7 days"),
    "facts": ("概况", "Facts"),
    "investment": ("投资", "Investment"),
    "status_history": ("状态", "Status"),
    "problems": ("存在问题", "Problems"),
    "audit": ("操作记录", "Audit trail"),
    "timeline": ("时间轴", "Timeline"),
    "slip": ("滞后天数", "slip days"),
    "year": ("年度", "year"),
    "month": ("月份", "month"),
    "plan": ("年度计划投资", "annual plan"),
    "completed": ("完成投资", "completed"),
    "funds_in_place": ("到位资金", "funds in place"),
    "progress_target": ("形象进度目标", "progress target"),
    "narrative": ("形象进度", "narrative"),
    "reported_on": ("日期", "date"),
    "author": ("填报人", "author"),
    "description": ("问题", "problem"),
    "resolved": ("已解决", "resolved"),
    "save": ("保存", "Save"),
    "cancel": ("取消", "Cancel"),
    "form_done": ("标记节点完成", "Mark milestone done"),
    "form_forecast": ("调整预计时间", "Change forecast"),
    "form_milestone": ("新增节点", "Add milestone"),
    "form_status": ("新增状态更新", "Add status update"),
    "form_investment": ("填报当月完成投资", "Record a month's investment"),
    "form_problem": ("新增存在问题", "Add problem"),
    "form_resolve": ("问题已解决", "Resolve problem"),
    "done_on": ("完成日期", "done on"),
    "due_on": ("到期", "due"),
    "lead_days": ("提前提醒天数", "lead days"),
    "milestone_name": ("节点名称", "milestone name"),
    "month_input": ("月份（如 2026-11）", "month (e.g. 2026-11)"),
    "amount": ("完成投资", "amount"),
    "required": ("必填", "required"),
    "optional": ("选填", "optional"),
    "clears_forecast": ("清空预计时间，按计划时间计", "clears the forecast; the baseline counts"),
    "not_a_whole_number": ("不是整数", "is not a whole number"),
    "conflict": (
        "未保存：记录已被他人修改，已重新读取。",
        "Not saved: the record changed; reloaded.",
    ),
    "blocked": ("有字段无效，不能保存：", "Cannot save, a field is invalid: "),
    "saved": ("已保存", "Saved"),
    "undone": ("已撤销上一次修改", "Undid the last change"),
    "nothing_to_undo": ("本次会话没有可撤销的修改。", "Nothing of this session to undo."),
    "no_milestone": ("该项目没有未完成的节点。", "This project has no open milestone."),
    "no_open_problem": ("没有选中未解决的问题。", "No open problem selected."),
    "help": ("快捷键", "Keys"),
    "now_holds": ("当前值", "now holds"),
    "light_choice": ("亮灯（g 绿 / a 黄 / r 红）", "light (g green / a amber / r red)"),
    "light_expected": ("g、a、r 或 绿、黄、红", "g, a, r, green, amber or red"),
    "name_expected": ("节点名称", "a milestone name"),
    "description_expected": ("问题描述", "what the problem is"),
    "current_value": ("已填报", "already recorded"),
    "new_record": ("新记录", "new record"),
    "jump_to": ("打开项目", "open project"),
}


def word(key: str, lang: str) -> str:
    """The TUI's word for `key` in `lang`, else the shared label."""
    pair = WORDS.get(key)
    if pair is None:
        return label(key, lang)
    return pair[0] if lang == "zh" else pair[1]
