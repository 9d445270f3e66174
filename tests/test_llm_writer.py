"""The LLM writer over real HTTP: a chat-completions server on 127.0.0.1 answering from
scripts, the real `kg report --writer llm`, a real store. Whatever the model does, the
report comes out, every item either grounded in its facts or written by the templates."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

from tests.http_fixture import LocalServer, Response

DAY = "2026-04-14"
# invented articles: a funding round, an evaluation, a partnership, one in Chinese
ARTICLES = [
    {
        "url": "https://ledger.example/quillon-series-b",
        "title": "Quillon AI raises $120 million Series B led by Harbor Peak Capital",
        "published": f"{DAY}T09:00:00+08:00",
        "source": "Ledger Daily",
        "text": "Quillon AI raised $120 million in a Series B round led by Harbor Peak Capital. "
        "The startup builds the Quillon-3 model for contract review and plans to hire 40 engineers. "
        "Quillon AI said Quillon-3 scores 71.5% on MMLU.",
    },
    {
        "url": "https://wire.example/quillon-funding",
        "title": "Harbor Peak Capital backs Quillon AI",
        "published": f"{DAY}T11:30:00+08:00",
        "source": "Startup Wire",
        "text": "Harbor Peak Capital led a $120 million Series B in Quillon AI. "
        "Quillon AI will use the money to train Quillon-3 on NVIDIA H100 GPUs.",
    },
    {
        "url": "https://bench.example/loomis-2",
        "title": "Loomis-2 outperforms Llama 3.1 8B on GSM8K",
        "published": f"{DAY}T13:00:00+08:00",
        "source": "Bench Notes",
        "text": "Tessaly Labs released Loomis-2, which outperforms Llama 3.1 8B on GSM8K. "
        "Loomis-2 scores 84.3% on GSM8K, according to Tessaly Labs.",
    },
    {
        "url": "https://tw.example/news/loomis",
        "title": "Tessaly Labs 與 NVIDIA 合作",
        "published": f"{DAY}T15:00:00+08:00",
        "source": "科技日報",
        "lang": "zh-TW",
        "text": "Tessaly Labs 宣布與 NVIDIA 合作，在資料中心部署 Loomis-2 模型。",
    },
]
OUTSIDERS = ["Anthropic", "Mistral AI", "Cohere", "xAI"]  # gazetteer names none of the items hold


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    from kg.cli import main

    base = tmp_path_factory.mktemp("llm")
    src = base / "articles.jsonl"
    src.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
    )
    store = base / "graph.lbdb"
    with pytest.raises(SystemExit) as done:
        main(["ingest", "files", str(src), "--store", str(store)])
    assert done.value.code in (0, None)
    return store


class ChatServer:
    """Speaks POST /v1/chat/completions; ``script(brief, messages)`` -> a Response or the
    answer's content. Counts the requests it is sent."""

    def __init__(self, script) -> None:
        self.script = script
        self.server = LocalServer()
        self.lock = threading.Lock()
        self.calls: list[dict] = []
        self.server.routes["/v1/chat/completions"] = self._handle

    def _handle(self, handler) -> Response:
        request = json.loads(handler.body)
        brief = json.loads(request["messages"][1]["content"])["item"]
        with self.lock:
            self.calls.append(request)
        out = self.script(brief, request["messages"])
        if isinstance(out, Response):
            return out
        body = {
            "id": "cmpl-test",
            "object": "chat.completion",
            "model": request["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": out}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }
        return Response(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    @property
    def count(self) -> int:
        return len(self.calls)

    def __enter__(self) -> ChatServer:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)


