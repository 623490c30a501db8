"""The report's words and the formatting every writer shares: names, days, money, shares.

Amounts are shown in 万元 / 亿元 (zh) or CNY (en) by tracker.core.money; days at their precision by
tracker.core.dates; a share as a percentage with one decimal, rounded half up.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from tracker.core.dates import Deadline
from tracker.core.money import format_amount
from tracker.i18n.glossary import label
from tracker.reports.contents import ChangeLine, WeeklyReport

WORDS: dict[str, tuple[str, str]] = {
    "title": ("重大项目推进周报", "Major projects weekly status report"),
    "week": ("周次", "week"),
    "as_of": ("截至", "as of"),
    "projects_count": ("项目数", "projects"),
    "summary": ("概况", "Summary"),
    "by_light": ("按亮灯", "by light"),
    "by_stage": ("按阶段", "by stage"),
    "no_light": ("未亮灯", "no light"),
    "currency": ("币种", "currency"),
    "known_totals": ("已知总投资的项目", "projects with a known total"),
    "annual_plan": ("年度计划投资", "annual plan"),
    "share_of_plan": ("占年计划", "share of annual plan"),
    "time_elapsed": ("序时进度", "time elapsed"),
    "since_start": ("开工以来累计", "since start"),
    "share_of_total": ("占总投资", "share of total"),
    "funds_in_place": ("到位资金", "funds in place"),
    "progress_target": ("形象进度目标", "progress target"),
    "projects": ("项目情况", "Projects"),
    "reasons": ("亮灯原因", "why"),
    "latest_status": ("最新进展", "latest status"),
    "status_on": ("进展日期", "status of"),
    "open_problems": ("存在问题", "open problems"),
    "resolve_by": ("解决时限", "resolve by"),
    "overdue": ("逾期", "overdue"),
    "changes": ("本周变化", "Changes this week"),
    "no_week_changes": ("本周没有变化。", "No changes this week."),
    "coming_up": ("近期到期（30天内）", "Coming up (next 30 days)"),
    "nothing_due": ("30天内没有到期事项。", "Nothing falls due in the next 30 days."),
    "kind": ("变化", "change"),
    "type": ("类型", "type"),
    "item": ("事项", "item"),
    "old": ("原", "was"),
    "new": ("现", "now"),
    "days": ("天数", "days"),
    "none": ("无", "none"),
    "problem": ("问题", "problem"),
    "month_amount": ("{month}月", "{month}"),
    "done": ("节点完成", "milestone done"),
    "forecast_moved": ("预计时间调整", "forecast moved"),
    "light_changed": ("亮灯变化", "light changed"),
    "problem_opened": ("新增问题", "problem opened"),
    "problem_resolved": ("问题解决", "problem resolved"),
    "status_update": ("状态更新", "status update"),
    "created": ("新增", "added"),
    "today": ("今天", "today"),
    "timeline": ("节点时间轴", "Milestone timeline"),
    "open": ("未完成", "open"),
    "investment": ("投资", "investment"),
    "p80_cost": ("P80 总投资", "P80 cost"),
    "p80_finish": ("P80 完工", "P80 finish"),
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASH = "—"


def word(key: str, lang: str) -> str:
    """A report word in `lang`; falls back on the interface labels (tracker.i18n.glossary)."""
    pair = WORDS.get(key)
    if pair is None:
        return label(key, lang)
    return pair[0] if lang == "zh" else pair[1]


def named(lang: str, name: str | None, name_en: str | None) -> str:
    """The Chinese name, or in English the English name when there is one."""
    if lang == "en" and name_en:
        return name_en
    return name or DASH


def day_text(day: Deadline | None, lang: str) -> str:
    """A day at its precision, or a dash."""
    return DASH if day is None else day.label(lang)


def plain_day(day: date | None, lang: str) -> str:
    """A plain day such as a status update's, or a dash."""
    return DASH if day is None else Deadline.of(day, "day").label(lang)


def iso_day_text(iso: str | None, precision: str | None, lang: str) -> str:
    """An ISO day from the audit trail at its precision, or a dash."""
    if iso is None:
        return DASH
    return Deadline.of(date.fromisoformat(iso[:10]), precision or "day").label(lang)


