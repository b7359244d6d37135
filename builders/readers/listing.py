"""The paper-listing pages (the bundled input): page header lines, then title and abstract
lines alternating."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from builders.readers.common import Skipped, make_paper, read_text
from graph.schema import Paper

_MONTH_DAY = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:, \d{4})?")
# Page furniture of the listing site; only ever dropped before the first entry.
_HEADER_LINES = frozenset({
    "new", "subscribe", "daily papers", "byak and the research community",
    "get trending papers in your email inbox!", "get trending papers in your email inbox once a day!",
})
_GLUED_PREFIX = "Subscribe"


def _is_header(line: str) -> bool:
    return line.casefold() in _HEADER_LINES or _MONTH_DAY.fullmatch(line) is not None


def _content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, stripped text) of the non-blank lines after the page header."""
    text = read_text(path)
    in_header = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if in_header:
            if _is_header(line):
                continue
            in_header = False
            # One layout glues the first title to the "Subscribe" button text.
            if line.startswith(_GLUED_PREFIX) and len(line) > len(_GLUED_PREFIX):
                line = line[len(_GLUED_PREFIX):].lstrip()
        yield number, line


def read_listing(path: Path) -> Iterator[Paper | Skipped]:
    """Read a paper-listing page: header lines, then title and abstract lines alternating.

    Blank and whitespace-only lines are ignored, so both the spaced and the dense layout
    read the same. A final title with no abstract is skipped and reported.
    """
    path = Path(path)
    lines = list(_content_lines(path))
    for index in range(0, len(lines), 2):
        title_line, title = lines[index]
        source = f"{path.name}:{title_line}"
        if index + 1 == len(lines):
            yield Skipped(source, "title with no abstract after it (end of file)")
            return
        _, abstract = lines[index + 1]
        yield make_paper(source, title, abstract)


