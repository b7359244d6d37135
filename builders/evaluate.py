"""Accuracy against a gold file (the JSON Lines of ``shared/eval``), per type, relation and rule.

Follows the annotation guidelines' scoring: names compared after keeping only lower-case
letters and digits; an entity counts as found in a paper when any edge joins it to the
paper; relations are (paper, relation, entity), with ``extends`` edges of the paper's own
introduced entities counted for the paper. Spurious items are attributed to the rule
that made them, so a report says which rule to fix.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph.kg import KnowledgeGraph

TYPES = ("method", "dataset", "model")
RELATIONS = ("introduces", "uses", "evaluates_on", "extends")


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (paper, what, name)
    spurious: list[tuple[str, str, str, str]] = field(default_factory=list)  # (paper, what, name, rule)
    papers_missing: int = 0
    papers: int = 0

    def as_dict(self) -> dict:
        return {name: {"p": round(s.precision, 3), "r": round(s.recall, 3), "f1": round(s.f1, 3),
                       "tp": s.tp, "fp": s.fp, "fn": s.fn} for name, s in sorted(self.scores.items())}


def _predictions(kg: KnowledgeGraph):
    """Per normalised paper title: {(type, label): rule} and {(relation, label): rule}."""
    papers = {n: norm(d["title"]) for n, d in kg.nx.nodes(data=True) if d["type"] == "paper"}
    entities: dict[str, dict] = defaultdict(dict)
    triples: dict[str, dict] = defaultdict(dict)
    introduced = defaultdict(set)
    for head, tail, data in kg.nx.edges(data=True):
        if head in papers and data["relation"] == "introduces":
            introduced[tail].add(head)
    for head, tail, data in kg.nx.edges(data=True):
        rule = data["rule"]
        for paper, other in ((head, tail), (tail, head)):
            kind = kg.nx.nodes[other]["type"]
            if paper in papers and kind in TYPES:
                entities[papers[paper]].setdefault((kind, norm(kg.nx.nodes[other]["label"])), rule)
        if kg.nx.nodes[tail]["type"] not in TYPES or data["relation"] not in RELATIONS:
            continue
        label = norm(kg.nx.nodes[tail]["label"])
        heads = [head] if head in papers else (introduced[head] if data["relation"] == "extends" else [])
        for paper in heads:
            triples[papers[paper]].setdefault((data["relation"], label), rule)
    return entities, triples


def _match(gold: list[tuple[str, set[str]]], predicted: dict) -> tuple[int, list, list]:
    used: set = set()
    missed = []
    for key, aliases in gold:
        hit = next((p for p in sorted(predicted) if p not in used and p[0] == key and p[1] in aliases), None)
        if hit:
            used.add(hit)
        else:
            missed.append((key, sorted(aliases)[0] if aliases else ""))
    spurious = [(p, predicted[p]) for p in sorted(predicted) if p not in used]
    return len(used), missed, spurious


def evaluate(kg: KnowledgeGraph, gold_path: Path) -> Report:
    """Score ``kg`` against the gold file at ``gold_path``."""
    entities, triples = _predictions(kg)
    report = Report()
    for number, line in enumerate(Path(gold_path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{gold_path}:{number}: not valid JSON ({err.msg})") from None
        report.papers += 1
        key = norm(record["title"])
        if key not in {norm(d["title"]) for _, d in kg.nx.nodes(data=True) if d["type"] == "paper"}:
            report.papers_missing += 1
        aliases = {e["name"]: {norm(x) for x in [e["name"], *e.get("aliases", [])]} - {""}
                   for e in record["entities"]}
        gold_entities = [(e["type"], aliases[e["name"]]) for e in record["entities"]]
        gold_triples = [(rel, aliases[tail]) for rel, tail in
                        sorted({(r["rel"], r["tail"]) for r in record["relations"]})]
        found = entities.get(key, {})
        said = {t: rule for t, rule in triples.get(key, {}).items() if t[0] in RELATIONS}
        _score_group(report, "entity", TYPES, gold_entities, found, record["pid"])
        untyped = _match([("e", a) for _, a in gold_entities], {("e", n): r for (_, n), r in found.items()})
        _add(report.scores["entity:untyped"], *untyped)
        _score_group(report, "relation", RELATIONS, gold_triples, said, record["pid"])
    return report


def _score_group(report: Report, group: str, keys: tuple[str, ...], gold: list, predicted: dict, pid: str) -> None:
    """Score one paper per key (type or relation) and over all keys, keeping the misses."""
    for key in keys:
        tp, missed, spurious = _match([g for g in gold if g[0] == key], {p: r for p, r in predicted.items() if p[0] == key})
        _add(report.scores[f"{group}:{key}"], tp, missed, spurious)
    tp, missed, spurious = _match(gold, predicted)
    _add(report.scores[f"{group}:" + ("typed" if group == "entity" else "all")], tp, missed, spurious)
    what = "entity" if group == "entity" else "triple"
    report.missed += [(pid, f"{what} {k}", n) for k, n in missed]
    report.spurious += [(pid, f"{what} {k}", n, r) for (k, n), r in spurious]


def _add(score: Score, tp: int, missed: list, spurious: list) -> None:
    score.tp += tp
    score.fn += len(missed)
    score.fp += len(spurious)


def format_report(report: Report, details: bool = True) -> str:
    lines = [f"papers: {report.papers} gold, {report.papers_missing} missing from the graph",
             f"{'measure':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name, s in sorted(report.scores.items()):
        lines.append(f"{name:22} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5} {s.fp:5} {s.fn:5}")
    by_rule = Counter(rule.split("+")[0] for *_, rule in report.spurious)
    lines.append("spurious items by rule: " + ", ".join(f"{r} {n}" for r, n in by_rule.most_common()))
    if details:
        lines.append("")
        lines += [f"missed   {pid} {what:22} {name}" for pid, what, name in report.missed]
        lines += [f"spurious {pid} {what:22} {name:30} [{rule}]" for pid, what, name, rule in report.spurious]
    return "\n".join(lines)
