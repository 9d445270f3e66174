"""A static site of the graph: each day's HTML report and one page per entity.

Pages link to each other by relative paths only and load nothing from the network, so the
folder works from ``file://``, under any static host and inside Hugo's ``static/``. The
reports are the report renderer's own HTML (``reports.write_report``); the only change made
to them is that each entity chip becomes a link to its entity page.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kg.errors import ReportError
from kg.export.read import GraphReader, Window, evidence_pairs
from kg.ontology import load_ontology
from kg.store.base import GraphStore
from queries import library_for
from reports.render import md_url

TEMPLATES = Path(__file__).parent / "templates"
TIMELINE_DAYS = 90
NEIGHBOUR_DAYS = 7
NEIGHBOURS = 15
_CHIP = re.compile(
    # The report's entity chips link to its own evidence index (href="#..."); the site
    # points them at the entity's page instead.
    r'<a class="chip" href="#[^"]*"(?P<attrs>[^>]*?)title="(?P<kind>[^"]*)"(?P<rest>[^>]*)>(?P<name>.*?)</a>'
)


@dataclass
class SiteResult:
    out: str
    reports: int = 0
    entities: int = 0
    chips_linked: int = 0
    chips_unlinked: int = 0

    def summary(self) -> str:
        return (
            f"site written to {self.out}: {self.reports} reports, {self.entities} entity pages, "
            f"{self.chips_linked} chips linked ({self.chips_unlinked} without a page)"
        )


def page_name(entity_id: str) -> str:
    """A file name that is safe on every file system and URL: ascii slug + short hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", entity_id.lower()).strip("-")[:60] or "entity"
    digest = hashlib.sha1(entity_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}.html"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url"] = md_url
    return env


def _iso(value: Any) -> str:
    return str(value.to_native() if hasattr(value, "to_native") else value)


def link_chips(report_html: str, pages: dict[tuple[str, str], str], by_name: dict[str, str]):
    """Turn the report's entity chips into links to entity pages; (html, linked, unlinked)."""
    counts = [0, 0]

    def replace(m: re.Match) -> str:
        kind, name = html.unescape(m["kind"]), html.unescape(m["name"])
        target = pages.get((kind, name)) or by_name.get(name.lower())
        if target is None:
            counts[1] += 1
            return m.group(0)
        counts[0] += 1
        return (
            f'<a class="chip" href="../entities/{target}"{m["attrs"]}title="{m["kind"]}"'
            f"{m['rest']}>{m['name']}</a>"
        )

    text = _CHIP.sub(replace, report_html)
    nav = '<nav class="site-nav"><a href="../index.html">&larr; index</a></nav>'
    text = text.replace("<body>", "<body>\n" + nav, 1)
    return text, counts[0], counts[1]


