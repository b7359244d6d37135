"""Interactive HTML export: one self-contained page that works offline.

pyvis holds the nodes, edges and vis-network options; the page itself comes from our own
template with vis-network inlined (pyvis's template links Bootstrap from a CDN and renders
tooltips as HTML). Input text reaches the page only as JSON data, shown through
``textContent`` and plain-text tooltips, so no title or abstract can become markup.
Positions are computed here (deterministic, physics off), so the page draws at once.
"""
from __future__ import annotations

import html
import json
import math
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

import pyvis
from pyvis.network import Network

from exports.text import clean_text
from graph import query
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
DEFAULT_MAX_NODES = 4000


@dataclass(frozen=True)
class View:
    """Which part of the graph the page draws: around a node, some kinds, well-connected nodes, a cap."""

    focus: str | None = None
    depth: int = 1
    kinds: tuple[str, ...] = ()
    min_degree: int = 0
    max_nodes: int = DEFAULT_MAX_NODES


def select(kg: KnowledgeGraph, view: View = View()) -> tuple[KnowledgeGraph, str]:
    """The subgraph a view asks for, and a notice saying what was left out ("" when nothing)."""
    total = kg.nx.number_of_nodes()
    shown = kg
    notes = []
    if view.focus:
        shown = query.neighbourhood(shown, view.focus, view.depth)
        notes.append(f"around {kg.nx.nodes[query._resolve_any(kg, view.focus, ('paper', *query.ENTITY_KINDS))]['label']}"
                     f" (depth {view.depth})")
    if view.kinds:
        shown = query.of_kinds(shown, view.kinds)
        notes.append("kinds " + ", ".join(view.kinds))
    if view.min_degree:
        shown = shown.subgraph(n for n, d in shown.nx.degree() if d >= view.min_degree)
        notes.append(f"degree >= {view.min_degree}")
    if shown.nx.number_of_nodes() > view.max_nodes:
        degree = dict(shown.nx.degree())
        keep = sorted(shown.nx.nodes, key=lambda n: (-degree[n], n))[: view.max_nodes]
        shown = shown.subgraph(keep)
        notes.append(f"capped at the {view.max_nodes:,} most connected nodes; use --focus, --kinds or "
                     "--min-degree to choose another part")
    if shown.nx.number_of_nodes() == total:
        return shown, ""
    return shown, f"Showing {shown.nx.number_of_nodes():,} of {total:,} nodes: " + "; ".join(notes) + "."


def _layout(kg: KnowledgeGraph) -> dict[str, tuple[float, float]]:
    """Entities on a sunflower spiral (most connected in the middle); each paper beside the
    centre of its entities, so papers sit near what they use. Linear time, deterministic."""
    degree = dict(kg.nx.degree())
    entities = sorted((n for n, d in kg.nx.nodes(data=True) if d["type"] != "paper"), key=lambda n: (-degree[n], n))
    golden = math.pi * (3 - math.sqrt(5))
    spacing = 36.0
    pos = {n: (spacing * math.sqrt(i) * math.cos(i * golden), spacing * math.sqrt(i) * math.sin(i * golden))
           for i, n in enumerate(entities)}
    rim = spacing * math.sqrt(len(entities) + 1)
    for i, node in enumerate(sorted(n for n, d in kg.nx.nodes(data=True) if d["type"] == "paper")):
        linked = [pos[m] for m in (*kg.nx.successors(node), *kg.nx.predecessors(node)) if m in pos]
        jitter = zlib.crc32(node.encode()) % 3600 / 10  # stable per paper, not per run
        angle = math.radians(jitter)
        if linked:
            cx = sum(x for x, _ in linked) / len(linked)
            cy = sum(y for _, y in linked) / len(linked)
            radius = 40 + 25 * (zlib.crc32(node[::-1].encode()) % 4)
        else:  # papers with no entity ring the drawing
            cx = cy = 0.0
            radius = rim + 60 + 30 * (i % 5)
        pos[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def to_pyvis(kg: KnowledgeGraph) -> Network:
    """A pyvis Network of ``kg`` with positions fixed and physics off (lists set directly: fast)."""
    net = Network(directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    net.set_edge_smooth("continuous")
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
    for index, (head, tail, data) in enumerate(sorted(kg.nx.edges(data=True),
                                                      key=lambda e: (e[0], e[2]["relation"], e[1]))):
        edges.append({"id": f"e{index}", "from": head, "to": tail, "relation": data["relation"],
                      "color": RELATION_COLOUR[data["relation"]], "arrows": "to",
                      "title": clean_text(f"{data['relation']} ({data['confidence']:.2f}): {data['sentence']}"),
                      "sentence": clean_text(data["sentence"]), "confidence": data["confidence"],
                      "rule": clean_text(data["rule"])})
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    return net


def _details(kg: KnowledgeGraph) -> dict[str, dict]:
    """Per node, what the details panel shows besides its links."""
    out = {}
    for node_id, data in kg.nx.nodes(data=True):
        entry = {"kind": data["type"], "label": clean_text(data["label"])}
        if data["type"] == "paper":
            entry.update(abstract=clean_text(data["abstract"]), code=[clean_text(u) for u in data["code_urls"]],
                         meta=[clean_text(part) for part in (", ".join(data.get("authors", ())), data.get("venue"),
                                                             data.get("date"),
                                                             data.get("arxiv_id") and "arXiv:" + data["arxiv_id"],
                                                             data.get("doi") and "doi:" + data["doi"]) if part])
        else:
            entry.update(aliases=[clean_text(a) for a in data["aliases"]],
                         ids={clean_text(k): clean_text(v) for k, v in data["external_ids"].items()})
        out[node_id] = entry
    return out


def _script_json(value) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(kg: KnowledgeGraph, view: View = View(), title: str = "paperkg graph") -> str:
    """The whole page as a string."""
    shown, notice = select(kg, view)
    net = to_pyvis(shown)
    data = {"nodes": net.nodes, "edges": net.edges, "details": _details(shown), "notice": notice,
            "options": json.loads(net.options.to_json()), "kinds": KIND_STYLE, "relations": RELATION_COLOUR,
            "kind_order": list(KIND_STYLE), "relation_order": list(RELATION_COLOUR)}
    page = TEMPLATE.read_text(encoding="utf-8")
    return (page.replace("{{TITLE}}", html.escape(title))
            .replace("{{VIS_CSS}}", (VIS_DIR / "vis-network.css").read_text(encoding="utf-8"))
            .replace("{{VIS_JS}}", (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
                     .replace("</script", "<\\/script"))
            .replace("{{DATA}}", _script_json(data)))


def write(kg: KnowledgeGraph, path: str | os.PathLike, view: View = View()) -> None:
    """Write ``kg`` (or the part ``view`` selects) as one self-contained HTML page (atomically)."""
    write_atomic(path, render(kg, view))
