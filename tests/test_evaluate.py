import json

from builders.cli import main
from builders.evaluate import evaluate
from builders.extract import RuleExtractor
from builders.pipeline import build_graph
from builders.readers import read_inputs


def _gold(tmp_path, records):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_scores_follow_the_guidelines_and_name_the_rule_of_spurious_items(tmp_path, listings, tiny_lexicon):
    kg, _ = build_graph(read_inputs([listings]), RuleExtractor(tiny_lexicon))
    gold = _gold(tmp_path, [{
        "pid": "P1", "title": "RankT5: Fine-Tuning T5 for Text Ranking",
        "entities": [{"name": "RankT5", "type": "method", "aliases": ["RankT5"]},
                     {"name": "T5", "type": "model", "aliases": ["T5"]},
                     {"name": "MS MARCO", "type": "dataset", "aliases": ["MS MARCO", "MSMARCO"]},
                     {"name": "Natural Questions", "type": "dataset", "aliases": ["NQ"]}],
        "relations": [{"head": "PAPER", "rel": "introduces", "tail": "RankT5"},
                      {"head": "RankT5", "rel": "extends", "tail": "T5"},
                      {"head": "PAPER", "rel": "uses", "tail": "T5"}]}])
    report = evaluate(kg, gold)
    scores = report.as_dict()
    assert scores["relation:introduces"]["tp"] == 1 and scores["relation:extends"]["tp"] == 1
    assert scores["entity:dataset"]["fn"] == 1  # Natural Questions is not in the text we built
    assert ("P1", "entity dataset", "naturalquestions") in report.missed
    assert all(rule for *_, rule in report.spurious)


def test_eval_command_prints_measures(tmp_path, listings, capsys):
    gold = _gold(tmp_path, [{"pid": "P1", "title": "RankT5: Fine-Tuning T5 for Text Ranking",
                             "entities": [], "relations": []}])
    assert main(["eval", str(gold), str(listings), "--summary"]) == 0
    out = capsys.readouterr().out
    assert "relation:introduces" in out and "entity:typed" in out
