"""Which relation a sentence gives a paper to an entity it names, from cue words.

The cue nearest before a name, inside its clause, decides: a competitor cue ("outperforms
X", "compared with X", "unlike X") gives ``compares_with``; training and building cues
("fine-tune X", "built on X", "X-based") give ``uses``; for datasets, experiment cues
give ``evaluates_on`` and training cues ``uses``.
"""
from __future__ import annotations

import re

from builders.extract.text import lower_in_place
from graph.schema import EntityKind, Relation

_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but|although|though)\b|\bwhereas\b|\bwhile\b")
# One "\b" before the alternation, not one per word: every branch then starts with a
# literal, which the regex engine rejects in one comparison (about 20% faster).
_BEFORE = re.compile(
    r"\b(?:(?P<compare>outperform\w*|surpass\w*|compar\w*\s+(?:to|with|against)|than\b|unlike\b|"
    r"over\b|beat\w*|versus\b|vs\b\.?|against\b|baselines?\b|competitive with\b|"
    r"on par with\b|rival\w*|exceed\w*|existing\b|prior\b|previous\w*|state-of-the-art methods\b|"
    r"relative to\b|in contrast to\b|(?:to|we) contrast(?:ed)?\b)"
    r"|(?P<train>(?:pre-?)?train\w*\s+(?:(?!and\s+(?:then\s+)?(?:evaluat|test|report|compar|achiev))\S+\s+){0,3}?"
    r"(?:on|with|using)\b|fine-?tun\w*\s+(?:(?!and\s+(?:then\s+)?(?:evaluat|test|report|compar|achiev))\S+\s+){0,3}?on\b|"
    r"collected from\b|derived from\b|built from\b|curated from\b|sourced from\b|extracted from\b|"
    r"constructed from\b|augment\w* with\b|mined from\b|leverag\w*|distill\w*|"
    r"(?:compos|consist)\w* of\b|comprising\b|"
    r"we (?:\w+ )?(?:use|used|utili[sz]e|employ|adopt|collect|gather)\b)"
    r"|(?P<source>from\b)"
    r"|(?P<evaluate>evaluat\w*|experiment\w*|results?\b|benchmark\w*|test\w*|achiev\w*|"
    r"state-of-the-art\b|sota\b|accurac\w*|performance\b|scores?\b|validat\w*|demonstrat\w*|"
    r"gains?\b|improve\w*|show\w*|across\b|datasets?\b|such as\b|including\b|on\b)"
    r"|(?P<use>based on\b|built (?:up)?on\b|builds (?:up)?on\b|on top of\b|fine-?tun\w*|leverag\w*|"
    r"us(?:e|es|ed|ing)\b|adopt\w*|employ\w*|utiliz\w*|exploit\w*|initiali[sz]\w*|distill?\w*|"
    r"pre-?trained\b|powered by\b|incorporat\w*|integrat\w*|equip\w*|harness\w*|apply\w*|"
    r"applied\b|plug\w*|teachers?\b|backbones?\b|encoders?\b|prompt\w*|from\b|with\b|via\b))")
_AFTER_USE = re.compile(r"^\W{0,2}(?:-?based|-?style|-?like|backbones?|encoders?|decoders?|features|"
                        r"embeddings|representations|as (?:the |a |our )?(?:backbone|teacher|encoder|"
                        r"base model|initiali[sz]ation)|'s (?:features|encoder|embeddings))\b")
AFTER_MODEL = re.compile(r"^\W{0,2}(?:models?|backbones?|encoders?|checkpoints?|architectures?|networks?)\b",
                         )
_AFTER_PRETRAINED = re.compile(r"^-(?:pre-?trained|initiali[sz]ed|based (?:pre-?train\w*|initiali[sz]\w*))\b")
_AFTER_BENCHMARK = re.compile(r"^\W{0,2}(?:benchmarks?|leaderboard|test set|evaluation suite)\b")
AFTER_EVAL = re.compile(r"^\W{0,2}(?:benchmarks?|datasets?|test set|validation set|leaderboard)\b")

EXTENDS_CUE = re.compile(
    r"\b(?:extend\w*|build\w* (?:up)?on|built (?:up)?on|based on|adapt\w*|improv\w* (?:up)?on|generali[sz]\w*|"
    r"variant of|fine-?tun\w*|modif\w*|inspired by|derived from|on top of|enhanc\w*|upgrad\w*|"
    r"revis\w*|re-?design\w*|following|an? (?:[\w-]+ ){0,2}(?:version|variant|extension|modification|adaptation|"
    r"generali[sz]ation|improvement) (?:of|over|to)|repurpos\w*|factori[sz]\w*|decompos\w*|rethink\w*|(?:^|,\s)an?(?:\s+[\w-]+){0,2})\s*(?:the\s+)?$")

