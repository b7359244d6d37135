"""Graph -> files. Each exporter is ``(KnowledgeGraph, Path) -> None``; pick one by format name.

Heavy libraries are imported only when their format is written.
"""
from __future__ import annotations

import importlib
import os
from typing import Callable

from graph.kg import KnowledgeGraph

# format -> (module, function, file name in the output directory)
FORMATS: dict[str, tuple[str, str, str]] = {
    "ttl": ("exports.rdf", "write", "graph.ttl"),
    "nt": ("exports.rdf", "write_ntriples", "graph.nt"),
    "jsonld": ("exports.rdf", "write_jsonld", "graph.jsonld"),
    "graphml": ("exports.graphml", "write", "graph.graphml"),
    "html": ("exports.html", "write", "graph.html"),
}
RDF_FORMATS = ("ttl", "nt", "jsonld")
DEFAULT_FORMATS = ("ttl", "graphml", "html")


def exporter(name: str) -> Callable[[KnowledgeGraph, str | os.PathLike], None]:
    """The ``write`` function of the named format."""
    try:
        module, function, _ = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {sorted(FORMATS)}") from None
    return getattr(importlib.import_module(module), function)


def file_name(name: str) -> str:
    exporter(name)  # validates the name
    return FORMATS[name][2]
