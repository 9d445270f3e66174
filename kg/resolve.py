"""From what extractors saw to what the graph stores: ids, mentions, relations.

Pure: articles and their extractions in, an ``IngestBatch`` out. Names are resolved to
one canonical spelling through ``lookup`` (the gazetteer), so ``輝達`` in one article and
``Nvidia`` in another land on the same ``Organization:nvidia`` node. Concepts become nodes
of the ``Concept`` kind, mentioned but related to nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.models import CONCEPT, Article, Entity, Extraction, IngestBatch, Mention, Relation
from kg.normalize import display_name, entity_id

Lookup = Callable[[str], "tuple[str, str] | None"]
GuessKind = Callable[[str], str]


def resolve_batch(
    pairs: Iterable[tuple[Article, Extraction]], lookup: Lookup, guess_kind: GuessKind | None = None
) -> IngestBatch:
    entities: dict[str, Entity] = {}
    aliases: dict[str, set[str]] = {}
    mentions: list[Mention] = []
    relations: list[Relation] = []
    articles: list[Article] = []

    def entity(name: str, kind: str, surfaces: Iterable[str] = ()) -> str:
        eid = entity_id(kind, name)
        if eid not in entities:
            entities[eid] = Entity(id=eid, name=display_name(name), kind=kind)
        aliases.setdefault(eid, set()).update(s for s in surfaces if s != entities[eid].name)
        return eid

    for article, extraction in pairs:
        articles.append(article)
        seen: set[str] = set()
        for found in extraction.entities:
            eid = entity(found.name, found.kind, found.surfaces)
            seen.add(eid)
            mentions.append(
                Mention(
                    article_id=article.id,
                    entity_id=eid,
                    count=found.count,
                    evidence=found.evidence,
                    origin="extracted",
                    extractor=extraction.extractor,
                )
            )
        for concept in extraction.concepts:
            # a topic the article discusses: a node of its own kind, never a named entity
            eid = entity(concept.name, CONCEPT, concept.surfaces)
            mentions.append(
                Mention(
                    article_id=article.id,
                    entity_id=eid,
                    count=concept.count,
                    evidence=concept.evidence,
                    origin="extracted",
                    extractor=extraction.extractor,
                )
            )
        for note in article.annotations:
            known = lookup(note.name)
            if note.kind is None:
                # A name without a kind: the gazetteer's, else the shape of the name says.
                name, kind = (
                    known if known else (note.name, (guess_kind or _default_kind)(note.name))
                )
            elif known and (known[1] == note.kind or (known[1], note.kind) == (CONCEPT, "Method")):
                # (a concept given as a Method, as older guidelines named them, is a concept)
                name, kind = known
            else:
                name, kind = note.name, note.kind
            eid = entity(name, kind, (display_name(note.name),))
            mentions.append(
                Mention(
                    article_id=article.id,
                    entity_id=eid,
                    count=1,
                    evidence="",
                    origin="annotation",
                    extractor="annotation",
                )
            )
        for rel in extraction.relations:
            relations.append(
                Relation(
                    head_id=entity(rel.head, rel.head_kind),
                    type=rel.type,
                    tail_id=entity(rel.tail, rel.tail_kind),
                    article_id=article.id,
                    day=article.day,
                    evidence=rel.evidence,
                    extractor=extraction.extractor,
                    qualifiers=dict(rel.qualifiers),
                    via=rel.via,
                )
            )
    return IngestBatch(
        articles=tuple(articles),
        entities=tuple(
            e.model_copy(update={"aliases": tuple(sorted(aliases.get(e.id, ())))})
            for e in entities.values()
        ),
        mentions=tuple(mentions),
        relations=tuple(relations),
    )


def _default_kind(_name: str) -> str:
    return "Method"
