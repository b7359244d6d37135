"""paperkg at every size: synthetic corpora of 10k, 100k (and, on request, 1M) abstracts.

    python benchmarks/scale.py [--sizes 10000,100000] [--stream-sizes 1000000] [--workers 2] [--keep DIR]

Each corpus is deterministic: paper j recombines two bundled abstracts (the first half of
one, the second half of another) and renames every name the titles introduce with a
per-copy suffix, so papers, new entities and edges all grow with the corpus while the
lexicon's datasets and models are shared, as in real literature. It is written as JSON
Lines and read back by the JSONL reader.

Per size, in one run: the floor (one ``\\w+`` regex pass over the same titles and
abstracts), extraction on one core and on ``--workers`` cores, each export, a SPARQL
GROUP BY over the N-Triples (pyoxigraph), and the whole ``paperkg build`` as a child
process (wall time, peak memory). It prints abstracts/s, the ratio to the floor and how
each grows with size. ``--stream-sizes`` measures only what scales to millions: the floor
and ``paperkg build --stream --format nt,graphml --store`` (wall, peak memory), then a
GROUP BY over the on-disk store.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builders.extract import RuleExtractor  # noqa: E402
from builders.extract.names import title_names  # noqa: E402
from builders.extract.text import split_sentences  # noqa: E402
from builders.lexicon import load_lexicon  # noqa: E402
from builders.parallel import extract_all  # noqa: E402
from builders.pipeline import BuildReport, assemble, merge_papers  # noqa: E402
from builders.readers import BUNDLED_LISTINGS, read_inputs  # noqa: E402

WORD = re.compile(r"\w+")
GROUP_BY = (ROOT / "examples" / "queries" / "03_most_used_datasets.rq").read_text(encoding="utf-8")


def _suffix(copy: int) -> str:
    digits = "abcdefghijklmnopqrstuvwxyz"
    text = ""
    copy += 1
    while copy:
        copy, rest = divmod(copy - 1, 26)
        text = digits[rest] + text
    return text.capitalize()


def write_corpus(path: Path, size: int) -> None:
    """``size`` synthetic papers as JSON Lines (see the module doc)."""
    base = merge_papers(read_inputs([BUNDLED_LISTINGS]), BuildReport())
    parts = []
    for paper in base:
        sentences = [s.text for s in split_sentences(paper.abstract)]
        half = (len(sentences) + 1) // 2
        names = sorted({n.text for n in title_names(paper.title)}, key=len, reverse=True)
        parts.append((paper.title, sentences[:half], sentences[half:], names))
    n = len(parts)
    with path.open("w", encoding="utf-8") as out:
        for j in range(size):
            copy, i = divmod(j, n)
            title, head, _, names = parts[i]
            _, _, tail, partner_names = parts[(i * 7 + copy) % n]
            abstract = " ".join(head + tail)
            suffix = _suffix(copy) if copy else ""
            for name in (names + partner_names) if suffix else ():
                renamed = name + suffix
                title, abstract = title.replace(name, renamed), abstract.replace(name, renamed)
            if copy and not names:
                title = f"{title} ({suffix})"
            out.write(json.dumps({"id": f"synthetic-{j}", "title": title, "abstract": abstract}) + "\n")


def papers_of(path: Path):
    return (p for p in read_inputs([path], "jsonl"))


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def floor(path: Path) -> float:
    """Seconds of one ``\\w+`` pass over every title and abstract (reading not counted)."""
    spent = 0.0
    for paper in papers_of(path):
        started = time.perf_counter()
        WORD.findall(paper.title)
        WORD.findall(paper.abstract)
        spent += time.perf_counter() - started
    return spent


def extraction_one_core(path: Path, extractor) -> tuple[float, list]:
    """Seconds of extraction alone (reading not counted), and the extractions."""
    spent, results = 0.0, []
    for paper in papers_of(path):
        started = time.perf_counter()
        results.append(extractor.extract(paper))
        spent += time.perf_counter() - started
    return spent, results


def measure(size: int, workers: int, keep: Path | None) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"paperkg-scale-{size}-", dir=keep))
    corpus = tmp / "corpus.jsonl"
    write_corpus(corpus, size)
    row = {"size": size}
    row["floor"] = floor(corpus)
    extractor = RuleExtractor(load_lexicon())
    row["extract"], extractions = extraction_one_core(corpus, extractor)
    papers = list(papers_of(corpus))
    row["extract_workers"], _ = timed(lambda: sum(1 for _ in extract_all(extractor, papers, workers)))
    del papers
    papers = merge_papers(papers_of(corpus), BuildReport())
    kg = assemble(zip(papers, extractions), 0.0, BuildReport())
    del extractions, papers
    import exports

    out = tmp / "out"
    out.mkdir()
    for name in ("ttl", "nt", "jsonld", "graphml", "html"):
        row[f"export {name}"], _ = timed(lambda: exports.exporter(name)(kg, out / exports.file_name(name)))
    row["nodes"], row["edges"] = kg.nx.number_of_nodes(), kg.nx.number_of_edges()
    del kg
    import pyoxigraph as ox

    store = ox.Store()
    row["sparql load"], _ = timed(lambda: store.bulk_load(path=str(out / "graph.nt"), format=ox.RdfFormat.N_TRIPLES))
    row["sparql group by"], _ = timed(lambda: list(store.query(GROUP_BY)))
    del store
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    row["build"], done = timed(lambda: subprocess.run(
        [sys.executable, "-m", "builders.cli", "build", str(corpus), "--out", str(tmp / "build"),
         "--format", "nt,graphml", "--workers", str(workers)], cwd=ROOT, capture_output=True, text=True))
    if done.returncode != 0:
        raise SystemExit(f"build of {size} failed: {done.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    row["build peak MB"] = max(peak, before) / 1024  # ru_maxrss is KiB on Linux
    if keep is None:
        import shutil

        shutil.rmtree(tmp)
    return row


def measure_stream(size: int, workers: int, keep: Path | None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f"paperkg-stream-{size}-", dir=keep))
    corpus = tmp / "corpus.jsonl"
    write_corpus(corpus, size)
    floor_seconds = floor(corpus)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    wall, done = timed(lambda: subprocess.run(
        [sys.executable, "-m", "builders.cli", "build", str(corpus), "--out", str(tmp / "build"), "--stream",
         "--format", "nt,graphml", "--workers", str(workers)], cwd=ROOT, capture_output=True, text=True))
    if done.returncode != 0:
        raise SystemExit(f"stream build of {size} failed: {done.stderr}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    import pyoxigraph as ox

    from exports.sparql import open_store, write_store

    store_seconds, _ = timed(lambda: write_store(tmp / "build" / "graph.nt", tmp / "store"))
    store = open_store(tmp / "store")
    query_seconds, _ = timed(lambda: list(store.query(GROUP_BY)))
    sizes = {p.name: p.stat().st_size for p in (tmp / "build").iterdir()}
    print(f"\n{size:,} abstracts, streamed ({workers} workers):", flush=True)
    print(f"  floor (\\w+ pass)        {floor_seconds:8.2f} s  {size / floor_seconds:10,.0f} abstracts/s")
    print(f"  paperkg build --stream --format nt,graphml: {wall:8.1f} s wall "
          f"({size / wall:,.0f} abstracts/s, {wall / floor_seconds:.0f}x the floor), peak {peak:,.0f} MB")
    print("  " + done.stdout.strip().splitlines()[-1])
    print("  files: " + ", ".join(f"{name} {n / 1e9:.2f} GB" for name, n in sorted(sizes.items())))
    print(f"  on-disk store (the --store step): loaded in {store_seconds:.1f} s; GROUP BY {query_seconds:.2f} s",
          flush=True)
    if keep is None:
        import shutil

        shutil.rmtree(tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes (1000000 for 1M)")
    parser.add_argument("--stream-sizes", default="", help="sizes to measure with build --stream only (e.g. 1000000)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep corpora and outputs under this directory")
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.stream_sizes.split(",") if s):
        measure_stream(size, args.workers, args.keep)
    for size in (int(s) for s in args.sizes.split(",") if s):
        row = measure(size, args.workers, args.keep)
        rows.append(row)
        n = row["size"]
        print(f"\n{n:,} abstracts: {row['nodes']:,} nodes, {row['edges']:,} edges", flush=True)
        print(f"  floor (\\w+ pass)        {row['floor']:8.2f} s  {n / row['floor']:10,.0f} abstracts/s")
        print(f"  extract, 1 core          {row['extract']:8.2f} s  {n / row['extract']:10,.0f} abstracts/s"
              f"  ratio to floor {row['extract'] / row['floor']:5.1f}")
        print(f"  extract, {args.workers} workers       {row['extract_workers']:8.2f} s  "
              f"{n / row['extract_workers']:10,.0f} abstracts/s  speed-up {row['extract'] / row['extract_workers']:4.2f}")
        for key in [k for k in row if k.startswith(("export", "sparql"))]:
            print(f"  {key:24} {row[key]:8.2f} s")
        print(f"  paperkg build (nt,graphml, {args.workers} workers) {row['build']:8.2f} s wall, "
              f"peak {row['build peak MB']:,.0f} MB", flush=True)
    if len(rows) > 1:
        print("\ngrowth from the smallest to the largest size (1.0 = linear):")
        first, last = rows[0], rows[-1]
        scale = last["size"] / first["size"]
        for key in [k for k in first if k not in ("size", "nodes", "edges", "build peak MB")]:
            print(f"  {key:24} {last[key] / max(first[key], 1e-9) / scale:5.2f}")


if __name__ == "__main__":
    main()
