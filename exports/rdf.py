"""RDF export (Turtle, N-Triples, JSON-LD) in the paperkg vocabulary, written by pyoxigraph.

Papers and entities get IRIs under a base (``<base>kind/slug`` from their node id); every
edge is a plain triple (paper ``pkg:uses`` entity) and also a ``pkg:Assertion`` node (an
``rdf:Statement`` with PROV links) carrying its evidence sentence, rule and confidence, so
"why does the graph say this?" is one SPARQL 1.1 query. A VoID description counts what the
file holds. Output is sorted: the same graph gives byte-identical files.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from exports.text import clean_text
from graph.files import atomic_writer
from graph.ids import slugify
from graph.kg import KnowledgeGraph

VOCAB = "https://w3id.org/paperkg/vocab#"
VOCAB_FILE = Path(__file__).parent / "vocab" / "paperkg.ttl"
SHAPES_FILE = Path(__file__).parent / "vocab" / "shapes.ttl"
DEFAULT_BASE = "https://w3id.org/paperkg/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
VOID = "http://rdfs.org/ns/void#"
PREFIXES = {"pkg": VOCAB, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS, "dcterms": DCTERMS,
            "schema": SCHEMA, "prov": PROV, "void": VOID}

CLASSES = {"paper": "Paper", "method": "Method", "dataset": "Dataset", "model": "Model"}
PROPERTIES = {"introduces": "introduces", "uses": "uses", "evaluates_on": "evaluatesOn",
              "extends": "extends", "compares_with": "comparesWith", "mentions": "mentions"}
_BASE = re.compile(r"https?://[^\s<>\"{}|\\^`]+[/#]")
_SAME_AS = {  # external id kind -> (property, IRI template by entity kind)
    "wikidata": (OWL + "sameAs", {"*": "http://www.wikidata.org/entity/{}"}),
    "pwc": (SCHEMA + "sameAs", {"dataset": "https://paperswithcode.com/dataset/{}", "*": "https://paperswithcode.com/method/{}"}),
    "hf": (SCHEMA + "sameAs", {"dataset": "https://huggingface.co/datasets/{}", "*": "https://huggingface.co/{}"}),
    "arxiv": (SCHEMA + "sameAs", {"*": "https://arxiv.org/abs/{}"}),
}


def check_base(base: str) -> str:
    """``base`` if it can prefix our IRIs (absolute http(s), ending in '/' or '#'), else ValueError."""
    if not _BASE.fullmatch(base):
        raise ValueError(f"base IRI {base!r} must be an absolute http(s) IRI ending in '/' or '#'")
    return base


def node_iri(base: str, node_id: str) -> str:
    """The IRI of a node, in N-Triples form (``<...>``)."""
    kind, _, slug = node_id.partition(":")
    return f"<{base}{kind}/{slug}>"


def _n(iri: str) -> str:
    return f"<{iri}>"


_INTEGER, _DECIMAL = _n(XSD + "integer"), _n(XSD + "decimal")


def _escape(value: str) -> str:
    """N-Triples literal escapes (clean_text has removed every other control character);
    chained replaces run in C, several times faster than str.translate."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if '"' in value:
        value = value.replace('"', '\\"')
    if "\n" in value or "\r" in value:
        value = value.replace("\n", "\\n").replace("\r", "\\r")
    return value


def _text(value: str) -> str:
    return '"' + _escape(clean_text(value)) + '"'


def _typed(value: str, datatype: str) -> str:
    return '"' + _escape(value) + '"^^' + datatype


def _decimal(value: float) -> str:
    """Canonical xsd:decimal ("0.44", "1.0"), so every RDF library reads back the same lexical form."""
    text = f"{value:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def ntriples_lines(kg: KnowledgeGraph, base: str = DEFAULT_BASE, created: str | None = None) -> list[str]:
    """Every triple of the export as an N-Triples line, sorted: byte-identical run to run.

    Terms are written as strings (no RDF objects are built), which makes this several times
    faster than building pyoxigraph or rdflib triples; the other formats are converted from
    these lines by pyoxigraph.
    """
    check_base(base)
    out = [f"{s} {p} {o} .\n" for node_id, data in kg.nx.nodes(data=True) for s, p, o in node_triples(base, node_id, data)]
    rules: dict[str, str] = {}
    for head, tail, data in kg.nx.edges(data=True):
        out.extend(f"{s} {p} {o} .\n" for s, p, o in edge_triples(base, head, tail, data))
        rules[rule_iri(base, data["rule"])] = data["rule"]
    out.extend(f"{s} {p} {o} .\n" for s, p, o in rule_triples(rules))
    out.extend(f"{s} {p} {o} .\n" for s, p, o in void_triples(base, kg.counts()["nodes"], len(out), created))
    out.sort()
    return out


_A, _LABEL = _n(RDF + "type"), _n(RDFS + "label")


