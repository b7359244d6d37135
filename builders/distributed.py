"""Extraction on a Dask cluster (``paperkg build --engine dask``).

The client reads and merges the inputs (identity needs every record), sends papers to the
workers in batches as plain tuples, and gets the extractions back in input order, so the
graph equals the one the local path builds. Each worker process loads the lexicon once
(from the shipped data plus the ``--lexicon`` directories, which must be readable on the
workers) and keeps its extractor between batches. See docs/scaling.md for running it on a
real cluster.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from builders.extract import Extraction
from builders.parallel import pack_extraction, unpack_extraction
from graph.schema import Paper

BATCH = 256  # papers per task: a task should run for a fraction of a second or more
_WORKER_EXTRACTORS: dict[tuple[str, ...], object] = {}  # per worker process, by lexicon directories


def _extract_batch(lexicon_dirs: tuple[str, ...], batch: list[tuple[str, str, str]]) -> list[tuple]:
    extractor = _WORKER_EXTRACTORS.get(lexicon_dirs)
    if extractor is None:
        from builders.extract import EXTRACTORS
        from builders.lexicon import load_lexicon

        extractor = _WORKER_EXTRACTORS[lexicon_dirs] = EXTRACTORS["rules"](load_lexicon([Path(d) for d in lexicon_dirs]))
    return [pack_extraction(extractor.extract(Paper.model_construct(id=i, title=t, abstract=a)))
            for i, t, a in batch]


def extract_on_dask(papers: Iterable[Paper], lexicon_dirs: Iterable[Path], scheduler: str | None = None,
                    workers: int = 2) -> Iterator[Extraction]:
    """Extractions of ``papers``, in order, computed on the Dask cluster at ``scheduler``
    (or on a local cluster of ``workers`` processes when no address is given)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("--engine dask needs Dask: pip install 'paperkg[dask]'") from None
    papers = list(papers)
    dirs = tuple(str(Path(d).resolve()) for d in lexicon_dirs)
    batches = [[(p.id, p.title, p.abstract) for p in papers[i:i + BATCH]] for i in range(0, len(papers), BATCH)]
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            futures = client.map(_extract_batch, [dirs] * len(batches), batches, pure=False)
            for batch, future in zip(batches, futures):  # in submission order
                for paper_id, packed in zip((i for i, _, _ in batch), future.result()):
                    yield unpack_extraction(paper_id, packed)
    finally:
        if cluster is not None:
            cluster.close()
