import pytest

from kg.errors import OntologyError, UnknownTermError
from kg.models import CONCEPT
from kg.ontology import load_ontology, parse_ontology
from kg.store.schema import ladybug_ddl

KINDS = {
    "Model",
    "Organization",
    "Benchmark",
    "ThreatActor",
    "Malware",
    "Vulnerability",
    "Product",
    "Person",
    "Method",
}
# kinds of topics an article discusses, not names it gives (kg:named false)
UNNAMED = {"Concept"}
RELATIONS = {
    "DEVELOPED_BY",
    "ACQUIRED",
    "INVESTED_IN",
    "PARTNERS_WITH",
    "EVALUATED_ON",
    "OUTPERFORMS",
    "ATTRIBUTED_TO",
    "TARGETS",
    "USES",
    "EXPLOITS",
    "WORKS_FOR",
}


def test_kinds_and_relations_come_from_the_ttl_with_both_labels():
    onto = load_ontology()
    assert set(onto.kind_names) == KINDS | UNNAMED
    assert set(onto.named_kinds) == KINDS and set(onto.unnamed_kinds) == UNNAMED
    assert set(onto.relation_names) >= RELATIONS
    for kind in onto.kinds.values():
        assert kind.label_en and kind.label_zh
    for rel in onto.relations.values():
        assert rel.domain and rel.range and rel.label_zh
        assert rel.domain <= KINDS and rel.range <= KINDS


def test_domain_and_range_are_enforced():
    rel = load_ontology().relation("EXPLOITS")
    assert rel.admits("ThreatActor", "Vulnerability")
    assert not rel.admits("Organization", "Vulnerability")


def test_schema_is_generated_from_the_ontology():
    onto = load_ontology()
    ddl = "\n".join(ladybug_ddl(onto))
    for name in onto.relation_names:
        assert f"CREATE REL TABLE IF NOT EXISTS {name}(FROM Entity TO Entity" in ddl


@pytest.mark.parametrize("bad", ["Gadget", "Model) DETACH DELETE (n", "model"])
def test_only_ontology_terms_may_enter_cypher(bad):
    onto = load_ontology()
    with pytest.raises(UnknownTermError) as info:
        onto.cypher_kind(bad)
    assert bad in str(info.value)
    with pytest.raises(UnknownTermError):
        onto.cypher_relation(bad)


def test_a_relation_without_range_is_rejected():
    text = """
    @prefix kg: <https://ai-intel-kg.example/ontology#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    kg:Entity a owl:Class .
    kg:Model a owl:Class ; rdfs:subClassOf kg:Entity ; rdfs:label "Model"@en, "模型"@zh-Hant .
    kg:USES a owl:ObjectProperty ; rdfs:label "uses"@en, "使用"@zh-Hant ; rdfs:domain kg:Model .
    """
    with pytest.raises(OntologyError, match="USES"):
        parse_ontology(text, "test.ttl")


def test_concepts_are_the_one_unnamed_kind_the_pipeline_writes():
    assert load_ontology().unnamed_kinds == [CONCEPT]


_HEAD = """
    @prefix kg: <https://ai-intel-kg.example/ontology#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    kg:Entity a owl:Class .
    kg:Model a owl:Class ; rdfs:subClassOf kg:Entity ; rdfs:label "Model"@en, "模型"@zh-Hant .
    kg:Topic a owl:Class ; rdfs:subClassOf kg:Entity ; kg:named NAMED .
"""


def test_no_relation_may_reach_an_unnamed_kind():
    text = _HEAD.replace("NAMED", "false") + (
        "kg:USES a owl:ObjectProperty ; rdfs:domain kg:Model ; rdfs:range kg:Topic ."
    )
    with pytest.raises(OntologyError, match="USES reaches .*Topic"):
        parse_ontology(text, "test.ttl")


@pytest.mark.parametrize("value", ['"no"', "1"])
def test_kg_named_must_be_a_boolean(value):
    with pytest.raises(OntologyError, match="Topic kg:named"):
        parse_ontology(_HEAD.replace("NAMED", value), "test.ttl")
