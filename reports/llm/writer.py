"""``LLMWriter``: the report's writer seam, answered by a language model held to the facts.

For each item: its brief (``brief.py``) -> the cached answer, or the model's -> the check
(``grounding.py``) -> if it fails, one retry told why -> if that fails too, or the model
cannot be reached, the template writer's text, with the reason kept for the report's note.
The title, summary, details, applications and importance come from the model; the item's
entities, quote, sources and importance level stay what the graph gives.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Protocol

from kg.errors import KGError
from reports.facts import StoryFacts
from reports.llm.answer import Answer, parse_answer
from reports.llm.brief import (
    build_brief,
    cache_key,
    digest,
    messages_for,
    prompt_version,
    retry_message,
)
from reports.llm.cache import ResponseCache
from reports.llm.grounding import FindNames, Ground, check, ground_of
from reports.writer import Origin, TemplateWriter, Written, _capitalised, _spaced, to_traditional


class ChatReplyLike(Protocol):
    content: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float


class Chat(Protocol):
    """What the writer needs of a chat client (``kg.sources.chat.ChatClient``)."""

    model: str

    def complete(self, messages: list[dict[str, str]]) -> ChatReplyLike: ...


def extractor_names(extractor=None) -> FindNames:
    """Names in free text as the project's extractor finds them (its entities: generic
    concepts are kept apart); one lock, since the writer checks answers from several threads."""
    if extractor is None:
        from extractors import default_extractor

        extractor = default_extractor()
    lock = threading.Lock()

    def find(text: str, lang: str) -> list[tuple[str, bool]]:
        with lock:
            found = extractor.extract(text, lang="zh" if lang.startswith("zh") else "en")
        return [(e.name, e.discovered) for e in found.entities]

    return find


class LLMWriter:
    def __init__(
        self,
        chat: Chat,
        cache: ResponseCache,
        *,
        concurrency: int = 2,
        refresh: bool = False,
        find_names: FindNames | None = None,
        fallback: TemplateWriter | None = None,
    ) -> None:
        self.chat = chat
        self.cache = cache
        self.model = chat.model
        self.name = f"llm:{chat.model}"
        self.prompt = prompt_version()
        self.concurrency = max(1, concurrency)
        self.refresh = refresh
        self.find = find_names or extractor_names()
        self.fallback = fallback or TemplateWriter()
        self.seconds = 0.0  # wall time of this run's writing
        self.written: list[Written] = []  # every item this writer wrote, in order
        # the templates, opencc and the extractor are not known to be thread-safe: one
        # thread at a time runs them, the others wait on the model
        self._pure = threading.Lock()

    def write(self, story: StoryFacts, lang: str, trends: Sequence = ()) -> Written:
        return self.write_many([story], lang, trends)[0]

    def write_many(
        self, stories: list[StoryFacts], lang: str, trends: Sequence = ()
    ) -> list[Written]:
        started = time.monotonic()
        # the pure work (templates, briefs, what each item may say) in this thread; only the
        # waiting for the model, and the checks between, in the pool
        prepared = [self._prepare(s, lang, list(trends)) for s in stories]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            written = list(pool.map(lambda p: self._one(p, lang), prepared))
        self.seconds += time.monotonic() - started
        self.written += written
        return written

    # -- one item -------------------------------------------------------------------------

    def _prepare(self, story: StoryFacts, lang: str, trends: list) -> _Item:
        brief = build_brief(story, lang, trends)
        return _Item(
            template=self.fallback.write(story, lang),
            brief=brief,
            key=cache_key(brief, self.model),
            ground=ground_of(brief, story, self.find),
        )

    def _one(self, item: _Item, lang: str) -> Written:
        template, brief, key, ground = item.template, item.brief, item.key, item.ground
        entry = None if self.refresh else self.cache.get(key)
        exchanges: list[dict] = list(entry["exchanges"]) if entry else []
        messages = messages_for(brief)
        used: list[dict] = []
        fresh: list[dict] = []  # asked in this run
        requests, asked = 0, False
        problems: list[str] = []
        answer: Answer | None = None
        for attempt in range(2):
            if attempt < len(exchanges):
                exchange = exchanges[attempt]
            else:
                ask = messages
                if attempt:
                    ask = [
                        *messages,
                        {"role": "assistant", "content": used[-1]["content"]},
                        retry_message(problems),
                    ]
                try:
                    reply = self.chat.complete(ask)
                except KGError as exc:
                    if asked:
                        self._keep(key, brief, lang, exchanges)
                    # the reason, not the endpoint: the note is printed in a public report
                    reason = f"no answer from the model: {getattr(exc, 'reason', exc)}"
                    return self._fell_back(template, used, fresh, requests + 1, reason)
                requests += 1
                asked = True
                exchange = {
                    "content": reply.content,
                    "prompt_tokens": reply.prompt_tokens,
                    "completion_tokens": reply.completion_tokens,
                    "seconds": reply.seconds,
                }
                exchanges = [*exchanges[:attempt], exchange]
                fresh.append(exchange)
            used.append(exchange)
            with self._pure:
                answer, problems = self._checked(exchange["content"], ground, lang)
            if not problems:
                break
        if asked:
            self._keep(key, brief, lang, exchanges)
        if problems or answer is None:
            return self._fell_back(template, used, fresh, requests, "; ".join(problems[:3]))
        tidy = _spaced if lang == "zh-TW" else _capitalised
        return replace(
            template,
            title=tidy(answer.title),
            summary=[tidy(s) for s in answer.summary],
            details=[tidy(d.rstrip("。.")) for d in answer.details],
            applications=[tidy(a) for a in answer.applications],
            reason=tidy(answer.importance.rstrip("。.")),
            origin=_origin("llm", "", used, fresh, requests),
        )

    def _checked(self, content: str, ground, lang: str) -> tuple[Answer | None, list[str]]:
        answer, malformed = parse_answer(content)
        if answer is None:
            return None, [malformed]
        if lang == "zh-TW":  # Simplified script is a spelling, not a fact: write it as zh-TW does
            answer = answer.model_copy(
                update={
                    "title": to_traditional(answer.title),
                    "summary": [to_traditional(x) for x in answer.summary],
                    "details": [to_traditional(x) for x in answer.details],
                    "applications": [to_traditional(x) for x in answer.applications],
                    "importance": to_traditional(answer.importance),
                }
            )
        return answer, check(answer, ground, lang, self.find)

    def _keep(self, key: str, brief: dict, lang: str, exchanges: list[dict]) -> None:
        self.cache.put(
            key,
            {
                "facts": digest(brief),
                "prompt": self.prompt,
                "model": self.model,
                "language": lang,
                "exchanges": exchanges,
            },
        )

    def _fell_back(
        self, template: Written, used: list[dict], fresh: list[dict], requests: int, reason: str
    ) -> Written:
        return replace(template, origin=_origin("template", reason, used, fresh, requests))


@dataclass(frozen=True)
class _Item:
    template: Written
    brief: dict
    key: str
    ground: Ground


def _tokens(exchanges: list[dict], key: str) -> int:
    return sum(int(x.get(key) or 0) for x in exchanges)


def _origin(writer: str, reason: str, used: list[dict], fresh: list[dict], requests: int) -> Origin:
    return Origin(
        writer=writer,
        reason=reason,
        cached=requests == 0 and bool(used),
        prompt_tokens=_tokens(used, "prompt_tokens"),
        completion_tokens=_tokens(used, "completion_tokens"),
        seconds=round(sum(float(x.get("seconds") or 0) for x in used), 3),
        requests=requests,
        run_prompt_tokens=_tokens(fresh, "prompt_tokens"),
        run_completion_tokens=_tokens(fresh, "completion_tokens"),
    )


def run_summary(writer: LLMWriter) -> dict:
    """What this run of the writer did and cost: for the summary line and ``runs.jsonl``."""
    origins = [w.origin for w in writer.written if w.origin is not None]
    return {
        "writer": writer.name,
        "prompt": writer.prompt,
        "items": len(origins),
        "by_model": sum(1 for o in origins if o.writer == "llm"),
        "from_cache": sum(1 for o in origins if o.cached),
        "fell_back": sum(1 for o in origins if o.writer != "llm"),
        "requests": sum(o.requests for o in origins),
        "prompt_tokens": sum(o.run_prompt_tokens for o in origins),  # spent by this run
        "completion_tokens": sum(o.run_completion_tokens for o in origins),
        "seconds": round(writer.seconds, 2),
    }
