"""The database: the schema, its migrations and every sqlite-utils call of shiftwatch.

One SQLite file in WAL mode with a busy timeout, so Datasette (or any reader) can browse it while a crawl
writes. Tables: documents, events, alerts, runs (plus full-text indexes on documents and events).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, cast

import sqlite_utils
from sqlite_utils.db import Table

from crawler.errors import DatabaseError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
JSON_EVENT_FIELDS = ("actors", "targets", "sources")


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def content_hash(data: str | bytes) -> str:
    """A stable hash of a document's content."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def compress(data: str | bytes | None) -> bytes | None:
    """Raw pages are kept zlib-compressed so that `process --all` can re-extract without refetching."""
    if data is None:
        return None
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return zlib.compress(data, 6)


def decompress(blob: bytes | None) -> bytes | None:
    """The inverse of compress()."""
    return zlib.decompress(blob) if blob else None


def _table(db: sqlite_utils.Database, name: str) -> Table:
    """A table of the schema: db[name] is typed Table | View, and none of shiftwatch's tables is a view."""
    return cast(Table, db[name])


# --- migrations: append, never edit one that has shipped -------------------------------------------------


def _m001_initial(db: sqlite_utils.Database) -> None:
    _table(db, "documents").create(
        {
            "id": str,
            "url": str,
            "title": str,
            "published": str,  # YYYY-MM-DD as printed by the page (or inferred, see published_from)
            "published_from": str,  # meta | header | dateline | text | anniversary | none
            "story_date": str,  # the date the story is about, YYYY, YYYY-MM or YYYY-MM-DD
            "date_conflict": str,  # why the story date differs from the printed date, if it does
            "source": str,  # the outlet or source name
            "found_by": str,  # file | jsonl | feed | sitemap | listing
            "text": str,  # the cleaned article text that events are extracted from
            "raw": bytes,  # the page or file as read, zlib-compressed
            "raw_type": str,  # text | html
            "content_hash": str,
            "text_hash": str,
            "canonical": str,  # id of the first-seen copy when this document is a syndicated copy
            "etag": str,
            "last_modified": str,
            "fetched_at": str,
            "loaded_at": str,
            "updated_at": str,
            "processed_version": str,
            "error": str,
        },
        pk="id",
        not_null={"id"},
    )
    _table(db, "events").create(
        {
            "id": str,
            "doc": str,
            "kind": str,
            "actors": str,  # JSON list of ISO 3166-1 alpha-3 codes
            "targets": str,  # JSON list
            "dyad": str,  # the two main states, sorted, "CHN-PRK"
            "date": str,
            "date_precision": str,  # day | week | month | year
            "location": str,
            "anniversary_id": str,
            "anniversary_base_date": str,
            "anniversary_ordinal": int,
            "negated": int,
            "evidence": str,
            "url": str,
            "source": str,
            "sources": str,  # JSON list of every outlet that carried the story
            "cluster": str,  # one id for every report of the same real-world event
            "plover": str,
            "cameo": str,
            "extractor_version": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("doc", "documents", "id")],
    )
    _table(db, "events").create_index(["doc"])
    _table(db, "events").create_index(["kind", "date"])
    _table(db, "events").create_index(["cluster"])
    _table(db, "alerts").create(
        {
            "id": str,  # stable key: analysing again never adds the same alert twice
            "kind": str,
            "dyad": str,  # JSON list of two ISO3 codes, sorted
            "title": str,
            "due": str,
            "base_date": str,
            "evidence": str,  # JSON list of {doc, url, sentence}
            "details": str,  # JSON object
            "as_of": str,
            "created_at": str,
            "delivered_at": str,
            "attempts": int,
            "last_error": str,
        },
        pk="id",
    )
    _table(db, "alerts").create_index(["kind"])
    _table(db, "runs").create(
        {
            "id": int,
            "command": str,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "pages_seen": int,
            "new": int,
            "changed": int,
            "unchanged": int,
            "errors": int,
            "ok": int,
            "message": str,
        },
        pk="id",
    )
    _table(db, "documents").enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    _table(db, "events").enable_fts(["kind", "evidence", "location"], create_triggers=True, tokenize="porter")


