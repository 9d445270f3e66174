"""A plug-in extractor of the kind a statistical model would be: its own module, one factory."""

import re

from kg.extractor import ExtractorSpec
from kg.models import Extraction

_WORD = re.compile(r"\b[A-Z][a-z]+(?:Corp|Labs)\b")


class SuffixExtractor:
    """Every capitalised word ending in Corp or Labs is an organisation."""

    version = "1"
    name = "suffix-1"

    def extract(self, text, *, title="", article_id="", lang=""):
        found = sorted(set(_WORD.findall(f"{title}\n{text}")))
        return Extraction(
            article_id=article_id,
            entities=[{"name": n, "kind": "Organization", "surfaces": [n]} for n in found],
            extractor=self.name,
        )

    def spec(self):
        return ExtractorSpec("extraction.plugin_extractor:build")


def build():
    return SuffixExtractor()
