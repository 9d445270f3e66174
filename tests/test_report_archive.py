"""Report archives: the two seed reports import completely and re-render for their days."""

import json
import re

from tests.conftest import SEEDS


def seed_items(path):
    text = path.read_text(encoding="utf-8")
    items = re.findall(r"^### (.+)\n(?:(?!^### |^## ).*\n)*?\*\*關鍵實體\*\*", text, re.M)
    return items


def test_both_seeds_import_completely_and_rerender(tmp_path, kg):
    store = tmp_path / "g.lbdb"
    seeds = sorted(SEEDS.glob("*.txt"))
    result = kg("ingest", "report", *seeds, "--store", store, "--json")
    assert result.code == 0, result.err
    expected = {p: seed_items(p) for p in seeds}
    assert result.json()["new"] == sum(len(v) for v in expected.values()) >= 60
    for path, titles in expected.items():
        day = re.search(
            r"^date: (\d{4}-\d{2}-\d{2})", path.read_text(encoding="utf-8"), re.M
        ).group(1)
        arts = kg("query", "day_articles", "-p", f"day={day}", "--store", store, "--json").json()
        assert sorted(a["title"] for a in arts) == sorted(t.strip() for t in titles)
        assert all(a["source_kind"] == "report" and a["url"].startswith("http") for a in arts)
        assert any(t.startswith("重要性:") for a in arts for t in a["tags"])
        # every 關鍵實體 of the seed is an entity of that day
        mentions = kg(
            "query", "day_mentions", "-p", f"day={day}", "--store", store, "--json"
        ).json()
        annotated = {m["name"] for m in mentions if m["origin"] == "annotation"}
        assert "UNC3886" in annotated or "RAST" in annotated
        report = json.loads(kg("report", "--date", day, "--format", "json", "--store", store).out)
        kept = {
            a
            for it in report["focus"] + [i for s in report["sections"].values() for i in s]
            for a in it["articles"]
        }
        kept |= {
            d
            for it in report["focus"] + [i for s in report["sections"].values() for i in s]
            for d in it["duplicates"]
        }
        assert kept == {a["id"] for a in arts}, (
            "every imported item appears in the re-rendered report"
        )
    again = kg("ingest", "report", *seeds, "--store", store, "--json").json()
    assert again["new"] == 0
