"""Input -> graph: readers, the lexicon, extraction and the build pipeline."""
