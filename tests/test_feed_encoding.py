"""Issue 20: a feed or page in another encoding than UTF-8 is decoded by what it declares,
or refused with a reason; never stored as mojibake."""

from __future__ import annotations

import pytest

from tests.http_fixture import LocalServer, Response

CYRILLIC = "Компания Полярис привлекла инвестиции"
LATIN = "Café Noël lève des fonds à Zürich"


def _feed(title: str, encoding: str, declared: str = "") -> bytes:
    head = f'<?xml version="1.0" encoding="{declared}"?>' if declared else '<?xml version="1.0"?>'
    return (
        f'{head}<rss version="2.0"><channel><title>T</title><item><title>{title}</title>'
        "<link>https://example.com/a</link><pubDate>Mon, 02 Mar 2026 01:30:00 GMT</pubDate>"
        f"<description>{title}, une histoire.</description></item></channel></rss>"
    ).encode(encoding)


def _ingest(kg, tmp_path, body: bytes, content_type: str, *extra: str):
    with LocalServer() as srv:
        srv.routes["/f.rss"] = lambda r: Response(200, body, {"Content-Type": content_type})
        store = tmp_path / "g.lbdb"
        result = kg("ingest", "feed", srv.url("/f.rss"), *extra, "--store", store, "--json")
        titles = kg("cypher", "MATCH (a:Article) RETURN a.title AS t", "--store", store, "--json")
        reasons = [q["reason"] for q in kg("quarantine", "list", "--store", store, "--json").json()]
    return result, [r["t"] for r in titles.json()], reasons


@pytest.mark.parametrize(
    ("title", "encoding", "declared", "content_type"),
    [
        (CYRILLIC, "cp1251", "", "application/rss+xml; charset=windows-1251"),  # HTTP only
        (CYRILLIC, "cp1251", "windows-1251", "application/rss+xml"),  # XML declaration only
        (LATIN, "latin-1", "ISO-8859-1", "text/xml"),
        (LATIN, "utf-16", "utf-16", "application/rss+xml"),
    ],
)
def test_a_declared_encoding_is_decoded(title, encoding, declared, content_type, tmp_path, kg):
    result, titles, reasons = _ingest(kg, tmp_path, _feed(title, encoding, declared), content_type)
    assert result.code == 0, (result.out, reasons)
    assert titles == [title]


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (_feed(CYRILLIC, "cp1251"), "application/rss+xml", "declares no encoding"),
        (_feed(LATIN, "latin-1", "utf-8"), "application/rss+xml", "declared as utf-8"),
        (_feed(LATIN, "latin-1"), "application/rss+xml; charset=utf-8", "declared as utf-8"),
    ],
)
def test_bytes_that_are_not_what_is_declared_are_refused(body, content_type, reason, tmp_path, kg):
    result, titles, reasons = _ingest(kg, tmp_path, body, content_type)
    assert result.code == 3 and result.json()[0]["failed"]
    assert titles == []
    assert len(reasons) == 1 and reason in reasons[0], reasons


PAGE_TEXT = "".join(
    f"<p>Le café numéro {i} à Zürich a levé des fonds pour ses robots, déclare Noël.</p>"
    for i in range(6)
)


@pytest.mark.parametrize(
    ("head", "content_type", "stored"),
    [
        ('<meta charset="iso-8859-1">', "text/html", True),
        ("", "text/html; charset=iso-8859-1", True),
        ("", "text/html", False),  # undeclared and not UTF-8: refused, not guessed
        ("", "text/html; charset=utf-8", False),  # says UTF-8, is not: the summary stays
    ],
)
def test_full_text_pages_are_decoded_by_their_charset(head, content_type, stored, tmp_path, kg):
    page = f"<html><head>{head}<title>x</title></head><body><article>{PAGE_TEXT}</article>"
    page += "</body></html>"
    with LocalServer() as srv:
        srv.routes["/page"] = lambda r: Response(
            200, page.encode("latin-1"), {"Content-Type": content_type}
        )
        feed = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
            f"<title>Robots</title><link>{srv.url('/page')}</link>"
            "<pubDate>Mon, 02 Mar 2026 01:30:00 GMT</pubDate>"
            "<description>Short one.</description></item></channel></rss>"
        ).encode()
        srv.routes["/f.rss"] = lambda r: Response(200, feed, {"Content-Type": "text/xml"})
        store = tmp_path / "g.lbdb"
        kg("ingest", "feed", srv.url("/f.rss"), "--full-text", "--store", store)
        text = kg("cypher", "MATCH (a:Article) RETURN a.text AS t", "--store", store, "--json")
        reasons = [q["reason"] for q in kg("quarantine", "list", "--store", store, "--json").json()]
    (value,) = [r["t"] for r in text.json()]
    assert "\ufffd" not in value
    if stored:
        assert "Le café numéro 5 à Zürich" in value and reasons == []
    else:
        assert value == "Short one."
        assert len(reasons) == 1 and "refused rather than guessed" in reasons[0], reasons
