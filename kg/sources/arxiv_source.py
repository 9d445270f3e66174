"""arXiv papers through the ``arxiv`` package (its pacing and retries), as articles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from zoneinfo import ZoneInfo

from kg.errors import SourceError
from kg.models import Article, QuarantineItem
from kg.sources.records import quarantined

DEFAULT_API = "https://export.arxiv.org/api/query"


def _add_timeout(client, seconds: float) -> None:
    """The package's requests session sends without a timeout; give every request one."""
    from requests.adapters import HTTPAdapter

    class _Timeout(HTTPAdapter):
        def send(self, request, **kwargs):
            if kwargs.get("timeout") is None:
                kwargs["timeout"] = seconds
            return super().send(request, **kwargs)

    session = getattr(client, "_session", None)
    if session is not None:
        session.mount("http://", _Timeout())
        session.mount("https://", _Timeout())


def build_query(
    categories: list[str], query: str = "", since: date | None = None, until: date | None = None
) -> str:
    parts = []
    if categories:
        parts.append("(" + " OR ".join(f"cat:{c}" for c in categories) + ")")
    if query:
        parts.append(f"({query})")
    if since or until:
        start = (since or date(1991, 1, 1)).strftime("%Y%m%d") + "0000"
        end = (until or date(2999, 12, 31)).strftime("%Y%m%d") + "2359"
        parts.append(f"submittedDate:[{start} TO {end}]")
    if not parts:
        raise SourceError("arxiv", "give at least one --category or a --query")
    return " AND ".join(parts)


def fetch_arxiv(
    search_query: str,
    *,
    zone: ZoneInfo,
    max_results: int = 100,
    api_url: str = DEFAULT_API,
    delay_seconds: float = 3.0,
    retries: int = 3,
    timeout: float = 30.0,
) -> Iterator[Article | QuarantineItem]:
    """Newest first. A paper's versions share one id (``arXiv:2603.01234``)."""
    import arxiv

    client = arxiv.Client(
        page_size=min(100, max_results), delay_seconds=delay_seconds, num_retries=retries
    )
    client.query_url_format = api_url.rstrip("?") + "?{}"
    _add_timeout(client, timeout)
    search = arxiv.Search(
        query=search_query, max_results=max_results, sort_by=arxiv.SortCriterion.SubmittedDate
    )
    try:
        for result in client.results(search):
            short = result.get_short_id().split("v")[0]
            where = f"arxiv:{short}"
            try:
                published = result.published
                yield Article(
                    id=f"arXiv:{short}",
                    url=f"https://arxiv.org/abs/{short}",
                    title=" ".join(result.title.split()),
                    source="arXiv",
                    source_kind="research",
                    published=published,
                    day=published.astimezone(zone).date(),
                    lang="en",
                    text=" ".join(result.summary.split()),
                    tags=tuple(
                        [f"cat:{c}" for c in result.categories]
                        + [f"author:{a.name}" for a in result.authors]
                        + [
                            f"updated:{result.updated.date().isoformat()}",
                            f"version:{result.get_short_id()}",
                        ]
                    ),
                )
            except ValueError as exc:
                yield quarantined(where, f"invalid paper record: {exc}", str(result.entry_id))
    except arxiv.HTTPError as exc:
        raise SourceError(api_url, f"arXiv API answered HTTP {exc.status}") from None
    except arxiv.UnexpectedEmptyPageError:
        raise SourceError(api_url, "arXiv API returned an empty page after retries") from None
    except OSError as exc:  # requests' connection errors and timeouts derive from OSError
        raise SourceError(api_url, f"arXiv API unreachable: {type(exc).__name__}") from None
