"""The rule extractor: one paper in, entities and evidence-carrying assertions out.

It composes the parts of this package: sentences (text), lexicon names (mentions), new
names (names) and cue-word relations (relations). Replaceable: anything with an
``extract(paper) -> Extraction`` method can stand in its place in the pipeline.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from builders.extract import names as nm
from builders.extract.mentions import Gazetteer, Match
from builders.extract.relations import AFTER_MODEL, CONFIDENCE, EXTENDS_CUE, STRONG_COMPARE, SentenceCues
from builders.extract.text import Sentence, split_sentences
from builders.lexicon import Lexicon, LexiconEntry, alias_key
from graph.ids import entity_id
from graph.schema import Assertion, Entity, EntityKind, Evidence, Paper, Relation

INTRO_CONFIDENCE = {"title-name": 0.9, "named-as": 0.9, "we-propose-acronym": 0.85,
                    "we-propose": 0.8, "appositive": 0.75, "component-acronym": 0.65}
_DATASET_SUFFIXES = ("bench", "set", "corpus", "qa", "data", "db", "eval", "arena")
# A known name followed by a size or variant part names a variant: "ConvNeXt-T", "R2R-Habitat", "T5 11B".
_VARIANT_TAIL = re.compile(r"(?:-(?:[A-Z0-9][A-Za-z0-9.]*|[a-z]{1,2}\b)(?:/\d+)?|\s(?:\d+(?:\.\d+)?[BMK]\b|v\d+(?:\.\d+)?\b))+")
_NAME_PREFIX = re.compile(r"(?<![\w-])[A-Z0-9][A-Za-z0-9]*-$")  # a capitalised part joined by '-' just before
_URL = re.compile(r"https?://\S+|\b(?:www\.|github\.com/|gitlab\.com/)\S+")
_SINGULAR_EVAL = re.compile(r"^\W{0,2}(?:benchmark|dataset|corpus|test set|leaderboard)\b")
_BACKGROUND = re.compile(r"^(?:Recently|Recent|In recent years|Traditionally|Previously|Prior|Existing|"
                         r"Conventional|Current|Most)\b|\b(?:has|have) (?:been|shown|achieved|become|emerged|"
                         r"demonstrated|made)\b|\b(?:recent|prior|previous|existing) (?:work|works|studies|methods)\b")
# Examples named in passing ("pre-trained models (e.g., CLIP, ALIGN) are competent ..."), unless a
# verb of use says the paper's own parts use them ("the parser utilizes LLMs (e.g., GPT-3)").
_EXAMPLES = re.compile(r"\(e\.g\.|\bsuch as\b")
_USE_VERB = re.compile(r"\b(?:us(?:e|es|ed|ing)|utili[sz]\w*|employ\w*|leverag\w*|adopt\w*|exploit\w*|"
                       r"buil[dt]\w* (?:up)?on|based on|fine-?tun\w*|initiali[sz]\w*|distill?\w*)\b")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s|/)\s*")  # between items of a list
_TRAILING_NUMBER = re.compile(r" \d+(?:\.\d+)?\b")
_OWN_SUBJECT = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work))\b")
_OTHERS = re.compile(r"\b(?:previous|prior|existing|compared|than|unlike|outperform\w*|surpass\w*|baselines?)\b")
_STRONGER = {Relation.INTRODUCES, Relation.USES, Relation.EVALUATES_ON, Relation.EXTENDS}


@dataclass
class Extraction:
    """What one paper yields: its entities and its assertions (several may share a triple)."""

    entities: list[Entity] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)


@dataclass
class _Found:
    """An entity found in this paper, with its surfaces so far."""

    entity_id: str
    kind: EntityKind
    name: str
    aliases: list[str]
    external_ids: dict[str, str]
    origin: str
    ambiguous: bool = False


class RuleExtractor:
    """Lexicon matching plus cue rules; no model weights, thousands of abstracts a second."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.gazetteer = Gazetteer(lexicon)

    def extract(self, paper: Paper) -> Extraction:
        return _PaperRun(self, paper).run()


