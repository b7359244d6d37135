"""Papers with Code archive files (``datasets.json``, ``methods.json``) -> lexicon entries.

A user downloads the archive themselves; this turns its tens of thousands of names into
JSON Lines entries for ``paperkg build --lexicon DIR``. Entries whose name is already
known, whose name is an ordinary word ("Dropout", "Attention"), or whose aliases another
entry already claims are left out or trimmed, and every such decision is counted.
"""
from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from builders.extract.names import is_coined
from builders.lexicon import Lexicon, LexiconEntry, alias_key
from graph.ids import slugify

_KIND_BY_URL = {"/dataset/": "dataset", "/method/": "method"}


def _load_json(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        try:
            return json.load(handle)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}:{err.lineno}: not valid JSON ({err.msg})") from None


def _distinctive(name: str) -> bool:
    """A name worth matching in text: coined, or several words, not one ordinary word."""
    return is_coined(name) or len(name.split()) > 1


def convert(paths: Iterable[Path], known: Lexicon) -> tuple[list[LexiconEntry], Counter]:
    """Entries from PwC archive files, minus what ``known`` has; and counts of what was dropped."""
    counts: Counter = Counter()
    claimed = set(known.by_key)
    entries: dict[str, LexiconEntry] = {}
    for path in map(Path, paths):
        records = _load_json(path)
        if not isinstance(records, list):
            raise ValueError(f"{path}: expected a JSON list of Papers with Code records")
        for number, record in enumerate(records, start=1):
            url, name = record.get("url") or "", (record.get("name") or "").strip()
            kind = next((k for marker, k in _KIND_BY_URL.items() if marker in url), None)
            if not name or kind is None:
                counts["skipped: no name or not a dataset/method record"] += 1
                continue
            key = alias_key(name)
            if not key or key in claimed:
                counts["skipped: name already known"] += 1
                continue
            if not _distinctive(name):
                counts["skipped: ordinary word"] += 1
                continue
            pwc_slug = url.rstrip("/").rsplit("/", 1)[-1]
            entry_id = f"{kind}:{slugify(pwc_slug or name)}"
            if entry_id in entries or entry_id in known:
                counts["skipped: id already used"] += 1
                continue
            aliases = []
            for alias in [record.get("full_name") or "", *(record.get("variants") or [])]:
                alias = alias.strip()
                alias_k = alias_key(alias)
                if alias and alias_k and alias_k != key and alias_k not in claimed and alias not in aliases \
                        and _distinctive(alias):
                    aliases.append(alias)
                    claimed.add(alias_k)
                elif alias and alias_k != key:
                    counts["aliases dropped: claimed or ordinary"] += 1
            claimed.add(key)
            entries[entry_id] = LexiconEntry(id=entry_id, kind=kind, name=name, aliases=tuple(aliases),
                                             field="general", external_ids={"pwc": pwc_slug} if pwc_slug else {})
            counts[f"imported: {kind}"] += 1
    return sorted(entries.values(), key=lambda e: e.id), counts
