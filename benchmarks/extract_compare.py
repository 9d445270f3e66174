"""Extraction speed of this checkout against another one, on the same real texts.

    python benchmarks/extract_compare.py GOLD.jsonl --other /path/to/main [--mb 4] [--rounds 3]

The texts of GOLD.jsonl (any file of {"text", "lang"} lines, read where it lies) are cycled
until they hold --mb megabytes of UTF-8. Each round runs the extractor of this checkout
and, in a separate process with PYTHONPATH set to --other, the extractor there, one after
the other, so both see the same machine load; the best round of each is reported (MB/s)
with the ratio this / other (above 1: this checkout is faster).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

_RUN = r"""
import json, sys, time
from itertools import cycle
from extractors import default_extractor
path, mb = sys.argv[1], float(sys.argv[2])
docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
texts, size = [], 0
for d in cycle(docs):
    if size >= mb * 1e6:
        break
    texts.append((d["text"], d.get("lang", "")))
    size += len(d["text"].encode())
x = default_extractor()
x.extract("warm up")
t0 = time.perf_counter()
for text, lang in texts:
    x.extract(text, lang=lang)
seconds = time.perf_counter() - t0
print(json.dumps({"bytes": size, "seconds": seconds, "extractor": x.name}))
"""


def _measure(root: Path, gold: str, mb: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("KG_GAZETTEER_DIR", None)
    out = subprocess.run(
        [sys.executable, "-c", _RUN, gold, str(mb)],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--other", required=True)
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    best: dict[str, dict] = {}
    for _ in range(args.rounds):
        for label, root in (("this", HERE), ("other", Path(args.other).resolve())):
            run = _measure(root, str(Path(args.gold).resolve()), args.mb)
            run["mb_per_s"] = run["bytes"] / 1e6 / run["seconds"]
            if label not in best or run["mb_per_s"] > best[label]["mb_per_s"]:
                best[label] = run
    result = {**best, "ratio": best["this"]["mb_per_s"] / best["other"]["mb_per_s"]}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for label in ("this", "other"):
            r = best[label]
            print(
                f"{label:5} {r['extractor']:28} {r['mb_per_s']:.3f} MB/s ({r['bytes'] / 1e6:.1f} MB)"
            )
        print(f"ratio this/other: {result['ratio']:.2f}")


if __name__ == "__main__":
    main()
