"""STIX 2.1 bundle of the threat side of the graph, built with ``stix2``.

Kinds map to STIX types: ThreatActor -> intrusion-set, Malware -> malware, Vulnerability ->
vulnerability (a CVE name becomes a ``cve`` external id), Organization / Person -> identity,
a Product or Model that a threat uses -> tool, one that is only targeted -> software (a
cyber-observable), a Method a threat uses -> attack-pattern. Relations whose head is a
threat (USES, TARGETS, EXPLOITS, ATTRIBUTED_TO, DEVELOPED_BY) become relationship objects
with ``start_time`` / ``stop_time`` from first / last seen and the evidence articles as
external references.

Ids are UUIDv5 of our entity ids under one project namespace (software ids are the STIX
deterministic SCO ids), and timestamps come from the data, not the clock: exporting the same
graph twice gives the same bytes, and a later export carries the same ids with a later
``modified``, so a STIX consumer updates its objects instead of duplicating them.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import stix2

from kg.export.read import GraphReader, Window, evidence_pairs
from kg.store.base import GraphStore, Row

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ai-intel-kg.example/stix")
THREATS = {"ThreatActor", "Malware", "Vulnerability"}
THREAT_RELATIONS = {"USES", "TARGETS", "EXPLOITS", "ATTRIBUTED_TO", "DEVELOPED_BY"}
_CVE = re.compile(r"^CVE-\d{4}-\d{4,}$", re.IGNORECASE)
EVIDENCE_REFS = 20  # external references per relationship (the store keeps the newest 20)


def stix_id(stix_type: str, entity_id: str) -> str:
    return f"{stix_type}--{uuid.uuid5(NAMESPACE, entity_id)}"


def _start(day: Any) -> str:
    return f"{_day(day).isoformat()}T00:00:00Z"


def _end(day: Any) -> str:
    return f"{_day(day).isoformat()}T23:59:59Z"


def _day(value: Any) -> date:
    if hasattr(value, "to_native"):  # neo4j.time.Date
        value = value.to_native()
    return value if isinstance(value, date) else date.fromisoformat(str(value))


PRODUCER = stix2.Identity(
    id=stix_id("identity", "producer:ai-intel-kg"),
    name="AI Intel KG",
    identity_class="system",
    created="2026-01-01T00:00:00Z",
    modified="2026-01-01T00:00:00Z",
)


def stix_type_for(entity: Row, used: set[str], threat_linked: set[str]) -> str | None:
    """The STIX type an entity is exported as, or None when it is not on the threat side."""
    kind = entity["kind"]
    if kind == "ThreatActor":
        return "intrusion-set"
    if kind == "Malware":
        return "malware"
    if kind == "Vulnerability":
        return "vulnerability"
    if entity["id"] not in threat_linked:
        return None
    if kind in {"Organization", "Person"}:
        return "identity"
    if kind in {"Product", "Model"}:
        return "tool" if entity["id"] in used else "software"
    if kind == "Method":
        return "attack-pattern"
    return None


def entity_object(entity: Row, stix_type: str):
    common = {
        "created": _start(entity["first_seen"]),
        "modified": _end(entity["last_seen"]),
        "created_by_ref": PRODUCER.id,
        "name": entity["name"],
        "external_references": [{"source_name": "ai-intel-kg", "external_id": entity["id"]}],
    }
    aliases = sorted(set(entity.get("aliases") or []) - {entity["name"]})
    seen = {"first_seen": _start(entity["first_seen"]), "last_seen": _end(entity["last_seen"])}
    ident = stix_id(stix_type, entity["id"])
    if stix_type == "intrusion-set":
        return stix2.IntrusionSet(id=ident, aliases=aliases or None, **seen, **common)
    if stix_type == "malware":
        return stix2.Malware(id=ident, is_family=True, aliases=aliases or None, **seen, **common)
    if stix_type == "vulnerability":
        if _CVE.match(entity["name"]):
            common["external_references"] = [
                {"source_name": "cve", "external_id": entity["name"].upper()},
                *common["external_references"],
            ]
        return stix2.Vulnerability(id=ident, **common)
    if stix_type == "identity":
        kind = "individual" if entity["kind"] == "Person" else "organization"
        return stix2.Identity(id=ident, identity_class=kind, **common)
    if stix_type == "tool":
        return stix2.Tool(id=ident, aliases=aliases or None, **common)
    if stix_type == "attack-pattern":
        return stix2.AttackPattern(id=ident, aliases=aliases or None, **common)
    if stix_type == "software":
        # A cyber-observable: its id is STIX's own UUIDv5 of the name, no timestamps.
        return stix2.Software(name=entity["name"])
    raise ValueError(stix_type)


def relationship_type(rel_type: str, head_stix: str) -> str:
    if rel_type == "DEVELOPED_BY":
        return "authored-by"
    if rel_type == "EXPLOITS":
        # STIX: malware exploits a vulnerability; an intrusion set targets one.
        return "exploits" if head_stix == "malware" else "targets"
    return rel_type.lower().replace("_", "-")


def relationship_object(rel: Row, source_ref: str, target_ref: str, head_stix: str, articles):
    pairs = evidence_pairs(rel)[-EVIDENCE_REFS:]
    refs = []
    for article_id, sentence in reversed(pairs):
        meta = articles.get(article_id, {})
        ref = {"source_name": meta.get("source") or "article", "external_id": article_id}
        if meta.get("url"):
            ref["url"] = meta["url"]
        if sentence or meta.get("title"):
            ref["description"] = sentence or meta["title"]
        refs.append(ref)
    first, last = _day(rel["first_seen"]), _day(rel["last_seen"])
    return stix2.Relationship(
        id=stix_id("relationship", f"{rel['head']}|{rel['type']}|{rel['tail']}"),
        relationship_type=relationship_type(rel["type"], head_stix),
        source_ref=source_ref,
        target_ref=target_ref,
        created=_start(first),
        modified=_end(last),
        # stop_time must be later than start_time: the end of the last day seen.
        start_time=_start(first),
        stop_time=f"{(last + timedelta(days=1)).isoformat()}T00:00:00Z",
        description=f"{rel['type']} ({rel['count']} articles): {pairs[-1][1]}"
        if pairs
        else rel["type"],
        created_by_ref=PRODUCER.id,
        external_references=refs or None,
    )


def _canonical(obj) -> str:
    return json.dumps(json.loads(obj.serialize()), ensure_ascii=False, sort_keys=True)


def write_stix(
    store: GraphStore,
    out: Path,
    window: Window,
    on_progress: Callable[[int], None] = lambda n: None,
):
    from kg.export import ExportResult, size_of

    reader = GraphReader(store, window)
    # Pass 1: threat entities and the relations they head; which others they reach.
    entities: dict[str, Row] = {}
    threat_rels: list[Row] = []
    for page in reader.entity_pages():
        for e in page:
            entities[e["id"]] = e
        heads = [e["id"] for e in page if e["kind"] in THREATS]
        threat_rels += [r for r in reader.relations(heads) if r["type"] in THREAT_RELATIONS]
        on_progress(len(page))
    threat_linked = {r["tail"] for r in threat_rels}
    used = {r["tail"] for r in threat_rels if r["type"] == "USES"}
    types = {
        eid: t
        for eid, e in entities.items()
        if (t := stix_type_for(e, used, threat_linked)) is not None
    }
    result = ExportResult("stix", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    bundle_id = (
        f"bundle--{uuid.uuid5(NAMESPACE, f'{window.since}|{window.until}|{sorted(window.kinds)}')}"
    )
    refs: dict[str, str] = {}
    with out.open("w", encoding="utf-8") as handle:
        handle.write(f'{{"type": "bundle", "id": "{bundle_id}", "objects": [\n')
        handle.write(_canonical(PRODUCER))
        result.objects += 1
        for eid in sorted(types):
            obj = entity_object(entities[eid], types[eid])
            refs[eid] = obj.id
            handle.write(",\n" + _canonical(obj))
            result.objects += 1
            result.entities += 1
        articles = reader.articles([a for r in threat_rels for a in r.get("articles") or []])
        for rel in threat_rels:
            if rel["head"] not in refs or rel["tail"] not in refs:
                continue
            obj = relationship_object(
                rel, refs[rel["head"]], refs[rel["tail"]], types[rel["head"]], articles
            )
            handle.write(",\n" + _canonical(obj))
            result.objects += 1
            result.relations += 1
        handle.write("\n]}\n")
    result.articles = len(articles)
    result.bytes = size_of(out)
    return result
