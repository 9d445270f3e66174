"""The shape of a corpus, measured the same way on real and synthetic articles.

Per language group (en, zh): article length, names and relations per 1,000 characters
(as the extractor finds them, so both sides are counted alike), vocabulary growth (word
types after the first N word tokens), typographic punctuation per 1,000 characters and
the non-ASCII share, both of characters and of articles (one non-ASCII character in an
article switches the tokenizer and the discovery pre-checks to their slow path).

    python benchmarks/corpus_stats.py FILE.jsonl [--style real] [--json]

Only numbers come out: benchmarks/calibration.json holds those of the real reference set
(see calibrate.py), never its text.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from pathlib import Path

# Word tokens for vocabulary growth: Latin words lower-cased, and single CJK characters
# (Chinese is not spaced, and character types grow the way word types do).
_WORD = re.compile(r"[^\W\d_\u3400-\u9fff]+(?:['’][^\W\d_\u3400-\u9fff]+)*|[\u3400-\u9fff]")
TYPOGRAPHIC = {
    "rsquo": "\u2019",
    "lsquo": "\u2018",
    "ldquo": "\u201c",
    "rdquo": "\u201d",
    "mdash": "\u2014",
    "ndash": "\u2013",
    "corner": "\u300c",
}
CALIBRATION = Path(__file__).resolve().parent / "calibration.json"
VOCAB_AT = (1_000, 2_000, 5_000, 10_000, 20_000)


def group(lang: str) -> str:
    return "zh" if lang.lower().startswith("zh") else "en"


def _quantiles(values: list[int]) -> list[int]:
    """Length deciles 0..100 %: enough to draw lengths shaped like the measured ones."""
    ordered = sorted(values)
    return [ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1) / 10))] for q in range(11)]


def vocabulary_growth(texts: list[str]) -> dict[str, int]:
    seen: set[str] = set()
    growth, tokens = {}, 0
    marks = iter(VOCAB_AT)
    mark = next(marks)
    for text in texts:
        for match in _WORD.finditer(text):
            seen.add(match[0].lower().replace("’", "'"))
            tokens += 1
            if tokens == mark:
                growth[str(mark)] = len(seen)
                mark = next(marks, None)
                if mark is None:
                    return growth
    return growth


def corpus_stats(records: list[dict], extractor=None) -> dict[str, dict]:
    """Statistics per language group. With an extractor, also what it finds per 1,000
    characters (the text is title + newline + body, as the pipeline reads it)."""
    out: dict[str, dict] = {}
    for name in ("en", "zh"):
        rows = [r for r in records if group(r.get("lang") or "en") == name]
        if not rows:
            continue
        lengths = [len(r["text"]) for r in rows]
        chars = sum(lengths)
        joined = "".join(r["text"] for r in rows)
        stats = {
            "articles": len(rows),
            "chars_median": statistics.median(lengths),
            "chars_mean": round(chars / len(rows), 1),
            "chars_deciles": _quantiles(lengths),
            "non_ascii_char_share": round(sum(not c.isascii() for c in joined) / chars, 4),
            "non_ascii_article_share": round(
                sum(not (r["title"] + r["text"]).isascii() for r in rows) / len(rows), 3
            ),
            "per_kchar": {
                key: round(1000 * joined.count(ch) / chars, 3) for key, ch in TYPOGRAPHIC.items()
            },
            "vocabulary": vocabulary_growth([r["text"] for r in rows]),
        }
        if extractor is not None:
            names = relations = 0
            for r in rows:
                found = extractor.extract(r["text"], title=r["title"], lang=r.get("lang") or "")
                names += len(found.entities)
                relations += len(found.relations)
            read = sum(len(r["title"]) + 1 + len(r["text"]) for r in rows)
            stats["names_per_kchar"] = round(1000 * names / read, 2)
            stats["relations_per_kchar"] = round(1000 * relations / read, 2)
        out[name] = stats
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--no-extract", action="store_true", help="Skip the extractor counts.")
    parser.add_argument(
        "--write-calibration",
        action="store_true",
        help=f"Store the figures (numbers only) as the generator's targets in {CALIBRATION.name}.",
    )
    args = parser.parse_args()
    from extractors import default_extractor

    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    extractor = None if args.no_extract else default_extractor()
    figures = corpus_stats(records, extractor)
    if args.write_calibration:
        note = (
            "Measured by benchmarks/corpus_stats.py --write-calibration over the real reference "
            f"articles ({sum(f['articles'] for f in figures.values())} of them, "
            "../shared/gold-real/dev.jsonl); numbers only, no text."
        )
        CALIBRATION.write_text(
            json.dumps({"note": note, **figures}, indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
