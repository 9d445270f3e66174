"""Issue 20: nothing dropped, nothing hangs, nothing escapes (through the kg command)."""

from __future__ import annotations

import json
import time

import pytest

from kg.cypher_guard import read_only_problem

GOOD = {
    "url": "https://example.com/a/{n}",
    "title": "Nimbus Labs raises money {n}",
    "published": "2026-03-02T09:00:00+08:00",
    "text": "Nimbus Labs said on Monday it raised new funding for robots. Story {n}.",
}


def good(n: int) -> dict:
    return {k: v.format(n=n) for k, v in GOOD.items()}


BAD_VALUES = [
    {**good(0), "entities": 5},
    {**good(0), "published": "9999-12-31T23:59:00-05:00"},
    {**good(0), "published": "0001-01-01T00:30:00+05:00"},
    {**good(0), "published": "3000-01-01"},
    {**good(0), "published": "1985-06-01"},
    {**good(0), "id": {"x": 1}},
    {**good(0), "tags": 7},
    {**good(0), "entities": [{"name": "A", "kind": 3}]},
]


def _ingest(kg, path, store):
    result = kg("ingest", "files", path, "--store", store, "--json")
    return result, json.loads(result.out) if result.out.strip().startswith("{") else None


def test_any_bad_record_is_quarantined_and_the_batch_goes_on(tmp_path, kg):
    lines = []
    for i, bad in enumerate(BAD_VALUES):
        lines.append(json.dumps(good(100 + i)))
        lines.append(json.dumps({**bad, "url": f"https://example.com/bad/{i}"}))
    lines.append("[" * 100_000 + "]" * 100_000)  # nesting json cannot parse
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "g.lbdb"
    result, report = _ingest(kg, path, store)
    assert result.code == 3, result.err
    assert report["read"] == len(lines)
    assert report["new"] == len(BAD_VALUES)
    assert report["quarantined"] == len(BAD_VALUES) + 1
    wheres = {p["where"] for p in report["problems"]}
    assert wheres == {f"{path}:{2 * i + 2}" for i in range(len(BAD_VALUES))} | {
        f"{path}:{len(lines)}"
    }
    reasons = " ".join(p["reason"] for p in report["problems"])
    assert "in the future" in reasons and "before 1990-01-01" in reasons
    # the year-3000 record did not become the latest report day
    days = kg("stats", "--store", store, "--json").json()["days"]
    assert days == ["2026-03-02"]


def test_dates_window_is_a_setting(tmp_path, kg, monkeypatch):
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({**good(1), "published": "1985-06-01"}) + "\n", encoding="utf-8")
    monkeypatch.setenv("KG_EARLIEST_DATE", "1980-01-01")
    result, report = _ingest(kg, path, tmp_path / "g.lbdb")
    assert result.code == 0 and report["new"] == 1


def test_markdown_front_matter_bad_date_bom_nul_and_alias_bomb(tmp_path, kg):
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "bom.md").write_text(
        "\ufeff---\ntitle: Nimbus Labs ships\npublished: 2026-03-02\nurl: https://e.com/b\n---\n"
        "Nimbus Labs shipped a robot.\x00 It walks.\n",
        encoding="utf-8",
    )
    (folder / "far.md").write_text(
        "---\ntitle: Far\npublished: 9999-12-31T23:00:00-05:00\n---\nText here.\n", encoding="utf-8"
    )
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    (folder / "bomb.md").write_text(
        f"---\ntitle: Bomb\npublished: 2026-03-02\n{bomb}---\nText.\n", encoding="utf-8"
    )
    store = tmp_path / "g.lbdb"
    started = time.monotonic()
    result, report = _ingest(kg, folder, store)
    assert time.monotonic() - started < 120
    assert report["read"] == 3 and report["new"] == 1 and report["quarantined"] == 2
    reasons = {p["where"].rsplit("/", 1)[-1]: p["reason"] for p in report["problems"]}
    assert "aliases" in reasons["bomb.md"] and "future" in reasons["far.md"]
    rows = kg(
        "cypher", "MATCH (a:Article) RETURN a.title AS t, a.text AS x", "--store", store, "--json"
    ).json()
    assert rows[0]["t"] == "Nimbus Labs ships" and "\x00" not in rows[0]["x"]


