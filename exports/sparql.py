"""Read-only, offline SPARQL over an exported RDF file, with pyoxigraph.

pyoxigraph answers a GROUP BY over a million triples ~20x faster than rdflib (FACTS.md;
``benchmarks/sparql_engines.py`` measures both here). The query is refused before it runs
when it asks for a remote endpoint (SERVICE) or is an update (INSERT, DELETE, LOAD, ...);
a time limit and a row limit bound what it may cost.
"""
from __future__ import annotations

import re
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from exports.rdf import PREFIXES  # pkg:, skos:, dcterms:, prov:, ... need no PREFIX lines

RDF_SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
                ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".rdf": ox.RdfFormat.RDF_XML}
_STRINGS_AND_COMMENTS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_FORBIDDEN = re.compile(r"\b(SERVICE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", re.IGNORECASE)


class QueryRefused(ValueError):
    """A query paperkg will not run: remote, an update, too slow or malformed."""


@dataclass
class Answer:
    """Rows of a SELECT (``variables`` + ``rows`` as strings), a boolean for ASK, or triples."""

    variables: list[str]
    rows: list[list[str | None]]
    boolean: bool | None = None
    truncated: bool = False


def check(query: str) -> None:
    """Refuse remote and update queries, naming the keyword (strings, IRIs and comments ignored)."""
    bare = _STRINGS_AND_COMMENTS.sub(" ", query)
    found = _FORBIDDEN.search(bare)
    if found:
        word = found.group(1).upper()
        why = "it would call a remote endpoint" if word == "SERVICE" else "paperkg sparql is read-only"
        raise QueryRefused(f"{word} is not allowed: {why}; use SELECT, ASK, CONSTRUCT or DESCRIBE")


def load(path: str | Path) -> ox.Store:
    """An in-memory store of one RDF file (a build directory finds its graph.ttl or graph.nt)."""
    path = Path(path)
    if path.is_dir():
        path = next((path / n for n in ("graph.ttl", "graph.nt", "graph.jsonld") if (path / n).exists()), path)
    if path.suffix not in RDF_SUFFIXES:
        raise ValueError(f"{path}: not an RDF file; give one of {sorted(RDF_SUFFIXES)} or a build directory")
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file; run 'paperkg build' first")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=RDF_SUFFIXES[path.suffix])
    except SyntaxError as err:
        raise ValueError(f"{path}: not valid RDF ({err})") from None
    return store


STORE_MARK = "paperkg-store.json"  # beside the database files: says the directory is ours


def check_store_target(directory: str | Path) -> Path:
    """``directory`` if a store may be written there (new, empty, or a paperkg store), else ValueError."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or (any(directory.iterdir())
                                                          and not (directory / STORE_MARK).exists())):
        raise ValueError(f"{directory}: exists and is not a paperkg store; give a new or empty directory")
    return directory


def write_store(source, directory: str | Path, base: str | None = None, created: str | None = None) -> None:
    """An on-disk Oxigraph store in ``directory`` of ``source``: a KnowledgeGraph, or the path of
    an N-Triples export (loaded as a stream). Built beside the target and swapped in whole: a
    failure leaves the old store."""
    from exports import rdf

    directory = check_store_target(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        store = ox.Store(str(staging / "db"))
        if isinstance(source, (str, Path)):
            store.bulk_load(path=str(source), format=ox.RdfFormat.N_TRIPLES)
        else:
            store.bulk_load("".join(rdf.ntriples_lines(source, base or rdf.DEFAULT_BASE, created)).encode("utf-8"),
                            format=ox.RdfFormat.N_TRIPLES)
        store.optimize()
        del store  # closes the database
        (staging / STORE_MARK).write_text('{"format": "paperkg-store", "version": 1}\n', encoding="utf-8")
        old = directory.with_name(f".{directory.name}.old")
        if directory.exists():
            os.replace(directory, old)
        os.replace(staging, directory)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def open_store(directory: str | Path) -> ox.Store:
    """A store written by :func:`write_store`, opened read-only."""
    directory = Path(directory)
    if not (directory / STORE_MARK).exists():
        raise FileNotFoundError(f"{directory}: no paperkg store here; write one with 'paperkg build --store DIR'")
    return ox.Store.read_only(str(directory / "db"))


def _term(term) -> str | None:
    if term is None:
        return None
    return term.value if hasattr(term, "value") else str(term)


def run(store: ox.Store, query: str, limit: int = 10_000, timeout: float = 30.0) -> Answer:
    """Run a read-only query; at most ``limit`` rows, at most ``timeout`` seconds."""
    check(query)
    outcome: dict = {}

    def work() -> None:
        try:
            result = store.query(query, prefixes=PREFIXES)
            if isinstance(result, ox.QueryBoolean):
                outcome["answer"] = Answer([], [], boolean=bool(result))
                return
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                rows, truncated = [], False
                for solution in result:
                    if len(rows) == limit:
                        truncated = True
                        break
                    rows.append([_term(solution[name]) for name in names])
                outcome["answer"] = Answer(names, rows, truncated=truncated)
                return
            rows, truncated = [], False  # CONSTRUCT / DESCRIBE: triples as rows
            for triple in result:
                if len(rows) == limit:
                    truncated = True
                    break
                rows.append([str(triple.subject), str(triple.predicate), str(triple.object)])
            outcome["answer"] = Answer(["subject", "predicate", "object"], rows, truncated=truncated)
        except (SyntaxError, ValueError, OSError) as err:
            outcome["error"] = err

    worker = threading.Thread(target=work, daemon=True)  # a daemon: an overlong query dies with the process
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryRefused(f"query still running after {timeout:g} s (raise --timeout to wait longer)")
    if "error" in outcome:
        raise QueryRefused(f"query failed: {outcome['error']}")
    return outcome["answer"]


def format_answer(answer: Answer, fmt: str = "table") -> str:
    """``table`` (aligned text), ``csv`` or ``json`` (SPARQL 1.1 JSON results)."""
    import csv
    import io
    import json

    if answer.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer.boolean})
        return "true" if answer.boolean else "false"
    if fmt == "json":
        bindings = [{v: {"type": "literal", "value": x} for v, x in zip(answer.variables, row) if x is not None}
                    for row in answer.rows]
        return json.dumps({"head": {"vars": answer.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(answer.variables)
        writer.writerows([["" if x is None else x for x in row] for row in answer.rows])
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown result format {fmt!r}; choose from ['csv', 'json', 'table']")
    cells = [answer.variables] + [["" if x is None else " ".join(x.split()) for x in row] for row in answer.rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(answer.variables))]
    lines = ["  ".join(c[:60].ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    footer = f"({len(answer.rows)} rows{', truncated at --limit' if answer.truncated else ''})"
    return "\n".join(lines + [footer])
