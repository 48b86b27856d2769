"""The database: the schema, its migrations and every sqlite-utils call of the crawler.

One SQLite file in WAL mode with a busy timeout, so Datasette (or any reader) can browse it while a crawl
writes. One module per group of tables, all over one connection (crawler.store.database.Database):

- connection: opening the file, now_iso, content_hash, the raw-page compression, write errors
- migrations: the named, append-only migrations of the whole schema
- documents, events, participants, frontier (the urls table), runs, anniversaries: each table's reads and
  writes

Store is all of them at once. The alerts and deliveries tables are read and written by alerts.store.
"""

from __future__ import annotations

from crawler.store.anniversaries import Anniversaries
from crawler.store.connection import BUSY_TIMEOUT_MS, compress, content_hash, decompress, now_iso, write_error
from crawler.store.database import Database
from crawler.store.documents import Documents
from crawler.store.events import JSON_EVENT_FIELDS, Events
from crawler.store.frontier import Frontier
from crawler.store.migrations import MIGRATIONS, migrate
from crawler.store.participants import Participants
from crawler.store.runs import Runs

__all__ = [
    "BUSY_TIMEOUT_MS",
    "JSON_EVENT_FIELDS",
    "MIGRATIONS",
    "Database",
    "Store",
    "compress",
    "content_hash",
    "decompress",
    "migrate",
    "now_iso",
    "write_error",
]


class Store(Documents, Events, Participants, Frontier, Runs, Anniversaries):
    """The shiftwatch database. Open with Store(path); every read and write of the crawler goes through it."""
