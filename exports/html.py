"""Interactive HTML export: one self-contained page that works offline.

pyvis holds the nodes, edges and vis-network options; the page itself comes from our own
template with vis-network inlined (pyvis's template links Bootstrap from a CDN and renders
tooltips as HTML). Input text reaches the page only as JSON data shown through
``textContent`` and plain-text tooltips, so no title or abstract can become markup.
Positions are computed here (deterministic, physics off), so the page draws at once.
"""
from __future__ import annotations

import html
import json
import math
import os
from pathlib import Path

import pyvis
from pyvis.network import Network

from exports.text import clean_text
from graph.files import write_atomic
from graph.kg import KnowledgeGraph

TEMPLATE = Path(__file__).parent / "templates" / "graph.html"
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
KIND_STYLE = {  # colour, shape
    "paper": ("#9aa5b1", "dot"), "method": ("#e4572e", "diamond"),
    "dataset": ("#2e86ab", "square"), "model": ("#76b041", "triangle"),
}
RELATION_COLOUR = {"introduces": "#e4572e", "uses": "#76b041", "evaluates_on": "#2e86ab",
                   "extends": "#a23b72", "compares_with": "#f1a208", "mentions": "#c5cbd3"}


def _layout(kg: KnowledgeGraph) -> dict[str, tuple[float, float]]:
    """Sunflower spiral: most connected entities in the middle, papers around them."""
    degree = dict(kg.nx.degree())
    order = sorted(kg.nx.nodes, key=lambda n: (kg.nx.nodes[n]["type"] == "paper", -degree[n], n))
    golden = math.pi * (3 - math.sqrt(5))
    return {n: (round(28 * math.sqrt(i) * math.cos(i * golden), 1), round(28 * math.sqrt(i) * math.sin(i * golden), 1))
            for i, n in enumerate(order)}


def to_pyvis(kg: KnowledgeGraph) -> Network:
    """A pyvis Network of ``kg`` with positions fixed and physics off (lists set directly: fast)."""
    net = Network(directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    positions = _layout(kg)
    degree = dict(kg.nx.degree())
    nodes = []
    for node_id in sorted(kg.nx.nodes):
        data = kg.nx.nodes[node_id]
        colour, shape = KIND_STYLE[data["type"]]
        x, y = positions[node_id]
        # Paper titles show on hover and in the panel; as labels they would bury the entities.
        label = data["label"] if data["type"] != "paper" else ""
        nodes.append({"id": node_id, "label": clean_text(label), "title": clean_text(data["label"]),
                      "kind": data["type"], "color": colour, "shape": shape, "x": x, "y": y,
                      "size": round(8 + 4 * math.log1p(degree[node_id]), 1)})
    edges = []
    for head, tail, data in sorted(kg.nx.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1])):
        edges.append({"from": head, "to": tail, "relation": data["relation"],
                      "color": RELATION_COLOUR[data["relation"]], "arrows": "to",
                      "title": clean_text(f"{data['relation']} ({data['confidence']:.2f}): {data['sentence']}")})
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    return net


def _details(kg: KnowledgeGraph) -> dict[str, dict]:
    """Per node, what the details panel shows."""
    out = {}
    for node_id, data in kg.nx.nodes(data=True):
        entry = {"kind": data["type"], "label": clean_text(data["label"])}
        if data["type"] == "paper":
            entry.update(abstract=clean_text(data["abstract"]), code=data["code_urls"], sources=data["sources"])
        else:
            entry.update(aliases=[clean_text(a) for a in data["aliases"]], ids=data["external_ids"])
        out[node_id] = entry
    return out


def _script_json(value) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(kg: KnowledgeGraph, title: str = "paperkg graph") -> str:
    """The whole page as a string."""
    net = to_pyvis(kg)
    data = {"nodes": net.nodes, "edges": net.edges, "details": _details(kg),
            "options": json.loads(net.options.to_json()), "kinds": KIND_STYLE, "relations": RELATION_COLOUR}
    page = TEMPLATE.read_text(encoding="utf-8")
    return (page.replace("{{TITLE}}", html.escape(title))
            .replace("{{VIS_CSS}}", (VIS_DIR / "vis-network.css").read_text(encoding="utf-8"))
            .replace("{{VIS_JS}}", (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
                     .replace("</script", "<\\/script"))
            .replace("{{DATA}}", _script_json(data)))


def write(kg: KnowledgeGraph, path: str | os.PathLike) -> None:
    """Write ``kg`` as one self-contained HTML page to ``path`` (atomically)."""
    write_atomic(path, render(kg))
