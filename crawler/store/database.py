"""The one connection every table module works over: opening (and migrating), transactions, raw queries."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Self

from crawler.errors import DatabaseError
from crawler.store.connection import connect, write_error
from crawler.store.migrations import migrate


class Database:
    """An open shiftwatch database (self.db, a sqlite-utils Database); the table modules add their methods."""

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False):
        self.path = os.fspath(path)
        try:
            self.db = connect(self.path, readonly=readonly)
            if not readonly:
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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[None]:
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

    def query(self, sql: str, params: list | dict | None = None) -> Iterator[dict]:
        """Rows of a read-only SQL query, as dicts (for analysis and exports)."""
        yield from self.db.query(sql, params or [])

    def table_counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {name: self.db[name].count for name in ("documents", "events", "alerts", "runs")}
