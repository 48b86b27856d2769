"""The alerts' own tables: alerts (one row per alert and its delivery state) and deliveries (which notifier
accepted which alert).

The tables are created by the crawler's migrations (crawler.store.migrations, where their names and order
stay); AlertStore reads and writes them over the connection and the transactions of a crawler Store.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

from crawler.store import Store, now_iso

log = logging.getLogger(__name__)

JSON_ALERT_FIELDS = ("dyad", "evidence", "details")


def _decoded(row: dict) -> dict:
    """An alerts row with its JSON fields decoded (missing ones as [] or, for details, {})."""
    for key in JSON_ALERT_FIELDS:
        row[key] = json.loads(row[key]) if row.get(key) else ([] if key != "details" else {})
    return row


class AlertStore:
    """The alerts and deliveries tables of an open Store: `AlertStore(store).add_alert(...)`."""

    def __init__(self, store: Store):
        self.store = store
        self.db = store.db

    def add_alert(self, alert: dict) -> bool:
        """Store an alert unless one with the same key exists; return True when it was new."""
        row = dict(alert)
        for key in JSON_ALERT_FIELDS:
            if key in row and not isinstance(row[key], str):
                row[key] = json.dumps(row[key], ensure_ascii=False)
        row.setdefault("created_at", now_iso())
        row.setdefault("attempts", 0)
        with self.store.transaction():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO alerts ("
                + ", ".join(row)
                + ") VALUES ("
                + ", ".join("?" for _ in row)
                + ")",
                list(row.values()),
            )
        return cursor.rowcount == 1

    def iter_alerts(self, *, pending: bool = False) -> Iterator[dict]:
        """Alerts in creation order, JSON fields decoded; only undelivered ones if pending."""
        sql = "SELECT * FROM alerts"
        if pending:
            sql += " WHERE delivered_at IS NULL"
        sql += " ORDER BY created_at, id"
        for row in self.db.query(sql):
            yield _decoded(row)

    def mark_delivered(self, alert_id: str, channel: str) -> None:
        """Record that an alert was accepted by every notifier."""
        with self.store.transaction():
            self.db.execute(
                "UPDATE alerts SET delivered_at = ?, last_error = NULL, attempts = COALESCE(attempts, 0) + 1 "
                "WHERE id = ?",
                [now_iso(), alert_id],
            )
        log.debug("alert %s delivered via %s", alert_id, channel)

    def mark_failed(self, alert_id: str, error: str) -> None:
        """Record a failed delivery attempt; the alert stays pending."""
        with self.store.transaction():
            self.db.execute(
                "UPDATE alerts SET last_error = ?, attempts = COALESCE(attempts, 0) + 1 WHERE id = ?",
                [error, alert_id],
            )

    def get_alert(self, alert_id: str) -> dict | None:
        """One alert by id (JSON fields decoded), or None."""
        rows = list(self.db.query("SELECT * FROM alerts WHERE id = ?", [alert_id]))
        if not rows:
            return None
        return _decoded(rows[0])

    def delivered_channels(self, alert_id: str) -> set[str]:
        """The notifiers that have already accepted an alert."""
        return {
            row["channel"]
            for row in self.db.query("SELECT channel FROM deliveries WHERE alert = ?", [alert_id])
        }

    def mark_channel_delivered(self, alert_id: str, channel: str) -> None:
        """Record that one notifier accepted an alert (committed at once: a crash after sending never resends)."""
        with self.store.transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO deliveries (alert, channel, delivered_at) VALUES (?, ?, ?)",
                [alert_id, channel, now_iso()],
            )
