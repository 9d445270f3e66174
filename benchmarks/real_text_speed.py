"""Extraction speed on real text: a JSONL file's texts repeated to a few MB, one process.

    python benchmarks/real_text_speed.py TEXTS.jsonl [--mb 4] [--rounds 3]
                                         [--against /path/to/other/checkout] [--json]

TEXTS.jsonl holds records {text, title?, lang?} (for example a gold file; it is read, never
copied). The texts are repeated until they reach ``--mb`` megabytes of UTF-8 and extracted
one by one; the best of ``--rounds`` passes is reported as MB/s. With ``--against``, the
same measurement runs in a separate Python process on that checkout's code (PYTHONPATH),
alternating with this one, so both see the same machine load; the ratio is this code's
speed over the other's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(path: Path, mb: float) -> list[dict]:
    base = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    base = [r for r in base if isinstance(r.get("text"), str)]
    if not base:
        raise SystemExit(f"{path}: no records with a 'text'")
    out, size, target = [], 0, mb * 1e6
    while size < target:
        for r in base:
            out.append(r)
            size += len(r["text"].encode("utf-8")) + len(str(r.get("title", "")).encode("utf-8"))
            if size >= target:
                break
    return out


def one_pass(records: list[dict]) -> tuple[float, float]:
    """(MB, seconds) of extracting every record once with the default extractor."""
    from extractors import default_extractor

    x = default_extractor()
    x.extract("warm up: OpenAI released GPT-5.")
    size = sum(len(r["text"].encode("utf-8")) for r in records) / 1e6
    t0 = time.perf_counter()
    for r in records:
        x.extract(r["text"], title=str(r.get("title") or ""), lang=str(r.get("lang") or ""))
    return size, time.perf_counter() - t0


def _child(path: Path, mb: float) -> float:
    records = load(path, mb)
    size, seconds = one_pass(records)
    return size / seconds


def _run_against(checkout: Path, path: Path, mb: float) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); "
        "sys.path.insert(0, sys.argv[4]); "
        "from real_text_speed import _child; "
        "print(json.dumps(_child(__import__('pathlib').Path(sys.argv[2]), float(sys.argv[3]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(checkout), str(path), str(mb), str(ROOT / "benchmarks")],
        env=env,
        cwd=str(checkout),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def _run_here(path: Path, mb: float) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[4]); "
        "from real_text_speed import _child; "
        "print(json.dumps(_child(__import__('pathlib').Path(sys.argv[2]), float(sys.argv[3]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(path), str(mb), str(ROOT / "benchmarks")],
        env=env,
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="Another checkout to compare with.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    here, other = [], []
    for _ in range(args.rounds):
        here.append(_run_here(args.texts, args.mb))
        if args.against:
            other.append(_run_against(args.against, args.texts, args.mb))
    result = {"mb": args.mb, "this_mb_s": round(max(here), 3)}
    if other:
        result["other_mb_s"] = round(max(other), 3)
        result["ratio"] = round(max(here) / max(other), 3)
    if args.json:
        print(json.dumps(result))
    else:
        print(", ".join(f"{k} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
