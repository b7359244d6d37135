"""Text -> entities and relations with evidence. ``RuleExtractor`` is the default extractor."""
from builders.extract.extractor import Extraction, RuleExtractor

EXTRACTORS = {"rules": RuleExtractor}

__all__ = ["EXTRACTORS", "Extraction", "RuleExtractor"]
