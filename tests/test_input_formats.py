"""The readers of builders.readers, one input format at a time, on small hand-written files.

The files under tests/data/inputs/ are composed for these tests (no real dumps): each holds
2-4 papers in the shape its source publishes, plus entries a reader must skip. Hostile or
broken files are written in tmp_path by the tests that need them. No network.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builders.readers import READERS, InputError, Skipped, detect_format, read_inputs
from graph.ids import normalize_title
from graph.schema import ISO_DATE, Paper

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"

CLIP_TITLE = "Low-Rank Adapters Meet Contrastive Image-Text Pretraining: Efficient Fine-Tuning of CLIP"
CLIP_ABSTRACT = ("We study parameter-efficient fine-tuning of CLIP with low-rank adapters (LoRA). On ImageNet and "
                 "five distribution-shift variants, adapters of rank 4 match full fine-tuning while updating 0.5% of "
                 "the weights. Code is available at https://github.com/example-lab/clip-lora.")
CLIP_AUTHORS = ("Mira Okafor", "Jonas Lindqvist", "Priya Raman")
RETRIEVAL_TITLE = "Dense Retrieval with Distilled BERT Rerankers on MS MARCO"


def records(name: str, input_format: str = "auto") -> list[Paper | Skipped]:
    return list(read_inputs([INPUTS / name], input_format))


def papers(name: str) -> dict[str, Paper]:
    """The papers of one input file, by title."""
    found = [r for r in records(name) if isinstance(r, Paper)]
    assert len({p.title for p in found}) == len(found)
    return {p.title: p for p in found}


def skipped(name: str) -> list[Skipped]:
    return [r for r in records(name) if isinstance(r, Skipped)]


def line_of(name: str, needle: str) -> int:
    """The 1-based line of ``name`` where ``needle`` first occurs."""
    for number, line in enumerate((INPUTS / name).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {name}")


# --- detect_format -------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("generic.jsonl", "jsonl"),
    ("generic.json", "json"),
    ("generic.csv", "csv"),
    ("generic.tsv", "csv"),
    ("arxiv_api.xml", "atom"),
    ("arxiv_snapshot.json", "jsonl"),  # JSON Lines, whatever its suffix says
    ("openalex.json", "json"),
    ("semantic_scholar.jsonl", "jsonl"),
    ("refs.bib", "bibtex"),
    ("listing.txt", "listing"),
])
def test_detect_format_picks_the_reader(name, expected):
    assert detect_format(INPUTS / name) == expected
    assert expected in READERS


def test_detect_format_tells_bibtex_by_suffix_and_by_content(tmp_path):
    text = (INPUTS / "refs.bib").read_text(encoding="utf-8")
    commented = tmp_path / "library.bib"
    commented.write_text("% exported by hand\n" + text, encoding="utf-8")
    misnamed = tmp_path / "refs.txt"
    misnamed.write_text(text, encoding="utf-8")
    assert detect_format(commented) == "bibtex"
    assert detect_format(misnamed) == "bibtex"


def test_detect_format_sees_through_a_utf16_bom(tmp_path):
    path = tmp_path / "arxiv_snapshot.json"
    path.write_text((INPUTS / "arxiv_snapshot.json").read_text(encoding="utf-8"), encoding="utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert detect_format(path) == "jsonl"


def test_forcing_the_format_reads_the_same_as_auto():
    assert records("arxiv_snapshot.json", "jsonl") == records("arxiv_snapshot.json")
    assert records("generic.tsv", "csv") == records("generic.tsv")


# --- every file at once ---------------------------------------------------------------------------

def test_a_directory_reads_every_input_file_with_sources_and_iso_dates():
    found = list(read_inputs([INPUTS]))
    read = [r for r in found if isinstance(r, Paper)]
    left = [r for r in found if isinstance(r, Skipped)]
    assert (len(read), len(left)) == (23, 9)
    for paper in read:
        assert len(paper.sources) == 1
        name, _, where = paper.sources[0].rpartition(":")
        record_numbered = name.endswith((".xml", ".json")) and name != "arxiv_snapshot.json"
        assert re.fullmatch(r"#\d+" if record_numbered else r"\d+", where), paper.sources
        assert paper.date is None or ISO_DATE.fullmatch(paper.date)
        assert paper.title == " ".join(paper.title.split())
        assert paper.abstract == " ".join(paper.abstract.split())
        if paper.arxiv_id:
            assert paper.id == "paper:arxiv-" + paper.arxiv_id.replace("/", "-")
            assert not re.search(r"v\d+$", paper.arxiv_id)
        if paper.doi:
            assert paper.doi == paper.doi.lower() and paper.doi.startswith("10.")
    for record in left:
        assert re.fullmatch(r"[\w.]+:#?\d+", record.source) and record.reason


# --- generic JSON Lines, JSON, CSV, TSV -----------------------------------------------------------

def test_generic_jsonl_fields():
    found = papers("generic.jsonl")
    assert list(found) == ["Prompt Tuning BERT for Low-Resource Named Entity Recognition",
                           "A Toolkit for Evaluating Retrieval-Augmented Generation"]  # white space collapsed
    ner = found["Prompt Tuning BERT for Low-Resource Named Entity Recognition"]
    assert ner.id == "paper:arxiv-2311.00042" and ner.arxiv_id == "2311.00042"
    assert ner.sources == ("generic.jsonl:1",)
    assert (ner.date, ner.authors, ner.venue, ner.url) == (
        "2023-11-01", ("Ana Souza", "Kenji Watanabe"), "arXiv", "https://arxiv.org/abs/2311.00042")
    assert ner.abstract.startswith("We prompt-tune BERT-base") and "CoNLL-2003" in ner.abstract
    toolkit = found["A Toolkit for Evaluating Retrieval-Augmented Generation"]
    assert toolkit.arxiv_id is None and toolkit.id.startswith("paper:a-toolkit-for-evaluating")
    assert (toolkit.date, toolkit.venue) == ("2024-03", "ACL 2024 System Demonstrations")
    assert toolkit.authors == ("Sara Rossi", "Omar Haddad")


def test_generic_jsonl_skips_a_record_without_abstract_and_a_line_that_is_not_json():
    left = skipped("generic.jsonl")
    assert [s.source for s in left] == ["generic.jsonl:3", "generic.jsonl:5"]  # line 4 is blank
    assert left[0].reason == "no abstract"
    assert left[1].reason.startswith("not JSON")


def test_generic_json_list_fields():
    found = papers("generic.json")
    registers = found["Register Tokens Improve ViT Features for Dense Prediction"]
    assert registers.id == "paper:arxiv-2401.00777" and registers.sources == ("generic.json:#1",)
    assert registers.authors == ("Lucía Fernández", "Tomasz Nowak")
    assert (registers.date, registers.venue) == ("2024-01-02", "ICLR 2024")
    calibration = found["Calibrating Retrieval-Augmented Language Models"]
    assert calibration.sources == ("generic.json:#2",)
    assert calibration.doi == "10.1162/tacl_a_00999" and calibration.id.startswith("paper:doi-10-1162-tacl-a-00999")
    assert calibration.authors == ("Wei Zhang", "Fatima Al-Sayed")  # "A and B" split
    assert calibration.date == "2024-02"
    assert skipped("generic.json") == []


def test_generic_csv_quoted_field_with_comma_and_newline():
    found = papers("generic.csv")
    tome = found["Token Merging for Faster Diffusion Transformers"]
    assert tome.sources == ("generic.csv:2",)
    assert tome.abstract == ("We merge redundant tokens in diffusion transformers, cutting FLOPs by 40%. On ImageNet "
                             "256x256 the FID rises by only 0.2, and the method needs no retraining.")
    assert tome.id == "paper:arxiv-2402.01010"
    assert (tome.authors, tome.venue, tome.date) == (("Hana Kim", "Diego Alvarez"), "CVPR 2024", "2024-02-01")
    probing = found["Probing BERT Layers for Syntax, Semantics and Factual Knowledge"]
    assert probing.sources == ("generic.csv:6",)  # the quoted newline counts as a line
    assert (probing.date, probing.authors, probing.arxiv_id) == ("2023-06", ("Sara Rossi",), None)


def test_generic_csv_skips_a_short_row_with_its_line():
    assert skipped("generic.csv") == [Skipped("generic.csv:5", "3 cells where the header has 7")]


def test_generic_csv_with_crlf_line_ends_reads_the_same(tmp_path):
    path = tmp_path / "generic.csv"
    path.write_bytes((INPUTS / "generic.csv").read_bytes().replace(b"\n", b"\r\n"))
    assert list(read_inputs([path])) == records("generic.csv")


def test_generic_tsv_fields():
    found = papers("generic.tsv")
    drafts = found["Speculative Decoding with Draft Heads for LLaMA Inference"]
    assert drafts.abstract.startswith('We attach lightweight "draft heads" to a frozen LLaMA-2 model')
    assert drafts.id == "paper:arxiv-2403.02020" and drafts.sources == ("generic.tsv:2",)
    assert drafts.authors == ("Omar Haddad", "Ingrid Berg")
    coca = found["Contrastive Captioners Revisited: A CoCa Baseline for Zero-Shot Retrieval"]
    assert (coca.date, coca.venue, coca.url, coca.sources) == ("2023", "TMLR", None, ("generic.tsv:3",))
    assert "MS COCO and Flickr30K" in coca.abstract


# --- arXiv: API (Atom) and metadata snapshot ------------------------------------------------------

def test_arxiv_atom_fields():
    found = papers("arxiv_api.xml")
    clip = found[CLIP_TITLE]  # title wrapped over two lines in the feed
    assert clip.id == "paper:arxiv-2310.01234" and clip.arxiv_id == "2310.01234"
    assert clip.sources == ("arxiv_api.xml:#1",)
    assert clip.abstract == CLIP_ABSTRACT
    assert clip.code_urls == ("https://github.com/example-lab/clip-lora",)
    assert clip.doi == "10.1109/iccv51070.2023.01234"
    assert clip.date == "2023-10-02"  # <published>, not <updated>
    assert clip.authors == CLIP_AUTHORS
    assert clip.venue == "Proceedings of ICCV 2023, pp. 11234-11245"
    assert clip.categories == ("cs.CV", "cs.LG")
    assert clip.url == "http://arxiv.org/abs/2310.01234v2"
    retrieval = found[RETRIEVAL_TITLE]
    assert (retrieval.id, retrieval.doi, retrieval.venue) == ("paper:arxiv-2309.05678", None, None)
    assert retrieval.categories == ("cs.IR", "cs.CL")


def test_arxiv_atom_skips_an_entry_with_an_empty_summary_by_record_number():
    assert skipped("arxiv_api.xml") == [Skipped("arxiv_api.xml:#3", "no abstract")]


def test_arxiv_snapshot_fields():
    found = papers("arxiv_snapshot.json")
    clip = found[CLIP_TITLE]
    assert clip.sources == ("arxiv_snapshot.json:1",)  # a line number: it is JSON Lines
    assert clip.id == "paper:arxiv-2310.01234"
    assert clip.abstract == CLIP_ABSTRACT  # leading spaces and line breaks gone
    assert clip.authors == CLIP_AUTHORS  # from authors_parsed [last, first, suffix]
    assert clip.date == "2023-10-02"  # the v1 date, "Mon, 2 Oct 2023 17:59:59 GMT"
    assert clip.doi == "10.1109/iccv51070.2023.01234"
    assert clip.categories == ("cs.CV", "cs.LG")
    assert clip.venue == "Proceedings of ICCV 2023, pp. 11234-11245"
    assert clip.url == "https://arxiv.org/abs/2310.01234"
    moe = found["Sparse Mixture-of-Experts for Cross-Lingual Transfer on GLUE and XNLI"]
    assert moe.authors == ("Thi Hoa Nguyen", "Samuel Brown Jr")
    assert (moe.date, moe.doi, moe.venue, moe.categories) == ("2023-04-16", None, None, ("cs.CL",))
    kernels = found["Kernel Methods for Small Tabular Benchmarks"]
    assert kernels.arxiv_id == "cs/0501001" and kernels.id == "paper:arxiv-cs-0501001"
    assert kernels.date == "2005-01-01"
    assert skipped("arxiv_snapshot.json") == []


# --- OpenAlex and Semantic Scholar ----------------------------------------------------------------

def test_openalex_abstract_is_rebuilt_in_word_order():
    work = json.loads((INPUTS / "openalex.json").read_text(encoding="utf-8"))["results"][0]
    index = work["abstract_inverted_index"]
    assert list(index) != sorted(index, key=lambda w: min(index[w]))  # the file is not in word order
    paper = papers("openalex.json")["Instruction Tuning with Quantized Low-Rank Adapters"]
    assert paper.abstract == ("We fine-tune LLaMA-7B on instruction data with 4-bit quantized low-rank adapters. "
                              "On MMLU the adapters match 16-bit LoRA, and training fits on a single 24 GB GPU.")


def test_openalex_fields():
    found = papers("openalex.json")
    qlora = found["Instruction Tuning with Quantized Low-Rank Adapters"]
    assert qlora.sources == ("openalex.json:#1",)
    assert qlora.arxiv_id == "2305.11111" and qlora.id == "paper:arxiv-2305.11111"  # from the arXiv location
    assert qlora.doi == "10.18653/v1/2023.emnlp-main.101"
    assert qlora.date == "2023-12-06"
    assert qlora.authors == ("Lena Schöne", "Hana Kim")
    assert qlora.venue == "Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing"
    assert qlora.url == "https://doi.org/10.18653/v1/2023.emnlp-main.101"
    assert qlora.categories == ("Computer science",)  # level-0 concepts only
    ctr = found["Graph Contrastive Pretraining for Click-Through Rate Prediction"]
    assert ctr.arxiv_id is None and ctr.doi == "10.1016/j.patrec.2023.08.015"
    assert ctr.id.startswith("paper:doi-10-1016-j-patrec-2023-08-015")
    assert (ctr.venue, ctr.date, ctr.authors) == ("Pattern Recognition Letters", "2023-09-01", ("Diego Alvarez",))


def test_openalex_skips_a_work_without_abstract_by_record_number():
    assert skipped("openalex.json") == [Skipped("openalex.json:#3", "no abstract")]


def test_semantic_scholar_fields():
    found = papers("semantic_scholar.jsonl")
    retrieval = found[RETRIEVAL_TITLE]
    assert retrieval.sources == ("semantic_scholar.jsonl:1",)
    assert retrieval.id == "paper:arxiv-2309.05678" and retrieval.doi is None
    assert retrieval.authors == ("Kenji Watanabe", "Ana Souza")
    assert (retrieval.date, retrieval.venue, retrieval.categories) == ("2023-09-11", "arXiv.org", ("Computer Science",))
    assert retrieval.url.startswith("https://www.semanticscholar.org/paper/")
    tabular = found["Few-Shot Tabular Classification with Language Model Priors"]
    assert tabular.doi == "10.1145/3580305.3599999" and tabular.arxiv_id is None
    assert tabular.date == "2023"  # no publicationDate: the year
    assert tabular.venue == "Knowledge Discovery and Data Mining"  # empty venue: the journal name
    assert tabular.categories == ("Computer Science",)  # from s2FieldsOfStudy
    assert skipped("semantic_scholar.jsonl") == [Skipped("semantic_scholar.jsonl:3", "no abstract")]


# --- BibTeX ---------------------------------------------------------------------------------------

def test_bibtex_article_with_arxiv_eprint():
    paper = papers("refs.bib")["LoRA Adapters for GLUE: A Study of Rank, Scale and Stability"]
    assert paper.sources == (f"refs.bib:{line_of('refs.bib', '@article{schoene2023lora')}",)
    assert paper.arxiv_id == "2310.04444" and paper.id == "paper:arxiv-2310.04444"
    assert paper.doi is None  # arXiv's own DOI says no more than the arXiv id
    assert paper.date == "2023-10"  # month = oct (a macro)
    assert paper.authors[:2] == ("Lena Schöne", "Aurélie Géron")  # "Last, First" and accents
    assert paper.venue == "Transactions on Machine Learning Research"
    assert paper.abstract.startswith("We fine-tune BERT and RoBERTa with low-rank adapters on the GLUE benchmark")
    assert "Rank 8 recovers 99.1% of full fine-tuning accuracy while training 0.3% of the weights." in paper.abstract
    assert not set("{}\\~") & set(paper.title + paper.abstract)


def test_bibtex_inproceedings_with_string_macro_and_concatenation():
    paper = papers("refs.bib")["Distilling Cross-Encoders into Dense Retrievers for MS MARCO"]
    assert paper.sources == (f"refs.bib:{line_of('refs.bib', '@inproceedings{okafor2023distill')}",)
    assert paper.venue == "Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing"
    assert paper.authors == ("Mira Okafor", "Jonas Lindqvist")
    assert paper.doi == "10.18653/v1/2023.emnlp-main.77" and paper.arxiv_id is None
    assert paper.id.startswith("paper:doi-10-18653-v1-2023-emnlp-main-77")
    assert paper.date == "2023-12"
    assert paper.url == "https://aclanthology.org/2023.emnlp-main.77"
    assert paper.categories == ("dense retrieval", "distillation")
    assert paper.abstract.startswith("We distill a BERT cross-encoder into a bi-encoder retriever without hard negatives.")
    assert "97% of the teacher's nDCG@10" in paper.abstract


def test_bibtex_skips_an_entry_without_abstract_and_reads_on_after_a_broken_one():
    left = skipped("refs.bib")
    assert left[0] == Skipped(f"refs.bib:{line_of('refs.bib', '@misc{doe2017note')}", "no abstract")
    assert len(left) == 2 and left[1].reason.startswith("unreadable BibTeX entry")
    assert "Sparse Mixture-of-Experts Adapters for Continual Learning on CIFAR-100" in papers("refs.bib")
    assert "@comment" not in " ".join(papers("refs.bib"))


def test_bibtex_broken_entry_is_reported_at_its_own_line():
    broken = [s for s in skipped("refs.bib") if s.reason.startswith("unreadable")]
    assert [s.source for s in broken] == [f"refs.bib:{line_of('refs.bib', '@inproceedings{broken2023')}"]


def test_bibtex_accent_on_dotless_i():
    paper = papers("refs.bib")["LoRA Adapters for GLUE: A Study of Rank, Scale and Stability"]
    assert paper.authors == ("Lena Schöne", "Aurélie Géron", "Martín Ibáñez")


def test_bibtex_math_command_does_not_become_a_polish_letter():
    paper = papers("refs.bib")["LoRA Adapters for GLUE: A Study of Rank, Scale and Stability"]
    assert "ł" not in paper.abstract
    assert "lambda" in paper.abstract or "λ" in paper.abstract


def test_bibtex_arxiv_id_from_journal_field():
    paper = papers("refs.bib")["Sparse Mixture-of-Experts Adapters for Continual Learning on CIFAR-100"]
    assert paper.arxiv_id == "2312.09876" and paper.id == "paper:arxiv-2312.09876"


# --- listing --------------------------------------------------------------------------------------

def test_listing_pairs_titles_with_abstracts_and_skips_a_lonely_title():
    found = papers("listing.txt")
    assert [p.sources for p in found.values()] == [("listing.txt:5",), ("listing.txt:9",)]
    assert skipped("listing.txt") == [Skipped("listing.txt:13", "title with no abstract after it (end of file)")]


# --- the same paper in several files --------------------------------------------------------------

def test_the_same_paper_in_several_files_shares_its_identity():
    atom = papers("arxiv_api.xml")[CLIP_TITLE]
    snapshot = papers("arxiv_snapshot.json")[CLIP_TITLE]
    csv_row = next(p for p in papers("generic.csv").values() if p.sources == ("generic.csv:4",))
    assert atom.id == snapshot.id == "paper:arxiv-2310.01234"
    assert csv_row.arxiv_id is None and csv_row.title != CLIP_TITLE
    assert normalize_title(csv_row.title) == normalize_title(CLIP_TITLE)
    assert papers("semantic_scholar.jsonl")[RETRIEVAL_TITLE].id == papers("arxiv_api.xml")[RETRIEVAL_TITLE].id


def test_merging_all_inputs_joins_the_records_of_one_paper():
    from builders.pipeline import BuildReport, merge_papers

    report = BuildReport()
    merged = {p.id: p for p in merge_papers(read_inputs([INPUTS]), report)}
    clip = merged["paper:arxiv-2310.01234"]
    assert clip.sources == ("arxiv_api.xml:#1", "arxiv_snapshot.json:1", "generic.csv:4")
    assert merged["paper:arxiv-2309.05678"].sources == ("arxiv_api.xml:#2", "semantic_scholar.jsonl:1")
    assert (report.entries_read, len(merged), len(report.skipped)) == (23, 20, 9)


# --- encodings and hostile or broken files ---------------------------------------------------------

def test_utf16_jsonl_with_bom_reads_like_its_utf8_version(tmp_path):
    path = tmp_path / "generic.jsonl"
    path.write_text((INPUTS / "generic.jsonl").read_text(encoding="utf-8"), encoding="utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert detect_format(path) == "jsonl"
    assert list(read_inputs([path])) == records("generic.jsonl")


def test_utf8_bom_csv_reads_like_its_plain_version(tmp_path):
    path = tmp_path / "generic.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (INPUTS / "generic.csv").read_bytes())
    assert list(read_inputs([path])) == records("generic.csv")


def test_utf16_atom_feed_that_declares_its_encoding_reads_like_its_utf8_version(tmp_path):
    path = tmp_path / "arxiv_api.xml"
    text = (INPUTS / "arxiv_api.xml").read_text(encoding="utf-8")
    path.write_text(text.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1), encoding="utf-16")
    assert list(read_inputs([path])) == records("arxiv_api.xml")


def test_latin1_file_is_an_input_error_naming_file_and_line(tmp_path):
    path = tmp_path / "latin1.jsonl"
    lines = ['{"title": "Plain ASCII", "abstract": "We fine-tune BERT."}',
             '{"title": "Caf\xe9 Reviews", "abstract": "We classify caf\xe9 reviews with BERT."}']
    path.write_bytes("\n".join(lines).encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.jsonl:2: not UTF-8") as caught:
        list(read_inputs([path], strict=True))
    assert caught.value.line == 2


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE feed [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><id>http://arxiv.org/abs/2310.00001v1</id><title>&lol3;</title><summary>&lol3;</summary></entry>
</feed>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><id>http://arxiv.org/abs/2310.00002v1</id><title>Leak</title><summary>&secret;</summary></entry>
</feed>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["entity-expansion", "external-entity"])
def test_atom_with_dtd_or_entities_is_refused_as_unsafe(tmp_path, text):
    path = tmp_path / "hostile.xml"
    path.write_text(text, encoding="utf-8")
    assert detect_format(path) == "atom"
    with pytest.raises(InputError, match="unsafe XML"):
        list(read_inputs([path], strict=True))


def test_truncated_atom_is_an_input_error_with_its_line(tmp_path):
    text = (INPUTS / "arxiv_api.xml").read_text(encoding="utf-8")
    cut = text[: text.index("We distill a BERT cross-encoder")]  # ends inside the second <summary>
    path = tmp_path / "truncated.xml"
    path.write_text(cut, encoding="utf-8")
    last_line = cut.count("\n") + 1
    with pytest.raises(InputError, match=rf"truncated\.xml:{last_line}: not well-formed XML") as caught:
        list(read_inputs([path], strict=True))
    assert caught.value.line == last_line > 1


@pytest.mark.parametrize("name", ["openalex.json", "generic.json"])
def test_truncated_json_is_an_input_error(tmp_path, name):
    text = (INPUTS / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    assert detect_format(path) == "json"
    with pytest.raises(InputError, match=rf"{re.escape(name)}:\d+: not JSON") as caught:
        list(read_inputs([path], strict=True))
    assert caught.value.line >= 1


def test_empty_csv_is_an_input_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert detect_format(path) == "csv"
    with pytest.raises(InputError, match=r"empty\.csv:0: empty file"):
        list(read_inputs([path], strict=True))
