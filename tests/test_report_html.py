"""The HTML report, parsed: usable on a phone, chips readable and linked, nothing the
markdown has left out."""

import re
from html.parser import HTMLParser

from reports.html_style import AA_CONTRAST, _rgb, contrast


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.ids, self.chips, self.legend, self.headings = {}, set(), [], [], []
        self._in_legend = self._heading = False
        self._chip = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "name" in a:
            self.meta[a["name"]] = a.get("content", "")
        if "id" in a:
            self.ids.add(a["id"])
        if a.get("class") == "legend":
            self._in_legend = True
        if a.get("class") in {"chip", "swatch"}:
            self._chip = {"href": a.get("href"), "style": a.get("style", ""), "text": ""}
        if tag in {"h2", "h3"}:
            self._heading = True
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag in {"a", "span"} and self._chip is not None:
            (self.legend if self._in_legend else self.chips).append(self._chip)
            self._chip = None
        if tag == "div":
            self._in_legend = False
        if tag in {"h2", "h3"}:
            self._heading = False

    def handle_data(self, data):
        if self._chip is not None:
            self._chip["text"] += data
        if self._heading:
            self.headings[-1] += data


def _colours(style):
    bg = re.search(r"background: (#[0-9a-f]{6})", style).group(1)
    fg = re.search(r"color: (#[0-9a-f]{6})", style).group(1)
    return _rgb(bg), _rgb(fg)


def test_html_report_is_readable_linked_and_complete(sample_store, sample_days, kg):
    day = sample_days[-1]
    html = kg("report", "--date", day, "--format", "html", "--store", sample_store).out
    md = kg("report", "--date", day, "--store", sample_store).out
    page = _Page()
    page.feed(html)
    assert page.meta["viewport"].startswith("width=device-width")
    assert page.chips and page.legend
    for chip in page.chips + page.legend:
        bg, fg = _colours(chip["style"])
        assert contrast(bg, fg) >= AA_CONTRAST, chip
    for chip in page.chips:
        assert chip["href"].startswith("#") and chip["href"][1:] in page.ids, chip
    assert {c["text"] for c in page.legend} >= {
        re.search(r'title="([^"]+)"', m).group(1)
        for m in re.findall(r'<a class="chip"[^>]*>', html)
    }
    md_sections = [line[3:].strip() for line in md.splitlines() if line.startswith("## ")]
    md_sub = [line[4:].strip() for line in md.splitlines() if line.startswith("### ")]
    for heading in md_sections + [h for h in md_sub if not h.startswith(("\\", "["))]:
        assert heading.replace("\\", "") in page.headings, heading
    assert "深度文章推薦" in page.headings and "相關技術背景" in page.headings
