"""What ``paperkg show / stats / path`` print: query results as readable text or JSON-ready data.

Plain functions over a KnowledgeGraph; the CLI only chooses between ``as_text`` and JSON.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

from graph import query
from graph.kg import KnowledgeGraph

RELATION_ORDER = ("introduces", "extends", "uses", "evaluates_on", "compares_with", "mentions")


def _clip(text: str, width: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def card(kg: KnowledgeGraph, name: str) -> dict:
    """An entity's (or a paper's) card: who it is, and its links grouped by relation with evidence."""
    node = query._resolve_any(kg, name, ("paper", *query.ENTITY_KINDS))
    data = kg.nx.nodes[node]
    links: dict[str, list[dict]] = {}
    edges = [(u, v, d, v) for u, v, d in kg.nx.out_edges(node, data=True)] + \
            [(u, v, d, u) for u, v, d in kg.nx.in_edges(node, data=True)]
    for head, tail, edge, other in edges:
        direction = "out" if head == node else "in"
        links.setdefault(edge["relation"], []).append({
            "direction": direction, "id": other, "name": kg.nx.nodes[other]["label"],
            "kind": kg.nx.nodes[other]["type"], "sentence": edge["sentence"], "confidence": edge["confidence"],
            "rule": edge["rule"]})
    for rows in links.values():
        rows.sort(key=lambda r: (-r["confidence"], r["name"]))
    out = {"id": node, "kind": data["type"], "name": data["label"],
           "links": {r: links[r] for r in RELATION_ORDER if r in links}}
    if data["type"] == "paper":
        out.update(code=data["code_urls"], sources=data["sources"])
    else:
        out.update(aliases=data["aliases"], external_ids=data["external_ids"])
    return out


def card_text(c: dict) -> str:
    lines = [f"{c['name']}  ({c['kind']}, {c['id']})"]
    if c.get("aliases"):
        lines.append("aliases: " + ", ".join(c["aliases"]))
    if c.get("external_ids"):
        lines.append("ids: " + ", ".join(f"{k}={v}" for k, v in c["external_ids"].items()))
    if c.get("code"):
        lines.append("code: " + ", ".join(c["code"]))
    for relation, rows in c["links"].items():
        lines.append(f"\n{relation} ({len(rows)})")
        for row in rows:
            arrow = "->" if row["direction"] == "out" else "<-"
            lines.append(f"  {arrow} {_clip(row['name'], 80)}  [{row['confidence']:.2f}]")
            lines.append(f"       \"{_clip(row['sentence'])}\"")
    return "\n".join(lines)


def stats(kg: KnowledgeGraph, top: int = 10) -> dict:
    counts = kg.counts()
    return {"nodes": counts["nodes"], "edges": counts["edges"],
            "top": {kind: [{"name": r.entity.name, "id": r.entity.id, "papers": r.papers}
                           for r in query.ranked(kg, kind=kind, relations=("uses", "evaluates_on", "extends"),
                                                 top=top)]
                    for kind in query.ENTITY_KINDS}}


def stats_text(s: dict) -> str:
    lines = ["nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes"].items()),
             "edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items())]
    for kind, rows in s["top"].items():
        lines.append(f"\ntop {kind}s (papers that use / evaluate on / extend them)")
        width = max((len(r["name"]) for r in rows), default=0)
        lines += [f"  {r['papers']:4}  {r['name']:{width}}  {r['id']}" for r in rows]
    return "\n".join(lines)


def path(kg: KnowledgeGraph, a: str, b: str) -> dict:
    found = query.connection(kg, a, b)
    return {"nodes": [n.model_dump() for n in found.nodes], "steps": [s.model_dump() for s in found.steps]}


def path_text(p: dict) -> str:
    names = {n["id"]: n["name"] for n in p["nodes"]}
    lines = [f"{len(p['steps'])} step(s): " + " … ".join(_clip(n["name"], 40) for n in p["nodes"])]
    for step in p["steps"]:
        lines.append(f"  {_clip(names[step['source']], 60)} -{step['relation']}-> {_clip(names[step['target']], 60)}")
    return "\n".join(lines)


class Progress:
    """A one-line progress display for long builds, drawn only on a terminal and at most 4 times a second."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.25) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.active = self.stream.isatty()
        self.interval = interval
        self.started = self.last = time.perf_counter()
        self.drawn = False

    def __call__(self, report, papers_done: int) -> None:
        now = time.perf_counter()
        if not self.active or now - self.last < self.interval:
            return
        self.last = now
        rate = papers_done / max(now - self.started, 1e-9)
        self.stream.write(f"\rentries read {report.entries_read:,}  papers {papers_done:,}  ({rate:,.0f} papers/s)")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
