"""Text units for extraction: sentences with their spans, and alphanumeric sub-tokens.

>>> [s.text for s in split_sentences("We use CLIP (e.g. ViT-B/16). Results on GTA5 improve.")]
['We use CLIP (e.g. ViT-B/16).', 'Results on GTA5 improve.']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A boundary is end punctuation, then space, then something that can open a sentence.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "etc.", "vs.", "cf.", "Fig.", "Eq.", "approx.", "resp.", "No.")
SUBTOKEN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Sentence:
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
        head = text[start:boundary.start()]
        if head.endswith(_ABBREVIATIONS) or not head.strip():
            continue
        sentences.append(_sentence(text, start, boundary.start(), field))
        start = boundary.end()
    if text[start:].strip():
        sentences.append(_sentence(text, start, len(text), field))
    return sentences


def _sentence(text: str, start: int, end: int, field: str) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(field, start, end, text[start:end])
