"""Extraction speed on one core, as a ratio to a floor measured in the same run.

The floor is one ``\\w+`` regex pass over the same titles and abstracts. Run:

    python benchmarks/extract_speed.py [--repeat 8]

It prints abstracts per second for the floor and for the rule extractor (lexicon
matching, new names, relation cues), and extractor time / floor time. It also times
1x, 2x and 4x the corpus, to show how cost grows with input size.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builders.extract import RuleExtractor  # noqa: E402
from builders.extract.names import is_coined  # noqa: E402
from builders.lexicon import load_lexicon  # noqa: E402
from builders.pipeline import BuildReport, merge_papers  # noqa: E402
from builders.readers import read_inputs  # noqa: E402

BUNDLED = Path(__file__).resolve().parent.parent / "examples" / "data"
WORD = re.compile(r"\w+")


def floor(papers) -> float:
    started = time.perf_counter()
    for paper in papers:
        WORD.findall(paper.title)
        WORD.findall(paper.abstract)
    return time.perf_counter() - started


def extraction(papers, extractor) -> float:
    is_coined.cache_clear()  # start cold: repeated copies must not be timed on a warm cache alone
    started = time.perf_counter()
    for paper in papers:
        extractor.extract(paper)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=8, help="copies of the bundled corpus (default 8)")
    parser.add_argument("--lexicon", type=Path, action="append", default=[], help="extra lexicon directory")
    args = parser.parse_args()
    papers = merge_papers(read_inputs([BUNDLED]), BuildReport())
    extractor = RuleExtractor(load_lexicon(args.lexicon))
    extraction(papers[:50], extractor)  # warm caches
    print(f"lexicon entries: {len(extractor.lexicon)}; bundled papers: {len(papers)}")
    print(f"{'abstracts':>10} {'floor/s':>10} {'extract/s':>10} {'ratio':>7}")
    for scale in sorted({1, args.repeat // 4 or 1, args.repeat // 2 or 1, args.repeat}):
        corpus = papers * scale
        best_floor = min(floor(corpus) for _ in range(3))
        best_extract = min(extraction(corpus, extractor) for _ in range(2))
        n = len(corpus)
        print(f"{n:>10} {n / best_floor:>10.0f} {n / best_extract:>10.0f} {best_extract / best_floor:>7.1f}")


if __name__ == "__main__":
    main()
