"""Research questions a field-mapper asks, each one call, each answer with its evidence.

    python examples/research_questions.py
"""
from builders import build
from graph import query

kg = build()

print("Most used datasets:")
for row in query.ranked(kg, kind="dataset", top=5):
    print(f"  {row.papers:3}  {row.entity.name}")

print("\nDatasets used together:")
for pair in query.co_usage(kg, kind="dataset", min_papers=2, top=5):
    print(f"  {pair.papers:3}  {pair.first.name} + {pair.second.name}")

print("\nLineage of CLIP (what extends it, and what extends those):")
for ext in query.extensions(kg, "CLIP", transitive=True)[:8]:
    print(f"  {'  ' * (ext.depth - 1)}{ext.entity.name} extends {ext.extends.name}")

print("\nWhy does the graph say a paper uses LoRA?")
paper = query.papers_using(kg, "LoRA")[0]
for edge in query.evidence(kg, paper.paper_id, "LoRA"):
    print(f"  {edge.relation.value} ({edge.evidence.confidence:.2f}, rule {edge.evidence.rule})")
    print(f"  \"{edge.evidence.sentence}\"")

print("\nHow do DomainBed and BERT connect?")
for step in query.connection(kg, "DomainBed", "BERT").steps:
    print(f"  {kg.nx.nodes[step.source]['label'][:50]} -{step.relation}-> {kg.nx.nodes[step.target]['label'][:50]}")
