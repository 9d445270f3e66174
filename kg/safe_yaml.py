"""YAML from files a user did not write with care: bounded in size and in alias expansion.

``yaml.safe_load`` shares the objects an alias points to, so a billion-laughs document
loads in kilobytes and then explodes in whatever walks it (str(), JSON, a model): the
issue measured 4 GB. The node graph is composed first (cheap: aliases stay shared), its
expanded size is counted with a cap, and only then is it turned into Python values.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_CHARS = 1024 * 1024
MAX_NODES = 100_000  # nodes after expanding aliases: far above any front matter or watchlist


class YAMLRefused(ValueError):
    """The YAML is too big, malformed or an alias bomb; ``line`` (1-based) when one is known,
    ``problem`` the reason without the name of the document."""

    def __init__(self, what: str, problem: str, line: int | None = None) -> None:
        self.problem = problem
        self.line = line
        super().__init__(f"{what} {problem}")


def load_yaml(
    text: str, what: str, *, max_chars: int = MAX_CHARS, max_nodes: int = MAX_NODES
) -> Any:
    """The value of one YAML document; ``YAMLRefused`` (a ``ValueError``) naming ``what``
    when it is too big, not YAML, or expands past ``max_nodes`` nodes through aliases."""
    return load_yaml_node(text, what, max_chars=max_chars, max_nodes=max_nodes)[1]


def load_yaml_node(
    text: str, what: str, *, max_chars: int = MAX_CHARS, max_nodes: int = MAX_NODES
) -> tuple[yaml.Node | None, Any]:
    """As ``load_yaml``, with the composed node tree too (its marks give line numbers)."""
    if len(text) > max_chars:
        raise YAMLRefused(what, f"is {len(text):,} characters, over the {max_chars:,} limit")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise _not_yaml(what, exc) from None
    except RecursionError:
        raise YAMLRefused(what, "is nested too deeply") from None
    if node is None:
        return None, None
    if expanded_size(node, max_nodes) > max_nodes:
        raise YAMLRefused(
            what, f"expands to over {max_nodes:,} values through YAML aliases; refused"
        )
    try:
        return node, yaml.SafeLoader(text).get_single_data()
    except yaml.YAMLError as exc:
        raise _not_yaml(what, exc) from None
    except RecursionError:
        raise YAMLRefused(what, "is nested too deeply") from None


def _not_yaml(what: str, exc: yaml.YAMLError) -> YAMLRefused:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return YAMLRefused(what, f"is not valid YAML: {problem}", mark.line + 1 if mark else None)


def expanded_size(root: yaml.Node, cap: int) -> int:
    """Nodes the document holds once every alias is expanded, counting stops past ``cap``.

    Memoised per node, so a chain of aliases costs its length, not its expansion.
    """
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int = 0) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if depth > 200:
            return cap + 1
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
                if total > cap:
                    break
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                total += size(key, depth + 1) + size(value, depth + 1)
                if total > cap:
                    break
        sizes[id(node)] = min(total, cap + 1)
        return sizes[id(node)]

    return size(root)
