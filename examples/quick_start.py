"""Quick start: build the graph of the bundled listings in memory and ask it two questions.

    python examples/quick_start.py
"""
from builders import build
from graph import query

kg = build()  # the five bundled Hugging Face listing pages; no network, no model weights
print("graph:", kg.counts())

print("\nPapers that evaluate on DomainBed:")
for link in query.papers_evaluating_on(kg, "DomainBed"):
    print(f"  {link.title}\n    because: {link.sentence}")

print("\nWhat extends CLIP (directly):")
for ext in query.extensions(kg, "CLIP"):
    print(f"  {ext.entity.name} ({ext.entity.kind})")
