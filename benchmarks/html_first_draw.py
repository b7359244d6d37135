"""Time to first draw of the HTML page in headless Chromium, bundled graph and synthetic ones.

    python benchmarks/html_first_draw.py [--sizes 5000,10000] [--screenshot docs/graph.png]

For each graph it writes the page, opens it from file:// in Debian's Chromium (through
Playwright, no browser download) and reports the page's own measure: milliseconds from
navigation start to vis-network's first drawing. Also the page size and the Python time
to render it. Targets (issue 5): bundled < 2 s, 5,000 nodes < 5 s on the 2-core machine.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from builders import build  # noqa: E402
from exports import html  # noqa: E402
from graph.kg import KnowledgeGraph  # noqa: E402
from graph.schema import Assertion, Entity, EntityKind, Evidence, Paper, Relation  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def synthetic(nodes: int, seed: int = 7) -> KnowledgeGraph:
    """About ``nodes`` nodes: 70% papers, 30% entities with a heavy-tailed popularity, ~3 edges a paper."""
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    kinds = list(EntityKind)
    entities = [f"{kinds[i % 3].value}:e{i}" for i in range(int(nodes * 0.3))]
    for i, node in enumerate(entities):
        kg.add_entity(Entity(id=node, kind=kinds[i % 3], name=f"Entity {i}"))
    relations = [Relation.USES, Relation.EVALUATES_ON, Relation.INTRODUCES, Relation.COMPARES_WITH]
    for p in range(nodes - len(entities)):
        paper = Paper(id=f"paper:p{p}", title=f"Paper {p}", abstract="A synthetic abstract.")
        kg.add_paper(paper)
        for _ in range(3):
            target = entities[min(int(rng.paretovariate(1.2)) - 1, len(entities) - 1) if rng.random() < 0.5
                              else rng.randrange(len(entities))]
            ev = Evidence(paper_id=paper.id, sentence="A sentence.", start=0, end=11, rule="synthetic", confidence=0.8)
            kg.add_assertion(Assertion(head=paper.id, relation=rng.choice(relations), tail=target, evidence=ev))
    return kg


def first_draw(browser, kg: KnowledgeGraph, folder: Path, name: str, screenshot: Path | None = None) -> dict:
    path = folder / f"{name}.html"
    started = time.perf_counter()
    html.write(kg, path, view=html.View(max_nodes=max(20000, kg.nx.number_of_nodes())))
    render_s = time.perf_counter() - started
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function("window.paperkg && window.paperkg.firstDraw !== null", timeout=120_000)
    draw_ms = page.evaluate("window.paperkg.firstDraw")
    if screenshot:  # the whole graph, then what a search for CLIP shows
        page.wait_for_timeout(300)
        page.screenshot(path=str(screenshot))
        page.fill("#search", "CLIP")
        page.wait_for_timeout(300)
        page.screenshot(path=str(screenshot.with_name(screenshot.stem + "-search-clip" + screenshot.suffix)))
    page.close()
    return {"graph": name, "nodes": kg.nx.number_of_nodes(), "edges": kg.nx.number_of_edges(),
            "page_mb": path.stat().st_size / 1e6, "render_s": render_s, "first_draw_s": draw_ms / 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000", help="synthetic graph sizes (nodes), comma-separated")
    parser.add_argument("--screenshot", type=Path, help="save a screenshot of the bundled graph here")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    graphs = [("bundled", build())] + [(f"synthetic-{n}", synthetic(int(n))) for n in args.sizes.split(",") if n]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
        print(f"{'graph':16} {'nodes':>7} {'edges':>7} {'page MB':>8} {'render s':>9} {'first draw s':>13}")
        for name, kg in graphs:
            row = first_draw(browser, kg, Path(tmp), name, args.screenshot if name == "bundled" else None)
            print(f"{row['graph']:16} {row['nodes']:7} {row['edges']:7} {row['page_mb']:8.2f} "
                  f"{row['render_s']:9.2f} {row['first_draw_s']:13.2f}")
        browser.close()


if __name__ == "__main__":
    main()
