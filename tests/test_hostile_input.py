"""Broken and hostile input: every bad file or entry is reported with file, line and reason,
the rest is built, exit codes say what happened, and earlier outputs survive any failure."""
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from builders.cli import main
from builders.readers import InputError, Skipped, read_inputs
from conftest import DENSE_LISTING, REPO, SPACED_LISTING


@pytest.fixture
def messy(tmp_path):
    """A directory holding good listings beside every kind of bad file."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(SPACED_LISTING, encoding="utf-8")
    (folder / "b_crlf.txt").write_bytes(DENSE_LISTING.replace("\n", "\r\n").encode("utf-8"))
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "e_latin1.txt").write_bytes("Title\nCaf\xe9 au lait abstract.\n".encode("latin-1"))
    (folder / "f_utf16.jsonl").write_bytes(json.dumps({"title": "Utf Sixteen", "abstract": "We use BERT."}).encode("utf-16"))
    (folder / "g_truncated.json").write_text('[{"title": "A", "abstract": "B"}, {"title": "C", "abs', encoding="utf-8")
    (folder / "h_truncated.bib").write_text("@article{k1,\n title = {Good},\n abstract = {We use CLIP.}\n}\n"
                                            "@article{k2,\n title = {Cut off", encoding="utf-8")
    (folder / "i_no_fields.jsonl").write_text('{"title": "No abstract"}\n{"abstract": "No title"}\n', encoding="utf-8")
    (folder / "j_long.txt").write_text("x" * 5_000_000 + "\nabstract\n", encoding="utf-8")
    (folder / "k_twice.jsonl").write_text(
        json.dumps({"title": "RankT5: Fine-Tuning T5 for Text Ranking", "abstract": "Another text of RankT5."}) + "\n",
        encoding="utf-8")
    return folder


def test_every_bad_file_and_entry_is_reported_and_the_rest_is_built(messy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(messy), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    report = captured.out
    for expected in ("c_empty.txt:0: empty file", "d_binary.txt:1: binary data", "e_latin1.txt:2: not UTF-8",
                     "g_truncated.json:1: not JSON", "h_truncated.bib:5: unreadable BibTeX entry",
                     "i_no_fields.jsonl:1: no abstract", "i_no_fields.jsonl:2: no title",
                     "j_long.txt:1: title of 5,000,000 characters"):
        assert expected in report, expected
    assert "same paper, different abstracts (kept the longest)" in report  # RankT5 from two files
    assert "skipped: 8" in report
    assert "skipped (listed above)" in captured.err
    titles = {n["title"] for n in json.loads((out / "graph.json").read_text())["nodes"] if n["type"] == "paper"}
    assert {"Utf Sixteen", "Good", "TRAM: Bridging Trust Regions and Sharpness Aware Minimization"} <= titles


def test_crlf_reads_like_lf(tmp_path):
    (tmp_path / "lf.txt").write_text(DENSE_LISTING, encoding="utf-8")
    (tmp_path / "crlf.txt").write_bytes(DENSE_LISTING.replace("\n", "\r\n").encode("utf-8"))
    read = [[(p.title, p.abstract) for p in read_inputs([tmp_path / name])] for name in ("lf.txt", "crlf.txt")]
    assert read[0] == read[1] and read[0]


def test_unreadable_file_is_skipped_with_the_reason(messy, monkeypatch):
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "a_good.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    skipped = [r for r in read_inputs([messy]) if isinstance(r, Skipped)]
    assert any(s.source.endswith("a_good.txt:0") and "Permission denied" in s.reason for s in skipped)


def test_strict_stops_at_the_first_problem_and_writes_nothing(messy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(messy), "--out", str(out), "--strict"]) == 1
    assert "c_empty.txt:0: empty file" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(InputError, match="i_no_fields.jsonl:1: no abstract"):
        list(read_inputs([messy / "i_no_fields.jsonl"], strict=True))


def test_nothing_readable_is_an_error_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "bad.txt"), "--out", str(out)]) == 1
    assert "no paper could be read" in capsys.readouterr().err
    assert not out.exists()


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_a_crash_midway_leaves_the_earlier_outputs_intact(listings, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["build", str(listings), "--out", str(out)]) == 0
    before = _outputs(out)
    import exports.graphml

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(exports.graphml, "write", crash)
    with pytest.raises(RuntimeError):
        main(["build", str(listings / "a_spaced.txt"), "--out", str(out)])
    assert _outputs(out) == before  # no new file landed, no partial or staging file is left


def test_sigterm_midway_leaves_the_earlier_outputs_intact(listings, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(listings), "--out", str(out)]) == 0
    before = _outputs(out)
    # A child build that pauses after writing its first output, so the signal lands midway.
    script = (
        "import sys, time, exports.rdf as rdf\n"
        "from builders.cli import main\n"
        "real = rdf.write\n"
        "def slow(*a, **k):\n"
        "    real(*a, **k); print('written', flush=True); time.sleep(60)\n"
        "rdf.write = slow\n"
        f"sys.exit(main(['build', {str(listings / 'a_spaced.txt')!r}, '--out', {str(out)!r}]))\n")
    child = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "written"
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 130 and "interrupted" in err
    assert _outputs(out) == before


def test_outputs_are_identical_across_hash_seeds(listings, tmp_path):
    outputs = []
    for seed in ("1", "12345"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "builders.cli", "build", str(listings), "--out", str(out),
                        "--format", "ttl,nt,jsonld,graphml,html"], cwd=REPO, env=env, check=True,
                       capture_output=True)
        outputs.append(_outputs(out))
    assert outputs[0] == outputs[1]


def test_outputs_are_identical_across_worker_counts(listings, tmp_path):
    outputs, codes = [], set()
    for workers in ("1", "2", "3"):
        out = tmp_path / f"out{workers}"
        codes.add(main(["build", str(listings), str(REPO / "tests" / "data" / "inputs"), "--out", str(out),
                        "--format", "ttl,nt,jsonld,graphml,html", "--workers", workers]))
        outputs.append(_outputs(out))
    assert len(codes) == 1 and outputs[0] == outputs[1] == outputs[2]
