"""The model's answer: one JSON object with the item's fields, validated with pydantic."""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.S)


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = Field(min_length=2, max_length=120)
    summary: list[str] = Field(min_length=1, max_length=4)
    details: list[str] = Field(default_factory=list, max_length=6)
    applications: list[str] = Field(default_factory=list, max_length=4)
    importance: str = Field(min_length=2, max_length=300)
    cited: list[str] = Field(default_factory=list, max_length=12)

    @field_validator("summary", "details", "applications", "cited", mode="before")
    @classmethod
    def _listed(cls, value):
        # a model that writes one paragraph instead of a list has still answered
        return [value] if isinstance(value, str) else value

    @field_validator("summary", "details", "applications")
    @classmethod
    def _lines(cls, value: list[str]) -> list[str]:
        lines = [" ".join(x.split()) for x in value if x and x.strip()]
        for line in lines:
            if len(line) > 400:
                raise ValueError(f"a line of {len(line)} characters (at most 400)")
        return lines

    def texts(self) -> list[str]:
        return [self.title, *self.summary, *self.details, *self.applications, self.importance]


def parse_answer(content: str) -> tuple[Answer | None, str]:
    """The answer, or None and why it is not one."""
    fenced = _FENCE.match(content)
    text = fenced.group(1) if fenced else content.strip()
    try:
        data = json.loads(text)
    except ValueError as exc:
        return None, f"the answer is not JSON ({exc.msg} at character {exc.pos})"
    if not isinstance(data, dict):
        return None, "the answer is JSON but not an object"
    try:
        return Answer.model_validate(data), ""
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'answer'}: {e['msg']}"
            for e in exc.errors()[:3]
        )
        return None, f"the answer lacks the item's fields ({problems})"
