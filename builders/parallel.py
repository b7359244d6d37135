"""Extraction spread over worker processes, in input order, so any worker count gives the
same graph. Workers are forked from the caller and share its extractor (and lexicon)
instead of loading their own; results come back in input order (``Pool.imap``)."""
from __future__ import annotations

import multiprocessing
import os
from typing import Iterable, Iterator

from builders.extract import Extraction
from graph.schema import Assertion, Entity, Evidence, Paper

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


def unpack_extraction(paper_id: str, packed: tuple) -> Extraction:
    """The extraction :func:`pack_extraction` packed, for the paper ``paper_id``."""
    entities, assertions = packed
    return Extraction(
        [Entity.model_construct(id=i, kind=k, name=n, aliases=al, external_ids=x, origin=o)
         for i, k, n, al, x, o in entities],
        [Assertion.model_construct(head=h, relation=r, tail=t, evidence=Evidence.model_construct(
            paper_id=paper_id, sentence=s, start=a, end=b, field=f, rule=rule, confidence=c))
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