class _PaperRun:
    """The state of extracting one paper: found entities and assertions so far."""

    def __init__(self, extractor: RuleExtractor, paper: Paper) -> None:
        self.gazetteer = extractor.gazetteer
        self.lexicon = extractor.lexicon
        self.paper = paper
        self.sentences = [Sentence("title", 0, len(paper.title), paper.title),
                          *split_sentences(paper.abstract)]
        self.context = f"{paper.title} {paper.abstract}".lower()
        self.found: dict[str, _Found] = {}
        self.by_key: dict[str, str] = {}  # alias key of a new name -> entity id
        self.assertions: list[Assertion] = []
        self.introduced: list[str] = []
        self.introduced_in: dict[str, Sentence] = {}  # where each new name was first seen

    # -- helpers --------------------------------------------------------------------
    def _assert(self, head: str, relation: Relation, tail: str, sentence: Sentence, rule: str,
                confidence: float) -> None:
        if relation is Relation.EVALUATES_ON and tail in self.found and self.found[tail].kind is not EntityKind.DATASET:
            relation = Relation.USES  # only datasets are evaluated on (the SHACL shapes hold us to it)
        # Built from values this class made itself, so validation is skipped here (it costs
        # a fifth of extraction); the graph's boundary and the tests check the same contract.
        evidence = Evidence.model_construct(
            paper_id=self.paper.id, sentence=sentence.text, start=sentence.start, end=sentence.end,
            field=sentence.field, rule=rule, confidence=round(confidence, 3))
        self.assertions.append(Assertion.model_construct(head=head, relation=relation, tail=tail,
                                                         evidence=evidence))

    def _add_lexicon(self, entry: LexiconEntry, surface: str, ambiguous: bool = False) -> str:
        found = self.found.get(entry.id)
        if found is None:
            found = self.found[entry.id] = _Found(entry.id, entry.kind, entry.name, [], dict(entry.external_ids),
                                                  "lexicon", ambiguous)
        if surface not in found.aliases:
            found.aliases.append(surface)
        return entry.id

    def _add_new(self, name: str, kind: EntityKind) -> str:
        key = alias_key(name)
        if key in self.by_key:
            return self.by_key[key]
        node_id = entity_id(kind.value, name)
        self.found[node_id] = _Found(node_id, kind, name, [name], {}, "text")
        self.by_key[key] = node_id
        return node_id

    def _choose(self, match: Match) -> tuple[LexiconEntry, bool]:
        """The entry a match means; the bool says the context could not decide."""
        if len(match.entries) == 1:
            return match.entries[0], False
        scored = sorted(((sum(cue in self.context for cue in e.context), e.id, e) for e in match.entries),
                        key=lambda t: (-t[0], t[1]))
        return scored[0][2], scored[0][0] == scored[1][0]

    # -- steps ----------------------------------------------------------------------
    def run(self) -> Extraction:
        self._introduced_names()
        self._lexicon_mentions()
        self._extends_by_name()
        self._extends_between_new_names()
        entities = [Entity(id=f.entity_id, kind=f.kind, name=f.name, aliases=tuple(f.aliases),
                           external_ids=f.external_ids, origin=f.origin) for f in self.found.values()]
        return Extraction(entities, _drop_weak_duplicates(self.assertions))

    def _known(self, text: str) -> bool:
        return bool(self.lexicon.lookup(text))

    def _introduced_names(self) -> None:
        candidates: list[tuple[nm.Name, Sentence]] = []
        for title in nm.title_names(self.paper.title):
            if self._known(title.text):
                self._title_names_known(title)
            else:
                candidates.append((title, self.sentences[0]))
        abstract_sentences = self.sentences[1:]
        starts = [s.start for s in abstract_sentences]
        hints: list[set[str]] = [set() for _ in abstract_sentences]
        definitions: dict[int, list[tuple[nm.Name, nm.Name]]] = {}  # by sentence start
        for kind, positions in nm.hint_positions(self.paper.abstract.lower()).items():
            for at in positions:
                hints[max(0, bisect_right(starts, at) - 1)].add(kind)
        for sentence, sentence_hints in zip(abstract_sentences, hints):
            if sentence_hints:
                candidates.extend((name, sentence) for name in
                                  nm.introduced_names(sentence.text, self._known, sentence_hints))
            if "(" in sentence.text:
                definitions[sentence.start] = nm.acronym_definitions(sentence.text)
                candidates.extend((name, sentence) for name in
                                  nm.component_definitions(definitions[sentence.start], self._known))
        for name, sentence in candidates:
            kind = self._new_kind(name, sentence.text)
            node_id = self._add_new(name.text, kind)
            if name.alias:
                self._bind_alias(node_id, name.alias)
            if node_id not in self.introduced:
                self.introduced.append(node_id)
                self.introduced_in[node_id] = sentence
            self._assert(self.paper.id, Relation.INTRODUCES, node_id, sentence, name.rule,
                         INTRO_CONFIDENCE[name.rule])
        # Bind expansions defined anywhere to the introduced names they abbreviate.
        for sentence in self.sentences if self.by_key else ():
            pairs = definitions.get(sentence.start) if sentence.field == "abstract" else None
            for long_name, short in nm.acronym_definitions(sentence.text) if pairs is None else pairs:
                node_id = self.by_key.get(alias_key(short.text))
                if node_id:
                    self._bind_alias(node_id, long_name.text)

    def _title_names_known(self, title: nm.Name) -> None:
        """A title headed by a known name ("ZeRO: Memory Optimizations ...") introduces that entity."""
        entries = self.lexicon.lookup(title.text)
        if len(entries) != 1:
            return
        if entries[0].kind is EntityKind.MODEL:
            # What a paper proposes is a method unless it is a dataset (annotation guidelines),
            # even when others later use it as a model: a node of its own, never a merge across kinds.
            node_id = self._add_new(entries[0].name, EntityKind.METHOD)
            self.found[node_id].external_ids.update(entries[0].external_ids)
        else:
            node_id = self._add_lexicon(entries[0], title.text)
        self.introduced.append(node_id)
        self._assert(self.paper.id, Relation.INTRODUCES, node_id, self.sentences[0], f"title-name+lexicon:{node_id}",
                     0.8)

    def _bind_alias(self, node_id: str, alias: str) -> None:
        found = self.found[node_id]
        if alias not in found.aliases:
            found.aliases.append(alias)
        self.by_key.setdefault(alias_key(alias), node_id)

    def _new_kind(self, name: nm.Name, sentence: str) -> EntityKind:
        if _has_dataset_suffix(name.text):
            return EntityKind.DATASET
        return EntityKind(nm.kind_near(sentence, name.start, name.end))

    def _by_sentence(self) -> list[tuple[Sentence, list[Match], list[tuple[int, int, str]]]]:
        """Lexicon matches and coined tokens of each sentence, found in one pass per field.

        One scan of the whole abstract costs far less than one per sentence; offsets are
        made relative to their sentence afterwards.
        """
        out = []
        for field, text in (("title", self.paper.title), ("abstract", self.paper.abstract)):
            sentences = [s for s in self.sentences if s.field == field]
            starts = [s.start for s in sentences]
            matches: list[list[Match]] = [[] for _ in sentences]
            coined: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
            urls = [m.span() for m in _URL.finditer(text)] if "://" in text else []
            for match in self.gazetteer.find(text):
                if urls and any(a <= match.start < b for a, b in urls):
                    continue  # "github.com/SwinTransformer/AiT" names a repository, not a model
                i = bisect_right(starts, match.start) - 1
                if i >= 0 and match.end <= sentences[i].end:
                    shift = sentences[i].start
                    matches[i].append(Match(match.start - shift, match.end - shift, match.surface, match.entries))
            for start, end, token in nm.coined_tokens(text):
                if urls and any(a <= start < b for a, b in urls):
                    continue
                i = bisect_right(starts, start) - 1
                if i >= 0 and end <= sentences[i].end:
                    coined[i].append((start - sentences[i].start, end - sentences[i].start, token))
            out.extend(zip(sentences, matches, coined))
        return out

    def _lexicon_mentions(self) -> None:
        for sentence, matches, coined in self._by_sentence():
            if not matches and not coined:
                continue
            cues = SentenceCues(sentence.text, until=max([m.start for m in matches] + [c[0] for c in coined]))
            covered: list[tuple[int, int]] = []
            dataset_spans: list[tuple[int, int]] = []
            for match in matches:
                entry, ambiguous = self._choose(match)
                if alias_key(match.surface) in self.by_key:
                    continue  # the paper's own new name shadows a lexicon alias
                if entry.kind is EntityKind.DATASET and _NAME_PREFIX.search(sentence.text, max(0, match.start - 30),
                                                                           match.start):
                    continue  # "C-GQA", "R2R-Habitat": another dataset named after this one (a model so
                    # compounded, "ViT-VQGAN", "SAM-UNet", is built on it: kept)
                variant = _VARIANT_TAIL.match(sentence.text, match.end)
                if variant and alias_key(match.surface + variant.group()) in self.by_key:
                    continue  # "COCO-DR", "ImageNet-X": the paper's own new name, linked by introduces
                if variant and not self.lexicon.lookup(match.surface + variant.group()):
                    surface = match.surface + variant.group()
                    node_id = self._add_new(surface, entry.kind)
                    origin_rule = f"variant-of:{entry.id}"
                    end = variant.end()
                else:
                    node_id = self._add_lexicon(entry, match.surface, ambiguous)
                    origin_rule = f"lexicon:{entry.id}"
                    end = match.end
                covered.append((match.start, end))
                if entry.kind is EntityKind.DATASET:
                    dataset_spans.append((match.start, end))
                relation, rule = cues.classify(match.start, end, entry.kind)
                if relation is Relation.USES and entry.kind is not EntityKind.DATASET and _is_background(sentence.text):
                    relation, rule = Relation.MENTIONS, "background"  # related work, not this paper's own use
                confidence = CONFIDENCE[rule] * (0.5 if ambiguous else 1.0)
                self._assert(self.paper.id, relation, node_id, sentence, f"{rule}+{origin_rule}", confidence)
                if relation in (Relation.USES, Relation.MENTIONS) and entry.kind is not EntityKind.DATASET:
                    if self._extends_by_cue(node_id, sentence, match.start, ambiguous) and \
                            relation is Relation.MENTIONS:
                        self._assert(self.paper.id, Relation.USES, node_id, sentence,
                                     f"cue-extends+{origin_rule}", 0.55 * (0.5 if ambiguous else 1.0))
            self._coined_mentions(sentence, cues, coined, covered, dataset_spans)

    def _coined_mentions(self, sentence: Sentence, cues: SentenceCues, coined: list[tuple[int, int, str]],
                         covered: list[tuple[int, int]], dataset_spans: list[tuple[int, int]]) -> None:
        """Coined names outside the lexicon, kept only where a cue says what they are."""
        text = sentence.text
        for start, end, name in coined:
            if any(s < end and start < e for s, e in covered) or re.search(r"-[a-z]{3,}$", name):
                continue  # inside a known name; or "MoE-related", which describes rather than names
            if alias_key(name) in self.by_key or self.lexicon.lookup(name) or len(alias_key(name)) < 3:
                continue  # the paper's own names are linked by introduces already
            after = text[end:end + 40].lower()
            number = _TRAILING_NUMBER.match(text, end)
            listed = any(_LIST_GAP.fullmatch(text[(number.end() if number else end):a])
                         or _LIST_GAP.fullmatch(text[b:start]) for a, b in dataset_spans)
            if listed and number:  # "Common Voice and TED-LIUM 3": the number is part of the name
                name, end = name + number.group(), number.end()
            if _SINGULAR_EVAL.match(after) or _has_dataset_suffix(name) or listed:
                kind = EntityKind.DATASET
            elif AFTER_MODEL.match(after):
                kind = EntityKind.MODEL
            else:
                kind = EntityKind.METHOD
            relation, rule = cues.classify(start, end, kind)
            if kind is EntityKind.METHOD and not (relation is Relation.COMPARES_WITH and
                                                  STRONG_COMPARE.search(text[max(0, start - 80):start].lower())):
                continue  # an unknown acronym with no clear competitor cue is more often a task than a method
            node_id = self._add_new(name, kind)
            self._assert(self.paper.id, relation, node_id, sentence, f"{rule}+coined-name",
                         CONFIDENCE[rule] * 0.8)

    def _extends_by_cue(self, node_id: str, sentence: Sentence, start: int, ambiguous: bool) -> bool:
        """The paper's own method "builds on / adapts / is a version of" the model or method named next."""
        heads = [n for n in self.introduced if self.found[n].kind is EntityKind.METHOD]
        if not heads or not EXTENDS_CUE.search(sentence.text[max(0, start - 50):start].lower()):
            return False
        # The derivation must be the paper's own ("we", "our" or one of its new names in the
        # sentence), and not said of a competitor ("the previous best CLIP model based on ViT").
        text = sentence.text
        if not (_OWN_SUBJECT.search(text) or any(self.found[n].name in text for n in heads)) \
                or _OTHERS.search(text[max(0, start - 80):start].lower()):
            return False
        self._assert(heads[0], Relation.EXTENDS, node_id, sentence, "cue-extends", 0.55 * (0.5 if ambiguous else 1.0))
        return True

    def _extends_between_new_names(self) -> None:
        """One new name described through another: "CoNeTTE, an unbiased CNext-trans model"."""
        names = {node_id: self.found[node_id].name for node_id in self.introduced
                 if self.found[node_id].kind is EntityKind.METHOD}
        for sentence in self.sentences[1:]:
            for tail, tail_name in names.items():
                at = sentence.text.find(tail_name)
                if at <= 0 or not EXTENDS_CUE.search(sentence.text[max(0, at - 50):at].lower()):
                    continue
                heads = [(sentence.text.find(n), h) for h, n in names.items() if h != tail]
                heads = [(pos, h) for pos, h in heads if 0 <= pos < at]
                if heads:
                    head = max(heads)[1]  # the nearest new name before
                    self._assert(head, Relation.EXTENDS, tail, sentence, "cue-extends-new", 0.5)

    def _extends_by_name(self) -> None:
        """An introduced name, or its long form, built from a known one (RankT5 from T5, CLIPood from
        CLIP, "Efficient Prompt Tuning (EPT)" from Prompt Tuning)."""
        for node_id in self.introduced:
            new = self.found[node_id]
            new_keys = {alias_key(surface) for surface in (new.name, *new.aliases)}
            for other in list(self.found.values()):
                other_key = alias_key(other.name)
                if other.origin != "lexicon" or other.kind is EntityKind.DATASET or other.entity_id == node_id \
                        or other_key in new_keys:
                    continue  # (a name is not derived from itself, whatever its long form holds)
                if len(other_key) >= 2 and any(
                        other_key != key and (key.startswith(other_key) or key.endswith(other_key)) for key in new_keys):
                    self._assert(node_id, Relation.EXTENDS, other.entity_id,
                                 self.introduced_in.get(node_id, self.sentences[0]), "derived-name", 0.7)


def _is_background(sentence: str) -> bool:
    """A sentence about the field rather than this paper: "Recently, X has been ..." with no "we"/"our"."""
    if _OWN_SUBJECT.search(sentence) is not None:
        return False
    return _BACKGROUND.search(sentence) is not None or (
        _EXAMPLES.search(sentence) is not None and _USE_VERB.search(sentence.lower()) is None)


def _has_dataset_suffix(name: str) -> bool:
    """Names built like datasets: "LiveCodeBench", "NAS-Bench-201", "How2QA" (not a bare "IQA")."""
    lowered = name.lower().replace("-", "")
    return any(lowered.endswith(s) and len(lowered) - len(s) >= 2 for s in _DATASET_SUFFIXES) \
        or re.search(r"bench\d+$", lowered) is not None


def _drop_weak_duplicates(assertions: list[Assertion]) -> list[Assertion]:
    """Keep a ``mentions`` edge only for an entity the paper has no stronger edge to."""
    strong = {(a.head, a.tail) for a in assertions if a.relation in _STRONGER}
    return [a for a in assertions if a.relation is not Relation.MENTIONS or (a.head, a.tail) not in strong]
