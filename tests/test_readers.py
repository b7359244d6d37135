from pathlib import Path

import pytest

from builders.pipeline import BuildReport, merge_papers
from builders.readers import InputError, Skipped, read_inputs, read_listing
from conftest import BUNDLED
from graph.schema import Paper


def test_spaced_layout_skips_header_and_pairs_title_with_abstract(listings):
    papers = list(read_listing(listings / "a_spaced.txt"))
    assert [p.title for p in papers] == ["CLIPood: Generalizing CLIP to Out-of-Distributions",
                                         "RankT5: Fine-Tuning T5 for Text Ranking"]
    assert papers[1].abstract.startswith("We fine-tune T5")
    assert papers[0].sources == ("a_spaced.txt:13",)


def test_dense_layout_unglues_subscribe_and_ignores_trailing_whitespace_lines(listings):
    papers = list(read_listing(listings / "b_dense.txt"))
    assert [p.title.split(":")[0] for p in papers] == ["CLIPood", "TRAM"]
    assert all(isinstance(p, Paper) for p in papers)


def test_code_links_are_kept_without_trailing_punctuation(listings):
    paper = next(read_listing(listings / "a_spaced.txt"))
    assert paper.code_urls == ("https://github.com/example/CLIPood",)


def test_title_without_abstract_is_skipped_with_its_line(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_text("Title one\nAbstract one\nLonely title\n", encoding="utf-8")
    records = list(read_listing(path))
    assert isinstance(records[-1], Skipped)
    assert records[-1].source == "odd.txt:3"


def test_non_utf8_input_names_file_and_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Title\nCaf\xe9 abstract\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1.txt:2: not UTF-8"):
        list(read_listing(path))


def test_missing_input_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_inputs([tmp_path / "nope.txt"], strict=True))


def test_unknown_input_format_lists_choices(listings):
    with pytest.raises(ValueError, match=r"choose from \['auto', 'atom', 'bibtex', 'csv'"):
        list(read_inputs([listings], "yaml"))


def test_same_paper_in_two_files_is_one_paper_with_both_sources(listings):
    report = BuildReport()
    papers = merge_papers(read_inputs([listings]), report)
    clipood = [p for p in papers if p.title.startswith("CLIPood")]
    assert len(clipood) == 1
    assert clipood[0].sources == ("a_spaced.txt:13", "b_dense.txt:3")
    assert (report.entries_read, report.duplicates_merged, len(papers)) == (4, 1, 3)


def test_bundled_listings_hold_694_entries_and_636_papers():
    report = BuildReport()
    papers = merge_papers(read_inputs([BUNDLED]), report)
    assert (report.entries_read, len(papers), report.skipped) == (694, 636, [])
    assert all(p.title and p.abstract for p in papers)
    assert not any(p.title.startswith(("Subscribe", "Get trending", "new")) for p in papers)
