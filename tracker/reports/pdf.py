"""A report's html page printed to PDF by WeasyPrint, in a Chinese font the system has.

The html writers make the page; WeasyPrint (imported here, only when a PDF is asked for: it
takes a second to load) lays it out on A4 through Pango. Chinese text needs a Chinese font,
which fontconfig (`fc-list :lang=zh`) must find: without one the PDF would print tofu boxes,
so it is refused instead, naming what to install (CLI exit status 3). Importing this module
is cheap (every `export weekly` does, to know the refusal); the work is imported when a PDF is
made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tracker.core.errors import WordedError
from tracker.reports.page_fonts import FONT_STACK

Progress = Callable[[int, int], None]
# A chart's tooltips (<title> in SVG): read on a screen, never on paper, and a thousand of them
# cost WeasyPrint seconds. The page's own <title> (the PDF's title) is in its head and stays.
_TOOLTIP = re.compile(r"<title>[^<]*</title>")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Fonts for Simplified Chinese, best first: a family whose name holds one of these.
_PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi", "CJK SC")
INSTALL_FONT = "fonts-noto-cjk"


class PdfUnavailable(WordedError):
    """A PDF this system cannot make as it should: a missing font or library, named with what to
    install (CLI exit status 3)."""


def chinese_font() -> str | None:
    """The best font family fontconfig has for Chinese, or None when it has none."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30
        ).stdout
    except OSError:
        return None
    families = sorted({line.split(",")[0].strip() for line in listed.splitlines() if line.strip()})
    if not families:
        return None

    def rank(family: str) -> tuple[int, int, str]:
        preferred = next((i for i, p in enumerate(_PREFERRED) if p in family), len(_PREFERRED))
        return preferred, ("Mono" in family) + ("Serif" in family), family

    return min(families, key=rank)


# Tighter and tighter type, for a page that must fit on one sheet (a project's one-pager);
# !important, as a stylesheet given to WeasyPrint comes before the page's own.
TIGHTER = (
    "body { font-size: 8.5pt !important } table { font-size: 8pt !important }"
    " h2 { margin: 2.5mm 0 1mm !important } svg.curve { width: 85% !important }",
    "body { font-size: 7.5pt !important } table { font-size: 7pt !important }"
    " h1 { font-size: 12pt !important } h2 { font-size: 10pt !important; margin: 2mm 0 1mm"
    " !important } th, td { padding: 0.6mm 1mm !important } svg.curve { width: 70% !important }",
)


def write_pdf(
    page: str,
    target: Path | IO[bytes],
    progress: Progress | None = None,
    one_page: bool = False,
) -> None:
    """Print the html `page` to a PDF at `target` (a path or a binary stream). With `one_page`,
    a page that runs over one sheet is laid out again in tighter type (TIGHTER), and left on
    more sheets only when even the tightest does not fit: nothing is cut off."""
    font = chinese_font()
    if font is None and _CJK.search(page):
        raise PdfUnavailable(
            "no Chinese font for the PDF (fc-list :lang=zh finds none): install {package}, "
            "e.g. apt-get install {package}",
            package=INSTALL_FONT,
        )
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            "the PDF needs WeasyPrint and Pango ({error}): pip install weasyprint; "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0",
            error=str(error).splitlines()[0] if str(error) else type(error).__name__,
        ) from None
    if font is not None:
        # The font found goes first, so that Chinese text never falls back to a font without it.
        page = page.replace(FONT_STACK, f"'{font}', {FONT_STACK}")
    head, body = page.split("<body>", 1) if "<body>" in page else ("", page)
    html = weasyprint.HTML(string=f"{head}<body>{_TOOLTIP.sub('', body)}" if head else body)
    with _pages_laid_out(progress):
        document = html.render()
        for tighter in TIGHTER if one_page else ():
            if len(document.pages) <= 1:
                break
            document = html.render(stylesheets=[weasyprint.CSS(string=tighter)])
    document.write_pdf(str(target) if isinstance(target, Path) else target)
    if progress is not None:
        progress(len(document.pages), len(document.pages))


@contextmanager
def _pages_laid_out(progress: Progress | None) -> Iterator[None]:
    """Report each page as WeasyPrint lays it out, through its progress logger, as
    `progress(pages, 0)`: the number of pages is not known until the last one is made."""
    if progress is None:
        yield
        return
    import logging

    report = progress

    class Pages(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            page = record.args[0] if isinstance(record.args, tuple) and record.args else None
            if str(record.msg).startswith("Step 5 - Creating layout - Page") and page:
                report(int(str(page)), 0)

    logger = logging.getLogger("weasyprint.progress")
    handler, level, propagate = Pages(logging.INFO), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
