"""Extraction spread over worker processes, in input order, so any worker count gives the
same graph. Workers are forked from the caller and share its extractor (and lexicon)
instead of loading their own; results come back in input order (``Pool.imap``)."""
from __future__ import annotations

import multiprocessing
import os
from typing import Iterable, Iterator

from builders.extract import Extraction
from graph.schema import Paper

_EXTRACTOR = None  # the extractor a forked worker inherited
CHUNK = 32  # papers per task: large enough to amortise the hand-over, small enough to balance


def _extract(paper: Paper) -> Extraction:
    return _EXTRACTOR.extract(paper)


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
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_extract, papers, chunksize=CHUNK)
    finally:
        _EXTRACTOR = None
