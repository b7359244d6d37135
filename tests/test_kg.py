import json

import pytest

from graph.ids import entity_id, paper_id
from graph.kg import KnowledgeGraph
from graph.schema import Assertion, Entity, EntityKind, Evidence, Paper, Relation


def _graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    paper = Paper(id=paper_id("RankT5"), title="RankT5", abstract="We fine-tune T5.", sources=("a.txt:1",))
    kg.add_paper(paper)
    kg.add_entity(Entity(id=entity_id("model", "T5"), kind=EntityKind.MODEL, name="T5", aliases=("T5",)))
    evidence = Evidence(paper_id=paper.id, sentence="We fine-tune T5.", start=0, end=16, rule="cue-use", confidence=0.7)
    kg.add_assertion(Assertion(head=paper.id, relation=Relation.USES, tail="model:t5", evidence=evidence))
    return kg


def test_repeated_triple_keeps_best_evidence_and_counts_support():
    kg = _graph()
    paper = next(kg.papers())
    better = Evidence(paper_id=paper.id, sentence="T5 backbone.", start=20, end=32, rule="cue-after-use", confidence=0.9)
    kg.add_assertion(Assertion(head=paper.id, relation=Relation.USES, tail="model:t5", evidence=better))
    (edge,) = kg.assertions()
    assert edge.evidence.sentence == "T5 backbone."
    assert kg.nx.edges[paper.id, "model:t5", "uses"]["support"] == 2


def test_entity_merge_never_crosses_kinds():
    kg = _graph()
    with pytest.raises(ValueError, match="is a model, not a dataset"):
        kg.add_entity(Entity(id="model:t5", kind=EntityKind.DATASET, name="T5"))


def test_edge_to_unknown_node_is_refused():
    kg = _graph()
    paper = next(kg.papers())
    evidence = Evidence(paper_id=paper.id, sentence="s", start=0, end=1, rule="r", confidence=0.5)
    with pytest.raises(KeyError, match="dataset:x"):
        kg.add_assertion(Assertion(head=paper.id, relation=Relation.USES, tail="dataset:x", evidence=evidence))


def test_snapshot_round_trip(tmp_path):
    kg = _graph()
    kg.save(tmp_path / "graph.json")
    again = KnowledgeGraph.load(tmp_path)
    assert again.to_dict() == kg.to_dict()
    assert list(again.assertions()) == list(kg.assertions())


def test_loading_something_else_says_what_it_is(tmp_path):
    (tmp_path / "graph.json").write_text(json.dumps({"format": "other"}))
    with pytest.raises(ValueError, match="not a paperkg-snapshot"):
        KnowledgeGraph.load(tmp_path / "graph.json")


def test_ids_are_stable_and_nmtoken_safe():
    assert paper_id("A: B") == paper_id("a b")
    assert entity_id("model", "ViT-B/16") == "model:vit-b-16"
    assert entity_id("method", "Ω∑") .startswith("method:x")
