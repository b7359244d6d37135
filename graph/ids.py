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


def paper_id(title: str) -> str:
    """Id of a paper known by its title only: readable slug plus a hash of the normalised title."""
    key = normalize_title(title)
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"paper:{slugify(title, 48)}-{digest}"


def entity_id(kind: str, name: str) -> str:
    """Id of an entity: its kind and the slug of its canonical name."""
    return f"{kind}:{slugify(name)}"
