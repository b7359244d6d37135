"""What every reader shares: the error and skip records, decoding, and one way to make a Paper."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from graph.ids import normalize_arxiv_id, normalize_doi, paper_id
from graph.schema import Paper
from graph.text import clean_text

_CODE_URL = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com)/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_DATE = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_RFC_DATE = re.compile(r"(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})")  # "Mon, 2 Apr 2007 19:18:42 GMT"


class InputError(ValueError):
    """Input that cannot be read at all; the message names the file and line."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = str(path), line, reason


@dataclass(frozen=True)
class Skipped:
    """An entry a reader left out, and why."""

    source: str  # "file:line" or "file:#record"
    reason: str


def read_text(path: Path) -> str:
    """The text of ``path``: UTF-8 (a BOM allowed), or UTF-16 with its BOM.

    Anything else is an :class:`InputError` naming the line of the first bad byte.
    """
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(path, 1, f"not valid UTF-16 text ({err.reason})") from None
    if b"\x00" in data[:4096]:
        raise InputError(path, data[:4096].split(b"\x00", 1)[0].count(b"\n") + 1,
                         "binary data (NUL bytes), not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(path, line, f"not UTF-8 text ({err.reason} at byte {err.start}); "
                                     "convert it first, e.g. iconv -f latin1 -t utf-8") from None


def iter_lines(path: Path):
    """(line number, line without its end) of a text file, read as a stream: a big file is
    never held whole. UTF-16 (told by its BOM) is decoded whole; errors as in :func:`read_text`."""
    with path.open("rb") as handle:
        head = handle.read(4096)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            yield from enumerate(read_text(path).splitlines(), start=1)
            return
        if b"\x00" in head:
            raise InputError(path, head.split(b"\x00", 1)[0].count(b"\n") + 1, "binary data (NUL bytes), not a text file")
        handle.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise InputError(path, number, f"not UTF-8 text ({err.reason} at byte {err.start} of the line); "
                                               "convert it first, e.g. iconv -f latin1 -t utf-8") from None
            yield number, line.rstrip("\r\n")


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


MAX_TITLE = 1_000  # characters; longer is not a title (a pasted page, a broken line join)
MAX_ABSTRACT = 100_000  # ten times a long abstract: more is a whole paper or garbage


def clean(text) -> str:
    """One line of safe text: runs of white space (arXiv wraps its titles) become one space,
    and characters no output may carry (controls, lone surrogates) become U+FFFD."""
    return clean_text(" ".join(str(text).split())) if text is not None else ""  # split(): C speed


def iso_date(text) -> str | None:
    """An ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) from the date forms inputs use.

    >>> [iso_date(t) for t in ["2023-10-12T17:59:59Z", "2023/4", 2021, "Mon, 2 Apr 2007 19:18:42 GMT", "soon"]]
    ['2023-10-12', '2023-04', '2021', '2007-04-02', None]
    """
    if text is None or text == "":
        return None
    text = str(text).strip()
    rfc = _RFC_DATE.search(text)
    if rfc and rfc.group(2).lower() in _MONTHS:
        return f"{rfc.group(3)}-{_MONTHS[rfc.group(2).lower()]:02d}-{int(rfc.group(1)):02d}"
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = match.groups()
    if month and 1 <= int(month) <= 12:
        if day:
            try:
                return datetime.date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                pass  # "2023-02-30": keep what is sure
        return f"{year}-{int(month):02d}"
    return year


def month_number(text) -> int | None:
    """1-12 from "10", "oct" or "October"."""
    text = str(text or "").strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.get(text[:3])


def make_paper(source: str, title, abstract, *, arxiv_id=None, doi=None, url=None, date=None,
               authors=(), venue=None, categories=(), code_urls=()) -> Paper | Skipped:
    """A Paper from one input entry, with its id from its arXiv id, DOI or title; or the
    reason it must be skipped (no title, no abstract)."""
    title, abstract = clean(title), clean(abstract)
    if not title:
        return Skipped(source, "no title")
    if not abstract:
        return Skipped(source, "no abstract")
    if len(title) > MAX_TITLE:
        return Skipped(source, f"title of {len(title):,} characters (at most {MAX_TITLE:,}): not a title")
    if len(abstract) > MAX_ABSTRACT:
        return Skipped(source, f"abstract of {len(abstract):,} characters (at most {MAX_ABSTRACT:,})")
    arxiv = normalize_arxiv_id(arxiv_id) or normalize_arxiv_id(doi) or (
        normalize_arxiv_id(url) if url and "arxiv.org/" in url else None)
    doi = normalize_doi(doi)
    if doi and doi.startswith("10.48550/"):
        doi = None  # arXiv's own DOI: the arXiv id says it already
    codes = tuple(dict.fromkeys((*(clean(u) for u in code_urls if u), *find_code_urls(abstract))))
    return Paper(id=paper_id(title, arxiv, doi), title=title, abstract=abstract, code_urls=codes,
                 sources=(source,), arxiv_id=arxiv, doi=doi, url=clean(url) or None, date=iso_date(date),
                 authors=tuple(a for a in (clean(x) for x in authors) if a),
                 venue=clean(venue) or None,
                 categories=tuple(dict.fromkeys(c for c in (clean(x) for x in categories) if c)))
