"""HTTP for sources: httpx with timeouts, a size cap, and errors that name the URL.

Two bounds live below httpx, in the network backend of the client ``client()`` builds, because
nothing above it sees them: every read, write and connect waits no longer than the request's
deadline (a server that trickles its headers a byte a second never trips a per-read timeout),
and the address a connection is opened to is the one that was checked (a host that resolves
to a public address when checked and to 127.0.0.1 when connecting, DNS rebinding, is refused).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
import urllib.request
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from kg.errors import SourceError

USER_AGENT = "ai-intel-kg/0.1 (+https://ai-intel-kg.example)"
MAX_BYTES = 10 * 1024 * 1024  # a feed or article page larger than this is not news; refuse it
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
# The per-read timeout never fires on a server that trickles a byte every few seconds, so
# a whole request also has a deadline (seconds from its start).
DEADLINE = 60.0

# The time.monotonic() instant the request under way must end by; set by fetch() (or by
# ``ends_by()``) and read by the network backend on every connect, read and write.
_END: ContextVar[float | None] = ContextVar("kg_http_end", default=None)


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
    must not make the tool fetch an internal page (SSRF). The check is made again on the
    address each connection is opened to, so a name that changes its answer in between
    (DNS rebinding) is refused too."""
    hooks = {}
    allowed = None
    if allowed_hosts is not None and not allow_private:
        allowed = {h.lower() for h in allowed_hosts if h}
        hooks["request"] = [_public_only(allowed)]
    # Through a proxy from the environment the proxy resolves names and opens connections,
    # so only the name check above applies; httpx ignores those proxies when given a
    # transport, hence none is given then.
    proxied = any(k in urllib.request.getproxies() for k in ("http", "https", "all"))
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
        max_redirects=5,
        event_hooks=hooks,
        transport=None if proxied else _BoundedTransport(allowed),
    )


@contextlib.contextmanager
def ends_by(until: float) -> Iterator[None]:
    """Requests made inside end at ``until`` (a ``time.monotonic()`` instant), headers and
    body, however slowly the server sends them: a read past it raises ``httpx.ReadTimeout``.
    Applies to clients built by ``client()``."""
    token = _END.set(until)
    try:
        yield
    finally:
        _END.reset(token)


def _bounded(timeout: float | None) -> float | None:
    end = _END.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _BoundedStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _BoundedStream(
            self._stream.start_tls(ssl_context, server_hostname, _bounded(timeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _BoundedBackend(httpcore.NetworkBackend):
    """Connects to an address it has checked: resolved once, every answer public (unless the
    host is one the user configured, or no check was asked for), the peer verified."""

    def __init__(self, allowed: set[str] | None) -> None:
        self._inner = httpcore.SyncBackend()
        self._allowed = allowed

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        checked = self._allowed is not None and host.lower() not in self._allowed
        targets = _checked_addresses(host, port) if checked else [host]
        for i, target in enumerate(targets):  # each answer in turn, as a name would be tried
            try:
                stream = self._inner.connect_tcp(
                    target, port, _bounded(timeout), local_address, socket_options
                )
                break
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                if i == len(targets) - 1:
                    raise
        if checked:
            peer = stream.get_extra_info("server_addr")
            internal = _internal(str(peer[0])) if peer else ""
            if internal:
                stream.close()
                raise _refused(host, port, internal, "the connection reached")
        return _BoundedStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        return _BoundedStream(
            self._inner.connect_unix_socket(path, _bounded(timeout), socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _BoundedTransport(httpx.HTTPTransport):
    def __init__(self, allowed: set[str] | None) -> None:
        super().__init__()
        # httpx builds its connection pool without a way to pass a network backend; the
        # pool is the one thing HTTPTransport sends requests through.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=_BoundedBackend(allowed),
        )


def _checked_addresses(host: str, port: int) -> list[str]:
    """The addresses to connect to: ``host`` resolved once, and refused when any answer is
    internal (a connection to the name could reach any of them)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in addresses:
        internal = _internal(address)
        if internal:
            raise _refused(host, port, internal, f"{host} resolved to")
    return addresses


def _refused(host: str, port: int, internal: str, what: str) -> SourceError:
    return SourceError(
        f"{host}:{port}",
        f"{what} {internal} when connecting, an internal address; refused. Only the hosts "
        "configured may be internal (or set KG_ALLOW_PRIVATE_HOSTS=true)",
    )


def _internal(text: str) -> str:
    """``text`` (an IP address) when it is not a public one, else ""."""
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    ):
        return str(address)
    return ""


def internal_address(host: str) -> str:
    """The private / loopback / link-local address ``host`` resolves to, or ""."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ""  # unresolvable: the request itself will fail and say so
    for info in infos:
        internal = _internal(str(info[4][0]))
        if internal:
            return internal
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
        with (
            ends_by(end),
            http.stream("GET", url, headers=headers or {}, timeout=timeout) as response,
        ):
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
