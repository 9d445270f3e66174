"""The Neo4j Browser stylesheet (GraSS), generated from the ontology's kinds and colours.

``queries/style.grass`` is this module's output, committed so users can drag it into
Browser; a test keeps the file equal to what the ontology says.
"""

from __future__ import annotations

from pathlib import Path

from kg.ontology import Ontology, load_ontology

STYLE_FILE = Path(__file__).parent / "style.grass"

_BASE = """node {
  diameter: 50px;
  color: #A5ABB6;
  border-color: #9AA1AC;
  border-width: 2px;
  text-color-internal: #FFFFFF;
  font-size: 10px;
}

relationship {
  color: #A5ABB6;
  shaft-width: 1px;
  font-size: 8px;
  padding: 3px;
  text-color-external: #000000;
  text-color-internal: #FFFFFF;
  caption: "<type>";
}

node.Article {
  diameter: 30px;
  color: #D9C8AE;
  border-color: #C0A378;
  text-color-internal: #2A2C34;
  caption: "{title}";
}

node.Source {
  diameter: 35px;
  color: #C990C0;
  border-color: #B261A5;
  caption: "{name}";
}
"""


def _darker(colour: str) -> str:
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return "#{:02X}{:02X}{:02X}".format(*(int(c * 0.8) for c in (r, g, b)))


def grass(ontology: Ontology | None = None) -> str:
    onto = ontology or load_ontology()
    parts = [_BASE]
    for kind in onto.kinds.values():
        parts.append(
            f"node.{onto.cypher_kind(kind.name)} {{\n"
            f"  color: {kind.colour};\n"
            f"  border-color: {_darker(kind.colour)};\n"
            "  text-color-internal: #FFFFFF;\n"
            '  caption: "{name}";\n'
            "}\n"
        )
    return "\n".join(parts)


if __name__ == "__main__":
    STYLE_FILE.write_text(grass(), encoding="utf-8")
    print(STYLE_FILE)
