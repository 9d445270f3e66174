"""How well a rendered brief keeps to its language: the body lines (outside front matter,
blockquotes and rules) without Chinese text, in Simplified script, or mostly Chinese."""

from __future__ import annotations

import re

from reports.writer import has_cjk, is_simplified

_CJK = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")
_URL = re.compile(r"\]\([^)]*\)|https?://\S+")
_NAMES_ONLY = re.compile(r"^(?:`[^`]*`\s*)+$")  # 本日關鍵詞: a list of names, as the seeds write it


def body_lines(markdown: str) -> list[str]:
    """Lines a reader reads as text: not front matter, quotes, rules or bare markup; link
    targets dropped (a URL is not prose)."""
    text = markdown
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5 :] if end >= 0 else text
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(">") or set(stripped) <= set("-*_ "):
            continue
        visible = _URL.sub("]", stripped)
        if _LETTER.search(visible) and not _NAMES_ONLY.match(visible):
            out.append(visible)
    return out


def mostly_chinese(line: str) -> bool:
    letters = _LETTER.findall(line)
    return bool(letters) and sum(1 for ch in letters if _CJK.match(ch)) > len(letters) / 2


def line_ratios(markdown: str) -> dict[str, float]:
    lines = body_lines(markdown)
    n = max(1, len(lines))
    return {
        "lines": len(lines),
        "without_cjk": round(sum(1 for x in lines if not has_cjk(x)) / n, 4),
        "simplified": round(sum(1 for x in lines if is_simplified(x)) / n, 4),
        "with_cjk": round(sum(1 for x in lines if has_cjk(x)) / n, 4),
        "mostly_chinese": round(sum(1 for x in lines if mostly_chinese(x)) / n, 4),
    }
