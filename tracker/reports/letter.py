"""The supervision letter (督办函) of an instrument in the ledger (issue #17): built once from the
ledger, the project and its alerts, written as Markdown, HTML or a Word document.

The office edits the wording in the settings file; each text may use the places {addressee},
{project}, {code}, {instrument}, {number}, {issued}, {due}, {office}, {unit} and {leader}:

```toml
[letter]
office = "余杭区发展和改革局"
opening = "{project}（{code}）以下情况已触发{instrument}："
request = "请于{due}前将整改措施和进展书面报送{office}。"
```

Without them the catalogue's wording holds, in the report's language.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from tracker.core.errors import InputError
from tracker.i18n.catalogue import N_, tr
from tracker.i18n.glossary import deadline_label, label, name_in

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from tracker.config.settings_file import AlertThresholds
    from tracker.store.read.plainsql import PlainConnection

PLACES = (
    "addressee",
    "project",
    "code",
    "instrument",
    "number",
    "issued",
    "due",
    "office",
    "unit",
    "leader",
)
DEFAULTS = {
    "office": N_("the District Development and Reform Bureau"),
    "opening": N_(
        "The following facts about {project} ({code}) have called for this {instrument}:"
    ),
    "request": N_(
        "Please report in writing to {office}, by {due}, the measures taken and their progress."
    ),
}


def letter_wording(sections: Mapping[str, Any], lang: str) -> dict[str, str]:
    """The `[letter]` table of the settings file, checked, over the catalogue's wording."""
    table = sections.get("letter", {})
    if not isinstance(table, dict):
        raise InputError("letter", table, "a [letter] table")
    wording = {key: tr(lang, text) for key, text in DEFAULTS.items()}
    sample = dict.fromkeys(PLACES, "")
    for key, value in table.items():
        if key not in DEFAULTS:
            raise InputError(f"letter.{key}", value, "office, opening or request")
        if not isinstance(value, str) or not value.strip() or len(value) > 2000:
            raise InputError(f"letter.{key}", value, "a text of 1 to 2000 characters")
        try:
            value.format_map(sample)
        except (KeyError, ValueError, IndexError):
            raise InputError(
                f"letter.{key}",
                value,
                "a text whose {{places}} are among {places}",
                places=", ".join(PLACES),
            ) from None
        wording[key] = value.strip()
    return wording


def build_letter(
    conn: PlainConnection,
    ident: int,
    today: date,
    lang: str,
    wording: Mapping[str, str],
    thresholds: AlertThresholds,
) -> dict[str, Any]:
    """The letter of the instrument `ident`: its heading, the facts, the request."""
    from tracker.alerts.facts import load_alerts
    from tracker.store.read.escalation_reads import ledger
    from tracker.store.read.steering_reads import steering_of

    found = ledger(conn, ident=ident)
    if not found:
        raise InputError("ID", str(ident), "the number of an instrument in `tracker escalate list`")
    row = found[0]
    leader = steering_of(conn, row["project_id"])["leader"]
    instrument = label(f"instrument_{row['instrument']}", lang)
    values = {
        "addressee": row["addressee"],
        "project": name_in(lang, row["project_name"], row["project_name_en"]),
        "code": row["code"],
        "instrument": instrument,
        "number": row["number"] or "",
        "issued": deadline_label(row["issued_on"], "day", lang),
        "due": deadline_label(row["due"], "day", lang),
        "unit": row["unit"] or "—",
        "leader": leader or "—",
    }
    values["office"] = wording["office"].format_map(values)
    recorded = [
        e.get("texts", {}).get(lang, e["text"]) for e in json.loads(row["evidence"] or "[]")
    ]
    alerts = [
        tr(lang, "{item}: {evidence}", item=name_in(lang, a.item, a.item_en), evidence=a.evidence)
        for a in load_alerts(conn, today, thresholds, lang=lang, project=row["code"])
        if a.rule != "response_overdue"
    ]
    return {
        "id": row["id"],
        "title": instrument,
        "number": row["number"],
        "addressee": row["addressee"],
        "project": values["project"],
        "code": row["code"],
        "opening": wording["opening"].format_map(values),
        "facts": recorded + [a for a in alerts if a not in recorded],
        "request": wording["request"].format_map(values),
        "office": values["office"],
        "issued": values["issued"],
        "due": row["due"].isoformat(),
    }


def letter_markdown(letter: Mapping[str, Any]) -> str:
    """The letter as Markdown."""
    lines = [f"# {letter['title']}", ""]
    if letter["number"]:
        lines += [letter["number"], ""]
    lines += [f"{letter['addressee']}：", "", letter["opening"], ""]
    lines += [f"{n}. {fact}" for n, fact in enumerate(letter["facts"], start=1)]
    lines += ["", letter["request"], "", letter["office"], letter["issued"]]
    return "\n".join(lines) + "\n"


def letter_html(letter: Mapping[str, Any], lang: str) -> str:
    """The letter as one self-contained HTML page for an A4 sheet."""
    number = f'<p class="number">{escape(letter["number"])}</p>' if letter["number"] else ""
    facts = "".join(f"<li>{escape(fact)}</li>" for fact in letter["facts"])
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><title>{escape(letter["title"])} {escape(letter["code"])}</title>'
        "<style>@page{size:A4;margin:25mm 26mm}body{font-family:'Noto Serif CJK SC',"
        "'FangSong',serif;font-size:14pt;line-height:1.7;max-width:160mm;margin:2em auto}"
        "h1{text-align:center;color:#c00;font-size:22pt;letter-spacing:.3em}"
        ".number{text-align:center}.sign{text-align:right;margin-top:3em}</style></head><body>"
        f"<h1>{escape(letter['title'])}</h1>{number}"
        f"<p>{escape(letter['addressee'])}：</p><p>{escape(letter['opening'])}</p>"
        f"<ol>{facts}</ol><p>{escape(letter['request'])}</p>"
        f'<p class="sign">{escape(letter["office"])}<br>{escape(letter["issued"])}</p>'
        "</body></html>\n"
    )


def write_letter_docx(letter: Mapping[str, Any], target: Path) -> None:
    """The letter as a Word document (python-docx), in a CJK serif LibreOffice and WPS find."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "FangSong"
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "仿宋")

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(letter["title"])
    run.bold = True
    run.font.size = Pt(22)
    run.font.color.rgb = RGBColor(0xC0, 0, 0)
    if letter["number"]:
        document.add_paragraph(letter["number"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"{letter['addressee']}：")
    document.add_paragraph(letter["opening"])
    for fact in letter["facts"]:
        document.add_paragraph(fact, style="List Number")
    document.add_paragraph(letter["request"])
    for line in (letter["office"], letter["issued"]):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(target))
