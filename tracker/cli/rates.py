"""`tracker rates [--year Y] [--programme P]`: the programme's four rates at today's date
(开工率, 投资完成率, 资金到位率, 按期竣工率), each with the projects behind its numerator and
denominator and those not counted with why, and the start rate against the province's target
curve (tracker.alerts.programme_rates)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker.cli.record_args import examples
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import deadline_label, label, name_in

if TYPE_CHECKING:
    from tracker.alerts.programme_rates import ProgrammeRates, Rate


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `rates`."""
    parser = sub.add_parser(
        "rates",
        help=tr(lang, "the programme's four rates against the province's targets"),
        **examples(
            lang,
            "tracker rates",
            "tracker rates --programme 千项万亿 --year 2026 --format json",
            "TRACKER_TODAY=2026-09-30 tracker rates",
        ),
    )
    parser.add_argument("--year", help=tr(lang, "year (default today's)"))
    parser.add_argument(
        "--programme",
        help=tr(lang, "provincial (千项万亿), city_key (市重点), district_key (区重点)"),
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=run_rates)


def run_rates(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker rates [--year Y] [--programme P] [--format table|json]`."""
    from tracker.cli.record_args import year_arg
    from tracker.config.settings_file import settings_for
    from tracker.views.rates_view import rates_entry, read_rates

    year = settings.today.year if args.year is None else year_arg("--year", args.year)
    programme = None
    if args.programme is not None:
        from tracker.core.steering import PROGRAMMES, choose

        programme = choose("--programme", args.programme, PROGRAMMES)
    targets = settings_for(settings).rates.start_targets
    with reader(settings) as conn:
        rates = read_rates(conn, year, settings.today, programme, targets)
    if args.format == "json":
        print_json(rates_entry(rates, settings.lang))
        return 0
    print(_table(rates, settings.lang))
    return 0


def _table(rates: ProgrammeRates, lang: str) -> str:
    """The summary table, then each rate's projects and the target curve."""
    from tracker.views.rates_view import percent_words, summary_table

    scope = tr(lang, "every project") if rates.programme is None else label(rates.programme, lang)
    lines = [
        tr(
            lang,
            "Programme rates {year} as of {today}: {scope}",
            year=rates.year,
            today=deadline_label(rates.as_of, "day", lang),
            scope=scope,
        ),
        "",
    ]
    heads, body = summary_table(rates, lang)
    lines.append(render(heads, body))
    curve = tr(lang, ", ").join(
        tr(
            lang,
            "{target}% by {by} ({rate})",
            target=c.target,
            by=deadline_label(c.by, "day", lang),
            rate=percent_words(c.rate),
        )
        for c in rates.curve
    )
    lines += ["", tr(lang, "Start-rate target curve: {curve}", curve=curve)]
    for rate in rates.rates:
        lines += ["", _projects(rate, rates.year, lang)]
    return "\n".join(lines)


def _projects(rate: Rate, year: int, lang: str) -> str:
    """One rate's projects: counted in both, in the denominator only, not counted; and why."""
    from tracker.alerts.programme_rates import why_text

    title = label(rate.key, lang)
    numerator = {c.code for c in rate.numerator}
    rows = [
        (c, "numerator" if c.code in numerator else "denominator_only") for c in rate.denominator
    ]
    rows += [(c, "not_counted") for c in rate.excluded]
    if not rows:
        return title + tr(lang, ": no project counts")
    body = [
        [
            c.code,
            name_in(lang, c.name, c.name_en),
            label(where, lang),
            why_text(c, rate, year, lang),
        ]
        for c, where in rows
    ]
    heads = [label(k, lang) for k in ("code", "name", "counted", "why")]
    return title + "\n" + render(heads, body)
