"""Issue 20: a bolt:// address where no Neo4j answers is a one-line store error within a
bounded time, whatever answers there instead."""

from __future__ import annotations

import socket
import time

import pytest

from tests.http_fixture import RawTCPServer


class _NotNeo4j(RawTCPServer):
    """A TCP server on 127.0.0.1 that answers a Bolt client as something else would."""

    scheme = "bolt"

    def __init__(self, mode: str) -> None:
        super().__init__(backlog=16)
        self.mode = mode

    def answer(self, conn: socket.socket) -> None:
        replies = {
            "http": b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
            "garbage": b"\x00\x00\x00\x05not-bolt-at-all" * 8,
            "version99": b"\x00\x00\x00\x63",  # a Bolt version no driver speaks
        }
        if self.mode == "close":
            return
        conn.recv(1024)
        if self.mode == "silent":
            self.stop.wait(60)
            return
        conn.sendall(replies[self.mode])
        self.stop.wait(1)


@pytest.mark.parametrize(
    ("mode", "says"),
    [
        ("http", "an HTTP server answers there"),
        ("close", "Bolt handshake"),
        ("garbage", "Bolt"),
        ("version99", "does not speak Neo4j's Bolt protocol"),
        ("silent", "sends no Bolt handshake"),
    ],
)
def test_a_bolt_address_that_is_not_neo4j_is_one_line(mode, says, kg):
    with _NotNeo4j(mode) as uri:
        started = time.monotonic()
        result = kg("stats", "--store", uri)
        took = time.monotonic() - started
    assert result.code == 1, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    assert lines[0].startswith(f"error: {uri}: ") and says in lines[0], lines[0]
    assert "7687" in lines[0]  # the fix names the usual port
    assert took < 40, f"{mode}: {took:.1f} s"


def test_nothing_listening_and_no_such_host_say_so(kg, monkeypatch):
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    result = kg("stats", "--store", f"bolt://127.0.0.1:{port}")
    assert result.code == 1 and "Neo4j is not reachable" in result.err
    real = socket.getaddrinfo
    asked = []

    def resolve(host, *args, **kwargs):  # no DNS query leaves the machine
        if host == "no-such-host.invalid":
            asked.append(host)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    result = kg("stats", "--store", "bolt://no-such-host.invalid:7687")
    assert result.code == 1 and "cannot resolve the host name" in result.err
    assert asked  # the override answered, not a DNS server
    assert "Traceback" not in result.err
