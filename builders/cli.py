"""``paperkg``: the command line, a thin shell over plain functions.

The one composition root: it alone imports builders, exports and graph together.
Exit codes: 0 ok, 1 input errors (anything skipped, or nothing readable), 2 usage errors,
130 interrupted (Ctrl-C or SIGTERM; earlier outputs are left intact).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from typing import Iterator
from datetime import datetime, timezone
import sys
import time
from pathlib import Path

import exports
from builders.extract import EXTRACTORS
from builders.evaluate import evaluate, format_report
from builders.lexicon import LexiconError, entries_to_jsonl, load_lexicon
from builders.parallel import available_workers
from builders.pipeline import BuildReport, build_graph
from builders.pwc import convert
from builders.readers import BUNDLED_LISTINGS, READERS, InputError, read_inputs
from builders.state import STATE_NAME, BuildState
from graph.files import write_atomic
from builders import terminal
from graph.kg import KnowledgeGraph
from graph.query import NotFound

SNAPSHOT_NAME = "graph.json"
EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _formats(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    for name in names:
        if name not in exports.FORMATS:
            raise argparse.ArgumentTypeError(f"unknown format {name!r}; choose from {sorted(exports.FORMATS)}")
    return names


def _base_iri(text: str) -> str:
    from exports.rdf import check_base

    try:
        return check_base(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _kinds(text: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    valid = ("paper", "method", "dataset", "model")
    for kind in kinds:
        if kind not in valid:
            raise argparse.ArgumentTypeError(f"unknown kind {kind!r}; choose from {list(valid)}")
    return kinds


def _workers(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"workers must be 0 (one per core) or more, not {value}")
    return value or available_workers()


def _confidence(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"confidence must be between 0 and 1, not {value}")
    return value


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="paperkg", description="Build a knowledge graph of ML papers, "
                                  "methods, datasets and models from paper listings.")
    commands = top.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="read listings, extract, write the graph")
    build.add_argument("inputs", nargs="*", type=Path, help="listing files or directories "
                       f"(default: the bundled listings in {BUNDLED_LISTINGS})")
    build.add_argument("--out", type=Path, default=Path("out"), help="output directory (default: out/)")
    build.add_argument("--into", type=Path, metavar="DIR",
                       help="add the inputs to the build in DIR: papers already there are not extracted "
                            "again, and DIR's outputs are rewritten (instead of --out)")
    build.add_argument("--format", type=_formats, default=None,
                       help=f"comma-separated formats from {sorted(exports.FORMATS)} (default: ttl,graphml,html; "
                            "with --into also every format already in DIR)")
    build.add_argument("--input-format", choices=["auto", *sorted(READERS)], default="auto",
                       help="reader for every input (default: told per file by content and suffix)")
    build.add_argument("--store", type=Path, metavar="DIR",
                       help="also load the graph into an on-disk Oxigraph store in DIR, for "
                            "'paperkg sparql --store DIR' over graphs too big to load per query")
    build.add_argument("--engine", choices=["local", "dask"], default="local",
                       help="where extraction runs: this machine (local, default) or a Dask cluster")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 "
                            "(default: a local cluster of --workers processes)")
    build.add_argument("--stream", action="store_true",
                       help="for millions of abstracts: write N-Triples and GraphML as papers are extracted, "
                            "never holding the whole graph (no snapshot, state or HTML page)")
    build.add_argument("--workers", type=_workers, default=1, metavar="N",
                       help="extract on N processes (0: one per core); the graph is the same for any N")
    build.add_argument("--strict", action="store_true",
                       help="stop at the first unreadable file or skipped entry, writing nothing "
                            "(default: skip it, report it, build the rest, exit 1)")
    build.add_argument("--lexicon", type=Path, action="append", default=[], metavar="DIR",
                       help="a directory of *.jsonl lexicon entries added to the shipped ones (repeatable)")
    build.add_argument("--min-confidence", type=_confidence, default=0.0,
                       help="drop edges less confident than this (0-1, default 0)")
    rdf = build.add_argument_group("RDF output (ttl, nt, jsonld)")
    rdf.add_argument("--base-iri", type=_base_iri, default="https://w3id.org/paperkg/resource/",
                     help="IRI prefix of papers and entities (default https://w3id.org/paperkg/resource/)")
    rdf.add_argument("--created", action="store_true",
                     help="record the creation time in the VoID description (outputs then differ run to run)")
    page = build.add_argument_group("the HTML page's view (other formats always hold the whole graph)")
    page.add_argument("--focus", metavar="NAME", help="draw only the neighbourhood of this entity or paper")
    page.add_argument("--depth", type=int, default=1, help="neighbourhood depth for --focus (default 1)")
    page.add_argument("--kinds", type=_kinds, default=(), help="comma-separated node kinds to draw "
                      "(paper, method, dataset, model)")
    page.add_argument("--min-degree", type=int, default=0, help="draw only nodes with at least this many edges")
    page.add_argument("--max-nodes", type=int, default=4000,
                      help="draw at most this many nodes, the most connected first (default 4000)")
    evaluate = commands.add_parser("eval", help="score a build against a gold file (per type, relation, rule)")
    evaluate.add_argument("gold", type=Path, help="gold annotations, JSON Lines (e.g. shared/eval/dev_gold.jsonl)")
    evaluate.add_argument("--graph", type=Path, default=None,
                          help="a build directory or graph.json to score (default: build the inputs now)")
    evaluate.add_argument("inputs", nargs="*", type=Path, help="listings to build when --graph is not given")
    evaluate.add_argument("--lexicon", type=Path, action="append", default=[], metavar="DIR")
    evaluate.add_argument("--min-confidence", type=_confidence, default=0.0)
    evaluate.add_argument("--input-format", choices=["auto", *sorted(READERS)], default="auto")
    evaluate.add_argument("--summary", action="store_true", help="scores only, no list of misses")
    evaluate.add_argument("--json", action="store_true", help="scores as JSON")
    for name, help_text in (("show", "an entity's or paper's card: links by relation, with evidence"),
                            ("stats", "counts, and the top entities of each kind"),
                            ("path", "how two entities or papers connect")):
        sub = commands.add_parser(name, help=help_text)
        if name == "show":
            sub.add_argument("name", help="an entity name or alias, a paper title, or a node id")
        if name == "path":
            sub.add_argument("a")
            sub.add_argument("b")
        if name == "stats":
            sub.add_argument("--top", type=int, default=10, help="entities listed per kind (default 10)")
        sub.add_argument("--graph", type=Path, default=Path("out"),
                         help="a build directory, graph.json or .graphml (default: out/)")
        sub.add_argument("--json", action="store_true", help="print JSON for scripts")
    sparql = commands.add_parser("sparql", help="run a read-only SPARQL query over an exported RDF file")
    sparql.add_argument("graph", type=Path, nargs="?", default=None,
                        help="graph.ttl / graph.nt / graph.jsonld, or a build directory (default out/)")
    sparql.add_argument("--store", type=Path, metavar="DIR",
                        help="query the on-disk store 'paperkg build --store DIR' wrote instead of a file")
    sparql.add_argument("query", help="the query text, or @FILE.rq")
    sparql.add_argument("--format", dest="result_format", choices=["table", "csv", "json"], default="table")
    sparql.add_argument("--limit", type=int, default=10_000, help="at most this many rows (default 10000)")
    sparql.add_argument("--timeout", type=float, default=30.0, help="give up after this many seconds (default 30)")
    pwc = commands.add_parser("import-pwc", help="turn Papers with Code datasets.json / methods.json into "
                              "lexicon entries for --lexicon")
    pwc.add_argument("files", nargs="+", type=Path, help="datasets.json / methods.json (.gz accepted)")
    pwc.add_argument("--out", type=Path, required=True, help="directory to write pwc.jsonl into")
    return top


def run_import_pwc(args: argparse.Namespace) -> str:
    entries, counts = convert(args.files, load_lexicon())
    write_atomic(args.out / "pwc.jsonl", entries_to_jsonl(entries))
    lines = [f"{what}: {n}" for what, n in sorted(counts.items())]
    return "\n".join(lines + [f"wrote {len(entries)} entries to {args.out / 'pwc.jsonl'}"])


def run_eval(args: argparse.Namespace) -> str:
    if args.graph is not None:
        kg = KnowledgeGraph.load(args.graph)
    else:
        extractor = EXTRACTORS["rules"](load_lexicon(args.lexicon))
        records = read_inputs(args.inputs or [BUNDLED_LISTINGS], args.input_format)
        kg, _ = build_graph(records, extractor, min_confidence=args.min_confidence)
    report = evaluate(kg, args.gold)
    if args.json:
        return json.dumps(report.as_dict(), indent=1)
    return format_report(report, details=not args.summary)


def run_sparql(args: argparse.Namespace) -> str:
    from exports import sparql

    text = args.query
    if text.startswith("@"):
        text = Path(text[1:]).read_text(encoding="utf-8")
    sparql.check(text)  # refuse before loading anything
    if args.store and args.graph:
        raise ValueError("give either a graph file or --store DIR, not both")
    store = sparql.open_store(args.store) if args.store else sparql.load(args.graph or Path("out"))
    answer = sparql.run(store, text, limit=args.limit, timeout=args.timeout)
    return sparql.format_answer(answer, args.result_format)


def run_question(args: argparse.Namespace) -> str:
    """``show``, ``stats`` and ``path`` over the last build."""
    kg = KnowledgeGraph.load(args.graph)
    if args.command == "show":
        result, render = terminal.card(kg, args.name), terminal.card_text
    elif args.command == "stats":
        result, render = terminal.stats(kg, args.top), terminal.stats_text
    else:
        result, render = terminal.path(kg, args.a, args.b), terminal.path_text
    return json.dumps(result, indent=1, ensure_ascii=False) if args.json else render(result)


def _created(args: argparse.Namespace) -> str | None:
    """The creation time for the VoID description, only with --created (outputs stay deterministic)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if args.created else None


