"""Analyst curation: merge, split, rename, re-kind and alias entities, recorded in the graph.

- ``log``: the ``Curation`` values the graph keeps, in order;
- ``rewrite``: the pure replay of that log over an extraction (ingest and reextract call it);
- ``build``: a command's arguments checked against the graph and the ontology;
- ``replay``: the stored graph brought in line after a curation or an undo.
"""

from kg.curation.build import load_log
from kg.curation.log import Curation, Ref
from kg.curation.rewrite import Rewriter

__all__ = ["Curation", "Ref", "Rewriter", "load_log"]
