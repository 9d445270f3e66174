"""The commented ``kg.toml`` that ``kg init --config`` writes: every setting at its default
(commented out, from ``Settings`` itself, so it cannot fall behind), then the sources of
``kg.toml.example``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kg.config import LLMSettings, Settings, default_store
from kg.errors import ConfigError

HINTS = {
    "store": "graph location: a path (embedded LadybugDB) or bolt:// / neo4j:// URI",
    "timezone": "report days are publication dates in this zone",
    "buffer_pool_mb": "embedded store memory, taken as needed",
    "checkpoint_mb": "write-ahead log size that triggers a checkpoint (raise with the pool)",
    "batch_size": "articles per write transaction",
    "workers": "extraction processes for large ingests (default: all cores)",
    "parallel_from": "ingests of at least this many articles use the workers",
    "http_timeout": "seconds per HTTP request",
    "max_fetch_mb": "larger feeds / pages are refused and quarantined",
    "arxiv_api_url": "arXiv API endpoint",
    "arxiv_delay": "seconds between arXiv API requests, as arXiv asks",
    "neo4j_user": "Neo4j user (the password only from KG_NEO4J_PASSWORD, never this file)",
    "neo4j_database": "Neo4j database name (empty: the server default)",
    "report_writer": "template, or llm (the [llm] table below; kg report --writer)",
}
LLM_HINTS = {
    "base_url": "OpenAI-compatible endpoint up to /v1, e.g. http://localhost:11434/v1 (Ollama)",
    "model": "the model name the server knows",
    "api_key": "the key, or env:VAR to read it from that variable when used",
    "cache": "answers kept here (default: <store>.llm-cache beside the store)",
}
SKIP = {"feeds", "arxiv", "neo4j_password", "llm"}


def example_path() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "kg.toml.example", here.parent / "kg.toml.example"):
        if candidate.is_file():
            return candidate
    raise ConfigError(f"kg.toml.example not found next to {here}; reinstall the package")


def _sources() -> str:
    """The [[arxiv]] / [[feeds]] part of the example (its header is replaced by ours)."""
    lines = example_path().read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("# ---")), len(lines))
    return "\n".join(lines[start:]) + "\n"


def starter_config() -> str:
    out = [
        "# AI Intel KG configuration, written by `kg init --config`.",
        "# Precedence: command-line flags > KG_* environment variables > this file > defaults.",
        "# Every setting below is at its default; uncomment a line to change it. The same",
        "# names work as environment variables: store -> KG_STORE, timezone -> KG_TIMEZONE.",
        "",
    ]
    for name, field in Settings.model_fields.items():
        if name in SKIP:
            continue
        default = field.get_default(call_default_factory=True)
        if name == "store":
            default = default_store()
        hint = HINTS.get(name, "")
        out.append(f"# {name} = {_toml(default)}" + (f"    # {hint}" if hint else ""))
    out += ["", "# [llm]    # the optional LLM writer: kg report --writer llm (KG_LLM_* also)"]
    for name, field in LLMSettings.model_fields.items():
        default = field.get_default(call_default_factory=True)
        if name == "api_key":
            default = "env:OPENAI_API_KEY"
        hint = LLM_HINTS.get(name, "")
        out.append(f"# {name} = {_toml(default)}" + (f"    # {hint}" if hint else ""))
    out += ["", "# Sources read by a plain `kg ingest`. Remove what you do not want.", ""]
    return "\n".join(out) + "\n" + _sources()


def _toml(value: object) -> str:
    # TOML writes a date bare (1990-01-01); strings, numbers and lists read as in JSON.
    if isinstance(value, date):
        return value.isoformat()
    return json.dumps(value)


def write_starter_config(path: Path, *, force: bool = False) -> Path:
    if path.exists() and not force:
        raise ConfigError(f"{path} exists; keep it, or pass --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(starter_config(), encoding="utf-8")
    return path