def test_report_archive_with_a_far_date_is_quarantined(tmp_path, kg):
    path = tmp_path / "r.md"
    path.write_text(
        "---\ntitle: r\ndate: 0001-01-01T00:10:00+08:00\n---\n## 今日焦點\n### X\n**核心摘要**：文字。\n",
        encoding="utf-8",
    )
    result = kg("ingest", "report", path, "--store", tmp_path / "g.lbdb", "--json")
    report = json.loads(result.out)
    assert result.code == 3 and report["read"] == 1 and report["quarantined"] == 1


def test_an_oversized_line_and_article_are_quarantined(tmp_path, kg, monkeypatch):
    monkeypatch.setattr("kg.sources.files.MAX_LINE_BYTES", 200_000)
    monkeypatch.setenv("KG_MAX_ARTICLE_MB", "0.05")
    path = tmp_path / "big.jsonl"
    big = {**good(1), "text": "Nimbus Labs builds robots. " * 4000}  # ~108 KB
    huge = {**good(2), "text": "x" * 300_000}
    path.write_text(
        "\n".join(json.dumps(r) for r in (good(0), big, huge, good(3))) + "\n", encoding="utf-8"
    )
    result, report = _ingest(kg, path, tmp_path / "g.lbdb")
    assert report["read"] == 4 and report["new"] == 2 and report["quarantined"] == 2
    reasons = " ".join(p["reason"] for p in report["problems"])
    assert "byte limit" in reasons and "not read as an article" in reasons


@pytest.mark.parametrize(
    "statement",
    [
        "LOAD FROM '/etc/passwd' (header=false) RETURN *",
        "COPY (MATCH (a:Article) RETURN a.id) TO '/tmp/x.csv'",
        "EXPORT DATABASE '/tmp/x'",
        "IMPORT DATABASE '/tmp/x'",
        "ATTACH '/tmp/other.lbdb' AS o (dbtype lbug)",
        "INSTALL httpfs",
        "CHECKPOINT",
        "CALL checkpoint_threshold=1",
        "MATCH (a) SET a.x = 1",
        "MATCH (a) DETACH DELETE a",
        "MATCH (a) RETURN a; CREATE (:Source {id: 'y'})",
        "CALL apoc.export.csv.all('x.csv', {})",
        "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
        "match (a) merge (b:Source {id: 'x'}) return a",
    ],
)
def test_read_only_cypher_refuses_writes_and_file_access(statement, tmp_path, kg):
    problem = read_only_problem(statement)
    assert "--write" in problem
    store = tmp_path / "g.lbdb"
    kg("init", "--store", store)
    result = kg("cypher", statement, "--store", store)
    assert result.code == 1 and "--write" in result.err


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (a:Article) WHERE a.title CONTAINS 'COPY TO' RETURN a.id AS id",
        "MATCH (a:Article) RETURN a.id AS `set`, {from: 1} AS m ORDER BY `set` LIMIT 3",
        "CALL show_tables() RETURN name",
        "OPTIONAL MATCH (e:Entity) WITH e RETURN count(e) AS n // CREATE in a comment",
    ],
)
def test_read_only_cypher_lets_reads_through(statement, tmp_path, kg):
    assert read_only_problem(statement) == ""
    store = tmp_path / "g.lbdb"
    kg("init", "--store", store)
    assert kg("cypher", statement, "--store", store).code == 0


