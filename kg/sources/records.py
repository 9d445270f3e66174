"""From a loose record (a JSON object, Markdown front matter) to a validated ``Article``."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from kg.errors import InputError, UnknownTermError
from kg.models import Annotation, Article, QuarantineItem
from kg.ontology import Ontology

_CJK = re.compile(r"[\u3400-\u9fff]")
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(?P<id>\d{4}\.\d{4,5})(?:v\d+)?")
_SIMPLIFIED_ONLY = set("这们来说时为发对会过还进后应实问题现经业学务")
_TRADITIONAL_ONLY = set("這們來說時為發對會過還進後應實問題現經業學務")
_KNOWN = {
    "id",
    "url",
    "title",
    "published",
    "date",
    "lang",
    "text",
    "source",
    "source_kind",
    "entities",
    "tags",
    "summary",
    "body",
    "content",
}


def detect_lang(text: str) -> str:
    """``en``, ``zh-Hant`` or ``zh-Hans`` from the characters used."""
    sample = text[:4000]
    cjk = len(_CJK.findall(sample))
    if cjk < max(5, len(sample) * 0.05):
        return "en"
    simplified = sum(ch in _SIMPLIFIED_ONLY for ch in sample)
    traditional = sum(ch in _TRADITIONAL_ONLY for ch in sample)
    return "zh-Hans" if simplified > traditional else "zh-Hant"


def parse_published(value: Any, zone: ZoneInfo) -> datetime:
    """ISO 8601 date or date-time; a time without offset is taken in ``zone``."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time(0, 0))
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)
        except ValueError:
            raise ValueError(f"'published' is not an ISO 8601 date: {value!r}") from None
    else:
        raise ValueError(f"'published' is missing or empty (got {value!r})")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def article_id_for(url: str) -> str:
    match = _ARXIV.search(url)
    if match:
        return f"arXiv:{match.group('id')}"
    return "url:" + hashlib.sha256(url.strip().encode()).hexdigest()[:16]


def _source_from_url(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or "local"


def to_article(
    record: Mapping[str, Any],
    *,
    where: str,
    zone: ZoneInfo,
    ontology: Ontology,
    default_source: str = "local",
    default_kind: str = "file",
) -> Article:
    """Validate one record; raises ``InputError`` naming ``where`` and what is wrong."""
    if not isinstance(record, Mapping):
        raise InputError(where, f"expected a JSON object, found {type(record).__name__}")
    unknown = sorted(set(record) - _KNOWN)
    if unknown:
        raise InputError(
            where, f"unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(_KNOWN))})"
        )
    title = str(record.get("title") or "").strip()
    if not title:
        raise InputError(where, "missing title")
    text = (
        record.get("text")
        or record.get("body")
        or record.get("content")
        or record.get("summary")
        or ""
    )
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "empty text")
    url = str(record.get("url") or "").strip()
    given_id = str(record.get("id") or "").strip()
    if not url and not given_id:
        raise InputError(where, "needs a url or an id")
    try:
        published = parse_published(record.get("published", record.get("date")), zone)
    except ValueError as exc:
        raise InputError(where, str(exc)) from None
    annotations = []
    for i, raw in enumerate(record.get("entities") or [], start=1):
        if not isinstance(raw, Mapping) or not raw.get("name") or not raw.get("kind"):
            raise InputError(where, f"entities[{i}] needs 'name' and 'kind', found {raw!r}")
        kind = str(raw.get("kind") or raw.get("type"))
        if kind not in ontology.kinds:
            raise InputError(where, str(UnknownTermError("entity kind", kind, ontology.kind_names)))
        annotations.append(Annotation(name=str(raw["name"]), kind=kind))
    tags = record.get("tags") or []
    if not isinstance(tags, list):
        raise InputError(where, "'tags' must be a list of strings")
    try:
        return Article(
            id=given_id or article_id_for(url),
            url=url or f"urn:kg:{given_id}",
            title=" ".join(title.split()),
            source=str(record.get("source") or (_source_from_url(url) if url else default_source)),
            source_kind=record.get("source_kind") or default_kind,
            published=published,
            day=published.astimezone(zone).date(),
            lang=str(record.get("lang") or detect_lang(f"{title} {text}")),
            text=text.strip(),
            tags=tuple(str(t) for t in tags),
            annotations=tuple(annotations),
        )
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}"
            for err in exc.errors()
        )
        raise InputError(where, problems) from None


def quarantined(where: str, reason: str, raw: str) -> QuarantineItem:
    digest = hashlib.sha256(f"{where}\n{raw}".encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return QuarantineItem(id=digest, source=where, reason=reason, raw=raw, at=datetime.now(UTC))


def read_utf8(path: Path) -> str | QuarantineItem:
    """A file's text, or the quarantined record saying which byte is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return quarantined(
            str(path),
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            raw.decode("utf-8", "backslashreplace"),
        )