def good(brief: dict) -> dict:
    """An answer built only from what the brief holds."""
    names = [e["name"] for e in brief["entities"]]
    zh = brief["language"] == "zh-TW"
    facts = brief["facts"]
    if facts:
        f = facts[0]
        line = (
            f"{f['head']} 與 {f['tail']} 的關係有新進展。"
            if zh
            else f"{f['head']} and {f['tail']} are linked by a new development."
        )
        details = [f"{k}: {v}" for k, v in f["qualifiers"].items()] or [line]
    else:
        line = (
            f"{names[0]} 出現在今日報導中。" if zh else f"{names[0]} appears in today's coverage."
        )
        details = []
    return {
        "title": (f"{names[0]} 最新動態" if zh else f"{names[0]}: what changed"),
        "summary": [line],
        "details": details,
        "applications": [],
        "importance": "值得持續追蹤" if zh else "worth following as it develops",
        "cited": [brief["evidence"][0]["article"]],
    }


def with_outsider(brief: dict) -> dict:
    answer = good(brief)
    held = {e["name"] for e in brief["entities"]}
    outsider = next(n for n in OUTSIDERS if n not in held)
    answer["summary"].append(f"{outsider} is said to be watching closely.")
    return answer


def with_invented_number(brief: dict) -> dict:
    answer = good(brief)
    answer["details"].append("The deal is said to involve 98765 customers")
    return answer