class _RawServer:
    """A TCP server on 127.0.0.1 that misbehaves: ``trickle`` sends a body byte every 0.2 s
    forever, ``headers`` sends its header lines a byte every 0.2 s forever, ``stall`` sends
    headers and then nothing."""

    def __init__(self, mode: str) -> None:
        import socket
        import threading

        self.mode = mode
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        import threading

        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn) -> None:
        try:
            conn.recv(65536)
            if self.mode == "headers":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n")
                line = b"X-Slow: a\r\n"
                sent = 0
                while not self.stop.is_set():
                    conn.sendall(line[sent % len(line) :][:1])
                    sent += 1
                    time.sleep(0.2)
                return
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                b"Connection: close\r\n\r\n<?xml version='1.0'?><rss>"
            )
            while not self.stop.is_set():
                if self.mode == "trickle":
                    conn.sendall(b" ")
                time.sleep(0.2)
        except OSError:
            pass
        finally:
            conn.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/feed.rss"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.sock.close()


@pytest.mark.parametrize("mode", ["trickle", "headers", "stall"])
def test_a_trickling_or_stalling_server_is_cut_off(mode, tmp_path, kg, monkeypatch):
    monkeypatch.setenv("KG_HTTP_DEADLINE", "2")
    monkeypatch.setenv("KG_HTTP_TIMEOUT", "1")
    with _RawServer(mode) as server:
        started = time.monotonic()
        result = kg("ingest", "feed", server.url, "--store", tmp_path / "g.lbdb", "--json")
        took = time.monotonic() - started
    rows = result.json()
    assert result.code == 3 and rows[0]["failed"]
    assert ("timed out" if mode == "stall" else "cut off") in rows[0]["status"]
    assert took < 20, f"{mode}: the run took {took:.1f} s"


def test_full_text_never_reaches_an_internal_host_the_user_did_not_name(tmp_path, kg, monkeypatch):
    from tests.http_fixture import LocalServer, Response

    page = (
        "<html><body><article>"
        + "".join(f"<p>Internal secret paragraph {i} of the admin page.</p>" for i in range(8))
        + "</article></body></html>"
    ).encode()
    with LocalServer() as srv:
        port = srv.httpd.server_address[1]
        srv.routes["/admin"] = lambda r: Response(200, page, {"Content-Type": "text/html"})
        srv.routes["/jump"] = lambda r: Response(302, b"", {"Location": srv.url("/admin")})
        feed = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            f"<item><title>Internal</title><link>http://localhost:{port}/admin</link>"
            "<pubDate>Mon, 02 Mar 2026 01:30:00 GMT</pubDate><description>Short one.</description></item>"
            f"</channel></rss>"
        ).encode()
        srv.routes["/f.rss"] = lambda r: Response(200, feed)
        store = tmp_path / "g.lbdb"
        result = kg("ingest", "feed", srv.url("/f.rss"), "--full-text", "--store", store, "--json")
        assert result.code == 3 and result.json()[0]["new"] == 1
        text = kg("cypher", "MATCH (a:Article) RETURN a.text AS t", "--store", store, "--json")
        assert text.json() == [{"t": "Short one."}]
        reasons = [q["reason"] for q in kg("quarantine", "list", "--store", store, "--json").json()]
        assert any("internal address" in r for r in reasons)

        monkeypatch.setenv("KG_ALLOW_PRIVATE_HOSTS", "true")
        other = tmp_path / "h.lbdb"
        kg("ingest", "feed", srv.url("/f.rss"), "--full-text", "--store", other)
        text = kg("cypher", "MATCH (a:Article) RETURN a.text AS t", "--store", other, "--json")
        assert "Internal secret paragraph 7" in text.json()[0]["t"]


