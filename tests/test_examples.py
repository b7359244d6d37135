"""Every script in examples/ runs, from any directory, and prints what it promises."""
import subprocess
import sys

import pytest

from conftest import REPO

EXPECTED = {
    "quick_start.py": ["Papers that evaluate on DomainBed:", "What extends CLIP", "CLIPood"],
    "research_questions.py": ["Most used datasets:", "ImageNet", "Datasets used together:", "How do DomainBed and BERT connect?"],
    "custom_lexicon.py": ["Ship Detection Without Labels evaluates on HarbourBench"],
    "networkx_analysis.py": ["dataset co-usage network:", "ImageNet"],
}


def test_every_example_is_covered():
    assert sorted(p.name for p in (REPO / "examples").glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_runs(script, tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "examples" / script)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for text in EXPECTED[script]:
        assert text in done.stdout, (text, done.stdout[:2000])
    assert list(tmp_path.iterdir()) == []  # examples write nothing where they run
