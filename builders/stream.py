"""A build that never holds the whole graph: for corpora of millions of abstracts.

The inputs are read twice. The first pass keeps only identity keys (arXiv id, DOI,
normalised title) and how many records each paper has; the second hands each paper on as
soon as its last record is read (so only papers with several records are ever buffered),
extracts in bounded chunks, and passes every node and edge to a sink as soon as it is
final. A paper's edges to entities never merge across papers and go out at once; entities
(whose aliases merge across papers) and edges between entities are kept, and go out at the
end. Same graph as :func:`builders.pipeline.build_graph`, in input order instead of sorted.
"""
from __future__ import annotations

import itertools
from typing import Callable, Iterable, Iterator, Protocol

from builders.parallel import extract_all
from builders.pipeline import BuildReport, PaperIdentity, assemble, combine_reporting
from builders.readers import Skipped
from graph.kg import KnowledgeGraph
from graph.schema import Paper

CHUNK = 10_000  # papers extracted at a time: bounds what is in flight


class Sink(Protocol):
    def node(self, node_id: str, data: dict) -> None: ...
    def edge(self, head: str, tail: str, data: dict) -> None: ...


def stream_papers(read: Callable[[], Iterable[Paper | Skipped]], report: BuildReport) -> Iterator[Paper]:
    """Merged papers, each as soon as its last record is read; ``read()`` must give the same
    records each time it is called (it is called twice)."""
    identity = PaperIdentity()
    group_of: list[int] = []  # record number -> its group when it was read
    for record in read():
        if isinstance(record, Skipped):
            report.skipped.append(record)
            continue
        report.entries_read += 1
        group, joined = identity.add(record)
        report.duplicates_merged += joined
        group_of.append(group)
    identity.owner.clear()  # the keys are no longer needed; the groups are
    remaining: dict[int, int] = {}
    for group in group_of:
        root = identity.root(group)
        remaining[root] = remaining.get(root, 0) + 1
    waiting: dict[int, list[Paper]] = {}
    number = 0
    for record in read():
        if isinstance(record, Skipped):
            continue
        root = identity.root(group_of[number])
        number += 1
        waiting.setdefault(root, []).append(record)
        remaining[root] -= 1
        if remaining[root] == 0:
            yield combine_reporting(waiting.pop(root), report)


def stream_build(read: Callable[[], Iterable[Paper | Skipped]], extractor, sink: Sink, *,
                 min_confidence: float = 0.0, workers: int = 1,
                 on_progress: Callable[[BuildReport, int], None] | None = None) -> BuildReport:
    """Read, extract and hand every node and edge of the graph to ``sink``, in bounded memory."""
    report = BuildReport()
    shared = KnowledgeGraph()  # entities and the edges between them: they merge across papers
    papers = stream_papers(read, report)
    done = 0
    while chunk := list(itertools.islice(papers, CHUNK)):
        for paper, extraction in zip(chunk, extract_all(extractor, chunk, workers)):
            own = assemble([(paper, extraction)], min_confidence, report)  # this paper's part of the graph
            report.papers_extracted += 1
            sink.node(paper.id, own.nx.nodes[paper.id])
            for head, tail, data in own.nx.edges(data=True):
                if head == paper.id:
                    sink.edge(head, tail, data)
            for entity in extraction.entities:
                if entity.id in own.nx:
                    shared.add_entity(entity)
            for assertion in extraction.assertions:
                if assertion.head != paper.id and assertion.evidence.confidence >= min_confidence:
                    shared.add_assertion(assertion)
            done += 1
            if on_progress is not None:
                on_progress(report, done)
    for node_id, data in shared.nx.nodes(data=True):
        sink.node(node_id, data)
    for head, tail, data in shared.nx.edges(data=True):
        sink.edge(head, tail, data)
    return report
