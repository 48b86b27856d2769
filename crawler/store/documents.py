"""The documents table: the pages and files read, their raw copy, and their near-duplicate band keys."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from crawler.store.connection import compress, content_hash, decompress, insert_rows, now_iso, update_row
from crawler.store.database import Database


class Documents(Database):
    """Reads and writes of the documents and document_bands tables."""

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
        """Insert or update one document; return 'new' or 'changed'.

        `doc` holds the documents columns; `raw` may be str or bytes and is compressed here. Whether a page
        changed at all is decided before cleaning it, by its content hash (crawler.collect.documents.save_record):
        this only writes, and a changed document is marked for extraction again.
        """
        record = dict(doc)
        raw = record.pop("raw", None)
        record["content_hash"] = record.get("content_hash") or content_hash(raw or record.get("text") or "")
        record["raw"] = compress(raw)
        stamp = now_iso()
        record["updated_at"] = stamp
        with self._write():
            if self._has_document(record["id"]):
                record["processed_version"] = None
                update_row(self.db, "documents", record["id"], record)
                status = "changed"
            else:
                record.setdefault("loaded_at", stamp)
                insert_rows(self.db, "documents", [record])
                status = "new"
        return status

    def _has_document(self, doc_id: str) -> bool:
        return bool(list(self.db.query("SELECT 1 FROM documents WHERE id = ?", [doc_id])))

    def touch_document(self, doc_id: str, **fields: Any) -> None:
        """Update a few columns of a document (fetch headers, story date, errors)."""
        with self._write():
            update_row(self.db, "documents", doc_id, fields)

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
                "SELECT id, source, url, loaded_at, canonical, published FROM documents WHERE text_hash = ? AND id != ? "
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
            f"SELECT id, source, url, text, canonical, loaded_at, published FROM documents WHERE id IN "
            f"(SELECT DISTINCT doc FROM document_bands WHERE band IN ({marks})) AND id != ? ORDER BY loaded_at, id"
        )
        yield from self.db.query(sql, [*bands, exclude])

    def raw_page(self, doc_id: str) -> bytes | None:
        """The raw page as stored, decompressed."""
        rows = list(self.db.query("SELECT raw FROM documents WHERE id = ?", [doc_id]))
        return decompress(rows[0]["raw"]) if rows else None

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
