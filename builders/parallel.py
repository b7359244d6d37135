"""Extraction spread over worker processes, in input order, so any worker count gives the
same graph. Workers are forked from the caller and share its extractor (and lexicon)
instead of loading their own; results come back in input order (``Pool.imap``)."""
from __future__ import annotations

import multiprocessing
import os
from typing import Iterable, Iterator, NamedTuple

from builders.extract import Extraction
from graph.schema import EntityKind, Paper, Relation

_EXTRACTOR = None  # the extractor a forked worker inherited
CHUNK = 32  # papers per task: large enough to amortise the hand-over, small enough to balance


# Papers go out and extractions come back as plain tuples: pickling pydantic models costs
# more than the extraction saves on two cores. Both ends are built by this module alone.
def pack_extraction(extraction: Extraction) -> tuple:
    """An extraction as plain tuples, cheap to send between processes."""
    return ([(e.id, e.kind, e.name, e.aliases, e.external_ids, e.origin) for e in extraction.entities],
            [(a.head, a.relation, a.tail, a.evidence.sentence, a.evidence.start, a.evidence.end,
              a.evidence.field, a.evidence.rule, a.evidence.confidence) for a in extraction.assertions])


def _extract(job: tuple) -> tuple:
    paper_id, title, abstract = job
    return pack_extraction(_EXTRACTOR.extract(Paper.model_construct(id=paper_id, title=title, abstract=abstract)))


class SentEvidence(NamedTuple):
    """:class:`graph.schema.Evidence`'s fields, as extraction made them (not validated again)."""

    paper_id: str
    sentence: str
    start: int
    end: int
    field: str
    rule: str
    confidence: float


class SentAssertion(NamedTuple):
    """:class:`graph.schema.Assertion`'s fields, received from a worker."""

    head: str
    relation: Relation
    tail: str
    evidence: SentEvidence


class SentEntity(NamedTuple):
    """:class:`graph.schema.Entity`'s fields, received from a worker."""

    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]
    external_ids: dict[str, str]
    origin: str


def unpack_extraction(paper_id: str, packed: tuple) -> Extraction:
    """The extraction :func:`pack_extraction` packed, for the paper ``paper_id``.

    Its records are named tuples with the fields (and so the attributes) of the pydantic
    models: rebuilding pydantic objects cost the receiving process more per paper than
    unpickling, and the values were made by the extractor, not read from input.
    """
    entities, assertions = packed
    return Extraction([SentEntity(*e) for e in entities],
                      [SentAssertion(h, r, t, SentEvidence(paper_id, s, a, b, f, rule, c))
                       for h, r, t, s, a, b, f, rule, c in assertions])


def available_workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def extract_all(extractor, papers: Iterable[Paper], workers: int = 1) -> Iterator[Extraction]:
    """``extractor.extract(paper)`` for each paper, in order, on ``workers`` processes (1: in this one).

    Needs the ``fork`` start method (Linux, and macOS where it is offered) for more than one
    worker; elsewhere it says so rather than silently running on one.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers == 1:
        yield from map(extractor.extract, papers)
        return
    if "fork" not in multiprocessing.get_all_start_methods():
        raise ValueError("--workers above 1 needs the 'fork' start method, which this platform lacks; "
                         "use --workers 1 or --engine dask")
    global _EXTRACTOR
    _EXTRACTOR = extractor
    ids: list[str] = []

    def jobs():
        for paper in papers:
            ids.append(paper.id)
            yield paper.id, paper.title, paper.abstract

    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for index, packed in enumerate(pool.imap(_extract, jobs(), chunksize=CHUNK)):
                yield unpack_extraction(ids[index], packed)
    finally:
        _EXTRACTOR = None
