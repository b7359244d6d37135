"""Readers: one function per input format, each ``(Path) -> Iterator[Paper | Skipped]``.

A reader yields what it could read and a :class:`Skipped` record for each entry it had to
leave out (with file, line or record number, and reason), so the caller can count and
report every one. Input that cannot be read at all raises :class:`InputError` naming the
file and line. The format of each file is told by its suffix and its first bytes
(:func:`detect_format`), or forced with ``input_format``.
"""
from __future__ import annotations

import glob
from pathlib import Path
from typing import Callable, Iterator

from builders.readers.atom import read_atom
from builders.readers.bibtex import read_bibtex
from builders.readers.common import InputError, Skipped, find_code_urls, make_paper, read_text
from builders.readers.listing import read_listing
from builders.readers.records import paper_from_record, read_csv, read_json, read_jsonl
from graph.schema import Paper

__all__ = ["BUNDLED_LISTINGS", "READERS", "InputError", "Skipped", "detect_format", "expand_inputs",
           "find_code_urls", "make_paper", "paper_from_record", "read_inputs", "read_listing"]

BUNDLED_LISTINGS = Path(__file__).resolve().parent.parent.parent / "examples" / "data"

READERS: dict[str, Callable[[Path], Iterator[Paper | Skipped]]] = {
    "listing": read_listing,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "atom": read_atom,
    "bibtex": read_bibtex,
}
SUFFIXES = {".txt": "listing", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
            ".tsv": "csv", ".xml": "atom", ".atom": "atom", ".bib": "bibtex", ".bibtex": "bibtex"}


def detect_format(path: Path) -> str:
    """The reader for ``path``, from its first bytes where they are telling, else its suffix.

    Content wins over suffix where they disagree in a known way: the arXiv snapshot is
    JSON Lines named ``.json``.
    """
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(65536)
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(encoding, "ignore").encode("utf-8")
            break
    start = head.lstrip()[:1]
    by_suffix = SUFFIXES.get(path.suffix.lower())
    if start in (b"{", b"["):
        first_line = head.lstrip().split(b"\n", 1)
        if start == b"{" and len(first_line) > 1 and first_line[0].rstrip().endswith(b"}") \
                and first_line[1].lstrip()[:1] == b"{":
            return "jsonl"  # one object per line, whatever the suffix says
        return by_suffix if by_suffix in ("json", "jsonl") else "json"
    if start == b"<":
        return "atom"
    if start == b"@" or by_suffix == "bibtex":
        return "bibtex"
    return by_suffix or "listing"


def read_inputs(paths: list[Path], input_format: str = "auto", *, strict: bool = False) -> Iterator[Paper | Skipped]:
    """Read every file (directories expand to their input files, sorted), each with the reader
    ``input_format`` names, or the one :func:`detect_format` picks (``"auto"``).

    A file that cannot be read (missing, unreadable, empty, binary, not UTF-8, malformed)
    becomes a :class:`Skipped` record naming it and the reason, and reading goes on with the
    next file; with ``strict`` the first skipped file or record raises :class:`InputError`.
    """
    if input_format != "auto" and input_format not in READERS:
        raise ValueError(f"unknown input format {input_format!r}; choose from {['auto', *sorted(READERS)]}")
    for path in expand_inputs(paths):
        try:
            if path.stat().st_size == 0:
                raise InputError(path, 0, "empty file: nothing to read")
            reader = READERS[detect_format(path) if input_format == "auto" else input_format]
            for record in reader(path):
                if strict and isinstance(record, Skipped):
                    where = record.source.rpartition(":")[2]
                    line, note = (int(where), "") if where.isdigit() else (0, f"record {where}: ")
                    raise InputError(path, line, f"{note}{record.reason} (--strict stops here)")
                yield record
        except InputError as err:
            if strict:
                raise
            yield Skipped(f"{err.path}:{err.line}", err.reason)
        except OSError as err:  # unreadable: permissions, a directory named .txt, I/O errors
            if strict:
                raise InputError(path, 0, f"cannot read: {err.strerror or err}") from None
            yield Skipped(f"{path}:0", f"cannot read: {err.strerror or err}")


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files named directly, the sorted matches of glob patterns ("dumps/**/*.jsonl"), and the
    sorted input files (known suffixes) of each directory named."""
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.exists() and any(c in str(path) for c in "*?["):  # a glob the shell left alone
            matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True) if Path(m).is_file())
            if not matches:
                raise InputError(path, 0, "no file matches this pattern")
            files.extend(matches)
            continue
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                               and not p.name.startswith("."))
            except OSError as err:
                raise InputError(path, 0, f"cannot list the directory: {err.strerror or err}") from None
            if not found:
                raise InputError(path, 0, f"directory holds no input files (suffixes {sorted(SUFFIXES)})")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(path, 0, "no such file or directory")
    return files
