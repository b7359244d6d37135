"""pyoxigraph vs rdflib on the exported graph: load time and query time, same queries.

    python benchmarks/sparql_engines.py [--scale 100]

Graphs: the bundled export, and a synthetic one ``--scale`` times larger made by copying
every triple with its paperkg resource IRIs renamed per copy (so the shape and the query
answers grow linearly). Queries: three of examples/queries (a GROUP BY ranking, a
co-usage self-join, a transitive property path). Prints seconds per engine and the ratio.
"""
from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402
import rdflib  # noqa: E402

from builders import build  # noqa: E402
from exports import rdf  # noqa: E402

QUERIES = ["03_most_used_datasets.rq", "05_datasets_used_together.rq", "02_what_extends_clip.rq"]
QUERY_DIR = Path(__file__).resolve().parent.parent / "examples" / "queries"


def scaled(source: Path, target: Path, scale: int) -> int:
    """N-Triples ``scale`` copies of ``source``, resource IRIs renamed per copy; returns the triple count."""
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    base = rdf.DEFAULT_BASE
    with target.open("w", encoding="utf-8") as out:
        for copy in range(scale):
            renamed = base + f"c{copy}/"
            for line in lines:
                out.write(line.replace(base, renamed) + "\n")
    return len(lines) * scale


def timed(fn):
    gc.collect()
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def measure(path: Path, fmt_rdflib: str, fmt_ox: ox.RdfFormat) -> list[tuple[str, float, float]]:
    rows = []
    t_rl, graph = timed(lambda: rdflib.Graph().parse(path, format=fmt_rdflib))
    store = ox.Store()
    t_ox, _ = timed(lambda: store.bulk_load(path=str(path), format=fmt_ox))
    rows.append(("load", t_rl, t_ox))
    for name in QUERIES:
        text = (QUERY_DIR / name).read_text(encoding="utf-8")
        t_rl, a = timed(lambda: list(graph.query(text)))
        t_ox, b = timed(lambda: list(store.query(text)))
        assert len(a) == len(b), name
        rows.append((name, t_rl, t_ox))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        kg = build()
        rdf.write_ntriples(kg, tmp / "graph.nt")
        rdf.write(kg, tmp / "graph.ttl")
        bundled_triples = sum(1 for line in (tmp / "graph.nt").open() if line.strip())
        big = scaled(tmp / "graph.nt", tmp / "big.nt", args.scale)
        for label, path, triples, fmt_rl, fmt_ox in (
                ("bundled (Turtle)", tmp / "graph.ttl", bundled_triples, "turtle", ox.RdfFormat.TURTLE),
                (f"{args.scale}x synthetic (N-Triples)", tmp / "big.nt", big, "nt", ox.RdfFormat.N_TRIPLES)):
            print(f"\n{label}: {triples:,} triples")
            print(f"  {'step':32} {'rdflib s':>10} {'pyoxigraph s':>13} {'ratio':>7}")
            for step, t_rl, t_ox in measure(path, fmt_rl, fmt_ox):
                print(f"  {step:32} {t_rl:10.3f} {t_ox:13.3f} {t_rl / max(t_ox, 1e-6):7.1f}")


if __name__ == "__main__":
    main()
