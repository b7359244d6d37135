"""Writers that take a graph one node and one edge at a time (the streaming build), so
memory does not grow with the graph: N-Triples and GraphML.

Same triples and attributes as the whole-graph exporters, in the order they arrive
instead of sorted; the GraphML keys are declared up front for every attribute paperkg
writes. Both write through temporary files, renamed into place by ``close``.
"""
from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from exports import rdf
from exports.text import clean_text

# (for, name, GraphML type) of every attribute the graph's nodes and edges may carry
GRAPHML_KEYS = [("node", name, "string") for name in (
    "type", "label", "title", "abstract", "code_urls", "sources", "arxiv_id", "doi", "url", "date", "authors",
    "venue", "categories", "aliases", "external_ids", "origin")] + [
    ("edge", "relation", "string"), ("edge", "paper", "string"), ("edge", "sentence", "string"),
    ("edge", "start", "long"), ("edge", "end", "long"), ("edge", "field", "string"), ("edge", "rule", "string"),
    ("edge", "confidence", "double"), ("edge", "support", "long")]
_KEY_ID = {(kind, name): f"d{i}" for i, (kind, name, _) in enumerate(GRAPHML_KEYS)}


class NTriplesWriter:
    """N-Triples, line by line; the rules and the VoID description come last."""

    def __init__(self, path: str | os.PathLike, base: str = rdf.DEFAULT_BASE, created: str | None = None) -> None:
        rdf.check_base(base)
        self.path, self.base, self.created = Path(path), base, created
        self.partial = self.path.with_name(f".{self.path.name}.partial")
        self.handle = self.partial.open("w", encoding="utf-8", newline="\n")
        self.lines, self.rules, self.kinds = 0, {}, Counter()

    def _write(self, triples) -> None:
        self.handle.writelines(f"{s} {p} {o} .\n" for s, p, o in triples)
        self.lines += len(triples)

    def node(self, node_id: str, data: dict) -> None:
        self.kinds[data["type"]] += 1
        self._write(rdf.node_triples(self.base, node_id, data))

    def edge(self, head: str, tail: str, data: dict) -> None:
        self.rules[rdf.rule_iri(self.base, data["rule"])] = data["rule"]
        self._write(rdf.edge_triples(self.base, head, tail, data))

    def close(self) -> None:
        self._write(rdf.rule_triples(dict(sorted(self.rules.items()))))
        self._write(rdf.void_triples(self.base, dict(sorted(self.kinds.items())), self.lines, self.created))
        self.handle.close()
        os.replace(self.partial, self.path)

    def abort(self) -> None:
        self.handle.close()
        self.partial.unlink(missing_ok=True)


def _value(value) -> str | None:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value or None
    return str(value)


class GraphMLWriter:
    """GraphML: nodes and edges go to two temporary files, joined under the key declarations
    at the end (GraphML wants every node before the edges in readers such as igraph)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.parts = [self.path.with_name(f".{self.path.name}.{part}.partial") for part in ("nodes", "edges")]
        self.nodes, self.edges = (p.open("w", encoding="utf-8", newline="\n") for p in self.parts)
        self.edge_count = 0

    @staticmethod
    def _data(kind: str, attributes: dict) -> str:
        cells = []
        for name, value in sorted(attributes.items()):
            text = _value(value)
            if text is not None and (kind, name) in _KEY_ID:
                cells.append(f'  <data key="{_KEY_ID[kind, name]}">{escape(clean_text(text))}</data>\n')
        return "".join(cells)

    def node(self, node_id: str, data: dict) -> None:
        self.nodes.write(f"<node id={quoteattr(node_id)}>\n{self._data('node', data)}</node>\n")

    def edge(self, head: str, tail: str, data: dict) -> None:
        self.edges.write(f"<edge source={quoteattr(head)} target={quoteattr(tail)} id=\"e{self.edge_count}\">\n"
                         f"{self._data('edge', data)}</edge>\n")
        self.edge_count += 1

    def close(self) -> None:
        self.nodes.close()
        self.edges.close()
        partial = self.path.with_name(f".{self.path.name}.partial")
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            out.write("<?xml version='1.0' encoding='utf-8'?>\n"
                      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                      'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
            for kind, name, kind_type in GRAPHML_KEYS:
                out.write(f'<key id="{_KEY_ID[kind, name]}" for="{kind}" attr.name="{name}" attr.type="{kind_type}"/>\n')
            out.write('<graph edgedefault="directed">\n')
            for part in self.parts:
                with part.open(encoding="utf-8") as source:
                    shutil.copyfileobj(source, out, 1 << 20)
            out.write("</graph>\n</graphml>\n")
        os.replace(partial, self.path)
        self.abort()

    def abort(self) -> None:
        for handle in (self.nodes, self.edges):
            handle.close()
        for part in self.parts:
            part.unlink(missing_ok=True)


STREAM_FORMATS = {"nt": NTriplesWriter, "graphml": GraphMLWriter}


class Fanout:
    """One sink that hands every node and edge to several writers."""

    def __init__(self, writers: list) -> None:
        self.writers = writers
        self.nodes, self.edges = Counter(), Counter()

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes by type and edges by relation, as :meth:`KnowledgeGraph.counts` gives them."""
        return {"nodes": dict(sorted(self.nodes.items())), "edges": dict(sorted(self.edges.items()))}

    def node(self, node_id: str, data: dict) -> None:
        self.nodes[data["type"]] += 1
        for writer in self.writers:
            writer.node(node_id, data)

    def edge(self, head: str, tail: str, data: dict) -> None:
        self.edges[data["relation"]] += 1
        for writer in self.writers:
            writer.edge(head, tail, data)

    def close(self) -> None:
        for writer in self.writers:
            writer.close()

    def abort(self) -> None:
        for writer in self.writers:
            writer.abort()
