"""Records with named fields: JSON Lines, JSON and CSV, in the shapes sources publish.

One mapping per shape turns a record into a Paper: the arXiv metadata snapshot, OpenAlex
works, Semantic Scholar papers, and any record with a title and an abstract (plus, if
present, id, url, date, authors, venue, doi, arxiv_id, code). The shape is told by the
record's own keys, so one file may even mix them.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Callable, Iterator

from builders.readers.common import InputError, Skipped, iter_lines, make_paper, month_number, read_text
from graph.schema import Paper

_FIELD_NAMES = {  # generic records: our field -> the names inputs give it (case-insensitive)
    "title": ("title", "name", "display_name"),
    "abstract": ("abstract", "summary", "description"),
    "id": ("id", "paper_id", "identifier"),
    "url": ("url", "link", "landing_page_url"),
    "date": ("date", "published", "publication_date", "publicationdate", "year", "pub_date"),
    "authors": ("authors", "author", "creators"),
    "venue": ("venue", "journal", "booktitle", "conference", "container_title"),
    "doi": ("doi",),
    "arxiv_id": ("arxiv_id", "arxiv", "arxivid", "eprint"),
    "code": ("code", "code_url", "code_urls", "repository", "github"),
    "categories": ("categories", "keywords", "subjects", "fields_of_study", "fieldsofstudy"),
}


def split_authors(value) -> tuple[str, ...]:
    """Author names from a list (of names or {"name": ...}) or one string ("A, B and C", "A; B").

    >>> split_authors("Ada Lovelace, Alan Turing and Grace Hopper")
    ('Ada Lovelace', 'Alan Turing', 'Grace Hopper')
    >>> split_authors([{"name": "Ada Lovelace"}, "Alan Turing"])
    ('Ada Lovelace', 'Alan Turing')
    """
    if not value:
        return ()
    if isinstance(value, list):
        names = [v.get("name") or v.get("display_name") or "" if isinstance(v, dict) else str(v) for v in value]
        return tuple(n for n in names if n)
    text = str(value)
    separator = ";" if ";" in text else ","
    parts = [p for chunk in text.split(separator) for p in chunk.split(" and ")]
    return tuple(p.strip() for p in parts if p.strip())


def _listish(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, list):
        return tuple(str(v.get("name", "") if isinstance(v, dict) else v) for v in value)
    return tuple(str(value).replace(";", " ").split())


def _generic(record: dict, source: str) -> Paper | Skipped:
    lowered = {str(k).lower(): v for k, v in record.items()}

    def get(name: str):
        return next((lowered[k] for k in _FIELD_NAMES[name] if lowered.get(k) not in (None, "")), None)

    record_id = str(get("id") or "")
    code = get("code")
    return make_paper(source, get("title"), get("abstract"), arxiv_id=get("arxiv_id") or record_id,
                      doi=get("doi") or (record_id if record_id.startswith("10.") else None), url=get("url"),
                      date=get("date"), authors=split_authors(get("authors")), venue=get("venue"),
                      categories=_listish(get("categories")),
                      code_urls=code if isinstance(code, list) else ((code,) if code else ()))


def _arxiv_snapshot(record: dict, source: str) -> Paper | Skipped:
    """A line of Kaggle's arXiv metadata snapshot (id, title, abstract, authors_parsed, versions, ...)."""
    parsed = record.get("authors_parsed") or []
    authors = tuple(" ".join(p for p in (first, last, suffix) if p) for last, first, suffix, *_ in
                    (entry + ["", "", ""] for entry in parsed)) if parsed else split_authors(record.get("authors"))
    versions = record.get("versions") or []
    date = versions[0].get("created") if versions and isinstance(versions[0], dict) else None
    return make_paper(source, record.get("title"), record.get("abstract"), arxiv_id=str(record.get("id", "")),
                      doi=record.get("doi"), url=f"https://arxiv.org/abs/{record.get('id')}",
                      date=date or record.get("update_date"), authors=authors, venue=record.get("journal-ref"),
                      categories=tuple(str(record.get("categories") or "").split()))


def openalex_abstract(index: dict | None) -> str:
    """The abstract OpenAlex stores as word -> positions, put back in order.

    >>> openalex_abstract({"We": [0], "propose": [1], "X.": [2]})
    'We propose X.'
    """
    if not index:
        return ""
    words = sorted((position, word) for word, positions in index.items() for position in positions)
    return " ".join(word for _, word in words)


