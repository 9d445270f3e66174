"""What the LLM writer adds to a report, model time aside: on the bundled sample's last day,
the size of what it sends per item, the tool's own time (briefs, the grounding check, the
cache) against a local server answering at once, and a cached re-run.

    python benchmarks/llm_writer.py [--lang zh-TW|en]

The model's own time and tokens depend on the model and the hardware; the README gives
the arithmetic with these figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "sample"


def _answer(brief: dict) -> str:
    names = [e["name"] for e in brief["entities"]] or ["-"]
    zh = brief["language"] == "zh-TW"
    return json.dumps(
        {
            "title": f"{names[0]} 最新動態" if zh else f"{names[0]}: what changed",
            "summary": [f"{names[0]} 出現在今日報導中。" if zh else f"{names[0]} is in the news."],
            "details": [],
            "applications": [],
            "importance": "值得追蹤" if zh else "worth following",
            "cited": [brief["evidence"][0]["article"]],
        },
        ensure_ascii=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="zh-TW")
    args = parser.parse_args()

    from extractors import default_extractor
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.pipeline import ingest
    from kg.sources.chat import ChatClient
    from kg.sources.files import read_files
    from kg.store import open_store
    from reports import write_report
    from reports.llm import LLMWriter, ResponseCache, run_summary
    from tests.http_fixture import LocalServer, Response

    sizes: list[int] = []

    def handle(handler) -> Response:
        request = json.loads(handler.body)
        sizes.append(sum(len(m["content"]) for m in request["messages"]))
        brief = json.loads(request["messages"][1]["content"])["item"]
        body = {"choices": [{"message": {"role": "assistant", "content": _answer(brief)}}]}
        return Response(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    with tempfile.TemporaryDirectory() as tmp, LocalServer() as server:
        server.routes["/v1/chat/completions"] = handle
        path = Path(tmp) / "graph.lbdb"
        with open_store(path) as store:
            ingest(
                read_files(
                    sorted(SAMPLE.glob("*.jsonl")),
                    zone=load_settings().zone,
                    ontology=load_ontology(),
                ),  # fmt: skip
                store,
                default_extractor(),
            )
            day = date.fromisoformat(store.stats().days[-1])
            started = time.perf_counter()
            write_report(store, day, lang=args.lang)
            template_s = time.perf_counter() - started
            cache = ResponseCache(Path(tmp) / "cache")
            figures = {}
            for run in ("first", "cached"):
                with ChatClient(server.url("/v1"), "bench", timeout=30) as chat:
                    writer = LLMWriter(chat, cache, concurrency=2)
                    started = time.perf_counter()
                    write_report(store, day, lang=args.lang, writer=writer)
                    figures[f"{run}_s"] = round(time.perf_counter() - started, 2)
                    summary = run_summary(writer)
                    figures[f"{run}_requests"] = summary["requests"]
                    figures[f"{run}_by_model"] = summary["by_model"]
    print(
        json.dumps(
            {
                "day": day.isoformat(),
                "lang": args.lang,
                "items": len(sizes),
                "request_chars_median": int(statistics.median(sizes)),
                "request_chars_max": max(sizes),
                "template_s": round(template_s, 2),
                **figures,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
