"""Report archives: daily reports in the seed format (Hugo markdown) as articles.

Each item (a ``### `` heading with 核心摘要 / 技術細節 / 應用場景 / 關鍵實體 / 重要性 / 來源)
becomes an article of the report's day: its text is the item's prose, its 來源 links are
kept (the first as the url), 重要性 and the section become tags, and its 關鍵實體 become
trusted annotations without a kind (the pipeline resolves the kind).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from kg.errors import InputError
from kg.models import Annotation, Article, QuarantineItem
from kg.sources.files import split_front_matter
from kg.sources.records import DateWindow, check_published, quarantined, read_utf8

# Sections whose ### headings are report items; the others (編輯洞察, 延伸閱讀...) are not.
ITEM_SECTIONS = (
    "今日焦點",
    "模型與技術更新",
    "工具與資源",
    "產業與應用動態",
    "產業趨勢與觀點",
    "市場動態精選",
    "Top Headlines",
    "Model & Research Updates",
    "Tools & Resources",
    "Industry Applications",
    "Industry Trends & Insights",
    "Key Market Updates",
)
_FIELD = re.compile(r"^\*\*(?P<label>[^*]+?)\*\*\s*[：:]?\s*(?P<rest>.*)$")
_LINK = re.compile(r"\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)")
_MARKUP = re.compile(r"\*\*|`|^\s*[-*]\s+|^\s*\d+\.\s+", re.M)
_ID_LIKE = re.compile(r"^[A-Z0-9][A-Z0-9\-‑.]+$")


def _plain(text: str) -> str:
    return "\n".join(line.strip() for line in _MARKUP.sub("", text).splitlines() if line.strip())


def _entities(value: str) -> list[str]:
    names = []
    for part in re.split(r"\s*[,、，]\s*", value.strip()):
        part = part.strip().rstrip("。")
        if not part:
            continue
        inner = re.search(r"\s*[（(]([^)）]+)[)）]\s*$", part)
        if inner:
            head = part[: inner.start()].strip()
            names.append(head)
            if _ID_LIKE.match(inner.group(1).strip()):
                names.append(inner.group(1).strip())
        else:
            names.append(part)
    return [n for n in names if n]


def _report_day(
    meta: dict, where: str, zone: ZoneInfo, window: DateWindow | None = None
) -> tuple[datetime, date]:
    value = meta.get("date")
    if isinstance(value, datetime):
        published = value if value.tzinfo else value.replace(tzinfo=zone)
    elif isinstance(value, date):
        published = datetime.combine(value, time(6, 0), zone)
    elif isinstance(value, str):
        try:
            published = datetime.fromisoformat(value)
        except ValueError:
            raise InputError(where, f"front matter date {value!r} is not ISO 8601") from None
        published = published if published.tzinfo else published.replace(tzinfo=zone)
    else:
        raise InputError(where, "front matter has no date")
    check_published(published, where, window)
    return published, published.astimezone(zone).date()


def read_report(
    path: Path, *, zone: ZoneInfo, window: DateWindow | None = None
) -> Iterator[Article | QuarantineItem]:
    where = str(path)
    text = read_utf8(path)
    if isinstance(text, QuarantineItem):
        yield text
        return
    try:
        meta, body = split_front_matter(text)
        published, day = _report_day(meta, where, zone, window)
    except InputError as exc:
        yield quarantined(where, exc.reason, text)
        return
    # any other failure (an overflowing date, a value of the wrong type) is this file's
    except Exception as exc:  # noqa: BLE001
        yield quarantined(where, f"bad front matter: {type(exc).__name__}: {exc}", text)
        return

    section = ""
    item: list[str] | None = None
    title = ""
    start_line = 0
    lines = body.splitlines()
    for number, line in enumerate([*lines, "## end"], start=1):
        if line.startswith("## ") or line.startswith("### ") or line.strip() == "---":
            if item is not None:
                yield _item(path, day, published, section, title, item, start_line, meta)
                item = None
            if line.startswith("## "):
                section = line[3:].strip()
            elif line.startswith("### ") and any(section.startswith(s) for s in ITEM_SECTIONS):
                title, item, start_line = line[4:].strip(), [], number
            continue
        if item is not None:
            item.append(line)


def _item(path: Path, day: date, published: datetime, *rest) -> Article | QuarantineItem:
    try:
        return _read_item(path, day, published, *rest)
    except Exception as exc:  # noqa: BLE001 (one bad item never stops the archive)
        lines, line = rest[2], rest[3]
        return quarantined(
            f"{path}:{line}", f"invalid item: {type(exc).__name__}: {exc}", "\n".join(lines)
        )


def _read_item(
    path: Path,
    day: date,
    published: datetime,
    section: str,
    title: str,
    lines: list[str],
    line: int,
    meta: dict,
) -> Article | QuarantineItem:
    where = f"{path}:{line}"
    fields: dict[str, list[str]] = {}
    current = "_"
    for raw in lines:
        m = _FIELD.match(raw.strip())
        if m:
            current = m.group("label").split("（")[0].split("(")[0].strip()
            rest = m.group("rest").strip()
            fields.setdefault(current, [])
            if rest:
                fields[current].append(rest)
            continue
        if raw.strip():
            fields.setdefault(current, []).append(raw)
    prose = [
        _plain("\n".join(fields.get(k, [])))
        for k in (
            "核心摘要",
            "技術細節",
            "應用場景",
            "Summary",
            "Technical Details",
            "Applications",
        )
    ]
    text = "\n".join(p for p in prose if p)
    sources = " ".join(fields.get("來源", []) + fields.get("Sources", []))
    links = [m.group("url") for m in _LINK.finditer(sources)]
    entities = _entities(" ".join(fields.get("關鍵實體", []) + fields.get("Key Entities", [])))
    importance = " ".join(fields.get("重要性", []) + fields.get("Importance", [])).strip()
    level = importance[:1] if importance[:1] in "高中低" else ""
    digest = hashlib.sha256(f"{day}|{title}".encode()).hexdigest()[:12]
    tags = [f"section:{section.split('（')[0]}"] + ([f"重要性:{level}"] if level else [])
    tags += [str(t) for t in meta.get("tags") or []]
    try:
        if not text:
            raise InputError(where, f"item {title!r} has no 核心摘要 / 技術細節 text")
        return Article(
            id=f"report:{day.isoformat()}:{digest}",
            url=links[0] if links else f"urn:kg:report:{day.isoformat()}:{digest}",
            title=title,
            source=f"report {path.name}",
            source_kind="report",
            published=published,
            day=day,
            lang="zh-Hant",
            text=text,
            tags=tuple(tags),
            links=tuple(links[1:]),
            annotations=tuple(Annotation(name=n) for n in entities),
        )
    except InputError as exc:
        return quarantined(where, exc.reason, "\n".join(lines))
    except Exception as exc:  # noqa: BLE001 (one bad item never stops the archive)
        return quarantined(where, f"invalid item: {type(exc).__name__}: {exc}", "\n".join(lines))
