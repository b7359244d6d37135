"""Papers in, one KnowledgeGraph out: de-duplicate, extract, assemble."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

from pathlib import Path

from builders.extract import EXTRACTORS, Extraction
from builders.lexicon import load_lexicon
from builders.readers import BUNDLED_LISTINGS, Skipped, read_inputs
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
    seconds: float = 0.0


def merge_papers(records: Iterable[Paper | Skipped], report: BuildReport) -> list[Paper]:
    """One Paper per id, in first-seen order, remembering every listing that named it."""
    papers: dict[str, Paper] = {}
    for record in records:
        if isinstance(record, Skipped):
            report.skipped.append(record)
            continue
        report.entries_read += 1
        seen = papers.get(record.id)
        if seen is None:
            papers[record.id] = record
            continue
        report.duplicates_merged += 1
        papers[record.id] = seen.model_copy(update={
            "sources": seen.sources + tuple(s for s in record.sources if s not in seen.sources),
            "code_urls": seen.code_urls + tuple(u for u in record.code_urls if u not in seen.code_urls),
            "abstract": seen.abstract or record.abstract,
        })
    return list(papers.values())


def build_graph(records: Iterable[Paper | Skipped], extractor: Extractor, *, min_confidence: float = 0.0,
                on_progress: Callable[[BuildReport, int], None] | None = None) -> tuple[KnowledgeGraph, BuildReport]:
    """Build the graph of ``records`` (papers and skipped entries, as readers yield them).

    ``on_progress(report, papers_done)`` is called after each paper, for a progress display.
    """
    started = time.perf_counter()
    report = BuildReport()
    kg = KnowledgeGraph()
    for done, paper in enumerate(merge_papers(records, report), start=1):
        kg.add_paper(paper)
        extraction = extractor.extract(paper)
        kept = [a for a in extraction.assertions if a.evidence.confidence >= min_confidence]
        report.edges_below_confidence += len(extraction.assertions) - len(kept)
        linked = {a.head for a in kept} | {a.tail for a in kept}
        for entity in extraction.entities:
            if entity.id in linked:
                kg.add_entity(entity)
        for assertion in kept:
            kg.add_assertion(assertion)
        if on_progress is not None:
            on_progress(report, done)
    report.seconds = time.perf_counter() - started
    return kg, report


def build(inputs: Iterable[str | Path] | None = None, *, lexicon: Iterable[str | Path] = (),
          min_confidence: float = 0.0, input_format: str = "auto") -> KnowledgeGraph:
    """Read files (default: the bundled listings), extract, and return the graph: one call from Python.

    ``lexicon`` names directories of extra ``*.jsonl`` entries, as ``paperkg build --lexicon`` does.
    """
    paths = [Path(p) for p in inputs] if inputs is not None else [BUNDLED_LISTINGS]
    extractor = EXTRACTORS["rules"](load_lexicon([Path(d) for d in lexicon]))
    kg, _ = build_graph(read_inputs(paths, input_format), extractor, min_confidence=min_confidence)
    return kg
