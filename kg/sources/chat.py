"""OpenAI-compatible chat completions over HTTP: the LLM writer's only way to a model.

One POST to ``{base_url}/chat/completions`` per call, through the project's HTTP client
(``kg.sources.http.client``); no vendor SDK, because every server users run (Ollama,
vLLM, llama.cpp server, hosted APIs) speaks this one protocol. A timeout, HTTP 429 or a
5xx is retried with exponential backoff (``Retry-After`` honoured, within a cap); any other
failure, and the last retry's, is a ``SourceError`` naming the endpoint.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from kg.errors import SourceError
from kg.sources.http import client

_RETRIED = {408, 409, 429, 500, 502, 503, 504}
MAX_REPLY_BYTES = 2 * 1024 * 1024  # an item's answer is a few kB; more is not an answer
MAX_WAIT = 60.0  # the longest Retry-After obeyed, seconds


@dataclass(frozen=True)
class ChatReply:
    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0  # from the first attempt to the answer, retries included
    attempts: int = 1


class ChatClient:
    """``complete(messages)`` -> ``ChatReply``. Thread-safe: the writer calls it from a few
    threads at once (``concurrency``), sharing one connection pool."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str = "",
        timeout: float = 120.0,
        retries: int = 2,
        backoff: float = 2.0,
        temperature: float = 0.0,
        max_tokens: int = 1200,
        json_mode: bool = True,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.json_mode = json_mode
        self._sleep = sleep
        self._own = http is None
        self.http = http or client(httpx.Timeout(timeout, connect=min(10.0, timeout)))
        self._headers = {"Content-Type": "application/json"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"
        self.requests = 0  # sent, retries included

    @classmethod
    def from_settings(cls, llm) -> ChatClient:
        """From ``kg.config.LLMSettings`` (the key read now, ``env:VAR`` resolved)."""
        return cls(
            llm.base_url,
            llm.model,
            api_key=llm.key(),
            timeout=llm.timeout,
            retries=llm.retries,
            backoff=llm.backoff,
            temperature=llm.temperature,
            max_tokens=llm.max_tokens,
            json_mode=llm.json_mode,
        )

    def close(self) -> None:
        if self._own:
            self.http.close()

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def complete(self, messages: list[dict[str, str]]) -> ChatReply:
        payload: dict = {
            "model": self.model,
            "messages": messages,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "stream": False,
        }
        if self.json_mode:
            payload["response_format"] = {"type": "json_object"}
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        started = time.monotonic()
        wait = self.backoff
        for attempt in range(1, self.retries + 2):
            try:
                status, headers, raw = self._post(body)
            except _Retriable as exc:
                problem, retry_after = str(exc), None
            else:
                if status < 400:
                    return _reply(self.url, raw, time.monotonic() - started, attempt)
                problem = f"HTTP {status}{_detail(raw)}"
                if status not in _RETRIED:
                    raise SourceError(self.url, problem + _hint(status))
                retry_after = _seconds(headers.get("retry-after"))
            if attempt > self.retries:
                tries = f"{attempt} attempt{'s' if attempt > 1 else ''}"
                raise SourceError(self.url, f"{problem} (after {tries})")
            self._sleep(min(MAX_WAIT, retry_after if retry_after is not None else wait))
            wait *= 2
        raise AssertionError("unreachable")  # the loop returns or raises

    def _post(self, body: bytes) -> tuple[int, httpx.Headers, bytes]:
        self.requests += 1
        started = time.monotonic()
        try:
            with self.http.stream(
                "POST", self.url, content=body, headers=self._headers
            ) as response:
                raw = bytearray()
                for chunk in response.iter_bytes():
                    raw.extend(chunk)
                    if len(raw) > MAX_REPLY_BYTES:
                        raise SourceError(self.url, f"answer over {MAX_REPLY_BYTES:,} bytes")
                    # a server trickling bytes never trips the read timeout; this does
                    if time.monotonic() - started > self.timeout:
                        raise _Retriable(f"no complete answer after {self.timeout:g} s")
                return response.status_code, response.headers, bytes(raw)
        except httpx.TimeoutException:
            raise _Retriable(f"timed out after {self.timeout:g} s") from None
        except httpx.TransportError as exc:
            raise _Retriable(f"{type(exc).__name__}: {exc}") from None


class _Retriable(Exception):
    """A failure worth another attempt (timeout, connection refused or reset)."""


def _reply(url: str, raw: bytes, seconds: float, attempts: int) -> ChatReply:
    try:
        data = json.loads(raw)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise SourceError(
            url, "the answer is not a chat completion (no choices[0].message.content)"
        ) from None
    usage = data.get("usage") or {}
    return ChatReply(
        content=content if isinstance(content, str) else json.dumps(content),
        prompt_tokens=int(usage.get("prompt_tokens") or 0),
        completion_tokens=int(usage.get("completion_tokens") or 0),
        seconds=round(seconds, 3),
        attempts=attempts,
    )


def _detail(raw: bytes) -> str:
    """The server's own error message, short (never the request, which holds no secret
    anyway, but can be long)."""
    try:
        data = json.loads(raw)
        message = data.get("error", {}).get("message") if isinstance(data, dict) else None
    except ValueError:
        message = raw[:200].decode("utf-8", "replace").strip()
    return f": {' '.join(str(message).split())[:200]}" if message else ""


def _hint(status: int) -> str:
    if status in (401, 403):
        return "; check KG_LLM_API_KEY"
    if status == 404:
        return "; check KG_LLM_BASE_URL (it ends before /chat/completions, e.g. .../v1) and KG_LLM_MODEL"
    return ""


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: use the backoff instead
