"""Each exporter, checked by third-party readers: networkx, igraph, lxml+XSD, rdflib, pyoxigraph."""
import json
import re
from pathlib import Path

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from lxml import etree

from builders.extract import RuleExtractor
from builders.pipeline import build_graph
from builders.readers import read_inputs
from conftest import XSD_DIR
from exports import exporter, file_name, graphml, html, rdf
from graph.ids import paper_id
from graph.schema import Paper

HOSTILE_TITLE = 'Evil <script>alert(1)</script> & "<img src=x onerror=alert(2)>": a \x01 title'


@pytest.fixture
def kg(listings, tiny_lexicon):
    records = list(read_inputs([listings]))
    records.append(Paper(id=paper_id(HOSTILE_TITLE), title=HOSTILE_TITLE,
                         abstract="We propose EvilNet </script><script>alert(3)</script> on ImageNet."))
    graph, _ = build_graph(records, RuleExtractor(tiny_lexicon))
    return graph


def xsd_schema() -> etree.XMLSchema:
    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            return self.resolve_filename(str(XSD_DIR / url.rsplit("/", 1)[-1]), context)

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "graphml.xsd"), parser))


def test_graphml_validates_against_schema_and_round_trips(kg, tmp_path):
    path = tmp_path / "graph.graphml"
    graphml.write(kg, path)
    schema = xsd_schema()
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(kg.nx.nodes)
    assert back.number_of_edges() == kg.nx.number_of_edges()
    paper = next(n for n, d in back.nodes(data=True) if d["type"] == "paper" and d["label"].startswith("Evil"))
    assert "<script>" in back.nodes[paper]["title"]
    assert all(d.get("relation") and d.get("sentence") for _, _, d in back.edges(data=True))
    assert json.loads(back.nodes["model:clip"]["aliases"]) == ["CLIP"]


def test_graphml_loads_in_igraph(kg, tmp_path):
    path = tmp_path / "graph.graphml"
    graphml.write(kg, path)
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (kg.nx.number_of_nodes(), kg.nx.number_of_edges())
    assert set(g.vs["type"]) >= {"paper", "method", "dataset"}


def test_turtle_parses_to_the_same_triples_in_rdflib_and_pyoxigraph(kg, tmp_path):
    path = tmp_path / "graph.ttl"
    rdf.write(kg, path)
    in_rdflib = rdflib.Graph().parse(path, format="turtle")
    in_oxigraph = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    as_nt = {str(t) + " ." for t in in_oxigraph}
    assert len(in_rdflib) == len(in_oxigraph) == len(as_nt)
    reparsed = rdflib.Graph().parse(data="\n".join(as_nt), format="nt")
    assert isomorphic(reparsed, in_rdflib)


def test_provenance_is_one_sparql_query(kg, tmp_path):
    path = tmp_path / "graph.ttl"
    rdf.write(kg, path)
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    rows = list(store.query("""
        PREFIX pkg: <https://w3id.org/paperkg/vocab#>
        SELECT ?sentence ?confidence WHERE {
          ?a rdf:subject ?paper ; rdf:predicate pkg:evaluatesOn ; rdf:object ?d ;
             pkg:evidence ?sentence ; pkg:confidence ?confidence .
          ?d skos:prefLabel "DomainBed" .
        }""", prefixes={"rdf": rdf.RDF, "skos": rdf.SKOS}))
    assert rows and "DomainBed" in rows[0]["sentence"].value


def test_html_is_offline_and_inert(kg, tmp_path, monkeypatch):
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    path = workdir / "graph.html"
    html.write(kg, path)
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page
    vis_js = (html.VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    # vis-network, the JSON data, our code: no script element comes from the input
    assert page.count("<script") == 3 + vis_js.count("<script")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert sorted(p.name for p in workdir.iterdir()) == ["graph.html"]  # no lib/ folder
    data = json.loads(re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == kg.nx.number_of_nodes() and len(data["edges"]) == kg.nx.number_of_edges()
    assert any(n["title"].startswith("Evil <script>") for n in data["nodes"])


def test_exporter_registry_names_choices():
    assert file_name("ttl") == "graph.ttl"
    with pytest.raises(ValueError, match=r"unknown format 'gml'; choose from \['graphml', 'html', 'jsonld', 'nt', 'ttl'\]"):
        exporter("gml")


def test_html_view_selects_a_part_and_says_so(kg):
    shown, notice = html.select(kg, html.View(focus="DomainBed", depth=1))
    assert {d["type"] for _, d in shown.nx.nodes(data=True)} == {"dataset", "paper"}
    assert notice.startswith(f"Showing {shown.nx.number_of_nodes()} of {kg.nx.number_of_nodes()} nodes: around DomainBed")
    capped, notice = html.select(kg, html.View(max_nodes=3))
    assert capped.nx.number_of_nodes() == 3 and "capped at the 3 most connected" in notice
    whole, notice = html.select(kg)
    assert whole is kg and notice == ""


def test_html_layout_is_deterministic(kg, tmp_path):
    html.write(kg, tmp_path / "a.html")
    html.write(kg, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