def _m004_anniversaries(db: sqlite_utils.Database) -> None:
    """The anniversaries of the data file (for browsing), an events year and an alerts delivery state.

    The two columns are VIRTUAL generated columns: computed on read, never written by the code, so that
    Datasette can facet on them.
    """
    _table(db, "anniversaries").create(
        {
            "id": str,
            "name": str,
            "base_date": str,  # YYYY-MM-DD or YYYY-MM
            "base_year": int,
            "countries": str,  # JSON list of ISO 3166-1 alpha-3 codes
            "dyad": str,  # the pair of states it marks, sorted, "CHN-PRK"
            "observed": str,  # yearly | round5 | round10
            "period": int,  # customarily marked every this many years
            "alert": int,  # 1 when its absence raises an alert
            "phrases": str,  # JSON list
        },
        pk="id",
        not_null={"id"},
    )
    db.execute("ALTER TABLE events ADD COLUMN year TEXT GENERATED ALWAYS AS (substr(date, 1, 4)) VIRTUAL")
    db.execute(
        "ALTER TABLE alerts ADD COLUMN delivery TEXT GENERATED ALWAYS AS (CASE "
        "WHEN delivered_at IS NOT NULL THEN 'delivered' WHEN last_error IS NOT NULL THEN 'failing' "
        "ELSE 'pending' END) VIRTUAL"
    )


def _m003_alerts_deliveries(db: sqlite_utils.Database) -> None:
    """Which notifier accepted which alert, so that a retry never sends twice through a channel that worked."""
    _table(db, "deliveries").create(
        {"alert": str, "channel": str, "delivered_at": str},
        pk=("alert", "channel"),
        foreign_keys=[("alert", "alerts", "id")],
    )


def _m002_crawl(db: sqlite_utils.Database) -> None:
    """The crawl frontier: every URL a source listed, its state, its canonical URL and its last fetch."""
    _table(db, "urls").create(
        {
            "url": str,
            "source": str,  # the source that last queued it
            "found_by": str,  # feed | sitemap | listing
            "state": str,  # pending | fetching | stored | unchanged | redirected | failed | forbidden
            "canonical": str,  # where a redirect led (the document id), for redirected URLs
            "lastmod": str,  # the date its feed or sitemap gave, UTC ISO 8601
            "http_status": int,
            "reason": str,  # why the last fetch failed
            "failures": int,  # failed fetches in a row
            "first_seen": str,
            "last_listed": str,
            "last_checked": str,
        },
        pk="url",
        not_null={"url"},
    )
    _table(db, "urls").create_index(["source", "state"])
    _table(db, "runs").add_column("last_success", str)  # when this source last finished a crawl without error
    _table(db, "runs").add_column(
        "stats", str
    )  # JSON: the crawl's detailed counters (errors by reason, skipped, ...)


def _m005_event_clusters(db: sqlite_utils.Database) -> None:
    db.create_view(
        "event_clusters",
        """SELECT cluster, kind, dyad, MIN(date) AS date, actors, targets, negated,
                  COUNT(DISTINCT doc) AS reports,
                  json_group_array(json_object('doc', doc, 'url', url, 'source', source, 'sentence', evidence))
                      AS evidence
           FROM events WHERE cluster IS NOT NULL GROUP BY cluster""",
        replace=True,
    )


def _m006_document_bands(db: sqlite_utils.Database) -> None:
    _table(db, "document_bands").create({"band": str, "doc": str}, pk=("band", "doc"))
    _table(db, "document_bands").create_index(["doc"])


def _m007_text_hash_index(db: sqlite_utils.Database) -> None:
    """Finding an exact copy by its text hash is an indexed lookup (it was a scan per processed document)."""
    _table(db, "documents").create_index(["text_hash"], if_not_exists=True)


