"""Shared fixtures: tiny listings and a tiny lexicon, built in memory or under tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

from builders.lexicon import Lexicon, LexiconEntry

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "examples" / "data"
XSD_DIR = Path(__file__).parent / "data" / "xsd"

SPACED_LISTING = """new

Get trending papers in your email inbox!

Subscribe

Daily Papers

byAK and the research community

Sep 2

CLIPood: Generalizing CLIP to Out-of-Distributions

We propose CLIPood, a fine-tuning method that adapts CLIP models. Experiments on DomainBed show gains. Code: https://github.com/example/CLIPood.

RankT5: Fine-Tuning T5 for Text Ranking

We fine-tune T5 and evaluate on MS MARCO and BEIR. RankT5 outperforms BM25.
"""

DENSE_LISTING = (
    "Get trending papers in your email inbox once a day!\n"
    "Get trending papers in your email inbox!\n"
    "SubscribeCLIPood: Generalizing CLIP to Out-of-Distributions\n"
    "We propose CLIPood, a fine-tuning method that adapts CLIP models. Experiments on DomainBed show gains.\n"
    "TRAM: Bridging Trust Regions and Sharpness Aware Minimization\n"
    "We propose Trust Region Aware Minimization (TRAM), a SAM algorithm. TRAM outperforms SAM on ImageNet.\n"
    "\n \n\t\t\t \n\t \n"
)


def entry(id_: str, name: str, *aliases: str, **extra) -> LexiconEntry:
    return LexiconEntry(id=id_, kind=id_.split(":")[0], name=name, aliases=aliases, **extra)


@pytest.fixture
def tiny_lexicon() -> Lexicon:
    return Lexicon([
        entry("model:clip", "CLIP", "Contrastive Language-Image Pre-training"),
        entry("model:t5", "T5"),
        entry("model:resnet-50", "ResNet-50", "ResNet50"),
        entry("model:vit", "ViT", "Vision Transformer"),
        entry("model:vit-s-16", "ViT-S/16"),
        entry("dataset:domainbed", "DomainBed"),
        entry("dataset:imagenet", "ImageNet"),
        entry("dataset:ms-marco", "MS MARCO", "MSMARCO"),
        entry("dataset:beir", "BEIR"),
        entry("dataset:cifar-100", "CIFAR-100", "CIFAR100"),
        entry("method:bm25", "BM25"),
        entry("method:sam-sharpness-aware-minimization", "SAM", "Sharpness-Aware Minimization",
              context=("sharpness", "minima", "optimizer")),
        entry("model:segment-anything", "Segment Anything", "SAM",
              context=("segmentation", "mask", "segment")),
    ])


@pytest.fixture
def listings(tmp_path: Path) -> Path:
    folder = tmp_path / "listings"
    folder.mkdir()
    (folder / "a_spaced.txt").write_text(SPACED_LISTING, encoding="utf-8")
    (folder / "b_dense.txt").write_text(DENSE_LISTING, encoding="utf-8")
    return folder
