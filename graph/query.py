"""Read-only research questions over a KnowledgeGraph, one call each.

Every function takes the graph first (``f(kg, ...)``, as in networkx), resolves names
through labels and aliases case-insensitively, and returns typed records. A name that
matches nothing raises :class:`NotFound`, which suggests near names.

>>> kg = tiny_graph()
>>> [p.title for p in papers_using(kg, "clip")]
['CLIPood: Generalizing CLIP']
>>> [e.entity.name for e in extensions(kg, "CLIP")]
['CLIPood']
"""
from __future__ import annotations

import difflib
import re
from collections import Counter, deque
from itertools import combinations
from typing import Iterable

from pydantic import BaseModel, ConfigDict

from graph.kg import KnowledgeGraph
from graph.schema import Assertion, Entity, EntityKind, Evidence, Paper, Relation

ENTITY_KINDS = tuple(k.value for k in EntityKind)
_NOT_KEY = re.compile(r"[^0-9a-z]")


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class EntityRef(_Record):
    id: str
    kind: str
    name: str


class PaperLink(_Record):
    """A paper tied to an entity, with the sentence that says so."""

    paper_id: str
    title: str
    relation: str
    sentence: str
    confidence: float


class Extension(_Record):
    """An entity that extends the one asked about, ``depth`` steps away."""

    entity: EntityRef
    extends: EntityRef
    depth: int
    sentence: str
    paper_id: str


class RankedEntity(_Record):
    entity: EntityRef
    papers: int


class CoUse(_Record):
    first: EntityRef
    second: EntityRef
    papers: int


class Step(_Record):
    """One edge on a path: ``source -relation-> target`` as stored (``forward`` says the walk's direction)."""

    source: str
    relation: str
    target: str
    forward: bool


class Connection(_Record):
    nodes: list[EntityRef]
    steps: list[Step]


class NotFound(LookupError):
    """No node for a name; the message suggests the nearest names."""


def _key(text: str) -> str:
    return _NOT_KEY.sub("", text.lower())


def _ref(kg: KnowledgeGraph, node_id: str) -> EntityRef:
    data = kg.nx.nodes[node_id]
    return EntityRef(id=node_id, kind=data["type"], name=data["label"])


def _names(data: dict) -> Iterable[str]:
    yield data["label"]
    yield from data.get("aliases", ())


def resolve(kg: KnowledgeGraph, name: str, kinds: Iterable[str] = ENTITY_KINDS) -> str:
    """The node id of ``name``: an id, a label or an alias, compared case- and punctuation-blind.

    When several entities share the name (SAM the optimiser, SAM the model) the one with
    the most papers wins; ask for a kind to choose.
    """
    kinds = tuple(kinds)
    if name in kg.nx and kg.nx.nodes[name]["type"] in kinds:
        return name
    wanted = _key(name)
    hits = [n for n, d in kg.nx.nodes(data=True)
            if d["type"] in kinds and any(_key(x) == wanted for x in _names(d))]
    if hits:
        return max(hits, key=lambda n: (kg.nx.degree(n), n))
    labels = sorted({d["label"] for _, d in kg.nx.nodes(data=True) if d["type"] in kinds})
    near = difflib.get_close_matches(name, labels, n=3, cutoff=0.6)
    near += [label for label in labels if wanted and wanted in _key(label) and label not in near][: 3 - len(near)]
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise NotFound(f"no {'/'.join(kinds)} named {name!r}{hint}")


def papers_with(kg: KnowledgeGraph, name: str, relation: str | Relation) -> list[PaperLink]:
    """Papers linked to an entity by ``relation``, most confident first."""
    relation = Relation(relation).value
    node = resolve(kg, name)
    links = []
    for paper, _, data in kg.nx.in_edges(node, data=True):
        if data["relation"] == relation and kg.nx.nodes[paper]["type"] == "paper":
            links.append(PaperLink(paper_id=paper, title=kg.nx.nodes[paper]["title"], relation=relation,
                                   sentence=data["sentence"], confidence=data["confidence"]))
    return sorted(links, key=lambda link: (-link.confidence, link.title))


