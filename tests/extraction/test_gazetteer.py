"""Gazetteer: the curated name lists, their aliases and how overlapping names match."""

from .helpers import names


def test_gazetteer_holds_300_entries_over_the_core_kinds_with_chinese_aliases(x):
    gaz = x.gazetteer
    assert len(gaz) >= 300
    kinds = {e.kind for e in gaz.entries}
    assert {"Model", "Organization", "Benchmark", "ThreatActor"} <= kinds
    chinese = [
        e for e in gaz.entries if any("\u4e00" <= ch <= "\u9fff" for a in e.aliases for ch in a)
    ]
    assert len(chinese) >= 30


def test_a_company_named_like_its_product_is_the_company(x):
    # news names the company "Perplexity"; the product is "the Perplexity app"
    assert ("Perplexity AI", "Organization") in names(
        x.extract("Perplexity is in talks to raise $500 million.")
    )


def test_lower_case_words_are_not_companies(x):
    assert not any(
        e.kind == "Organization"
        for e in x.extract("The runway at the airport was closed.").entities
    )


def test_overlapping_gazetteer_names_keep_the_longest_then_the_earliest(tmp_path):
    from extractors.extractor import RuleExtractor
    from extractors.gazetteer import load_gazetteer
    from kg.ontology import load_ontology

    (tmp_path / "organization.tsv").write_text("Acme\nAcme Robotics\n", encoding="utf-8")
    (tmp_path / "product.tsv").write_text("Robotics Cloud\n", encoding="utf-8")
    onto = load_ontology()
    x = RuleExtractor(onto, load_gazetteer(onto, tmp_path))
    # "Acme Robotics" and "Robotics Cloud" are equally long and overlap: the first wins,
    # and "Acme" inside it is not a second mention.
    found = x.extract("ACME ROBOTICS CLOUD is live. Acme shipped it.")
    by_name = {e.name: e for e in found.entities}
    assert set(by_name) == {"Acme Robotics", "Acme"}
    assert by_name["Acme Robotics"].surfaces == ("ACME ROBOTICS",)
    assert by_name["Acme"].count == 1
    # lower case is not the company's name, so only "Acme" is found here
    assert names(x.extract("The robotics cloud of Acme.")) == {("Acme", "Organization")}
