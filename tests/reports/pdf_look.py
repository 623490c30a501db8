"""Looking at a PDF the way a reader would: its pages' sizes and the boxes of its words, from
poppler's `pdfinfo` and `pdftotext -bbox` (poppler-utils)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

PDFTOTEXT = shutil.which("pdftotext")
A4_POINTS = (595.3, 841.9)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


@dataclass(frozen=True)
class Word:
    """A word on a page and its box, in points from the top left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    """A page's size in points and its words."""

    width: float
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        """The page's words run together (Chinese text is split into words by poppler)."""
        return "".join(w.text for w in self.words)

    def is_a4(self) -> bool:
        """A4, upright or landscape, to the point."""
        size = sorted((self.width, self.height))
        return abs(size[0] - A4_POINTS[0]) < 1 and abs(size[1] - A4_POINTS[1]) < 1


def pages(pdf: Path) -> list[Page]:
    """The PDF's pages with their words."""
    out = subprocess.run(
        [PDFTOTEXT or "pdftotext", "-bbox", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    return [
        Page(
            float(width),
            float(height),
            [
                Word(html.unescape(t), float(a), float(b), float(c), float(d))
                for a, b, c, d, t in _WORD.findall(body)
            ],
        )
        for width, height, body in _PAGE.findall(out)
    ]


def overlaps(page: Page, tolerance: float = 0.25) -> list[tuple[Word, Word]]:
    """Pairs of words whose boxes overlap by more than `tolerance` of the smaller one's height
    and width: text printed over text."""
    found = []
    words = sorted(page.words, key=lambda w: w.y0)
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b.y0 >= a.y1:
                break
            dx = min(a.x1, b.x1) - max(a.x0, b.x0)
            dy = min(a.y1, b.y1) - max(a.y0, b.y0)
            if dx > tolerance * min(a.x1 - a.x0, b.x1 - b.x0) and dy > tolerance * min(
                a.y1 - a.y0, b.y1 - b.y0
            ):
                found.append((a, b))
    return found


def past_margins(page: Page, margin: float, bottom: float | None = None) -> list[Word]:
    """Words reaching nearer than `margin` points to an edge of the page (`bottom` for the
    bottom edge, when the page numbers sit in its margin)."""
    low = page.height - (margin if bottom is None else bottom)
    return [
        w
        for w in page.words
        if w.x0 < margin or w.y0 < margin or w.x1 > page.width - margin or w.y1 > low
    ]