def money(cents: int | None, currency: str, lang: str) -> str:
    """An amount as the report shows it (95.00亿元, CNY 9.50 bn); unknown is a dash."""
    return format_amount(cents, currency, lang)


def percent(share: Decimal | None) -> Decimal | None:
    """A share as a percentage with one decimal, rounded half up (0.7775 -> 77.8)."""
    if share is None:
        return None
    return (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percent_text(share: Decimal | None) -> str:
    """A share as text: 77.8%, or a dash."""
    value = percent(share)
    return DASH if value is None else f"{value}%"


def light_text(light: str | None, lang: str) -> str:
    """红灯 / red, or 未亮灯 / no light."""
    return word("no_light", lang) if light is None else label(light, lang)


def plan_label(year: int, lang: str) -> str:
    """The 2026年度计划投资 heading ("2026 annual plan")."""
    return f"{year}年度计划投资" if lang == "zh" else f"{year} annual plan"


def year_to_date_label(year: int, through: int | None, lang: str) -> str:
    """The 1–N月累计完成 heading ("completed Jan–Oct 2026")."""
    if through is None:
        return f"{year}年累计完成" if lang == "zh" else f"completed in {year}"
    if lang == "zh":
        return f"1–{through}月累计完成"
    return f"completed Jan–{_MONTHS_EN[through - 1]} {year}"


def week_dates(report: WeeklyReport, lang: str) -> str:
    """The week's Monday to Sunday."""
    monday = Deadline.of(report.monday, "day").label(lang)
    sunday = Deadline.of(report.sunday, "day").label(lang)
    return f"{monday}–{sunday}" if lang == "zh" else f"{monday} – {sunday}"


def change_values(change: ChangeLine, lang: str) -> tuple[str, str]:
    """A change's old and new value, worded for its kind."""
    if change.kind in ("light_changed", "status_update"):
        return (
            DASH if change.old is None else light_text(change.old, lang),
            light_text(change.new, lang),
        )
    if change.kind == "created":
        added = label(change.new or "", lang)
        if change.milestones:
            n = change.milestones
            added += paren(f"含 {n} 个节点" if lang == "zh" else f"with {n} milestones", lang)
        return DASH, added
    return (
        iso_day_text(change.old, change.old_precision, lang),
        iso_day_text(change.new, change.new_precision, lang),
    )


def change_item(change: ChangeLine, lang: str) -> str:
    """What changed: the milestone, problem or narrative; the light for a light change."""
    if change.kind == "light_changed":
        return label("light", lang)
    return named(lang, change.item, change.item_en)


def paren(text: str, lang: str) -> str:
    """Text in brackets, full-width in Chinese: （…） / (…)."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def colon(lang: str) -> str:
    """A colon, full-width in Chinese."""
    return "：" if lang == "zh" else ": "


def joined(parts: list[str], lang: str) -> str:
    """Parts of a sentence joined by 、/ semicolons."""
    return ("；" if lang == "zh" else "; ").join(parts)


def days_left_text(days: int | None, lang: str) -> str:
    """剩余 12 天 / 12 days left, or 逾期 3 天 / 3 days overdue."""
    if days is None:
        return DASH
    if days >= 0:
        return f"剩余 {days} 天" if lang == "zh" else f"{days} days left"
    return f"逾期 {-days} 天" if lang == "zh" else f"{-days} days overdue"


def days_text(days: int | None, lang: str) -> str:
    """A forecast's move in days, signed: +31 天 / +31 days."""
    if days is None:
        return DASH
    return f"{days:+d} 天" if lang == "zh" else f"{days:+d} days"


def amount_unit(report: WeeklyReport, lang: str) -> str:
    """The unit of amounts in spreadsheet columns: 万元 / CNY, or 万 / per currency when the
    portfolio holds more than one currency."""
    only_cny = all(m.currency == "CNY" for m in report.summary.money)
    if lang == "zh":
        return "万元" if only_cny else "万"
    return "CNY" if only_cny else "in currency"
