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


def node_iri(base: str, node_id: str) -> ox.NamedNode:
    kind, _, slug = node_id.partition(":")
    return ox.NamedNode(f"{base}{kind}/{slug}")


def _text(value: str) -> ox.Literal:
    return ox.Literal(clean_text(value))


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _decimal(value: float) -> str:
    """Canonical xsd:decimal ("0.44", "1.0"), so every RDF library reads back the same lexical form."""
    text = f"{value:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def to_triples(kg: KnowledgeGraph, base: str = DEFAULT_BASE, created: str | None = None) -> list[ox.Triple]:
    """All triples of the export, sorted so that output is byte-identical run to run."""
    check_base(base)
    a, label = _n(RDF + "type"), _n(RDFS + "label")
    out: list[ox.Triple] = []
    add = out.append
    for node_id, data in kg.nx.nodes(data=True):
        s = node_iri(base, node_id)
        add(ox.Triple(s, a, _n(VOCAB + CLASSES[data["type"]])))
        add(ox.Triple(s, label, _text(data["label"])))
        if data["type"] == "paper":
            add(ox.Triple(s, a, _n(SCHEMA + "ScholarlyArticle")))
            add(ox.Triple(s, _n(DCTERMS + "title"), _text(data["title"])))
            if data["abstract"]:
                add(ox.Triple(s, _n(DCTERMS + "abstract"), _text(data["abstract"])))
            for url in data["code_urls"]:
                repo = _n(quote(url, safe=":/#?&=@%+~.-_"))
                add(ox.Triple(s, _n(VOCAB + "hasCode"), repo))
                add(ox.Triple(repo, a, _n(VOCAB + "CodeRepository")))
            for source in data["sources"]:
                add(ox.Triple(s, _n(VOCAB + "listedIn"), _text(source)))
            out.extend(_paper_metadata(s, data, base))
            continue
        add(ox.Triple(s, _n(SKOS + "prefLabel"), _text(data["label"])))
        for alias in data["aliases"]:
            if alias != data["label"]:
                add(ox.Triple(s, _n(SKOS + "altLabel"), _text(alias)))
        for kind, value in data["external_ids"].items():
            if kind in _SAME_AS and value:
                prop, templates = _SAME_AS[kind]
                template = templates.get(data["type"], templates["*"])
                add(ox.Triple(s, _n(prop), _n(template.format(quote(value, safe="/-._~")))))
    rules = set()
    for head, tail, data in kg.nx.edges(data=True):
        s, p, o = node_iri(base, head), _n(VOCAB + PROPERTIES[data["relation"]]), node_iri(base, tail)
        add(ox.Triple(s, p, o))
        digest = hashlib.sha1(f"{head} {data['relation']} {tail}".encode()).hexdigest()[:16]
        node = _n(f"{base}assertion/{digest}")
        rule = _n(f"{base}rule/{slugify(data['rule'], 120)}")
        rules.add((rule, data["rule"]))
        out.extend((
            ox.Triple(node, a, _n(VOCAB + "Assertion")),
            ox.Triple(node, a, _n(RDF + "Statement")),
            ox.Triple(node, _n(RDF + "subject"), s),
            ox.Triple(node, _n(RDF + "predicate"), p),
            ox.Triple(node, _n(RDF + "object"), o),
            ox.Triple(node, _n(VOCAB + "evidence"), _text(data["sentence"])),
            ox.Triple(node, _n(VOCAB + "evidenceField"), _text(data["field"])),
            ox.Triple(node, _n(VOCAB + "evidenceStart"), ox.Literal(str(data["start"]), datatype=_n(XSD + "integer"))),
            ox.Triple(node, _n(VOCAB + "evidenceEnd"), ox.Literal(str(data["end"]), datatype=_n(XSD + "integer"))),
            ox.Triple(node, _n(VOCAB + "confidence"), ox.Literal(_decimal(data["confidence"]), datatype=_n(XSD + "decimal"))),
            ox.Triple(node, _n(PROV + "wasDerivedFrom"), node_iri(base, data["paper"])),
            ox.Triple(node, _n(PROV + "wasGeneratedBy"), rule),
        ))
    for rule, text in rules:
        add(ox.Triple(rule, a, _n(VOCAB + "Rule")))
        add(ox.Triple(rule, label, _text(text)))
    out.extend(_void(kg, base, len(out), created))
    out.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return out


_DATE_TYPES = {4: "gYear", 7: "gYearMonth", 10: "date"}


def _safe_iri(url: str) -> ox.NamedNode | None:
    """An IRI for a web address from the input, or None when it is not plain http(s)."""
    if not re.match(r"https?://[^\s]+$", url):
        return None
    return _n(quote(url, safe=":/#?&=@%+~.-_;,!$'()*"))


