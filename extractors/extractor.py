"""The default extractor: gazetteer phrases + discovery patterns + relation triggers.

``RuleExtractor.extract`` is a pure function of its text (given the data files), so it
can run in worker processes or on any distributed engine one article at a time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from rapidfuzz import fuzz, process

from extractors.coordination import placed
from extractors.discovery import discover, settle
from extractors.families import (
    FAMILY_KINDS,
    Member,
    extended,
    family_stems,
    new_members,
    short_members,
    stem_tails,
)
from extractors.gazetteer import Gazetteer, load_gazetteer
from extractors.generic import load_generic_terms
from extractors.people import Fact, bylines, front_matter, is_paper, roles
from extractors.qualifiers import load_patterns as load_qualifiers
from extractors.qualifiers import qualify
from extractors.relations import (
    Mention,
    RelationFinder,
    Span,
    TriggerRule,
    list_after,
    load_asides,
    load_modifier,
    load_rules,
)
from extractors.results import results
from extractors.sentences import sentence_spans
from extractors.subject import Fact as _SubjectFact
from extractors.subject import Subjects, funding_facts, proposals, references, threat_facts
from extractors.tokenizer import PhraseFinder, Split, split
from kg.extractor import ExtractorSpec
from kg.models import CONCEPT, Extraction
from kg.normalize import display_name, fold_chars, normalize_name
from kg.ontology import Ontology, load_ontology

RULES_VERSION = "14"  # raise when the rules change what they extract
EVIDENCE_CHARS = 300
_UPPER = re.compile(r"[A-Z\u3400-\u9fff0-9]")

# The same names come back article after article (news is Zipf-distributed), so each
# spelling is normalised once; the bound keeps a year of new names from growing memory.
_normalized = lru_cache(maxsize=1 << 16)(normalize_name)
_displayed = lru_cache(maxsize=1 << 16)(display_name)


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    name: str
    kind: str
    discovered: bool


_START_END = attrgetter("start", "end")


class RuleExtractor:
    def __init__(
        self, ontology: Ontology | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.ontology = ontology or load_ontology()
        self.gazetteer = gazetteer or load_gazetteer(self.ontology)
        self.rules: list[TriggerRule] = load_rules(self.ontology)
        self.version = RULES_VERSION
        self.name = f"rules-{RULES_VERSION}/gaz-{self.gazetteer.version}"
        self.phrases = PhraseFinder(sorted(self.gazetteer.index.items()))
        self.generic = load_generic_terms()
        self.stems = family_stems(
            ((name, kind, forms) for (name, kind), forms in self.gazetteer.surfaces.items())
        )
        self.stem_tails = stem_tails(self.stems)
        self.relations = RelationFinder(self.rules, self.ontology, load_modifier(), load_asides())
        # (PARTNERS_WITH: "A partnered with B" and "B partnered with A" are one fact)
        self._qualified = frozenset(load_qualifiers().by_type)
        self.symmetric = frozenset(n for n, r in self.ontology.relations.items() if r.symmetric)

    # -- entities ----------------------------------------------------------------------

    def _gazetteer_hits(self, folded: str, tokens: Split | None = None) -> list[_Hit]:
        upper = _UPPER.search
        surfaces = self.gazetteer.surfaces
        # "runway" or "apple" in lower case is a word, not the company, unless the
        # gazetteer itself spells the name in lower case (llama.cpp).
        return [
            _Hit(start, end, name, kind, False)
            for start, end, (name, kind) in self.phrases(folded, tokens)
            if upper(folded, start, end) or folded[start:end] in surfaces.get((name, kind), ())
        ]

    def _with_discovered(
        self, folded: str, taken: list[_Hit], tokens: Split | None = None
    ) -> list[_Hit]:
        """``taken`` plus discovered names; a longer discovered name replaces known ones inside it."""
        found, replaced = settle(
            discover(
                folded,
                [(h.start, h.end, h.kind) for h in taken],
                tokens,
            ),
            [(h.start, h.end) for h in taken],
        )
        hits = [h for i, h in enumerate(taken) if i not in replaced] if replaced else taken
        index = self.gazetteer.index
        for f in found:
            known = index.get(_normalized(f.name))
            if known is not None and f.name.islower() and not known[0].islower():
                # "npm's axios library" is no "Axios": a name written in lower case is the
                # known name only if the gazetteer spells it so (as for its own hits)
                known = None
            if known is not None:
                hits.append(_Hit(f.start, f.end, known[0], known[1], False))
            else:
                hits.append(_Hit(f.start, f.end, _displayed(f.name), f.kind, True))
        return hits

    def _with_members(self, folded: str, hits: list[_Hit]) -> list[_Hit]:
        """``hits`` plus new members of known families ("Seedance 2.0", "昇腾950PR") and
        the bare versions that stand for a family member the text names ("V4-Pro" after
        "DeepSeek-V4"). A member replaces the names inside it; one that cuts across a
        name gives way."""
        index = self.gazetteer.index
        found = new_members(folded, self.stems, self.stem_tails)
        for h in hits:
            if h.kind not in FAMILY_KINDS:
                continue  # (extended leaves them as they are)
            end = extended(folded, h.start, h.end, h.kind, h.discovered)
            if end != h.end:
                name = _displayed(folded[h.start : end])
                if not h.discovered and h.name.isascii() and not folded[h.start].isascii():
                    # "豆包大模型1.6" and "豆包1.6" are one member: the known name's
                    # canonical form and the version ("Doubao 1.6")
                    name = f"{h.name} {_displayed(folded[h.end : end])}"
                found.append(Member(h.start, end, name, h.kind))
        models = [h.name for h in hits if h.kind == "Model"]
        short = short_members(folded, models, index) if models else []
        if not found and not short:
            return hits
        hits = sorted(hits, key=_START_END)
        starts = [h.start for h in hits]
        drop: set[int] = set()
        out: list[_Hit] = []
        for m in found:
            lo = bisect_right(starts, m.start) - 1
            inside = []
            clash = False
            for i in range(max(lo, 0), len(hits)):
                h = hits[i]
                if h.start >= m.end:
                    break
                if h.end <= m.start:
                    continue
                if m.start <= h.start and h.end <= m.end and (h.end - h.start) < (m.end - m.start):
                    inside.append(i)
                else:
                    clash = True
                    break
            if clash:
                continue
            drop.update(inside)
            known = index.get(_normalized(m.name))
            if known is not None:
                out.append(_Hit(m.start, m.end, known[0], known[1], False))
            else:
                out.append(_Hit(m.start, m.end, m.name, m.kind, True))
        by_span = {(h.start, h.end): i for i, h in enumerate(hits)}
        taken = sorted((h.start, h.end) for h in (*hits, *out))
        for m in short:
            at = by_span.get((m.start, m.end))
            if at is not None:
                # a hit on the bare form itself ("V4-Flash" found as a name of its own)
                if hits[at].kind == "Model":
                    hits[at].name = m.name
                continue
            i = bisect_right(taken, (m.start, m.end))
            if (i and taken[i - 1][1] > m.start) or (i < len(taken) and taken[i][0] < m.end):
                continue
            known = index.get(_normalized(m.name))
            out.append(_Hit(m.start, m.end, m.name, "Model", known is None))
        kept = [h for i, h in enumerate(hits) if i not in drop] if drop else hits
        return kept + out

    def _with_placed(
        self, folded: str, hits: list[_Hit], paper: bool, tokens: Split | None = None
    ) -> list[_Hit]:
        """``hits`` plus the names a list, a head noun or a CVE types, and discovered names
        retyped by the noun beside them ("Agent Swarm, a ... framework")."""
        found, retype, replaced = placed(folded, hits, paper=paper, tokens=tokens)
        if retype:
            # every mention of the name, not only the one beside the noun
            kinds = {(hits[i].name, hits[i].kind): kind for i, kind in retype.items()}
            for h in hits:
                kind = kinds.get((h.name, h.kind))
                if kind is not None and h.discovered:
                    h.kind = kind
        if not found:
            return hits
        if replaced:
            hits = [h for i, h in enumerate(hits) if i not in replaced]
        index = self.gazetteer.index
        for f in found:
            known = index.get(_normalized(f.name))
            if known is not None:
                hits.append(_Hit(f.start, f.end, known[0], known[1], False))
            else:
                hits.append(_Hit(f.start, f.end, f.name, f.kind, True))
        return hits

    def _with_people(self, folded: str, hits: list[_Hit]) -> tuple[list[_Hit], list[Fact]]:
        """``hits`` plus the authors, affiliations and people named by role that no list
        holds, and the WORKS_FOR facts they come with. A name found so replaces the
        shorter names inside it ("Microsoft" in "1Microsoft Research Asia")."""
        found, facts = front_matter(folded)
        found = found + bylines(folded)
        orgs = [(h.start, h.end, h.name) for h in hits if h.kind == "Organization"]
        more = roles(folded, orgs)
        if not found and not more:
            return hits, facts
        index = self.gazetteer.index
        people = {h.name for h in hits if h.kind == "Person"}
        rename: dict[str, str] = {}
        new: list[_Hit] = []
        for f in found:
            known = index.get(_normalized(f.name))
            if known is not None and known[1] == f.kind:
                rename[f.name] = known[0]
                new.append(_Hit(f.start, f.end, known[0], f.kind, False))
            else:
                new.append(_Hit(f.start, f.end, f.name, f.kind, True))
        kept_facts = list(facts)
        for f, fact, org in more:
            name = f.name
            if " " not in name and not "\u3400" <= name[0] <= "\u9fff":
                # "Voss of Kestrel said": the surname of someone named in full
                full = [p for p in people if p.rsplit(" ", 1)[-1] == name]
                if len(full) != 1:
                    continue
                name = full[0]
            elif any(h.start < f.end and f.start < h.end and h.kind != "Person" for h in hits):
                continue  # the "name" is a known non-person ("Google Cloud CEO ...")
            known = index.get(_normalized(name))
            if known is not None:
                name = known[0]
            rename[f.name] = name
            new.append(_Hit(f.start, f.end, name, "Person", known is None))
            kept_facts.append(fact)
            if org is not None:
                known_org = index.get(_normalized(org.name))
                if known_org is not None:
                    rename[org.name] = known_org[0]
                new.append(
                    _Hit(
                        org.start,
                        org.end,
                        rename.get(org.name, org.name),
                        org.kind,
                        known_org is None,
                    )
                )
        taken = [(h.start, h.end) for h in new]
        out = [h for h in hits if not any(s < h.end and h.start < e for s, e in taken)]
        out.extend(new)
        facts = [
            f._replace(head=rename.get(f.head, f.head), tail=rename.get(f.tail, f.tail))
            for f in kept_facts
        ]
        return out, facts

    def _paper_makers(
        self, folded, hits, sentences, facts, relations, entities, full, subjects
    ) -> None:
        """DEVELOPED_BY from what a paper presents as its own to the paper's organisation:
        its one affiliation with no author named, else the maker given for its main model."""
        orgs = {f.tail for f in facts if f.type == "WORKS_FOR"}
        maker = ""
        front = [e for e in entities.values() if e["kind"] == "Organization"]
        title_end = sentences[0][1] if sentences else 0
        own = proposals(folded, hits, title_end, subjects=set(subjects.by_kind.values()))
        if not own:
            return
        names = {h.name for h in own}
        made_by = {
            r["tail"]
            for r in relations.values()
            if r["type"] == "DEVELOPED_BY"
            and r["head"] in names
            and r["tail_kind"] == "Organization"
        }
        if len(made_by) == 1:
            maker = next(iter(made_by))
        elif not orgs:
            # an organisation alone on a line of the front matter ("JD.com", "LG AI Research")
            block_end = folded.find("\nAbstract")
            lines = [folded[s:e].strip() for s, e in sentences if s < block_end]
            alone = [
                e["name"] for e in front if any(_displayed(x) in e["surfaces"] for x in lines[1:])
            ]
            if len(alone) == 1:
                maker = alone[0]
        if not maker:
            return
        for h in own:
            key = (h.name, "DEVELOPED_BY", maker)
            if key not in relations:
                where = next((s for s in sentences if s[0] <= h.start < s[1]), (0, 0))
                relations[key] = {
                    "head": h.name,
                    "head_kind": h.kind,
                    "type": "DEVELOPED_BY",
                    "tail": maker,
                    "tail_kind": "Organization",
                    "evidence": _evidence(full[where[0] : where[1]]),
                    "via": "paper authors",
                }

    @property
    def gazetteer_dir(self):
        return self.gazetteer.directory

    def spec(self) -> ExtractorSpec | None:
        """A worker process builds the same extractor from the same gazetteer folder."""
        if self.gazetteer.directory is None:
            return None  # an in-memory gazetteer (``kg eval --unseen``) has no folder to load
        return ExtractorSpec("rules", {"gazetteer_dir": str(self.gazetteer.directory)})

    def lookup(self, name: str) -> tuple[str, str] | None:
        """The canonical name and kind of a name the gazetteer knows; a generic concept's
        kind is ``Concept`` (a report's 關鍵實體 "Large Language Model" is no Method)."""
        known = self.gazetteer.lookup(name)
        if known and known[1] == "Method" and _normalized(known[0]) in self.generic:
            return known[0], CONCEPT
        return known

    def guess_kind(self, name: str) -> str:
        """The kind of a bare name (a report's 關鍵實體): gazetteer, else its shape."""
        known = self.lookup(name)
        if known:
            return known[1]
        folded = fold_chars(name)
        for found in discover(folded):
            if found.start == 0 and found.end == len(folded):
                return found.kind
        if re.search(
            r"(?:銀行|银行|公司|集團|集团|大學|大学|研究院|實驗室|实验室|局|部|署|電信|电信)$", name
        ):
            return "Organization"
        return "Method"

    # -- the pure function ---------------------------------------------------------------

    def extract(
        self, text: str, *, title: str = "", article_id: str = "", lang: str = ""
    ) -> Extraction:
        full = f"{title}\n{text}" if title else text
        folded = fold_chars(full)
        tokens = split(folded)
        hits = self._with_discovered(folded, self._gazetteer_hits(folded, tokens), tokens)
        hits = self._with_members(folded, hits)
        hits, facts = self._with_people(folded, hits)
        paper = is_paper(folded)
        hits = self._with_placed(folded, hits, paper, tokens)
        hits = resolve_in_document(folded, hits, self.gazetteer)
        hits.extend(_later_mentions(folded, hits))
        hits.sort(key=_START_END)
        sentences = sentence_spans(folded)
        return self._read(full, folded, hits, facts, paper, sentences, article_id, lang)

    def _read(
        self,
        full: str,
        folded: str,
        hits: list[_Hit],
        facts: list[Fact],
        paper: bool,
        sentences: list[tuple[int, int]],
        article_id: str,
        lang: str,
    ) -> Extraction:
        """The entities and relations the sentences state about the names found (sorted
        by offset in ``folded``), as one record."""
        entities: dict[tuple[str, str], dict] = {}
        relations: dict[tuple[str, str, str], dict] = {}
        position = 0
        n_hits = len(hits)
        before: list[Mention] = []  # the names of the sentence before
        subjects = Subjects(folded, hits, sentences)
        # a sentence's mentions are hits, reference phrases and pronouns (for a model or
        # a company): results need a benchmark among them
        benchmarks = "Benchmark" in subjects.kinds or any(
            ref.kind == "Benchmark" for _, _, ref in subjects.phrases
        )
        symmetric = self.symmetric
        extra: list = []  # facts about the document subject, read sentence by sentence

        said_in: dict[tuple[int, int], str] = {}  # evidence text per sentence, made once

        def evidence_of(span: tuple[int, int]) -> str:
            ev = said_in.get(span)
            if ev is None:
                ev = said_in[span] = _evidence(full[span[0] : span[1]])
            return ev

        def add_entity(hit, sentence: tuple[int, int], discovered: bool = True) -> None:
            key = (_normalized(hit.name), hit.kind)
            entry = entities.get(key)
            if entry is None:
                entry = entities[key] = {
                    "name": hit.name,
                    "kind": hit.kind,
                    "surfaces": [],
                    "count": 0,
                    "evidence": evidence_of(sentence),
                    "discovered": discovered,
                }
            surface = _displayed(full[hit.start : hit.end])
            if surface not in entry["surfaces"]:
                entry["surfaces"].append(surface)
            entry["count"] += 1

        for s_start, s_end in sentences:
            if position == n_hits:
                break
            inside: list[Mention] = []
            evidence = None  # the sentence's evidence text, made when a relation needs it
            while position < n_hits and hits[position].start < s_end:
                hit = hits[position]
                position += 1
                if hit.start < s_start:
                    continue
                inside.append(hit)
                # (add_entity, written out: it runs for every hit)
                key = (_normalized(hit.name), hit.kind)
                entry = entities.get(key)
                if entry is None:
                    if evidence is None:
                        evidence = evidence_of((s_start, s_end))
                    entry = entities[key] = {
                        "name": hit.name,
                        "kind": hit.kind,
                        "surfaces": [],
                        "count": 0,
                        "evidence": evidence,
                        "discovered": hit.discovered,
                    }
                surface = _displayed(full[hit.start : hit.end])
                surfaces = entry["surfaces"]
                if surface not in surfaces:
                    surfaces.append(surface)
                entry["count"] += 1
            mentions = inside
            if before and (
                folded.startswith(_OPENERS, s_start)
                or _ZH_PRONOUN in folded[s_start : s_start + 14]
            ):
                # "It outperformed o3", "The company raised ...": the pronoun stands for a
                # name of the sentence before, in relations only (it is no new mention)
                standing_for = _antecedent(folded, s_start, before, inside)
                if standing_for is not None:
                    mentions = [standing_for, *inside]
            if mentions is inside and subjects.phrases:
                refs = references(folded, (s_start, s_end), inside, subjects)
                if refs:
                    cues = [(r.start, r.covers) for r in refs if r.covers]
                    kept = (
                        [m for m in inside if not any(a <= m.start < b for a, b in cues)]
                        if cues
                        else inside
                    )
                    mentions = sorted([*kept, *refs], key=_START_END)
            sentence = (s_start, s_end)
            # (each reader below finds nothing in a document without what it reads about)
            if subjects.funded:
                extra.extend(funding_facts(folded, sentence, mentions, subjects, list_after))
            if subjects.threat:
                threat, countries = threat_facts(folded, sentence, mentions, subjects)
                if countries:
                    for country in countries:
                        add_entity(country, (s_start, s_end))
                extra.extend(threat)
            for res in results(folded, mentions) if benchmarks else ():
                extra.append(
                    _SubjectFact(
                        res.head.name,
                        res.head.kind,
                        "EVALUATED_ON",
                        res.tail.name,
                        res.tail.kind,
                        sentence,
                        getattr(res.head, "via", ""),
                        (
                            {"score": res.score} | ({"metric": res.metric} if res.metric else {})
                            if res.score is not None
                            else {}
                        ),
                    )
                )
            before = mentions
            # a relation needs two entities in the sentence
            if len(mentions) < 2:
                continue
            for rel in self.relations(folded, mentions, (s_start, s_end)):
                key = (rel.head.name, rel.type, rel.tail.name)
                if rel.type in symmetric and (rel.tail.name, rel.type, rel.head.name) in relations:
                    continue
                if key not in relations:
                    if evidence is None:
                        evidence = evidence_of((s_start, s_end))
                    relations[key] = {
                        "head": rel.head.name,
                        "head_kind": rel.head.kind,
                        "type": rel.type,
                        "tail": rel.tail.name,
                        "tail_kind": rel.tail.kind,
                        "evidence": evidence,
                        "via": getattr(rel.head, "via", "") or getattr(rel.tail, "via", ""),
                    }
                    if rel.type in self._qualified:
                        q = qualify(
                            rel.type,
                            folded[s_start:s_end],
                            (rel.tail.start - s_start, rel.tail.end - s_start, rel.tail.name),
                            tuple(m.name for m in mentions if m.kind == "Benchmark"),
                            lang,
                            names=tuple((m.start - s_start, m.end - s_start) for m in mentions),
                        )
                        if q:
                            relations[key]["qualifiers"] = q
        stated: dict[tuple[str, tuple[int, int]], dict] = {}  # qualify() per type and sentence
        for f in extra:
            key = (f.head, f.type, f.tail)
            if f.type in symmetric and (f.tail, f.type, f.head) in relations:
                continue
            if key not in relations:
                said = stated.get((f.type, f.sentence))
                if said is None:
                    said = stated[f.type, f.sentence] = qualify(
                        f.type, folded[f.sentence[0] : f.sentence[1]], lang=lang
                    )
                relations[key] = {
                    "head": f.head,
                    "head_kind": f.head_kind,
                    "type": f.type,
                    "tail": f.tail,
                    "tail_kind": f.tail_kind,
                    "evidence": evidence_of(f.sentence),
                    "via": f.via,
                    "qualifiers": {**said, **f.qualifiers},
                }
            elif f.qualifiers:
                relations[key].setdefault("qualifiers", {}).update(f.qualifiers)
        if not subjects.threat:
            # (a threat post names the software attacked, "Cisco IOS XE", not who made it)
            _named_makers(entities, relations)
            _family_makers(entities, relations)
            # a maker works with what it makes: "NVIDIA integrated Blackwell kernels" is no
            # USES of NVIDIA's own product
            for key in [k for k in relations if k[1] == "USES"]:
                if (key[2], "DEVELOPED_BY", key[0]) in relations:
                    del relations[key]
        if paper:
            self._paper_makers(folded, hits, sentences, facts, relations, entities, full, subjects)
        for fact in facts:
            key = (fact.head, fact.type, fact.tail)
            if key not in relations:
                relations[key] = {
                    "head": fact.head,
                    "head_kind": fact.head_kind,
                    "type": fact.type,
                    "tail": fact.tail,
                    "tail_kind": fact.tail_kind,
                    "evidence": evidence_of(fact.evidence),
                }
        named, concepts = self._concepts_apart(entities, relations)
        # One validation of the whole record is about half the cost of one per entity.
        return Extraction.model_validate(
            {
                "article_id": article_id,
                "entities": named,
                "relations": list(relations.values()),
                "concepts": concepts,
                "extractor": self.name,
            }
        )

    def _concepts_apart(
        self, entities: dict[tuple[str, str], dict], relations: dict[tuple[str, str, str], dict]
    ) -> tuple[list[dict], list[dict]]:
        """The named entities, and the generic concepts (Method entries of
        ``generic_terms.txt``) as concepts: no kind, no relation. They were mentions while
        the sentence was read, so a relation between two names beside them is the same."""
        generic = self.generic
        named: list[dict] = []
        concepts: list[dict] = []
        for (key, kind), entry in entities.items():
            if kind == "Method" and key in generic:
                del entry["kind"], entry["discovered"]
                concepts.append(entry)
            else:
                named.append(entry)
        if concepts:
            gone = {c["name"] for c in concepts}
            for key in [
                k
                for k, r in relations.items()
                if (r["head_kind"] == "Method" and r["head"] in gone)
                or (r["tail_kind"] == "Method" and r["tail"] in gone)
            ]:
                del relations[key]
        return named, concepts


_MADE_KINDS = ("Model", "Product", "Method")
_MAKER_KINDS = ("Model", "Product")


def _named_makers(entities: dict, relations: dict) -> None:
    """DEVELOPED_BY from a name that opens with its maker's name ("NVIDIA H200", "Huawei
    Ascend", "DeepSeek-V4"), when the text names the maker on its own too."""
    orgs = [
        (e["name"], {s.casefold() for s in (e["name"], *e["surfaces"])})
        for e in entities.values()
        if e["kind"] == "Organization"
    ]
    if not orgs:
        return
    opening = tuple(f for _, forms in orgs for f in forms)
    for e in entities.values():
        if e["kind"] not in _MAKER_KINDS:
            continue
        # as the text writes it, or as the gazetteer names it: "昇騰" is "Huawei Ascend",
        # and a text that names Huawei as well takes it as the maker (gold-real does)
        names = {s.casefold() for s in (e["name"], *e["surfaces"])}
        if not any(n.startswith(opening) for n in names):
            continue  # (most names open with no organisation's name)
        for org, forms in orgs:
            if not any(
                n.startswith(f) and len(n) > len(f) + 1 and n[len(f)] in " -"
                for n in names
                for f in forms
            ):
                continue
            _made_by(relations, e, org, "maker in the name")
            break


def _made_by(relations: dict, made: dict, org: str, via: str) -> None:
    """``made`` DEVELOPED_BY ``org``, read from a name (``via`` says how), unless the text
    already states it."""
    key = (made["name"], "DEVELOPED_BY", org)
    if key not in relations:
        relations[key] = {
            "head": made["name"],
            "head_kind": made["kind"],
            "type": "DEVELOPED_BY",
            "tail": org,
            "tail_kind": "Organization",
            "evidence": made["evidence"],
            "via": via,
        }


def _family_makers(entities: dict, relations: dict) -> None:
    """DEVELOPED_BY passed from a model or product to its variants the text names: "V4"
    made by DeepSeek gives "V4-Flash" and "V4 Pro" the same maker."""
    makers: dict[str, list[str]] = {}
    for head, type_, tail in relations:
        if type_ == "DEVELOPED_BY":
            makers.setdefault(head, []).append(tail)
    if not makers:
        return
    made = [
        (e, {s.casefold() for s in (e["name"], *e["surfaces"])})
        for e in entities.values()
        if e["kind"] in _MAKER_KINDS
    ]
    for base, stems in made:
        orgs = makers.get(base["name"])
        if not orgs:
            continue
        opening = tuple(stems)
        for e, names in made:
            if e is base or e["kind"] != base["kind"]:
                continue
            # (the cheap test first: most names open with no stem of the base)
            if not any(n.startswith(opening) for n in names) or not any(
                n.startswith(f) and len(n) > len(f) + 1 and n[len(f)] in " -."
                for n in names
                for f in stems
            ):
                continue
            for org in orgs:
                _made_by(relations, e, org, f"a variant of {base['name']}")


# What opens a sentence about a name of the sentence before: a model ("OpenAI released
# GPT-5. It outperformed o3") or a company. "It" is read as a model only; where it is a
# company, the verbs that follow (raised, acquired) admit no model, so nothing is linked.
# In Chinese, "該模型" may follow a short opening phrase: "效果上，該模型超越 X".
_PRONOUN = re.compile(
    r"(?:(It|(?:The|This) (?:new |latest )?model)|(The (?:company|startup|firm)))(?![\w-])"
    r"|(?:[^。,;!?\n]{0,6},\s*)?(該模型|该模型|此模型|這款模型|这款模型|該款模型|该款模型)"
)
_OPENERS = ("It", "The", "This")
_ZH_PRONOUN = "模型"


def _antecedent(text: str, start: int, before: list[Mention], inside: list[Mention]) -> Span | None:
    """A stand-in for the pronoun that opens the sentence at ``start``: the first name of
    the sentence before of the kind it refers to. The first, not the nearest, for a
    sentence's first name is most often what it is about, and what the next one goes on
    about: "Velora Labs released Velora-7B, which beats Mistral 7B. It ..."."""
    m = _PRONOUN.match(text, start)
    if m is None or (inside and inside[0].start < m.end()):
        return None
    group = 1 if m.group(1) else 2 if m.group(2) else 3
    kind = "Organization" if group == 2 else "Model"
    for hit in before:
        if hit.kind == kind:
            return Span(m.start(group), m.end(group), hit.name, kind)
    return None


_VERSIONED = re.compile(r"[a-z]*\d[\w.]*")


def _same_version(a: str, b: str) -> bool:
    """GPT-4 / GPT-4o and Llama 3 / Llama 3.1 differ in a token carrying a digit: never merge."""
    return _VERSIONED.findall(a) == _VERSIONED.findall(b)


def resolve_in_document(text: str, hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """Settle each name once per document: aliases, short forms, surnames, near-spellings."""
    # An alias found where the text says so ("also tracked as Octo Tempest") names the same
    # entity at every other mention a rule found on its own.
    discovered = [h for h in hits if h.discovered]
    aliases: dict[tuple[str, str], str] = {}
    for hit in discovered:
        if hit.kind != "Person":
            surface = _normalized(text[hit.start : hit.end])
            if surface != _normalized(hit.name):
                aliases.setdefault((surface, hit.kind), hit.name)
    if aliases:
        for hit in discovered:
            if _normalized(hit.name) == _normalized(text[hit.start : hit.end]):
                hit.name = aliases.get((_normalized(hit.name), hit.kind), hit.name)
    # A discovered name that is a near-spelling of a known one (case, a dropped letter).
    for hit in discovered:
        key = _normalized(hit.name)
        best = _near_spelling(gazetteer, key, hit.kind)
        if best is not None and _same_version(key, best):
            hit.name, hit.discovered = gazetteer.lookup(best)[0], False

    # "Opus 4.6" after "Claude Opus 4.6": a word-suffix of a longer name of the same kind.
    keys = [_normalized(h.name) for h in hits]
    names = {(key, h.kind): h.name for key, h in zip(keys, hits, strict=True)}
    # (the words after any space of a name, kind) -> the first such name
    longer: dict[tuple[str, str], str] = {}
    for (other, kind), full in names.items():
        at = other.find(" ")
        while at >= 0:
            longer.setdefault((other[at + 1 :], kind), full)
            at = other.find(" ", at + 1)
    if longer:
        for key, hit in zip(keys, hits, strict=True):
            full = longer.get((key, hit.kind))
            if full is not None and (hit.kind == "Person" or _has_digit(key)):
                hit.name = full

    # "Halden" after "Mira Halden": the surname alone, outside any other name.
    people = {h.name for h in hits if h.kind == "Person" and " " in h.name}
    if not people:
        return hits
    # Characters inside a name so far: an overlap test costs the surname's length, not the
    # number of names (which made entity-dense text quadratic).
    taken = bytearray(len(text) + 1)
    for h in hits:
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    extra = []
    for full in sorted(people):
        surname = full.rsplit(" ", 1)[1]
        if len(surname) < 3 or not surname[0].isupper() or surname not in text:
            continue
        for start, end in _standalone(text, surname):
            if 1 not in taken[start:end]:
                extra.append(_Hit(start, end, full, "Person", False))
                taken[start:end] = b"\x01" * (end - start)
    return hits + extra


def _later_mentions(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Every other mention of a name discovered in the document: a rule finds "TPS" where
    it is defined ("Tidal Policy Shaping (TPS)"), the text then goes on calling it "TPS"."""
    surfaces: dict[str, _Hit] = {}
    for hit in hits:
        if hit.discovered:
            surface = text[hit.start : hit.end]
            cjk = not surface.isascii()
            if len(surface) >= (3 if cjk else 2) and surface not in surfaces:
                surfaces[surface] = hit
    if not surfaces:
        return []
    taken = sorted((h.start, h.end) for h in hits)
    starts = [s for s, _ in taken]
    extra: list[_Hit] = []
    for surface, hit in surfaces.items():
        spans = (
            _standalone(text, surface)
            if surface.isascii()
            else ((m.start(), m.end()) for m in re.finditer(re.escape(surface), text))
        )
        for start, end in spans:
            at = bisect_right(starts, start)
            # overlaps a taken span: the one starting at or before it, or the next one
            if (at and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end):
                continue
            extra.append(_Hit(start, end, hit.name, hit.kind, True))
    return extra


def _standalone(text: str, word: str) -> Iterator[tuple[int, int]]:
    r"""Spans of ``word`` not inside a longer word or a hyphenated name: the matches of
    ``(?<![\w-])word(?![\w-])``, found without compiling a pattern for every surname."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _joined(text[at - 1])) and (end == len(text) or not _joined(text[end])):
            yield at, end
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)


def _joined(ch: str) -> bool:
    # \w in a str pattern is str.isalnum() or "_"
    return ch.isalnum() or ch == "_" or ch == "-"


_NEAR_CACHE = 1 << 15


@lru_cache(maxsize=1 << 16)
def _has_digit(key: str) -> bool:
    return any(ch.isdigit() for ch in key)


def _near_spelling(gazetteer: Gazetteer, key: str, kind: str) -> str | None:
    """The known surface of ``kind`` closest to ``key`` (ratio >= 92), remembered per gazetteer."""
    cache = gazetteer.near
    if (key, kind) in cache:
        return cache[key, kind]
    choices = gazetteer.names_of_kind(kind)
    best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=92) if choices else None
    if len(cache) >= _NEAR_CACHE:
        cache.clear()
    cache[key, kind] = found = best[0] if best else None
    return found


def _evidence(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


@lru_cache(maxsize=1)
def default_extractor() -> RuleExtractor:
    """The bundled gazetteer, or a folder of your own lists named by KG_GAZETTEER_DIR."""
    import os
    from pathlib import Path

    folder = os.environ.get("KG_GAZETTEER_DIR")
    if not folder:
        return RuleExtractor()
    ontology = load_ontology()
    return RuleExtractor(ontology, load_gazetteer(ontology, Path(folder)))


def build_rule_extractor(gazetteer_dir: str = "") -> RuleExtractor:
    """The registry's factory (``kg.extractor.EXTRACTORS["rules"]``)."""
    if not gazetteer_dir:
        return default_extractor()
    from pathlib import Path

    ontology = load_ontology()
    return RuleExtractor(ontology, load_gazetteer(ontology, Path(gazetteer_dir)))
