"""RSS 0.9x/1.0/2.0 and Atom feeds with feedparser, fetched with conditional GET."""

from __future__ import annotations

import calendar
import codecs
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
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.I)
_BOMS = (
    codecs.BOM_UTF8,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)
_UTF8 = {"utf-8", "utf8", "utf_8"}


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


def charset_of(content_type: str) -> str:
    """The ``charset`` parameter of a Content-Type header, lower-cased, or ""."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'").lower()
    return ""


def _declared_encoding(body: bytes, content_type: str) -> str:
    """The encoding the document or its response declares: a BOM, the HTTP charset, the XML
    declaration (UTF-16 without a BOM shows as NUL bytes around the first "<")."""
    if body.startswith(_BOMS):
        return "bom"
    if body[:2] in (b"\x00<", b"<\x00"):
        return "utf-16"
    found = _XML_ENCODING.match(body[:1024])
    return charset_of(content_type) or (found.group(1).decode().lower() if found else "")


def _check_undeclared(body: bytes, url: str, content_type: str) -> None:
    """XML without a declared encoding is UTF-8; bytes that are not are refused, not guessed
    (feedparser would read them as windows-1252, and Cyrillic or Greek would be stored as
    Latin mojibake)."""
    if _declared_encoding(body, content_type):
        return
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            url,
            f"the feed is not UTF-8 (byte {body[exc.start]:#04x} at offset {exc.start}) and "
            "declares no encoding; refused rather than guessed (the publisher should declare "
            "it in the XML declaration or the Content-Type charset)",
        ) from None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_page(body: bytes, content_type: str, url: str) -> str:
    """An HTML page as text, by the charset its response or its ``<meta>`` declares, else
    UTF-8; bytes that are not what is declared (or not UTF-8, when nothing is) are refused
    rather than guessed: detection read undeclared Latin-1 French as Baltic mojibake."""
    meta = _META_CHARSET.search(body[:4096])
    declared = charset_of(content_type) or (meta.group(1).decode().lower() if meta else "")
    charset = declared or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"  # a charset name Python does not know
    try:
        return body.decode(charset)
    except UnicodeDecodeError as exc:
        said = f"says charset={declared}" if declared else "declares no charset"
        raise SourceError(
            url,
            f"the page {said} but byte {body[exc.start]:#04x} at offset {exc.start} is not "
            f"{charset}; refused rather than guessed",
        ) from None


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
    content_type: str = "",
) -> Iterator[Article | QuarantineItem]:
    """Entries of one feed document; a broken entry is quarantined, the rest go on.

    ``content_type`` is the response's Content-Type header: its charset decodes the feed.
    """
    if _DTD_ENTITY.search(body):
        raise SourceError(
            url, "the feed declares XML entities (<!ENTITY>); refused to avoid entity expansion"
        )
    _check_undeclared(body, url, content_type)
    headers = {"content-location": url}
    if charset_of(content_type):
        # only with a charset: feedparser reads a bare text/xml as us-ascii (RFC 3023), where
        # RFC 7303 and every browser let the XML declaration decide
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    override = parsed.get("bozo_exception")
    if isinstance(override, feedparser.CharacterEncodingOverride) and (
        str(parsed.get("encoding", "")).lower() not in _UTF8
    ):
        # declared X, but the bytes are not X: feedparser fell back to a guess
        raise SourceError(url, f"{override}; refused rather than guessed")
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
        parse_feed(
            got.body,
            url,
            zone=zone,
            name=name,
            kind=kind,
            language=language,
            window=window,
            content_type=got.headers.get("content-type", ""),
        )
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
    """The article page's main text (trafilatura); raises SourceError so callers keep the summary.

    The page is decoded by what it declares (``decode_page``).
    """
    import trafilatura

    got = fetch(http, article.url, max_bytes=max_bytes, deadline=deadline, until=until)
    page = decode_page(got.body, got.headers.get("content-type", ""), article.url)
    body = trafilatura.extract(page, include_comments=False, include_tables=False)
    if not body or len(body) < len(article.text):
        raise SourceError(article.url, "no article body found on the page")
    return Article(**{**article.model_dump(), "text": body.strip(), "content_hash": ""})