def _m008_fts_update_triggers(db: sqlite_utils.Database) -> None:
    """Re-index a row's full text only when an indexed column changes, not on every update (marking a
    document processed, setting event clusters and sources rewrote its whole index entry)."""
    for table, columns in (("documents", ("title", "text")), ("events", ("kind", "evidence", "location"))):
        cols = ", ".join(f'"{c}"' for c in columns)
        old_values = ", ".join(f'old."{c}"' for c in columns)
        new_values = ", ".join(f'new."{c}"' for c in columns)
        db.execute(f'DROP TRIGGER IF EXISTS "{table}_au"')
        db.execute(
            f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF {cols} ON "{table}" BEGIN\n'
            f'  INSERT INTO "{table}_fts" ("{table}_fts", rowid, {cols}) VALUES(\'delete\', old.rowid, {old_values});\n'
            f'  INSERT INTO "{table}_fts" (rowid, {cols}) VALUES (new.rowid, {new_values});\nEND'
        )


MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("001_initial", _m001_initial),
    ("002_crawl", _m002_crawl),
    ("003_alerts_deliveries", _m003_alerts_deliveries),
    ("004_anniversaries", _m004_anniversaries),
    ("005_event_clusters", _m005_event_clusters),
    ("006_document_bands", _m006_document_bands),
    ("007_text_hash_index", _m007_text_hash_index),
    ("008_fts_update_triggers", _m008_fts_update_triggers),
]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations this database has not seen yet, in order; return their names."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        with db.conn:
            step(db)
            db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [name, now_iso()])
        applied.append(name)
        log.info("applied migration %s", name)
    return applied


def write_error(path: str, exc: sqlite3.OperationalError) -> DatabaseError:
    """A clear error for a write SQLite refused, naming the database and the fix."""
    reason = str(exc)
    if "readonly" in reason or "read-only" in reason:
        hint = "the file or its folder is read-only: check the permissions, or work on a writable copy"
    elif "full" in reason:
        hint = "the disk (or the database's size limit) is full: free some space and run again"
    elif "locked" in reason or "busy" in reason:
        hint = f"another process held a write lock for more than {BUSY_TIMEOUT_MS // 1000} s: try again later"
    else:
        hint = "check the disk and the file's permissions"
    return DatabaseError(f"cannot write to database {path}: {reason}; {hint} (what was saved before is kept)")


