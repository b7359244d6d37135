"""KnowledgeGraph: a networkx MultiDiGraph of papers and entities behind a few domain verbs.

Nodes carry ``type`` (paper | method | dataset | model) and ``label``; edges are keyed by
relation, so one (head, relation, tail) is one edge holding its best evidence and the
number of sentences that support it. Attributes are JSON-ready and never ``None``.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterator

import networkx as nx

from graph.files import write_atomic
from graph.schema import PAPER_METADATA, Assertion, Entity, EntityKind, Evidence, Paper, Relation

SNAPSHOT_FORMAT = "paperkg-snapshot"
SNAPSHOT_VERSION = 1

_EVIDENCE_FIELDS = ("sentence", "start", "end", "field", "rule", "confidence")


def _merged(old: list, new) -> list:
    """``old`` followed by the items of ``new`` it lacks, order kept."""
    return old + [item for item in new if item not in old]


class KnowledgeGraph:
    """Papers and entities as nodes; introduces/uses/evaluates_on/extends/... as edges."""

    def __init__(self) -> None:
        self.nx = nx.MultiDiGraph()

    # -- building -------------------------------------------------------------------
    def add_paper(self, paper: Paper) -> None:
        """Add a paper node, or merge sources, code links and missing metadata into the one there.

        Metadata (arXiv id, DOI, url, date, authors, venue, categories) is stored only where
        known, so a node never holds an empty value.
        """
        node = self.nx.nodes.get(paper.id)
        if node is None:
            self.nx.add_node(
                paper.id, type="paper", label=paper.title, title=paper.title,
                abstract=paper.abstract, code_urls=list(paper.code_urls), sources=list(paper.sources),
            )
            node = self.nx.nodes[paper.id]
        else:
            node["code_urls"] = _merged(node["code_urls"], paper.code_urls)
            node["sources"] = _merged(node["sources"], paper.sources)
        for name in PAPER_METADATA:
            value = getattr(paper, name)
            if value and name not in node:
                node[name] = list(value) if isinstance(value, tuple) else value

    def add_entity(self, entity: Entity) -> None:
        """Add an entity node, or merge aliases and external ids into the one already there."""
        node = self.nx.nodes.get(entity.id)
        if node is None:
            self.nx.add_node(
                entity.id, type=entity.kind.value, label=entity.name, aliases=list(entity.aliases),
                external_ids=dict(sorted(entity.external_ids.items())), origin=entity.origin,
            )
            return
        if node["type"] != entity.kind.value:
            raise ValueError(f"entity {entity.id!r} is a {node['type']}, not a {entity.kind.value}")
        node["aliases"] = _merged(node["aliases"], entity.aliases)
        node["external_ids"] = dict(sorted({**entity.external_ids, **node["external_ids"]}.items()))

    def add_assertion(self, assertion: Assertion) -> None:
        """Add an edge; a repeated (head, relation, tail) keeps the most confident evidence."""
        for end in (assertion.head, assertion.tail):
            if end not in self.nx:
                raise KeyError(f"edge endpoint {end!r} is not a node of the graph")
        ev = assertion.evidence
        attrs = {"relation": assertion.relation.value, "paper": ev.paper_id,
                 **{name: getattr(ev, name) for name in _EVIDENCE_FIELDS}}
        key = assertion.relation.value
        data = self.nx.get_edge_data(assertion.head, assertion.tail, key)
        if data is None:
            self.nx.add_edge(assertion.head, assertion.tail, key=key, support=1, **attrs)
            return
        data["support"] += 1
        if (ev.confidence, -ev.start) > (data["confidence"], -data["start"]):
            data.update(attrs)

    # -- reading --------------------------------------------------------------------
    def papers(self) -> Iterator[Paper]:
        for node_id, data in self.nx.nodes(data=True):
            if data["type"] == "paper":
                metadata = {name: tuple(data[name]) if isinstance(data[name], list) else data[name]
                            for name in PAPER_METADATA if name in data}
                yield Paper(id=node_id, title=data["title"], abstract=data["abstract"],
                            code_urls=tuple(data["code_urls"]), sources=tuple(data["sources"]), **metadata)

    def entities(self) -> Iterator[Entity]:
        for node_id, data in self.nx.nodes(data=True):
            if data["type"] != "paper":
                yield Entity(id=node_id, kind=EntityKind(data["type"]), name=data["label"],
                             aliases=tuple(data["aliases"]), external_ids=data["external_ids"],
                             origin=data["origin"])

    def assertions(self) -> Iterator[Assertion]:
        for head, tail, data in self.nx.edges(data=True):
            evidence = Evidence(paper_id=data["paper"], **{n: data[n] for n in _EVIDENCE_FIELDS})
            yield Assertion(head=head, relation=Relation(data["relation"]), tail=tail, evidence=evidence)

    def node(self, node_id: str) -> dict:
        """The attributes of one node (a read-only view is not needed: callers get a copy)."""
        return dict(self.nx.nodes[node_id])

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes by type and edges by relation, each sorted by name."""
        nodes = Counter(data["type"] for _, data in self.nx.nodes(data=True))
        edges = Counter(data["relation"] for _, _, data in self.nx.edges(data=True))
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}

    def to_networkx(self) -> nx.MultiDiGraph:
        """An independent copy as a plain networkx graph, for any networkx algorithm."""
        return self.nx.copy()

    def subgraph(self, nodes) -> "KnowledgeGraph":
        """A new graph of ``nodes`` and the edges among them (attributes copied)."""
        out = KnowledgeGraph()
        out.nx = self.nx.subgraph(nodes).copy()
        return out

    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    # -- snapshot -------------------------------------------------------------------
    def to_dict(self) -> dict:
        """A JSON-ready, deterministically ordered form of the whole graph."""
        nodes = [{"id": n, **self.nx.nodes[n]} for n in sorted(self.nx.nodes)]
        edges = sorted(
            ({"head": h, "tail": t, **d} for h, t, d in self.nx.edges(data=True)),
            key=lambda e: (e["head"], e["relation"], e["tail"]),
        )
        return {"format": SNAPSHOT_FORMAT, "version": SNAPSHOT_VERSION, "nodes": nodes, "edges": edges}

    def save(self, path: str | os.PathLike) -> None:
        """Write the snapshot that :meth:`load` reads back (JSON, atomic)."""
        write_atomic(path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n")

    @classmethod
    def from_dict(cls, data: dict) -> "KnowledgeGraph":
        if data.get("format") != SNAPSHOT_FORMAT or data.get("version") != SNAPSHOT_VERSION:
            raise ValueError(f"not a {SNAPSHOT_FORMAT} version {SNAPSHOT_VERSION} file "
                             f"(format={data.get('format')!r}, version={data.get('version')!r})")
        kg = cls()
        for node in data["nodes"]:
            attrs = dict(node)
            kg.nx.add_node(attrs.pop("id"), **attrs)
        for edge in data["edges"]:
            attrs = dict(edge)
            head, tail = attrs.pop("head"), attrs.pop("tail")
            kg.nx.add_edge(head, tail, key=attrs["relation"], **attrs)
        return kg

    @classmethod
    def from_graphml(cls, path: str | os.PathLike) -> "KnowledgeGraph":
        """Read a GraphML file written by paperkg's exporter back into a graph."""
        try:
            raw = nx.read_graphml(path, force_multigraph=True)
        except Exception as err:  # networkx raises several types for malformed XML
            raise ValueError(f"{path}: not a readable GraphML file ({err})") from None
        kg = cls()
        for node_id, data in raw.nodes(data=True):
            attrs = dict(data)
            if attrs.get("type") == "paper":
                defaults = {"title": attrs.get("label", ""), "abstract": "", "code_urls": "[]", "sources": "[]"}
            else:
                defaults = {"aliases": "[]", "external_ids": "{}", "origin": "text"}
            for name, default in defaults.items():
                attrs.setdefault(name, default)
            for name in ("code_urls", "sources", "aliases", "external_ids", "authors", "categories"):
                if name in attrs and isinstance(attrs[name], str):
                    attrs[name] = json.loads(attrs[name])
            kg.nx.add_node(node_id, **attrs)
        for head, tail, data in raw.edges(data=True):
            attrs = {"start": 0, "end": 0, "field": "abstract", "support": 1, **data}
            kg.nx.add_edge(head, tail, key=attrs["relation"], **attrs)
        return kg

    @classmethod
    def load(cls, path: str | os.PathLike) -> "KnowledgeGraph":
        """Read a snapshot written by :meth:`save` (a build directory finds its ``graph.json``),
        or a ``.graphml`` file written by the GraphML exporter."""
        path = Path(path)
        if path.is_dir():
            path = path / "graph.json"
        if path.suffix == ".graphml":
            return cls.from_graphml(path)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no graph here; run 'paperkg build' first or pass --graph DIR")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}:{err.lineno}: not valid JSON ({err.msg})") from None
        try:
            return cls.from_dict(data)
        except ValueError as err:
            raise ValueError(f"{path}: {err}") from None
