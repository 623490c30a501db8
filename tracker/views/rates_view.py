"""The programme's four rates (issue #17) in the JSON contract and in words, for `tracker
rates`, the weekly report and the TUI's dashboard header: one shape for all three.

Rates, targets and gaps are percentages with one decimal; amounts decimal strings in the
currency's unit; a rate that cannot be known is null (`—` in words), never 0.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tracker.alerts.programme_rates import points, why_text
from tracker.core.money import format_amount
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import deadline_label, label
from tracker.views.portfolio import amount_text, iso

if TYPE_CHECKING:
    from tracker.alerts.programme_rates import Counted, ProgrammeRates, Rate
    from tracker.store.read.plainsql import PlainConnection

DASH = "—"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def read_rates(
    conn: PlainConnection,
    year: int,
    today: date,
    programme: str | None = None,
    targets: tuple[tuple[int, int, int], ...] | None = None,
) -> ProgrammeRates:
    """The rates of `year` as of `today` (of `programme`, or of every project), under the
    start-rate `targets` (settings `[rates] start_targets`; the province's by default)."""
    from tracker.alerts.programme_rates import programme_rates
    from tracker.config.settings_file import DEFAULT_START_TARGETS
    from tracker.store.read.rates_reads import rate_facts

    facts = rate_facts(conn, year, today, programme)
    return programme_rates(facts, year, today, programme, targets or DEFAULT_START_TARGETS)


def unknown_reason(rate: Rate, year: int, lang: str) -> str | None:
    """Why a rate is `—`: what its denominator lacks; None when the rate is known."""
    if rate.value is not None:
        return None
    if rate.key == "start_rate":
        return tr(lang, "no project is planned to start in {year}", year=year)
    if rate.key == "on_time_rate":
        return tr(lang, "no project is due to finish in {year} by today", year=year)
    if rate.key == "funds_rate" and any(c.plan_cents for c in rate.excluded):
        return tr(lang, "no project with a plan for {year} reported funds in place", year=year)
    if rate.denominator:
        return tr(lang, "no project with a plan for {year} reported a completed amount", year=year)
    return tr(lang, "no project has an annual plan for {year}", year=year)


def _project(counted: Counted, rate: Rate, year: int, lang: str) -> dict[str, Any]:
    return {
        "project": counted.code,
        "name": counted.name,
        "name_en": counted.name_en,
        "why": counted.why,
        "day": iso(counted.day),
        "amount": amount_text(counted.cents),
        "plan": amount_text(counted.plan_cents),
        "note": counted.note,
        "reason": why_text(counted, rate, year, lang),
    }


def _side(
    projects: tuple[Counted, ...], cents: int | None, rate: Rate, words: dict[str, Any]
) -> dict[str, Any]:
    side: dict[str, Any] = {"count": len(projects)}
    if rate.currency is not None:
        side["amount"] = amount_text(cents)
    side["projects"] = [words[c.code] for c in projects]
    return side


def rate_entry(rate: Rate, rates: ProgrammeRates, lang: str) -> dict[str, Any]:
    """One rate in the JSON contract: rate, numerator, denominator, not_counted, unknown."""
    year = rates.year
    entry: dict[str, Any] = {
        "label": label(rate.key, lang),
        "rate": _number(points(rate.value)),
        "unknown": unknown_reason(rate, year, lang),
    }
    if rate.currency is not None:
        entry["currency"] = rate.currency
    # The numerator's projects are the denominator's too: each is worded once.
    words = {c.code: _project(c, rate, year, lang) for c in (*rate.denominator, *rate.excluded)}
    entry["numerator"] = _side(rate.numerator, rate.numerator_cents, rate, words)
    entry["denominator"] = _side(rate.denominator, rate.denominator_cents, rate, words)
    entry["not_counted"] = [words[c.code] for c in rate.excluded]
    if rate.key == "start_rate":
        entry["target"] = {"rate": float(rates.target.target), "by": rates.target.by.isoformat()}
        entry["gap_points"] = _number(rates.gap_points)
        entry["curve"] = [
            {"by": c.by.isoformat(), "target": float(c.target), "rate": _number(points(c.rate))}
            for c in rates.curve
        ]
    return entry


def rates_entry(rates: ProgrammeRates, lang: str) -> dict[str, Any]:
    """The four rates in the JSON contract of `tracker rates --format json`."""
    entry: dict[str, Any] = {
        "as_of": rates.as_of.isoformat(),
        "year": rates.year,
        "programme": rates.programme,
    }
    for rate in rates.rates:
        entry[rate.key] = rate_entry(rate, rates, lang)
    return entry


def percent_words(value: Decimal | None) -> str:
    """A ratio as `75.0%`, or `—`."""
    shown = points(value)
    return DASH if shown is None else f"{shown}%"


def fraction_words(rate: Rate, lang: str) -> tuple[str, str]:
    """A rate's numerator and denominator in words: counts, or amounts in its currency."""
    if rate.currency is None:
        return str(len(rate.numerator)), str(len(rate.denominator))
    return (
        format_amount(rate.numerator_cents, rate.currency, lang),
        format_amount(rate.denominator_cents, rate.currency, lang),
    )


def target_words(rates: ProgrammeRates, lang: str) -> str:
    """The start rate's target at today and the gap: `85% by 2026-09-30, gap 10.0 points`."""
    target = tr(
        lang,
        "{target}% by {by}",
        target=rates.target.target,
        by=deadline_label(rates.target.by, "day", lang),
    )
    if rates.gap_points is None:
        return target
    if rates.gap_points <= 0:
        return tr(lang, "{target}, reached", target=target)
    return tr(lang, "{target}, gap {gap} points", target=target, gap=rates.gap_points)


def summary_table(rates: ProgrammeRates, lang: str) -> tuple[list[str], list[list[str]]]:
    """The four rates as a table's headings and rows: rate, value, numerator, denominator, and
    the start rate's target and gap or why a rate is `—`."""
    heads = [label(k, lang) for k in ("rate", "value", "numerator", "denominator", "notes")]
    body = []
    for rate in rates.rates:
        numerator, denominator = fraction_words(rate, lang)
        notes = [target_words(rates, lang)] if rate.key == "start_rate" else []
        notes += [n for n in (unknown_reason(rate, rates.year, lang),) if n]
        row = [label(rate.key, lang), percent_words(rate.value), numerator, denominator]
        body.append([*row, tr(lang, "; ").join(notes)])
    return heads, body


def headline(rates: ProgrammeRates, lang: str) -> str:
    """The four rates on one line (the dashboard header, the report's summary)."""
    parts = [f"{label(r.key, lang)} {percent_words(r.value)}" for r in rates.rates]
    parts[0] += tr(lang, " (target {target})", target=target_words(rates, lang))
    return " · ".join(parts)


def chart_points(
    rates: ProgrammeRates,
) -> tuple[list[tuple[date, float]], list[tuple[date, float]]]:
    """The start rate's chart over the year: the rate on each day from 1 January to today (or
    the year's end), over today's planned projects; and the target curve (0 on 1 January, each
    checkpoint, its last percent to 31 December)."""
    start, year = rates.rate("start_rate"), rates.year
    first, last = date(year, 1, 1), min(rates.as_of, date(year, 12, 31))
    starts = sorted(c.day for c in start.numerator if c.day is not None)
    planned = len(start.denominator)
    actual: list[tuple[date, float]] = []
    day, started = first, 0
    while planned and day <= last:
        while started < len(starts) and starts[started] <= day:
            started += 1
        actual.append((day, float(points(Decimal(started) / planned) or 0)))
        day += timedelta(days=1)
    target = [(first, 0.0)] + [(c.by, float(c.target)) for c in rates.curve]
    if target[-1][0] < date(year, 12, 31):
        target.append((date(year, 12, 31), target[-1][1]))
    return actual, target