def _openalex(record: dict, source: str) -> Paper | Skipped:
    location = record.get("primary_location") or {}
    venue = (location.get("source") or {}).get("display_name") if isinstance(location, dict) else None
    ids = record.get("ids") or {}
    landing = location.get("landing_page_url") if isinstance(location, dict) else None
    arxiv = next((loc.get("landing_page_url") for loc in record.get("locations") or []
                  if isinstance(loc, dict) and "arxiv.org/" in str(loc.get("landing_page_url"))), None)
    authors = tuple(((a.get("author") or {}).get("display_name") or "") for a in record.get("authorships") or []
                    if isinstance(a, dict))
    concepts = record.get("concepts") or []
    return make_paper(source, record.get("title") or record.get("display_name"),
                      record.get("abstract") or openalex_abstract(record.get("abstract_inverted_index")),
                      arxiv_id=arxiv or (landing if "arxiv.org/" in str(landing) else None),
                      doi=record.get("doi") or ids.get("doi"), url=landing or record.get("id"),
                      date=record.get("publication_date") or record.get("publication_year"), authors=authors,
                      venue=venue, categories=tuple(c.get("display_name", "") for c in concepts
                                                    if isinstance(c, dict) and c.get("level") == 0))


def _semantic_scholar(record: dict, source: str) -> Paper | Skipped:
    external = {str(k).lower(): v for k, v in (record.get("externalIds") or record.get("externalids") or {}).items()}
    journal = record.get("journal") or {}
    venue = record.get("venue") or (journal.get("name") if isinstance(journal, dict) else None)
    fields = record.get("fieldsOfStudy") or [f.get("category") for f in record.get("s2FieldsOfStudy") or []
                                             if isinstance(f, dict)]
    return make_paper(source, record.get("title"), record.get("abstract"), arxiv_id=external.get("arxiv"),
                      doi=external.get("doi"), url=record.get("url"),
                      date=record.get("publicationDate") or record.get("year"),
                      authors=split_authors(record.get("authors")), venue=venue,
                      categories=tuple(f for f in fields or () if f))


def record_shape(record: dict) -> str:
    """Which source a record comes from, told by its keys."""
    if "abstract_inverted_index" in record or str(record.get("id", "")).startswith("https://openalex.org/"):
        return "openalex"
    if "paperId" in record or "corpusId" in record or "externalIds" in record:
        return "semantic-scholar"
    if "authors_parsed" in record or ("update_date" in record and "abstract" in record):
        return "arxiv-snapshot"
    return "generic"


SHAPES: dict[str, Callable[[dict, str], Paper | Skipped]] = {
    "openalex": _openalex, "semantic-scholar": _semantic_scholar, "arxiv-snapshot": _arxiv_snapshot,
    "generic": _generic,
}


def paper_from_record(record, source: str) -> Paper | Skipped:
    """A Paper from one record of any known shape, or why it was skipped."""
    if not isinstance(record, dict):
        return Skipped(source, f"a record must be a JSON object, not {type(record).__name__}")
    try:
        return SHAPES[record_shape(record)](record, source)
    except (TypeError, AttributeError, ValueError) as err:  # a field of an unexpected type
        return Skipped(source, f"unreadable {record_shape(record)} record: {err}")


def read_jsonl(path: Path) -> Iterator[Paper | Skipped]:
    """JSON Lines: one record per line; a line that is not JSON is skipped and reported."""
    path = Path(path)
    for number, line in iter_lines(path):
        if not line.strip():
            continue
        source = f"{path.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(source, f"not JSON ({err.msg} at column {err.colno})")
            continue
        yield paper_from_record(record, source)


def read_json(path: Path) -> Iterator[Paper | Skipped]:
    """One JSON document: a list of records, an API page ({"results": [...]} or {"data": [...]}),
    or a single record."""
    path = Path(path)
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as err:
        raise InputError(path, err.lineno, f"not JSON ({err.msg} at column {err.colno})") from None
    if isinstance(document, dict):
        records = next((document[k] for k in ("results", "data", "papers", "works", "items")
                        if isinstance(document.get(k), list)), [document])
    elif isinstance(document, list):
        records = document
    else:
        raise InputError(path, 1, f"a JSON file must hold records (a list or an object), not {type(document).__name__}")
    for index, record in enumerate(records, start=1):
        yield paper_from_record(record, f"{path.name}:#{index}")


def read_csv(path: Path) -> Iterator[Paper | Skipped]:
    """CSV (or TSV, by suffix or by sniffing) with a header row naming at least title and abstract."""
    path = Path(path)
    text = read_text(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" or (text[:2048].count("\t") > text[:2048].count(",")) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, 1, "empty CSV file (a header row naming title and abstract is needed)") from None
    except csv.Error as err:
        raise InputError(path, 1, f"unreadable CSV header ({err})") from None
    columns = [name.strip().lower() for name in header]
    if "title" not in columns:
        raise InputError(path, 1, f"CSV header names no 'title' column; it has {columns}")
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise InputError(path, start, f"unreadable CSV row ({err})") from None
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        source = f"{path.name}:{start}"
        if len(row) != len(columns):
            yield Skipped(source, f"{len(row)} cells where the header has {len(columns)}")
            continue
        record = dict(zip(columns, row))
        for name in ("month",):
            if record.get(name) and record.get("year") and not record.get("date"):
                record["date"] = f"{record['year']}-{month_number(record[name]) or 1:02d}"
        yield paper_from_record(record, source)
