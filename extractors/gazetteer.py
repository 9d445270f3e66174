"""The bilingual gazetteer: curated names kept as data in ``gazetteer/*.tsv``.

One file per entity kind (``threat_actor.tsv`` holds ``ThreatActor``); one line per
entity: ``Canonical Name<TAB>alias|alias``. At load time each name gains the spellings
news actually uses: Traditional and Simplified Chinese forms (OpenCC), and hyphen/space
variants (``Llama 3.1`` / ``Llama-3.1``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import ExtractionError
from kg.normalize import display_name, normalize_name
from kg.ontology import Ontology

GAZETTEER_DIR = Path(__file__).parent / "gazetteer"
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")

# Where one surface names entities of two kinds, the more specific kind wins; context
# rules may refine this later. Earlier in the list wins.
KIND_PRIORITY = (
    "Vulnerability",
    "ThreatActor",
    "Malware",
    "Benchmark",
    "Model",
    "Person",
    "Organization",
    "Product",
    "Method",
)


def file_kind(path: Path) -> str:
    """``threat_actor.tsv`` -> ``ThreatActor``."""
    return "".join(part.capitalize() for part in path.stem.split("_"))


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str
    aliases: tuple[str, ...]
    where: str  # file:line, for error messages


@dataclass
class Gazetteer:
    entries: list[GazetteerEntry]
    version: str
    # normalized surface -> (canonical name, kind), ambiguity settled by KIND_PRIORITY
    index: dict[str, tuple[str, str]] = field(default_factory=dict)
    surfaces: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    _by_kind: dict[str, list[str]] = field(default_factory=dict)
    # discovered name (normalised), kind -> nearest known surface or None, filled by the extractor
    near: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False, compare=False)
    directory: Path | None = None  # where it was read from, so worker processes can read it too

    def lookup(self, surface: str) -> tuple[str, str] | None:
        return self.index.get(normalize_name(surface))

    def names_of_kind(self, kind: str) -> list[str]:
        """Normalised surfaces of one kind, for fuzzy matching (built once)."""
        if not self._by_kind:
            self._sort_by_kind()
        return self._by_kind.get(kind, [])

    def _sort_by_kind(self) -> None:
        for key, (_, k) in self.index.items():
            self._by_kind.setdefault(k, []).append(key)

    def __len__(self) -> int:
        return len(self.entries)


@lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s"), opencc.OpenCC("s2tw")


def variants(surface: str) -> set[str]:
    """Spellings of one name that should match the same entity."""
    out = {display_name(surface)}
    if _HAS_CJK.search(surface):
        s2t, t2s, s2tw = _converters()
        out |= {s2t.convert(surface), t2s.convert(surface), s2tw.convert(surface)}
    for name in list(out):
        if re.search(r"[A-Za-z0-9]", name):
            out.add(re.sub(r"(?<=[A-Za-z0-9.]) (?=[A-Za-z0-9])", "-", name))
            out.add(re.sub(r"(?<=[A-Za-z0-9.])-(?=[A-Za-z0-9])", " ", name))
    return {v for v in out if len(v) >= 2}


def parse_tsv(path: Path, kind: str) -> list[GazetteerEntry]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise ExtractionError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    entries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path.name}:{number}"
        fields = line.rstrip("\n").split("\t")
        if len(fields) > 2:
            raise ExtractionError(
                f"{where}: expected 'name<TAB>alias|alias', found {len(fields)} tab-separated fields"
            )
        name = display_name(fields[0])
        if not name:
            raise ExtractionError(f"{where}: empty canonical name")
        aliases = tuple(
            display_name(a) for a in (fields[1].split("|") if len(fields) == 2 else ()) if a.strip()
        )
        entries.append(GazetteerEntry(name, kind, aliases, where))
    return entries


def load_gazetteer(ontology: Ontology, directory: Path = GAZETTEER_DIR) -> Gazetteer:
    files = sorted(directory.glob("*.tsv"))
    if not files:
        raise ExtractionError(f"{directory}: no gazetteer files (*.tsv)")
    digest = hashlib.sha256()
    entries: list[GazetteerEntry] = []
    for path in files:
        kind = file_kind(path)
        if kind not in ontology.kinds:
            raise ExtractionError(
                f"{path}: the file name gives kind {kind!r}, which ontology.ttl does not define "
                f"(kinds: {', '.join(ontology.kind_names)})"
            )
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        entries.extend(parse_tsv(path, kind))
    gaz = build(entries, digest.hexdigest()[:10])
    gaz.directory = directory
    return gaz


def build(entries: Iterable[GazetteerEntry], version: str) -> Gazetteer:
    rank = {kind: i for i, kind in enumerate(KIND_PRIORITY)}
    gaz = Gazetteer(entries=list(entries), version=version)
    for entry in gaz.entries:
        forms: set[str] = set()
        for surface in (entry.name, *entry.aliases):
            forms |= variants(surface)
        gaz.surfaces[(entry.name, entry.kind)] = (
            gaz.surfaces.get((entry.name, entry.kind), set()) | forms
        )
        for form in forms:
            key = normalize_name(form)
            held = gaz.index.get(key)
            # A canonical name beats someone else's alias; then the kind priority decides.
            if held is None or (
                normalize_name(held[0]) != key
                and (
                    normalize_name(entry.name) == key
                    or rank.get(entry.kind, 99) < rank.get(held[1], 99)
                )
            ):
                gaz.index[key] = (entry.name, entry.kind)
    # at load time rather than in the middle of the first article that needs it
    gaz._sort_by_kind()
    return gaz


def without_names(gazetteer: Gazetteer, names: Iterable[str]) -> Gazetteer:
    """The gazetteer minus every entry one of ``names`` would match: for measuring discovery."""
    drop = {normalize_name(n) for n in names}
    keep = [
        e
        for e in gazetteer.entries
        if not any(normalize_name(v) in drop for s in (e.name, *e.aliases) for v in variants(s))
    ]
    reduced = build(keep, gazetteer.version + "-unseen")
    reduced.directory = None
    return reduced
