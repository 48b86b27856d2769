"""Opening the SQLite file, and the small helpers every table module shares.

One SQLite file in WAL mode with a busy timeout, so Datasette (or any reader) can browse it while a crawl
writes; a write SQLite refuses becomes a DatabaseError that names the database and the fix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import zlib
from typing import cast

import sqlite_utils
from sqlite_utils.db import Table

from crawler.errors import DatabaseError

BUSY_TIMEOUT_MS = 30_000


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


def table(db: sqlite_utils.Database, name: str) -> Table:
    """A table of the schema: db[name] is typed Table | View, and none of shiftwatch's tables is a view."""
    return cast(Table, db[name])


def connect(path: str, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open the file with the busy timeout; a writable one in WAL mode. sqlite3 errors are left to the caller."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not readonly:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    return db


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
