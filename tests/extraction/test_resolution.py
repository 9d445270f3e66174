"""Resolution: several surfaces of one entity become one canonical name."""

import pytest

from .helpers import names


@pytest.mark.parametrize("surface", ["英偉達", "輝達", "英伟达", "Nvidia", "NVIDIA"])
def test_chinese_and_english_aliases_resolve_to_one_canonical(x, surface):
    found = x.extract(f"{surface}發布新晶片。 {surface} said more.")
    assert ("NVIDIA", "Organization") in names(found)


def test_a_vendor_alias_is_a_surface_of_the_actor_it_names(x):
    found = x.extract("Bramble Spider, also known as Cobalt Tempest, targeted Harlow Resorts.")
    actors = [e for e in found.entities if e.kind == "ThreatActor"]
    assert len(actors) == 1
    assert actors[0].name == "Bramble Spider"
    assert set(actors[0].surfaces) == {"Bramble Spider", "Cobalt Tempest"}


def test_a_person_named_in_full_then_by_surname(x):
    found = x.extract("Arlo Venn said the launch is on track. Venn did not give a date.")
    assert ("Arlo Venn", "Person") in names(found)
    assert not any(e.kind == "Organization" for e in found.entities)
    # a two-word name before "said" whose second word never recurs is not taken for a person
    assert not x.extract("Quiet Harbor said the launch is on track.").entities
