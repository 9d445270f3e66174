"""What the HTML report needs beyond the report itself: readable chip colours (WCAG AA)
and the index of each entity's evidence that its chips link to."""

from __future__ import annotations

import hashlib

from reports.builder import Link, Report

AA_CONTRAST = 4.5  # WCAG 2.x AA for normal-size text
HTML_LABELS = {
    "zh-TW": {"legend": "圖例", "evidence": "實體出處"},
    "en": {"legend": "Legend", "evidence": "Entity evidence"},
}


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    try:
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    except ValueError:
        return (0x88, 0x88, 0x88)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def chip_colours(colour: str) -> tuple[str, str]:
    """(background, text) for a kind colour: black or white text, whichever reads better;
    when neither reaches AA the background is darkened until white text does."""
    bg = _rgb(colour)
    black, white = (0, 0, 0), (255, 255, 255)
    if contrast(bg, black) >= AA_CONTRAST and contrast(bg, black) >= contrast(bg, white):
        return _hex(bg), "#000000"
    while contrast(bg, white) < AA_CONTRAST:
        bg = tuple(int(c * 0.9) for c in bg)  # type: ignore[assignment]
    return _hex(bg), "#ffffff"


def anchor(name: str) -> str:
    return "ev-" + hashlib.sha1(name.encode()).hexdigest()[:10]


def entity_evidence(report: Report) -> dict[str, list[Link]]:
    """Each entity on a chip -> the sources of the items that name it, first seen first."""
    out: dict[str, list[Link]] = {}
    items = list(report.focus) + [it for items in report.sections.values() for it in items]
    for it in items:
        for name in it.entities:
            links = out.setdefault(name, [])
            for link in it.sources:
                if all(link.url != have.url for have in links):
                    links.append(link)
    for e in report.new_entities:
        out.setdefault(e.name, [])
    return out
