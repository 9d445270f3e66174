"""Settings: defaults, overridden by ``KG_*`` environment variables, then by CLI flags."""

from __future__ import annotations

import math
import os
from datetime import date
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from kg.errors import ConfigError


def default_store() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "ai-intel-kg" / "graph.lbdb")


def config_file() -> Path:
    """``KG_CONFIG``, else ``kg.toml`` in the working directory."""
    return Path(os.environ.get("KG_CONFIG") or "kg.toml")


class FeedConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str
    name: str = ""
    language: str = ""
    kind: Literal["news", "threat", "research"] = "news"

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"feed url must be http(s): {value!r}")
        return value


class ArxivQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    categories: list[str] = []
    query: str = ""
    max: int = 100


class LLMSettings(BaseModel):
    """The optional LLM writer (``kg report --writer llm``): any OpenAI-compatible chat
    completions endpoint (Ollama, vLLM, llama.cpp server, a hosted API)."""

    model_config = ConfigDict(extra="forbid")

    base_url: str = ""  # up to and including /v1, e.g. http://localhost:11434/v1
    model: str = ""
    # the key itself, or env:VAR to read it from the environment variable VAR when used
    api_key: SecretStr = SecretStr("")
    timeout: float = Field(default=120.0, gt=0)  # seconds per request
    retries: int = Field(default=2, ge=0)  # more attempts after a timeout, 429 or 5xx
    backoff: float = Field(default=2.0, ge=0)  # seconds before the first retry, doubled after
    concurrency: int = Field(default=2, ge=1)  # requests in flight at once
    temperature: float = 0.0
    max_tokens: int = Field(default=1200, ge=64)
    # ask for response_format json_object; turn off for a server that rejects the field
    json_mode: bool = True
    cache: str = ""  # directory of cached answers (default: beside the store)

    @field_validator("base_url")
    @classmethod
    def _http(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(f"llm base_url must be http(s): {value!r}")
        return value.rstrip("/")

    def key(self) -> str:
        """The API key, with ``env:VAR`` read from the environment now (never at import)."""
        raw = self.api_key.get_secret_value()
        if not raw.startswith("env:"):
            return raw
        var = raw[4:]
        value = os.environ.get(var)
        if not value:
            raise ConfigError(
                f"llm api_key is env:{var}, but the environment variable {var} is not set"
            )
        return value

    def require(self) -> LLMSettings:
        """Itself, when it names an endpoint and a model; else a ConfigError saying how."""
        missing = [k for k in ("base_url", "model") if not getattr(self, k)]
        if missing:
            names = " and ".join(f"KG_LLM_{k.upper()}" for k in missing)
            raise ConfigError(
                f"--writer llm needs {names} (or {', '.join(missing)} under [llm] in "
                f"{config_file()}), e.g. KG_LLM_BASE_URL=http://localhost:11434/v1 "
                "KG_LLM_MODEL=qwen2.5:7b-instruct for Ollama"
            )
        return self


class _LLMEnvironment(PydanticBaseSettingsSource):
    """``KG_LLM_BASE_URL`` and friends as the ``[llm]`` table. pydantic-settings nests only
    with a delimiter, and ``_`` would also split ``KG_ARXIV_API_URL`` into the arxiv list."""

    _PREFIX = "KG_LLM_"

    def get_field_value(self, field, field_name):  # the whole table is built in __call__
        return None, field_name, False

    def __call__(self) -> dict:
        fields = LLMSettings.model_fields
        values = {
            key[len(self._PREFIX) :].lower(): value
            for key, value in os.environ.items()
            if key.upper().startswith(self._PREFIX) and key[len(self._PREFIX) :].lower() in fields
        }
        return {"llm": values} if values else {}


# Bounds of the numeric settings (inclusive): a typo such as 1e400, nan, -1 or 10**30 MB
# otherwise ended in a traceback from int() or from the store's C++ binding, or in a
# negative size limit that quarantined everything.
NUMBER_LIMITS: dict[str, tuple[float, float]] = {
    "buffer_pool_mb": (16, 1 << 20),
    "checkpoint_mb": (1, 1 << 20),
    "batch_size": (1, 1_000_000),
    "workers": (1, 1024),
    "parallel_from": (1, 10**9),
    "http_timeout": (0.1, 86_400),
    "max_fetch_mb": (0.001, 100_000),
    "http_deadline": (0.1, 86_400),
    "source_deadline": (0.1, 10 * 86_400),
    "max_article_mb": (0.001, 100_000),
    "future_days": (0, 3660),
    "arxiv_delay": (0, 3600),
}


class Settings(BaseSettings):
    """Defaults < kg.toml < KG_* environment variables < command-line flags."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            _LLMEnvironment(settings_cls),
            TomlConfigSettingsSource(settings_cls, toml_file=config_file()),
        )

    feeds: list[FeedConfig] = []
    arxiv: list[ArxivQuery] = []

    store: str = ""
    # The report day of an article is its publication date in this zone: the brief is
    # written for readers in Taipei, as the seeds are.
    timezone: str = "Asia/Taipei"
    buffer_pool_mb: int = 1024
    # Write-ahead log size that triggers a checkpoint of the embedded store. Until the
    # checkpoint, changed data is held in the buffer pool: at 256 MB a year-long ingest
    # filled a 1 GB pool; at 32 MB (a checkpoint every batch or two, about a second each
    # on a year-long graph) a year fits in 1 GB.
    checkpoint_mb: int = 32
    # Articles per write transaction. A popular relation's supporting-article list is
    # rewritten once per batch that mentions it, so fewer, larger batches write less.
    batch_size: int = 2000
    # extraction processes for large ingests (>= parallel_from articles); 1 turns it off
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)
    parallel_from: int = 2000
    # which extractor turns text into entities and relations (kg/extractor.py's registry)
    extractor: str = "rules"
    http_timeout: float = 20.0  # seconds per request
    max_fetch_mb: float = 10.0  # larger feeds / pages are refused and quarantined
    # Bounds on input (issue 20): a whole request, and a whole source, end by these deadlines
    # whatever the server does; a longer article is quarantined; a record dated outside
    # earliest_date .. today + future_days is quarantined, never the latest report day.
    http_deadline: float = 60.0  # seconds for one request, headers and body
    source_deadline: float = 600.0  # seconds for one source (a feed and its --full-text pages)
    max_article_mb: float = 2.0
    earliest_date: date = date(1990, 1, 1)
    future_days: int = 1
    # --full-text and redirects never reach private, loopback or link-local addresses
    # except the hosts configured; true allows them all (tests, intranets).
    allow_private_hosts: bool = False
    arxiv_api_url: str = "https://export.arxiv.org/api/query"
    arxiv_delay: float = 3.0  # seconds between API requests, as arXiv asks
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = ""
    # who writes the report's items: the deterministic templates, or a language model
    # whose output is checked against the graph (the [llm] table below)
    report_writer: Literal["template", "llm"] = "template"
    llm: LLMSettings = LLMSettings()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (use an IANA name such as Asia/Taipei)"
            ) from None
        return value

    @field_validator(*NUMBER_LIMITS, mode="after")
    @classmethod
    def _in_range(cls, value: float, info) -> float:
        low, high = NUMBER_LIMITS[info.field_name]
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(f"{value!r} is outside {low!r} .. {high!r}")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def date_window(self):
        from kg.sources.records import DateWindow

        return DateWindow(self.earliest_date, self.future_days)

    def store_location(self, override: str | None = None) -> str:
        return override or self.store or default_store()


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(
            f"invalid settings (KG_* variables or {config_file()}): {problems}"
        ) from None
    except ValueError as exc:  # a kg.toml that is not TOML
        raise ConfigError(f"{config_file()}: {exc}") from None
