"""Feeds over real HTTP on 127.0.0.1: conditional GET, canonical URLs, failures kept."""

from pathlib import Path

import pytest

from tests.http_fixture import LocalServer, Response

FEEDS = Path(__file__).parent / "data" / "feeds"


def conditional(body: bytes, etag: str, content_type: str):
    def handler(request):
        if request.headers.get("If-None-Match") == etag:
            return Response(304)
        return Response(200, body, {"ETag": etag, "Content-Type": content_type})

    return handler


@pytest.fixture
def server():
    with LocalServer() as srv:
        srv.routes["/ai.rss"] = conditional(
            (FEEDS / "ai_news.rss").read_bytes(), '"v1"', "application/rss+xml"
        )
        srv.routes["/threat.atom"] = conditional(
            (FEEDS / "threats.atom").read_bytes(), '"t1"', "application/atom+xml"
        )
        yield srv


def test_feeds_ingest_then_only_what_is_new(tmp_path, kg, server):
    store = tmp_path / "g.lbdb"
    first = kg(
        "ingest",
        "feed",
        server.url("/ai.rss"),
        server.url("/threat.atom"),
        "--store",
        store,
        "--json",
    )
    assert first.code == 3  # the untitled entry is quarantined
    rows = {r["source"]: r for r in first.json()}
    assert (
        rows[server.url("/ai.rss")]["new"] == 2 and rows[server.url("/ai.rss")]["quarantined"] == 1
    )
    assert rows[server.url("/threat.atom")]["new"] == 1
    arts = kg("query", "day_articles", "-p", "day=2026-03-02", "--store", store, "--json").json()
    assert [a["url"] for a in arts] == ["https://aiwire.example/2026/03/02/meta-manus"]
    late = kg("query", "day_articles", "-p", "day=2026-03-05", "--store", store, "--json").json()
    assert (
        late and late[0]["title"] == "NVIDIA leads round in Velora Labs"
    )  # 09:00 -0500 is 22:00 in Taipei
    zh = kg("query", "day_articles", "-p", "day=2026-03-06", "--store", store, "--json").json()
    assert zh[0]["lang"] == "zh-Hant" and "UNC3886" in zh[0]["text"] and "<p>" not in zh[0]["text"]
    quarantine = kg("quarantine", "list", "--store", store, "--json").json()
    assert any(
        "no title" in q["reason"] and q["source"].startswith(server.url("/ai.rss"))
        for q in quarantine
    )

    again = kg(
        "ingest",
        "feed",
        server.url("/ai.rss"),
        server.url("/threat.atom"),
        "--store",
        store,
        "--json",
    )
    assert again.code == 0
    assert all(r["status"] == "not modified" and r["new"] == 0 for r in again.json())
    sent = [h for m, p, h, _ in server.requests if p == "/ai.rss"]
    assert sent[-1].get("If-None-Match") == '"v1"'


def test_broken_sources_are_reported_and_never_stop_the_others(tmp_path, kg, server, monkeypatch):
    monkeypatch.setenv("KG_HTTP_TIMEOUT", "0.5")
    monkeypatch.setenv("KG_MAX_FETCH_MB", "0.01")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<rss><channel><title>&lol2;</title></channel></rss>"
    )
    server.routes["/500"] = lambda r: Response(500, b"boom")
    server.routes["/slow"] = lambda r: Response(200, b"<rss/>", delay=2.0)
    server.routes["/bomb"] = lambda r: Response(200, bomb)
    server.routes["/big"] = lambda r: Response(200, b"<rss>" + b"x" * 50_000 + b"</rss>")
    server.routes["/garbage"] = lambda r: Response(200, b"\xff\xfe not xml at all \x00\x01")
    urls = [server.url(p) for p in ("/500", "/slow", "/bomb", "/big", "/garbage", "/ai.rss")]
    store = tmp_path / "g.lbdb"
    result = kg("ingest", "feed", *urls, "--store", store, "--json")
    assert result.code == 3
    rows = {r["source"]: r for r in result.json()}
    assert rows[server.url("/ai.rss")]["new"] == 2
    reasons = {
        q["source"]: q["reason"]
        for q in kg("quarantine", "list", "--store", store, "--json").json()
    }
    assert "HTTP 500" in reasons[server.url("/500")]
    assert "timed out" in reasons[server.url("/slow")]
    assert "ENTITY" in reasons[server.url("/bomb")]
    assert "limit" in reasons[server.url("/big")]
    assert "not a readable RSS/Atom feed" in reasons[server.url("/garbage")]


