"""kg export: each format read back with its own library and compared with the store."""

from __future__ import annotations

import csv
import json
import uuid
from datetime import date
from pathlib import Path

import pytest

from kg.store import open_store

THREAT_TYPES = {"USES", "TARGETS", "EXPLOITS", "ATTRIBUTED_TO", "DEVELOPED_BY"}


def _rows(store_path: Path, cypher: str) -> list[dict]:
    with open_store(store_path, read_only=True) as store:
        return store.run(cypher)


@pytest.fixture(scope="module")
def truth(sample_store):
    entities = {
        r["id"]: r
        for r in _rows(
            sample_store,
            "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.kind AS kind, "
            "e.aliases AS aliases, e.first_seen AS first_seen, e.last_seen AS last_seen",
        )
    }
    relations = {
        (r["head"], r["type"], r["tail"]): r
        for r in _rows(
            sample_store,
            "MATCH (h:Entity)-[r]->(t:Entity) RETURN h.id AS head, r.rel_type AS type, "
            "t.id AS tail, r.first_seen AS first_seen, r.last_seen AS last_seen, "
            "r.count AS count, r.articles AS articles",
        )
    }
    return entities, relations


def _export(kg, store, fmt, out, *extra):
    result = kg("export", fmt, "--out", out, "--store", store, "--json", *extra)
    assert result.code == 0, result.err
    return result.json()


# -- STIX -----------------------------------------------------------------------------


def test_stix_bundle_parses_back_with_every_threat_entity_and_relation(
    kg, sample_store, tmp_path, truth
):
    import stix2

    from kg.export.stix import NAMESPACE

    entities, relations = truth
    out = tmp_path / "bundle.json"
    summary = _export(kg, sample_store, "stix", out)
    bundle = stix2.parse(out.read_text(encoding="utf-8"), allow_custom=False)
    objects = {o.id: o for o in bundle.objects}
    assert summary["objects"] == len(bundle.objects)

    by_type = {}
    for o in bundle.objects:
        by_type.setdefault(o.type, []).append(o)
    actors = {e["name"]: e for e in entities.values() if e["kind"] == "ThreatActor"}
    assert actors and {o.name for o in by_type["intrusion-set"]} == set(actors)
    for o in by_type["intrusion-set"]:
        e = actors[o.name]
        assert o.id == f"intrusion-set--{uuid.uuid5(NAMESPACE, e['id'])}"
        assert set(o.get("aliases", [])) == set(e["aliases"]) - {e["name"]}
        assert o.first_seen.date() == e["first_seen"] and o.last_seen.date() == e["last_seen"]
    malware = {e["name"] for e in entities.values() if e["kind"] == "Malware"}
    assert {o.name for o in by_type["malware"]} == malware
    cves = [e["name"] for e in entities.values() if e["name"].upper().startswith("CVE-")]
    assert cves
    for o in by_type["vulnerability"]:
        if o.name in cves:
            assert any(
                r.source_name == "cve" and r.external_id == o.name for r in o.external_references
            )

    threat_kinds = {"ThreatActor", "Malware", "Vulnerability"}
    expected = {
        k
        for k, r in relations.items()
        if k[1] in THREAT_TYPES and entities[k[0]]["kind"] in threat_kinds
    }
    assert expected
    rels = by_type["relationship"]
    assert len(rels) == len(expected)
    for rel in rels:
        assert rel.source_ref in objects and rel.target_ref in objects
        refs = {r.external_id for r in rel.external_references}
        ours = [r for r in rel.external_references if r.get("url")]
        assert ours, "evidence articles carry their url"
        source, target = objects[rel.source_ref], objects[rel.target_ref]
        key = next(
            k
            for k in expected
            if entities[k[0]]["name"] == source.name and entities[k[2]]["name"] == target.name
        )
        assert refs == set(relations[key]["articles"])
        assert rel.start_time.date() == relations[key]["first_seen"]
        assert rel.stop_time > rel.start_time
    assert {r.relationship_type for r in rels} >= {"uses", "targets"}


def test_stix_bundle_passes_the_oasis_validator(kg, sample_store, tmp_path):
    validator = pytest.importorskip("stix2validator")
    out = tmp_path / "bundle.json"
    _export(kg, sample_store, "stix", out)
    results = validator.validate_file(str(out))
    errors = [e for o in results.object_results for e in o.errors]
    assert results.is_valid, errors


