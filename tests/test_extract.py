from builders.extract import RuleExtractor
from graph.ids import paper_id
from graph.schema import Paper, Relation


def _extract(lexicon, title, abstract):
    paper = Paper(id=paper_id(title), title=title, abstract=abstract)
    result = RuleExtractor(lexicon).extract(paper)
    names = {e.id: e for e in result.entities}
    return paper, result, {(a.head if a.head != paper.id else "PAPER", a.relation.value, a.tail)
                           for a in result.assertions}, names


def test_title_name_is_introduced_and_derived_name_extends(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "CLIPood: Generalizing CLIP to Out-of-Distributions",
                                "We propose CLIPood. Experiments on DomainBed show gains.")
    assert ("PAPER", "introduces", "method:clipood") in triples
    assert ("method:clipood", "extends", "model:clip") in triples
    assert ("PAPER", "evaluates_on", "dataset:domainbed") in triples


def test_acronym_definition_binds_both_forms(tiny_lexicon):
    _, _, triples, names = _extract(tiny_lexicon, "Flat minima for transfer",
                                    "We propose Trust Region Aware Minimization (TRAM) for fine-tuning.")
    assert ("PAPER", "introduces", "method:tram") in triples
    assert "Trust Region Aware Minimization" in names["method:tram"].aliases


def test_competitor_is_compared_not_used(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "RankT5: Fine-Tuning T5 for Text Ranking",
                                "We fine-tune T5 on MS MARCO. RankT5 outperforms BM25 on BEIR.")
    assert ("PAPER", "uses", "model:t5") in triples
    assert ("PAPER", "compares_with", "method:bm25") in triples
    assert ("PAPER", "uses", "method:bm25") not in triples
    assert ("PAPER", "uses", "dataset:ms-marco") in triples


def test_context_decides_an_ambiguous_alias(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Better optimizers",
                                "SAM seeks flat minima of the loss sharpness; we use SAM as the optimizer.")
    tails = {t for _, _, t in triples}
    assert "method:sam-sharpness-aware-minimization" in tails and "model:segment-anything" not in tails


def test_every_assertion_points_at_its_sentence(tiny_lexicon):
    paper, result, _, _ = _extract(tiny_lexicon, "RankT5: Fine-Tuning T5 for Text Ranking",
                                   "Ranking matters. We fine-tune T5 on MS MARCO.")
    for assertion in result.assertions:
        ev = assertion.evidence
        text = paper.title if ev.field == "title" else paper.abstract
        assert text[ev.start:ev.end] == ev.sentence
        assert 0 < ev.confidence <= 1 and ev.rule
