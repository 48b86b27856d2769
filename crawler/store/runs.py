"""The runs table: one row per command run (crawl, load, process, run), with its counts."""

from __future__ import annotations

from collections.abc import Iterator

from crawler.store.connection import now_iso
from crawler.store.connection import table as _table
from crawler.store.database import Database


class Runs(Database):
    """Reads and writes of the runs table."""

    def last_success(self, source: str) -> str | None:
        """When a source last finished a crawl run without error, or None."""
        row = self.db.execute(
            "SELECT max(finished_at) FROM runs WHERE command = 'crawl' AND source = ? AND ok = 1", [source]
        ).fetchone()
        return row[0] if row else None

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
