"""Alerts under faults and hostile input: kill -9 mid-delivery, two watchlists, secret
webhook URLs, backtracking patterns, a non-UTF-8 file, common-word aliases."""

import json
import os
import signal
import subprocess
import sys
import threading
import time

from reports.alerts import Watchlist, evaluate
from tests.http_fixture import LocalServer, Response
from tests.test_trends import load, planted

DAY = "2026-03-12"
ENTRIES = """\
watch:
  - name: granite typhoon
    rules: [new_relation, mention]
    severity: high
  - kind: ThreatActor
    rules: [mention]
  - pattern: ".*Bench$"
    rules: [spike, mention]
  - kind: Method
    rules: [mention]
"""


def _kg_process(*args):
    code = "from kg.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "KG_HTTP_TIMEOUT": "30"},
    )


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_kill_9_during_delivery_duplicates_nothing(tmp_path, kg):
    store = load(tmp_path, kg, planted(), "k")
    release = threading.Event()
    seen = threading.Event()

    def blocking(request):
        seen.set()
        release.wait(30)  # the sender is killed while waiting for this answer
        return Response(200, b"ok")

    with LocalServer() as srv:
        srv.routes["/hook/s3cr3t-token"] = blocking
        wl = tmp_path / "wl.yaml"
        wl.write_text(
            ENTRIES + "sinks:\n  - jsonl: out.jsonl\n"
            f"  - webhook: {srv.url('/hook/s3cr3t-token')}\n",
            encoding="utf-8",
        )
        proc = _kg_process("watch", "--date", DAY, "--watchlist", wl, "--store", store)
        assert seen.wait(60), "the webhook was never called"
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        release.set()
        killed_key = srv.requests[-1][2]["Idempotency-Key"]
        killed_ids = {a["id"] for a in json.loads(srv.requests[-1][3])["alerts"]}

        srv.routes["/hook/s3cr3t-token"] = lambda request: Response(200, b"ok")
        again = kg("watch", "--date", DAY, "--watchlist", wl, "--store", store, "--json")
        assert again.code == 0, again.err
        ids = {a["id"] for a in again.json()["alerts"]}
        lines = _lines(tmp_path / "out.jsonl")
        assert sorted(a["id"] for a in lines) == sorted(ids), "one JSONL line per alert id"
        # the interrupted batch is sent again alone, with the same key, so a receiver that
        # honours Idempotency-Key (or the alert ids) sees each alert once
        bodies = [(h["Idempotency-Key"], json.loads(b)) for _m, _p, h, b in srv.requests]
        assert (
            bodies[1][0] == killed_key and {a["id"] for a in bodies[1][1]["alerts"]} == killed_ids
        )
        unique = {key: {a["id"] for a in body["alerts"]} for key, body in bodies}
        received = [i for batch in unique.values() for i in batch]
        assert sorted(received) == sorted(ids)
        assert kg("watch", "--date", DAY, "--watchlist", wl, "--store", store).code == 0
        assert len(srv.requests) == len(bodies), "nothing left to send"


def test_kills_at_any_moment_leave_one_line_per_alert(tmp_path, kg):
    store = load(tmp_path, kg, planted(), "r")
    wl = tmp_path / "wl.yaml"
    wl.write_text(ENTRIES + "sinks:\n  - jsonl: out.jsonl\n", encoding="utf-8")
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0):
        proc = _kg_process("watch", "--date", DAY, "--watchlist", wl, "--store", store)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    final = kg("watch", "--date", DAY, "--watchlist", wl, "--store", store, "--json")
    assert final.code == 0, final.err
    ids = sorted(a["id"] for a in final.json()["alerts"])
    assert ids and sorted(a["id"] for a in _lines(tmp_path / "out.jsonl")) == ids


def test_two_watchlists_each_get_their_alerts_and_sinks_are_redacted(tmp_path, kg):
    store = load(tmp_path, kg, planted(), "two")
    received = []
    with LocalServer() as srv:

        def hook(request):
            received.append(json.loads(srv.requests[-1][3]))
            return Response(200, b"ok")

        srv.routes["/hook/s3cr3t-token"] = hook
        first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
        first.write_text(ENTRIES + "sinks:\n  - jsonl: a.jsonl\n", encoding="utf-8")
        second.write_text(
            ENTRIES + f"sinks:\n  - webhook: {srv.url('/hook/s3cr3t-token')}\n", encoding="utf-8"
        )
        a = kg("watch", "--date", DAY, "--watchlist", first, "--store", store, "--json")
        b = kg("watch", "--date", DAY, "--watchlist", second, "--store", store, "--json")
    assert a.code == 0 and b.code == 0, b.err
    ids = sorted(x["id"] for x in a.json()["alerts"])
    assert b.json()["new"] == 0 and ids
    assert sorted(x["id"] for x in received[0]["alerts"]) == ids, "the second list got them too"
    assert "s3cr3t" not in b.out and "s3cr3t" not in b.err
    (sink,) = b.json()["sinks"]
    assert sink.startswith("webhook:http://127.0.0.1:") and "#" in sink and "/hook" not in sink
    graph = kg("cypher", "MATCH (d:AlertDelivery) RETURN d.sink AS sink", "--store", store)
    assert "webhook:http://127.0.0.1" in graph.out and "s3cr3t" not in graph.out
    alerts = kg("cypher", "MATCH (x:Alert) RETURN x.payload AS p", "--store", store)
    assert "s3cr3t" not in alerts.out


