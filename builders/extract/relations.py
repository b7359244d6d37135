"""Which relation a sentence gives a paper to an entity it names, from cue words.

The cue nearest before a name, inside its clause, decides: a competitor cue ("outperforms
X", "compared with X", "unlike X") gives ``compares_with``; training and building cues
("fine-tune X", "built on X", "X-based") give ``uses``; for datasets, experiment cues
give ``evaluates_on`` and training cues ``uses``.
"""
from __future__ import annotations

import re

from graph.schema import EntityKind, Relation

_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but|although|though)\b|\bwhereas\b|\bwhile\b")
_BEFORE = re.compile(
    r"(?P<compare>\boutperform\w*|\bsurpass\w*|\bcompar\w*\s+(?:to|with|against)|\bthan\b|\bunlike\b|"
    r"\bover\b|\bbeat\w*|\bversus\b|\bvs\b\.?|\bagainst\b|\bbaselines?\b|\bcompetitive with\b|"
    r"\bon par with\b|\brival\w*|\bexceed\w*|\bexisting\b|\bprior\b|\bprevious\w*|\bstate-of-the-art methods\b|"
    r"\brelative to\b|\bin contrast to\b)"
    r"|(?P<train>\b(?:pre-?)?train\w*\s+(?:(?!and\s+(?:then\s+)?(?:evaluat|test|report|compar|achiev))\S+\s+){0,3}?"
    r"(?:on|with|using)\b|\bfine-?tun\w*\s+(?:(?!and\s+(?:then\s+)?(?:evaluat|test|report|compar|achiev))\S+\s+){0,3}?on\b|"
    r"\bcollected from\b|\bderived from\b|\bbuilt from\b|\bcurated from\b|\bsourced from\b|\bextracted from\b|"
    r"\bconstructed from\b|\baugment\w* with\b|\bmined from\b|\bleverag\w*|\bdistill\w*|\bfrom\b|"
    r"\bwe (?:\w+ )?(?:use|used|utili[sz]e|employ|adopt|collect|gather)\b)"
    r"|(?P<evaluate>\bevaluat\w*|\bexperiment\w*|\bresults?\b|\bbenchmark\w*|\btest\w*|\bachiev\w*|"
    r"\bstate-of-the-art\b|\bsota\b|\baccurac\w*|\bperformance\b|\bscores?\b|\bvalidat\w*|\bdemonstrat\w*|"
    r"\bgains?\b|\bimprove\w*|\bshow\w*|\bacross\b|\bdatasets?\b|\bsuch as\b|\bincluding\b|\bon\b)"
    r"|(?P<use>\bbased on\b|\bbuilt (?:up)?on\b|\bbuilds (?:up)?on\b|\bon top of\b|\bfine-?tun\w*|\bleverag\w*|"
    r"\bus(?:e|es|ed|ing)\b|\badopt\w*|\bemploy\w*|\butiliz\w*|\bexploit\w*|\binitiali[sz]\w*|\bdistill?\w*|"
    r"\bpre-?trained\b|\bpowered by\b|\bincorporat\w*|\bintegrat\w*|\bequip\w*|\bharness\w*|\bapply\w*|"
    r"\bapplied\b|\bplug\w*|\bteachers?\b|\bbackbones?\b|\bencoders?\b|\bprompt\w*|\bfrom\b|\bwith\b|\bvia\b)")
_AFTER_USE = re.compile(r"^\W{0,2}(?:-?based|-?style|-?like|backbones?|encoders?|decoders?|features|"
                        r"embeddings|representations|as (?:the |a |our )?(?:backbone|teacher|encoder|"
                        r"base model|initiali[sz]ation)|'s (?:features|encoder|embeddings))\b")
AFTER_MODEL = re.compile(r"^\W{0,2}(?:models?|backbones?|encoders?|checkpoints?|architectures?|networks?)\b",
                         )
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


def _clause_before(sentence: str, start: int) -> str:
    before = sentence[max(0, start - 160):start].lower()
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end():] if breaks else before


def classify(sentence: str, start: int, end: int, kind: EntityKind) -> tuple[Relation, str]:
    """The relation a sentence gives the paper to the name at ``sentence[start:end]``, and the rule.

    Datasets: a training or sourcing cue gives ``uses``, anything else ``evaluates_on`` (a
    dataset is never a competitor). Models and methods: the nearest competitor or use cue
    decides; a model named with neither is taken as used (backbone or subject of study),
    a method as only mentioned.

    >>> classify("TRAM outperforms SAM on all tasks.", 17, 20, EntityKind.METHOD)
    (<Relation.COMPARES_WITH: 'compares_with'>, 'cue-compare')
    >>> classify("Experiments on ImageNet show gains.", 15, 23, EntityKind.DATASET)
    (<Relation.EVALUATES_ON: 'evaluates_on'>, 'cue-evaluate')
    """
    after = sentence[end:end + 40].lower()
    cues = [m.lastgroup for m in _BEFORE.finditer(_clause_before(sentence, start))]
    if kind is EntityKind.DATASET:
        last = cues[-1] if cues else None
        if last == "train":
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
    if last in ("use", "train"):
        return Relation.USES, "cue-use"
    if kind is EntityKind.MODEL:
        return Relation.USES, "default-model"
    return Relation.MENTIONS, "default-mention"
