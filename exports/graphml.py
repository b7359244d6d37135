"""GraphML export, the contract ``shared/eval/score.py`` reads and Gephi/yEd/igraph load.

Nodes: ``type`` (paper | method | dataset | model), ``label``; papers also ``title``,
``abstract``. Edges: ``relation`` plus the evidence (``sentence``, ``rule``,
``confidence``, ...). Lists and mappings are serialised as JSON text; empty values are
left out; edge ids are unique across the file, as the GraphML schema requires.
"""
from __future__ import annotations

import json
import os

import networkx as nx

from exports.text import clean_text
from graph.files import atomic_writer
from graph.kg import KnowledgeGraph


def _value(value):
    if isinstance(value, (list, tuple, dict)):
        return clean_text(json.dumps(value, ensure_ascii=False, sort_keys=True)) if value else None
    if isinstance(value, str):
        return clean_text(value) if value else None
    return value


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """A copy of the graph with GraphML-ready attributes, sorted nodes and unique edge ids."""
    out = nx.MultiDiGraph()
    for node_id in sorted(kg.nx.nodes):
        attrs = {k: _value(v) for k, v in sorted(kg.nx.nodes[node_id].items())}
        out.add_node(node_id, **{k: v for k, v in attrs.items() if v is not None})
    edges = sorted(kg.nx.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1]))
    for index, (head, tail, data) in enumerate(edges):
        attrs = {k: _value(v) for k, v in sorted(data.items())}
        out.add_edge(head, tail, key=f"e{index}", **{k: v for k, v in attrs.items() if v is not None})
    return out


def write(kg: KnowledgeGraph, path: str | os.PathLike) -> None:
    """Write ``kg`` as GraphML to ``path`` (atomically)."""
    with atomic_writer(path, "wb") as handle:
        nx.write_graphml(to_networkx(kg), handle, encoding="utf-8", prettyprint=True)
