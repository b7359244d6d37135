"""Text units for extraction: sentences with their spans, and alphanumeric sub-tokens.

>>> [s.text for s in split_sentences("We use CLIP (e.g. ViT-B/16). Results on GTA5 improve.")]
['We use CLIP (e.g. ViT-B/16).', 'Results on GTA5 improve.']
"""
from __future__ import annotations

import re
from typing import NamedTuple

# A boundary is end punctuation, then space, then something that can open a sentence.
# (Punctuation first, not a look-behind: the engine then skips ahead to candidates, ~3x faster.)
_BOUNDARY = re.compile(r"[.!?][\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "etc.", "vs.", "cf.", "Fig.", "Eq.", "approx.", "resp.", "No.")
SUBTOKEN = re.compile(r"[A-Za-z0-9]+")


class Sentence(NamedTuple):
    """A sentence of one field of a paper ("title" or "abstract") and where it is there."""

    field: str
    start: int
    end: int
    text: str


def split_sentences(text: str, field: str = "abstract") -> list[Sentence]:
    """Regex sentence split that keeps abbreviations such as "e.g." inside a sentence."""
    sentences: list[Sentence] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        stop = boundary.start() + 1  # keep the full stop, leave a closing quote to the boundary
        if text.endswith(_ABBREVIATIONS, start, stop) or stop - start < 2:
            continue
        sentences.append(_sentence(text, start, stop, field))
        start = boundary.end()
    if text[start:].strip():
        sentences.append(_sentence(text, start, len(text), field))
    return sentences


def _sentence(text: str, start: int, end: int, field: str) -> Sentence:
    chunk = text[start:end]
    stripped = chunk.strip()
    if len(stripped) != len(chunk):
        start += len(chunk) - len(chunk.lstrip())
        end = start + len(stripped)
    return Sentence(field, start, end, stripped)


def lower_in_place(text: str) -> str:
    """``text.lower()`` with every offset kept: the few letters whose lower case is longer
    ("İ") stay as they are, so a span found in the result is the same span in ``text``."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
