"""Outbound HTTP for alerts: a webhook POST with timeout and retries.

Lives beside the sources because this package is the one place that talks to the network.
Retries on 5xx, timeouts and connection errors (with backoff); a 4xx is the receiver
refusing the message, which a retry would not change. Each attempt ends within ``timeout``
seconds, however slowly the receiver answers (``kg.sources.http.ends_by``).
"""

from __future__ import annotations

import os
import time
from typing import Any

import httpx

from kg.errors import SourceError
from kg.sources.http import client, ends_by


def resolve_url(spec: str) -> str:
    """``env:NAME`` reads the URL from the environment (secrets stay out of files)."""
    if spec.startswith("env:"):
        name = spec[4:]
        value = os.environ.get(name, "")
        if not value:
            raise SourceError(spec, f"environment variable {name} is not set")
        spec = value
    if not spec.startswith(("http://", "https://")):
        raise SourceError("webhook", "only http:// and https:// webhook URLs are allowed")
    return spec


def post_json(
    url: str,
    payload: dict[str, Any],
    *,
    timeout: float = 10.0,
    retries: int = 3,
    backoff: float = 0.5,
    headers: dict[str, str] | None = None,
) -> None:
    """Deliver or raise ``SourceError``; the message names the URL's host, never its secret path."""
    host = httpx.URL(url).host
    last = ""
    for attempt in range(retries + 1):
        try:
            with client(timeout) as http, ends_by(time.monotonic() + timeout):
                response = http.post(url, json=payload, headers=headers, follow_redirects=False)
        except httpx.TimeoutException:
            last = "timed out"
        except httpx.HTTPError as exc:
            last = type(exc).__name__
        else:
            if response.status_code < 300:
                return
            if 400 <= response.status_code < 500:
                raise SourceError(
                    f"webhook {host}", f"refused with HTTP {response.status_code}; not retried"
                )
            last = f"HTTP {response.status_code}"
        if attempt < retries:
            time.sleep(backoff * (2**attempt))
    raise SourceError(f"webhook {host}", f"{last} after {retries + 1} attempts")
