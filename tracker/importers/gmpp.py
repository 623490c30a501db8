"""The UK Government Major Projects Portfolio (GMPP) annual data: its mapping and as-of day.

The mapping itself is gmpp.toml. The GMPP ID becomes the project code, the whole-life cost
the total investment (GBP, £m), the delivery-confidence rating (the IPA's, else the SRO's) a
status update dated at the data's as-of day, 31 March of the file's year; narratives, the
financial-year figures and every cell that holds no value go into the notes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from tracker.core.errors import InputError
from tracker.importers.mapping import Mapping, load_mapping

_YEAR = re.compile(r"(?:march|mar)[ _-]?(\d{4})", re.IGNORECASE)


def gmpp_mapping(source: Path, as_of: date | None) -> Mapping:
    """The GMPP mapping for one file; status updates are dated `as_of`, else 31 March of the
    year its name gives (…_March_2023.csv)."""
    mapping = load_mapping(Path(__file__).with_name("gmpp.toml"))
    if as_of is None:
        found = _YEAR.search(source.name)
        if found is None:
            raise InputError(
                "--as-of", None, "the day the data stands at (the file name gives no March YYYY)"
            )
        as_of = date(int(found[1]), 3, 31)
    return replace(mapping, status_on=as_of)
