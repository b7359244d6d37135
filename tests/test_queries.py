"""The competency questions in examples/queries/*.rq, on the bundled graph, through rdflib
and pyoxigraph alike, each answer checked against the same question asked in Python."""
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from builders import build
from conftest import REPO
from exports import rdf
from graph import query

QUERIES = sorted((REPO / "examples" / "queries").glob("*.rq"))
NEEDS_DATES = {"15_datasets_by_year.rq"}  # tested on dated inputs in test_incremental.py


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    kg = build()
    path = tmp_path_factory.mktemp("rdf") / "graph.ttl"
    rdf.write(kg, path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return kg, rdflib.Graph().parse(path, format="turtle"), store


_ANSWERS: dict[str, list] = {}  # each query runs once per session (rdflib's self-join takes seconds)


def _rows(bundled, name):
    if name not in _ANSWERS:
        _ANSWERS[name] = _answer(bundled, name)
    return _ANSWERS[name]


def _answer(bundled, name):
    _, graph, store = bundled
    text = (REPO / "examples" / "queries" / name).read_text(encoding="utf-8")
    in_rdflib = [tuple(None if v is None else str(v) for v in row) for row in graph.query(text)]
    solutions = store.query(text)
    names = [v.value for v in solutions.variables]
    in_oxigraph = [tuple(None if s[n] is None else s[n].value for n in names) for s in solutions]
    assert in_rdflib == in_oxigraph, name  # same rows, same order, in both engines
    return in_oxigraph


def _titles(kg, relation, entity):
    return sorted(kg.nx.nodes[p]["title"] for p, _, d in kg.nx.in_edges(entity, data=True) if d["relation"] == relation)


def test_there_are_at_least_twelve_questions():
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("path", [q for q in QUERIES if q.name not in NEEDS_DATES], ids=lambda p: p.stem)
def test_every_query_answers_the_same_in_both_engines(bundled, path):
    assert _rows(bundled, path.name)  # and every question has an answer on the bundled graph


def test_01_papers_evaluating_on_a_dataset(bundled):
    kg = bundled[0]
    rows = _rows(bundled, "01_papers_evaluating_on_dataset.rq")
    assert [t for _, t in rows] == sorted(link.title for link in query.papers_evaluating_on(kg, "DomainBed"))


def test_02_transitive_extensions(bundled):
    kg = bundled[0]
    rows = _rows(bundled, "02_what_extends_clip.rq")
    assert sorted(n for _, n in rows) == sorted({e.entity.name for e in query.extensions(kg, "CLIP", transitive=True)})


@pytest.mark.parametrize("name,kind,relations", [("03_most_used_datasets.rq", "dataset", ("uses", "evaluates_on")),
                                                 ("04_most_used_models.rq", "model", ("uses",))])
def test_03_04_rankings(bundled, name, kind, relations):
    kg = bundled[0]
    expected = {r.entity.name: r.papers for r in query.ranked(kg, kind=kind, relations=relations, top=None)}
    rows = _rows(bundled, name)
    assert len(rows) == 10 and all(expected[n] == int(c) for _, n, c in rows)
    assert [int(c) for *_, c in rows] == sorted(expected.values(), reverse=True)[:10]


def test_05_datasets_used_together(bundled):
    kg = bundled[0]
    expected = {(frozenset((p.first.name, p.second.name)), p.papers)
                for p in query.co_usage(kg, kind="dataset", min_papers=2, top=None)}
    assert {(frozenset((a, b)), int(n)) for a, b, n in _rows(bundled, "05_datasets_used_together.rq")} == expected


def test_06_uses_one_and_evaluates_on_another(bundled):
    kg = bundled[0]
    expected = set()
    for paper in _titles(kg, "uses", "model:clip"):
        node = next(n for n, d in kg.nx.nodes(data=True) if d.get("title") == paper)
        for _, d, e in kg.nx.out_edges(node, data=True):
            if e["relation"] == "evaluates_on" and kg.nx.nodes[d]["label"].startswith("ImageNet"):
                expected.add((paper, kg.nx.nodes[d]["label"]))
    assert set(_rows(bundled, "06_uses_x_evaluates_on_y.rq")) == expected


def test_07_evidence_behind_edges(bundled):
    kg = bundled[0]
    rows = _rows(bundled, "07_evidence_behind_an_edge.rq")
    assert sorted(r[0] for r in rows) == sorted(link.title for link in query.papers_using(kg, "LoRA"))
    assert all(r[1] and 0 < float(r[2]) <= 1 and r[3] for r in rows)


def test_08_papers_with_code(bundled):
    kg = bundled[0]
    expected = {(d["title"], url) for _, d in kg.nx.nodes(data=True) if d["type"] == "paper" for url in d["code_urls"]}
    assert set(_rows(bundled, "08_papers_with_code.rq")) == expected


def test_09_alias_lookup(bundled):
    assert _rows(bundled, "09_entities_by_alias.rq") == [(rdf.DEFAULT_BASE + "model/clip", "CLIP")]


@pytest.mark.parametrize("name,relation,kind", [("10_introduced_datasets.rq", "introduces", "dataset")])
def test_10_introduced_datasets(bundled, name, relation, kind):
    kg = bundled[0]
    expected = {(kg.nx.nodes[t]["label"], kg.nx.nodes[h]["title"]) for h, t, d in kg.nx.edges(data=True)
                if d["relation"] == relation and kg.nx.nodes[t]["type"] == kind}
    assert set(_rows(bundled, name)) == expected


def test_11_new_methods_extending_models(bundled):
    kg = bundled[0]
    introduced = {t for _, t, d in kg.nx.edges(data=True) if d["relation"] == "introduces"}
    expected = {(kg.nx.nodes[h]["label"], kg.nx.nodes[t]["label"]) for h, t, d in kg.nx.edges(data=True)
                if d["relation"] == "extends" and h in introduced and kg.nx.nodes[t]["type"] == "model"}
    assert set(_rows(bundled, "11_new_methods_extending_models.rq")) == expected


def test_12_competitors(bundled):
    assert [t for (t,) in _rows(bundled, "12_competitors_of_a_method.rq")] == _titles(bundled[0], "compares_with", "method:bm25")


def test_13_assertions_by_rule(bundled):
    counts = Counter(d["rule"] for _, _, d in bundled[0].nx.edges(data=True))
    expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    assert [(r, int(n)) for r, n in _rows(bundled, "13_assertions_by_rule.rq")] == expected


def test_14_weak_edges(bundled):
    weak = [d for h, t, d in bundled[0].nx.edges(data=True)
            if d["confidence"] < 0.6 and bundled[0].nx.nodes[h]["type"] == "paper"]
    assert len(_rows(bundled, "14_weak_edges.rq")) == len(weak)
