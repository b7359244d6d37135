"""RDF export: Turtle written by pyoxigraph from a sorted list of triples.

Papers and entities get IRIs under a base (``kind/slug`` from their node id); every edge
is a plain triple (paper ``pkg:uses`` entity) and also an assertion node carrying its
evidence sentence, rule, confidence and paper, so "why does the graph say this?" is one
SPARQL query.
"""
from __future__ import annotations

import hashlib
import os

import pyoxigraph as ox

from exports.text import clean_text
from graph.files import atomic_writer
from graph.kg import KnowledgeGraph

VOCAB = "https://w3id.org/paperkg/vocab#"
DEFAULT_BASE = "https://w3id.org/paperkg/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
PREFIXES = {"pkg": VOCAB, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS,
            "schema": SCHEMA, "prov": PROV}

_CLASSES = {"paper": "Paper", "method": "Method", "dataset": "Dataset", "model": "Model"}
_PROPERTIES = {"introduces": "introduces", "uses": "uses", "evaluates_on": "evaluatesOn",
               "extends": "extends", "compares_with": "comparesWith", "mentions": "mentions"}


def _iri(base: str, node_id: str) -> ox.NamedNode:
    kind, _, slug = node_id.partition(":")
    return ox.NamedNode(f"{base}{kind}/{slug}")


def _text(value: str) -> ox.Literal:
    return ox.Literal(clean_text(value))


def to_triples(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> list[ox.Triple]:
    """All triples of the export, sorted so that output is byte-identical run to run."""
    a = ox.NamedNode(RDF + "type")
    label = ox.NamedNode(RDFS + "label")
    triples: list[ox.Triple] = []
    for node_id, data in kg.nx.nodes(data=True):
        subject = _iri(base, node_id)
        triples.append(ox.Triple(subject, a, ox.NamedNode(VOCAB + _CLASSES[data["type"]])))
        triples.append(ox.Triple(subject, label, _text(data["label"])))
        if data["type"] == "paper":
            triples.append(ox.Triple(subject, a, ox.NamedNode(SCHEMA + "ScholarlyArticle")))
            triples.append(ox.Triple(subject, ox.NamedNode(DCTERMS + "title"), _text(data["title"])))
            if data["abstract"]:
                triples.append(ox.Triple(subject, ox.NamedNode(DCTERMS + "abstract"), _text(data["abstract"])))
            for url in data["code_urls"]:
                triples.append(ox.Triple(subject, ox.NamedNode(VOCAB + "hasCode"), ox.NamedNode(url)))
            for source in data["sources"]:
                triples.append(ox.Triple(subject, ox.NamedNode(VOCAB + "listedIn"), _text(source)))
        else:
            triples.append(ox.Triple(subject, ox.NamedNode(SKOS + "prefLabel"), _text(data["label"])))
            for alias in data["aliases"]:
                if alias != data["label"]:
                    triples.append(ox.Triple(subject, ox.NamedNode(SKOS + "altLabel"), _text(alias)))
    for head, tail, data in kg.nx.edges(data=True):
        s, p, o = _iri(base, head), ox.NamedNode(VOCAB + _PROPERTIES[data["relation"]]), _iri(base, tail)
        triples.append(ox.Triple(s, p, o))
        digest = hashlib.sha1(f"{head} {data['relation']} {tail}".encode()).hexdigest()[:16]
        node = ox.NamedNode(f"{base}assertion/{digest}")
        triples += [
            ox.Triple(node, a, ox.NamedNode(VOCAB + "Assertion")),
            ox.Triple(node, ox.NamedNode(RDF + "subject"), s),
            ox.Triple(node, ox.NamedNode(RDF + "predicate"), p),
            ox.Triple(node, ox.NamedNode(RDF + "object"), o),
            ox.Triple(node, ox.NamedNode(VOCAB + "evidence"), _text(data["sentence"])),
            ox.Triple(node, ox.NamedNode(VOCAB + "rule"), _text(data["rule"])),
            ox.Triple(node, ox.NamedNode(VOCAB + "confidence"),
                      ox.Literal(f"{data['confidence']:.3f}", datatype=ox.NamedNode(XSD + "decimal"))),
            ox.Triple(node, ox.NamedNode(PROV + "wasDerivedFrom"), _iri(base, data["paper"])),
        ]
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return triples


def write(kg: KnowledgeGraph, path: str | os.PathLike, base: str = DEFAULT_BASE) -> None:
    """Write ``kg`` as Turtle to ``path`` (atomically)."""
    data = ox.serialize(to_triples(kg, base), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    with atomic_writer(path, "wb") as handle:
        handle.write(data)
