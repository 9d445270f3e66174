"""A URL fit to print as a link in Markdown or HTML, or nothing.

Feed and page URLs are attacker-controlled: a newline or a ``)`` injects Markdown (an image
from another host), ``javascript:`` and ``file://`` links run or read locally. Only http(s)
survives; the host is checked and IDNA-encoded, user info dropped, and every character
that Markdown or HTML could read as syntax is percent-encoded.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$")
# Characters left as they are: RFC 3986 unreserved and sub-delims that are inert in Markdown
# and in a quoted HTML attribute (no ( ) [ ] < > " ' ` \ or space).
_PATH_SAFE = "/:@!$&*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"


def safe_link(value: object) -> str:
    """The normalised, percent-encoded http(s) URL, or "" when it is not one."""
    text = _CONTROL.sub("", str(value or ""))
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        host = parts.hostname or ""
        port = parts.port
    except ValueError:  # a malformed port or bracketed host
        return ""
    if scheme not in {"http", "https"} or not host:
        return ""
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return ""
    if not _HOST.match(host if ":" not in host else f"[{host}]"):
        return ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")

    def encode(part: str, safe: str) -> str:
        return quote(_BARE_PERCENT.sub("%25", part), safe=safe)

    return urlunsplit(
        (
            scheme,
            netloc,
            encode(parts.path, _PATH_SAFE) or "/",
            encode(parts.query, _QUERY_SAFE),
            encode(parts.fragment, _QUERY_SAFE),
        )
    )
