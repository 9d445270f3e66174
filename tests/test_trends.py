"""The trend engine on corpora with planted changes, and on a quiet corpus where it must stay silent."""

import json
from datetime import date, timedelta

START = date(2026, 3, 1)


def article(day_index, n, entities, text=""):
    day = START + timedelta(days=day_index)
    names = ", ".join(name for name, _ in entities)
    return {
        "id": f"t-{day_index:02d}-{n:02d}",
        "url": f"https://trend.example/{day_index}/{n}",
        "title": f"Story {day_index}-{n}",
        "published": f"{day.isoformat()}T10:{n:02d}:00+08:00",
        "source": f"Outlet {n % 3}",
        "text": text or f"Coverage of {names}.",
        "entities": [{"name": name, "kind": kind} for name, kind in entities],
    }


FL, CAN = ("Federated Learning", "Method"), ("CAN Bus", "Method")
IIOT, ZT, NOSTR = ("IIoT", "Method"), ("Zero Trust", "Method"), ("NOSTR", "Method")
BENCH = ("AgentArena-Bench", "Benchmark")
ACTOR, OPENAI = ("Granite Typhoon", "ThreatActor"), ("OpenAI", "Organization")
FADER = ("Mify-Coder-2.5B", "Model")
STEADY = ("Steady Corp", "Organization")


def planted():
    rows = []
    for d in range(14):
        day: list[tuple[list, str]] = [([STEADY], "")]
        if d < 11:
            day += [([FL, CAN], "")] * 3
        else:
            day += [([FL, IIOT, ZT], ""), ([FL, NOSTR, IIOT], ""), ([FL, ZT, NOSTR], "")]
        if d < 11 and d % 3 == 0:
            day.append(([BENCH], ""))
        if d >= 11:
            day += [([BENCH], "")] * 4
        if d < 11:
            day += [([ACTOR], ""), ([OPENAI], "")]
        else:
            day.append(([ACTOR, OPENAI], "Granite Typhoon targeted OpenAI in a phishing campaign."))
        if 2 <= d <= 8:
            day += [([FADER], "")] * 3
        rows += [article(d, n, entities, text) for n, (entities, text) in enumerate(day, start=1)]
    return rows


def quiet():
    return [
        article(d, n, [STEADY, ("Other Inc", "Organization")])
        for d in range(14)
        for n in range(1, 4)
    ]


def load(tmp_path, kg, rows, name, store=None):
    """Ingest rows into ``store`` (a location; by default a new embedded file)."""
    src = tmp_path / f"{name}.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = store or tmp_path / f"{name}.lbdb"
    assert kg("ingest", "files", src, "--store", store).code == 0
    return store


def trends(kg, store, day="2026-03-14", window="3"):
    result = kg(
        "trends", "--date", day, "--window", window, "--baseline", "3", "--store", store, "--json"
    )
    assert result.code == 0, result.err
    return result.json()


def test_planted_changes_are_found(tmp_path, kg, store_location):
    data = trends(kg, load(tmp_path, kg, planted(), "planted", store_location))
    change = next(c for c in data["neighbourhood_changes"] if c["entity"] == "Federated Learning")
    assert {n["name"] for n in change["new_neighbours"]} == {"IIoT", "Zero Trust", "NOSTR"}
    assert [n["name"] for n in change["lost_neighbours"]] == ["CAN Bus"]
    assert change["jaccard"] == 1.0 and change["evidence"]
    rising = {t["name"]: t for t in data["rising"]}
    assert "AgentArena-Bench" in rising and rising["AgentArena-Bench"]["current"] == 12
    assert rising["AgentArena-Bench"]["baseline_mean"] == 1.0
    assert "Mify-Coder-2.5B" in {t["name"] for t in data["fading"]}
    links = {(x["head"], x["tail"], x["type"]) for x in data["new_links"]}
    assert ("Granite Typhoon", "OpenAI", "TARGETS") in links
    link = next(x for x in data["new_links"] if x["type"] == "TARGETS")
    assert all(e.startswith("t-1") for e in link["evidence"])
    assert "Steady Corp" not in {t["name"] for t in data["rising"] + data["fading"]}
    texts = [s["text"] for s in data["statements"]]
    assert any(t.startswith("Federated Learning 本期新連結：") and "CAN Bus" in t for t in texts)


def test_quiet_corpus_stays_silent(tmp_path, kg):
    data = trends(kg, load(tmp_path, kg, quiet(), "quiet"))
    assert data["rising"] == [] and data["fading"] == []
    assert (
        data["neighbourhood_changes"] == [] and data["new_links"] == [] and data["clusters"] == []
    )


def test_english_prose_and_table(tmp_path, kg):
    store = load(tmp_path, kg, planted(), "p2")
    result = kg(
        "trends",
        "--date",
        "2026-03-14",
        "--window",
        "3",
        "--baseline",
        "3",
        "--lang",
        "en",
        "--store",
        store,
    )
    assert result.code == 0 and "Federated Learning newly linked with" in result.out
