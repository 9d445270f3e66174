"""Issue 20, the network: bounds that hold below httpx (rebinding, slow headers, webhooks)."""

from __future__ import annotations

import socket
import time

import pytest

from kg.errors import SourceError
from tests.http_fixture import LocalServer, RawTCPServer, Response

PUBLIC = "93.184.216.34"  # what the name answers first; never connected to (see _local_only)


@pytest.fixture
def rebinding(monkeypatch):
    """``rebind.test`` answers a public address once, then 127.0.0.1: a resolver override in
    this process, and connections to anything but this machine fail, so nothing leaves it."""
    real_resolve, real_connect = socket.getaddrinfo, socket.create_connection
    answers: list[str] = []

    def resolve(host, port, *args, **kwargs):
        if host == "rebind.test":
            answers.append(PUBLIC if not answers else "127.0.0.1")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[-1], port or 0))]
        return real_resolve(host, port, *args, **kwargs)

    def local_only(address, *args, **kwargs):
        infos = socket.getaddrinfo(address[0], address[1], type=socket.SOCK_STREAM)
        if any(info[4][0] != "127.0.0.1" for info in infos):
            raise OSError(f"test refuses to leave the machine: {address}")
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket, "create_connection", local_only)
    return answers


def test_a_name_that_rebinds_to_loopback_is_refused_at_connect(rebinding):
    from kg.sources.http import client, fetch

    with LocalServer() as srv:
        port = srv.httpd.server_address[1]
        srv.routes["/admin"] = lambda r: Response(200, b"secret")
        refused = pytest.raises(SourceError, match="resolved to 127.0.0.1 when connecting")
        with client(5.0, allowed_hosts=["127.0.0.1"]) as http, refused:
            fetch(http, f"http://rebind.test:{port}/admin")
        assert rebinding[0] == PUBLIC  # the name check saw a public address
        assert srv.requests == []  # and the internal server was never asked


def test_full_text_through_a_rebinding_name_keeps_the_summary(rebinding, tmp_path, kg):
    with LocalServer() as srv:
        port = srv.httpd.server_address[1]
        page = "".join(f"<p>Internal secret paragraph {i}.</p>" for i in range(8))
        srv.routes["/admin"] = lambda r: Response(200, f"<html><body>{page}</body></html>".encode())
        srv.routes["/f.rss"] = lambda r: Response(
            200,
            (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                f"<item><title>Rebound</title><link>http://rebind.test:{port}/admin</link>"
                "<pubDate>Mon, 02 Mar 2026 01:30:00 GMT</pubDate>"
                "<description>Short one.</description></item></channel></rss>"
            ).encode(),
        )
        store = tmp_path / "g.lbdb"
        result = kg("ingest", "feed", srv.url("/f.rss"), "--full-text", "--store", store, "--json")
        assert result.code == 3 and result.json()[0]["new"] == 1
        text = kg("cypher", "MATCH (a:Article) RETURN a.text AS t", "--store", store, "--json")
        assert text.json() == [{"t": "Short one."}]
        reasons = [q["reason"] for q in kg("quarantine", "list", "--store", store, "--json").json()]
        assert any("internal address" in r for r in reasons), reasons
        assert [r[1] for r in srv.requests] == ["/f.rss"]


def test_the_configured_host_may_still_be_internal():
    from kg.sources.http import client, fetch

    with LocalServer() as srv:
        srv.routes["/x"] = lambda r: Response(200, b"fine")
        with client(5.0, allowed_hosts=["127.0.0.1"]) as http:
            assert fetch(http, srv.url("/x")).body == b"fine"
        refused = pytest.raises(SourceError, match="internal address")
        with client(5.0, allowed_hosts=[]) as http, refused:
            fetch(http, srv.url("/x"))


class _SlowHeaders(RawTCPServer):
    """Answers every connection with a status line, then header bytes one every 0.2 s."""

    path = "/hook"

    def answer(self, conn: socket.socket) -> None:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        while not self.stop.is_set():
            conn.sendall(b"X")
            time.sleep(0.2)


def test_a_webhook_that_trickles_its_headers_is_cut_off_per_attempt():
    from kg.sources.webhook import post_json

    with _SlowHeaders() as url:
        started = time.monotonic()
        with pytest.raises(SourceError, match="after 2 attempts"):
            post_json(url, {"alerts": []}, timeout=1.0, retries=1, backoff=0.0)
        took = time.monotonic() - started
    assert took < 10, f"two 1-second attempts took {took:.1f} s"


def test_fetch_cuts_off_slow_headers_at_the_deadline():
    from kg.sources.http import client, fetch

    with _SlowHeaders() as url, client(5.0) as http:
        started = time.monotonic()
        with pytest.raises(SourceError, match="cut off"):
            fetch(http, url, deadline=1.0)
        assert time.monotonic() - started < 10


def test_quarantine_retry_does_not_fetch_a_refused_internal_page(tmp_path, kg):
    with LocalServer() as srv:
        port = srv.httpd.server_address[1]
        srv.routes["/admin"] = lambda r: Response(200, b"<rss><channel></channel></rss>")
        srv.routes["/f.rss"] = lambda r: Response(
            200,
            (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                f"<item><title>Inside</title><link>http://localhost:{port}/admin</link>"
                "<pubDate>Mon, 02 Mar 2026 01:30:00 GMT</pubDate>"
                "<description>Short one.</description></item></channel></rss>"
            ).encode(),
        )
        store = tmp_path / "g.lbdb"
        kg("ingest", "feed", srv.url("/f.rss"), "--full-text", "--store", store)
        held = kg("quarantine", "list", "--store", store, "--json").json()
        assert [q["source"] for q in held] == [f"http://localhost:{port}/admin"]
        result = kg("quarantine", "retry", "--store", store, "--json")
        assert result.code == 3 and "internal address" in result.out, result.out
        assert [r[1] for r in srv.requests] == ["/f.rss"]  # /admin was never asked for