def _paper_metadata(s: ox.NamedNode, data: dict, base: str) -> list[ox.Triple]:
    """Date, authors, venue, identifiers and subjects of a paper, in schema.org and Dublin Core terms."""
    a = _n(RDF + "type")
    out = []
    if data.get("date"):
        date = ox.Literal(data["date"], datatype=_n(XSD + _DATE_TYPES[len(data["date"])]))
        out += [ox.Triple(s, _n(DCTERMS + "date"), date), ox.Triple(s, _n(SCHEMA + "datePublished"), date)]
    for name in data.get("authors", ()):
        person = _n(f"{base}person/{slugify(name)}")
        out += [ox.Triple(s, _n(SCHEMA + "author"), person), ox.Triple(s, _n(DCTERMS + "creator"), person),
                ox.Triple(person, a, _n(SCHEMA + "Person")), ox.Triple(person, _n(SCHEMA + "name"), _text(name))]
    if data.get("venue"):
        venue = _n(f"{base}venue/{slugify(data['venue'], 120)}")
        out += [ox.Triple(s, _n(SCHEMA + "isPartOf"), venue), ox.Triple(venue, a, _n(SCHEMA + "CreativeWorkSeries")),
                ox.Triple(venue, _n(SCHEMA + "name"), _text(data["venue"]))]
    if data.get("arxiv_id"):
        out += [ox.Triple(s, _n(SCHEMA + "sameAs"), _n("https://arxiv.org/abs/" + quote(data["arxiv_id"], safe="/.-"))),
                ox.Triple(s, _n(SCHEMA + "identifier"), ox.Literal("arXiv:" + clean_text(data["arxiv_id"])))]
    if data.get("doi"):
        out += [ox.Triple(s, _n(SCHEMA + "sameAs"), _n("https://doi.org/" + quote(data["doi"], safe="/.-_()"))),
                ox.Triple(s, _n(SCHEMA + "identifier"), ox.Literal("doi:" + clean_text(data["doi"])))]
    url = _safe_iri(data["url"]) if data.get("url") else None
    if url is not None:
        out.append(ox.Triple(s, _n(SCHEMA + "url"), url))
    for subject in data.get("categories", ()):
        out.append(ox.Triple(s, _n(DCTERMS + "subject"), _text(subject)))
    return out


def _void(kg: KnowledgeGraph, base: str, triples: int, created: str | None) -> list[ox.Triple]:
    """A VoID description of the file; a creation time only when asked (outputs stay deterministic)."""
    dataset = _n(f"{base}dataset")
    counts = kg.counts()
    entities = sum(counts["nodes"].values())
    integer = _n(XSD + "integer")
    extra = 5 + 4  # the VoID triples below, counted in void:triples
    out = [ox.Triple(dataset, _n(RDF + "type"), _n(VOID + "Dataset")),
           ox.Triple(dataset, _n(DCTERMS + "title"), ox.Literal("paperkg knowledge graph")),
           ox.Triple(dataset, _n(VOID + "uriSpace"), ox.Literal(base)),
           ox.Triple(dataset, _n(VOID + "entities"), ox.Literal(str(entities), datatype=integer)),
           ox.Triple(dataset, _n(VOID + "classes"), ox.Literal(str(len(counts["nodes"])), datatype=integer))]
    out += [ox.Triple(dataset, _n(VOID + "vocabulary"), _n(v.rstrip("#"))) for v in (VOCAB, SKOS, DCTERMS, PROV)]
    if created:
        out.append(ox.Triple(dataset, _n(DCTERMS + "created"), ox.Literal(created, datatype=_n(XSD + "dateTime"))))
        extra += 1
    out.append(ox.Triple(dataset, _n(VOID + "triples"), ox.Literal(str(triples + extra + 1), datatype=integer)))
    return out


def _serialize(triples: list[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    return ox.serialize(triples, format=fmt, prefixes=PREFIXES if fmt is ox.RdfFormat.TURTLE else None)


def write(kg: KnowledgeGraph, path: str | os.PathLike, base: str = DEFAULT_BASE, created: str | None = None) -> None:
    """Write ``kg`` as Turtle to ``path`` (atomically)."""
    with atomic_writer(path, "wb") as handle:
        handle.write(_serialize(to_triples(kg, base, created), ox.RdfFormat.TURTLE))


def write_ntriples(kg: KnowledgeGraph, path: str | os.PathLike, base: str = DEFAULT_BASE,
                   created: str | None = None) -> None:
    """Write ``kg`` as N-Triples (one triple a line: streams and diffs well)."""
    with atomic_writer(path, "wb") as handle:
        handle.write(_serialize(to_triples(kg, base, created), ox.RdfFormat.N_TRIPLES))


def write_jsonld(kg: KnowledgeGraph, path: str | os.PathLike, base: str = DEFAULT_BASE,
                 created: str | None = None) -> None:
    """Write ``kg`` as JSON-LD: an inline ``@context`` of our prefixes (no remote context to fetch)
    around the expanded graph pyoxigraph writes."""
    expanded = json.loads(_serialize(to_triples(kg, base, created), ox.RdfFormat.JSON_LD))
    document = {"@context": PREFIXES, "@graph": expanded}
    with atomic_writer(path) as handle:
        handle.write(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
