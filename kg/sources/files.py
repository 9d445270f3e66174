"""Local files: JSONL (one article per line) and Markdown with YAML front matter."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from kg.errors import InputError
from kg.models import Article, QuarantineItem
from kg.ontology import Ontology
from kg.safe_yaml import load_yaml
from kg.sources.records import DateWindow, quarantined, read_utf8, to_article

SUFFIXES = {".jsonl", ".ndjson", ".md", ".markdown"}
# A JSONL line this long is not an article (a 50 MB line took 10 minutes and 2.6 GB); it is
# quarantined unread.
MAX_LINE_BYTES = 8 * 1024 * 1024


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the readable files under directories named, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            )
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise InputError(
                    str(path),
                    f"unsupported file type {path.suffix or '(none)'}; give .jsonl or .md files",
                )
            out.append(path)
        else:
            raise InputError(str(path), "no such file or directory")
    return out


def read_files(
    paths: Iterable[str | Path],
    *,
    zone: ZoneInfo,
    ontology: Ontology,
    window: DateWindow | None = None,
) -> Iterator[Article | QuarantineItem]:
    for path in expand(paths):
        if path.suffix.lower() in {".jsonl", ".ndjson"}:
            yield from read_jsonl(path, zone=zone, ontology=ontology, window=window)
        else:
            yield read_markdown(path, zone=zone, ontology=ontology, window=window)


def _lines(handle) -> Iterator[bytes]:
    """Lines, but an over-long one is cut at ``MAX_LINE_BYTES`` and the rest skipped."""
    while line := handle.readline(MAX_LINE_BYTES + 1):
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_jsonl(
    path: Path, *, zone: ZoneInfo, ontology: Ontology, window: DateWindow | None = None
) -> Iterator[Article | QuarantineItem]:
    with path.open("rb") as handle:
        for number, raw_line in enumerate(_lines(handle), start=1):
            where = f"{path}:{number}"
            if not raw_line.strip():
                continue
            if len(raw_line) > MAX_LINE_BYTES:
                yield quarantined(
                    where,
                    f"line is over {MAX_LINE_BYTES:,} bytes; not read as an article",
                    raw_line[:4096].decode("utf-8", "backslashreplace"),
                )
                continue
            try:
                line = raw_line.decode("utf-8")
                if number == 1:
                    line = line.removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                text = raw_line.decode("utf-8", "backslashreplace")
                yield quarantined(
                    where,
                    f"not UTF-8: byte 0x{raw_line[exc.start]:02x} at column {exc.start + 1}",
                    text,
                )
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield quarantined(where, f"not valid JSON: {exc.msg} at column {exc.colno}", line)
                continue
            except RecursionError:
                yield quarantined(where, "not readable JSON: nested too deeply", line)
                continue
            try:
                yield to_article(
                    record,
                    where=where,
                    zone=zone,
                    ontology=ontology,
                    default_source=path.stem,
                    window=window,
                )
            except InputError as exc:
                yield quarantined(where, exc.reason, line)


def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    parts = text.split("\n---", 1)
    if len(parts) < 2:
        raise ValueError("front matter opened with '---' but never closed")
    header = parts[0].removeprefix("---")
    body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    data = load_yaml(header, "front matter") or {}
    if not isinstance(data, dict):
        raise ValueError("front matter is not a YAML mapping")
    return data, body


def read_markdown(
    path: Path, *, zone: ZoneInfo, ontology: Ontology, window: DateWindow | None = None
) -> Article | QuarantineItem:
    where = str(path)
    text = read_utf8(path)
    if isinstance(text, QuarantineItem):
        return text
    try:
        meta, body = split_front_matter(text)
    except ValueError as exc:
        return quarantined(where, f"bad front matter: {exc}", text)
    if not meta.get("title"):
        for line in body.splitlines():
            if line.startswith("# "):
                meta["title"] = line[2:].strip()
                body = body.replace(line, "", 1)
                break
    record = {
        k: v
        for k, v in meta.items()
        if k
        in {
            "id",
            "url",
            "title",
            "published",
            "date",
            "lang",
            "source",
            "source_kind",
            "entities",
            "tags",
        }
    }
    record["text"] = body.strip()
    record.setdefault("url", path.resolve().as_uri())
    try:
        return to_article(
            record,
            where=where,
            zone=zone,
            ontology=ontology,
            default_source=path.parent.name or "local",
            window=window,
        )
    except InputError as exc:
        return quarantined(where, exc.reason, text)


def count_records(paths: list[Path]) -> int:
    """How many records ``read_files`` will yield, for a progress bar: JSONL lines, else 1."""
    total = 0
    for path in paths:
        if path.suffix.lower() in {".jsonl", ".ndjson"}:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total
