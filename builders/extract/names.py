"""New names from the text: what a paper introduces, acronym definitions, coined names.

Pure functions over strings; each returns spans so that every name keeps its evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data"

# A coined name: mixed case inside the word (ImageChain, PLeaS, monoT5), letters with
# digits (A2Nav, GPT4), or capitals with a hyphen (RT-Trajectory, Meta-DMoE).
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9^]*(?:[-/.][A-Za-z0-9^]+)*"
TOKEN = re.compile(_TOKEN)
_ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Za-z0-9][A-Za-z0-9^\-./]{0,14}?)\s*[,;)]")
_TITLE_HEAD = re.compile(r"^\s*(.{1,60}?)\s*(?::|\s--?\s|\s[–—]\s)\s*\S")
_INTRO = re.compile(
    r"\b(?:we|this (?:paper|work|study|report)|our (?:work|paper|study))\s+(?:\w+ly\s+)?(?:also\s+)?"
    r"(?:propose|introduce|present|develop|design|build|release|contribute|construct|create|curate|"
    r"collect|devise|offer|unveil|put forward)(?:s|d|ed)?\b", re.IGNORECASE)
_NAMING = re.compile(r"\b(?:called|named|termed|dubbed|coined|namely|denoted(?: as)?|abbreviated as|"
                     r"short for)\s*[,:]?\s*[\"“']?(" + _TOKEN + r"(?:\s+v?\d[\w.]*)?)", re.IGNORECASE)
_APPOSITIVE = re.compile(r"(?:^|[.;]\s+|\bpropose\w*\s+|\bintroduc\w*\s+|\bpresent\w*\s+)(" + _TOKEN +
                         r"),\s+(?:a|an|the)\s+(?:\w+[\s-]){0,5}?"
                         r"(?:framework|method|approach|model|algorithm|technique|system|pipeline|"
                         r"benchmark|dataset|corpus|suite|architecture|strategy|scheme|paradigm|network|"
                         r"module|mechanism|tool|agent|family|recipe|objective|loss|metric|library)\b")
_DATASET_CUES = re.compile(r"\b(?:datasets?|benchmarks?|corpus|corpora|suite|test ?beds?|leaderboard|"
                           r"collection|annotations?|split)\b", re.IGNORECASE)
_STOP_HEADS = frozenset({"survey", "review", "position", "tutorial", "overview", "perspective",
                         "commentary", "editorial", "preprint", "note", "erratum", "keynote"})


@dataclass(frozen=True)
class Name:
    """A name found in text, with its span in the text given and the rule that found it."""

    text: str
    start: int
    end: int
    rule: str


@lru_cache(maxsize=1)
def non_entities() -> frozenset[str]:
    """Acronyms and words that look like names but are tasks, metrics or fields (data file)."""
    lines = (_DATA / "non_entities.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_coined(token: str) -> bool:
    """True for a token shaped like a coined name rather than a word.

    >>> [is_coined(t) for t in ["ImageChain", "TRAM", "A2Nav", "Meta-DMoE", "Images", "LLMs", "the"]]
    [True, True, True, True, False, False, False]
    """
    if token.lower() in non_entities() or len(token) < 2 or len(token) > 40:
        return False
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return False
    upper_inside = any(c.isupper() for c in token[1:])
    has_digit = any(c.isdigit() for c in token)
    if re.fullmatch(r"[A-Z]{2,}s", token):  # a plural acronym names a family: LLMs, VLMs
        return False
    if token[0].islower() and not upper_inside:
        return False
    return upper_inside or (has_digit and token[0].isalpha())


def looks_like_name(text: str) -> bool:
    """A short phrase that could be a proper name: coined tokens or capitalised words."""
    words = text.split()
    if not words or len(words) > 4 or len(text) > 50:
        return False
    if words[0].lower() in _STOP_HEADS or text.lower() in non_entities():
        return False
    if any(is_coined(w) for w in words):
        return True
    return len(words) == 1 and words[0][0].isupper() and words[0].isalpha() and len(words[0]) > 2


def title_name(title: str) -> Name | None:
    """The name a title introduces before ':' or ' -- ' ("TRAM: Bridging ...")."""
    match = _TITLE_HEAD.match(title)
    if not match or not looks_like_name(match.group(1)):
        return None
    return Name(match.group(1), match.start(1), match.end(1), "title-name")


def long_form(short: str, before: str) -> str | None:
    """The expansion that ``short`` abbreviates at the end of ``before`` (Schwartz-Hearst).

    >>> long_form("TRAM", "We propose Trust Region Aware Minimization")
    'Trust Region Aware Minimization'
    >>> long_form("SAM", "we use a method") is None
    True
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2 or not short[0].isalnum():
        return None
    words = before.split()[-min(len(letters) + 5, 2 * len(letters)):]
    candidate = " ".join(words)
    s_idx, l_idx = len(letters) - 1, len(candidate) - 1
    while s_idx >= 0:
        c = letters[s_idx]
        while l_idx >= 0 and (candidate[l_idx].lower() != c or
                              (s_idx == 0 and l_idx > 0 and candidate[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = candidate.rfind(" ", 0, l_idx + 1) + 1
    result = candidate[start:].strip(" ,;:(")
    if len(result.split()) < 2 and "-" not in result or len(result) <= len(short):
        return None
    return result


def acronym_definitions(text: str) -> list[tuple[Name, Name]]:
    """(long form, acronym) pairs defined as "Long Form (LF)" in ``text``."""
    pairs = []
    for match in _ACRONYM_IN_PARENS.finditer(text):
        short = match.group(1)
        if not any(c.isupper() for c in short) or short.lower() in non_entities():
            continue
        expansion = long_form(short, text[:match.start()].rstrip())
        if expansion is None:
            continue
        start = text.rfind(expansion, 0, match.start())
        pairs.append((Name(expansion, start, start + len(expansion), "acronym-definition"),
                      Name(short, match.start(1), match.end(1), "acronym-definition")))
    return pairs


def introduced_names(sentence: str) -> list[Name]:
    """Names a sentence says the paper introduces: "we propose X", "called X", "X, a new ..."."""
    found: list[Name] = []
    for match in _NAMING.finditer(sentence):
        name = match.group(1)
        if is_coined(name.split()[0]) or looks_like_name(name):
            found.append(Name(name, match.start(1), match.start(1) + len(name), "named-as"))
    intro = _INTRO.search(sentence)
    if intro:
        clause_end = len(sentence)
        for stop in (". ", "; ", " which ", " that "):
            pos = sentence.find(stop, intro.end())
            if pos != -1:
                clause_end = min(clause_end, pos)
        for token in TOKEN.finditer(sentence, intro.end(), clause_end):
            if is_coined(token.group()) and _not_inside_parens(sentence, token.start()):
                found.append(Name(token.group(), token.start(), token.end(), "we-propose"))
                break
        for long_name, short in acronym_definitions(sentence[intro.end():]):
            offset = intro.end()
            found.append(Name(short.text, short.start + offset, short.end + offset, "we-propose-acronym"))
    for match in _APPOSITIVE.finditer(sentence):
        if is_coined(match.group(1)):
            found.append(Name(match.group(1), match.start(1), match.end(1), "appositive"))
    return found


def _not_inside_parens(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) <= text.rfind(")", 0, pos)


def is_dataset_context(text: str) -> bool:
    """Whether the words around a name say it is a dataset, benchmark or corpus."""
    return _DATASET_CUES.search(text) is not None