STRONG_COMPARE = re.compile(r"\b(?:outperform\w*|surpass\w*|compar\w* (?:to|with|against)|than|unlike|beat\w*|"
                            r"versus|vs\.?|exceed\w*|relative to)\b[^,;]{0,60}$")

# All cue patterns are lower-case and run on lower-cased text: Python's re is ~3x faster
# without IGNORECASE.

# How sure a cue makes us; the build's --min-confidence filters on these.
CONFIDENCE = {
    "cue-compare": 0.8, "cue-train": 0.8, "cue-evaluate": 0.75, "cue-use": 0.75,
    "cue-after-use": 0.8, "cue-after-eval": 0.8, "default-dataset": 0.55, "default-mention": 0.6,
    "default-model": 0.55, "background": 0.6,
}


_WINDOW = 160  # how far back a cue may stand from the name it decides


class SentenceCues:
    """The cue words and clause breaks of one sentence, found in one scan each and shared
    by every name in the sentence (a sentence often names several)."""

    __slots__ = ("text", "lowered", "_cues", "_breaks", "_until")

    def __init__(self, text: str, until: int | None = None) -> None:
        self.text = text
        self.lowered = lower_in_place(text)
        self._cues: list[tuple[int, int, str]] | None = None
        self._breaks: list[int] = []
        self._until = len(text) if until is None else until  # no name starts later: cues after it never count

    def _scan(self) -> list[tuple[int, int, str]]:
        self._cues = [(m.start(), m.end(), m.lastgroup) for m in _BEFORE.finditer(self.lowered, 0, self._until)]
        self._breaks = [m.end() for m in _CLAUSE_BREAK.finditer(self.lowered, 0, self._until)]
        return self._cues

    def before(self, start: int) -> list[str]:
        """The cue kinds between the start of the clause holding ``start`` and ``start``, in order."""
        cues = self._cues if self._cues is not None else self._scan()
        if any(a < start < b for a, b, _ in cues):
            # A cue read across the name ("fine-tuned CLIP on"): read the clause alone, as if
            # the sentence ended at the name.
            return [m.lastgroup for m in _BEFORE.finditer(self._clause(start))]
        clause_start = max([start - _WINDOW] + [b for b in self._breaks if b <= start])
        return [kind for a, b, kind in cues if a >= clause_start and b <= start]

    def _clause(self, start: int) -> str:
        before = self.lowered[max(0, start - _WINDOW):start]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        return before[breaks[-1].end():] if breaks else before

    def classify(self, start: int, end: int, kind: EntityKind) -> tuple[Relation, str]:
        """The relation this sentence gives the paper to the name at ``text[start:end]``, and the rule.

        Datasets: a training or sourcing cue gives ``uses``, anything else ``evaluates_on`` (a
        dataset is never a competitor). Models and methods: the nearest competitor or use cue
        decides; a model named with neither is taken as used (backbone or subject of study),
        a method as only mentioned.
        """
        after = self.lowered[end:end + 40]
        cues = self.before(start)
        if kind is EntityKind.DATASET:
            if _AFTER_PRETRAINED.match(after):
                return Relation.USES, "cue-after-use"  # "ImageNet-based pre-training", "ImageNet-pretrained"
            last = cues[-1] if cues else None
            if last == "train" or (last == "source" and ("train" in cues or not _AFTER_BENCHMARK.match(after))):
                # "images from the X dataset" is data used; "tasks from the X benchmark" are evaluated on
                return Relation.USES, "cue-train"
            if AFTER_EVAL.match(after):
                return Relation.EVALUATES_ON, "cue-after-eval"
            return Relation.EVALUATES_ON, "cue-evaluate" if last else "default-dataset"
        if _AFTER_USE.match(after) or (kind is EntityKind.MODEL and AFTER_MODEL.match(after)):
            return Relation.USES, "cue-after-use"
        decisive = [cue for cue in cues if cue != "evaluate"]
        last = decisive[-1] if decisive else None
        if last == "compare":
            return Relation.COMPARES_WITH, "cue-compare"
        if last in ("use", "train", "source"):
            return Relation.USES, "cue-use"
        if kind is EntityKind.MODEL:
            return Relation.USES, "default-model"
        return Relation.MENTIONS, "default-mention"


def classify(sentence: str, start: int, end: int, kind: EntityKind) -> tuple[Relation, str]:
    """:meth:`SentenceCues.classify` for one name.

    >>> classify("TRAM outperforms SAM on all tasks.", 17, 20, EntityKind.METHOD)
    (<Relation.COMPARES_WITH: 'compares_with'>, 'cue-compare')
    >>> classify("Experiments on ImageNet show gains.", 15, 23, EntityKind.DATASET)
    (<Relation.EVALUATES_ON: 'evaluates_on'>, 'cue-evaluate')
    >>> classify("We fine-tune CLIP on ImageNet.", 13, 17, EntityKind.MODEL)
    (<Relation.USES: 'uses'>, 'cue-use')
    """
    return SentenceCues(sentence).classify(start, end, kind)
