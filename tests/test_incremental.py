"""One graph from many sources, kept up to date: identity and merging across inputs,
``build --into`` (reuse, idempotence, the same graph as building everything at once),
and paper metadata in every export."""
import json

import pyoxigraph as ox
import pytest
import rdflib

from builders.cli import main
from builders.pipeline import BuildReport, merge_papers
from builders.readers import make_paper, read_inputs
from conftest import REPO
from exports import rdf
from graph.kg import KnowledgeGraph

ABSTRACT = "We propose CLIPood, a fine-tuning method that adapts CLIP. Experiments on DomainBed show gains."


def test_same_paper_from_three_sources_is_one_node_with_the_union_of_what_they_say():
    records = [
        make_paper("a.txt:3", "CLIPood: Generalizing CLIP", ABSTRACT),
        make_paper("b.jsonl:1", "CLIPood - generalizing CLIP", ABSTRACT + " More text.", arxiv_id="2301.00001v2",
                   date="2023-01-02", authors=["Ada Lovelace"]),
        make_paper("c.bib:7", "Another title entirely", ABSTRACT, doi="https://doi.org/10.1234/XYZ",
                   arxiv_id="arXiv:2301.00001", venue="ICML", authors=["Ada Lovelace", "Alan Turing"]),
    ]
    report = BuildReport()
    papers = merge_papers(records, report)
    assert len(papers) == 1 and report.duplicates_merged == 2
    paper = papers[0]
    assert paper.id == "paper:arxiv-2301.00001"
    assert paper.title == "CLIPood: Generalizing CLIP"  # the first source's title
    assert paper.abstract.endswith("More text.")  # the longest abstract
    assert paper.sources == ("a.txt:3", "b.jsonl:1", "c.bib:7")
    assert (paper.doi, paper.venue, paper.date) == ("10.1234/xyz", "ICML", "2023-01-02")
    assert paper.authors == ("Ada Lovelace", "Alan Turing")
    assert report.abstract_conflicts  # the sources disagree on the text, and the report says so


def test_same_title_with_different_arxiv_ids_stays_two_papers():
    records = [make_paper("a:1", "Introduction", ABSTRACT, arxiv_id="2301.00001"),
               make_paper("b:1", "Introduction", ABSTRACT, arxiv_id="2301.00002")]
    assert len(merge_papers(records, BuildReport())) == 2


def test_a_record_that_links_two_papers_joins_them():
    records = [make_paper("a:1", "Title One", ABSTRACT),
               make_paper("b:1", "Title Two", ABSTRACT, arxiv_id="2301.00001"),
               make_paper("c:1", "Title One", ABSTRACT, arxiv_id="2301.00001")]
    papers = merge_papers(records, BuildReport())
    assert [p.id for p in papers] == ["paper:arxiv-2301.00001"]
    assert papers[0].sources == ("a:1", "b:1", "c:1")


@pytest.fixture
def split_inputs(tmp_path, listings):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a_spaced.txt").write_bytes((listings / "a_spaced.txt").read_bytes())
    (second / "b_dense.txt").write_bytes((listings / "b_dense.txt").read_bytes())
    return first, second


def _files(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_into_adds_papers_and_equals_building_everything_at_once(tmp_path, split_inputs, listings, capsys):
    first, second = split_inputs
    together, step = tmp_path / "together", tmp_path / "step"
    assert main(["build", str(first), str(second), "--out", str(together), "--format", "ttl,nt,graphml,html"]) == 0
    assert main(["build", str(first), "--out", str(step), "--format", "ttl,nt,graphml,html"]) == 0
    capsys.readouterr()
    assert main(["build", str(second), "--into", str(step)]) == 0  # formats already there are kept current
    report = capsys.readouterr().out
    assert "changes: papers added 1, papers updated 1" in report  # TRAM is new; CLIPood gains a source
    assert _files(step) == _files(together)

    assert main(["build", str(second), "--into", str(step)]) == 0  # again: nothing changes
    report = capsys.readouterr().out
    assert "papers extracted: 0" in report and "edges added 0, edges removed 0" in report
    assert _files(step) == _files(together)


def test_into_reextracts_everything_when_the_lexicon_changes(tmp_path, split_inputs, capsys):
    first, second = split_inputs
    out, extra = tmp_path / "out", tmp_path / "lexicon"
    extra.mkdir()
    (extra / "mine.jsonl").write_text(json.dumps({"id": "method:tram", "kind": "method", "name": "TRAM"}) + "\n")
    assert main(["build", str(first), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["build", str(second), "--into", str(out), "--lexicon", str(extra)]) == 0
    assert "papers extracted: 3 " in capsys.readouterr().out  # every paper, old ones too


def test_into_needs_an_earlier_build(tmp_path, listings, capsys):
    assert main(["build", str(listings), "--into", str(tmp_path / "empty")]) == 1
    assert "no build state here" in capsys.readouterr().err


DATED = REPO / "tests" / "data" / "inputs"


@pytest.fixture(scope="module")
def dated_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("dated")
    # the inputs hold deliberately broken entries: skipped, reported, exit 1, the rest built
    assert main(["build", str(DATED), "--out", str(out), "--format", "ttl,graphml"]) == 1
    return out


def test_metadata_reaches_the_graph_and_graphml(dated_graph):
    kg = KnowledgeGraph.load(dated_graph)
    dated = [p for p in kg.papers() if p.date]
    assert dated and any(p.authors for p in dated) and any(p.venue for p in dated)
    back = KnowledgeGraph.from_graphml(dated_graph / "graph.graphml")
    assert {p.id: (p.date, p.authors, p.venue, p.arxiv_id) for p in back.papers()} == \
        {p.id: (p.date, p.authors, p.venue, p.arxiv_id) for p in kg.papers()}


def test_datasets_by_year_is_one_query_in_both_engines(dated_graph):
    text = (REPO / "examples" / "queries" / "15_datasets_by_year.rq").read_text(encoding="utf-8")
    path = dated_graph / "graph.ttl"
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    in_oxigraph = [tuple(s[v].value for v in ("year", "name", "papers")) for s in store.query(text)]
    in_rdflib = [tuple(str(v) for v in row) for row in rdflib.Graph().parse(path).query(text)]
    assert in_oxigraph == in_rdflib and in_oxigraph
    kg = KnowledgeGraph.load(dated_graph)
    expected = {(p.date[:4], kg.nx.nodes[d]["label"]) for p in kg.papers() if p.date
                for _, d, r in kg.nx.out_edges(p.id, data="relation") if r == "evaluates_on"}
    assert {(year, name) for year, name, _ in in_oxigraph} == expected


def test_rdf_metadata_uses_standard_terms(dated_graph):
    graph = rdflib.Graph().parse(dated_graph / "graph.ttl")
    schema, dcterms = rdflib.Namespace("https://schema.org/"), rdflib.Namespace("http://purl.org/dc/terms/")
    authors = set(graph.objects(None, schema.author))
    assert authors and all((a, rdflib.RDF.type, schema.Person) in graph for a in authors)
    dates = set(graph.objects(None, dcterms.date))
    assert dates and all(d.datatype in (rdflib.XSD.date, rdflib.XSD.gYearMonth, rdflib.XSD.gYear) for d in dates)
    assert any(str(o).startswith("https://arxiv.org/abs/") for o in graph.objects(None, schema.sameAs))
