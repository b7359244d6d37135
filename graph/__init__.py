"""The paperkg model: papers, entities and evidence-carrying edges over networkx.

This package depends on networkx and pydantic only; builders and exports depend on it.
"""
from graph.kg import KnowledgeGraph
from graph.schema import Assertion, Entity, EntityKind, Evidence, Paper, Relation

__all__ = ["Assertion", "Entity", "EntityKind", "Evidence", "KnowledgeGraph", "Paper", "Relation"]
