"""A build's state: every paper with what was extracted from it, so a later build can add
papers without extracting the old ones again (``paperkg build NEW --into DIR``).

Stored as ``papers.jsonl`` beside the outputs: a header line, then one line per paper in
graph order. The header holds a fingerprint of the extractor (its code and lexicon); a
state made by another extractor is not reused, every paper is extracted again.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from builders.extract import Extraction
from builders.lexicon import Lexicon
from graph.files import atomic_writer
from graph.schema import Assertion, Entity, Evidence, Paper

STATE_NAME = "papers.jsonl"
STATE_FORMAT = "paperkg-state"
STATE_VERSION = 1
_EXTRACT_SOURCES = Path(__file__).resolve().parent / "extract"


def extractor_fingerprint(lexicon: Lexicon) -> str:
    """A hash of the extraction code and of every lexicon entry: equal fingerprints, equal extractions."""
    digest = hashlib.sha256()
    for path in sorted(_EXTRACT_SOURCES.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in sorted((_EXTRACT_SOURCES.parent / "data").glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for entry_id in sorted(lexicon.entries):
        digest.update(lexicon.entries[entry_id].model_dump_json().encode())
    return digest.hexdigest()[:16]


@dataclass
class BuildState:
    """Per-paper extractions of one build, by paper id, in graph order."""

    fingerprint: str
    papers: dict[str, tuple[Paper, Extraction]] = field(default_factory=dict)

    def reusable(self, paper: Paper, fingerprint: str) -> Extraction | None:
        """The stored extraction of ``paper`` if neither its text nor the extractor changed
        (new sources or metadata do not change what is extracted)."""
        stored = self.papers.get(paper.id)
        if stored is None or fingerprint != self.fingerprint or \
                (stored[0].title, stored[0].abstract) != (paper.title, paper.abstract):
            return None
        return stored[1]

    def save(self, path: Path) -> None:
        """Write the state atomically: header line, then one JSON object per paper."""
        with atomic_writer(path) as out:
            out.write(json.dumps({"format": STATE_FORMAT, "version": STATE_VERSION,
                                  "extractor": self.fingerprint}) + "\n")
            for paper, extraction in self.papers.values():
                record = {"paper": paper.model_dump(mode="json", exclude_defaults=True),
                          "entities": [_entity_json(e) for e in extraction.entities],
                          "assertions": [_assertion_json(a) for a in extraction.assertions]}
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

    @classmethod
    def load(cls, path: Path) -> "BuildState":
        """Read a state written by :meth:`save`; errors name the file and line."""
        if not path.exists():
            raise FileNotFoundError(f"{path}: no build state here; build into a new directory with "
                                    f"'paperkg build ... --out DIR' before adding with --into DIR")
        with path.open(encoding="utf-8") as lines:
            try:
                header = json.loads(next(lines, "null"))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:1: not a paperkg build state ({err.msg})") from None
            if not isinstance(header, dict) or header.get("format") != STATE_FORMAT \
                    or header.get("version") != STATE_VERSION:
                raise ValueError(f"{path}:1: not a {STATE_FORMAT} version {STATE_VERSION} file")
            state = cls(header["extractor"])
            for number, line in enumerate(lines, start=2):
                try:
                    record = json.loads(line)
                    paper = Paper(**record["paper"])
                    extraction = Extraction([Entity(**e) for e in record["entities"]],
                                            [_assertion_from_json(a, paper.id) for a in record["assertions"]])
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
                    raise ValueError(f"{path}:{number}: unreadable paper record ({err})") from None
                state.papers[paper.id] = (paper, extraction)
        return state


def _entity_json(entity: Entity) -> dict:
    """An entity's fields (defaults left out), from a pydantic Entity or a worker's record alike."""
    data = {"id": entity.id, "kind": entity.kind.value, "name": entity.name}
    if entity.aliases:
        data["aliases"] = list(entity.aliases)
    if entity.external_ids:
        data["external_ids"] = dict(entity.external_ids)
    if entity.origin != "text":
        data["origin"] = entity.origin
    return data


def _assertion_json(assertion: Assertion) -> dict:
    ev = assertion.evidence
    return {"head": assertion.head, "relation": assertion.relation.value, "tail": assertion.tail,
            "sentence": ev.sentence, "start": ev.start, "end": ev.end, "field": ev.field, "rule": ev.rule,
            "confidence": ev.confidence}


def _assertion_from_json(data: dict, paper_id: str) -> Assertion:
    evidence = Evidence(paper_id=paper_id, **{k: data[k] for k in ("sentence", "start", "end", "field", "rule",
                                                             "confidence")})
    return Assertion(head=data["head"], relation=data["relation"], tail=data["tail"], evidence=evidence)
