"""Builds dev.jsonl and heldout.jsonl from gold_source.txt (the hand-annotated texts).

python tests/data/gold/build.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
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


def main() -> None:
    docs = parse((HERE / "gold_source.txt").read_text(encoding="utf-8"))
    for name, keep in (("dev.jsonl", False), ("heldout.jsonl", True)):
        rows = [
            {k: v for k, v in d.items() if k != "heldout"} for d in docs if d["heldout"] == keep
        ]
        (HERE / name).write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(name, len(rows), "documents")


if __name__ == "__main__":
    main()
