"""Watchlist alerts: every alert arrives exactly once across runs, through a flaky webhook."""

import json

from tests.http_fixture import LocalServer, Response
from tests.test_trends import load, planted

WATCHLIST = """\
watch:
  - name: granite typhoon          # matched case-insensitively, through aliases too
    rules: [new_relation]
    severity: high
  - kind: ThreatActor
    rules:
      - new_relation: {{counterpart_kind: Organization}}
  - pattern: ".*Bench$"
    rules: [spike, new_entity]
  - name: Federated Learning
    rules:
      - neighbourhood_change: {{threshold: 0.8}}
sinks:
  - console: true
  - jsonl: alerts.jsonl
  - webhook: {url}
"""


def test_alerts_arrive_exactly_once_through_a_flaky_webhook(
    tmp_path, kg, monkeypatch, store_location
):
    store = load(tmp_path, kg, planted(), "w", store_location)
    monkeypatch.setenv("KG_HTTP_TIMEOUT", "0.5")
    calls = {"n": 0}
    received = []

    def receiver(request):
        calls["n"] += 1
        if calls["n"] <= 4:  # the first run's attempts: server errors
            return Response(500, b"down")
        if calls["n"] <= 8:  # the second run's: too slow
            return Response(200, b"ok", delay=1.0)
        received.append(json.loads(request.rfile_body))
        return Response(200, b"ok")

    with LocalServer() as srv:

        def handler(request):
            request.rfile_body = srv.requests[-1][3]
            return receiver(request)

        srv.routes["/hook"] = handler
        wl = tmp_path / "watchlist.yaml"
        wl.write_text(WATCHLIST.format(url=srv.url("/hook")), encoding="utf-8")
        args = ("watch", "--date", "2026-03-12", "--watchlist", wl, "--store", store, "--json")

        first = kg(*args)
        assert first.code == 3, first.err  # webhook pending
        data = first.json()
        rules = {(a["entry"], a["rule"]) for a in data["alerts"]}
        assert ("granite typhoon", "new_relation") in rules
        # two entries (the name and the kind) match the same fact: one alert answering both
        targets = [a for a in data["alerts"] if a["rule"] == "new_relation"]
        assert len(targets) == 1 and targets[0]["entries"] == [
            "granite typhoon",
            "kind:ThreatActor",
        ]
        assert targets[0]["severity"] == "high"
        assert (".*Bench$".join(["pattern:", ""]), "spike") in rules
        assert ("Federated Learning", "neighbourhood_change") in rules
        ids = {a["id"] for a in data["alerts"]}
        assert data["new"] == len(ids) > 0
        lines = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
        assert sorted(json.loads(x)["id"] for x in lines) == sorted(ids)

        second = kg(*args)
        assert second.code == 3 and second.json()["new"] == 0
        third = kg(*args)
        assert third.code == 0, third.err
        fourth = kg(*args)
        assert fourth.code == 0 and fourth.json()["delivered"] == {}

        delivered = [a["id"] for body in received for a in body["alerts"]]
        assert sorted(delivered) == sorted(ids), "each alert exactly once at the webhook"
        assert all("text" in body for body in received)
        alert = received[0]["alerts"][0]
        for key in ("id", "entry", "rule", "entity", "kind", "date", "severity", "evidence"):
            assert key in alert
        assert alert["evidence"] and {"article", "title", "url", "sentence"} <= set(
            alert["evidence"][0]
        )
        # the JSONL file still holds each alert once
        lines = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(ids)

        replay = kg(*args, "--replay")
        assert replay.code == 0
        assert len((tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()) == 2 * len(
            ids
        )


def test_watchlist_errors_name_the_line(tmp_path, kg):
    store = tmp_path / "g.lbdb"
    kg("init", "--store", store)
    kg(
        "cypher",
        "CREATE (:Article {id: 'x', day: date('2026-03-01'), title: 't', url: 'u', source: 's', "
        "source_kind: 'news', published: '2026-03-01T00:00:00+08:00', lang: 'en', text: 't', content_hash: 'h'})",
        "--write",
        "--store",
        store,
    )
    wl = tmp_path / "wl.yaml"
    wl.write_text(
        "watch:\n  - name: A\n    rules: [mention]\n  - kind: Gadget\n    rules: [mention]\n",
        encoding="utf-8",
    )
    result = kg("watch", "--watchlist", wl, "--store", store)
    assert result.code == 2 and "wl.yaml:4" in result.err and "Gadget" in result.err
    wl.write_text("watch:\n  - name: A\n    rules: [sparkle]\n", encoding="utf-8")
    result = kg("watch", "--watchlist", wl, "--store", store)
    assert result.code == 2 and "wl.yaml:2" in result.err and "rules" in result.err
    wl.write_text("watch:\n  - rules: [mention]\nsinks:\n  - webhook: ftp://x\n", encoding="utf-8")
    result = kg("watch", "--watchlist", wl, "--store", store)
    assert result.code == 2 and "wl.yaml:2" in result.err


def test_watchlist_hits_raise_importance_and_lead_the_watch_list(
    sample_store, sample_days, kg, tmp_path
):
    day = sample_days[-1]
    plain = json.loads(kg("report", "--date", day, "--format", "json", "--store", sample_store).out)
    wl = tmp_path / "wl.yaml"
    wl.write_text(
        "watch:\n  - name: Velora Labs\n    rules: [mention]\n    severity: high\n",
        encoding="utf-8",
    )
    watched = json.loads(
        kg(
            "report", "--date", day, "--format", "json", "--watchlist", wl, "--store", sample_store
        ).out
    )

    def items(report):
        return {
            it["title"]: it
            for it in report["focus"] + [i for s in report["sections"].values() for i in s]
        }

    before, after = items(plain), items(watched)
    raised = [t for t, it in after.items() if "關注實體" in it["score_reason"]]
    assert raised and set(after) == set(before)
    for title in raised:
        assert after[title]["score"] == round(before[title]["score"] + 1.5, 2)
    for title in set(after) - set(raised):
        assert after[title]["score"] == before[title]["score"]
    first = watched["insights"]["watchlist"][0]["text"]
    assert first.startswith("[high] Velora Labs · mention")


def test_webhook_4xx_is_not_retried_and_url_comes_from_env(tmp_path, kg, monkeypatch):
    store = load(tmp_path, kg, planted(), "w4")
    with LocalServer() as srv:
        srv.routes["/hook"] = lambda r: Response(403, b"forbidden")
        monkeypatch.setenv("KG_TEST_HOOK", srv.url("/hook"))
        wl = tmp_path / "wl.yaml"
        wl.write_text(
            "watch:\n  - kind: ThreatActor\n    rules: [new_relation]\nsinks:\n  - webhook: env:KG_TEST_HOOK\n",
            encoding="utf-8",
        )
        result = kg("watch", "--date", "2026-03-12", "--watchlist", wl, "--store", store, "--json")
        assert result.code == 3
        assert len([r for r in srv.requests if r[1] == "/hook"]) == 1, "a 4xx is not retried"
        assert (
            "403" in result.json()["failures"][0]
            and srv.url("/hook") not in result.json()["failures"][0]
        )
        monkeypatch.delenv("KG_TEST_HOOK")
        missing = kg("watch", "--date", "2026-03-12", "--watchlist", wl, "--store", store, "--json")
        assert missing.code == 3 and "KG_TEST_HOOK is not set" in missing.json()["failures"][0]