class Store:
    """The shiftwatch database. Open with Store(path); every read and write of the project goes through it."""

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False):
        self.path = os.fspath(path)
        try:
            if readonly:
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            else:
                conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            self.db = sqlite_utils.Database(conn)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                migrate(self.db)
        except sqlite3.OperationalError as exc:
            raise DatabaseError(
                f"cannot open database {self.path}: {exc} (check that the folder exists and is writable, "
                "and that the disk is not full)"
            ) from exc
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{self.path} is not a shiftwatch database: {exc}") from exc

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self):
        """A context manager: everything inside commits together or not at all."""
        return self._write()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction; a read-only file or a full disk becomes a DatabaseError with a hint.

        SQLite rolls the transaction back, so the database stays as it was before it (no corruption)."""
        try:
            with self.db.conn:
                yield
        except sqlite3.OperationalError as exc:
            raise write_error(self.path, exc) from exc

    # --- documents -------------------------------------------------------------------------------------

    def get_document(self, doc_id: str) -> dict | None:
        """One document by id, or None."""
        rows = list(self.db.query("SELECT * FROM documents WHERE id = ?", [doc_id]))
        return rows[0] if rows else None

    def document_state(self, doc_id: str) -> dict | None:
        """The cheap columns used to decide whether a document changed (no text, no raw page)."""
        rows = list(
            self.db.query(
                "SELECT id, url, content_hash, text_hash, etag, last_modified, processed_version "
                "FROM documents WHERE id = ?",
                [doc_id],
            )
        )
        return rows[0] if rows else None

    def save_document(self, doc: dict) -> str:
        """Insert or update one document; return 'new', 'changed' or 'unchanged' (by content hash).

        `doc` holds the documents columns; `raw` may be str or bytes and is compressed here.
        """
        record = dict(doc)
        raw = record.pop("raw", None)
        record["content_hash"] = record.get("content_hash") or content_hash(raw or record.get("text") or "")
        record["raw"] = compress(raw)
        before = self.document_state(record["id"])
        stamp = now_iso()
        if before and before["content_hash"] == record["content_hash"]:
            return "unchanged"
        record["updated_at"] = stamp
        with self._write():
            if before:
                record["processed_version"] = None
                _table(self.db, "documents").update(record["id"], record)
                status = "changed"
            else:
                record.setdefault("loaded_at", stamp)
                _table(self.db, "documents").insert(record, pk="id")
                status = "new"
        return status

    def touch_document(self, doc_id: str, **fields: Any) -> None:
        """Update a few columns of a document (fetch headers, story date, errors)."""
        with self._write():
            _table(self.db, "documents").update(doc_id, fields)

    def iter_documents(
        self, *, only_unprocessed_for: str | None = None, ids: Iterable[str] | None = None, columns: str = "*"
    ) -> Iterator[dict]:
        """Documents in id order; only those not processed by the given extractor version if asked."""
        sql = f"SELECT {columns} FROM documents"
        params: list = []
        if only_unprocessed_for is not None:
            sql += " WHERE processed_version IS NULL OR processed_version != ?"
            params.append(only_unprocessed_for)
        sql += " ORDER BY id"
        wanted = set(ids) if ids is not None else None
        for row in self.db.query(sql, params):
            if wanted is None or row["id"] in wanted:
                yield row

    def get_documents(self, ids: list[str], columns: str = "*") -> list[dict]:
        """Documents by id, in the order of `ids` (missing ones left out)."""
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        found = {
            row["id"]: row
            for row in self.db.query(f"SELECT {columns} FROM documents WHERE id IN ({marks})", ids)
        }
        return [found[i] for i in ids if i in found]

    def find_by_text_hash(self, text_hash: str, exclude: str) -> dict | None:
        """The earliest other document with exactly this cleaned text."""
        rows = list(
            self.db.query(
                "SELECT id, source, url, loaded_at, canonical FROM documents WHERE text_hash = ? AND id != ? "
                "ORDER BY loaded_at, id LIMIT 1",
                [text_hash, exclude],
            )
        )
        return rows[0] if rows else None

    def set_bands(self, doc_id: str, bands: list[str]) -> None:
        """Record a document's near-duplicate (LSH) band keys."""
        with self._write():
            self.db.execute("DELETE FROM document_bands WHERE doc = ?", [doc_id])
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO document_bands (band, doc) VALUES (?, ?)",
                [(band, doc_id) for band in bands],
            )

    def documents_sharing_bands(self, bands: list[str], exclude: str) -> Iterator[dict]:
        """Documents that share at least one band key with the given ones: syndication candidates."""
        marks = ", ".join("?" for _ in bands)
        sql = (
            f"SELECT id, source, url, text, canonical, loaded_at FROM documents WHERE id IN "
            f"(SELECT DISTINCT doc FROM document_bands WHERE band IN ({marks})) AND id != ? ORDER BY loaded_at, id"
        )
        yield from self.db.query(sql, [*bands, exclude])

    def raw_page(self, doc_id: str) -> bytes | None:
        """The raw page as stored, decompressed."""
        rows = list(self.db.query("SELECT raw FROM documents WHERE id = ?", [doc_id]))
        return decompress(rows[0]["raw"]) if rows else None

    # --- events ----------------------------------------------------------------------------------------

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
            if rows:
                _table(self.db, "events").insert_all(rows, pk="id", replace=True, alter=True)
            fields = dict(doc_fields or {})
            fields["processed_version"] = version
            _table(self.db, "documents").update(doc_id, fields, alter=True)
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

    # --- alerts ----------------------------------------------------------------------------------------

    def add_alert(self, alert: dict) -> bool:
        """Store an alert unless one with the same key exists; return True when it was new."""
        row = dict(alert)
        for key in ("dyad", "evidence", "details"):
            if key in row and not isinstance(row[key], str):
                row[key] = json.dumps(row[key], ensure_ascii=False)
        row.setdefault("created_at", now_iso())
        row.setdefault("attempts", 0)
        with self._write():
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
            for key in ("dyad", "evidence", "details"):
                row[key] = json.loads(row[key]) if row.get(key) else ([] if key != "details" else {})
            yield row

    def mark_delivered(self, alert_id: str, channel: str) -> None:
        """Record that an alert was accepted by every notifier."""
        with self._write():
            self.db.execute(
                "UPDATE alerts SET delivered_at = ?, last_error = NULL, attempts = COALESCE(attempts, 0) + 1 "
                "WHERE id = ?",
                [now_iso(), alert_id],
            )
        log.debug("alert %s delivered via %s", alert_id, channel)

    def mark_failed(self, alert_id: str, error: str) -> None:
        """Record a failed delivery attempt; the alert stays pending."""
        with self._write():
            self.db.execute(
                "UPDATE alerts SET last_error = ?, attempts = COALESCE(attempts, 0) + 1 WHERE id = ?",
                [error, alert_id],
            )

    def get_alert(self, alert_id: str) -> dict | None:
        """One alert by id (JSON fields decoded), or None."""
        rows = list(self.db.query("SELECT * FROM alerts WHERE id = ?", [alert_id]))
        if not rows:
            return None
        row = rows[0]
        for key in ("dyad", "evidence", "details"):
            row[key] = json.loads(row[key]) if row.get(key) else ([] if key != "details" else {})
        return row

    def delivered_channels(self, alert_id: str) -> set[str]:
        """The notifiers that have already accepted an alert."""
        return {
            row["channel"]
            for row in self.db.query("SELECT channel FROM deliveries WHERE alert = ?", [alert_id])
        }

    def mark_channel_delivered(self, alert_id: str, channel: str) -> None:
        """Record that one notifier accepted an alert (committed at once: a crash after sending never resends)."""
        with self._write():
            self.db.execute(
                "INSERT OR IGNORE INTO deliveries (alert, channel, delivered_at) VALUES (?, ?, ?)",
                [alert_id, channel, now_iso()],
            )

    def document_counts(self, *, until: str | None = None) -> Iterator[dict]:
        """Documents per source and publication day ({source, day, n}); undated ones are left out."""
        sql = (
            "SELECT COALESCE(source, '') AS source, substr(published, 1, 10) AS day, count(*) AS n "
            "FROM documents WHERE published IS NOT NULL"
        )
        params: list = []
        if until:
            sql += " AND substr(published, 1, 10) <= ?"
            params.append(until)
        sql += " GROUP BY 1, 2 ORDER BY 1, 2"
        yield from self.db.query(sql, params)

    # --- crawl ---------------------------------------------------------------------------------------------
    # The URL frontier lives here, not in the crawler's memory: memory stays flat on long crawls and a killed
    # crawl resumes where it stopped.

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

    def last_success(self, source: str) -> str | None:
        """When a source last finished a crawl run without error, or None."""
        row = self.db.execute(
            "SELECT max(finished_at) FROM runs WHERE command = 'crawl' AND source = ? AND ok = 1", [source]
        ).fetchone()
        return row[0] if row else None

    # --- runs ------------------------------------------------------------------------------------------

    def start_run(self, command: str, source: str | None = None) -> int:
        """Record the start of a run; return its id."""
        with self._write():
            cursor = self.db.execute(
                "INSERT INTO runs (command, source, started_at, pages_seen, new, changed, unchanged, errors, ok) "
                "VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0)",
                [command, source, now_iso()],
            )
        assert cursor.lastrowid is not None  # an INSERT always sets it
        return cursor.lastrowid

    def finish_run(self, run_id: int, *, ok: bool, message: str = "", **columns: int | str | None) -> None:
        """Record the end of a run: its counts and other runs columns (started_at, last_success, stats)."""
        fields = {"finished_at": now_iso(), "ok": int(ok), "message": message, **columns}
        with self._write():
            _table(self.db, "runs").update(run_id, fields)

    def iter_runs(self) -> Iterator[dict]:
        """Every run, oldest first."""
        yield from self.db.query("SELECT * FROM runs ORDER BY id")

    # --- browse ----------------------------------------------------------------------------------------

    def sync_anniversaries(self, anniversaries: Iterable[Any]) -> int:
        """Make the anniversaries table match the data file (crawler.anniversaries.Anniversary objects):
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

    # --- exports and history ---------------------------------------------------------------------------

    def query(self, sql: str, params: list | dict | None = None) -> Iterator[dict]:
        """Rows of a read-only SQL query, as dicts (for analysis and exports)."""
        yield from self.db.query(sql, params or [])

    def table_counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {name: self.db[name].count for name in ("documents", "events", "alerts", "runs")}
