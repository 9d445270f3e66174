"""RSS 0.9x/1.0/2.0 and Atom feeds with feedparser, fetched with conditional GET."""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import feedparser
import httpx

from kg.errors import InputError, SourceError
from kg.models import Article, QuarantineItem
from kg.sources.http import DEADLINE, MAX_BYTES, fetch
from kg.sources.records import (
    DateWindow,
    article_id_for,
    check_published,
    detect_lang,
    quarantined,
)

_TRACKING = re.compile(
    r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|igshid|spm|share|cmpid)$", re.I
)
_DTD_ENTITY = re.compile(rb"<!ENTITY", re.I)


def canonical_url(url: str) -> str:
    """Lower-case host, no fragment, no tracking parameters: one story, one id."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag in {"p", "br", "div", "li", "h1", "h2", "h3"}:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    parser = _Text()
    parser.feed(value)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return html.unescape("\n".join(line for line in lines if line))


@dataclass
class FeedResult:
    url: str
    status: int = 0
    records: list[Article | QuarantineItem] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    not_modified: bool = False


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC)
    return None


def parse_feed(
    body: bytes,
    url: str,
    *,
    zone: ZoneInfo,
    name: str = "",
    kind: str = "news",
    language: str = "",
    fetched_at: datetime | None = None,
    window: DateWindow | None = None,
) -> Iterator[Article | QuarantineItem]:
    """Entries of one feed document; a broken entry is quarantined, the rest go on."""
    if _DTD_ENTITY.search(body):
        raise SourceError(
            url, "the feed declares XML entities (<!ENTITY>); refused to avoid entity expansion"
        )
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if parsed.bozo and not parsed.entries:
        raise SourceError(url, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
    feed_title = name or parsed.feed.get("title") or urlsplit(url).hostname or url
    feed_lang = language or parsed.feed.get("language", "")
    now = fetched_at or datetime.now(UTC)
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{url}#entry{index}"
        link = entry.get("link") or ""
        try:
            if not link:
                raise InputError(where, "entry has no link")
            canonical = canonical_url(link)
            content = entry.get("content") or []
            raw_text = content[0].get("value", "") if content else entry.get("summary", "")
            text = html_to_text(raw_text)
            title = html_to_text(entry.get("title", "")).strip()
            if not title:
                raise InputError(where, "entry has no title")
            if not text:
                text = title
            published = _entry_time(entry) or now
            check_published(published, where, window)
            lang = entry.get("language") or feed_lang or detect_lang(f"{title} {text}")
            yield Article(
                id=article_id_for(canonical),
                url=canonical,
                title=title,
                source=str(feed_title),
                source_kind=kind,
                published=published,
                day=published.astimezone(zone).date(),
                lang=_lang(lang),
                text=text,
                tags=tuple(t.get("term", "") for t in entry.get("tags", []) if t.get("term")),
            )
        except InputError as exc:
            yield quarantined(
                where, exc.reason, str({k: entry.get(k) for k in ("title", "link", "summary")})
            )
        # Whatever else one entry holds (a date in year 9999 overflows) is that entry's
        # problem: it is quarantined and the feed goes on.
        except Exception as exc:  # noqa: BLE001
            yield quarantined(
                where,
                f"invalid entry: {type(exc).__name__}: {exc}",
                str({k: entry.get(k) for k in ("title", "link")}),
            )


def _lang(value: str) -> str:
    value = value.strip().replace("_", "-")
    low = value.lower()
    if low in {"zh-tw", "zh-hk", "zh-hant"}:
        return "zh-Hant"
    if low in {"zh-cn", "zh-sg", "zh-hans"}:
        return "zh-Hans"
    return value.split("-")[0].lower() if low.startswith("en") else (value or "en")


def fetch_feed(
    http: httpx.Client,
    url: str,
    state: dict[str, Any],
    *,
    zone: ZoneInfo,
    name: str = "",
    kind: str = "news",
    language: str = "",
    max_bytes: int = MAX_BYTES,
    window: DateWindow | None = None,
    deadline: float = DEADLINE,
    until: float | None = None,
) -> FeedResult:
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    got = fetch(http, url, headers=headers, max_bytes=max_bytes, deadline=deadline, until=until)
    result = FeedResult(url=url, status=got.status, state=dict(state))
    if got.status == 304:
        result.not_modified = True
        return result
    result.records = list(
        parse_feed(got.body, url, zone=zone, name=name, kind=kind, language=language, window=window)
    )
    result.state.update(
        {
            k: v
            for k, v in (
                ("etag", got.headers.get("etag")),
                ("last_modified", got.headers.get("last-modified")),
            )
            if v
        }
    )
    return result


def full_text(
    http: httpx.Client,
    article: Article,
    *,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE,
    until: float | None = None,
) -> Article:
    """The article page's main text (trafilatura); raises SourceError so callers keep the summary."""
    import trafilatura

    got = fetch(http, article.url, max_bytes=max_bytes, deadline=deadline, until=until)
    body = trafilatura.extract(
        got.body.decode("utf-8", "replace"), include_comments=False, include_tables=False
    )
    if not body or len(body) < len(article.text):
        raise SourceError(article.url, "no article body found on the page")
    return Article(**{**article.model_dump(), "text": body.strip(), "content_hash": ""})
