"""``build --stream``: the same graph as the whole-graph build, written as papers are
extracted; GraphML that validates and loads in igraph; deterministic for any worker count."""
import igraph
import networkx as nx
import pyoxigraph as ox
from lxml import etree

from builders.cli import main
from conftest import REPO
from test_exports import xsd_schema

INPUTS = REPO / "tests" / "data" / "inputs"


def _triples(path):
    return sorted(map(str, ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)))


def test_stream_build_holds_the_same_graph(tmp_path, listings):
    whole, stream = tmp_path / "whole", tmp_path / "stream"
    assert main(["build", str(listings), str(INPUTS), "--out", str(whole), "--format", "nt,graphml"]) == 1
    assert main(["build", str(listings), str(INPUTS), "--out", str(stream), "--stream"]) == 1  # same skips
    assert sorted(p.name for p in stream.iterdir()) == ["graph.graphml", "graph.nt"]
    assert _triples(stream / "graph.nt") == _triples(whole / "graph.nt")
    a = nx.read_graphml(stream / "graph.graphml", force_multigraph=True)
    b = nx.read_graphml(whole / "graph.graphml", force_multigraph=True)
    assert set(a.nodes) == set(b.nodes)
    for node in a.nodes:  # aliases may come in another order: papers arrive in reading order
        assert {k: v for k, v in a.nodes[node].items() if k != "aliases"} == \
            {k: v for k, v in b.nodes[node].items() if k != "aliases"}
    assert sorted((u, v, sorted(d.items())) for u, v, d in a.edges(data=True)) == \
        sorted((u, v, sorted(d.items())) for u, v, d in b.edges(data=True))


def test_stream_graphml_validates_and_loads_in_igraph(tmp_path, listings):
    out = tmp_path / "out"
    assert main(["build", str(listings), "--out", str(out), "--stream", "--format", "graphml"]) == 0
    assert xsd_schema().validate(etree.parse(str(out / "graph.graphml")))
    graph = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert graph.vcount() > 0 and graph.ecount() > 0


def test_stream_is_deterministic_across_workers(tmp_path, listings):
    files = []
    for workers in ("1", "2"):
        out = tmp_path / workers
        assert main(["build", str(listings), "--out", str(out), "--stream", "--workers", workers]) == 0
        files.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert files[0] == files[1]


def test_stream_refuses_formats_it_cannot_stream(tmp_path, listings, capsys):
    assert main(["build", str(listings), "--out", str(tmp_path / "o"), "--stream", "--format", "html"]) == 1
    assert "--stream writes only" in capsys.readouterr().err
