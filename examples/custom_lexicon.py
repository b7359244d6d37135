"""Teach paperkg a name it does not know, with a lexicon directory of your own.

    python examples/custom_lexicon.py
"""
import json
import tempfile
from pathlib import Path

from builders import build
from graph import query

with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    # One entry per line: id "kind:slug", kind, canonical name, aliases (spelling variants).
    (tmp / "lexicon").mkdir()
    entry = {"id": "dataset:harbourbench", "kind": "dataset", "name": "HarbourBench",
             "aliases": ["Harbour-Bench", "Harbour Benchmark"], "field": "vision"}
    (tmp / "lexicon" / "mine.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    # A listing in the bundled layout: title line, abstract line.
    (tmp / "listing.txt").write_text(
        "Ship Detection Without Labels\n"
        "We fine-tune CLIP for ship detection and report results on Harbour-Bench and COCO.\n",
        encoding="utf-8")

    kg = build([tmp / "listing.txt"], lexicon=[tmp / "lexicon"])
    for link in query.papers_evaluating_on(kg, "HarbourBench"):
        print(f"{link.title} evaluates on HarbourBench: \"{link.sentence}\"")
