from builders.extract.mentions import Gazetteer


def _ids(lexicon, text):
    return [(m.surface, m.entries[0].id) for m in Gazetteer(lexicon).find(text)]


def test_extract_prefers_longest_alias(tiny_lexicon):
    assert _ids(tiny_lexicon, "We use ViT-S/16 and ViT.") == [("ViT-S/16", "model:vit-s-16"), ("ViT", "model:vit")]


def test_spelling_variants_reach_one_entry(tiny_lexicon):
    found = _ids(tiny_lexicon, "On CIFAR100, CIFAR-100 and CIFAR 100 with ResNet 50.")
    assert [i for _, i in found] == ["dataset:cifar-100"] * 3 + ["model:resnet-50"]


def test_short_names_match_case_exactly(tiny_lexicon):
    assert _ids(tiny_lexicon, "We clip gradients; Sam and beir.") == []


def test_plurals_and_possessives_resolve(tiny_lexicon):
    assert [i for _, i in _ids(tiny_lexicon, "CLIP's encoder beats ViTs.")] == ["model:clip", "model:vit"]


def test_names_inside_other_words_do_not_match(tiny_lexicon):
    assert _ids(tiny_lexicon, "RankT5 and BM25Plus") == []


def test_hyphen_compounds_expose_the_name(tiny_lexicon):
    assert _ids(tiny_lexicon, "a CLIP-based model") == [("CLIP", "model:clip")]


def test_plural_of_an_acronym_names_a_class_not_the_entry(tiny_lexicon):
    assert _ids(tiny_lexicon, "Cross-lingual models (BEIRs) and CLIPs") == []
