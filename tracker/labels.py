"""The words the interface shows, in Chinese and English (from the glossary)."""

from __future__ import annotations

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
}

LIGHT_MARKS = {"green": "● G", "amber": "▲ A", "red": "■ R", None: "○ —"}


def label(key: str, lang: str) -> str:
    """The label for `key` in `lang` (zh or en); the key itself when there is none."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]
