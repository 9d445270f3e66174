"""Reading a rule file (people.yaml, subject.yaml, qualifiers.yaml): one place that turns a
broken file into an error naming it, so each loader only builds its patterns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import ExtractionError


def read_rules(path: Path) -> dict[str, Any]:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ExtractionError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise ExtractionError(f"{path}: expected a mapping of rule names to patterns")
    return raw
