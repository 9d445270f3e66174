"""Deterministic sentences from trend numbers, in zh-TW and en, each with its evidence."""

from __future__ import annotations

from pydantic import BaseModel

from reports.labels import KIND_LABELS, RELATION_PHRASES
from reports.trends import Trends

_SEP = {"zh-TW": "、", "en": ", "}


class Statement(BaseModel):
    kind: (
        str  # coverage | switch | neighbourhood | rising | fading | new_link | new_entity | cluster
    )
    text: str
    evidence: list[str]  # article ids
    subject: str = ""  # the entity the statement is about


def _names(items, lang: str, limit: int = 5) -> str:
    return _SEP[lang].join(i.name for i in items[:limit])


def statements(trends: Trends, lang: str = "zh-TW") -> list[Statement]:
    zh = lang == "zh-TW"
    kinds = KIND_LABELS.get(lang, {})
    out: list[Statement] = []
    cov = trends.coverage
    if cov is not None and cov.note:
        if zh:
            text = (
                f"基準期僅 {cov.covered_days}/{cov.baseline_days} 天有資料（資料自 {cov.data_since} 起），不足以判斷升降"
                if cov.thin
                else f"基準期已截至資料起點 {cov.data_since}（{cov.covered_days}/{cov.baseline_days} 天有資料）"
            )
        else:
            text = cov.note[0].upper() + cov.note[1:]
        out.append(Statement(kind="coverage", text=text, evidence=[]))
    for c in trends.neighbourhood_changes:
        gained, lost = _names(c.new_neighbours, lang), _names(c.lost_neighbours, lang)
        switches = [
            (old, new)
            for old in c.lost_neighbours
            if old.relation != "co-mention"
            for new in c.new_neighbours
            if new.relation == old.relation
        ]
        if switches:
            old, new = switches[0]
            if zh:
                text = f"{c.entity} 關係轉換（{old.relation}）：{old.name} → {new.name}"
            else:
                text = f"{c.entity} switched {old.relation}: {old.name} -> {new.name}"
            out.append(Statement(kind="switch", text=text, evidence=c.evidence, subject=c.entity))
            continue
        if zh:
            text = f"{c.entity} 本期新連結：{gained or '（無）'}；不再出現：{lost or '（無）'}（鄰域 Jaccard 距離 {c.jaccard}）"
        else:
            text = f"{c.entity} newly linked with {gained or 'nothing'}; no longer with {lost or 'nothing'} (neighbourhood Jaccard distance {c.jaccard})"
        out.append(Statement(kind="neighbourhood", text=text, evidence=c.evidence))
    for t in trends.rising:
        text = (
            f"{t.name} 聲量上升：本期 {t.current} 篇，基準平均 {t.baseline_mean} 篇（z = {t.score}）"
            if zh
            else f"{t.name} is rising: {t.current} articles this window against a baseline of {t.baseline_mean} (z = {t.score})"
        )
        out.append(Statement(kind="rising", text=text, evidence=t.evidence, subject=t.name))
    for link in trends.new_links:
        phrase = (
            RELATION_PHRASES[lang].get(link.type, "{h} – {t}").format(h=link.head, t=link.tail)
            if link.type != "co-mention"
            else (
                f"{link.head} 與 {link.tail} 同時被報導"
                if zh
                else f"{link.head} and {link.tail} covered together"
            )
        )
        text = (
            f"首次連結：{phrase}（{link.weight} 篇）"
            if zh
            else f"First link: {phrase} ({link.weight} articles)"
        )
        out.append(Statement(kind="new_link", text=text, evidence=link.evidence))
    for t in trends.fading:
        text = (
            f"{t.name} 聲量轉弱：本期 {t.current} 篇，基準平均 {t.baseline_mean} 篇"
            if zh
            else f"{t.name} is fading: {t.current} articles this window against a baseline of {t.baseline_mean}"
        )
        out.append(Statement(kind="fading", text=text, evidence=t.evidence))
    for t in trends.new_entities[:5]:
        label = kinds.get(t.kind, t.kind)
        text = (
            f"新出現的{label}：{t.name}（{t.current} 篇）"
            if zh
            else f"New {label}: {t.name} ({t.current} articles)"
        )
        out.append(Statement(kind="new_entity", text=text, evidence=t.evidence))
    for c in trends.clusters:
        members = _SEP[lang].join(c.members[:6])
        words = {
            "appeared": ("新主題群", "New cluster"),
            "grew": ("主題群擴大", "Cluster grew"),
            "split": ("主題群分裂", "Cluster split"),
        }
        text = (
            f"{words[c.change][0 if zh else 1]}：{members}"
            if zh
            else f"{words[c.change][1]}: {members}"
        )
        out.append(Statement(kind="cluster", text=text, evidence=[]))
    return out