def build_site(
    store: GraphStore,
    out: Path,
    *,
    since: date | None = None,
    lang: str = "zh-TW",
    zone: str = "Asia/Taipei",
    on_progress: Callable[[int], None] = lambda n: None,
) -> SiteResult:
    from reports import write_report

    days = store.stats().days
    if not days:
        raise ReportError(f"the graph at {store.location} holds no articles; ingest some first")
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    start = since or max(first, last - timedelta(days=6))
    report_days = [d for d in days if date.fromisoformat(d) >= start]
    onto = load_ontology()
    colours = {k.name: k.colour for k in onto.kinds.values()}
    all_kinds = tuple(onto.kind_names)

    # Entities seen in the site's window, and every relation of the graph up to its end
    # that touches one of them; counterparts get pages too, so every link resolves. Only
    # the window's entities are read, so the cost follows the window, not the graph.
    window_reader = GraphReader(store, Window(start, last, all_kinds))
    entities = {e["id"]: e for page in window_reader.entity_pages() for e in page}
    history = GraphReader(store, Window(first, last, all_kinds))
    relations: dict[str, list[dict[str, Any]]] = {}
    ids = sorted(entities)
    seen: set[tuple[str, str, str]] = set()
    for i in range(0, len(ids), 1000):
        chunk = ids[i : i + 1000]
        for r in [*history.relations(chunk), *history.relations_to(chunk)]:
            key = (r["head"], r["type"], r["tail"])
            if key in seen:
                continue
            seen.add(key)
            relations.setdefault(r["head"], []).append({**r, "direction": "out"})
            relations.setdefault(r["tail"], []).append({**r, "direction": "in"})
    entities.update(history.entities([eid for eid in relations if eid not in entities]))
    pages = {eid: page_name(eid) for eid in entities}

    library = library_for(store)
    article_ids = sorted({a for rs in relations.values() for r in rs for a, _ in evidence_pairs(r)})
    articles = history.articles(article_ids)

    timeline_start = last - timedelta(days=TIMELINE_DAYS - 1)
    axis = [(timeline_start + timedelta(days=i)).isoformat() for i in range(TIMELINE_DAYS)]
    counts: dict[str, dict[str, int]] = {}
    entity_ids = sorted(entities)
    for i in range(0, len(entity_ids), 1000):
        rows = library.run(
            store,
            "entity_daily_window",
            {"ids": entity_ids[i : i + 1000], "since": timeline_start, "until": last},
        )
        for row in rows:
            counts.setdefault(row["entity"], {})[_iso(row["day"])] = int(row["articles"])

    neighbours: dict[str, list[dict[str, Any]]] = {}
    rows = library.run(
        store,
        "cooccurrence_window",
        {"since": last - timedelta(days=NEIGHBOUR_DAYS - 1), "until": last},
    )
    for row in rows:
        for me, other in ((row["a"], row["b"]), (row["b"], row["a"])):
            if me in entities:
                neighbours.setdefault(me, []).append(
                    {"id": other, "articles": row["articles"], "sources": row["sources"]}
                )

    env = _environment()
    out.mkdir(parents=True, exist_ok=True)
    (out / "entities").mkdir(exist_ok=True)
    (out / "reports").mkdir(exist_ok=True)
    result = SiteResult(str(out))
    entity_tpl = env.get_template("entity.html.j2")

    def ref(eid: str) -> dict[str, Any]:
        e = entities.get(eid) or {"name": eid, "kind": ""}
        return {"id": eid, "name": e["name"], "kind": e["kind"], "page": pages.get(eid)}

    for eid in entity_ids:
        e = entities[eid]
        series = [counts.get(eid, {}).get(d, 0) for d in axis]
        peak = max(series) or 1
        rels = []
        for r in sorted(
            relations.get(eid, []), key=lambda r: (r["type"], r["direction"], r["head"], r["tail"])
        ):
            other = r["tail"] if r["direction"] == "out" else r["head"]
            evidence = []
            for article_id, sentence in reversed(evidence_pairs(r)):
                meta = articles.get(article_id, {})
                evidence.append(
                    {
                        "sentence": sentence,
                        "title": meta.get("title") or article_id,
                        "url": meta.get("url") or "",
                        "day": _iso(meta.get("day", "")),
                        "source": meta.get("source") or "",
                    }
                )
            rels.append(
                {
                    "type": r["type"],
                    "label": onto.relations[r["type"]].label_en
                    if r["type"] in onto.relations
                    else r["type"],
                    "direction": r["direction"],
                    "other": ref(other),
                    "first_seen": _iso(r["first_seen"]),
                    "last_seen": _iso(r["last_seen"]),
                    "count": r["count"],
                    "evidence": evidence,
                }
            )
        near = sorted(
            neighbours.get(eid, []), key=lambda n: (-n["articles"], -n["sources"], n["id"])
        )
        html_text = entity_tpl.render(
            e={
                "id": eid,
                "name": e["name"],
                "kind": e["kind"],
                "aliases": sorted(set(e.get("aliases") or []) - {e["name"]}),
                "first_seen": _iso(e["first_seen"]),
                "last_seen": _iso(e["last_seen"]),
            },
            colours=colours,
            bars=[
                {"day": d, "n": n, "h": round(30 * n / peak, 1), "x": i * 4}
                for i, (d, n) in enumerate(zip(axis, series, strict=True))
            ],
            total=sum(series),
            axis=(axis[0], axis[-1]),
            relations=rels,
            neighbours=[{**ref(n["id"]), **n} for n in near[:NEIGHBOURS] if n["id"] in pages],
            neighbour_window=(
                (last - timedelta(days=NEIGHBOUR_DAYS - 1)).isoformat(),
                last.isoformat(),
            ),
        )
        (out / "entities" / pages[eid]).write_text(html_text, encoding="utf-8")
        result.entities += 1
        on_progress(1)

    by_kind_name = {(e["kind"], e["name"]): pages[eid] for eid, e in entities.items()}
    by_name: dict[str, str] = {}
    for eid, e in sorted(entities.items()):
        for name in [e["name"], *(e.get("aliases") or [])]:
            by_name.setdefault(name.lower(), pages[eid])
    for day in report_days:
        text = write_report(store, date.fromisoformat(day), lang=lang, fmt="html", zone=zone)
        text, linked, unlinked = link_chips(text, by_kind_name, by_name)
        (out / "reports" / f"{day}.html").write_text(text, encoding="utf-8")
        result.reports += 1
        result.chips_linked += linked
        result.chips_unlinked += unlinked
        on_progress(1)

    index = env.get_template("index.html.j2").render(
        days=list(reversed(report_days)),
        entities=[
            {
                **ref(eid),
                "aliases": sorted(
                    set(entities[eid].get("aliases") or []) - {entities[eid]["name"]}
                ),
                "last_seen": _iso(entities[eid]["last_seen"]),
            }
            for eid in sorted(entities, key=lambda x: (entities[x]["name"].lower(), x))
        ],
        colours=colours,
        lang=lang,
        span=(report_days[0], report_days[-1])
        if report_days
        else (start.isoformat(), last.isoformat()),
    )
    (out / "index.html").write_text(index, encoding="utf-8")
    return result
