"""Query functions on a tiny graph built by the real pipeline from two listings."""
import pytest

from builders.extract import RuleExtractor
from builders.pipeline import build_graph
from builders.readers import read_inputs
from exports import graphml
from graph import query as q
from graph.kg import KnowledgeGraph


@pytest.fixture
def kg(listings, tiny_lexicon):
    graph, _ = build_graph(read_inputs([listings]), RuleExtractor(tiny_lexicon))
    return graph


def test_names_resolve_through_aliases_case_insensitively(kg):
    assert q.resolve(kg, "ms-marco") == "dataset:ms-marco"
    assert q.resolve(kg, "domainbed") == "dataset:domainbed"


def test_a_miss_suggests_near_names(kg):
    with pytest.raises(q.NotFound, match=r"no method/dataset/model named 'CLIPP'; did you mean CLIP.*CLIPood"):
        q.resolve(kg, "CLIPP")


def test_papers_by_relation_carry_their_sentence(kg):
    (link,) = q.papers_evaluating_on(kg, "DomainBed")
    assert link.title.startswith("CLIPood") and "DomainBed" in link.sentence
    assert [p.title.split(":")[0] for p in q.papers_using(kg, "T5")] == ["RankT5"]
    assert [p.title.split(":")[0] for p in q.papers_introducing(kg, "TRAM")] == ["TRAM"]


def test_extensions_directly_and_transitively(kg):
    assert {e.entity.name for e in q.extensions(kg, "CLIP")} == {"CLIPood"}
    lineage = q.extensions(kg, "T5", transitive=True)
    assert [e.entity.name for e in lineage] == ["RankT5"] and lineage[0].depth == 1


def test_ranked_datasets_and_co_usage(kg):
    top = q.ranked(kg, kind="dataset")
    assert [r.entity.name for r in top] == ["BEIR", "DomainBed", "ImageNet", "MS MARCO"]  # ties by name
    assert all(r.papers == 1 and r.entity.kind == "dataset" for r in top)
    pairs = q.co_usage(kg, kind="dataset", min_papers=1)
    assert any({p.first.name, p.second.name} == {"MS MARCO", "BEIR"} for p in pairs)


def test_evidence_answers_why(kg):
    (edge,) = q.evidence(kg, "RankT5: Fine-Tuning T5 for Text Ranking", "T5", relation="uses")
    assert "Fine-Tuning T5" in edge.evidence.sentence or "fine-tune T5" in edge.evidence.sentence
    assert edge.evidence.rule.startswith("cue-use") and edge.evidence.confidence > 0.5


def test_connection_walks_through_a_paper(kg):
    path = q.connection(kg, "BEIR", "T5")
    assert [n.kind for n in path.nodes] == ["dataset", "paper", "model"]
    assert [s.relation for s in path.steps] == ["evaluates_on", "uses"]


def test_subgraphs_by_neighbourhood_and_kind(kg):
    around = q.neighbourhood(kg, "DomainBed", depth=1)
    assert {d["type"] for _, d in around.nx.nodes(data=True)} == {"dataset", "paper"}
    only = q.of_kinds(kg, ["paper", "dataset"])
    assert {d["type"] for _, d in only.nx.nodes(data=True)} == {"paper", "dataset"}
    with pytest.raises(ValueError, match="choose from"):
        q.of_kinds(kg, ["task"])


def test_graphml_loads_back_into_the_same_queries(kg, tmp_path):
    graphml.write(kg, tmp_path / "g.graphml")
    again = KnowledgeGraph.load(tmp_path / "g.graphml")
    assert again.counts() == kg.counts()
    assert q.papers_evaluating_on(again, "DomainBed") == q.papers_evaluating_on(kg, "DomainBed")
