"""Input -> graph: readers, the lexicon, extraction and the build pipeline.

>>> from builders import build      # doctest: +SKIP
>>> kg = build()                    # the bundled listings, in memory
"""
from builders.pipeline import build, build_graph

__all__ = ["build", "build_graph"]
