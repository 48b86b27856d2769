"""The events table: what was extracted from each document, and the clusters of reports of one event."""

from __future__ import annotations

import json
from collections.abc import Iterator

from crawler.store.connection import insert_rows, now_iso, update_row
from crawler.store.database import Database

JSON_EVENT_FIELDS = ("actors", "targets", "sources")


class Events(Database):
    """Reads and writes of the events table."""

    def replace_events(
        self, doc_id: str, events: list[dict], version: str, doc_fields: dict | None = None
    ) -> int:
        """Replace the events of one document and mark it processed by `version`, in one transaction."""
        stamp = now_iso()
        rows = []
        for event in events:
            row = dict(event)
            for key in JSON_EVENT_FIELDS:
                if key in row and not isinstance(row[key], str):
                    row[key] = json.dumps(row[key])
            row["doc"] = doc_id
            row["negated"] = int(bool(row.get("negated")))
            row["extractor_version"] = version
            row["created_at"] = stamp
            rows.append(row)
        with self._write():
            self.db.execute("DELETE FROM events WHERE doc = ?", [doc_id])
            insert_rows(self.db, "events", rows, replace=True, alter=True)
            fields = dict(doc_fields or {})
            fields["processed_version"] = version
            update_row(self.db, "documents", doc_id, fields, alter=True)
        return len(rows)

    def iter_events(self, *, until: str | None = None) -> Iterator[dict]:
        """Every event with its JSON fields decoded, ordered by date; optionally only from documents
        published on or before `until`."""
        sql = (
            "SELECT e.*, d.published AS doc_published, d.canonical AS doc_canonical FROM events e "
            "JOIN documents d ON d.id = e.doc"
        )
        params: list = []
        if until:
            sql += " WHERE COALESCE(d.published, e.date) <= ?"
            params.append(until)
        sql += " ORDER BY e.date, e.doc, e.id"
        for row in self.db.query(sql, params):
            for key in JSON_EVENT_FIELDS:
                if row.get(key):
                    row[key] = json.loads(row[key])
                else:
                    row[key] = []
            row["negated"] = bool(row["negated"])
            yield row

    def add_event_source(self, doc_id: str, source: str) -> None:
        """Add an outlet to the sources of a document's events (a syndicated copy was found)."""
        with self._write():
            for row in list(self.db.query("SELECT id, sources FROM events WHERE doc = ?", [doc_id])):
                sources = json.loads(row["sources"] or "[]")
                if source not in sources:
                    sources.append(source)
                    self.db.execute(
                        "UPDATE events SET sources = ? WHERE id = ?", [json.dumps(sources), row["id"]]
                    )

    def set_clusters(self, assignments: dict[str, str]) -> None:
        """Write the cluster id of each event (event id -> cluster id)."""
        with self._write():
            self.db.conn.executemany(
                "UPDATE events SET cluster = ? WHERE id = ?", [(c, e) for e, c in assignments.items()]
            )
