"""Settings: defaults, overridden by ``KG_*`` environment variables, then by CLI flags."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kg.errors import ConfigError


def default_store() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "ai-intel-kg" / "graph.lbdb")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    store: str = ""
    # The report day of an article is its publication date in this zone: the brief is
    # written for readers in Taipei, as the seeds are.
    timezone: str = "Asia/Taipei"
    buffer_pool_mb: int = 512
    batch_size: int = 500
    http_timeout: float = 20.0  # seconds per request
    max_fetch_mb: float = 10.0  # larger feeds / pages are refused and quarantined
    arxiv_api_url: str = "https://export.arxiv.org/api/query"
    arxiv_delay: float = 3.0  # seconds between API requests, as arXiv asks
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = ""

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

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def store_location(self, override: str | None = None) -> str:
        return override or self.store or default_store()


def load_settings() -> Settings:
    try:
        return Settings()
    except ValueError as exc:
        raise ConfigError(f"invalid KG_* setting: {exc}") from None
