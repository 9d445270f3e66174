"""Report rendering: Hugo markdown through Jinja2, or the same content as JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kg.safe_url import safe_link
from reports.builder import Report

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("md", "json", "html")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^([#+\-=>]|\d+\.)")


def md_text(value: object) -> str:
    """Text from an article, safe inside markdown: no markup, no HTML, one line."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\\\1", text)


def md_url(value: object) -> str:
    # only http(s), normalised and percent-encoded (kg/safe_url.py); anything else is inert
    return safe_link(value) or "#"


def yaml_str(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        autoescape=False,  # markdown: escaping is done field by field with md_text
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=md_text, url=md_url, yaml=yaml_str)
    return env


def render(report: Report, fmt: str = "md") -> str:
    if fmt == "json":
        return (
            json.dumps(
                # the writer note exists only for --writer llm; template reports keep their shape
                report.model_dump(
                    mode="json", exclude={"writer"} if report.writer is None else None
                ),
                ensure_ascii=False,
                indent=2,
                sort_keys=True,
            )
            + "\n"
        )
    if fmt == "md":
        return _environment().get_template("report.md.j2").render(r=report, L=report.labels)
    if fmt == "html":
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            undefined=StrictUndefined,
            autoescape=True,  # every article string is escaped; only template markup is HTML
            trim_blocks=True,
            lstrip_blocks=True,
        )
        from reports.html_style import HTML_LABELS, anchor, chip_colours, entity_evidence

        env.filters["url"] = md_url
        env.filters["anchor"] = anchor
        env.globals["chip_colours"] = chip_colours
        kinds = sorted(
            {k for it in _items(report) for k in it.entity_kinds}
            | {e.kind for e in report.new_entities}
        )
        return env.get_template("report.html.j2").render(
            r=report,
            L=report.labels,
            H=HTML_LABELS.get(report.lang, HTML_LABELS["en"]),
            legend=[(k, report.kind_colours.get(k, "#888888")) for k in kinds],
            evidence=entity_evidence(report),
        )
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _items(report: Report) -> list:
    return list(report.focus) + [it for items in report.sections.values() for it in items]
