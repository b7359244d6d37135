"""Papers in, one KnowledgeGraph out: de-duplicate, extract, assemble."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

from pathlib import Path

from builders.extract import EXTRACTORS, Extraction
from builders.lexicon import load_lexicon
from builders.parallel import extract_all
from builders.readers import BUNDLED_LISTINGS, Skipped, read_inputs
from builders.state import BuildState, extractor_fingerprint
from graph.ids import normalize_title, paper_id
from graph.kg import KnowledgeGraph
from graph.schema import Paper


class Extractor(Protocol):
    def extract(self, paper: Paper) -> Extraction: ...


@dataclass
class BuildReport:
    """What a build read, merged, skipped and made."""

    entries_read: int = 0
    duplicates_merged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    edges_below_confidence: int = 0
    abstract_conflicts: list[str] = field(default_factory=list)  # sources of one paper that disagree
    papers_extracted: int = 0  # the rest were reused from a previous build's state
    changes: dict[str, int] | None = None  # with --into: what this build added to the earlier graph
    seconds: float = 0.0


def _identity_keys(paper: Paper) -> list[str]:
    keys = [f"title:{normalize_title(paper.title)}"]
    if paper.arxiv_id:
        keys.append(f"arxiv:{paper.arxiv_id}")
    if paper.doi:
        keys.append(f"doi:{paper.doi}")
    return keys


class PaperIdentity:
    """Which input records are one paper: they share an arXiv id, a DOI, or a normalised title
    (unless their arXiv ids or DOIs differ); a record that links two groups joins them.

    Union-find over group numbers, numbered in reading order; a group's root is its first.
    """

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.ids: list[set[str]] = []  # arXiv ids and DOIs of each root's records
        self.owner: dict[str, int] = {}  # identity key -> a group holding it

    def root(self, group: int) -> int:
        while self.parent[group] != group:
            self.parent[group] = self.parent[self.parent[group]]
            group = self.parent[group]
        return group

    def add(self, record: Paper) -> tuple[int, bool]:
        """The group of ``record``, and whether it joined records read before."""
        keys = _identity_keys(record)
        record_ids = {key for key in keys if not key.startswith("title:")}
        hits: list[int] = []
        for key in keys:
            if key not in self.owner:
                continue
            root = self.root(self.owner[key])
            clash = key.startswith("title:") and any(
                mine.split(":", 1)[0] == theirs.split(":", 1)[0] and mine != theirs
                for mine in record_ids for theirs in self.ids[root])
            if root not in hits and not clash:
                hits.append(root)
        if hits:
            target = min(hits)
            for other in hits:
                self.parent[other] = target
                self.ids[target] |= self.ids[other]
        else:
            target = len(self.parent)
            self.parent.append(target)
            self.ids.append(set())
        self.ids[target] |= record_ids
        for key in keys:
            self.owner[key] = target
        return target, bool(hits)


def combine(records: list[Paper]) -> Paper:
    """One paper from every record of it: the union of what they say, the same whatever their order
    where a rule can make it so (longest abstract, fullest author list, most precise earliest date)."""
    if len(records) == 1:
        return records[0]
    first = records[0]

    def union(name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for r in records for v in getattr(r, name)))

    def first_known(name: str):
        return next((getattr(r, name) for r in records if getattr(r, name)), None)

    dates = [r.date for r in records if r.date]
    precise = max((len(d) for d in dates), default=0)
    arxiv_id, doi = first_known("arxiv_id"), first_known("doi")
    return Paper(
        id=paper_id(first.title, arxiv_id, doi), title=first.title,
        abstract=max((r.abstract for r in records), key=len), code_urls=union("code_urls"),
        sources=union("sources"), arxiv_id=arxiv_id, doi=doi, url=first_known("url"),
        date=min((d for d in dates if len(d) == precise), default=None),
        authors=max((r.authors for r in records), key=len), venue=first_known("venue"),
        categories=union("categories"))


def merge_papers(records: Iterable[Paper | Skipped], report: BuildReport) -> list[Paper]:
    """One Paper per paper (see :class:`PaperIdentity`), in first-seen order, each combined from
    its records in reading order."""
    identity = PaperIdentity()
    read: list[tuple[int, Paper]] = []
    for record in records:
        if isinstance(record, Skipped):
            report.skipped.append(record)
            continue
        report.entries_read += 1
        group, joined = identity.add(record)
        report.duplicates_merged += joined
        read.append((group, record))
    groups: dict[int, list[Paper]] = {}
    for group, record in read:
        groups.setdefault(identity.root(group), []).append(record)
    return [combine_reporting(records_of_one, report) for _, records_of_one in sorted(groups.items())]


def combine_reporting(records: list[Paper], report: BuildReport) -> Paper:
    """:func:`combine`, noting in ``report`` when the records disagree on the abstract."""
    if len({r.abstract for r in records}) > 1:
        report.abstract_conflicts.append(" / ".join(s for r in records for s in r.sources))
    return combine(records)


def build_graph(records: Iterable[Paper | Skipped], extractor: Extractor, *, min_confidence: float = 0.0,
                on_progress: Callable[[BuildReport, int], None] | None = None,
                state: BuildState | None = None, workers: int = 1,
                extract_many: Callable[[list[Paper]], Iterable[Extraction]] | None = None,
                ) -> tuple[KnowledgeGraph, BuildReport]:
    """Build the graph of ``records`` (papers and skipped entries, as readers yield them).

    ``on_progress(report, papers_done)`` is called after each paper, for a progress display.
    ``state``, if given, holds a previous build's extractions: a paper it holds unchanged
    (and made by the same extractor) is not extracted again. It is updated in place to
    this build's papers, ready to be saved for the next one. ``workers`` processes share the
    extraction; the graph is the same for any number. ``extract_many`` replaces both: it takes
    the papers to extract and yields their extractions in order (the Dask engine is one).
    """
    started = time.perf_counter()
    report = BuildReport()
    lexicon = getattr(extractor, "lexicon", None)  # an extractor without one is never reused
    fingerprint = extractor_fingerprint(lexicon) if state is not None and lexicon is not None else None
    extracted: dict[str, tuple[Paper, Extraction | None]] = {}
    for paper in merge_papers(records, report):
        extracted[paper.id] = (paper, state.reusable(paper, fingerprint) if state is not None and fingerprint else None)
    todo = [paper for paper, extraction in extracted.values() if extraction is None]
    extractions = extract_many(todo) if extract_many is not None else extract_all(extractor, todo, workers)
    for done, (paper, extraction) in enumerate(zip(todo, extractions), start=1):
        extracted[paper.id] = (paper, extraction)
        report.papers_extracted += 1
        if on_progress is not None:
            on_progress(report, done)
    if state is not None:
        state.fingerprint, state.papers = fingerprint or "", extracted
    kg = assemble(extracted.values(), min_confidence, report)
    report.seconds = time.perf_counter() - started
    return kg, report


def assemble(extracted: Iterable[tuple[Paper, Extraction]], min_confidence: float,
             report: BuildReport) -> KnowledgeGraph:
    """The graph of papers and their extractions; edges below ``min_confidence`` are counted and left out."""
    kg = KnowledgeGraph()
    for paper, extraction in extracted:
        kg.add_paper(paper)
        kept = [a for a in extraction.assertions if a.evidence.confidence >= min_confidence]
        report.edges_below_confidence += len(extraction.assertions) - len(kept)
        linked = {a.head for a in kept} | {a.tail for a in kept}
        for entity in extraction.entities:
            if entity.id in linked:
                kg.add_entity(entity)
        for assertion in kept:
            kg.add_assertion(assertion)
    return kg


def build(inputs: Iterable[str | Path] | None = None, *, lexicon: Iterable[str | Path] = (),
          min_confidence: float = 0.0, input_format: str = "auto") -> KnowledgeGraph:
    """Read files (default: the bundled listings), extract, and return the graph: one call from Python.

    ``lexicon`` names directories of extra ``*.jsonl`` entries, as ``paperkg build --lexicon`` does.
    """
    paths = [Path(p) for p in inputs] if inputs is not None else [BUNDLED_LISTINGS]
    extractor = EXTRACTORS["rules"](load_lexicon([Path(d) for d in lexicon]))
    kg, _ = build_graph(read_inputs(paths, input_format), extractor, min_confidence=min_confidence)
    return kg
