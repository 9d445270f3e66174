"""The optional LLM writer: a story's facts to a model, its answer checked against them.

    brief.py      what the model is told about one item (only what the graph holds)
    answer.py     the JSON it must answer with, validated
    grounding.py  the check before anything prints: names, numbers, cited articles
    cache.py      answers kept beside the store, so a re-run sends nothing
    writer.py     ``LLMWriter``: brief -> cache or model -> check -> retry once -> fallback

Nothing here opens a socket: the writer is handed a chat client (``kg.sources.chat``).
"""

from reports.llm.cache import ResponseCache, cache_dir_for
from reports.llm.writer import LLMWriter, run_summary

__all__ = ["LLMWriter", "ResponseCache", "cache_dir_for", "run_summary"]
