"""arXiv API responses (Atom XML): one paper per ``<entry>``.

Parsed with defusedxml: entity declarations, external entities and DTD fetches are refused,
so a hostile file can neither expand into gigabytes nor read local files or the network.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from builders.readers.common import InputError, Skipped, make_paper, read_text
from graph.schema import Paper

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_DECLARED_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")


def read_atom(path: Path) -> Iterator[Paper | Skipped]:
    """Entries of an Atom feed (the arXiv API's answer format)."""
    path = Path(path)
    text = read_text(path)
    try:
        # The text is decoded already: its declaration must not name another encoding.
        root = fromstring(_DECLARED_ENCODING.sub(r"\1", text, count=1).encode("utf-8"), forbid_dtd=True)
    except DefusedXmlException as err:
        raise InputError(path, 1, f"refused unsafe XML ({type(err).__name__}: DTDs and entities are not allowed)") from None
    except ParseError as err:
        raise InputError(path, err.position[0], f"not well-formed XML ({err})") from None
    if root.tag != ATOM + "feed":
        raise InputError(path, 1, f"not an Atom feed: the root element is {root.tag!r}, not <feed>")
    for index, entry in enumerate(root.iter(ATOM + "entry"), start=1):
        source = f"{path.name}:#{index}"
        entry_id = entry.findtext(ATOM + "id") or ""
        if "/api/errors" in entry_id:
            yield Skipped(source, f"the feed reports an API error: {entry.findtext(ATOM + 'summary')}")
            continue
        link = next((l.get("href") for l in entry.iter(ATOM + "link") if l.get("rel") == "alternate"), None)
        yield make_paper(
            source, entry.findtext(ATOM + "title"), entry.findtext(ATOM + "summary"),
            arxiv_id=entry_id if "arxiv.org/" in entry_id else None, doi=entry.findtext(ARXIV + "doi"),
            url=link or entry_id or None, date=entry.findtext(ATOM + "published") or entry.findtext(ATOM + "updated"),
            authors=[a.findtext(ATOM + "name") or "" for a in entry.iter(ATOM + "author")],
            venue=entry.findtext(ARXIV + "journal_ref"),
            categories=[c.get("term", "") for c in entry.iter(ATOM + "category")])