def papers_using(kg: KnowledgeGraph, name: str) -> list[PaperLink]:
    return papers_with(kg, name, Relation.USES)


def papers_evaluating_on(kg: KnowledgeGraph, name: str) -> list[PaperLink]:
    return papers_with(kg, name, Relation.EVALUATES_ON)


def papers_introducing(kg: KnowledgeGraph, name: str) -> list[PaperLink]:
    return papers_with(kg, name, Relation.INTRODUCES)


def extensions(kg: KnowledgeGraph, name: str, transitive: bool = False) -> list[Extension]:
    """What extends an entity; with ``transitive``, what extends those too (its lineage)."""
    root = resolve(kg, name)
    found: list[Extension] = []
    seen = {root}
    queue = deque([(root, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth and not transitive:
            break
        for head, _, data in sorted(kg.nx.in_edges(node, data=True), key=lambda e: e[0]):
            if data["relation"] != Relation.EXTENDS.value or head in seen:
                continue
            seen.add(head)
            found.append(Extension(entity=_ref(kg, head), extends=_ref(kg, node), depth=depth + 1,
                                   sentence=data["sentence"], paper_id=data["paper"]))
            queue.append((head, depth + 1))
    return found


def _papers_of(kg: KnowledgeGraph, node: str, relations: set[str]) -> set[str]:
    return {p for p, _, d in kg.nx.in_edges(node, data=True)
            if d["relation"] in relations and kg.nx.nodes[p]["type"] == "paper"}


def ranked(kg: KnowledgeGraph, kind: str | None = None, relations: Iterable[str] = ("uses", "evaluates_on"),
           top: int | None = 10) -> list[RankedEntity]:
    """Entities by the number of papers that use or evaluate on them (or other ``relations``)."""
    relations = {Relation(r).value for r in relations}
    rows = []
    for node, data in kg.nx.nodes(data=True):
        if data["type"] == "paper" or (kind and data["type"] != EntityKind(kind).value):
            continue
        count = len(_papers_of(kg, node, relations))
        if count:
            rows.append(RankedEntity(entity=_ref(kg, node), papers=count))
    rows.sort(key=lambda r: (-r.papers, r.entity.name.lower(), r.entity.id))
    return rows[:top] if top else rows


def co_usage(kg: KnowledgeGraph, kind: str | None = None, relations: Iterable[str] = ("uses", "evaluates_on"),
             min_papers: int = 2, top: int | None = 20) -> list[CoUse]:
    """Pairs of entities the same papers use (or evaluate on) together, with how many papers."""
    relations = {Relation(r).value for r in relations}
    counts: Counter = Counter()
    for paper, data in kg.nx.nodes(data=True):
        if data["type"] != "paper":
            continue
        tails = sorted({t for _, t, d in kg.nx.out_edges(paper, data=True) if d["relation"] in relations
                        and (not kind or kg.nx.nodes[t]["type"] == EntityKind(kind).value)})
        counts.update(combinations(tails, 2))
    rows = [CoUse(first=_ref(kg, a), second=_ref(kg, b), papers=n) for (a, b), n in counts.items() if n >= min_papers]
    rows.sort(key=lambda r: (-r.papers, r.first.name.lower(), r.second.name.lower()))
    return rows[:top] if top else rows


def evidence(kg: KnowledgeGraph, head: str, tail: str, relation: str | None = None) -> list[Assertion]:
    """Why the graph links ``head`` to ``tail``: every edge between them with its sentence.

    ``head`` may be a paper id or title, or an entity name; so may ``tail``.
    """
    every = ("paper", *ENTITY_KINDS)
    source = _resolve_any(kg, head, every)
    target = _resolve_any(kg, tail, every)
    out = []
    for key, data in sorted((kg.nx.get_edge_data(source, target) or {}).items()):
        if relation and data["relation"] != Relation(relation).value:
            continue
        ev = Evidence(paper_id=data["paper"], sentence=data["sentence"], start=data["start"], end=data["end"],
                      field=data["field"], rule=data["rule"], confidence=data["confidence"])
        out.append(Assertion(head=source, relation=Relation(data["relation"]), tail=target, evidence=ev))
    return out


def _resolve_any(kg: KnowledgeGraph, name: str, kinds: tuple[str, ...]) -> str:
    if name in kg.nx:
        return name
    wanted = _key(name)
    for node, data in kg.nx.nodes(data=True):
        if data["type"] == "paper" and _key(data["title"]) == wanted:
            return node
    return resolve(kg, name, tuple(k for k in kinds if k != "paper"))


def connection(kg: KnowledgeGraph, a: str, b: str) -> Connection:
    """How two entities or papers connect: a shortest path, ignoring direction, with its relations."""
    import networkx as nx

    every = ("paper", *ENTITY_KINDS)
    source, target = _resolve_any(kg, a, every), _resolve_any(kg, b, every)
    try:
        path = nx.shortest_path(kg.nx.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        raise NotFound(f"{a!r} and {b!r} are not connected") from None
    steps = []
    for u, v in zip(path, path[1:]):
        forward = kg.nx.has_edge(u, v)
        s, t = (u, v) if forward else (v, u)
        relation = sorted(kg.nx.get_edge_data(s, t))[0]
        steps.append(Step(source=s, relation=relation, target=t, forward=forward))
    return Connection(nodes=[_ref(kg, n) for n in path], steps=steps)


def neighbourhood(kg: KnowledgeGraph, name: str, depth: int = 1) -> KnowledgeGraph:
    """The subgraph within ``depth`` edges of a node (either direction)."""
    start = _resolve_any(kg, name, ("paper", *ENTITY_KINDS))
    keep = {start}
    frontier = {start}
    for _ in range(depth):
        frontier = {m for n in frontier for m in kg.nx.predecessors(n)} | \
                   {m for n in frontier for m in kg.nx.successors(n)}
        frontier -= keep
        keep |= frontier
    return kg.subgraph(keep)


def of_kinds(kg: KnowledgeGraph, kinds: Iterable[str]) -> KnowledgeGraph:
    """The subgraph of the given node kinds (e.g. ``["paper", "dataset"]``)."""
    kinds = set(kinds)
    unknown = kinds - {"paper", *ENTITY_KINDS}
    if unknown:
        raise ValueError(f"unknown kinds {sorted(unknown)}; choose from {['paper', *ENTITY_KINDS]}")
    return kg.subgraph(n for n, d in kg.nx.nodes(data=True) if d["type"] in kinds)


def tiny_graph() -> KnowledgeGraph:
    """A three-node graph for examples: a paper introduces CLIPood, which extends CLIP."""
    kg = KnowledgeGraph()
    paper = Paper(id="paper:clipood", title="CLIPood: Generalizing CLIP", abstract="We propose CLIPood. We use CLIP.")
    kg.add_paper(paper)
    kg.add_entity(Entity(id="model:clip", kind=EntityKind.MODEL, name="CLIP", aliases=("CLIP",)))
    kg.add_entity(Entity(id="method:clipood", kind=EntityKind.METHOD, name="CLIPood"))
    for head, relation, tail, sentence, start, field in (
            (paper.id, Relation.INTRODUCES, "method:clipood", "We propose CLIPood.", 0, "abstract"),
            (paper.id, Relation.USES, "model:clip", "We use CLIP.", 20, "abstract"),
            ("method:clipood", Relation.EXTENDS, "model:clip", paper.title, 0, "title")):
        ev = Evidence(paper_id=paper.id, sentence=sentence, start=start, end=start + len(sentence),
                      field=field, rule="example", confidence=0.9)
        kg.add_assertion(Assertion(head=head, relation=relation, tail=tail, evidence=ev))
    return kg
