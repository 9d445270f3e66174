"""One pass over a day: its data and its trends, read once and handed to the report, the
trend prose and the alerts alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.store.base import GraphStore
from queries import QueryLibrary, library_for
from reports.data import DayData, load_day
from reports.trend_data import trends_for
from reports.trends import Trends

# The report's trend section and the watchlist's spike / neighbourhood rules read the
# same windows: the day against the week before it.
REPORT_WINDOW = 1
REPORT_BASELINE = 7
_NEW_RELATIONS_PAGE = 1000  # load_day's page; alerts want them all


@dataclass
class DayContext:
    store: GraphStore
    library: QueryLibrary
    day: date
    data: DayData
    trends: Trends
    _alert_data: dict[str, Any] | None = field(default=None, repr=False)

    def alert_data(self) -> dict[str, Any]:
        """What watchlist rules look at, from what is already loaded (plus aliases)."""
        if self._alert_data is None:
            lib, params = self.library, {"day": self.day}
            new_relations = self.data.new_relations
            if len(new_relations) >= _NEW_RELATIONS_PAGE:
                new_relations = lib.run(self.store, "new_relations", {**params, "limit": 100000})
            self._alert_data = {
                "entities": [
                    {**e, "first_seen": str(e["first_seen"])}
                    for e in lib.run(self.store, "day_entities", params)
                ],
                "mentions": self.data.mentions,
                "new_relations": new_relations,
                "articles": self.data.articles,
                "trends": self.trends.model_dump(mode="json"),
            }
        return self._alert_data


def load_context(store: GraphStore, day: date, library: QueryLibrary | None = None) -> DayContext:
    lib = library or library_for(store)
    return DayContext(
        store=store,
        library=lib,
        day=day,
        data=load_day(store, day, lib),
        trends=trends_for(store, day, REPORT_WINDOW, REPORT_BASELINE, library=lib),
    )
