"""Find lexicon names in text: longest match over alphanumeric sub-tokens.

Text is cut into maximal ``[A-Za-z0-9]+`` runs; a name may span several runs joined by a
single separator (space, '-', '/', '.', "'", '^'), so "ResNet-50", "ResNet 50" and
"ResNet50" all reach the key ``resnet50``. A prefix set stops the scan at the first run
that cannot continue any name, which keeps the cost near one pass over the text.
Short names (acronyms) must match their case exactly; longer ones their first letter.
"""
from __future__ import annotations

from dataclasses import dataclass

from builders.extract.text import SUBTOKEN
from builders.lexicon import Lexicon, LexiconEntry, alias_key

_JOINERS = frozenset(" -/.'^_+’")
_SHORT = 5  # names of at most this many letters and digits must match case exactly


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
        runs = [(m.start(), m.end(), m.group().lower()) for m in SUBTOKEN.finditer(text)]
        matches: list[Match] = []
        i, n = 0, len(runs)
        while i < n:
            best: tuple[int, str, int] | None = None  # (last run index, key, end offset)
            key = ""
            j = i
            while j < n:
                if j > i:
                    gap = text[runs[j - 1][1]:runs[j][0]]
                    if len(gap) != 1 or gap not in _JOINERS:
                        break
                key += runs[j][2]
                end = runs[j][1]
                if key in self.forms and self._case_ok(key, text[runs[i][0]:end]):
                    best = (j, key, end)
                elif (key.endswith("s") and key[:-1] in self.forms and len(key) > 3
                      and self._case_ok(key[:-1], text[runs[i][0]:end - 1])):
                    best = (j, key[:-1], end)  # a plural: "ResNets", "ViTs"
                if key not in self.prefixes:
                    break
                j += 1
            if best is None:
                i += 1
                continue
            last, found, end = best
            start = runs[i][0]
            matches.append(Match(start, end, text[start:end], self.lexicon.by_key[found]))
            i = last + 1
        return matches
