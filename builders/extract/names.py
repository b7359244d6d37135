"""New names from the text: what a paper introduces, acronym definitions, coined names.

Pure functions over strings; each returns spans so that every name keeps its evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from builders.extract.relations import STRONG_COMPARE
from builders.extract.text import lower_in_place

_DATA = Path(__file__).resolve().parent.parent / "data"

# A coined name: mixed case inside the word (ImageChain, PLeaS, monoT5), letters with
# digits (A2Nav, GPT4), or capitals with a hyphen (RT-Trajectory, Meta-DMoE).
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9^]*(?:(?:-|\.(?=\d)|/(?=\d))[A-Za-z0-9^]+)*(?:\+\+)?(?:\s[vV]\d+(?:\.\d+)?\b)?"
TOKEN = re.compile(_TOKEN)
_CAPITAL_OR_DIGIT = re.compile(r"[A-Z0-9]")
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789^-")
_ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Za-z0-9][A-Za-z0-9^\-./]{0,14}?)\s*[,;)]")
_PARENS_NAME = re.compile(r"\(\s*(" + _TOKEN + r")\s*[),;]")  # "(GQR-Bench)" or "(GQR-Bench, released as ...)"
_TITLE_HEAD = re.compile(r"^\s*(.{1,60}?)\s*(?::|\s--?\s|\s[–—]\s)\s*\S")
_INTRO = re.compile(
    r"\b(?:(?:we|this (?:paper|work|study|report)|our (?:work|paper|study))\s+"
    r"(?:(?:\w+ly|also|first|further|then|here|now|thus|therefore|finally|next)\s+){0,2}"
    r"(?:[\w-]+\s+(?:[\w-]+\s+){0,4}?and\s+(?:also\s+)?)?"  # "we further consider X and propose ..."
    r"(?:propose|introduce|present|develop|design|build|release|contribute|construct|create|curate|"
    r"collect|devise|offer|unveil|put forward)(?:s|d|ed)?|(?:our|the) (?:newly )?(?:proposed|introduced|"
    r"presented|novel))\b")
_LEAD = re.compile(r"\s*(?:(?:a|an|the|our|two|three)\s+)?(?:(?:new|novel)\s+)?")
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w^]*(?:-[A-Za-z][\w^]*)*\s+){1,5}[A-Z][\w^]*(?:-[A-Za-z][\w^]*)*")
_NAMING = re.compile(r"\b(?:called|named|termed|dubbed|coined|namely|denoted(?: as)?|abbreviated as|"
                     r"short for)\s*[,:]?\s*[\"“']?(" + _TOKEN + r")")
_APPOSITIVE_ANCHOR = re.compile(r",\s+(?:a|an|the|our)\s+")
_TOKEN_AT_END = re.compile(r"(?<![\w-])(" + _TOKEN + r")$")
_APPOSITIVE_NOUN = re.compile(r"(?:[\w-]+\s+){0,5}?"
                              r"(?:framework|method|approach|model|algorithm|technique|system|pipeline|"
                              r"benchmark|dataset|corpus|suite|architecture|strategy|scheme|paradigm|network|"
                              r"module|mechanism|tool|toolkit|agent|family|recipe|objective|loss|metric|library|"
                              r"function|optimi[sz]er|regulari[sz]er|layer|block|operator|estimator|score|policy|"
                              r"solver|procedure|protocol|engine|collection|environment|simulator|platform)\b")
_NAMING_WORDS = ("called", "named", "termed", "dubbed", "coined", "namely", "denoted", "abbreviated", "short for")
_INTRO_WORDS = ("propos", "introduc", "present", "develop", "design", "build", "release", "contribut",
                "construct", "creat", "curat", "collect", "devis", "offer", "unveil", "put forward", "novel")
_COMPONENT_NOUNS = frozenset("""module mechanism network block layer loss strategy framework algorithm method
model architecture attention encoder decoder head unit scheme technique approach pipeline score metric benchmark
dataset corpus""".split())
_NAME_ENDINGS = frozenset({"Bench", "Net", "Former", "Eval", "Hub", "Arena", "Gym", "Suite"})
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_PLAIN_WORD = re.compile(r"[A-Z]?[a-z]+|[a-z]*")
_SIZE = re.compile(r"\d+(?:\.\d+)?[KMBT]|\d+[kKmMbB]?-?(?:shot|way|bit|d|D)|\d[\d.,]*[A-Za-z]{1,3}")
_FUNCTION_WORDS = frozenset("a an the of for with to in on and or by via from is are as at into".split())
_STOP_HEADS = frozenset({"survey", "review", "position", "tutorial", "overview", "perspective",
                         "commentary", "editorial", "preprint", "note", "erratum", "keynote"})


@dataclass(frozen=True)
class Name:
    """A name found in text, with its span in the text given and the rule that found it."""

    text: str
    start: int
    end: int
    rule: str
    alias: str | None = None  # the expansion or long form bound to this name, if any


@lru_cache(maxsize=1)
def non_entities() -> frozenset[str]:
    """Acronyms and words that look like names but are tasks, metrics or fields (data file)."""
    lines = (_DATA / "non_entities.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=65536)
def is_coined(token: str) -> bool:
    """True for a token shaped like a coined name rather than a word (cached: tokens repeat).

    >>> [is_coined(t) for t in ["ImageChain", "TRAM", "A2Nav", "Meta-DMoE", "Images", "LLMs", "the"]]
    [True, True, True, True, False, False, False]
    """
    if len(token) < 2 or len(token) > 40 or (token.isalpha() and (token.istitle() or token.islower())):
        return False  # ordinary words, capitalised or not
    if token.lower() in non_entities() or _SIZE.fullmatch(token) or _PLURAL_ACRONYM.fullmatch(token):
        return False  # a plural acronym names a family: LLMs, VLMs
    if not any(c.isalpha() for c in token):
        return False
    upper_inside = any(c.isupper() for c in token[1:])
    has_digit = any(c.isdigit() for c in token)
    if token[0].islower() and not upper_inside:
        return False
    parts = token.split("-")
    if len(parts) > 1 and not has_digit and all(_PLAIN_WORD.fullmatch(p) for p in parts) \
            and parts[-1] not in _NAME_ENDINGS:
        return False  # hyphenated ordinary words: "Mixture-of-Experts", "Leave-One-Out"; not "Self-Bench"
    return upper_inside or (has_digit and token[0].isalpha())


def coined_tokens(text: str):
    """(start, end, token) of every coined-looking token, found from its capitals and digits.

    Cheaper than a token regex over all text: only tokens holding a capital or digit are read.

    >>> [t for _, _, t in coined_tokens("We beat ImageChain and Meta-DMoE on GSM8K, not Images.")]
    ['ImageChain', 'Meta-DMoE', 'GSM8K']
    """
    resume = 0
    for hit in _CAPITAL_OR_DIGIT.finditer(text):
        if hit.start() < resume:
            continue
        start = hit.start()
        while start > 0 and text[start - 1] in _TOKEN_CHARS:
            start -= 1
        token = TOKEN.match(text, start)
        if token is None:
            resume = hit.end()
            continue
        resume = token.end()
        if is_coined(token.group()):
            yield token.start(), token.end(), token.group()


def looks_like_name(text: str) -> bool:
    """A short phrase that could be a proper name: coined tokens or capitalised words."""
    words = text.split()
    if not words or len(words) > 4 or len(text) > 50:
        return False
    if words[0].lower() in _STOP_HEADS or text.lower() in non_entities():
        return False
    if len(words) > 1 and any(w.lower() in _FUNCTION_WORDS for w in words):
        return False  # "Enhancing CLIP with CLIP" is a phrase, not a name
    if any(is_coined(w) for w in words):
        return True
    return len(words) == 1 and words[0][0].isupper() and words[0].replace("-", "").isalpha() and len(words[0]) > 2


def title_names(title: str) -> list[Name]:
    """The names a title introduces before ':' or ' -- ' ("TRAM: Bridging ...", "X and Y: ...").

    >>> [n.text for n in title_names("RS5M and GeoRSCLIP: A Dataset and A Model")]
    ['RS5M', 'GeoRSCLIP']
    """
    match = _TITLE_HEAD.match(title)
    if not match:
        return []
    head, offset = match.group(1), match.start(1)
    parts = [(head, 0)]
    pair = re.fullmatch(r"(\S+) (?:and|&) (\S+)", head)
    if pair:
        parts = [(pair.group(1), 0), (pair.group(2), pair.start(2))]
    names = [Name(text, offset + at, offset + at + len(text), "title-name") for text, at in parts
             if looks_like_name(text) and (len(parts) == 1 or is_coined(text))]
    return names if len(names) == len(parts) else []


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
                              (s_idx == 0 and l_idx > 0 and not candidate[l_idx - 1].isspace())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = candidate.rfind(" ", 0, l_idx + 1) + 1
    result = candidate[start:].strip(" ,;:(")
    if (len(result.split()) < 2 and "-" not in result) or len(result) <= len(short) \
            or len(result.split()) > len(letters) + 2:
        return None
    return result


def acronym_definitions(text: str) -> list[tuple[Name, Name]]:
    """(long form, acronym) pairs defined as "Long Form (LF)" in ``text``."""
    pairs: list[tuple[Name, Name]] = []
    if "(" not in text:
        return pairs
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


HINT_WORDS = {"naming": _NAMING_WORDS, "intro": _INTRO_WORDS, "appositive": (", a ", ", an ", ", the ", ", our ")}


def hint_kinds(lowered: str) -> set[str]:
    """Which families of cue words occur in lower-cased text: cheap substring tests that let
    callers skip the full patterns for most sentences."""
    return {kind for kind, words in HINT_WORDS.items() if any(word in lowered for word in words)}


def hint_positions(lowered: str) -> dict[str, list[int]]:
    """Every offset of every cue word of each family, by ``str.find`` (C speed, one text)."""
    found: dict[str, list[int]] = {}
    for kind, words in HINT_WORDS.items():
        for word in words:
            at = lowered.find(word)
            while at != -1:
                found.setdefault(kind, []).append(at)
                at = lowered.find(word, at + 1)
    return found


def introduced_names(sentence: str, known=lambda name: False, hints: set[str] | None = None) -> list[Name]:
    """Names a sentence says the paper introduces: "we propose X", "called X", "X, a new ...".

    ``known`` tells names of the lexicon, which an intro sentence uses rather than introduces.

    >>> [(n.text, n.alias) for n in introduced_names("We propose Base-Refine (BARE), a method.")]
    [('BARE', 'Base-Refine')]
    >>> [n.text for n in introduced_names("We propose an action-aware VLN method (A^2Nav) for robots.")]
    ['A^2Nav']
    """
    found: list[Name] = []
    lowered = lower_in_place(sentence)  # the cue patterns are lower case: ~3x faster than IGNORECASE
    if hints is None:
        hints = hint_kinds(lowered)
    if "naming" in hints:
        for match in _NAMING.finditer(lowered):
            name = sentence[match.start(1):match.end(1)]
            run = _CAPITALISED_RUN.match(sentence, match.start(1))
            if run and not is_coined(name.split()[0]):
                # "called Domain Adaptive Few-Shot Network (DAFSN)": the run is the long form
                after = _PARENS_NAME.match(sentence, run.end() + (sentence[run.end():run.end() + 1] == " "))
                if after and is_coined(after.group(1)) and not known(after.group(1)):
                    found.append(Name(after.group(1), after.start(1), after.end(1), "named-as",
                                      alias=run.group().strip()))
                continue
            if (is_coined(name.split()[0]) or looks_like_name(name)) and not known(name):
                found.append(Name(name, match.start(1), match.end(1), "named-as"))
    if "intro" in hints:
        intro = _INTRO.search(lowered)
        name = _intro_name(sentence, intro.end(), known) if intro else None
        if name:
            named_from = sentence.rfind(name.alias, intro.end(), name.start) if name.alias else -1
            if not _TASK_NOUN.search(sentence, intro.end(), named_from if named_from >= 0 else name.start):
                found.append(name)  # (not "we introduce a new task -- Hybrid Domain Adaptation (HDA)")
    if "appositive" in hints:
        for anchor in _APPOSITIVE_ANCHOR.finditer(sentence):
            token = _TOKEN_AT_END.search(sentence, max(0, anchor.start() - 48), anchor.start())
            if token and _APPOSITIVE_NOUN.match(sentence, anchor.end()) and is_coined(token.group(1)) \
                    and not known(token.group(1)) \
                    and not any(n.start <= token.start(1) < n.end for n in found) \
                    and not STRONG_COMPARE.search(lowered, max(0, token.start(1) - 80), token.start(1)):
                # (not "exceeds the performance of VeLO, the largest ...": a competitor, described)
                found.append(Name(token.group(1), token.start(1), token.end(1), "appositive"))
    return [name for name in found if not _TASK_APPOSITIVE.match(sentence, _after_name(sentence, name.end))]


# "ADU, a novel problem setting that ...": a task is named, not a method (guidelines: tasks are not entities)
_TASK_APPOSITIVE = re.compile(r",\s+an?\s+(?:(?:novel|new|challenging|practical|realistic|more \w+)\s+)*"
                              r"(?:problem setting|setting|task|problem|scenario)(?![\w-])")


_KIND_WORD_AFTER = re.compile(r" ?(?:method|framework|approach|model|network|module|algorithm|benchmark|dataset|"
                              r"pipeline|architecture|strategy|loss|system|technique|mechanism)\b")
_EVALUATION_TURN = re.compile(r"\b(?:achiev\w*|outperform\w*|surpass\w*|evaluat\w*|experiments?|results?) ")
# Between an intro verb and the name: the name is a task or a metric, not an entity (guidelines)
_TASK_NOUN = re.compile(r"\b(?:task|problem|problem setting|setting|scenario|measure|metric|criterion|criteria)s?(?![\w-])")
# Right after the name: a class of things ("two new DP methods"), not one named thing
_CLASS_AFTER = re.compile(r" (?:methods|models|approaches|techniques|strategies|algorithms|frameworks|"
                          r"task|problem|setting)\b")  # (and "the proposed ID^2 task" names a task)


def _after_name(sentence: str, end: int) -> int:
    """Where the text after a name goes on, past a closing parenthesis ("X (Y), a ...")."""
    return end + 1 if sentence[end:end + 1] == ")" else end


def _intro_name(sentence: str, pos: int, known) -> Name | None:
    """The name right after an intro verb, else the first "(Name)" of its clause, else its first coined token."""
    clause_end = len(sentence)
    for stop in (". ", "; ", " which ", " that ", " where ", " to "):
        found = sentence.find(stop, pos)
        if found != -1:
            clause_end = min(clause_end, found)
    lead = _LEAD.match(sentence, pos).end()
    head = _CAPITALISED_RUN.match(sentence, lead) or TOKEN.match(sentence, lead)
    if head and not known(head.group()) and (is_coined(head.group()) or " " in head.group().strip()):
        text = head.group().strip()
        noun = _KIND_WORD_AFTER.match(sentence, head.end())  # "Efficient Prompt Tuning method (EPT)"
        after_at = noun.end() if noun else head.end()
        after = _PARENS_NAME.match(sentence, after_at + (sentence[after_at:after_at + 1] == " "))
        if after and is_coined(after.group(1)):
            return Name(after.group(1), after.start(1), after.end(1), "we-propose-acronym", alias=text)
        if (" " not in text or looks_like_phrase_name(text)) and not _CLASS_AFTER.match(sentence, head.start() + len(text)) \
                and not re.search(r"-[a-z]{3,}$", text):  # "a 3D-aware diffusion model" describes
            return Name(text, head.start(), head.start() + len(text), "we-propose")
    for match in _PARENS_NAME.finditer(sentence, pos, clause_end + 1):
        short = match.group(1)
        if is_coined(short) and not known(short):
            expansion = long_form(short, sentence[pos:match.start()].rstrip())
            return Name(short, match.start(1), match.end(1), "we-propose-acronym", alias=expansion)
    scan_end = clause_end
    evaluation = _EVALUATION_TURN.search(sentence, pos, clause_end)
    if evaluation:  # "our proposed methodology achieves SOTA on the Mimic-IV ...": named data, not a new name
        scan_end = evaluation.start()
    for token in TOKEN.finditer(sentence, pos, scan_end):
        if token.start() - pos > 80:
            break
        text = token.group()
        if is_coined(text) and not known(text) and _not_inside_parens(sentence, token.start()) \
                and not re.search(r"-[a-z]{3,}$", text) and not _CLASS_AFTER.match(sentence, token.end()):
            # ("CLIP-based" describes, and "DP methods" classifies: neither names)
            return Name(text, token.start(), token.end(), "we-propose")
    return None


def looks_like_phrase_name(text: str) -> bool:
    """A capitalised name of three to six words ("Sample-Wise Activation Patterns"), or of two
    words in capitals ("NATURAL INSTRUCTIONS")."""
    words = text.split()
    if len(words) == 2 and text.replace("-", "").replace(" ", "").isupper():
        return True
    return 3 <= len(words) <= 6 and all(w[0].isupper() for w in words)


def component_definitions(definitions: list[tuple[Name, Name]], known=lambda name: False) -> list[Name]:
    """Acronyms a paper defines for its own parts: "a spatial correlation module (SCM)".

    ``definitions`` are a sentence's :func:`acronym_definitions`.

    >>> [n.text for n in component_definitions(acronym_definitions("a spatial correlation module (SCM)"))]
    ['SCM']
    """
    found = []
    for long_name, short in definitions:
        if long_name.text.rsplit(None, 1)[-1].lower() in _COMPONENT_NOUNS and not known(short.text) \
                and is_coined(short.text) \
                and len(short.text) >= 3:
            found.append(Name(short.text, short.start, short.end, "component-acronym", alias=long_name.text))
    return found


def _not_inside_parens(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) <= text.rfind(")", 0, pos)


_KIND_NOUN = re.compile(
    r"\b(?P<dataset>datasets?|benchmarks?|corpus|corpora|suite|test ?beds?|leaderboard|data collection)\b"
    r"|\b(?P<method>framework|method|approach|model|algorithm|technique|system|pipeline|architecture|"
    r"strategy|scheme|paradigm|network|module|mechanism|agent|recipe|objective|loss|metric|function|"
    r"optimi[sz]er|layer|policy|solver|procedure|tool)s?\b", re.IGNORECASE)


def kind_near(text: str, start: int, end: int) -> str:
    """"dataset" or "method": the kind noun nearest a name ("X, a new benchmark", "a dataset called X")."""
    after = _KIND_NOUN.search(text, end, min(len(text), end + 60))
    before = [m for m in _KIND_NOUN.finditer(text, max(0, start - 50), start)]
    candidates = []
    if after:
        candidates.append((after.start() - end, after.lastgroup))
    if before:
        candidates.append((start - before[-1].end(), before[-1].lastgroup))
    return min(candidates)[1] if candidates else "method"
