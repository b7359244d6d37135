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

from builders.extract.text import SUBTOKEN
from builders.lexicon import Lexicon, LexiconEntry, alias_key

_JOINERS = frozenset(" -/.'^_+’")
_LETTER_DIGIT = re.compile(r"[a-z]+|[0-9]+")
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
        self.prefixes = {key[:i] for key in self.forms for i in range(1, len(key) + 1)}
        # Runs a name can start with: its first sub-token, cut again where letters meet digits
        # ("ResNet50" may be written "ResNet 50"), or the whole key.
        self.first_runs: set[str] = set()
        # First runs that may start in lower case in text; for the rest a lower-case word
        # ("deep", "vision", "open") cannot start a match, which skips most common words.
        self.lower_starts: set[str] = set()
        for entry in lexicon.entries.values():
            for surface in entry.surfaces():
                runs = SUBTOKEN.findall(surface.lower())
                if not runs:
                    continue
                firsts = {runs[0], alias_key(surface), *_LETTER_DIGIT.findall(runs[0])[:1]}
                self.first_runs |= firsts
                if entry.case_insensitive or not surface[0].isupper():
                    self.lower_starts |= firsts
        # One regex pass finds the runs a name can start with (a plural "s" allowed), whole runs only.
        self.starts = re.compile(r"(?<![a-z0-9])(?:" + (trie_pattern(self.first_runs) or "(?!)") +
                                 r")s?(?![a-z0-9])")

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
        lowered = text.lower()
        if len(lowered) != len(text):  # a few non-ASCII letters change length when lowered
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        prefixes, forms = self.prefixes, self.forms
        matches: list[Match] = []
        resume = 0
        lower_starts = self.lower_starts
        for run in self.starts.finditer(lowered):
            key = run.group()
            if run.start() < resume or (text[run.start()].islower() and key not in lower_starts
                                        and key[:-1] not in lower_starts):
                continue
            start, end = run.span()
            best: tuple[str, int] | None = None
            while True:
                if key in forms and self._case_ok(key, text[start:end]):
                    best = (key, end)
                elif key[-1] == "s" and len(key) > 3 and key[:-1] in forms and \
                        not text[start:end - 1].isupper() and self._case_ok(key[:-1], text[start:end - 1]):
                    best = (key[:-1], end)  # a plural: "ResNets", "ViTs"; not "XLMs", which names a class
                if key not in prefixes or end + 1 >= len(text) or text[end] not in _JOINERS:
                    break
                following = SUBTOKEN.match(lowered, end + 1)
                if following is None:
                    break
                key += following.group()
                end = following.end()
            if best is not None:
                found, stop = best
                matches.append(Match(start, stop, text[start:stop], self.lexicon.by_key[found]))
                resume = stop
        return matches