def node_triples(base: str, node_id: str, data: dict) -> list[tuple[str, str, str]]:
    """The triples of one node (paper or entity) from its graph attributes."""
    s = node_iri(base, node_id)
    out = [(s, _A, _n(VOCAB + CLASSES[data["type"]])), (s, _LABEL, _text(data["label"]))]
    if data["type"] == "paper":
        out += [(s, _A, _n(SCHEMA + "ScholarlyArticle")), (s, _n(DCTERMS + "title"), _text(data["title"]))]
        if data["abstract"]:
            out.append((s, _n(DCTERMS + "abstract"), _text(data["abstract"])))
        for url in data["code_urls"]:
            repo = _n(quote(url, safe=":/#?&=@%+~.-_"))
            out += [(s, _n(VOCAB + "hasCode"), repo), (repo, _A, _n(VOCAB + "CodeRepository"))]
        out += [(s, _n(VOCAB + "listedIn"), _text(source)) for source in data["sources"]]
        return out + _paper_metadata(s, data, base)
    out.append((s, _n(SKOS + "prefLabel"), _text(data["label"])))
    out += [(s, _n(SKOS + "altLabel"), _text(alias)) for alias in data["aliases"] if alias != data["label"]]
    for kind, value in data["external_ids"].items():
        if kind in _SAME_AS and value:
            prop, templates = _SAME_AS[kind]
            template = templates.get(data["type"], templates["*"])
            out.append((s, _n(prop), _n(template.format(quote(value, safe="/-._~")))))
    return out


def rule_iri(base: str, rule: str) -> str:
    return f"<{base}rule/{slugify(rule, 120)}>"


_STATEMENT, _RDF_STATEMENT = _n(VOCAB + "Assertion"), _n(RDF + "Statement")
_SUBJECT, _PREDICATE, _OBJECT = _n(RDF + "subject"), _n(RDF + "predicate"), _n(RDF + "object")
_EVIDENCE, _FIELD, _START, _END, _CONFIDENCE = (_n(VOCAB + n) for n in ("evidence", "evidenceField", "evidenceStart",
                                                                        "evidenceEnd", "confidence"))
_DERIVED, _GENERATED = _n(PROV + "wasDerivedFrom"), _n(PROV + "wasGeneratedBy")


def edge_triples(base: str, head: str, tail: str, data: dict) -> list[tuple[str, str, str]]:
    """The triple of one edge and its assertion node with the evidence."""
    s, p, o = node_iri(base, head), _n(VOCAB + PROPERTIES[data["relation"]]), node_iri(base, tail)
    digest = hashlib.sha1(f"{head} {data['relation']} {tail}".encode()).hexdigest()[:16]
    node = f"<{base}assertion/{digest}>"
    return [(s, p, o), (node, _A, _STATEMENT), (node, _A, _RDF_STATEMENT), (node, _SUBJECT, s),
            (node, _PREDICATE, p), (node, _OBJECT, o), (node, _EVIDENCE, _text(data["sentence"])),
            (node, _FIELD, _text(data["field"])), (node, _START, _typed(str(data["start"]), _INTEGER)),
            (node, _END, _typed(str(data["end"]), _INTEGER)),
            (node, _CONFIDENCE, _typed(_decimal(data["confidence"]), _DECIMAL)),
            (node, _DERIVED, node_iri(base, data["paper"])), (node, _GENERATED, rule_iri(base, data["rule"]))]


def rule_triples(rules: dict[str, str]) -> list[tuple[str, str, str]]:
    """Each rule IRI (as :func:`rule_iri` made it) as a ``pkg:Rule`` with its name."""
    return [t for iri, text in rules.items() for t in ((iri, _A, _n(VOCAB + "Rule")), (iri, _LABEL, _text(text)))]


_DATE_TYPES = {4: "gYear", 7: "gYearMonth", 10: "date"}


def _safe_iri(url: str) -> str | None:
    """An IRI for a web address from the input, or None when it is not plain http(s)."""
    if not re.match(r"https?://[^\s]+$", url):
        return None
    return _n(quote(url, safe=":/#?&=@%+~.-_;,!$'()*"))