def _formats_to_write(args: argparse.Namespace, out: Path) -> list[str]:
    if args.format is not None:
        return args.format
    formats = list(exports.DEFAULT_FORMATS)
    if args.into:  # keep every output of the earlier build current
        formats += [name for name in sorted(exports.FORMATS)
                    if name not in formats and (out / exports.file_name(name)).exists()]
    return formats


def run_build(args: argparse.Namespace) -> tuple[KnowledgeGraph, BuildReport, list[Path]]:
    """Read, extract and write every requested format plus the snapshot and the state into
    ``args.out`` (or ``args.into``, adding to the build there)."""
    started = time.perf_counter()
    lexicon = load_lexicon(args.lexicon)
    extractor = EXTRACTORS["rules"](lexicon)
    out = args.into or args.out
    if args.store:
        from exports.sparql import check_store_target

        check_store_target(args.store)  # before any work
    records = read_inputs(args.inputs or [BUNDLED_LISTINGS], args.input_format, strict=args.strict)
    previous = None
    if args.into:
        if not args.inputs:
            raise ValueError("--into needs the new inputs to add, e.g. paperkg build new.jsonl --into out")
        state = BuildState.load(out / STATE_NAME)
        previous = KnowledgeGraph.load(out / SNAPSHOT_NAME)
        records = itertools.chain((paper for paper, _ in state.papers.values()), records)
    else:
        state = BuildState("")
    progress = terminal.Progress()
    try:
        extract_many = None
        if args.engine == "dask":
            from builders.distributed import extract_on_dask

            def extract_many(papers):
                return extract_on_dask(papers, args.lexicon, args.scheduler, max(args.workers, 2))
        elif args.scheduler:
            raise ValueError("--scheduler needs --engine dask")
        kg, report = build_graph(records, extractor, min_confidence=args.min_confidence, on_progress=progress,
                                 state=state, workers=args.workers, extract_many=extract_many)
    finally:
        progress.close()
    if previous is not None:
        report.entries_read -= previous.counts()["nodes"].get("paper", 0)
        report.changes = changes(previous, kg)
    if report.entries_read == 0 and report.skipped:
        first = report.skipped[0]
        raise InputError(first.source.rpartition(":")[0], 0, f"no paper could be read; {len(report.skipped)} "
                         f"skipped, the first: {first.source}: {first.reason}")
    files = {out / exports.file_name(name): name for name in _formats_to_write(args, out)}
    files[out / SNAPSHOT_NAME], files[out / STATE_NAME] = "snapshot", "state"
    with staged(out) as staging:
        for path, name in files.items():
            target = staging / path.name
            if name == "snapshot":
                kg.save(target)
            elif name == "state":
                state.save(target)
            elif name == "html":
                from exports.html import View  # the page alone can draw a part of the graph

                view = View(focus=args.focus, depth=args.depth, kinds=args.kinds, min_degree=args.min_degree,
                            max_nodes=args.max_nodes)
                exports.exporter(name)(kg, target, view=view)
            elif name in exports.RDF_FORMATS:
                created = _created(args)
                exports.exporter(name)(kg, target, base=args.base_iri, created=created)
            else:
                exports.exporter(name)(kg, target)
    written = list(files)
    if args.store:
        from exports.sparql import write_store

        created = _created(args)
        write_store(kg, args.store, base=args.base_iri, created=created)
        written.append(args.store)
    report.seconds = time.perf_counter() - started
    return kg.counts(), report, written