def test_full_text_replaces_the_summary_or_keeps_it_with_a_report(tmp_path, kg):
    page = (
        "<html><head><title>x</title></head><body><nav>menu</nav><article><h1>Meta acquires Manus</h1>"
        + "".join(
            f"<p>Paragraph {i}: Meta acquired Manus, the agent startup, after months of talks.</p>"
            for i in range(8)
        )
        + "</article><footer>footer</footer></body></html>"
    ).encode()
    with LocalServer() as srv:
        srv.routes["/a1"] = lambda r: Response(
            200, page, {"Content-Type": "text/html; charset=utf-8"}
        )
        feed = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            f"<item><title>Meta acquires Manus</title><link>{srv.url('/a1')}</link>"
            f"<pubDate>Mon, 02 Mar 2026 01:30:00 GMT</pubDate><description>Short.</description></item>"
            f"<item><title>Gone</title><link>{srv.url('/missing')}</link>"
            f"<pubDate>Mon, 02 Mar 2026 02:30:00 GMT</pubDate><description>Kept summary.</description></item>"
            f"</channel></rss>"
        ).encode()
        srv.routes["/f.rss"] = lambda r: Response(200, feed)
        store = tmp_path / "g.lbdb"
        result = kg("ingest", "feed", srv.url("/f.rss"), "--full-text", "--store", store, "--json")
    assert result.code == 3 and result.json()[0]["new"] == 2
    arts = {
        a["title"]: a
        for a in kg(
            "query", "day_articles", "-p", "day=2026-03-02", "--store", store, "--json"
        ).json()
    }
    assert (
        "Paragraph 7" in arts["Meta acquires Manus"]["text"]
        and "menu" not in arts["Meta acquires Manus"]["text"]
    )
    assert arts["Gone"]["text"] == "Kept summary."
    reasons = [q["reason"] for q in kg("quarantine", "list", "--store", store, "--json").json()]
    assert any("full text" in r and "404" in r for r in reasons)


def test_arxiv_through_a_local_api(tmp_path, kg, monkeypatch):
    monkeypatch.setenv("KG_ARXIV_DELAY", "0")
    body = (FEEDS / "arxiv_response.xml").read_bytes()
    with LocalServer() as srv:
        srv.routes["/api/query"] = lambda r: Response(
            200, body, {"Content-Type": "application/atom+xml"}
        )
        store = tmp_path / "g.lbdb"
        args = (
            "ingest",
            "arxiv",
            "--category",
            "cs.AI",
            "--since",
            "2026-03-01",
            "--max",
            "2",
            "--api-url",
            srv.url("/api/query"),
            "--store",
            store,
            "--json",
        )
        first = kg(*args)
        assert first.code == 0, first.err
        assert first.json()[0]["new"] == 2
        query = [p for m, p, h, b in srv.requests][0]
        assert "cat%3Acs.AI" in query and "submittedDate" in query
        assert kg(*args).json()[0]["new"] == 0
    arts = kg("query", "day_articles", "-p", "day=2026-03-04", "--store", store, "--json").json()
    paper = next(a for a in arts if a["id"] == "arXiv:2603.01234")
    assert paper["url"] == "https://arxiv.org/abs/2603.01234" and paper["source_kind"] == "research"
    assert "author:Ada Researcher" in paper["tags"] and "cat:cs.CL" in paper["tags"]
    assert paper["title"] == "AgentArena-Bench: Evaluating Tool-Using Agents in Live Arenas"


