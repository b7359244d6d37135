"""Known entities and their aliases, loaded from JSON Lines data files and validated.

Each line of ``data/{datasets,models,methods}.jsonl`` is one :class:`LexiconEntry`. A user
directory given with ``--lexicon`` adds entries (an entry with a shipped id replaces it).
An alias that two entries share is an error unless both say, with ``context`` cue words,
how the surrounding text decides between them.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from graph.schema import EntityKind

DATA_DIR = Path(__file__).parent / "data"
LEXICON_FILES = ("datasets.jsonl", "models.jsonl", "methods.jsonl")
_ID = re.compile(r"(method|dataset|model):[a-z0-9]+(?:-[a-z0-9]+)*")


_NOT_KEY = re.compile(r"[^0-9a-z]")


@lru_cache(maxsize=65536)
def alias_key(text: str) -> str:
    """Lower-case letters and digits only: how aliases are compared (cached: names repeat).

    >>> alias_key("MS-MARCO") == alias_key("MS MARCO") == alias_key("msmarco")
    True
    """
    return _NOT_KEY.sub("", text.lower())


class LexiconEntry(BaseModel):
    """One known dataset, model or method."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: EntityKind
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    field: str = "general"
    external_ids: dict[str, str] = Field(default_factory=dict)
    family: str | None = None
    context: tuple[str, ...] = ()  # cue words that pick this sense of a shared alias
    case_insensitive: bool = False  # match lower-case uses too (long unambiguous names)

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID.fullmatch(value):
            raise ValueError(f"id {value!r} is not 'kind:slug' with kind in method/dataset/model")
        return value

    def surfaces(self) -> tuple[str, ...]:
        """The name followed by its aliases."""
        return (self.name, *self.aliases)


class LexiconError(ValueError):
    """A lexicon file that does not validate; the message names file and line."""


class Lexicon:
    """Entries by id, and the entries each alias key may mean."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        self.entries: dict[str, LexiconEntry] = {}
        for entry in entries:
            self.entries[entry.id] = entry
        self.by_key: dict[str, tuple[LexiconEntry, ...]] = {}
        self._validate_and_index()

    def _validate_and_index(self) -> None:
        claims: dict[str, list[LexiconEntry]] = {}
        for entry in self.entries.values():
            if not entry.id.startswith(entry.kind.value + ":"):
                raise LexiconError(f"entry {entry.id!r}: id prefix does not match kind {entry.kind.value!r}")
            if entry.family and entry.family not in self.entries:
                raise LexiconError(f"entry {entry.id!r}: family {entry.family!r} is not a lexicon entry")
            for key in dict.fromkeys(alias_key(s) for s in entry.surfaces()):
                if key:
                    claims.setdefault(key, []).append(entry)
        for key, owners in claims.items():
            if len(owners) > 1 and not all(owner.context for owner in owners):
                names = sorted(owner.id for owner in owners)
                raise LexiconError(
                    f"alias {key!r} is claimed by {names}; give every one of them 'context' "
                    "cue words, or keep the alias on one entry")
            self.by_key[key] = tuple(sorted(owners, key=lambda e: e.id))

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self.entries

    def lookup(self, surface: str) -> tuple[LexiconEntry, ...]:
        """Entries a surface form may mean (several only for a deliberately shared alias)."""
        return self.by_key.get(alias_key(surface), ())


def read_entries(path: Path) -> list[LexiconEntry]:
    """Parse one JSON Lines lexicon file; errors name the file and line."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append(LexiconEntry.model_validate_json(line))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            raise LexiconError(f"{path}:{number}: {where}: {first['msg']}") from None
    return entries


def load_lexicon(extra_dirs: Iterable[Path] = (), *, include_shipped: bool = True) -> Lexicon:
    """The shipped lexicon plus every ``*.jsonl`` file in ``extra_dirs`` (later ids win)."""
    files: list[Path] = [DATA_DIR / name for name in LEXICON_FILES] if include_shipped else []
    for directory in map(Path, extra_dirs):
        if not directory.is_dir():
            raise LexiconError(f"{directory}: lexicon directory not found")
        files.extend(sorted(directory.glob("*.jsonl")))
    entries: list[LexiconEntry] = []
    for path in files:
        if path.exists():
            entries.extend(read_entries(path))
    return Lexicon(entries)


def entries_to_jsonl(entries: Iterable[LexiconEntry]) -> str:
    """Entries as sorted JSON Lines, the shipped files' own form."""
    rows = sorted(entries, key=lambda e: e.id)
    return "".join(json.dumps(e.model_dump(exclude_defaults=True), ensure_ascii=False) + "\n" for e in rows)
