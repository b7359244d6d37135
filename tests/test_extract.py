from builders.extract import RuleExtractor
from graph.ids import paper_id
from graph.schema import Paper, Relation


def _extract(lexicon, title, abstract):
    paper = Paper(id=paper_id(title), title=title, abstract=abstract)
    result = RuleExtractor(lexicon).extract(paper)
    names = {e.id: e for e in result.entities}
    return paper, result, {(a.head if a.head != paper.id else "PAPER", a.relation.value, a.tail)
                           for a in result.assertions}, names


def test_title_name_is_introduced_and_derived_name_extends(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "CLIPood: Generalizing CLIP to Out-of-Distributions",
                                "We propose CLIPood. Experiments on DomainBed show gains.")
    assert ("PAPER", "introduces", "method:clipood") in triples
    assert ("method:clipood", "extends", "model:clip") in triples
    assert ("PAPER", "evaluates_on", "dataset:domainbed") in triples


def test_acronym_definition_binds_both_forms(tiny_lexicon):
    _, _, triples, names = _extract(tiny_lexicon, "Flat minima for transfer",
                                    "We propose Trust Region Aware Minimization (TRAM) for fine-tuning.")
    assert ("PAPER", "introduces", "method:tram") in triples
    assert "Trust Region Aware Minimization" in names["method:tram"].aliases


def test_competitor_is_compared_not_used(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "RankT5: Fine-Tuning T5 for Text Ranking",
                                "We fine-tune T5 on MS MARCO. RankT5 outperforms BM25 on BEIR.")
    assert ("PAPER", "uses", "model:t5") in triples
    assert ("PAPER", "compares_with", "method:bm25") in triples
    assert ("PAPER", "uses", "method:bm25") not in triples
    assert ("PAPER", "uses", "dataset:ms-marco") in triples


def test_context_decides_an_ambiguous_alias(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Better optimizers",
                                "SAM seeks flat minima of the loss sharpness; we use SAM as the optimizer.")
    tails = {t for _, _, t in triples}
    assert "method:sam-sharpness-aware-minimization" in tails and "model:segment-anything" not in tails


def test_every_assertion_points_at_its_sentence(tiny_lexicon):
    paper, result, _, _ = _extract(tiny_lexicon, "RankT5: Fine-Tuning T5 for Text Ranking",
                                   "Ranking matters. We fine-tune T5 on MS MARCO.")
    for assertion in result.assertions:
        ev = assertion.evidence
        text = paper.title if ev.field == "title" else paper.abstract
        assert text[ev.start:ev.end] == ev.sentence
        assert 0 < ev.confidence <= 1 and ev.rule


def test_known_name_with_a_variant_part_is_a_variant_entity(tiny_lexicon):
    _, _, triples, names = _extract(tiny_lexicon, "Robustness",
                                    "We fine-tune ViT-H/14 and evaluate on CIFAR-100-C.")
    assert ("PAPER", "uses", "model:vit-h-14") in triples
    assert ("PAPER", "evaluates_on", "dataset:cifar-100-c") in triples
    assert "model:vit" not in names and names["model:vit-h-14"].kind.value == "model"


def test_unknown_coined_name_needs_a_cue(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "A study of retrieval",
                                "Our method outperforms UMAD on the VisDA benchmark. We study FGIR in depth.")
    assert ("PAPER", "compares_with", "method:umad") in triples
    assert ("PAPER", "evaluates_on", "dataset:visda") in triples
    assert not any("fgir" in tail for _, _, tail in triples)


def test_version_of_a_known_model_extends_it(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "InRanker: Distilled Rankers",
                                "We introduce InRanker, a version of T5 distilled for ranking.")
    assert ("method:inranker", "extends", "model:t5") in triples
    assert ("PAPER", "uses", "model:t5") in triples


def test_new_name_described_through_another_extends_it(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Audio captioning",
                                "This model, called CNext-trans, is fast. The final model, named CoNeTTE, "
                                "an unbiased CNext-trans model, wins.")
    assert ("method:conette", "extends", "method:cnext-trans") in triples


def test_title_headed_by_a_known_model_introduces_a_method(tiny_lexicon):
    _, result, triples, names = _extract(tiny_lexicon, "CLIP: Learning Transferable Visual Models",
                                         "We train CLIP on image-text pairs.")
    assert ("PAPER", "introduces", "method:clip") in triples
    assert "model:clip" not in names  # never merged across kinds, never both in one paper


def test_a_competitor_built_on_a_model_does_not_make_ours_extend_it(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "FastNet: Quick Models",
                                "Our FastNet is faster than the previous best model based on ViT-S/16.")
    assert not any(rel == "extends" for _, rel, _ in triples)


def test_named_long_form_gives_its_acronym_as_the_name(tiny_lexicon):
    _, _, triples, names = _extract(tiny_lexicon, "Open-set learning",
                                    "We propose an approach called Domain Adaptive Open Network (DAON) for this.")
    assert ("PAPER", "introduces", "method:daon") in triples
    assert "Domain Adaptive Open Network" in names["method:daon"].aliases
    assert "method:domain" not in names


def test_names_inside_links_are_not_mentions(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "A study", "Code: https://github.com/CLIP/tools and www.BEIR.org/x.")
    assert not triples