def test_arxiv_failure_is_quarantined_not_a_crash(tmp_path, kg, monkeypatch):
    monkeypatch.setenv("KG_ARXIV_DELAY", "0")
    with LocalServer() as srv:
        srv.routes["/api/query"] = lambda r: Response(503, b"busy")
        result = kg(
            "ingest",
            "arxiv",
            "--category",
            "cs.AI",
            "--api-url",
            srv.url("/api/query"),
            "--store",
            tmp_path / "g.lbdb",
        )
    assert result.code == 3
    reasons = [
        q["reason"]
        for q in kg("quarantine", "list", "--store", tmp_path / "g.lbdb", "--json").json()
    ]
    assert any("HTTP 503" in r for r in reasons)


def test_kg_ingest_runs_every_configured_source(tmp_path, kg, server, monkeypatch):
    config = tmp_path / "kg.toml"
    config.write_text(
        f'[[feeds]]\nurl = "{server.url("/ai.rss")}"\nname = "AI Wire"\n\n'
        f'[[feeds]]\nurl = "{server.url("/threat.atom")}"\nkind = "threat"\nlanguage = "zh-TW"\n\n'
        f'[[feeds]]\nurl = "{server.url("/missing.rss")}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KG_CONFIG", str(config))
    store = tmp_path / "g.lbdb"
    result = kg("ingest", "--store", store, "--json")
    assert result.code == 3
    rows = {r["source"]: r for r in result.json()}
    assert (
        rows[server.url("/missing.rss")]["failed"]
        and "404" in rows[server.url("/missing.rss")]["status"]
    )
    assert rows[server.url("/ai.rss")]["new"] == 2 and rows[server.url("/threat.atom")]["new"] == 1
    threat = kg("query", "day_articles", "-p", "day=2026-03-06", "--store", store, "--json").json()
    assert threat[0]["source_kind"] == "threat" and threat[0]["source"] == "資安週刊"
    config.write_text('[[feeds]]\nurl = "ftp://nope"\n', encoding="utf-8")
    bad = kg("ingest", "--store", store)
    assert bad.code == 2 and "kg.toml" in bad.err and "http" in bad.err


def test_the_example_configuration_is_valid(monkeypatch):
    from kg.config import load_settings

    monkeypatch.setenv("KG_CONFIG", str(Path(__file__).resolve().parent.parent / "kg.toml.example"))
    settings = load_settings()
    assert len(settings.feeds) >= 10 and settings.arxiv
    assert {f.kind for f in settings.feeds} == {"news", "threat"}
    assert any(f.language.startswith("zh") for f in settings.feeds)


def test_quarantine_show_and_retry(tmp_path, kg):
    calls = {"n": 0}
    body = (FEEDS / "ai_news.rss").read_bytes()

    def flaky(request):
        calls["n"] += 1
        return Response(503, b"down") if calls["n"] == 1 else Response(200, body)

    with LocalServer() as srv:
        srv.routes["/flaky.rss"] = flaky
        store = tmp_path / "g.lbdb"
        assert kg("ingest", "feed", srv.url("/flaky.rss"), "--store", store).code == 3
        items = kg("quarantine", "list", "--store", store, "--json").json()
        feed_item = next(q for q in items if q["source"] == srv.url("/flaky.rss"))
        shown = kg("quarantine", "show", feed_item["id"][:8], "--store", store)
        assert shown.code == 0 and "HTTP 503" in shown.out
        retried = kg("quarantine", "retry", feed_item["id"], "--store", store, "--json")
        assert retried.json() == [
            {"id": feed_item["id"], "source": srv.url("/flaky.rss"), "outcome": "ingested"}
        ]
        assert retried.code == 0
    assert kg("stats", "--store", store, "--json").json()["articles"] == 2
    left = [q["source"] for q in kg("quarantine", "list", "--store", store, "--json").json()]
    assert srv.url("/flaky.rss") not in left and any("#entry3" in s for s in left)
    missing = kg("quarantine", "show", "zzz", "--store", store)
    assert missing.code == 2 and "no such record" in missing.err
