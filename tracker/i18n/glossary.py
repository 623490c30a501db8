"""The words the interface shows, in Chinese and English (from the glossary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

LABELS: dict[str, tuple[str, str]] = {
    "code": ("项目代码", "code"),
    "name": ("项目名称", "project"),
    "category": ("类别", "category"),
    "stage": ("阶段", "stage"),
    "unit": ("责任单位", "responsible unit"),
    "officer": ("责任人", "officer in charge"),
    "owner_org": ("业主单位", "owner"),
    "location": ("建设地点", "location"),
    "scale": ("建设规模及主要建设内容", "scale and content"),
    "total_investment": ("总投资", "total investment"),
    "baseline_start": ("计划开工", "baseline start"),
    "baseline_finish": ("计划完工", "baseline finish"),
    "forecast_finish": ("预计完工", "forecast finish"),
    "actual_start": ("实际开工", "actual start"),
    "actual_finish": ("实际完工", "actual finish"),
    "sources": ("资料来源", "sources"),
    "notes": ("备注", "notes"),
    "light": ("亮灯", "light"),
    "next_milestone": ("下一节点", "next milestone"),
    "days_left": ("剩余天数", "days left"),
    "milestone": ("节点", "milestone"),
    "milestones": ("节点", "milestones"),
    "baseline": ("计划时间", "baseline"),
    "forecast": ("预计时间", "forecast"),
    "done": ("实际完成", "done"),
    "owner": ("负责人", "owner"),
    "due": ("到期", "due"),
    "illustrative": ("示意数据", "illustrative"),
    "when": ("时间", "when"),
    "user": ("操作人", "user"),
    "project": ("项目", "project"),
    "record": ("记录", "record"),
    "field": ("字段", "field"),
    "change": ("变更", "change"),
    "override": ("人工亮灯", "override"),
    "no_changes": ("没有操作记录。", "No changes recorded."),
    "green": ("绿灯", "green"),
    "amber": ("黄灯", "amber"),
    "red": ("红灯", "red"),
    "concept": ("前期", "concept"),
    "design": ("设计", "design"),
    "construction": ("在建", "construction"),
    "commissioning": ("试运行", "commissioning"),
    "in_use": ("投用", "in use"),
    "closed": ("关闭", "closed"),
    "sports": ("体育", "sports"),
    "culture": ("文化", "culture"),
    "health": ("卫生", "health"),
    "education": ("教育", "education"),
    "transport": ("交通", "transport"),
    "science": ("科技", "science"),
    "rural": ("乡村", "rural"),
    "urban": ("城建", "urban"),
    "commerce": ("商业", "commerce"),
    "other": ("其他", "other"),
    "overdue": ("逾期", "overdue"),
    "due_soon": ("即将到期", "due soon"),
    "slipped": ("进度滞后", "slipped"),
    "late_start": ("未按期开工", "late start"),
    "investment_behind": ("投资滞后序时进度", "investment behind schedule"),
    "cost_overrun": ("超概算", "cost overrun"),
    "stale": ("未按时更新", "stale"),
    "problem_overdue": ("问题超期未解决", "problem past its deadline"),
    "severity": ("级别", "severity"),
    "rule": ("预警", "alert"),
    "evidence": ("依据", "evidence"),
    "threshold": ("阈值", "threshold"),
    "item": ("事项", "item"),
    "kind": ("类型", "kind"),
    "problem": ("存在问题", "problem"),
    "status_update": ("状态更新", "status update"),
}

LIGHT_MARKS = {"green": "● G", "amber": "▲ A", "red": "■ R", None: "○ —"}


def label(key: str, lang: str) -> str:
    """The label for `key` in `lang` (zh or en); the key itself when there is none."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def deadline_label(due: date, precision: str, lang: str) -> str:
    """A deadline as officers write it, at its precision: ``2027年3月`` (zh) or ``Mar 2027`` (en).

    `precision` is day, month, quarter or year (the values of tracker.core.dates.Precision).
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unsupported language {lang!r}: expected 'zh' or 'en'")
    year, month = due.year, due.month
    zh = lang == "zh"
    if precision == "day":
        return (
            f"{year}年{month}月{due.day}日" if zh else f"{due.day} {_MONTHS_EN[month - 1]} {year}"
        )
    if precision == "month":
        return f"{year}年{month}月" if zh else f"{_MONTHS_EN[month - 1]} {year}"
    if precision == "quarter":
        quarter = (month - 1) // 3 + 1
        return f"{year}年第{quarter}季度" if zh else f"Q{quarter} {year}"
    if precision == "year":
        return f"{year}年" if zh else f"{year}"
    raise ValueError(f"unsupported precision {precision!r}: expected day, month, quarter or year")
