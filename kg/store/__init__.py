"""Graph stores. ``open_store`` picks one from a location: a path is the embedded store."""

from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError
from kg.store.base import GraphStore, Stats, WriteCounts

_SERVER_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def is_server(location: str) -> bool:
    return location.startswith(_SERVER_SCHEMES)


def open_store(
    location: str | Path,
    *,
    read_only: bool = False,
    create: bool = True,
    buffer_pool_mb: int = 1024,
    checkpoint_mb: int = 32,
) -> GraphStore:
    """Open the store at ``location`` (a filesystem path, or a Neo4j URI)."""
    text = str(location)
    if is_server(text):
        from kg.config import load_settings
        from kg.store.neo4j import Neo4jStore

        settings = load_settings()
        return Neo4jStore(
            text,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database or None,
            read_only=read_only,
        )
    if "://" in text:
        raise ConfigError(
            f"--store {text}: unknown scheme; give a file path for the embedded store "
            "or neo4j:// / bolt:// for Neo4j"
        )
    from kg.store.ladybug import LadybugStore

    return LadybugStore(
        text,
        read_only=read_only,
        create=create,
        buffer_pool_mb=buffer_pool_mb,
        checkpoint_mb=checkpoint_mb,
    )


__all__ = ["GraphStore", "Stats", "WriteCounts", "open_store", "is_server"]
