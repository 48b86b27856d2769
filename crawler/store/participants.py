"""The participants table: who took part in each event, in what role, for which state and at what tier."""

from __future__ import annotations

from collections.abc import Iterator

from crawler.store.connection import insert_rows, now_iso
from crawler.store.database import Database


class Participants(Database):
    """Reads and writes of the participants table."""

    def replace_participants(self, doc_id: str, participants: list[dict]) -> int:
        """Replace the participants of one document's events, in one transaction.

        Called before the document's events are replaced (which marks it processed), so that a run killed
        in between leaves the document to be processed again.
        """
        stamp = now_iso()
        rows = [{**row, "doc": doc_id, "created_at": stamp} for row in participants]
        with self._write():
            self.db.execute("DELETE FROM participants WHERE doc = ?", [doc_id])
            insert_rows(self.db, "participants", rows, replace=True, alter=True)
        return len(rows)

    def iter_participants(self, *, until: str | None = None) -> Iterator[dict]:
        """Every participant of a stored event, in document order; optionally only from documents published
        on or before `until` (the same cut as iter_events)."""
        sql = (
            "SELECT p.* FROM participants p JOIN events e ON e.id = p.event JOIN documents d ON d.id = p.doc"
        )
        params: list = []
        if until:
            sql += " WHERE COALESCE(d.published, e.date) <= ?"
            params.append(until)
        sql += " ORDER BY p.doc, p.ord"
        for row in self.db.query(sql, params):
            row["absent"] = bool(row.get("absent"))
            row["is_group"] = bool(row.get("is_group"))
            yield row
