"""The schema, as named migrations: append, never edit one that has shipped.

Each database records the names it has applied in its `migrations` table, so the names and their order are
part of the file format. The alerts and deliveries tables (read and written by alerts.store) are created here
too: the list is one ordered history of the schema.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlite_utils

from crawler.store.connection import now_iso
from crawler.store.connection import table as _table

log = logging.getLogger(__name__)


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


def _m009_participants(db: sqlite_utils.Database) -> None:
    """Who took part in each event (crawler.extract.participants): role, name, posts, side and tier."""
    _table(db, "participants").create(
        {
            "id": str,
            "event": str,  # the event it took part in
            "doc": str,
            "list": int,  # which list of the document it was named in (1, 2, ...)
            "ord": int,  # its place among the document's participants
            "role": str,  # host | guest | attendee | head | sender | addressee
            "person": str,  # the name as written; empty for a post or a group without a name
            "position": str,  # the posts as written
            "state": str,  # the side: ISO 3166-1 alpha-3
            "tier": int,  # protocol tier of seeds/ranks.toml, 1 = the leader; empty when not ranked
            "tier_name": str,
            "post": str,  # the post of seeds/ranks.toml that gave the tier
            "is_group": int,  # 1 for a group ("officials concerned")
            "absent": int,  # 1 for a report that no one of `tier` or higher attended
            "sentence": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("event", "events", "id"), ("doc", "documents", "id")],
    )
    _table(db, "participants").create_index(["doc"])
    _table(db, "participants").create_index(["event"])


MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("001_initial", _m001_initial),
    ("002_crawl", _m002_crawl),
    ("003_alerts_deliveries", _m003_alerts_deliveries),
    ("004_anniversaries", _m004_anniversaries),
    ("005_event_clusters", _m005_event_clusters),
    ("006_document_bands", _m006_document_bands),
    ("007_text_hash_index", _m007_text_hash_index),
    ("008_fts_update_triggers", _m008_fts_update_triggers),
    ("009_participants", _m009_participants),
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
