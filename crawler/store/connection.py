"""Opening the SQLite file, and the small helpers every table module shares.

One SQLite file in WAL mode with a busy timeout, so Datasette (or any reader) can browse it while a crawl
writes; a write SQLite refuses becomes a DatabaseError that names the database and the fix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import weakref
import zlib
from typing import cast

import sqlite_utils
from sqlite_utils.db import NotFoundError, Table, jsonify_if_needed

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


# The columns of each table, per connection: read once (columns are only ever added, by sqlite-utils).
_COLUMNS: weakref.WeakKeyDictionary[sqlite_utils.Database, dict[str, frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _has_columns(db: sqlite_utils.Database, name: str, wanted) -> bool:
    known = _COLUMNS.setdefault(db, {})
    if name not in known:
        known[name] = frozenset(row[1] for row in db.execute(f"PRAGMA table_info({_quote(name)})"))
    return set(wanted) <= known[name]


def insert_rows(
    db: sqlite_utils.Database, name: str, rows: list[dict], *, replace: bool = False, alter: bool = False
) -> None:
    """Insert rows into a table as sqlite-utils' insert_all(pk="id") stores them (lists and dicts as JSON,
    a key a row lacks as NULL), in one prepared statement instead of its per-call look-ups of the schema.
    Rows naming a column the table lacks go through sqlite-utils itself (which adds it with `alter`)."""
    if not rows:
        return
    columns = sorted({key for row in rows for key in row})
    if not _has_columns(db, name, columns):
        table(db, name).insert_all(rows, pk="id", replace=replace, alter=alter)
        _COLUMNS.get(db, {}).pop(name, None)
        return
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    sql = (
        f"{verb} INTO {_quote(name)} ({', '.join(_quote(c) for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    db.conn.executemany(sql, [[jsonify_if_needed(row.get(c)) for c in columns] for row in rows])


def update_row(db: sqlite_utils.Database, name: str, key: str, fields: dict, *, alter: bool = False) -> None:
    """Update columns of the row with this id, as sqlite-utils' update() does (NotFoundError when there is
    none); fields naming a column the table lacks go through sqlite-utils itself."""
    if not fields or not _has_columns(db, name, fields):
        table(db, name).update(key, fields, alter=alter)
        _COLUMNS.get(db, {}).pop(name, None)
        return
    sets = ", ".join(f"{_quote(c)} = ?" for c in fields)
    cursor = db.conn.execute(
        f'UPDATE {_quote(name)} SET {sets} WHERE "id" = ?', [*map(jsonify_if_needed, fields.values()), key]
    )
    if cursor.rowcount != 1:
        raise NotFoundError


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
