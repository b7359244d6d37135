import pytest

from builders.lexicon import Lexicon, LexiconError, load_lexicon, read_entries
from conftest import entry
from graph.schema import EntityKind


def test_shared_alias_without_context_is_an_error():
    with pytest.raises(LexiconError, match="'sam' is claimed by"):
        Lexicon([entry("method:sam", "SAM"), entry("model:segment-anything", "Segment Anything", "SAM")])


def test_shared_alias_with_context_is_allowed(tiny_lexicon):
    assert {e.id for e in tiny_lexicon.lookup("SAM")} == {
        "method:sam-sharpness-aware-minimization", "model:segment-anything"}


def test_variants_share_one_key(tiny_lexicon):
    assert tiny_lexicon.lookup("MS-MARCO")[0].id == "dataset:ms-marco"
    assert tiny_lexicon.lookup("cifar 100")[0].id == "dataset:cifar-100"


def test_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"id": "model:a", "kind": "model", "name": "A"}\n{"id": "Bad Id", "kind": "model", "name": "B"}\n')
    with pytest.raises(LexiconError, match=r"mine.jsonl:2: id"):
        read_entries(path)


def test_user_directory_adds_entries(tmp_path):
    (tmp_path / "mine.jsonl").write_text('{"id": "dataset:my-bench", "kind": "dataset", "name": "MyBench"}\n')
    lexicon = load_lexicon([tmp_path])
    assert lexicon.lookup("MyBench")[0].id == "dataset:my-bench"


def test_kind_must_match_id_prefix():
    with pytest.raises(LexiconError, match="prefix"):
        Lexicon([entry("model:x", "X").model_copy(update={"kind": EntityKind.DATASET})])


def test_shipped_lexicon_validates():
    lexicon = load_lexicon()
    assert all(e.id.split(":")[0] == e.kind.value for e in lexicon.entries.values())
