"""The urls table: the crawl frontier.

The URL frontier lives in the database, not in the crawler's memory: memory stays flat on long crawls and a
killed crawl resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable

from crawler.store.connection import now_iso
from crawler.store.database import Database


class Frontier(Database):
    """Reads and writes of the urls table."""

    def enqueue_urls(
        self, source: str, found_by: str, links: Iterable[tuple[str, str | None]], recheck_before: str
    ) -> int:
        """Queue the links a source lists: new URLs, and known ones last checked before `recheck_before` or
        given a newer lastmod, become pending. Return how many of the source's URLs are pending."""
        stamp = now_iso()
        rows = [
            {
                "url": url,
                "source": source,
                "found_by": found_by,
                "lastmod": lastmod,
                "first_seen": stamp,
                "last_listed": stamp,
                "before": recheck_before,
            }
            for url, lastmod in links
        ]
        due = (
            "(urls.last_checked IS NULL OR urls.last_checked < :before "
            "OR (excluded.lastmod IS NOT NULL AND excluded.lastmod > urls.last_checked))"
        )
        waiting = "urls.state IN ('pending', 'fetching')"
        sql = (
            "INSERT INTO urls (url, source, found_by, state, lastmod, first_seen, last_listed, failures) "
            "VALUES (:url, :source, :found_by, 'pending', :lastmod, :first_seen, :last_listed, 0) "
            "ON CONFLICT(url) DO UPDATE SET last_listed = excluded.last_listed, "
            "lastmod = COALESCE(excluded.lastmod, urls.lastmod), "
            f"source = CASE WHEN {waiting} THEN urls.source WHEN {due} THEN excluded.source ELSE urls.source END, "
            f"found_by = CASE WHEN {waiting} THEN urls.found_by WHEN {due} THEN excluded.found_by "
            "ELSE urls.found_by END, "
            f"state = CASE WHEN {waiting} THEN urls.state WHEN {due} THEN 'pending' ELSE urls.state END"
        )
        with self._write():
            self.db.conn.executemany(sql, rows)
        return self.pending_count(source)

    def pending_count(self, source: str) -> int:
        """How many URLs of a source wait to be fetched."""
        return self.db.execute(
            "SELECT count(*) FROM urls WHERE source = ? AND state = 'pending'", [source]
        ).fetchone()[0]

    def claim_urls(self, source: str, limit: int) -> list[dict]:
        """Take up to `limit` pending URLs of a source (marked fetching), in the order they were listed,
        with the ETag / Last-Modified of their stored document for a conditional GET."""
        rows = list(
            self.db.query(
                "SELECT u.url, u.found_by, d.etag, d.last_modified FROM urls u "
                "LEFT JOIN documents d ON d.id = COALESCE(u.canonical, u.url) "
                "WHERE u.source = ? AND u.state = 'pending' ORDER BY u.rowid LIMIT ?",
                [source, limit],
            )
        )
        with self._write():
            self.db.conn.executemany(
                "UPDATE urls SET state = 'fetching' WHERE url = ?", [(r["url"],) for r in rows]
            )
        return rows

    def release_claims(self, source: str) -> int:
        """Put back the URLs a killed crawl had taken but not finished; return how many.

        A page whose document was saved after it was listed was finished (the crawl died before noting it)."""
        with self._write():
            self.db.execute(
                "UPDATE urls SET state = 'stored', last_checked = (SELECT d.fetched_at FROM documents d "
                "WHERE d.id = urls.url) WHERE source = ? AND state = 'fetching' AND EXISTS (SELECT 1 FROM "
                "documents d WHERE d.id = urls.url AND d.fetched_at >= COALESCE(urls.last_listed, ''))",
                [source],
            )
            cursor = self.db.execute(
                "UPDATE urls SET state = 'pending' WHERE source = ? AND state = 'fetching'", [source]
            )
        return cursor.rowcount

    def record_fetch(
        self,
        url: str,
        *,
        state: str,
        source: str | None = None,
        found_by: str | None = None,
        http_status: int | None = None,
        reason: str | None = None,
        canonical: str | None = None,
    ) -> None:
        """Record the outcome of fetching one URL (stored, unchanged, redirected, failed, forbidden)."""
        stamp = now_iso()
        failed = int(state == "failed")
        with self._write():
            self.db.execute(
                "INSERT INTO urls (url, source, found_by, state, canonical, http_status, reason, failures, "
                "first_seen, last_checked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET state = excluded.state, canonical = excluded.canonical, "
                "http_status = excluded.http_status, reason = excluded.reason, "
                "failures = CASE WHEN excluded.failures > 0 THEN COALESCE(urls.failures, 0) + 1 ELSE 0 END, "
                "last_checked = excluded.last_checked",
                [url, source, found_by, state, canonical, http_status, reason, failed, stamp, stamp],
            )

    def url_state(self, url: str) -> dict | None:
        """The frontier row of one URL, or None."""
        rows = list(self.db.query("SELECT * FROM urls WHERE url = ?", [url]))
        return rows[0] if rows else None
