"""kg site: a static site parsed back: links resolve, chips lead to entity pages, text escaped."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.loads: list[str] = []  # what a browser would fetch to show the page
        self.chips: list[tuple[str, dict]] = []  # (tag, attrs) of every chip
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in {"script", "img", "iframe"} and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"])
        if "chip" in (a.get("class") or "").split():
            self.chips.append((tag, a))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(sample_store, tmp_path_factory):
    from kg.cli import main

    out = tmp_path_factory.mktemp("site") / "site"
    with pytest.raises(SystemExit) as done:
        main(["site", "--out", str(out), "--store", str(sample_store), "--since", "2026-03-02"])
    assert done.value.code in (0, None)
    return out


def test_site_has_a_report_per_day_and_a_page_per_entity(site, sample_store, sample_days):
    from kg.store import open_store

    assert sorted(p.stem for p in (site / "reports").glob("*.html")) == sample_days
    with open_store(sample_store, read_only=True) as store:
        entities = store.run("MATCH (e:Entity) RETURN e.id AS id, e.name AS name")
    pages = list((site / "entities").glob("*.html"))
    assert len(pages) == len(entities)
    titles = {" ".join(parse(p).text).split("\n")[0] for p in pages}
    assert titles  # every page has text
    index = parse(site / "index.html")
    hrefs = set(index.links)
    assert {f"reports/{d}.html" for d in sample_days} <= hrefs
    assert len([h for h in hrefs if h.startswith("entities/")]) == len(entities)


def _check_links(site: Path) -> int:
    checked = 0
    for page_path in site.rglob("*.html"):
        page = parse(page_path)
        assert not page.loads, f"{page_path} loads {page.loads}"
        for href in page.links:
            url = urlparse(href)
            if url.scheme in {"http", "https"}:
                continue  # article sources: links out, never loaded
            assert not url.scheme and not href.startswith("/"), (page_path, href)
            if not url.path:
                continue  # a fragment on the same page
            target = (page_path.parent / unquote(url.path)).resolve()
            assert target.is_file(), f"{page_path.relative_to(site)} -> {href}"
            checked += 1
    return checked


def test_every_link_resolves_and_nothing_loads_from_the_network(site):
    assert _check_links(site) > 500


def test_a_site_of_the_last_day_has_its_report_and_still_resolves(
    kg, sample_store, sample_days, tmp_path
):
    out = tmp_path / "site"
    result = kg("site", "--out", out, "--since", sample_days[-1], "--store", sample_store, "--json")
    assert result.code == 0, result.err
    assert [p.stem for p in (out / "reports").glob("*.html")] == [sample_days[-1]]
    pages = len(list((out / "entities").glob("*.html")))
    assert 0 < pages == result.json()["entities"] < 191
    assert _check_links(out) > 100


def test_every_report_chip_links_to_an_entity_page(site):
    chips = 0
    for report in (site / "reports").glob("*.html"):
        for tag, attrs in parse(report).chips:
            assert tag == "a", f"{report.name}: a chip without a page: {attrs}"
            assert (report.parent / attrs["href"]).resolve().is_file()
            chips += 1
    assert chips > 50


def test_entity_page_shows_relations_with_evidence_timeline_and_neighbours(site):
    from reports.site import page_name

    page = (site / "entities" / page_name("Malware:inkdrop")).read_text(encoding="utf-8")
    parsed = parse(site / "entities" / page_name("Malware:inkdrop"))
    text = " ".join(parsed.text)
    assert "InkDrop" in text and "Malware" in text
    assert "attributed to" in text and "Granite Typhoon" in text
    assert "“Mandiant attributes InkDrop to Granite Typhoon”" in text  # the evidence (its headline)
    assert any(h.startswith("https://") for h in parsed.links)  # its source article
    assert page.count("<rect ") >= 1 and "articles in 90 days" in text
    assert page_name("ThreatActor:granite-typhoon") in " ".join(parsed.links)
    assert "Neighbours" in text
    apt = " ".join(parse(site / "entities" / page_name("ThreatActor:apt29")).text)
    assert "Midnight Blizzard" in apt  # aliases


def test_names_are_escaped_and_stay_text(kg, tmp_path):
    hostile = "<script>alert(1)</script> Labs"
    record = {
        "url": "https://example.test/a",
        "title": "Hostile <b>title</b>",
        "published": "2026-03-07T09:00:00+08:00",
        "lang": "en",
        "source": "Test Wire",
        "text": f"{hostile} released a model today. Velora Labs partners with Halden Systems.",
        "entities": [{"name": hostile, "kind": "Organization"}],
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = tmp_path / "g.lbdb"
    assert kg("ingest", "files", tmp_path / "a.jsonl", "--store", store).code == 0
    out = tmp_path / "site"
    result = kg("site", "--out", out, "--store", store)
    assert result.code == 0, result.err
    found = 0
    for page_path in out.rglob("*.html"):
        raw = page_path.read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<b>title" not in raw
        page = parse(page_path)
        assert all("alert(1)" not in s for s in page.scripts)
        if hostile in " ".join(page.text):
            found += 1
    assert found >= 2  # the index and the entity's own page show it as text


def test_site_of_an_empty_store_is_an_error(kg, tmp_path):
    store = tmp_path / "empty.lbdb"
    assert kg("init", "--store", store).code == 0
    result = kg("site", "--out", tmp_path / "site", "--store", store)
    assert result.code == 1 and "no articles" in result.err


CHROMIUM = Path("/usr/bin/chromium")
CHECK = """<script>
window.addEventListener("load", function () {
  var w = window.innerWidth, bad = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (r.width && (r.right > w + 1 || r.left < -1)) bad.push("offscreen " + el.tagName);
    if (el.childNodes.length && el.textContent.trim() && parseFloat(s.fontSize) < 11)
      bad.push("small " + el.tagName);
  });
  document.title = "LAYOUT:" + (bad.length ? bad.slice(0, 5).join(";") : "ok");
});
</script>"""


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"
)
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_fit_the_screen_in_headless_chromium(site, tmp_path, width):
    pages = [site / "index.html", *sorted((site / "reports").glob("*.html"))[-1:]]
    pages += sorted((site / "entities").glob("*.html"))[:3]
    for page in pages:
        copy = page.parent / f"_check_{page.name}"
        copy.write_text(page.read_text(encoding="utf-8").replace("</body>", CHECK + "</body>"))
        try:
            shot = tmp_path / f"{page.stem}-{width}.png"
            flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},900"]
            dom = subprocess.run(
                [str(CHROMIUM), *flags, "--virtual-time-budget=2000", "--dump-dom", copy.as_uri()],
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            ).stdout
            subprocess.run(
                [str(CHROMIUM), *flags, f"--screenshot={shot}", copy.as_uri()],
                capture_output=True,
                timeout=60,
                check=True,
            )
            assert shot.stat().st_size > 1000
            assert "LAYOUT:ok" in dom, f"{page.name} at {width}px: {dom.split('LAYOUT:')[1][:200]}"
        finally:
            copy.unlink()
    assert shutil.which(str(CHROMIUM))


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"
)
def test_the_layout_check_catches_a_page_wider_than_the_phone(tmp_path):
    page = tmp_path / "wide.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        '<div style="width: 2000px">wide</div><p style="font-size: 6px">tiny</p>'
        + CHECK
        + "</body></html>",
        encoding="utf-8",
    )
    dom = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=390,900",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "LAYOUT:offscreen DIV" in dom and "small P" in dom
