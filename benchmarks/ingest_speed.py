"""Ingest speed: the sample corpus repeated with new ids up to N articles.

    python benchmarks/ingest_speed.py [--articles 1000] [--json]

Prints articles/s and MB/s for extraction and for store writes, measured separately, on a
fresh embedded store in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from extractors import default_extractor
from kg.config import load_settings
from kg.models import Article
from kg.ontology import load_ontology
from kg.resolve import resolve_batch
from kg.sources.files import read_files
from kg.store import open_store

SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "sample"


def scaled_corpus(n: int) -> list[Article]:
    base = [
        r
        for r in read_files(
            sorted(SAMPLE.glob("*.jsonl")), zone=load_settings().zone, ontology=load_ontology()
        )
        if isinstance(r, Article)
    ]
    out = []
    for i, article in enumerate(islice(cycle(base), n)):
        copy = i // len(base)
        out.append(
            article.model_copy(
                update={"id": f"{article.id}-r{copy}", "url": f"{article.url}?r={copy}"}
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    extractor = default_extractor()
    load_s = time.perf_counter() - t0
    articles = scaled_corpus(args.articles)
    mb = sum(len(a.text.encode()) + len(a.title.encode()) for a in articles) / 1e6

    t0 = time.perf_counter()
    extractions = [
        extractor.extract(a.text, title=a.title, article_id=a.id, lang=a.lang) for a in articles
    ]
    extract_s = time.perf_counter() - t0

    rows = 0
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.lbdb") as store:
        t0 = time.perf_counter()
        for start in range(0, len(articles), args.batch):
            pairs = list(
                zip(
                    articles[start : start + args.batch],
                    extractions[start : start + args.batch],
                    strict=True,
                )
            )
            batch = resolve_batch(pairs, extractor.gazetteer.lookup)
            rows += (
                len(batch.articles)
                + len(batch.entities)
                + len(batch.mentions)
                + len(batch.relations)
            )
            store.write(batch)
        write_s = time.perf_counter() - t0
        stats = store.stats()

    result = {
        "articles": len(articles),
        "mb": round(mb, 3),
        "extractor_load_s": round(load_s, 2),
        "extract_s": round(extract_s, 2),
        "extract_articles_s": round(len(articles) / extract_s, 1),
        "extract_mb_s": round(mb / extract_s, 3),
        "write_s": round(write_s, 2),
        "write_articles_s": round(len(articles) / write_s, 1),
        "write_mb_s": round(mb / write_s, 3),
        "write_rows_s": round(rows / write_s, 1),
        "entities": stats.entities,
        "relations": stats.relations,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
