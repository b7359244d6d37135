"""Readers: one function per input format, each ``(Path) -> Iterator[Paper | Skipped]``.

A reader yields what it could read and a :class:`Skipped` record for each entry it had to
leave out (with file, line and reason), so the caller can count and report every one.
Unreadable input raises :class:`InputError` naming the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from graph.ids import paper_id
from graph.schema import Paper

BUNDLED_LISTINGS = Path(__file__).resolve().parent.parent / "examples" / "data"
_CODE_URL = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com)/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_MONTH_DAY = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:, \d{4})?")
# Page furniture of the listing site; only ever dropped before the first entry.
_HEADER_LINES = frozenset({
    "new", "subscribe", "daily papers", "byak and the research community",
    "get trending papers in your email inbox!", "get trending papers in your email inbox once a day!",
})
_GLUED_PREFIX = "Subscribe"


class InputError(ValueError):
    """Input that cannot be read at all; the message names the file and line."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = str(path), line, reason


@dataclass(frozen=True)
class Skipped:
    """An entry a reader left out, and why."""

    source: str  # "file:line"
    reason: str


def find_code_urls(text: str) -> tuple[str, ...]:
    """GitHub/GitLab repository links in ``text``, normalised, in order, without repeats.

    >>> find_code_urls("Code: https://github.com/ispc-lab/GLC. See also https://github.com/ispc-lab/GLC.git")
    ('https://github.com/ispc-lab/GLC',)
    """
    urls: list[str] = []
    for match in _CODE_URL.finditer(text):
        url = match.group(0).rstrip(".")
        url = url.removesuffix(".git").replace("http://", "https://").replace("://www.", "://")
        if url not in urls:
            urls.append(url)
    return tuple(urls)


def _is_header(line: str) -> bool:
    return line.casefold() in _HEADER_LINES or _MONTH_DAY.fullmatch(line) is not None


def _content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, stripped text) of the non-blank lines after the page header."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise InputError(path, line, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
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
        yield Paper(id=paper_id(title), title=title, abstract=abstract,
                    code_urls=find_code_urls(abstract), sources=(source,))


READERS: dict[str, Callable[[Path], Iterator[Paper | Skipped]]] = {"listing": read_listing}


def read_inputs(paths: list[Path], input_format: str = "listing") -> Iterator[Paper | Skipped]:
    """Read every file (directories expand to their ``*.txt`` files, sorted) with one reader."""
    try:
        reader = READERS[input_format]
    except KeyError:
        raise ValueError(f"unknown input format {input_format!r}; choose from {sorted(READERS)}") from None
    for path in expand_inputs(paths):
        yield from reader(path)


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files named directly, plus the sorted ``*.txt`` files of each directory named."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix == ".txt")
            if not found:
                raise InputError(path, 0, "directory holds no .txt listing files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(path, 0, "no such file or directory")
    return files
