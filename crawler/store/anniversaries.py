"""The anniversaries table: a copy of the anniversaries data file, for browsing."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from crawler.store.connection import table as _table
from crawler.store.database import Database


class Anniversaries(Database):
    """Writes of the anniversaries table."""

    def sync_anniversaries(self, anniversaries: Iterable[Any]) -> int:
        """Make the anniversaries table match the data file (crawler.extract.anniversaries.Anniversary objects):
        insert or update each one, delete those no longer listed; return how many there are."""
        rows = [
            {
                "id": item.id,
                "name": item.name,
                "base_date": item.base_date,
                "base_year": item.base_year,
                "countries": json.dumps(list(item.countries)),
                "dyad": "-".join(item.dyad),
                "observed": item.observed,
                "period": item.period,
                "alert": int(item.alert),
                "phrases": json.dumps(list(item.phrases), ensure_ascii=False),
            }
            for item in anniversaries
        ]
        with self._write():
            keep = [row["id"] for row in rows]
            self.db.execute(
                f"DELETE FROM anniversaries WHERE id NOT IN ({', '.join('?' for _ in keep)})", keep
            )
            if rows:
                _table(self.db, "anniversaries").upsert_all(rows, pk="id")
        return len(rows)