def test_stix_reexport_is_identical_and_a_later_ingest_updates_the_same_ids(
    kg, sample_store, tmp_path
):
    import stix2

    from tests.conftest import SAMPLE

    first, again = tmp_path / "a.json", tmp_path / "b.json"
    _export(kg, sample_store, "stix", first)
    _export(kg, sample_store, "stix", again)
    assert first.read_bytes() == again.read_bytes()

    # A store that grows: the first three days, exported; then the rest, exported again.
    lines = [
        line
        for path in sorted(SAMPLE.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    early_days = sorted({json.loads(line)["published"][:10] for line in lines})[:3]
    early_lines = [line for line in lines if json.loads(line)["published"][:10] in early_days]
    (tmp_path / "early.jsonl").write_text("\n".join(early_lines) + "\n", encoding="utf-8")
    (tmp_path / "late.jsonl").write_text(
        "\n".join(line for line in lines if line not in early_lines) + "\n", encoding="utf-8"
    )
    store = tmp_path / "growing.lbdb"
    assert kg("ingest", "files", tmp_path / "early.jsonl", "--store", store).code == 0
    _export(kg, store, "stix", tmp_path / "early.json")
    assert kg("ingest", "files", tmp_path / "late.jsonl", "--store", store).code == 0
    _export(kg, store, "stix", tmp_path / "late.json")
    old = {o.id: o for o in stix2.parse((tmp_path / "early.json").read_text()).objects}
    new = {o.id: o for o in stix2.parse((tmp_path / "late.json").read_text()).objects}
    assert len(set(old) - set(new)) == 0, "every earlier object comes back under its id"
    assert len(new) > len(old)
    later = [i for i in old if "modified" in old[i] and new[i].modified > old[i].modified]
    assert later, "objects seen again carry a later modified time"
    assert all(new[i].created == old[i].created for i in old if "created" in old[i])
    names = [o.name for o in new.values() if o.type == "intrusion-set"]
    assert len(names) == len(set(names))


def test_stix_kind_filter_leaves_out_other_kinds(kg, sample_store, tmp_path):
    out = tmp_path / "actors.json"
    _export(kg, sample_store, "stix", out, "--kind", "ThreatActor", "--kind", "Malware")
    types = {o["type"] for o in json.loads(out.read_text())["objects"]}
    assert "intrusion-set" in types and "malware" in types
    assert "vulnerability" not in types
    producer_only = [o for o in json.loads(out.read_text())["objects"] if o["type"] == "identity"]
    assert len(producer_only) == 1 and producer_only[0]["identity_class"] == "system"


# -- RDF and SHACL --------------------------------------------------------------------


def _turtle(kg, sample_store, tmp_path):
    from rdflib import Graph

    out = tmp_path / "graph.ttl"
    _export(kg, sample_store, "turtle", out)
    return Graph().parse(out, format="turtle")


def test_turtle_round_trips_entities_and_relations(kg, sample_store, tmp_path, truth):
    from rdflib import RDF, RDFS
    from rdflib.namespace import SKOS

    from kg.ontology import KG

    entities, relations = truth
    graph = _turtle(kg, sample_store, tmp_path)
    back = {}
    for node in set(graph.subjects(KG.entityId, None)):
        eid = str(graph.value(node, KG.entityId))
        kinds = {str(t).rsplit("#", 1)[-1] for t in graph.objects(node, RDF.type)}
        back[eid] = {
            "name": str(graph.value(node, RDFS.label)),
            "kind": kinds,
            "aliases": {str(a) for a in graph.objects(node, SKOS.altLabel)},
            "first_seen": graph.value(node, KG.firstSeen).toPython(),
            "last_seen": graph.value(node, KG.lastSeen).toPython(),
        }
    assert set(back) == set(entities)
    for eid, e in entities.items():
        assert back[eid]["name"] == e["name"] and back[eid]["kind"] == {e["kind"]}
        assert back[eid]["aliases"] == set(e["aliases"]) - {e["name"]}
        assert (back[eid]["first_seen"], back[eid]["last_seen"]) == (
            e["first_seen"],
            e["last_seen"],
        )
    names = {n: str(graph.value(n, KG.entityId)) for n in graph.subjects(KG.entityId, None)}
    direct = {
        (names[s], str(p).rsplit("#", 1)[-1], names[o])
        for s, p, o in graph
        if s in names and o in names and str(p).startswith(str(KG))
    }
    assert direct == set(relations)
    for stmt in graph.subjects(RDF.type, RDF.Statement):
        key = (
            names[graph.value(stmt, RDF.subject)],
            str(graph.value(stmt, RDF.predicate)).rsplit("#", 1)[-1],
            names[graph.value(stmt, RDF.object)],
        )
        assert int(graph.value(stmt, KG.supportCount)) == relations[key]["count"]


def test_exported_graph_conforms_to_the_shapes_and_a_wrong_edge_does_not(
    kg, sample_store, tmp_path
):
    from rdflib import RDF

    from kg.export.rdf import entity_iri
    from kg.export.shapes import validate
    from kg.ontology import KG

    graph = _turtle(kg, sample_store, tmp_path)
    conforms, report = validate(graph)
    assert conforms, report
    org = next(graph.subjects(RDF.type, KG.Organization))
    model = next(graph.subjects(RDF.type, KG.Model))
    graph.add(
        (org, KG.DEVELOPED_BY, model)
    )  # backwards: an organisation is not developed by a model
    conforms, report = validate(graph)
    assert not conforms
    assert "DEVELOPED_BY: subject outside its domain" in report
    assert "DEVELOPED_BY: object outside its range" in report
    graph.remove((org, KG.DEVELOPED_BY, model))
    graph.add((entity_iri("Model:nameless"), RDF.type, KG.Model))  # no label, no id
    assert not validate(graph)[0]


def test_shapes_file_has_a_domain_and_range_shape_per_relation(kg, sample_store, tmp_path):
    from rdflib import RDF, Graph

    from kg.export.shapes import SH
    from kg.ontology import load_ontology

    out = tmp_path / "shapes.ttl"
    _export(kg, sample_store, "shapes", out)
    shapes = Graph().parse(out, format="turtle")
    names = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    for rel in load_ontology().relation_names:
        assert {f"{rel}_domain", f"{rel}_range"} <= names
    assert set(load_ontology().kind_names) <= names


# -- GraphML --------------------------------------------------------------------------


def test_graphml_round_trips_with_networkx(kg, sample_store, tmp_path, truth):
    import networkx as nx

    entities, relations = truth
    out = tmp_path / "graph.graphml"
    _export(kg, sample_store, "graphml", out)
    graph = nx.read_graphml(out, force_multigraph=True)
    assert set(graph.nodes) == set(entities)
    for eid, data in graph.nodes(data=True):
        e = entities[eid]
        assert (data["name"], data["kind"]) == (e["name"], e["kind"])
        assert json.loads(data["aliases"]) == sorted(e["aliases"])
        assert data["first_seen"] == e["first_seen"].isoformat()
    edges = {(h, d["type"], t): d for h, t, d in graph.edges(data=True)}
    assert set(edges) == set(relations)
    for key, d in edges.items():
        assert d["count"] == relations[key]["count"]
        assert json.loads(d["articles"]) == list(relations[key]["articles"])


# -- CSV for neo4j-admin import -------------------------------------------------------


def _read_import_file(path: Path):
    """Read a file the way neo4j-admin import does: typed header, arrays on U+001F."""
    from kg.export.csv_import import ARRAY

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, out = rows[0], []
    for row in rows[1:]:
        record = {}
        for column, value in zip(header, row, strict=True):
            name, _, kind = column.partition(":")
            kind = kind.split("(")[0]
            key = name or column
            if kind in {"ID", "START_ID", "END_ID"}:
                key = f":{kind}" if kind != "ID" else name or ":ID"
            if kind == "date":
                value = date.fromisoformat(value) if value else None
            elif kind == "long":
                value = int(value)
            elif kind == "string[]":
                value = value.split(ARRAY) if value else []
            elif kind == "LABEL":
                value = value.split(";")
            record[key] = value
        out.append(record)
    return header, out


def test_csv_files_follow_the_neo4j_admin_layout_and_round_trip(kg, sample_store, tmp_path, truth):
    entities, relations = truth
    out = tmp_path / "csv"
    _export(kg, sample_store, "csv", out)
    header, nodes = _read_import_file(out / "entities.csv")
    assert header[0] == "id:ID(Entity)" and ":LABEL" in header
    assert {n["id"]: n["name"] for n in nodes} == {k: e["name"] for k, e in entities.items()}
    for n in nodes:
        e = entities[n["id"]]
        assert n[":LABEL"] == ["Entity", e["kind"]]
        assert n["aliases"] == sorted(e["aliases"])
        assert (n["first_seen"], n["last_seen"]) == (e["first_seen"], e["last_seen"])
    header, edges = _read_import_file(out / "relations.csv")
    assert header[:3] == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"]
    back = {(r[":START_ID"], r[":TYPE"], r[":END_ID"]): r for r in edges}
    assert set(back) == set(relations)
    for key, r in back.items():
        assert r["count"] == relations[key]["count"]
        assert r["articles"] == list(relations[key]["articles"])
        assert len(r["evidence"]) == len(r["articles"])

    with open_store(sample_store, read_only=True) as store:
        stats = store.stats()
        texts = {
            r["id"]: r["text"]
            for r in store.run("MATCH (a:Article) RETURN a.id AS id, a.text AS text")
        }
    _, articles = _read_import_file(out / "articles.csv")
    assert {a["id"]: a["text"] for a in articles} == texts  # multi-line text survives
    _, mentions = _read_import_file(out / "mentions.csv")
    assert len(mentions) == stats.mentions
    _, sources = _read_import_file(out / "sources.csv")
    ids = {
        "Article": set(texts),
        "Entity": set(entities),
        "Source": {s["id"] for s in sources},
    }
    for name in ("mentions.csv", "states.csv", "published_by.csv", "relations.csv"):
        header, rows = _read_import_file(out / name)
        start = header[0].split("(")[1].rstrip(")")
        end = header[1].split("(")[1].rstrip(")")
        for row in rows:  # neo4j-admin refuses an edge whose end node is missing
            assert row[":START_ID"] in ids[start] and row[":END_ID"] in ids[end], (name, row)
    command = (out / "import.sh").read_text()
    assert "neo4j-admin database import full" in command
    assert "--array-delimiter=U+001F" in command and "--multiline-fields=true" in command


def test_export_window_and_kind_restrict_what_is_written(kg, sample_store, sample_days, tmp_path):
    out = tmp_path / "day"
    summary = _export(
        kg, sample_store, "csv", out, "--since", sample_days[-1], "--until", sample_days[-1]
    )
    _, articles = _read_import_file(out / "articles.csv")
    assert articles and {a["day"] for a in articles} == {date.fromisoformat(sample_days[-1])}
    assert summary["articles"] == len(articles)
    _, nodes = _read_import_file(out / "entities.csv")
    assert all(n["last_seen"] >= date.fromisoformat(sample_days[-1]) for n in nodes)
    only = tmp_path / "models.graphml"
    _export(kg, sample_store, "graphml", only, "--kind", "Model")
    import networkx as nx

    kinds = {d["kind"] for _, d in nx.read_graphml(only).nodes(data=True)}
    assert kinds == {"Model"}


def test_export_rejects_bad_format_kind_and_window(kg, sample_store, sample_days, tmp_path):
    assert kg("export", "xml", "--out", tmp_path / "x", "--store", sample_store).code == 2
    bad_kind = kg(
        "export", "stix", "--out", tmp_path / "x", "--kind", "Robot", "--store", sample_store
    )
    assert bad_kind.code == 2 and "Robot" in bad_kind.err
    backwards = kg(
        "export",
        "stix",
        "--out",
        tmp_path / "x",
        "--since",
        sample_days[-1],
        "--until",
        sample_days[0],
        "--store",
        sample_store,
    )
    assert backwards.code == 2 and "ends before it starts" in backwards.err


def test_default_kind_list_of_the_export_queries_is_the_ontology(sample_store):
    from kg.ontology import load_ontology
    from queries import QueryLibrary

    library = QueryLibrary("ladybug")
    for name in ("export_entities", "export_relations"):
        param = next(p for p in library.get(name).params if p.name == "kinds")
        assert param.default.split(",") == load_ontology().kind_names, name


# -- kg init --config -----------------------------------------------------------------


def test_init_config_writes_a_commented_toml_that_loads(kg, tmp_path, monkeypatch):
    import tomllib

    from kg.config import LLMSettings, Settings, load_settings

    path = tmp_path / "kg.toml"
    result = kg("init", "--config", path)
    assert result.code == 0, result.err
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["feeds"] and data["arxiv"]
    for name in Settings.model_fields:
        if name not in {"feeds", "arxiv", "neo4j_password", "llm"}:
            assert f"# {name} = " in text, name
    assert "# [llm]" in text  # a table, its settings commented under it
    for name in LLMSettings.model_fields:
        assert f"# {name} = " in text.split("# [llm]")[1], name
    assert "neo4j_password" not in text  # the secret comes from the environment only
    assert kg("init", "--config", path).code == 2  # not overwritten by accident
    monkeypatch.setenv("KG_CONFIG", str(path))
    assert len(load_settings().feeds) == len(data["feeds"])
    path.write_text(
        text.replace('# timezone = "Asia/Taipei"', 'timezone = "UTC"'), encoding="utf-8"
    )
    assert load_settings().timezone == "UTC"
    assert kg("init", "--config", path, "--force").code == 0
    assert load_settings().timezone == "Asia/Taipei"


def test_readme_documents_every_command():
    from kg.cli import app

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    for name in names:
        assert f"kg {name}" in readme, f"README does not show `kg {name}`"
    for usage in (
        "kg export stix",
        "kg export turtle",
        "kg export shapes",
        "kg export graphml",
        "kg export csv",
        "kg site --out",
        "kg init --config",
    ):
        assert usage in readme, usage
