"""Plain data: what sources produce, what extractors return, what the store holds.

Extracted values (``ExtractedEntity``, ``ExtractedRelation``, ``ExtractedConcept``,
``Extraction``) are what an extractor saw in one text, before the pipeline resolves them
into stored values (``Entity``, ``Mention``, ``Relation``) with ids and provenance.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kg.normalize import entity_id

SourceKind = Literal["news", "threat", "research", "report", "file"]
Origin = Literal["extracted", "annotation"]


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n\n{text}".encode()).hexdigest()[:32]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Annotation(_Model):
    """A trusted entity given with an article (a curated list, a report's 關鍵實體)."""

    name: str = Field(min_length=1)
    kind: str | None = None  # None: a name without a kind (a report's 關鍵實體); resolved on ingest


class Article(_Model):
    id: str = Field(min_length=1)
    url: str
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    source_kind: SourceKind = "news"
    published: datetime
    day: date
    lang: str = Field(min_length=2)
    text: str = Field(min_length=1)
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # further source URLs beyond ``url`` (a report item's 來源)
    annotations: tuple[Annotation, ...] = ()
    content_hash: str = ""

    @field_validator("published")
    @classmethod
    def _tz_aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("published must carry a timezone")
        return value

    def model_post_init(self, _context: object) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.title, self.text))


class ExtractedEntity(_Model):
    name: str
    kind: str
    surfaces: tuple[str, ...]
    count: int = 1
    evidence: str = ""
    discovered: bool = False  # found by a pattern rule, not the gazetteer


# The kind a concept is stored as (``kg:Concept`` in ontology.ttl): a node beside the named
# entities that articles mention, which no relation reaches and no entity list counts.
CONCEPT = "Concept"


class ExtractedConcept(_Model):
    """A generic concept a text discusses ("Large Language Model", RL, 具身智能): a topic,
    not a name. Kept apart from the entities, so nothing that counts, lists or relates
    named entities sees it; topics and trends still follow it."""

    name: str
    surfaces: tuple[str, ...]
    count: int = 1
    evidence: str = ""


Qualifier = str | float


class ExtractedRelation(_Model):
    head: str
    head_kind: str
    type: str
    tail: str
    tail_kind: str
    evidence: str
    # What the sentence says about the fact: amount, currency, round, valuation, role
    # (lead / participant), score, metric, split, benchmark, date. Keys are declared per
    # relation type in ontology.ttl.
    qualifiers: dict[str, Qualifier] = Field(default_factory=dict)
    # The reference phrase an end was resolved through ("the group", "该公司"); empty when
    # both ends are named in the sentence. A reader judges such facts as inferred.
    via: str = ""


class Extraction(_Model):
    article_id: str
    entities: tuple[ExtractedEntity, ...] = ()  # named entities only
    relations: tuple[ExtractedRelation, ...] = ()  # between named entities only
    concepts: tuple[ExtractedConcept, ...] = ()
    extractor: str = ""


class Entity(_Model):
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()

    @classmethod
    def of(cls, name: str, kind: str, aliases: tuple[str, ...] = ()) -> Entity:
        return cls(id=entity_id(kind, name), name=name, kind=kind, aliases=aliases)


class Mention(_Model):
    article_id: str
    entity_id: str
    count: int = 1
    evidence: str = ""
    origin: Origin = "extracted"
    extractor: str = ""


class Relation(_Model):
    head_id: str
    type: str
    tail_id: str
    article_id: str
    day: date
    evidence: str = ""
    extractor: str = ""
    qualifiers: dict[str, Qualifier] = Field(default_factory=dict)
    via: str = ""


class QuarantineItem(_Model):
    """A record that could not be ingested, kept verbatim so nothing is lost."""

    id: str
    source: str  # where it came from: file:line, URL
    reason: str
    raw: str
    at: datetime


class IngestBatch(_Model):
    """Everything one write transaction stores for a group of articles."""

    articles: tuple[Article, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