def test_hostile_and_unsafe_patterns(tmp_path, kg):
    store = load(tmp_path, kg, planted(), "re")
    wl = tmp_path / "wl.yaml"
    for bad in (r"(a)\\1", "(?=Bench)", "((a{100}){100}){100}"):
        wl.write_text(f'watch:\n  - name: X\n  - pattern: "{bad}"\n', encoding="utf-8")
        result = kg("watch", "--date", DAY, "--watchlist", wl, "--store", store)
        assert result.code == 2 and "wl.yaml:3" in result.err and "refused" in result.err
    # a pattern that backtracks exponentially elsewhere is linear here
    spec = Watchlist.model_validate({"watch": [{"pattern": "(a+)+$"}]})
    name = "a" * 50_000 + "!"
    data = {
        "entities": [{"id": "Model:x", "name": name, "kind": "Model", "aliases": []}],
        "mentions": [{"article": "x", "entity": "Model:x", "evidence": name}],
        "new_relations": [],
        "articles": [{"id": "x", "title": "t", "url": "https://x.example/"}],
    }
    done = []
    worker = threading.Thread(target=lambda: done.append(evaluate(spec, DAY, data)), daemon=True)
    worker.start()
    worker.join(60)  # a bound against a hang, not a speed measurement
    assert done and done[0] == []


def test_a_non_utf8_watchlist_is_named(tmp_path, kg):
    store = load(tmp_path, kg, planted()[:5], "u")
    wl = tmp_path / "wl.yaml"
    wl.write_bytes("watch:\n  - name: Caf\xe9\n".encode("latin-1"))
    result = kg("watch", "--watchlist", wl, "--store", store)
    assert result.code == 2 and "wl.yaml:2" in result.err and "not UTF-8" in result.err
    assert "Traceback" not in result.err


def test_common_word_alias_never_fires_alone_and_one_alert_per_event():
    spec = Watchlist.model_validate(
        {
            "watch": [
                {"name": "Silicon Labs", "rules": ["mention"]},
                {"kind": "Organization", "rules": ["mention"], "severity": "high"},
            ]
        }
    )
    entity = {"id": "Organization:silicon-labs", "name": "Silicon Labs", "kind": "Organization"}
    entity["aliases"] = ["Silicon", "SiLabs"]
    articles = [{"id": i, "title": i, "url": f"https://x.example/{i}"} for i in ("a1", "a2")]

    def alerts(snippets):
        data = {
            "entities": [entity],
            "mentions": [
                {"article": a, "entity": entity["id"], "evidence": s}
                for a, s in zip(("a1", "a2"), snippets, strict=False)
            ],
            "new_relations": [],
            "articles": articles,
        }
        return evaluate(spec, DAY, data)

    assert alerts(["Start-ups in Silicon Valley raised more this year."]) == []
    (one,) = alerts(["Start-ups in Silicon Valley raised more.", "SiLabs ships a new chip."])
    assert [e["article"] for e in one["evidence"]] == ["a2"]
    assert one["entries"] == ["Silicon Labs", "kind:Organization"] and one["severity"] == "high"
    # the watchlist naming the common word itself does not match through that alias
    word = Watchlist.model_validate({"watch": [{"name": "Silicon"}]})
    data = {"entities": [entity], "mentions": [], "new_relations": [], "articles": articles}
    assert not word.watch[0].matches(entity) and evaluate(word, DAY, data) == []


BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)


def test_a_watchlist_is_read_with_yaml_bounds(tmp_path, kg, sample_store):
    """An alias bomb (10**9 values once expanded) and a malformed file are refused, named,
    by both commands that read a watchlist; through kg.safe_yaml as front matter is."""
    wl = tmp_path / "wl.yaml"
    wl.write_text(BOMB + "watch:\n  - name: X\n    label: *i\n", encoding="utf-8")
    for command in ("watch", "report"):
        started = time.monotonic()
        result = kg(command, "--watchlist", wl, "--store", sample_store)
        assert result.code == 2, result.err
        assert "wl.yaml" in result.err and "through YAML aliases" in result.err, result.err
        assert time.monotonic() - started < 60  # a bound against a hang, not a speed check
    wl.write_text("watch:\n  - name: X\n  - name: [unclosed\n", encoding="utf-8")
    result = kg("watch", "--watchlist", wl, "--store", sample_store)
    assert result.code == 2 and "not valid YAML" in result.err
    assert "wl.yaml:4" in result.err or "wl.yaml:3" in result.err, result.err
