"""pyoxigraph vs rdflib on the exported graph: load time and query time, same queries.

    python benchmarks/sparql_engines.py [--scale 100]

Graphs: the bundled export, and a synthetic one ``--scale`` times larger made by copying
every triple with its paperkg resource IRIs renamed per copy (so the shape and the query
answers grow linearly). Queries: three of examples/queries (a GROUP BY ranking, a
co-usage self-join, a transitive property path). Prints seconds per engine and the ratio;
rdflib runs in a child process stopped after ``--rdflib-budget`` seconds per graph.
"""
from __future__ import annotations

import argparse
import gc
import multiprocessing
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


def oxigraph_times(path: Path, fmt: ox.RdfFormat) -> tuple[dict[str, float], dict[str, int]]:
    store = ox.Store()
    times = {"load": timed(lambda: store.bulk_load(path=str(path), format=fmt))[0]}
    rows = {}
    for name in QUERIES:
        text = (QUERY_DIR / name).read_text(encoding="utf-8")
        times[name], answer = timed(lambda: list(store.query(text)))
        rows[name] = len(answer)
    return times, rows


def rdflib_times(path: Path, fmt: str, out) -> None:
    """Runs in a child process so a time budget can stop it; sends (step, seconds, rows) as it goes."""
    seconds, graph = timed(lambda: rdflib.Graph().parse(path, format=fmt))
    out.send(("load", seconds, 0))
    for name in QUERIES:
        text = (QUERY_DIR / name).read_text(encoding="utf-8")
        seconds, answer = timed(lambda: list(graph.query(text)))
        out.send((name, seconds, len(answer)))
    out.close()


def measure(path: Path, fmt_rdflib: str, fmt_ox: ox.RdfFormat, budget: float) -> list[tuple[str, float | None, float]]:
    """Seconds per step for both engines; rdflib steps not done within ``budget`` seconds are None."""
    ox_times, ox_rows = oxigraph_times(path, fmt_ox)
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=rdflib_times, args=(path, fmt_rdflib, send))
    child.start()
    send.close()
    rdflib_seconds: dict[str, float] = {}
    deadline = time.monotonic() + budget
    while len(rdflib_seconds) < len(ox_times) and receive.poll(max(0.0, deadline - time.monotonic())):
        try:
            step, seconds, rows = receive.recv()
        except EOFError:
            break
        assert step == "load" or rows == ox_rows[step], f"{step}: engines disagree"
        rdflib_seconds[step] = seconds
    child.kill()
    child.join()
    return [(step, rdflib_seconds.get(step), ox_times[step]) for step in ox_times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--rdflib-budget", type=float, default=600.0,
                        help="seconds rdflib may take per graph before it is stopped (default 600)")
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
            for step, t_rl, t_ox in measure(path, fmt_rl, fmt_ox, args.rdflib_budget):
                if t_rl is None:
                    print(f"  {step:32} {'> budget':>10} {t_ox:13.3f} {'-':>7}", flush=True)
                else:
                    print(f"  {step:32} {t_rl:10.3f} {t_ox:13.3f} {t_rl / max(t_ox, 1e-6):7.1f}", flush=True)


if __name__ == "__main__":
    main()
