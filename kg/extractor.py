"""The extractor seam: what the pipeline needs of an extractor, and which one to use.

The pipeline, its worker processes and ``kg reextract`` see only :class:`Extractor`. An
extractor is chosen by the ``extractor`` setting (``KG_EXTRACTOR``), a key of
:data:`EXTRACTORS` or a ``module:function`` of your own; a statistical or LLM extractor is
one new module whose factory returns an object with these three members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from kg.errors import ConfigError

if TYPE_CHECKING:
    from kg.models import Extraction
    from kg.resolve import GuessKind, Lookup


@runtime_checkable
class Extractor(Protocol):
    """Text in, one :class:`kg.models.Extraction` out: a pure function of its text."""

    # written into every Extraction, so a stored fact says what produced it
    name: str
    # raised whenever the extractor's output changes, so a re-extraction is due
    version: str

    def extract(
        self, text: str, *, title: str = "", article_id: str = "", lang: str = ""
    ) -> Extraction: ...


@dataclass(frozen=True)
class ExtractorSpec:
    """How to build the same extractor in another process: picklable, unlike the extractor."""

    key: str
    options: dict[str, str] = field(default_factory=dict)


# key -> "module:factory"; the factory takes keyword options (strings) and returns an Extractor
EXTRACTORS: dict[str, str] = {
    "rules": "extractors.extractor:build_rule_extractor",
}
DEFAULT = "rules"


def build(key: str = DEFAULT, **options: str) -> Extractor:
    """The extractor registered under ``key`` (or named ``module:function``)."""
    target = EXTRACTORS.get(key, key)
    module_name, _, attr = target.partition(":")
    if not attr:
        raise ConfigError(
            f"unknown extractor {key!r}: use one of {', '.join(sorted(EXTRACTORS))} "
            "or module:function (setting 'extractor', KG_EXTRACTOR)"
        )
    try:
        factory = getattr(import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"extractor {key!r} cannot be loaded from {target}: {exc} "
            "(setting 'extractor', KG_EXTRACTOR)"
        ) from None
    extractor = factory(**options)
    if not isinstance(extractor, Extractor):
        raise ConfigError(f"extractor {key!r} ({target}) gives no name, version and extract()")
    return extractor


def spec_of(extractor: Extractor) -> ExtractorSpec | None:
    """The recipe for ``extractor`` in a worker process, or None if it has none (then
    extraction stays in this process)."""
    spec = getattr(extractor, "spec", None)
    return spec() if callable(spec) else None


def naming(extractor: Extractor) -> tuple[Lookup, GuessKind | None]:
    """How a hand-written annotation's name is resolved: the extractor's own ``lookup``
    (canonical name and kind of a known name) and ``guess_kind`` if it has them."""
    lookup = getattr(extractor, "lookup", None)
    return (lookup if callable(lookup) else _unknown), getattr(extractor, "guess_kind", None)


def _unknown(name: str) -> None:
    return None


def configured_extractor() -> Extractor:
    """The extractor the settings name (default: the rules extractor)."""
    from kg.config import load_settings

    key = load_settings().extractor
    if key == DEFAULT:
        from extractors import default_extractor

        return default_extractor()  # built once per process
    return build(key)
