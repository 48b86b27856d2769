"""A populated database created at the first migration, brought forward by the current code: its rows are
kept, every later migration is applied once, and the commands work on it as on a new database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from helpers import shiftwatch

from crawler.store import MIGRATIONS, Store

pytestmark = pytest.mark.timeout(300)

FIRST = MIGRATIONS[0][0]  # "001_initial": the schema of the first release
OLD_ALERT = {
    "id": "reported_absence:CHN-PRK:prk-chn-treaty:2023",
    "kind": "reported_absence",
    "dyad": '["CHN", "PRK"]',
    "title": "Reported not marked: an alert stored by the first release",
    "due": "2023-07-11",
    "evidence": '[{"doc": "000_99f503da20989f5c", "url": null, "sentence": "Nothing was marked."}]',
    "details": "{}",
    "as_of": "2023-07-20",
    "created_at": "2023-07-20T00:00:00+00:00",
    "attempts": 0,
}


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]


@pytest.fixture(scope="module")
def databases(tmp_path_factory, seed_db) -> tuple[Path, Path]:
    """(old, new): `old` has only the first migration and holds the seed database's documents and events
    (the columns that migration has) and one pending alert; `new` is the seed database as loaded today."""
    folder = tmp_path_factory.mktemp("migrations")
    old = folder / "old.db"
    db = sqlite_utils.Database(old)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    with db.conn:
        MIGRATIONS[0][1](db)
        db.execute("INSERT INTO migrations VALUES (?, '2024-01-01T00:00:00+00:00')", [FIRST])
    source = sqlite3.connect(seed_db)
    for table in ("documents", "events"):
        names = columns(db.conn, table)
        rows = source.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
        with db.conn:
            db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})", rows
            )
    with db.conn:
        db["alerts"].insert(OLD_ALERT)
    db.close()
    source.close()
    return old, seed_db


def test_opening_an_old_database_applies_each_later_migration_once_and_keeps_its_rows(databases):
    old, new = databases
    with sqlite3.connect(old) as conn:
        before = {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("documents", "events")
        }
        old_columns = {t: columns(conn, t) for t in ("documents", "events")}
    with Store(old) as store:
        applied = [row[0] for row in store.db.execute("SELECT name FROM migrations ORDER BY name")]
        assert applied == [name for name, _ in MIGRATIONS]
    with Store(old) as store:  # a second opening applies nothing
        assert store.db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
    with sqlite3.connect(old) as conn, sqlite3.connect(new) as fresh:
        for table in ("documents", "events"):
            kept = conn.execute(f"SELECT {', '.join(old_columns[table])} FROM {table} ORDER BY id").fetchall()
            assert kept == before[table], table  # every row and value as it was
        # the schema is the new database's: the same tables, views and columns
        schema = "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        assert conn.execute(schema).fetchall() == fresh.execute(schema).fetchall()
        for (table,) in fresh.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            assert sorted(columns(conn, table)) == sorted(columns(fresh, table)), table
        # the generated columns of later migrations work on the old rows
        assert conn.execute("SELECT delivery FROM alerts").fetchall() == [("pending",)]
        years = conn.execute("SELECT year, count(*) FROM events GROUP BY year ORDER BY year").fetchall()
        assert (
            years == fresh.execute("SELECT year, count(*) FROM events GROUP BY year ORDER BY year").fetchall()
        )
        # the full-text index of the old rows still answers
        hits = conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'Belousov'").fetchall()
        assert len(hits) == 1


def test_commands_on_a_migrated_database_give_what_they_give_on_a_new_one(databases, tmp_path):
    old, new = databases
    processed = shiftwatch("process", "--all", db=old).stdout.splitlines()
    assert [line for line in processed if line.startswith("processed ")][0].startswith(
        "processed 5 document(s):"
    )
    exported = {}
    for name, db in (("old", old), ("new", new)):
        rows = [json.loads(line) for line in shiftwatch("export", "events", db=db).stdout.splitlines()]
        exported[name] = sorted(
            (e["doc"], e["kind"], e["actors"], e["targets"], e["date"], e["negated"], e["evidence"])
            for e in rows
        )
    assert exported["old"] == exported["new"] and exported["old"]
    copy = tmp_path / "analysed.db"
    copy.write_bytes(old.read_bytes())
    analysed = shiftwatch("analyze", "--as-of", "2024-08-01", db=copy)
    assert analysed.stdout.splitlines()[0] == "1 alert(s) as of 2024-08-01, 1 new"
    # the alert stored by the first release and the new one: each delivered once
    notified = shiftwatch("notify", db=copy, env={"SHIFTWATCH_CONFIG": ""})
    assert notified.stdout.splitlines()[-1] == "delivered 2 alert(s) via log", notified.stdout
    assert shiftwatch("notify", db=copy, env={"SHIFTWATCH_CONFIG": ""}).stdout.strip() == "no pending alerts"
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT id, delivery FROM alerts ORDER BY id").fetchall() == [
            ("reported_absence:CHN-PRK:prk-chn-treaty:2023", "delivered"),
            ("reported_absence:CHN-PRK:prk-chn-treaty:2024", "delivered"),
        ]
