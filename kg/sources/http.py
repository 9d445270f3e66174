"""HTTP for sources: httpx with timeouts, a size cap, and errors that name the URL."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass

import httpx

from kg.errors import SourceError

USER_AGENT = "ai-intel-kg/0.1 (+https://ai-intel-kg.example)"
MAX_BYTES = 10 * 1024 * 1024  # a feed or article page larger than this is not news; refuse it
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
# The per-read timeout never fires on a server that trickles a byte every few seconds, so
# a whole request also has a deadline (seconds from its start).
DEADLINE = 60.0


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes


def client(
    timeout: httpx.Timeout | float = TIMEOUT,
    *,
    allowed_hosts: Iterable[str] | None = None,
    allow_private: bool = False,
) -> httpx.Client:
    """With ``allowed_hosts``, every request (redirects included) to a host other than those
    is refused when it resolves to a private, loopback or link-local address: a feed's link
    must not make the tool fetch an internal page (SSRF)."""
    hooks = {}
    if allowed_hosts is not None and not allow_private:
        hooks["request"] = [_public_only({h.lower() for h in allowed_hosts if h})]
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
        max_redirects=5,
        event_hooks=hooks,
    )


def internal_address(host: str) -> str:
    """The private / loopback / link-local address ``host`` resolves to, or ""."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ""  # unresolvable: the request itself will fail and say so
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_multicast
            or address.is_reserved
            or address.is_unspecified
        ):
            return str(address)
    return ""


def _public_only(allowed: set[str]):
    def check(request: httpx.Request) -> None:
        host = (request.url.host or "").lower()
        if host in allowed:
            return
        internal = internal_address(host)
        if internal:
            raise SourceError(
                str(request.url),
                f"{host} is an internal address ({internal}); refused. Only the hosts "
                "configured may be internal (or set KG_ALLOW_PRIVATE_HOSTS=true)",
            )

    return check


def fetch(
    http: httpx.Client,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE,
    until: float | None = None,
) -> Fetched:
    """GET ``url``; 304 is returned as-is, other non-2xx raise ``SourceError``.

    The request ends after ``deadline`` seconds, or at ``until`` (a ``time.monotonic()``
    instant: the deadline of the whole source) if that comes first.
    """
    if not url.startswith(("http://", "https://")):
        raise SourceError(url, "only http:// and https:// URLs can be fetched")
    started = time.monotonic()
    end = started + deadline if until is None else min(started + deadline, until)
    if end <= started:
        raise SourceError(url, "the source's deadline passed before this request")

    def remaining() -> float:
        left = end - time.monotonic()
        if left <= 0:
            raise SourceError(
                url, f"not complete after {time.monotonic() - started:.0f} s; cut off"
            )
        return left

    # each read waits no longer than the time left
    first = remaining()
    timeout = httpx.Timeout(
        connect=min(first, http.timeout.connect or first),
        read=min(first, http.timeout.read or first),
        write=min(first, http.timeout.write or first),
        pool=min(first, http.timeout.pool or first),
    )
    try:
        with http.stream("GET", url, headers=headers or {}, timeout=timeout) as response:
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
                remaining()
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise SourceError(url, f"response exceeds the {max_bytes:,}-byte limit")
            return Fetched(str(response.url), response.status_code, response.headers, bytes(body))
    except httpx.TimeoutException:
        if time.monotonic() >= end:
            raise SourceError(
                url, f"not complete after {time.monotonic() - started:.0f} s; cut off"
            ) from None
        raise SourceError(url, "timed out") from None
    except httpx.TooManyRedirects:
        raise SourceError(url, "too many redirects") from None
    except httpx.HTTPError as exc:
        raise SourceError(url, f"{type(exc).__name__}: {exc}") from None
