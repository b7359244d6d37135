"""Find lexicon names in text: longest match over alphanumeric sub-tokens.

Text is cut into maximal ``[A-Za-z0-9]+`` runs; a name may span several runs joined by a
single separator (space, '-', '/', '.', "'", '^'), so "ResNet-50", "ResNet 50" and
"ResNet50" all reach the key ``resnet50``. A prefix set stops the scan at the first run
that cannot continue any name, which keeps the cost near one pass over the text.
Short names (acronyms) must match their case exactly; longer ones their first letter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from builders.extract.text import SUBTOKEN, lower_in_place
from builders.lexicon import Lexicon, LexiconEntry, alias_key

_JOINERS = frozenset(" -/.'^_+’")
_SHORT = 5  # names of at most this many letters and digits must match case exactly


def trie_pattern(words: set[str]) -> str:
    """A regex alternation of ``words`` shared as a trie, so the engine never backtracks across words.

    >>> re.fullmatch(trie_pattern({"vit", "vits", "bert"}), "vits") is not None
    True
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(trie)


_SEP = "\x00"
_SEP_PATTERN = "[ \\-/.'^_+’]?"
_BOUNDARY = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")


def _shape(surface: str) -> str:
    """A surface's letters and digits, lower-cased, with a separator mark wherever text may
    put one: between its own runs and where letters meet digits."""
    runs = SUBTOKEN.findall(surface.lower())
    return _SEP.join(_BOUNDARY.sub(_SEP, run) for run in runs)


def _compact(text: str) -> str:
    return "".join(SUBTOKEN.findall(text))


@dataclass(frozen=True)
class Match:
    """A lexicon name found in text: span, the text there, and the entries it may mean."""

    start: int
    end: int
    surface: str
    entries: tuple[LexiconEntry, ...]


class Gazetteer:
    """Lexicon surfaces indexed by alias key, for :meth:`find` over any text."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # key -> compact surfaces (case kept) under that key, to check case on a hit
        self.forms: dict[str, set[str]] = {}
        self.loose: set[str] = set()  # keys of entries that match case-insensitively
        for entry in lexicon.entries.values():
            for surface in entry.surfaces():
                key = alias_key(surface)
                if not key:
                    continue
                self.forms.setdefault(key, set()).add(_compact(surface))
                if entry.case_insensitive:
                    self.loose.add(key)
        # One regex holds every surface as a trie over its lower-case letters and digits;
        # a separator may stand where the surface has one or where letters meet digits, so
        # "ResNet-50", "ResNet 50" and "ResNet50" all match. A plural "s" may follow.
        shapes = {_shape(surface) for entry in lexicon.entries.values() for surface in entry.surfaces()}
        body = trie_pattern({shape for shape in shapes if shape}).replace(re.escape(_SEP), _SEP_PATTERN)
        self.pattern = re.compile(r"(?<![a-z0-9])(?:" + (body or "(?!)") + r")s?(?![a-z0-9])")

    def _case_ok(self, key: str, surface: str) -> bool:
        if key in self.loose:
            return True
        compact = _compact(surface)
        for form in self.forms[key]:
            if len(form) <= _SHORT:
                if compact == form:
                    return True
            elif compact[0] == form[0] and (compact != compact.lower() or form == form.lower()):
                return True
        return False

    def find(self, text: str) -> list[Match]:
        """Non-overlapping lexicon names in ``text``, longest first, left to right."""
        lowered = lower_in_place(text)
        forms, by_key = self.forms, self.lexicon.by_key
        matches: list[Match] = []
        for hit in self.pattern.finditer(lowered):
            start, end = hit.span()
            surface = text[start:end]
            key = alias_key(surface)
            if key in forms and self._case_ok(key, surface):
                matches.append(Match(start, end, surface, by_key[key]))
            elif key[-1] == "s" and key[:-1] in forms and len(key) > 3 and not surface[:-1].isupper() \
                    and self._case_ok(key[:-1], surface[:-1]):
                matches.append(Match(start, end, surface, by_key[key[:-1]]))  # "ResNets"; not "XLMs"
        return matches
