"""The HTML page in a real browser: the system's headless Chromium, driven by Playwright.

Never a browser download: Playwright is pointed at /usr/bin/chromium (Debian's package,
which .ci/run installs).
"""
import shutil
from pathlib import Path

import pytest

from builders.extract import RuleExtractor
from builders.pipeline import build_graph
from builders.readers import read_inputs
from exports import html
from graph.ids import paper_id
from graph.schema import Paper

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)")

PAYLOAD_TITLE = 'Evil <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">: a paper'
PAYLOAD_ABSTRACT = ('We propose EvilNet <img src=x onerror="window.__pwned = 3"> and evaluate on ImageNet. '
                    '</script><script>window.__pwned = 4</script>')


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


@pytest.fixture
def page_of(browser, tmp_path):
    """Open a graph's page; record console errors, page errors and every request."""
    opened = []

    def open_graph(kg):
        path = tmp_path / "graph.html"
        html.write(kg, path)
        page = browser.new_page(viewport={"width": 1300, "height": 850})
        page.errors, page.requests = [], []
        page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
        page.on("pageerror", lambda err: page.errors.append(str(err)))
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(path.as_uri())
        page.wait_for_function("window.paperkg && window.paperkg.firstDraw !== null")
        opened.append(page)
        return page

    yield open_graph
    for page in opened:
        page.close()


@pytest.fixture
def kg(listings, tiny_lexicon):
    records = list(read_inputs([listings]))
    records.append(Paper(id=paper_id(PAYLOAD_TITLE), title=PAYLOAD_TITLE, abstract=PAYLOAD_ABSTRACT))
    graph, _ = build_graph(records, RuleExtractor(tiny_lexicon))
    return graph


def _node_point(page, node_id):
    """Zoom to a node and return its position on the page."""
    return page.evaluate("""id => {
        const net = window.paperkg.network;
        net.focus(id, {scale: 2.5, animation: false});
        const p = net.canvasToDOM(net.getPosition(id));
        const box = document.getElementById("graph").getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""", node_id)


def test_page_draws_every_node_and_edge_offline_without_errors(page_of, kg):
    page = page_of(kg)
    drawn = page.evaluate("[paperkg.network.body.nodeIndices.length, paperkg.network.body.edgeIndices.length]")
    assert drawn == [kg.nx.number_of_nodes(), kg.nx.number_of_edges()]
    assert page.errors == []
    assert all(url.startswith(("file://", "data:")) for url in page.requests), page.requests


def test_search_focuses_the_node(page_of, kg):
    page = page_of(kg)
    page.fill("#search", "clip")
    assert page.evaluate("paperkg.network.getSelectedNodes()") == ["model:clip"]
    assert page.inner_text("#details h3") == "CLIP"


def test_clicking_a_paper_shows_its_title(page_of, kg):
    page = page_of(kg)
    paper = next(n for n, d in kg.nx.nodes(data=True) if d["type"] == "paper" and d["title"].startswith("RankT5"))
    point = _node_point(page, paper)
    page.mouse.click(point["x"], point["y"])
    assert page.inner_text("#details h3") == kg.nx.nodes[paper]["title"]
    assert "uses" in page.inner_text("#details")


def test_filters_hide_kinds_and_relations(page_of, kg):
    page = page_of(kg)
    page.uncheck("#kinds input[data-name=paper]")
    shown = page.evaluate("paperkg.nodes.get({filter: n => !n.hidden}).length")
    assert shown == sum(1 for _, d in kg.nx.nodes(data=True) if d["type"] != "paper")
    page.uncheck("#relations input[data-name=uses]")
    assert page.evaluate("paperkg.edges.get({filter: e => e.hidden}).every(e => e.relation === 'uses')")


def test_markup_in_titles_and_abstracts_never_runs(page_of, kg):
    page = page_of(kg)
    evil = paper_id(PAYLOAD_TITLE)
    point = _node_point(page, evil)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector(".vis-tooltip", state="visible")  # the tooltip shows on hover...
    assert "<script>" in page.inner_text(".vis-tooltip")  # ...as text
    page.mouse.click(point["x"], point["y"])
    assert page.inner_text("#details h3") == PAYLOAD_TITLE  # shown as text, exactly
    assert "window.__pwned = 3" in page.inner_text("#details p")
    page.fill("#search", "evil")
    assert PAYLOAD_TITLE in page.inner_text("#results")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#side img, #graph img, .vis-tooltip img').length") == 0
    assert page.errors == []


def test_paper_details_show_authors_venue_and_date_as_text(page_of, tiny_lexicon):
    from builders.readers import make_paper

    paper = make_paper("x.jsonl:1", "CLIPood: Generalizing CLIP", "We propose CLIPood. We use CLIP on DomainBed.",
                       arxiv_id="2301.00001", date="2023-01-02", venue="ICML <b>2023</b>",
                       authors=["Ada <i>Lovelace</i>", "Alan Turing"])
    graph, _ = build_graph([paper], RuleExtractor(tiny_lexicon))
    page = page_of(graph)
    point = _node_point(page, paper.id)
    page.mouse.click(point["x"], point["y"])
    details = page.inner_text("#details")
    for expected in ("Ada <i>Lovelace</i>, Alan Turing", "ICML <b>2023</b>", "2023-01-02", "arXiv:2301.00001"):
        assert expected in details  # shown as text: the markup is visible, not rendered
    assert page.evaluate("document.querySelectorAll('#details i, #details b').length") == 0
    assert not page.errors