def _paper_metadata(s: str, data: dict, base: str) -> list[tuple[str, str, str]]:
    """Date, authors, venue, identifiers and subjects of a paper, in schema.org and Dublin Core terms."""
    a = _n(RDF + "type")
    out: list[tuple[str, str, str]] = []
    if data.get("date"):
        date = _typed(data["date"], _n(XSD + _DATE_TYPES[len(data["date"])]))
        out += [(s, _n(DCTERMS + "date"), date), (s, _n(SCHEMA + "datePublished"), date)]
    for name in data.get("authors", ()):
        person = f"<{base}person/{slugify(name)}>"
        out += [(s, _n(SCHEMA + "author"), person), (s, _n(DCTERMS + "creator"), person),
                (person, a, _n(SCHEMA + "Person")), (person, _n(SCHEMA + "name"), _text(name))]
    if data.get("venue"):
        venue = f"<{base}venue/{slugify(data['venue'], 120)}>"
        out += [(s, _n(SCHEMA + "isPartOf"), venue), (venue, a, _n(SCHEMA + "CreativeWorkSeries")),
                (venue, _n(SCHEMA + "name"), _text(data["venue"]))]
    if data.get("arxiv_id"):
        out += [(s, _n(SCHEMA + "sameAs"), _n("https://arxiv.org/abs/" + quote(data["arxiv_id"], safe="/.-"))),
                (s, _n(SCHEMA + "identifier"), _text("arXiv:" + data["arxiv_id"]))]
    if data.get("doi"):
        out += [(s, _n(SCHEMA + "sameAs"), _n("https://doi.org/" + quote(data["doi"], safe="/.-_()"))),
                (s, _n(SCHEMA + "identifier"), _text("doi:" + data["doi"]))]
    url = _safe_iri(data["url"]) if data.get("url") else None
    if url is not None:
        out.append((s, _n(SCHEMA + "url"), url))
    out += [(s, _n(DCTERMS + "subject"), _text(subject)) for subject in data.get("categories", ())]
    return out


def void_triples(base: str, node_counts: dict[str, int], triples: int,
                 created: str | None) -> list[tuple[str, str, str]]:
    """A VoID description of the file (``triples``: how many precede it); a creation time only
    when asked, so outputs stay deterministic."""
    dataset = f"<{base}dataset>"
    extra = 5 + 4  # the VoID triples below, counted in void:triples
    out = [(dataset, _n(RDF + "type"), _n(VOID + "Dataset")),
           (dataset, _n(DCTERMS + "title"), _text("paperkg knowledge graph")),
           (dataset, _n(VOID + "uriSpace"), _text(base)),
           (dataset, _n(VOID + "entities"), _typed(str(sum(node_counts.values())), _INTEGER)),
           (dataset, _n(VOID + "classes"), _typed(str(len(node_counts)), _INTEGER))]
    out += [(dataset, _n(VOID + "vocabulary"), _n(v.rstrip("#"))) for v in (VOCAB, SKOS, DCTERMS, PROV)]
    if created:
        out.append((dataset, _n(DCTERMS + "created"), _typed(created, _n(XSD + "dateTime"))))
        extra += 1
    out.append((dataset, _n(VOID + "triples"), _typed(str(triples + extra + 1), _INTEGER)))
    return out


def to_triples(kg: KnowledgeGraph, base: str = DEFAULT_BASE, created: str | None = None) -> list[ox.Triple]:
    """The export as pyoxigraph triples, in file order (for callers that want RDF objects)."""
    return [q.triple for q in ox.parse("".join(ntriples_lines(kg, base, created)).encode("utf-8"),
                                       format=ox.RdfFormat.N_TRIPLES)]


def _serialize(kg: KnowledgeGraph, base: str, created: str | None, fmt: ox.RdfFormat) -> bytes:
    data = "".join(ntriples_lines(kg, base, created)).encode("utf-8")
    if fmt is ox.RdfFormat.N_TRIPLES:
        return data
    # pyoxigraph converts in Rust; the sorted lines keep each subject's triples together.
    return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=fmt,
                        prefixes=PREFIXES if fmt is ox.RdfFormat.TURTLE else None)


def write(kg: KnowledgeGraph, path: str | os.PathLike, base: str = DEFAULT_BASE, created: str | None = None) -> None:
    """Write ``kg`` as Turtle to ``path`` (atomically)."""
    with atomic_writer(path, "wb") as handle:
        handle.write(_serialize(kg, base, created, ox.RdfFormat.TURTLE))


def write_ntriples(kg: KnowledgeGraph, path: str | os.PathLike, base: str = DEFAULT_BASE,
                   created: str | None = None) -> None:
    """Write ``kg`` as N-Triples (one triple a line: streams and diffs well)."""
    with atomic_writer(path, "wb") as handle:
        handle.write(_serialize(kg, base, created, ox.RdfFormat.N_TRIPLES))


def write_jsonld(kg: KnowledgeGraph, path: str | os.PathLike, base: str = DEFAULT_BASE,
                 created: str | None = None) -> None:
    """Write ``kg`` as JSON-LD: an inline ``@context`` of our prefixes (no remote context to fetch)
    around the expanded graph pyoxigraph writes."""
    expanded = _serialize(kg, base, created, ox.RdfFormat.JSON_LD)  # a JSON array, written as it is
    context = json.dumps(PREFIXES, sort_keys=True).encode("utf-8")
    with atomic_writer(path, "wb") as handle:
        handle.write(b'{"@context": ' + context + b',\n"@graph": ' + expanded.strip() + b"}\n")
