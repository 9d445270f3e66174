"""From a loose record (a JSON object, Markdown front matter) to a validated ``Article``."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
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


@dataclass(frozen=True)
class DateWindow:
    """Publication dates a record may carry: outside it a date is a typo or a placeholder
    (year 9999, 0001), which would otherwise become the latest report day."""

    earliest: date = date(1990, 1, 1)
    future_days: int = 1

    def problem(self, published: datetime, now: datetime | None = None) -> str:
        """Why ``published`` is outside the window, or "" when it is inside."""
        latest = (now or datetime.now(UTC)) + timedelta(days=self.future_days)
        try:
            utc = published.astimezone(UTC)
            too_early = utc < datetime.combine(self.earliest, time(0, 0), UTC)
            too_late = utc > latest
        except (OverflowError, ValueError):
            too_early, too_late = published.year < 2000, published.year >= 2000
        if too_early:
            return f"published {published.isoformat()} is before {self.earliest.isoformat()}"
        if too_late:
            return (
                f"published {published.isoformat()} is more than {self.future_days} day(s) "
                "in the future"
            )
        return ""


DEFAULT_WINDOW = DateWindow()


def check_published(published: datetime, where: str, window: DateWindow | None = None) -> None:
    problem = (window or DEFAULT_WINDOW).problem(published)
    if problem:
        raise InputError(where, f"{problem} (the accepted window is a setting: KG_EARLIEST_DATE)")


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
    window: DateWindow | None = None,
) -> Article:
    """Validate one record; raises ``InputError`` naming ``where`` and what is wrong.

    Whatever the record holds (numbers where lists belong, deep nesting, a date that
    overflows), the error is an ``InputError``: one record never stops a run.
    """
    try:
        return _to_article(record, where, zone, ontology, default_source, default_kind, window)
    except InputError:
        raise
    # Any failure while validating is this record's fault, so it is quarantined with the
    # reason; the rest of the batch goes on.
    except Exception as exc:  # noqa: BLE001
        raise InputError(where, f"invalid record: {type(exc).__name__}: {exc}"[:500]) from None


def _to_article(record, where, zone, ontology, default_source, default_kind, window) -> Article:
    if not isinstance(record, Mapping):
        raise InputError(where, f"expected a JSON object, found {type(record).__name__}")
    unknown = sorted(set(record) - _KNOWN)
    if unknown:
        raise InputError(
            where, f"unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(_KNOWN))})"
        )
    if record.get("id") is not None and not isinstance(record.get("id"), str | int):
        raise InputError(where, f"'id' must be a string, found {type(record['id']).__name__}")
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
    # NUL never belongs in prose, and would reach the reports verbatim
    text, title = text.replace("\x00", ""), title.replace("\x00", "")
    url = str(record.get("url") or "").strip()
    given_id = str(record.get("id") or "").strip()
    if not url and not given_id:
        raise InputError(where, "needs a url or an id")
    try:
        published = parse_published(record.get("published", record.get("date")), zone)
    except ValueError as exc:
        raise InputError(where, str(exc)) from None
    check_published(published, where, window)
    annotations = []
    for i, raw in enumerate(record.get("entities") or [], start=1):
        if not isinstance(raw, Mapping) or not raw.get("name") or not raw.get("kind"):
            raise InputError(where, f"entities[{i}] needs 'name' and 'kind', found {raw!r}")
        kind = str(raw.get("kind") or raw.get("type"))
        if kind not in ontology.kinds:
            raise InputError(where, str(UnknownTermError("entity kind", kind, ontology.kind_names)))
        annotations.append(Annotation(name=_no_nul(raw["name"]), kind=kind))
    tags = record.get("tags") or []
    if not isinstance(tags, list):
        raise InputError(where, "'tags' must be a list of strings")
    try:
        return Article(
            id=given_id or article_id_for(url),
            url=url or f"urn:kg:{given_id}",
            title=" ".join(title.split()),
            source=_no_nul(
                record.get("source") or (_source_from_url(url) if url else default_source)
            ),
            source_kind=record.get("source_kind") or default_kind,
            published=published,
            day=published.astimezone(zone).date(),
            lang=_no_nul(record.get("lang") or detect_lang(f"{title} {text}")),
            text=text.strip(),
            tags=tuple(_no_nul(t) for t in tags),
            annotations=tuple(annotations),
        )
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}"
            for err in exc.errors()
        )
        raise InputError(where, problems) from None


def _no_nul(value: Any) -> str:
    """NUL never belongs in a name, a source or a tag, and would reach the reports verbatim."""
    return str(value).replace("\x00", "")


MAX_RAW_CHARS = 65536  # a quarantined record keeps this much of itself; enough to see why


def quarantined(where: str, reason: str, raw: str) -> QuarantineItem:
    if len(raw) > MAX_RAW_CHARS:
        raw = raw[:MAX_RAW_CHARS] + f"\n... ({len(raw) - MAX_RAW_CHARS:,} more characters)"
    digest = hashlib.sha256(f"{where}\n{raw}".encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return QuarantineItem(id=digest, source=where, reason=reason, raw=raw, at=datetime.now(UTC))


def read_utf8(path: Path) -> str | QuarantineItem:
    """A file's text, or the quarantined record saying which byte is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")  # a BOM is not part of the text
    except UnicodeDecodeError as exc:
        return quarantined(
            str(path),
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            raw.decode("utf-8", "backslashreplace"),
        )
