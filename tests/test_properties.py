"""Property-based tests (hypothesis): any text in titles, abstracts and entity names gives
exports that rdflib and pyoxigraph read identically, GraphML that validates and reads back,
and a page where the text stays inert; and fuzzing of every reader: whatever bytes arrive,
a reader yields papers and skip records or raises InputError, nothing else."""
from __future__ import annotations

import re
from functools import lru_cache
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import exports
from builders.extract import RuleExtractor
from builders.lexicon import Lexicon, LexiconEntry
from builders.pipeline import build_graph
from builders.readers import READERS, InputError, Skipped, make_paper
from conftest import REPO
from graph.ids import slugify
from graph.schema import Paper
from graph.text import clean_text
from test_exports import xsd_schema

RISKY = ["<script>alert(1)</script>", "</script>", "]]>", '"""', "'''", "\\", "\\u0000", "@prefix x: <y> .",
         "<http://evil/>", "{{x}}", "&amp;", "&", "\u202e", "\u200f", "😀", "\ud800", "\udfff", "\x00", "\x0b",
         "\r\n", "\n", "\t", "\ufeff", "\uffff", "href=", "javascript:", "<!--", "-->", "%00", "CLIP", "ImageNet"]
TEXT = st.lists(st.one_of(st.text(st.characters(exclude_categories=()), max_size=12), st.sampled_from(RISKY)),
                min_size=1, max_size=8).map("".join)
PROPERTY_SETTINGS = settings(max_examples=15, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow])


def _lexicon(names: list[str]) -> Lexicon:
    entries = {}
    for number, name in enumerate(names):
        name = clean_text(name)  # a lexicon file cannot carry lone surrogates (pydantic refuses them at load)
        if re.search(r"[A-Za-z0-9]", name) and name.strip():
            entry_id = f"method:fuzz-{number}-{slugify(name)[:20]}".rstrip("-")
            if re.fullmatch(r"(method|dataset|model):[a-z0-9]+(?:-[a-z0-9]+)*", entry_id):
                entries[entry_id] = LexiconEntry(id=entry_id, kind="method", name=name.strip())
    return Lexicon(entries.values())


def _nt_set(data: bytes, fmt: ox.RdfFormat) -> set[str]:
    return {str(t) for t in ox.parse(data, format=fmt)}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def _tags(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


_BENIGN_TAGS: list[str] = []


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    return xsd_schema()


def _benign_tags() -> list[str]:
    if not _BENIGN_TAGS:
        paper = make_paper("p:1", "Plain title", "We use CLIP on ImageNet.")
        kg, _ = build_graph([paper], RuleExtractor(_lexicon(["CLIP"])))
        with tempfile.TemporaryDirectory() as tmp:
            exports.exporter("html")(kg, Path(tmp) / "page.html")
            _BENIGN_TAGS.extend(_tags((Path(tmp) / "page.html").read_text(encoding="utf-8")))
    return _BENIGN_TAGS


@PROPERTY_SETTINGS
@given(title=TEXT, abstract=TEXT, names=st.lists(TEXT, min_size=1, max_size=3, unique_by=lambda n: n.strip().lower()))
def test_any_text_gives_valid_identical_exports(title, abstract, names):
    record = make_paper("fuzz.jsonl:1", title, abstract + " We use " + " and ".join(names) + ".")
    if not isinstance(record, Paper):
        return  # nothing left of the title once cleaned: a skip, tested elsewhere
    kg, _ = build_graph([record], RuleExtractor(_lexicon(names)))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in ("ttl", "nt", "jsonld", "graphml", "html"):
            exports.exporter(name)(kg, out / exports.file_name(name))
        # RDF: three formats, two libraries, one set of triples.
        reference = _nt_set((out / "graph.nt").read_bytes(), ox.RdfFormat.N_TRIPLES)
        assert _nt_set((out / "graph.ttl").read_bytes(), ox.RdfFormat.TURTLE) == reference
        assert _nt_set((out / "graph.jsonld").read_bytes(), ox.RdfFormat.JSON_LD) == reference
        for file, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
            through_rdflib = rdflib.Graph().parse(out / file, format=fmt).serialize(format="nt", encoding="utf-8")
            assert _nt_set(through_rdflib, ox.RdfFormat.N_TRIPLES) == reference, file
        # GraphML: valid against the schema, and networkx reads the same labels back.
        assert _schema().validate(etree.parse(str(out / "graph.graphml")))
        back = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
        assert {n: d.get("label") for n, d in back.nodes(data=True)}.keys() == set(kg.nx.nodes)
        # HTML: the input adds no element; the page holds only the template's tags.
        page = (out / "graph.html").read_text(encoding="utf-8")
        assert _tags(page) == _benign_tags()


INPUTS = REPO / "tests" / "data" / "inputs"
SAMPLES = {"listing": "listing.txt", "jsonl": "generic.jsonl", "json": "openalex.json", "csv": "generic.csv",
           "atom": "arxiv_api.xml", "bibtex": "refs.bib"}


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """The sample file cut, spliced with random bytes, or with a byte changed; or noise."""
    choice = draw(st.sampled_from(["cut", "insert", "flip", "noise", "repeat"]))
    at = draw(st.integers(0, len(original)))
    if choice == "cut":
        return original[:at]
    if choice == "insert":
        return original[:at] + draw(st.binary(max_size=16)) + original[at:]
    if choice == "flip":
        return original[:at] + bytes([draw(st.integers(0, 255))]) + original[at + 1:]
    if choice == "repeat":
        return original[:at] + original[at:at + 64] * draw(st.integers(2, 50)) + original[at:]
    return draw(st.binary(max_size=512))


def _fuzz(reader: str) -> None:
    original = (INPUTS / SAMPLES[reader]).read_bytes()

    @settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(data=mutated(original))
    def run(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / SAMPLES[reader]
            path.write_bytes(data)
            try:
                for record in READERS[reader](path):
                    assert isinstance(record, (Paper, Skipped))
                    if isinstance(record, Skipped):
                        assert record.source.startswith(path.name) and record.reason
            except InputError as err:
                assert str(err).startswith(str(path)) or path.name in str(err)

    run()


def test_fuzz_listing_reader():
    _fuzz("listing")


def test_fuzz_jsonl_reader():
    _fuzz("jsonl")


def test_fuzz_json_reader():
    _fuzz("json")


def test_fuzz_csv_reader():
    _fuzz("csv")


def test_fuzz_atom_reader():
    _fuzz("atom")


def test_fuzz_bibtex_reader():
    _fuzz("bibtex")
