"""Extraction time against text length: it must grow linearly (issue 20).

    python benchmarks/extraction_linearity.py [--sizes 1 2 4] [--json]

Two texts per size in MB: the sample corpus's articles joined ("news") and an invented
entity-dense text where every few words is a name ("dense"). Prints seconds, and seconds
per MB, which stays flat when extraction is linear.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from extractors import default_extractor

SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "sample"


def texts() -> dict[str, str]:
    records = [json.loads(line) for p in sorted(SAMPLE.glob("*.jsonl")) for line in p.open()]
    dense = " ".join(
        f"OpenAI, Anthropic, Google DeepMind, GPT-4o, Claude 3.5 Sonnet, Llama 3 and "
        f"Acme Robotics{i} Inc. released Nova-{i} on MMLU. Mira Halden said Halden agrees."
        for i in range(2000)
    )
    return {"news": "\n\n".join(r["text"] for r in records), "dense": dense}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    extractor = default_extractor()
    extractor.extract("warm-up: OpenAI released GPT-4o.")
    rows = []
    for style, base in texts().items():
        for mb in args.sizes:
            n = int(mb * 1_000_000)
            text = (base * (n // len(base) + 1))[:n]
            started = time.perf_counter()
            extraction = extractor.extract(text)
            seconds = time.perf_counter() - started
            rows.append(
                {
                    "style": style,
                    "mb": mb,
                    "seconds": round(seconds, 2),
                    "s_per_mb": round(seconds / mb, 2),
                    "entities": len(extraction.entities),
                }
            )
            if not args.json:
                print(
                    f"{style:6} {mb:4g} MB  {seconds:7.2f} s  {seconds / mb:6.2f} s/MB  "
                    f"{len(extraction.entities)} entities",
                    flush=True,
                )
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
