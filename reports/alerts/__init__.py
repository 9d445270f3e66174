"""Alerts: a YAML watchlist of tracked entities and rules, evaluated over a day that is
already loaded, each alert delivered once per sink (console, JSONL file, webhook).

- ``watchlist``: the file's model and loader (errors name the line);
- ``rules``: pure evaluation, one alert per subject and event;
- ``sinks``: redacted sink ids and the idempotent sinks;
- ``deliver``: ``run_watch``, the per-(alert, sink) delivery state in the graph.
"""

from reports.alerts.deliver import WatchResult, run_watch
from reports.alerts.rules import alert_id, evaluate
from reports.alerts.watchlist import Entry, Rule, Sink, Watchlist, load_watchlist

__all__ = [
    "Entry",
    "Rule",
    "Sink",
    "WatchResult",
    "Watchlist",
    "alert_id",
    "evaluate",
    "load_watchlist",
    "run_watch",
]