def test_a_plural_category_is_not_a_dataset_name(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Heart signals", "We benchmark across six public ECG datasets.")
    assert not any("ecg" in tail for _, _, tail in triples)


def test_background_sentences_mention_rather_than_use(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Ranking", "Recently, progress has been made with rankers based on "
                                "T5. We fine-tune CLIP for ranking.")
    assert ("PAPER", "mentions", "model:t5") in triples and ("PAPER", "uses", "model:clip") in triples


def test_unknown_name_listed_with_known_datasets_is_a_dataset(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Speech", "Experiments on ImageNet, BEIR and TED-LIUM 3 show gains.")
    assert ("PAPER", "evaluates_on", "dataset:ted-lium-3") in triples


def test_a_modification_of_a_known_method_extends_it(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Offline RL",
                                "We propose Implicit Value Regularization (IVR), a simple modification of BM25.")
    assert ("method:ivr", "extends", "method:bm25") in triples and ("PAPER", "uses", "method:bm25") in triples


def test_relative_to_marks_a_competitor(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "ASR", "Our model cuts errors by 12% relative to T5.")
    assert ("PAPER", "compares_with", "model:t5") in triples


def test_a_named_task_setting_is_not_introduced_as_a_method(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Forgetting domains on purpose",
                                "We introduce Approximate Domain Unlearning (ADU), a novel problem setting that "
                                "asks models to forget. We propose Contrastive Semantic Decoupling (CSD), a "
                                "task-specific objective.")
    assert ("PAPER", "introduces", "method:adu") not in triples
    assert ("PAPER", "introduces", "method:csd") in triples  # "task-specific" is not a task


def test_a_competitor_described_by_an_appositive_is_not_introduced(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Learned optimizers at scale",
                                "Our optimizer exceeds the performance of VeLO, the largest publicly available "
                                "learned optimizer.")
    assert ("PAPER", "introduces", "method:velo") not in triples
    assert ("PAPER", "compares_with", "method:velo") in triples


def test_tasks_from_a_benchmark_are_evaluated_on_and_images_from_a_dataset_are_used(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Prompted training",
                                "Our approach attains strong performance on a subset of tasks from the DomainBed "
                                "benchmark. We translate sentences from the MS MARCO dataset.")
    assert ("PAPER", "evaluates_on", "dataset:domainbed") in triples
    assert ("PAPER", "uses", "dataset:ms-marco") in triples


def test_a_new_task_named_by_the_paper_is_not_a_method(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Hybrid adaptation of generators",
                                "In this work, we introduce a new task -- Few-shot Hybrid Domain Adaptation (HDA). "
                                "We propose Task Preference Optimization (TPO), a novel method.")
    assert ("PAPER", "introduces", "method:hda") not in triples
    assert ("PAPER", "introduces", "method:tpo") in triples  # "Task" inside the name is no task cue


def test_a_dataset_used_for_pretraining_is_used(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Pretraining matters",
                                "This DomainBed-pretrained model transfers well.")
    assert ("PAPER", "uses", "dataset:domainbed") in triples


def test_intro_after_a_first_or_then_and_not_metrics_or_classes(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Protein texts",
                                "We first build the ProtDescribe dataset of descriptions. We then propose two new "
                                "DP methods for pruning. We first introduce two new quantitative measures ICV and IDD.")
    assert ("PAPER", "introduces", "dataset:protdescribe") in triples
    assert ("PAPER", "introduces", "method:dp") not in triples
    assert ("PAPER", "introduces", "method:icv") not in triples


def test_evaluation_data_after_our_proposed_method_is_not_introduced(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Multi-modal pre-training",
                                "Employing our proposed methodology, we achieve state-of-the-art on the Mimic-IV dataset.")
    assert ("PAPER", "introduces", "dataset:mimic-iv") not in triples


def test_acronym_after_a_kind_noun_names_the_method_and_its_long_form_derives(tiny_lexicon):
    tiny = tiny_lexicon
    _, _, triples, names = _extract(tiny, "Prompting, faster",
                                    "We propose an Efficient CLIP method (ECLIP) for retrieval.")
    assert ("PAPER", "introduces", "method:eclip") in triples
    assert ("PAPER", "introduces", "method:efficient-clip") not in triples  # one entity, not two
    assert "Efficient CLIP" in names["method:eclip"].aliases
    assert ("method:eclip", "extends", "model:clip") in triples  # derived through its long form


def test_intro_verb_joined_by_and_and_recent_work_is_background(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Continual adaptation",
                                "We further consider ImageNet-R and propose a new continual DomainBed-126 benchmark. "
                                "To avoid prompt engineering, recent work CLIP introduced prompts to vision.")
    assert ("PAPER", "introduces", "dataset:domainbed-126") in triples
    assert ("PAPER", "uses", "model:clip") not in triples


def test_examples_named_in_passing_are_mentions_unless_a_part_uses_them(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Aligning descriptions",
                                "Large-scale cross-modal pre-trained models (e.g., CLIP) are competent for many tasks.")
    assert ("PAPER", "uses", "model:clip") not in triples
    _, _, triples, _ = _extract(tiny_lexicon, "Navigation with foundation models",
                                "The instruction parser utilizes large language models (e.g., CLIP) to decompose steps.")
    assert ("PAPER", "uses", "model:clip") in triples


def test_benchmark_acronym_followed_by_a_comma_and_contrasted_baselines(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Guarded routing",
                                "We first introduce the Guarded Query Routing Benchmark (GQR-Bench, released as a "
                                "package). We then use GQR-Bench to contrast the effectiveness of CLIP and T5.")
    assert ("PAPER", "introduces", "dataset:gqr-bench") in triples
    assert ("PAPER", "compares_with", "model:clip") in triples


def test_a_dataset_named_after_another_is_not_the_other_and_adjectives_are_not_names(tiny_lexicon):
    _, _, triples, _ = _extract(tiny_lexicon, "Compositions",
                                "Experiments on C-DomainBed show gains. We introduce a 3D-aware diffusion model, "
                                "ZeroNVS, for view synthesis.")
    assert ("PAPER", "evaluates_on", "dataset:domainbed") not in triples
    assert ("PAPER", "introduces", "method:3d-aware") not in triples
    assert ("PAPER", "introduces", "method:zeronvs") in triples
