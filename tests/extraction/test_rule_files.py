"""A broken rule file is an error naming the file, whichever loader reads it."""

import pytest

from extractors import people, qualifiers, subject
from kg.errors import ExtractionError


@pytest.mark.parametrize(
    "loader", [people.load_patterns, qualifiers.load_patterns, subject.load_patterns]
)
@pytest.mark.parametrize(
    ("content", "says"), [("a: [1, 2\n", "not valid YAML"), ("- a\n- b\n", "mapping")]
)
def test_a_broken_rule_file_names_itself(tmp_path, loader, content, says):
    path = tmp_path / "rules.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractionError) as err:
        loader(path)
    assert str(path) in str(err.value) and says in str(err.value)
