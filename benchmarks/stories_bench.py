"""Story grouping and report language against a hand-labelled multi-day corpus.

    python benchmarks/stories_bench.py [--corpus benchmarks/stories/corpus.jsonl] [--json]

Ingests the corpus (its ``story`` labels removed) into a fresh embedded store, groups each
day's articles the way ``kg report`` does, and prints B-cubed precision and recall against
the labels, then the language line ratios of the zh-TW and en reports of every day.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

from queries import library_for

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CORPUS = Path(__file__).resolve().parent / "stories" / "corpus.jsonl"


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering (item -> cluster) against gold labels."""
    items = sorted(gold)
    pred_members, gold_members = defaultdict(set), defaultdict(set)
    for i in items:
        pred_members[predicted[i]].add(i)
        gold_members[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        mine, truth = pred_members[predicted[i]], gold_members[gold[i]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    return p / len(items), r / len(items)


def pooled(ratios: list[dict]) -> dict:
    """Line ratios of several reports taken together (weighted by their line counts)."""
    lines = sum(r["lines"] for r in ratios) or 1
    out = {"lines": lines}
    for key in ratios[0]:
        if key != "lines":
            out[key] = round(sum(r[key] * r["lines"] for r in ratios) / lines, 4)
    return out


def grouping(store, day: date) -> dict[str, str]:
    from reports import _window_frequencies
    from reports.data import load_day
    from reports.stories import build_stories

    data = load_day(store, day)
    df, n = _window_frequencies(store, day, library_for(store))
    out = {}
    for k, story in enumerate(build_stories(data.articles, data.mentions, data.relations, df, n)):
        for aid in story.articles:
            out[aid] = f"{day}-{k}"
        for copies in story.duplicates.values():
            for aid in copies:
                out[aid] = f"{day}-{k}"
    return out


def measure(corpus: Path, workdir: Path) -> dict:
    from extractors import default_extractor
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.pipeline import ingest
    from kg.sources.files import read_files
    from kg.store import open_store
    from reports import write_report
    from reports.language import line_ratios

    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    gold = {r["id"]: r.pop("story") for r in rows}
    src = workdir / "corpus.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    store_path = workdir / "graph.lbdb"
    with open_store(store_path) as store:
        ingest(
            read_files([src], zone=load_settings().zone, ontology=load_ontology()),
            store,
            default_extractor(),
        )
    result: dict = {"articles": len(rows), "stories": len(set(gold.values()))}
    with open_store(store_path, read_only=True) as store:
        predicted: dict[str, str] = {}
        for day in store.stats().days:
            predicted |= grouping(store, date.fromisoformat(day))
        p, r = bcubed(predicted, gold)
        result["bcubed_precision"], result["bcubed_recall"] = round(p, 4), round(r, 4)
        singles = {a: a for a in gold}
        result["all_alone_recall"] = round(bcubed(singles, gold)[1], 4)
        for lang in ("zh-TW", "en"):
            result[f"lines_{lang}"] = pooled(
                [
                    line_ratios(write_report(store, date.fromisoformat(d), lang=lang))
                    for d in store.stats().days
                ]
            )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(args.corpus, Path(tmp))
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:<20} {value}")


if __name__ == "__main__":
    main()
