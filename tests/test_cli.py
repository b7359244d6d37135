"""The command line, run in-process through ``main(argv)``."""
import json

import pytest

from builders.cli import main
from graph.kg import KnowledgeGraph


@pytest.fixture(scope="module")
def bundled_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    assert main(["build", "--out", str(out)]) == 0
    return out


def test_build_of_bundled_listings_writes_three_formats_and_snapshot(bundled_build, capsys):
    assert sorted(p.name for p in bundled_build.iterdir()) == ["graph.graphml", "graph.html", "graph.json", "graph.ttl",
                                                             "papers.jsonl"]
    kg = KnowledgeGraph.load(bundled_build)
    assert kg.counts()["nodes"]["paper"] == 636


def test_summary_reports_entries_duplicates_kinds_relations_and_time(tmp_path, listings, capsys):
    assert main(["build", str(listings), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "entries read: 4, duplicates merged: 1, skipped: 0" in out
    assert "papers: 3" in out and "entities: " in out and "edges: " in out and "seconds: " in out


def test_build_is_deterministic(tmp_path, listings):
    for run in ("a", "b"):
        assert main(["build", str(listings), "--out", str(tmp_path / run)]) == 0
    for name in ("graph.ttl", "graph.graphml", "graph.html", "graph.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_format_option_limits_outputs(tmp_path, listings):
    out = tmp_path / "out"
    assert main(["build", str(listings), "--out", str(out), "--format", "ttl"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["graph.json", "graph.ttl", "papers.jsonl"]


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--format", "gml", "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "choose from ['graphml', 'html', 'jsonld', 'nt', 'ttl']" in capsys.readouterr().err


def test_bad_input_exits_1_naming_file_and_line_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Title\n\xff\xfe abstract\n")
    out = tmp_path / "out"
    assert main(["build", str(bad), "--out", str(out)]) == 1
    assert "bad.txt:2: not UTF-8" in capsys.readouterr().err
    assert not out.exists()


def test_min_confidence_drops_weak_edges(tmp_path, listings):
    assert main(["build", str(listings), "--out", str(tmp_path), "--min-confidence", "0.99"]) == 0
    data = json.loads((tmp_path / "graph.json").read_text())
    assert data["edges"] == []


def test_bundled_exports_hold_for_third_party_tools(bundled_build):
    import igraph
    import pyoxigraph as ox
    import rdflib
    from lxml import etree
    from rdflib.compare import isomorphic

    from test_exports import xsd_schema

    graphml = bundled_build / "graph.graphml"
    schema = xsd_schema()
    assert schema.validate(etree.parse(str(graphml))), schema.error_log
    kg = KnowledgeGraph.load(bundled_build)
    g = igraph.Graph.Read_GraphML(str(graphml))
    assert (g.vcount(), g.ecount()) == (kg.nx.number_of_nodes(), kg.nx.number_of_edges())
    ttl = bundled_build / "graph.ttl"
    in_rdflib = rdflib.Graph().parse(ttl, format="turtle")
    in_oxigraph = rdflib.Graph().parse(
        data="\n".join(f"{t} ." for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)), format="nt")
    assert len(in_rdflib) == len(in_oxigraph) and isomorphic(in_rdflib, in_oxigraph)


def test_show_stats_and_path_read_the_last_build(bundled_build, capsys):
    assert main(["show", "clip", "--graph", str(bundled_build)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CLIP  (model, model:clip)") and "uses (" in out and '"' in out
    assert main(["stats", "--graph", str(bundled_build), "--json", "--top", "3"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["nodes"]["paper"] == 636 and len(stats["top"]["dataset"]) == 3
    assert main(["path", "DomainBed", "CLIP", "--graph", str(bundled_build), "--json"]) == 0
    path = json.loads(capsys.readouterr().out)
    assert path["nodes"][0]["name"] == "DomainBed" and path["nodes"][-1]["name"] == "CLIP"


def test_show_of_an_unknown_name_suggests_and_exits_1(bundled_build, capsys):
    assert main(["show", "CLIPP", "--graph", str(bundled_build)]) == 1
    assert "did you mean CLIP" in capsys.readouterr().err


def test_questions_without_a_build_say_what_to_do(tmp_path, capsys):
    assert main(["stats", "--graph", str(tmp_path)]) == 1
    assert "run 'paperkg build' first" in capsys.readouterr().err


def test_progress_draws_only_on_a_terminal(listings, tmp_path, capsys):
    import io

    from builders.pipeline import BuildReport
    from builders.terminal import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    screen = Tty()
    progress = Progress(screen, interval=0)
    progress(BuildReport(entries_read=5), 3)
    progress.close()
    assert "entries read 5  papers 3" in screen.getvalue() and screen.getvalue().endswith("\n")
    assert main(["build", str(listings), "--out", str(tmp_path / "o")]) == 0
    assert capsys.readouterr().err == ""  # not a terminal: quiet


def test_page_options_draw_a_part_and_leave_other_formats_whole(tmp_path, listings):
    out = tmp_path / "out"
    assert main(["build", str(listings), "--out", str(out), "--focus", "DomainBed", "--kinds", "paper,dataset"]) == 0
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "Showing" in page and "around DomainBed" in page
    assert KnowledgeGraph.load(out).counts()["nodes"].get("model", 0) > 0  # the snapshot is whole


def test_store_answers_like_the_exported_file(tmp_path, listings, capsys):
    out, store = tmp_path / "out", tmp_path / "store"
    assert main(["build", str(listings), "--out", str(out), "--store", str(store)]) == 0
    query = "SELECT ?name WHERE { ?d a pkg:Dataset ; skos:prefLabel ?name } ORDER BY ?name"
    capsys.readouterr()
    assert main(["sparql", "--store", str(store), query, "--format", "csv"]) == 0
    from_store = capsys.readouterr().out
    assert main(["sparql", str(out), query, "--format", "csv"]) == 0
    assert capsys.readouterr().out == from_store and "DomainBed" in from_store
    assert main(["build", str(listings), "--out", str(out), "--store", str(store)]) == 0  # rebuilt in place
    assert main(["sparql", "--store", str(store), "DELETE WHERE { ?s ?p ?o }"]) == 1  # read-only


def test_store_refuses_a_directory_that_is_not_a_store(tmp_path, listings, capsys):
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    assert main(["build", str(listings), "--out", str(tmp_path / "out"), "--store", str(other)]) == 1
    assert "not a paperkg store" in capsys.readouterr().err
    assert (other / "notes.txt").read_text() == "keep me" and not (tmp_path / "out").exists()
    assert main(["sparql", "--store", str(tmp_path / "nowhere"), "ASK { ?s ?p ?o }"]) == 1