def run_stream_build(args: argparse.Namespace) -> tuple[dict, BuildReport, list[Path]]:
    """``build --stream``: N-Triples and GraphML written as the papers are extracted, without
    holding the graph (for millions of abstracts); no snapshot, state or HTML page."""
    from builders.stream import stream_build
    from exports.streaming import STREAM_FORMATS, Fanout

    started = time.perf_counter()
    formats = args.format or ["nt", "graphml"]
    unsupported = [f for f in formats if f not in STREAM_FORMATS]
    if unsupported or args.into or args.engine != "local":
        raise ValueError(f"--stream writes only {sorted(STREAM_FORMATS)} (not {unsupported}), "
                         "and works with neither --into nor --engine dask")
    if args.store:
        from exports.sparql import check_store_target

        check_store_target(args.store)
    extractor = EXTRACTORS["rules"](load_lexicon(args.lexicon))
    inputs = args.inputs or [BUNDLED_LISTINGS]
    created = _created(args)
    progress = terminal.Progress()
    with staged(args.out) as staging:
        writers = [STREAM_FORMATS[name](staging / exports.file_name(name), **(
            {"base": args.base_iri, "created": created} if name == "nt" else {})) for name in formats]
        sink = Fanout(writers)
        try:
            report = stream_build(lambda: read_inputs(inputs, args.input_format, strict=args.strict), extractor,
                                  sink, min_confidence=args.min_confidence, workers=args.workers,
                                  on_progress=progress)
            if report.entries_read == 0 and report.skipped:
                raise InputError(report.skipped[0].source.rpartition(":")[0], 0,
                                 f"no paper could be read; the first skipped: {report.skipped[0].reason}")
            sink.close()
        except BaseException:
            sink.abort()
            raise
        finally:
            progress.close()
        if args.store and "nt" in formats:
            from exports.sparql import write_store

            write_store(staging / "graph.nt", args.store)
    written = [args.out / exports.file_name(name) for name in formats] + ([args.store] if args.store else [])
    report.seconds = time.perf_counter() - started
    return sink.counts(), report, written


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A staging directory inside ``out`` for a whole set of outputs: on success every file
    is renamed into ``out`` (one rename each, after all are complete); on any failure or
    interrupt the staging directory is removed and ``out`` keeps its previous outputs."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".paperkg-staging-", dir=out))
    try:
        yield staging
        for path in sorted(staging.iterdir()):
            os.replace(path, out / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def changes(before: KnowledgeGraph, after: KnowledgeGraph) -> dict[str, int]:
    """What a build added to (or took from) the graph it started from."""
    def split(kg: KnowledgeGraph) -> tuple[dict, set, set]:
        papers = {n: d for n, d in kg.nx.nodes(data=True) if d["type"] == "paper"}
        entities = {n for n, d in kg.nx.nodes(data=True) if d["type"] != "paper"}
        edges = {(h, d["relation"], t) for h, t, d in kg.nx.edges(data=True)}
        return papers, entities, edges

    old_papers, old_entities, old_edges = split(before)
    new_papers, new_entities, new_edges = split(after)
    return {"papers added": len(new_papers.keys() - old_papers.keys()),
            "papers updated": sum(1 for p in new_papers.keys() & old_papers.keys() if new_papers[p] != old_papers[p]),
            "papers removed": len(old_papers.keys() - new_papers.keys()),
            "entities added": len(new_entities - old_entities),
            "entities removed": len(old_entities - new_entities),
            "edges added": len(new_edges - old_edges), "edges removed": len(old_edges - new_edges)}


def summary(counts: dict[str, dict[str, int]], report: BuildReport, written: list[Path]) -> str:
    """What a build did, for the terminal; ``counts`` as :meth:`KnowledgeGraph.counts` gives them."""
    entities = {k: v for k, v in counts["nodes"].items() if k != "paper"}
    lines = [
        f"entries read: {report.entries_read}, duplicates merged: {report.duplicates_merged}, "
        f"skipped: {len(report.skipped)}",
        f"papers extracted: {report.papers_extracted} (the others reused from the earlier build)"
        if report.changes is not None else None,
        "changes: " + ", ".join(f"{k} {v}" for k, v in report.changes.items()) if report.changes is not None else None,
        f"papers: {counts['nodes'].get('paper', 0)}",
        "entities: " + ", ".join(f"{k} {v}" for k, v in entities.items()) + f" (total {sum(entities.values())})",
        "edges: " + ", ".join(f"{k} {v}" for k, v in counts["edges"].items()),
    ]
    if report.edges_below_confidence:
        lines.append(f"edges below --min-confidence, dropped: {report.edges_below_confidence}")
    lines = [line for line in lines if line is not None]
    lines += [f"same paper, different abstracts (kept the longest): {c}" for c in report.abstract_conflicts]
    lines += [f"skipped {s.source}: {s.reason}" for s in report.skipped]
    lines.append("wrote: " + ", ".join(str(p) for p in written))
    lines.append(f"seconds: {report.seconds:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # so a terminated build cleans up like Ctrl-C
    try:
        if args.command == "build":
            counts, report, written = run_stream_build(args) if args.stream else run_build(args)
            print(summary(counts, report, written))
            if report.skipped:
                print(f"paperkg: {len(report.skipped)} unreadable file(s) or entries skipped (listed above); "
                      "the graph holds the rest", file=sys.stderr)
                return EXIT_INPUT
        elif args.command == "eval":
            print(run_eval(args))
        elif args.command == "import-pwc":
            print(run_import_pwc(args))
        elif args.command in ("show", "stats", "path"):
            print(run_question(args))
        elif args.command == "sparql":
            print(run_sparql(args))
    except (InputError, LexiconError, ValueError, FileNotFoundError, NotFound) as err:
        print(f"paperkg: error: {err}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("paperkg: interrupted; earlier outputs are left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
