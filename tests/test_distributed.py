"""The Dask engine: extraction on a local cluster of two worker processes gives the same
files as the single-process build. The Dask build runs in a child process: Dask leaves
threads behind, and a test process with stray threads must not fork later tests' workers."""
import subprocess
import sys

import pytest

from builders.cli import main
from conftest import REPO

pytest.importorskip("distributed")


def test_dask_engine_builds_the_same_graph_as_the_local_path(tmp_path, listings):
    local, dask = tmp_path / "local", tmp_path / "dask"
    formats = ["--format", "ttl,nt,graphml,html"]
    assert main(["build", str(listings), "--out", str(local), *formats]) == 0
    subprocess.run([sys.executable, "-m", "builders.cli", "build", str(listings / "*.txt"), "--out", str(dask),
                    "--engine", "dask", "--workers", "2", *formats], cwd=REPO, check=True, capture_output=True)
    assert {p.name: p.read_bytes() for p in local.iterdir()} == {p.name: p.read_bytes() for p in dask.iterdir()}


def test_scheduler_needs_the_dask_engine(tmp_path, listings, capsys):
    assert main(["build", str(listings), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"]) == 1
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
