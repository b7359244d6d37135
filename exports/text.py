"""Text made safe for every export (the function lives in the model, which readers also use)."""
from graph.text import clean_text

__all__ = ["clean_text"]
