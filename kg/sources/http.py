"""HTTP for sources: httpx with timeouts, a size cap, and errors that name the URL."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from kg.errors import SourceError

USER_AGENT = "ai-intel-kg/0.1 (+https://ai-intel-kg.example)"
MAX_BYTES = 10 * 1024 * 1024  # a feed or article page larger than this is not news; refuse it
TIMEOUT = httpx.Timeout(20.0, connect=10.0)


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes


def client(timeout: httpx.Timeout | float = TIMEOUT) -> httpx.Client:
    return httpx.Client(
        timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}, max_redirects=5
    )


def fetch(
    http: httpx.Client,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET ``url``; 304 is returned as-is, other non-2xx raise ``SourceError``."""
    if not url.startswith(("http://", "https://")):
        raise SourceError(url, "only http:// and https:// URLs can be fetched")
    try:
        with http.stream("GET", url, headers=headers or {}) as response:
            if response.status_code == 304:
                return Fetched(str(response.url), 304, response.headers, b"")
            if response.status_code >= 400:
                raise SourceError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(
                    url, f"response is {int(declared):,} bytes, over the {max_bytes:,}-byte limit"
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise SourceError(url, f"response exceeds the {max_bytes:,}-byte limit")
            return Fetched(str(response.url), response.status_code, response.headers, bytes(body))
    except httpx.TimeoutException:
        raise SourceError(url, "timed out") from None
    except httpx.TooManyRedirects:
        raise SourceError(url, "too many redirects") from None
    except httpx.HTTPError as exc:
        raise SourceError(url, f"{type(exc).__name__}: {exc}") from None
