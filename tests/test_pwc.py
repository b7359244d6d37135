import json

from builders.cli import main
from builders.lexicon import load_lexicon
from builders.pwc import convert
from conftest import entry
from builders.lexicon import Lexicon


def _archive(tmp_path):
    datasets = [
        {"url": "https://paperswithcode.com/dataset/mybench-3d", "name": "MyBench-3D",
         "full_name": "My Benchmark for 3D", "variants": ["MyBench-3D", "MyBench 3D v1"]},
        {"url": "https://paperswithcode.com/dataset/imagenet", "name": "ImageNet", "variants": []},
    ]
    methods = [
        {"url": "https://paperswithcode.com/method/dropout", "name": "Dropout", "full_name": "Dropout"},
        {"url": "https://paperswithcode.com/method/swav", "name": "SwAV",
         "full_name": "Swapping Assignments between Views"},
    ]
    (tmp_path / "datasets.json").write_text(json.dumps(datasets))
    (tmp_path / "methods.json").write_text(json.dumps(methods))
    return [tmp_path / "datasets.json", tmp_path / "methods.json"]


def test_pwc_records_become_entries_minus_known_and_ordinary_names(tmp_path):
    known = Lexicon([entry("dataset:imagenet", "ImageNet")])
    entries, counts = convert(_archive(tmp_path), known)
    by_id = {e.id: e for e in entries}
    assert set(by_id) == {"dataset:mybench-3d", "method:swav"}
    assert by_id["dataset:mybench-3d"].aliases == ("My Benchmark for 3D", "MyBench 3D v1")
    assert by_id["method:swav"].external_ids == {"pwc": "swav"}
    assert counts["skipped: name already known"] == 1 and counts["skipped: ordinary word"] == 1


def test_import_command_writes_a_lexicon_directory_build_accepts(tmp_path, capsys):
    out = tmp_path / "lex"
    assert main(["import-pwc", *map(str, _archive(tmp_path)), "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    lexicon = load_lexicon([out])
    assert lexicon.lookup("MyBench-3D")[0].id == "dataset:mybench-3d"
