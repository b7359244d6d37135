"""Pydantic models for what the graph holds: papers, entities, relations and evidence.

They guard the boundary into the graph (frozen, no extra fields); inside the graph the
same data lives as JSON-ready node and edge attributes.
"""
from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class EntityKind(StrEnum):
    """What a named thing is: a dataset/benchmark, a pre-trained model, or a method."""

    METHOD = "method"
    DATASET = "dataset"
    MODEL = "model"


class Relation(StrEnum):
    """Edge types. The first four are scored; the last two only link a named entity."""

    INTRODUCES = "introduces"
    USES = "uses"
    EVALUATES_ON = "evaluates_on"
    EXTENDS = "extends"
    COMPARES_WITH = "compares_with"
    MENTIONS = "mentions"


ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")

# Paper metadata beyond its text, in the order exports list it.
PAPER_METADATA = ("arxiv_id", "doi", "url", "date", "authors", "venue", "categories")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Paper(_Frozen):
    """One paper: its text, stable id, what the inputs say of it, and every place it was read."""

    id: str
    title: str = Field(min_length=1)
    abstract: str = ""
    code_urls: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # "file:line" (or "file:#record") of every input entry that named it
    arxiv_id: str | None = None  # "2310.12345" or "hep-th/9901001", no version
    doi: str | None = None  # lower case, no resolver prefix
    url: str | None = None
    date: str | None = None  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    authors: tuple[str, ...] = ()
    venue: str | None = None
    categories: tuple[str, ...] = ()  # subject classes as the source names them ("cs.CL")

    @field_validator("date")
    @classmethod
    def _iso_date(cls, date: str | None) -> str | None:
        if date is not None and not ISO_DATE.fullmatch(date):
            raise ValueError(f"date {date!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
        return date


class Entity(_Frozen):
    """A named method, dataset or model, with the aliases seen or known for it."""

    id: str
    kind: EntityKind
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    external_ids: dict[str, str] = Field(default_factory=dict)
    origin: str = "text"  # "lexicon" when it came from a lexicon entry, else "text"


class Evidence(_Frozen):
    """Why an edge exists: the sentence, where it is, what produced it and how sure we are."""

    paper_id: str
    sentence: str
    start: int = Field(ge=0)  # character span of the sentence in its field
    end: int = Field(ge=0)
    field: str = "abstract"  # "title" or "abstract"
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: int, info) -> int:
        start = info.data.get("start", 0)
        if end < start:
            raise ValueError(f"evidence span ends ({end}) before it starts ({start})")
        return end


class Assertion(_Frozen):
    """One edge: head -relation-> tail, with its evidence."""

    head: str
    relation: Relation
    tail: str
    evidence: Evidence
