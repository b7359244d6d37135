"""The RDF side: vocabulary, SHACL conformance, formats, IRIs, VoID and the sparql command."""
import json

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from rdflib.compare import isomorphic

from builders.cli import main
from exports import rdf, sparql

PKG = rdflib.Namespace(rdf.VOCAB)


@pytest.fixture
def build_dir(tmp_path, listings):
    out = tmp_path / "out"
    assert main(["build", str(listings), "--out", str(out), "--format", "ttl,nt,jsonld"]) == 0
    return out


def test_vocabulary_labels_and_comments_every_term():
    vocab = rdflib.Graph().parse(rdf.VOCAB_FILE, format="turtle")
    terms = {s for s in vocab.subjects() if str(s).startswith(rdf.VOCAB)}
    assert {PKG.Paper, PKG.Method, PKG.Dataset, PKG.Model, PKG.CodeRepository, PKG.uses, PKG.evaluatesOn,
            PKG.extends, PKG.introduces, PKG.mentions, PKG.hasCode} <= terms
    for term in terms:
        assert vocab.value(term, rdflib.RDFS.label) and vocab.value(term, rdflib.RDFS.comment), term


def test_exported_graph_uses_only_declared_terms(build_dir):
    vocab = rdflib.Graph().parse(rdf.VOCAB_FILE, format="turtle")
    declared = {s for s in vocab.subjects() if str(s).startswith(rdf.VOCAB)}
    data = rdflib.Graph().parse(build_dir / "graph.ttl", format="turtle")
    used = {t for triple in data for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(rdf.VOCAB)}
    assert used <= declared, used - declared


def _conforms(data: rdflib.Graph) -> tuple[bool, str]:
    data.parse(rdf.VOCAB_FILE, format="turtle")  # subclass links, so sh:class sees Method as an Entity
    shapes = rdflib.Graph().parse(rdf.SHAPES_FILE, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, text


def test_bundled_export_conforms_to_the_shapes(tmp_path):
    out = tmp_path / "bundled"
    assert main(["build", "--out", str(out), "--format", "ttl"]) == 0
    conforms, report = _conforms(rdflib.Graph().parse(out / "graph.ttl", format="turtle"))
    assert conforms, report


def test_shapes_catch_an_assertion_without_evidence(build_dir):
    data = rdflib.Graph().parse(build_dir / "graph.ttl", format="turtle")
    assertion = next(data.subjects(rdflib.RDF.type, PKG.Assertion))
    data.remove((assertion, PKG.evidence, None))
    conforms, report = _conforms(data)
    assert not conforms and "evidence" in report


def test_three_formats_hold_the_same_graph(build_dir):
    ttl = rdflib.Graph().parse(build_dir / "graph.ttl", format="turtle")
    nt = rdflib.Graph().parse(build_dir / "graph.nt", format="nt")
    jsonld = rdflib.Graph().parse(build_dir / "graph.jsonld", format="json-ld")  # inline context: no fetch
    assert isomorphic(ttl, nt) and isomorphic(ttl, jsonld)
    in_oxigraph = list(ox.parse(path=str(build_dir / "graph.jsonld"), format=ox.RdfFormat.JSON_LD))
    assert len(in_oxigraph) == len(ttl)
    context = json.loads((build_dir / "graph.jsonld").read_text())["@context"]
    assert all(isinstance(v, str) and v.startswith("http") for v in context.values())


def test_void_counts_what_the_file_holds(build_dir):
    data = rdflib.Graph().parse(build_dir / "graph.ttl", format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = next(data.subjects(rdflib.RDF.type, void.Dataset))
    assert int(data.value(dataset, void.triples)) == len(data)
    assert data.value(dataset, rdflib.DCTERMS.created) is None  # deterministic unless --created


def test_base_iri_and_external_ids(tmp_path, listings):
    out = tmp_path / "o"
    assert main(["build", str(listings), "--out", str(out), "--format", "ttl", "--base-iri", "https://example.org/kg#"]) == 0
    data = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert (rdflib.URIRef("https://example.org/kg#model/clip"), rdflib.RDF.type, PKG.Model) in data


def test_same_as_links_for_known_ids():
    from builders import build

    triples = rdf.to_triples(build(), rdf.DEFAULT_BASE)
    clip = ox.NamedNode(rdf.DEFAULT_BASE + "model/clip")
    same = {str(t.object) for t in triples if t.subject == clip and t.predicate.value.endswith("sameAs")}
    assert "<https://paperswithcode.com/method/clip>" in same
    assert "<https://huggingface.co/openai/clip-vit-base-patch32>" in same


def test_bad_base_iri_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--out", str(tmp_path), "--base-iri", "not an iri"])
    assert exit_info.value.code == 2 and "absolute http(s) IRI" in capsys.readouterr().err


@pytest.mark.parametrize("query,word", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
])
def test_sparql_refuses_remote_and_updates(build_dir, capsys, query, word):
    assert main(["sparql", str(build_dir), query]) == 1
    assert f"{word} is not allowed" in capsys.readouterr().err


def test_sparql_keywords_inside_strings_are_fine():
    sparql.check('SELECT * WHERE { ?s ?p "please INSERT a SERVICE" } # DELETE in a comment')


def test_sparql_formats_and_limits(build_dir, capsys):
    q = "SELECT ?name WHERE { ?d a pkg:Dataset ; skos:prefLabel ?name } ORDER BY ?name"
    assert main(["sparql", str(build_dir / "graph.ttl"), q, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["name", "BEIR"]
    assert main(["sparql", str(build_dir / "graph.nt"), q, "--format", "json", "--limit", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["head"]["vars"] == ["name"] and len(result["results"]["bindings"]) == 1
    assert main(["sparql", str(build_dir), "ASK { ?s a pkg:Paper }"]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["sparql", str(build_dir), q]) == 0
    assert "rows)" in capsys.readouterr().out


def test_sparql_on_a_missing_file_says_so(tmp_path, capsys):
    assert main(["sparql", str(tmp_path / "nope.ttl"), "ASK {}"]) == 1
    assert "no such file" in capsys.readouterr().err
