"""Stable node ids: ``kind:slug``, valid as GraphML NMTOKENs and safe in IRIs.

>>> slugify("ViT-B/16")
'vit-b-16'
>>> entity_id("dataset", "MS MARCO")
'dataset:ms-marco'
>>> normalize_title("  RankT5: Fine-Tuning T5 ") == normalize_title("ranKT5 fine tuning t5")
True
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def slugify(text: str, max_length: int = 64) -> str:
    """Lower-case ASCII words joined by '-'; a short hash when nothing ASCII is left."""
    # "+" carries meaning in names ("PointNet++", "TD3+BC"), so it survives as a word
    ascii_text = unicodedata.normalize("NFKD", text.replace("+", " plus ")).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "x" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def normalize_title(title: str) -> str:
    """The key two listings of the same paper share: case, spacing and punctuation dropped."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_NON_ALNUM.sub(" ", folded).split())


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def paper_id(title: str, arxiv_id: str | None = None, doi: str | None = None) -> str:
    """Id of a paper: from its arXiv id, else its DOI, else its normalised title (slug plus hash).

    >>> paper_id("Any title", arxiv_id="2310.12345")
    'paper:arxiv-2310.12345'
    >>> paper_id("Any title", doi="10.1145/3292500.3330701")
    'paper:doi-10-1145-3292500-3330701-9cacae33'
    """
    if arxiv_id:
        return "paper:arxiv-" + arxiv_id.replace("/", "-")
    if doi:
        return f"paper:doi-{slugify(doi, 48)}-{_digest(doi)}"
    return f"paper:{slugify(title, 48)}-{_digest(normalize_title(title))}"


_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d.]*\d)")
_ARXIV_OLD = re.compile(r"(?<![\w-])([a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)", re.IGNORECASE)
_DOI = re.compile(r"(10\.\d{4,9}/\S+)")


def normalize_arxiv_id(text: str | None) -> str | None:
    """The arXiv identifier in an id, URL or DOI, without its version; None if there is none.

    >>> [normalize_arxiv_id(t) for t in ["2310.12345v2", "http://arxiv.org/abs/2310.12345v1",
    ...  "arXiv:1706.03762", "hep-th/9901001v3", "10.48550/arXiv.2310.12345", "no id"]]
    ['2310.12345', '2310.12345', '1706.03762', 'hep-th/9901001', '2310.12345', None]
    """
    if not text:
        return None
    text = text.strip()
    doi = _ARXIV_DOI.search(text)
    if doi:
        text = doi.group(1)
    match = _ARXIV_NEW.search(text) or _ARXIV_OLD.search(text)
    return match.group(1) if match else None


def normalize_doi(text: str | None) -> str | None:
    """A DOI in lower case without its resolver prefix; None if ``text`` holds none.

    >>> normalize_doi("https://doi.org/10.1145/3292500.3330701")
    '10.1145/3292500.3330701'
    """
    if not text:
        return None
    match = _DOI.search(text.strip())
    return match.group(1).rstrip(".,;").lower() if match else None


def entity_id(kind: str, name: str) -> str:
    """Id of an entity: its kind and the slug of its canonical name."""
    return f"{kind}:{slugify(name)}"
