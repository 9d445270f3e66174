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


ORION, HELIX, NIMBUS = (
    ("Orion-7", "Model"),
    ("Helix Labs", "Organization"),
    ("Nimbus Labs", "Organization"),
)
STUDIO, CLOUD = ("Helix Studio", "Product"), ("Nimbus Cloud", "Product")


def switched_owner():
    """Orion-7 is Helix Labs' model, mentioned every third day; on the last day it is
    Nimbus Labs's. The day before the switch does not mention it at all."""
    rows = planted()
    for d in (3, 6, 9):
        rows.append(
            article(
                d,
                40,
                [ORION, HELIX, STUDIO],
                "Orion-7, the model developed by Helix Labs, ships to Helix Studio users.",
            )
        )
    rows.append(
        article(
            13,
            40,
            [ORION, NIMBUS, CLOUD],
            "Orion-7, the model developed by Nimbus Labs, ships to Nimbus Cloud users.",
        )
    )
    return rows


def test_a_switch_of_owner_is_found_at_window_1(tmp_path, kg):
    store = load(tmp_path, kg, switched_owner(), "switch")
    args = ("--date", "2026-03-14", "--window", "1", "--baseline", "7", "--store", store)
    data = kg("trends", *args, "--json").json()
    change = next(c for c in data["neighbourhood_changes"] if c["entity"] == "Orion-7")
    assert change["switch"] is True
    first = change["new_neighbours"][0]
    assert (first["name"], first["relation"]) == ("Nimbus Labs", "DEVELOPED_BY")
    # a single co-mention (Nimbus Cloud) is no change worth naming; the stated relation is
    assert [n["name"] for n in change["new_neighbours"]] == ["Nimbus Labs"]
    lost = {n["name"]: n for n in change["lost_neighbours"]}
    assert lost["Helix Labs"]["relation"] == "DEVELOPED_BY"
    # stated in the baseline, not on the previous day (which does not mention Orion-7)
    assert lost["Helix Labs"]["evidence"] == ["t-06-40", "t-09-40"]
    assert first["evidence"] == ["t-13-40"] and set(change["evidence"]) >= {"t-13-40", "t-09-40"}
    switches = [s for s in data["statements"] if s["kind"] == "switch"]
    assert switches and "Helix Labs → Nimbus Labs" in switches[0]["text"]
    assert data["neighbourhood_changes"][0]["score"] >= change["score"]


def test_a_baseline_before_the_data_is_clipped_and_said(tmp_path, kg):
    store = load(tmp_path, kg, planted(), "clip")
    thin = trends(kg, store, day="2026-03-03", window="3")
    assert thin["coverage"]["thin"] and thin["coverage"]["covered_days"] == 0
    assert thin["rising"] == [] and thin["fading"] == [] and thin["new_entities"] == []
    assert thin["new_links"] == []
    assert thin["statements"][0]["kind"] == "coverage"
    result = kg("trends", "--date", "2026-03-05", "--baseline", "7", "--store", store, "--json")
    clipped = result.json()["coverage"]
    assert clipped["clipped"] and not clipped["thin"]
    assert (clipped["covered_days"], clipped["baseline_days"]) == (4, 7)
    assert clipped["data_since"] == "2026-03-01" and "clipped" in clipped["note"]
    text = kg("trends", "--date", "2026-03-05", "--baseline", "7", "--lang", "en", "--store", store)
    assert "Baseline clipped to 2026-03-01" in text.out


def test_fading_is_reported_with_baseline_evidence(tmp_path, kg):
    store = load(tmp_path, kg, planted(), "fade")
    result = kg("trends", "--date", "2026-03-11", "--baseline", "7", "--store", store, "--json")
    fading = {t["name"]: t for t in result.json()["fading"]}
    assert "Mify-Coder-2.5B" in fading and fading["Mify-Coder-2.5B"]["current"] == 0
    assert fading["Mify-Coder-2.5B"]["reason"] in {"below", "quiet"}
    assert all(f"2026-03-{e[2:4]}" >= "2026-03-03" for e in fading["Mify-Coder-2.5B"]["evidence"])
    assert fading["Mify-Coder-2.5B"]["evidence"]
