"""Builds the gold files from their hand annotations.

- dev.jsonl and heldout.jsonl from gold_source.txt (texts with inline marks);
- seeds.jsonl from the seed reports (tests/data/seeds) and seeds_annotations.yaml.

python tests/data/gold/build.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from kg.normalize import display_name, fold_chars
from kg.ontology import load_ontology
from kg.sources.reports import read_report

HERE = Path(__file__).parent
SEEDS = HERE.parent / "seeds"
# Text around a Latin surface must not continue the word: "HuBERT" is not in "DistilHuBERT".
_WORD = re.compile(r"[A-Za-z0-9]")
MARK = re.compile(r"\[\[([^|\]]+)\|([A-Za-z]+)(?:\|([^\]]+))?\]\]")


def parse(text: str) -> list[dict]:
    docs, current = [], None
    for line in text.splitlines():
        if line.startswith("#") and not line.startswith("## "):
            continue
        if line.startswith("## "):
            parts = line[3:].split()
            current = {
                "id": parts[0],
                "lang": parts[1],
                "heldout": "heldout" in parts[2:],
                "lines": [],
                "rels": [],
            }
            docs.append(current)
        elif line.startswith("@ ") and current:
            head, type_, tail = (p.strip() for p in line[2:].split(">"))
            current["rels"].append({"head": head, "type": type_, "tail": tail})
        elif line.strip() and current:
            current["lines"].append(line.strip())
    out = []
    for doc in docs:
        raw = " ".join(doc["lines"]) if doc["lang"] == "en" else "".join(doc["lines"])
        entities: dict[tuple[str, str], set[str]] = {}
        for surface, kind, canonical in MARK.findall(raw):
            entities.setdefault((canonical or surface, kind), set()).add(surface)
        text = MARK.sub(lambda m: m.group(1), raw)
        names = {name for name, _ in entities}
        for rel in doc["rels"]:
            for end in ("head", "tail"):
                if rel[end] not in names:
                    raise SystemExit(
                        f"{doc['id']}: relation {end} {rel[end]!r} is not an annotated entity"
                    )
        out.append(
            {
                "id": doc["id"],
                "text": text,
                "lang": doc["lang"],
                "heldout": doc["heldout"],
                "entities": [
                    {"name": n, "type": k, "surface": sorted(s)}
                    for (n, k), s in sorted(entities.items())
                ],
                "relations": doc["rels"],
            }
        )
    return out


class AnnotationError(SystemExit):
    """An annotation no longer fits its seed item: fix seeds_annotations.yaml."""


def seed_items(seeds: Path = SEEDS) -> list[tuple[str, int, object]]:
    """Every report item of the seed files, parsed by the report archive source."""
    items = []
    for path in sorted(seeds.glob("*.txt")):
        for number, article in enumerate(read_report(path, zone=ZoneInfo("Asia/Taipei")), 1):
            if not hasattr(article, "title"):
                raise AnnotationError(f"{path.name}: item {number} is quarantined: {article}")
            items.append((path.name, number, article))
    return items


def _surfaces(text: str, aliases: list[str]) -> dict[str, list[str]]:
    """Exact strings of the text each alias matches (hyphen/width-folded, case kept)."""
    folded = fold_chars(text)
    found: dict[str, list[str]] = {}
    for alias in aliases:
        needle = fold_chars(alias)
        hits = found.setdefault(alias, [])
        start = folded.find(needle)
        while start >= 0:
            end = start + len(needle)
            before = folded[start - 1] if start else ""
            after = folded[end] if end < len(folded) else ""
            inside_word = (_WORD.match(needle[0]) and _WORD.match(before)) or (
                _WORD.match(needle[-1]) and _WORD.match(after)
            )
            if not inside_word and text[start:end] not in hits:
                hits.append(text[start:end])
            start = folded.find(needle, start + 1)
    return found


def _entity(where: str, key: str, spec, text: str, kinds: list[str]) -> dict | None:
    spec = {"type": spec} if isinstance(spec, str) else dict(spec or {})
    unknown = set(spec) - {"type", "name", "also", "drop"}
    if unknown:
        raise AnnotationError(f"{where}: {key!r} has unknown fields {sorted(unknown)}")
    if "drop" in spec:
        if spec["drop"] == "not in text" and any(_surfaces(text, [key]).values()):
            raise AnnotationError(f"{where}: {key!r} is dropped as not in text but appears")
        return None
    if spec.get("type") not in kinds:
        raise AnnotationError(f"{where}: {key!r} has type {spec.get('type')!r}, not one of {kinds}")
    name = spec.get("name") or display_name(key)
    also = list(spec.get("also") or [])
    found = _surfaces(text, [key, name, *also])
    for alias in also:
        if not found[alias]:
            raise AnnotationError(f"{where}: surface {alias!r} of {name!r} is not in the text")
    surfaces = {s for hits in found.values() for s in hits}
    if not surfaces:
        raise AnnotationError(
            f"{where}: {name!r} has no surface in the text; add one under 'also' or drop it"
        )
    return {"name": name, "type": spec["type"], "surface": surfaces}


def build_seeds(
    annotations: dict | None = None, seeds: Path = SEEDS
) -> tuple[list[dict], dict[str, int]]:
    """Gold documents for the seed items, and counts of kept and dropped key entities."""
    if annotations is None:
        annotations = yaml.safe_load((HERE / "seeds_annotations.yaml").read_text("utf-8"))
    ontology = load_ontology()
    kinds = ontology.kind_names
    counts = {"key entities": 0, "kept": 0, "dropped, not in text": 0, "dropped, generic": 0}
    counts["extra"] = 0
    seen: set[tuple[str, str]] = set()
    docs = []
    for file, number, article in seed_items(seeds):
        by_title = {fold_chars(t): (t, a) for t, a in (annotations.get(file) or {}).items()}
        title_key = fold_chars(article.title)
        if title_key not in by_title:
            raise AnnotationError(f"{file}: item {article.title!r} has no annotation")
        if (file, title_key) in seen:
            raise AnnotationError(f"{file}: two items are titled {article.title!r}")
        seen.add((file, title_key))
        where = f"{file}: {article.title}"
        note = by_title[title_key][1] or {}
        text = f"{article.title}\n{article.text}"
        keys = [fold_chars(a.name) for a in article.annotations]
        annotated = {fold_chars(k): (k, v) for k, v in (note.get("entities") or {}).items()}
        if set(keys) != set(annotated):
            raise AnnotationError(
                f"{where}: 關鍵實體 {sorted(set(keys) - set(annotated))} not annotated, "
                f"annotations {sorted(set(annotated) - set(keys))} not in 關鍵實體"
            )
        entities: dict[tuple[str, str], set[str]] = {}
        for fold_key in keys:
            key, spec = annotated[fold_key]
            counts["key entities"] += 1
            found = _entity(where, key, spec, text, kinds)
            if found is None:
                reason = "not in text" if spec["drop"] == "not in text" else "generic"
                counts[f"dropped, {reason}"] += 1
                continue
            counts["kept"] += 1
            entities.setdefault((found["name"], found["type"]), set()).update(found["surface"])
        for key, spec in (note.get("extra") or {}).items():
            found = _entity(where, key, spec, text, kinds)
            if found is None:
                raise AnnotationError(f"{where}: extra entity {key!r} cannot be dropped")
            if (found["name"], found["type"]) in entities:
                raise AnnotationError(f"{where}: extra entity {key!r} is already annotated")
            counts["extra"] += 1
            entities[(found["name"], found["type"])] = found["surface"]
        kind_of = {name: kind for name, kind in entities}
        relations = []
        for line in note.get("relations") or []:
            head, type_, tail = (p.strip() for p in line.split(">"))
            for end in (head, tail):
                if end not in kind_of:
                    raise AnnotationError(f"{where}: relation end {end!r} is not an entity")
            if type_ not in ontology.relations or not ontology.relation(type_).admits(
                kind_of[head], kind_of[tail]
            ):
                raise AnnotationError(f"{where}: {line!r} is not allowed by ontology.ttl")
            relations.append({"head": head, "type": type_, "tail": tail})
        docs.append(
            {
                "id": f"seed-{file.split('_')[0]}-{number:02d}",
                "text": text,
                "lang": article.lang,
                "entities": [
                    {"name": n, "type": k, "surface": sorted(s)}
                    for (n, k), s in sorted(entities.items())
                ],
                "relations": relations,
            }
        )
    stale = {
        (file, t)
        for file, items in annotations.items()
        for t in items or {}
        if (file, fold_chars(t)) not in seen
    }
    if stale:
        raise AnnotationError(f"annotations for items that no seed has: {sorted(stale)}")
    return docs, counts


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main() -> None:
    docs = parse((HERE / "gold_source.txt").read_text(encoding="utf-8"))
    for name, keep in (("dev.jsonl", False), ("heldout.jsonl", True)):
        rows = [
            {k: v for k, v in d.items() if k != "heldout"} for d in docs if d["heldout"] == keep
        ]
        (HERE / name).write_text(jsonl(rows), encoding="utf-8")
        print(name, len(rows), "documents")
    seeds, counts = build_seeds()
    (HERE / "seeds.jsonl").write_text(jsonl(seeds), encoding="utf-8")
    print("seeds.jsonl", len(seeds), "documents;", ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
