"""Scoring extraction against a gold file: precision, recall, F1 per kind and for relations.

Matching is per document and one-to-one. A predicted entity matches a gold entity of the
same kind when any of its names (canonical name or surfaces) equals any of the gold's
(name or surfaces) after Unicode, case and hyphen normalisation. A predicted relation
matches a gold relation of the same type whose head and tail are the gold entities its
own head and tail were matched to (or carry the same normalised names).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.generic import as_methods
from kg.errors import InputError
from kg.models import Extraction
from kg.normalize import normalize_name
from kg.ontology import load_ontology

CORE_KINDS = ("Model", "Organization", "Benchmark", "ThreatActor")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Evaluation:
    documents: int = 0
    by_kind: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: Score = field(default_factory=Score)
    errors: list[dict] = field(default_factory=list)  # misses and false alarms, for inspection

    def total(self, kinds: Iterable[str] | None = None) -> Score:
        out = Score()
        for kind, score in self.by_kind.items():
            if kinds is None or kind in kinds:
                out.add(score)
        return out

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "core": self.total(CORE_KINDS).as_dict(),
            "all": self.total().as_dict(),
            "relations": self.relations.as_dict(),
            "by_kind": {k: v.as_dict() for k, v in sorted(self.by_kind.items())},
        }


def _keys(name: str, surfaces: Iterable[str]) -> set[str]:
    return {normalize_name(n) for n in (name, *surfaces) if n}


def score_document(gold: dict, predicted: Extraction, evaluation: Evaluation) -> None:
    evaluation.documents += 1
    doc = gold["id"]
    gold_entities = gold.get("entities", [])
    gold_keys = [_keys(g["name"], g.get("surface", [])) for g in gold_entities]
    # gold index -> the predicted entities it may match, a same-name one first
    edges: dict[int, list[int]] = {}
    for i, g in enumerate(gold_entities):
        same = normalize_name(g["name"])
        candidates = [
            j
            for j, p in enumerate(predicted.entities)
            if p.kind == g["type"] and gold_keys[i] & _keys(p.name, p.surfaces)
        ]
        candidates.sort(key=lambda j: normalize_name(predicted.entities[j].name) != same)
        if candidates:
            edges[i] = candidates
    matching = {("g", i): ("p", j) for i, j in _maximum_matching(edges).items()}
    matched_gold = {}
    for i, g in enumerate(gold_entities):
        partner = matching.get(("g", i))
        score = evaluation.by_kind[g["type"]]
        if partner is None:
            score.fn += 1
            evaluation.errors.append(
                {"doc": doc, "error": "missed", "name": g["name"], "kind": g["type"]}
            )
        else:
            score.tp += 1
            matched_gold[partner[1]] = i
    for j, p in enumerate(predicted.entities):
        if j not in matched_gold:
            evaluation.by_kind[p.kind].fp += 1
            evaluation.errors.append(
                {
                    "doc": doc,
                    "error": "spurious",
                    "name": p.name,
                    "kind": p.kind,
                    "surfaces": list(p.surfaces),
                }
            )

    # Relations: map predicted names to gold entity indices where matched.
    # A predicted name stands for its matched gold entity, or else for the first gold entity
    # it could have matched (a duplicate of a matched one): which of two duplicates the
    # matching picks varies from run to run (hash order), the relation score must not.
    gold_index_of = {}
    for j, p in enumerate(predicted.entities):
        i = matched_gold.get(j)
        if i is None:
            i = next((i for i in sorted(edges) if j in edges[i]), None)
        if i is not None:
            gold_index_of.setdefault(normalize_name(p.name), i)
    for j, i in matched_gold.items():
        gold_index_of[normalize_name(predicted.entities[j].name)] = i
    gold_name_index = {normalize_name(g["name"]): i for i, g in enumerate(gold_entities)}
    gold_rels = {
        (
            gold_name_index.get(normalize_name(r["head"])),
            r["type"],
            gold_name_index.get(normalize_name(r["tail"])),
        )
        for r in gold.get("relations", [])
    }
    # a symmetric relation is one fact whichever end comes first: compare it as a pair
    symmetric = _symmetric_types()
    gold_rels = {_oriented(k, symmetric) for k in gold_rels}
    found = set()
    for r in predicted.relations:
        key = (
            gold_index_of.get(normalize_name(r.head), gold_name_index.get(normalize_name(r.head))),
            r.type,
            gold_index_of.get(normalize_name(r.tail), gold_name_index.get(normalize_name(r.tail))),
        )
        key = _oriented(key, symmetric)
        if key in gold_rels and key not in found:
            found.add(key)
            evaluation.relations.tp += 1
        else:
            evaluation.relations.fp += 1
            evaluation.errors.append(
                {"doc": doc, "error": "spurious relation", "relation": [r.head, r.type, r.tail]}
            )
    for key in gold_rels - found:
        evaluation.relations.fn += 1
        head = gold_entities[key[0]]["name"] if key[0] is not None else "?"
        tail = gold_entities[key[2]]["name"] if key[2] is not None else "?"
        evaluation.errors.append(
            {"doc": doc, "error": "missed relation", "relation": [head, key[1], tail]}
        )


def _symmetric_types() -> frozenset[str]:
    return frozenset(name for name, rel in load_ontology().relations.items() if rel.symmetric)


def _oriented(key: tuple, symmetric: frozenset[str]) -> tuple:
    """``(head, type, tail)``, with the ends of a symmetric type in one fixed order."""
    head, type_, tail = key
    if type_ in symmetric and head is not None and tail is not None and tail < head:
        return (tail, type_, head)
    return key


def _maximum_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """A maximum one-to-one matching of gold to predicted entities (augmenting paths, in
    index order), the same on every run: which duplicate a gold entity takes decides what
    the relations that name it are matched to."""
    owner: dict[int, int] = {}  # predicted -> gold

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(edges):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def load_gold(paths: list[Path]) -> list[tuple[Path, int, Any]]:
    """Every non-blank line of the gold files parsed, with where it came from."""
    docs = []
    for path in paths:
        if not path.is_file():
            raise InputError(str(path), "no such file")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    docs.append((path, number, json.loads(line)))
                except ValueError as exc:
                    raise InputError(f"{path}:{number}", f"not JSON: {exc}") from None
    return docs


def gold_names(docs: list[tuple[Path, int, Any]]) -> list[str]:
    """Every name and surface the gold documents annotate (to hide them from a gazetteer)."""
    return [
        n
        for _path, _number, d in docs
        for e in d.get("entities", [])
        for n in [e["name"], *e.get("surface", [])]
    ]


def evaluate(docs: list[tuple[Path, int, Any]], extractor, *, concepts: bool = False) -> Evaluation:
    """Score ``extractor``'s entities on the loaded gold documents; its concepts as
    Method names too if ``concepts``."""
    result = Evaluation()
    for path, number, doc in docs:
        try:
            if not isinstance(doc.get("text"), str) or not isinstance(
                doc.get("entities", []), list
            ):
                raise ValueError("needs 'text' and an 'entities' list")
        except (ValueError, AttributeError) as exc:
            raise InputError(f"{path}:{number}", f"not a gold document: {exc}") from None
        doc.setdefault("id", f"{path.name}:{number}")
        found = extractor.extract(doc["text"], lang=doc.get("lang", ""))
        score_document(doc, as_methods(found) if concepts else found, result)
    return result


def without_gold_names(extractor, docs: list[tuple[Path, int, Any]]):
    """The rule extractor with every gold name removed from its gazetteer: scores discovery."""
    from extractors.extractor import RuleExtractor
    from extractors.gazetteer import without_names

    return RuleExtractor(extractor.ontology, without_names(extractor.gazetteer, gold_names(docs)))


def write_errors(evaluation: Evaluation, path: Path) -> None:
    """Every miss and false alarm, one JSON line each."""
    path.write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in evaluation.errors),
        encoding="utf-8",
    )
