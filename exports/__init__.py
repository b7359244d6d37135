"""Graph -> files. Each exporter is ``(KnowledgeGraph, Path) -> None``; pick one by format name.

Heavy libraries are imported only when their format is written.
"""
from __future__ import annotations

import importlib
import os
from typing import Callable

from graph.kg import KnowledgeGraph

# format -> (module, file name in the output directory)
FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("exports.rdf", "graph.ttl"),
    "graphml": ("exports.graphml", "graph.graphml"),
    "html": ("exports.html", "graph.html"),
}
DEFAULT_FORMATS = ("ttl", "graphml", "html")


def exporter(name: str) -> Callable[[KnowledgeGraph, str | os.PathLike], None]:
    """The ``write`` function of the named format."""
    try:
        module, _ = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {sorted(FORMATS)}") from None
    return importlib.import_module(module).write


def file_name(name: str) -> str:
    exporter(name)  # validates the name
    return FORMATS[name][1]
