"""LLM answers kept on disk beside the store, one JSON file per cache key.

A file holds the exchanges an item took (the first answer and, when that failed the
check, the retry's) with their token counts and seconds; a re-run replays them through
the same check and so prints the same report without a request. Failures to reach the
model are not kept: the next run asks again. Written whole or not at all (a temporary
file renamed), so two reports at once never leave half a file.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from kg.atomic_file import write_text_atomically
from kg.errors import ConfigError


def cache_dir_for(store_location: str, setting: str = "") -> Path:
    """``setting`` when given; beside an embedded store, ``<store>.llm-cache``; for a
    server (``bolt://``, ``neo4j://``) under the user's cache directory, one per server."""
    if setting:
        return Path(setting).expanduser()
    if "://" not in store_location:
        path = Path(store_location).expanduser()
        return path.with_name(path.name + ".llm-cache")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    safe = re.sub(r"[^A-Za-z0-9.-]+", "_", store_location.split("://", 1)[1].split("@")[-1])
    return Path(base) / "ai-intel-kg" / "llm-cache" / safe


class ResponseCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str) -> dict | None:
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None  # a damaged entry is asked again and rewritten
        return (
            entry if isinstance(entry, dict) and isinstance(entry.get("exchanges"), list) else None
        )

    def put(self, key: str, entry: dict) -> None:
        self._write(
            self._path(key), json.dumps(entry, ensure_ascii=False, indent=1, sort_keys=True)
        )

    def log_run(self, record: dict) -> None:
        """One line per report in ``runs.jsonl``: what the writer cost, kept."""
        self._mkdir()
        line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            with open(self.directory / "runs.jsonl", "a", encoding="utf-8") as stream:
                stream.write(line)
        except OSError as exc:
            raise ConfigError(
                f"cannot write the LLM cache at {self.directory}: {exc.strerror}"
            ) from None

    def _mkdir(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the LLM cache at {self.directory}: {exc.strerror} "
                "(set KG_LLM_CACHE to a writable directory)"
            ) from None

    def _write(self, path: Path, text: str) -> None:
        self._mkdir()
        try:
            write_text_atomically(path, text)
        except OSError as exc:
            raise ConfigError(
                f"cannot write the LLM cache at {self.directory}: {exc.strerror}"
            ) from None
