"""Text in, entities and relations out: pure functions over the data files in this folder.

Nothing here reads the network or a database. ``default_extractor().extract(text)`` gives
an ``kg.models.Extraction``.
"""

from extractors.extractor import RuleExtractor, default_extractor

__all__ = ["RuleExtractor", "default_extractor"]