def configure(monkeypatch, tmp_path, server: ChatServer, **extra: str) -> Path:
    cache = tmp_path / "cache"
    env = {
        "KG_LLM_BASE_URL": server.server.url("/v1"),
        "KG_LLM_MODEL": "scripted-7b",
        "KG_LLM_RETRIES": "1",
        "KG_LLM_BACKOFF": "0",
        "KG_LLM_TIMEOUT": "5",
        "KG_LLM_CONCURRENCY": "3",
        "KG_LLM_CACHE": str(cache),
        **extra,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return cache


def report(kg, store, *args: str, lang: str = "en", fmt: str = "json"):
    result = kg("report", "--date", DAY, "--lang", lang, "--format", fmt, "--store", store, *args)
    assert result.code == 0, result.err
    return result


def items_of(data: dict) -> list[dict]:
    return data["focus"] + [it for items in data["sections"].values() for it in items]


@pytest.fixture(scope="module")
def template_json(small_store) -> dict:
    from kg.store import open_store
    from reports import write_report

    with open_store(small_store, read_only=True) as store:
        return {
            lang: json.loads(write_report(store, None, lang=lang, fmt="json"))
            for lang in ("en", "zh-TW")
        }


def test_a_grounded_answer_is_printed_and_the_cache_makes_a_rerun_free(
    small_store, template_json, kg, monkeypatch, tmp_path
):
    with ChatServer(lambda b, m: json.dumps(good(b))) as server:
        cache = configure(monkeypatch, tmp_path, server)
        first = report(kg, small_store, "--writer", "llm")
        data = first.json()
        items = items_of(data)
        assert len(items) == len(items_of(template_json["en"])) > 1
        assert server.count == len(items)  # one completion per item, none retried
        assert data["writer"]["by_model"] == len(items) and data["writer"]["fallbacks"] == []
        assert data["writer"]["prompt_tokens"] == 100 * len(items)
        assert all(it["title"].endswith(": what changed") for it in items)
        # what the model saw for an item: its own facts, names and article ids, nothing else
        sent = [json.loads(c["messages"][1]["content"])["item"] for c in server.calls]
        by_title = {it["title"]: it for it in items}
        for brief in sent:
            item = by_title[f"{brief['entities'][0]['name']}: what changed"]
            assert {e["article"] for e in brief["evidence"]} <= set(item["articles"])
        assert "scripted-7b" in first.err and f"{len(items)} written by the model" in first.err

        second = report(kg, small_store, "--writer", "llm")
        assert server.count == len(items), "a re-run of the same day sends no request"
        assert second.out == first.out
        assert f"({len(items)} from the cache)" in second.err
        runs = [json.loads(x) for x in (cache / "runs.jsonl").read_text().splitlines()]
        assert [r["requests"] for r in runs] == [len(items), 0]
        assert runs[0]["prompt_tokens"] == 100 * len(items) and runs[1]["prompt_tokens"] == 0

        report(kg, small_store, "--writer", "llm", "--refresh")
        assert server.count == 2 * len(items), "--refresh asks again"

        md = report(kg, small_store, "--writer", "llm", fmt="md").out
        assert "written by the language model scripted-7b" in md
        html = report(kg, small_store, "--writer", "llm", fmt="html").out
        assert "written by the language model scripted-7b" in html
        assert server.count == 2 * len(items)


def test_the_zh_tw_report_is_written_in_traditional_chinese(small_store, kg, monkeypatch, tmp_path):
    def simplified(brief, messages):
        answer = good(brief)
        answer["importance"] = "值得持续关注"  # Simplified script: printed in Traditional
        return json.dumps(answer, ensure_ascii=False)

    with ChatServer(simplified) as server:
        configure(monkeypatch, tmp_path, server)
        data = report(kg, small_store, "--writer", "llm", lang="zh-TW").json()
    items = items_of(data)
    assert data["writer"]["fallbacks"] == []
    assert all(it["score_reason"] == "值得持續關注" for it in items)
    assert all(it["title"].endswith("最新動態") for it in items)


@pytest.mark.parametrize(
    "name,script,reason,asked",
    [
        ("foreign entity", lambda b, m: json.dumps(with_outsider(b)), "not one of the item's entities", 2),
        ("invented number", lambda b, m: json.dumps(with_invented_number(b)), "number 98765", 2),
        ("malformed JSON", lambda b, m: '{"title": "half an answ', "not JSON", 2),
        ("timeout", lambda b, m: Response(200, b"{}", delay=1.5), "timed out", 2),
        ("HTTP 429", lambda b, m: Response(429, b'{"error": {"message": "slow down"}}', {"Retry-After": "0"}), "HTTP 429", 2),
        ("HTTP 500", lambda b, m: Response(500, b"boom"), "HTTP 500", 2),
        ("HTTP 401", lambda b, m: Response(401, b'{"error": {"message": "bad key"}}'), "check KG_LLM_API_KEY", 1),
        ("not a completion", lambda b, m: Response(200, b'{"ok": true}'), "not a chat completion", 1),
    ],
)  # fmt: skip
def test_every_failure_falls_back_to_the_templates_and_says_so(
    name, script, reason, asked, small_store, template_json, kg, monkeypatch, tmp_path
):
    with ChatServer(script) as server:
        extra = {"KG_LLM_TIMEOUT": "0.5"} if name == "timeout" else {}
        configure(monkeypatch, tmp_path, server, **extra)
        result = report(kg, small_store, "--writer", "llm")
        data = result.json()
        items, expected = items_of(data), items_of(template_json["en"])
        # the report came out, every item as the templates write it
        assert [it["title"] for it in items] == [it["title"] for it in expected]
        assert [it["summary"] for it in items] == [it["summary"] for it in expected]
        note = data["writer"]
        assert note["by_model"] == 0 and len(note["fallbacks"]) == len(items)
        assert all(reason in f["reason"] for f in note["fallbacks"]), note["fallbacks"][0]
        # a bad answer is retried once with the reason; an unreachable model is retried by
        # the HTTP client (KG_LLM_RETRIES=1)
        assert server.count == asked * len(items)
        if name in {"foreign entity", "invented number"}:
            retry = server.calls[-1]["messages"][-1]["content"]
            assert "failed the fact check" in retry and reason.split()[-1] in retry
        md = report(kg, small_store, "--writer", "llm", fmt="md").out
        assert f"These {len(items)} items failed the check" in md
        assert "127.0.0.1" not in md  # the endpoint stays out of a published report
        answered = name in {"foreign entity", "invented number", "malformed JSON"}
        after = server.count
        assert after == asked * len(items) * (1 if answered else 2), (
            "answers are cached, even failing ones; a model that did not answer is asked again"
        )


def test_a_failed_answer_retried_with_the_reason_can_still_print(
    small_store, kg, monkeypatch, tmp_path
):
    def second_time_right(brief, messages):
        if len(messages) == 2:
            return json.dumps(with_outsider(brief))
        assert "failed the fact check" in messages[-1]["content"]
        return json.dumps(good(brief))

    with ChatServer(second_time_right) as server:
        configure(monkeypatch, tmp_path, server)
        data = report(kg, small_store, "--writer", "llm").json()
        items = items_of(data)
        assert data["writer"]["by_model"] == len(items) and server.count == 2 * len(items)
        again = report(kg, small_store, "--writer", "llm").json()
        assert server.count == 2 * len(items) and again == data


def test_429_then_an_answer_is_retried_with_backoff(small_store, kg, monkeypatch, tmp_path):
    seen: dict[str, int] = {}

    def busy_once(brief, messages):
        key = brief["evidence"][0]["article"] + brief["kind"]
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 1:
            return Response(429, b"", {"Retry-After": "0"})
        return json.dumps(good(brief))

    with ChatServer(busy_once) as server:
        configure(monkeypatch, tmp_path, server)
        data = report(kg, small_store, "--writer", "llm").json()
    assert data["writer"]["by_model"] == len(items_of(data)) and data["writer"]["fallbacks"] == []
    assert server.count == 2 * len(items_of(data))


def test_the_api_key_is_sent_from_an_environment_variable(small_store, kg, monkeypatch, tmp_path):
    with ChatServer(lambda b, m: json.dumps(good(b))) as server:
        configure(monkeypatch, tmp_path, server, KG_LLM_API_KEY="env:TEST_LLM_KEY")
        monkeypatch.setenv("TEST_LLM_KEY", "sk-local-123")
        report(kg, small_store, "--writer", "llm")
        headers = [h for method, path, h, body in server.server.requests if method == "POST"]
        assert headers and all(h.get("Authorization") == "Bearer sk-local-123" for h in headers)
        payload = server.calls[0]
        assert payload["model"] == "scripted-7b" and payload["response_format"] == {
            "type": "json_object"
        }
        monkeypatch.delenv("TEST_LLM_KEY")
        result = kg("report", "--date", DAY, "--writer", "llm", "--refresh", "--store", small_store)
        assert result.code == 2 and "TEST_LLM_KEY is not set" in result.err


def test_settings_come_from_kg_toml_and_the_environment_wins(tmp_path, monkeypatch):
    from kg.config import load_settings

    toml = tmp_path / "kg.toml"
    toml.write_text(
        'report_writer = "llm"\n[llm]\nbase_url = "http://127.0.0.1:9/v1/"\nmodel = "from-toml"\n'
        "concurrency = 4\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KG_CONFIG", str(toml))
    settings = load_settings()
    assert settings.report_writer == "llm" and settings.llm.model == "from-toml"
    assert settings.llm.base_url == "http://127.0.0.1:9/v1" and settings.llm.concurrency == 4
    monkeypatch.setenv("KG_LLM_MODEL", "from-env")
    assert load_settings().llm.model == "from-env" and load_settings().llm.concurrency == 4


def test_llm_writer_without_an_endpoint_is_a_clear_error(small_store, kg, monkeypatch):
    for key in ("KG_LLM_BASE_URL", "KG_LLM_MODEL"):
        monkeypatch.delenv(key, raising=False)
    result = kg("report", "--date", DAY, "--writer", "llm", "--store", small_store)
    assert result.code == 2 and "KG_LLM_BASE_URL" in result.err
    result = kg("report", "--date", DAY, "--writer", "poet", "--store", small_store)
    assert result.code == 2 and "template or llm" in result.err


def test_the_cache_sits_beside_the_store_by_default(small_store, tmp_path, monkeypatch, kg):
    import shutil

    store = tmp_path / "copy.lbdb"
    shutil.copy(small_store, store)
    with ChatServer(lambda b, m: json.dumps(good(b))) as server:
        configure(monkeypatch, tmp_path, server)
        monkeypatch.delenv("KG_LLM_CACHE")
        report(kg, store, "--writer", "llm")
    beside = tmp_path / "copy.lbdb.llm-cache"
    assert (beside / "runs.jsonl").exists()
    assert len(list(beside.glob("*.json"))) == server.count


# -- the grounding check itself (pure) ---------------------------------------------------


@pytest.fixture(scope="module")
def funding_item(small_store):
    from datetime import date

    from kg.store import open_store
    from reports.assemble import story_facts
    from reports.data import load_day
    from reports.stories import build_stories

    with open_store(small_store, read_only=True) as store:
        data = load_day(store, date.fromisoformat(DAY))
    names = {m["entity"]: m["name"] for m in data.mentions}
    by_id = {a["id"]: a for a in data.articles}
    for story in build_stories(data.articles, data.mentions, data.relations):
        facts = story_facts(
            story, by_id, data.relations, names, data.kinds, set(), story.weights, "en"
        )
        if facts.kind == "funding":
            return facts
    raise AssertionError("the invented corpus has a funding story")


def _check(story, answer: dict, lang: str = "en") -> list[str]:
    from reports.llm.answer import Answer
    from reports.llm.brief import build_brief
    from reports.llm.grounding import check, ground_of
    from reports.llm.writer import extractor_names

    find = extractor_names()
    brief = build_brief(story, lang)
    return check(Answer.model_validate(answer), ground_of(brief, story, find), lang, find)


def _answer(story, **fields) -> dict:
    base = {
        "title": "Quillon AI raises a Series B",
        "summary": ["Quillon AI raised $120 million, led by Harbor Peak Capital."],
        "details": [],
        "applications": [],
        "importance": "a sizeable round for contract review",
        "cited": [story.sources[0].id],
    }
    return base | fields


def test_grounding_accepts_the_items_own_names_and_numbers(funding_item):
    assert _check(funding_item, _answer(funding_item)) == []
    # the evidence's number in another notation is still the evidence's number
    assert _check(funding_item, _answer(funding_item, title="Quillon AI gets US$120M")) == []
    assert _check(funding_item, _answer(funding_item, details=["Hiring: 40 engineers"])) == []


@pytest.mark.parametrize(
    "fields,problem",
    [
        ({"summary": ["Anthropic joined Quillon AI's round."]}, "names Anthropic"),
        ({"summary": ["Zorblax Ventures joined the round."]}, "Zorblax"),
        ({"details": ["It raised $125 million"]}, "number 125"),
        ({"cited": ["not-an-article"]}, "cites not-an-article"),
        ({"details": ["See arXiv:2401.00001"]}, "arXiv:2401.00001"),
        ({"title": "Quillon AI 融資"}, "Chinese in an English report"),
    ],
)
def test_grounding_rejects_what_the_item_does_not_hold(funding_item, fields, problem):
    problems = _check(funding_item, _answer(funding_item, **fields))
    assert any(problem in p for p in problems), problems


def test_a_zh_tw_answer_may_spell_a_name_as_the_gazetteer_knows_it(funding_item):
    ok = _answer(
        funding_item,
        title="Quillon AI 完成 B 輪融資",
        summary=["Quillon AI 取得 $120 million 融資，由 Harbor Peak Capital 領投。"],
    )
    assert _check(funding_item, ok, "zh-TW") == []
    # ordinary Chinese prose the discovery rules would take for a name passes; a name the
    # gazetteer knows in Chinese does not
    prose = ok | {"importance": "顯示開放權重模型在合約審閱領域受到資金青睞"}
    assert _check(funding_item, prose, "zh-TW") == []
    known = ok | {"importance": "智譜AI 也在關注"}
    assert any("Zhipu AI" in p for p in _check(funding_item, known, "zh-TW"))
    english = _answer(funding_item)
    assert any("written in Chinese" in p for p in _check(funding_item, english, "zh-TW"))


def test_the_template_writer_is_untouched_by_the_seam(small_store, kg, template_json):
    text = report(kg, small_store).out
    assert json.loads(text) == template_json["en"] and '"writer"' not in text
    md = report(kg, small_store, fmt="md").out
    assert "language model" not in md and not re.search(r"fell back", md)