def test_a_redirect_to_an_internal_host_is_refused():
    from kg.errors import SourceError
    from kg.sources.http import client, fetch
    from tests.http_fixture import LocalServer, Response

    with LocalServer() as srv:
        port = srv.httpd.server_address[1]
        srv.routes["/admin"] = lambda r: Response(200, b"secret")
        srv.routes["/jump"] = lambda r: Response(
            302, b"", {"Location": f"http://localhost:{port}/admin"}
        )
        with client(5.0, allowed_hosts=["127.0.0.1"]) as http:
            assert fetch(http, srv.url("/admin")).body == b"secret"  # the configured host
            with pytest.raises(SourceError, match="internal address"):
                fetch(http, srv.url("/jump"))
        with client(5.0) as plain:  # no guard asked for: redirects followed as before
            assert fetch(plain, srv.url("/jump")).body == b"secret"


def test_report_links_are_http_only_and_cannot_inject_markup(tmp_path, kg):
    hostile = [
        "https://example.com/a)\n\n![pixel](https://evil.example/p.png",
        "file:///etc/passwd",
        "javascript:alert(1)",
    ]
    records = [
        {
            **good(i),
            "url": url,
            "id": f"hostile-{i}",
            "title": f"Nimbus Labs raises Series B round {i}",
            "text": f"Nimbus Labs raised $20 million from Acme Ventures, the company said. Note {i}.",
        }
        for i, url in enumerate(hostile)
    ]
    path = tmp_path / "h.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    store = tmp_path / "g.lbdb"
    assert kg("ingest", "files", path, "--store", store).code == 0
    md = kg("report", "--date", "2026-03-02", "--lang", "en", "--store", store)
    html = kg(
        "report", "--date", "2026-03-02", "--lang", "en", "--format", "html", "--store", store
    )
    assert md.code == 0 and html.code == 0, md.err + html.err
    assert "example.com/a%29" in md.out  # the link survived, its ')' encoded
    for text in (md.out, html.out):
        assert "](https://evil" not in text and "![pixel]" not in text
        assert "file:///" not in text and "javascript:" not in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Example.com/a b", "https://example.com/a%20b"),
        ("https://x.com/p?q=<b>&r=%zz", "https://x.com/p?q=%3Cb%3E&r=%25zz"),
        ("https://user:pw@x.com:8080/", "https://x.com:8080/"),
        ("ftp://x.com/a", ""),
        ("https:///nohost", ""),
    ],
)
def test_safe_link_normalises_and_encodes(url, expected):
    from kg.safe_url import safe_link

    assert safe_link(url) == expected


@pytest.mark.parametrize("command", ["trends", "watch", "report"])
def test_a_date_in_year_one_is_a_usage_error_not_a_traceback(command, sample_store, kg, tmp_path):
    wl = tmp_path / "wl.yaml"
    wl.write_text("watch:\n  - name: OpenAI\n    rules: [mention]\n", encoding="utf-8")
    extra = ["--watchlist", wl] if command == "watch" else []
    result = kg(command, "--date", "0001-01-05", "--store", sample_store, *extra)
    assert result.code == 2 and "year between" in result.err


def test_report_out_is_written_whole(sample_store, sample_days, kg, tmp_path):
    target = tmp_path / "deep" / "r.md"
    result = kg("report", "--date", sample_days[-1], "--out", target, "--store", sample_store)
    assert result.code == 0 and target.read_text(encoding="utf-8").startswith("---")
    assert [p.name for p in target.parent.iterdir()] == ["r.md"]  # no partial file left


def test_nul_bytes_in_any_field_never_reach_the_reports(tmp_path, kg):
    record = {
        **good(1),
        "title": "Nimbus\x00 Labs raises money",
        "source": "Wire\x00 Daily",
        "tags": ["robots\x00"],
        "entities": [{"name": "Nimbus\x00 Labs", "kind": "Organization"}],
    }
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = tmp_path / "g.lbdb"
    assert kg("ingest", "files", path, "--store", store).code == 0
    for fmt in ("md", "html", "json"):
        report = kg("report", "--store", store, "--format", fmt)
        assert report.code == 0, report.err
        assert "\x00" not in report.out and "\\u0000" not in report.out, fmt
    assert "Wire Daily" in kg("report", "--store", store, "--format", "md").out
