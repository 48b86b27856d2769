"""The seed-file loader and the one way any page (file, jsonl line, crawled page) becomes a stored document.

`read_inputs(paths)` yields records from .txt, .html/.htm and .jsonl files (folders recursively);
`save_record(store, record, rules)` cleans the record into a document and stores it (idempotent).
`load` calls it for each record, and crawled pages reach it through crawler.collect.pages (the Scrapy pipeline
and the distributed ingester), so every way in stores the same thing.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crawler.errors import DocumentError
from crawler.extract.articles import Boilerplate, decode_bytes, read_html, read_text
from crawler.extract.dates import find_absolute_date
from crawler.store import Store, content_hash, now_iso

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 20 * 1024 * 1024
# Characters no text holds (C0 and C1 controls other than whitespace, the replacement character): bytes that
# decode to more than NOT_TEXT_SHARE of them are binary, or in an encoding nothing recognised.
NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
NOT_TEXT_SHARE = 0.02


@dataclass
class Record:
    """One input document before cleaning."""

    id: str
    raw: str | bytes
    raw_type: str  # text | html
    found_by: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    extra: dict = field(default_factory=dict)  # etag, last_modified, fetched_at
    where: str = ""  # the file, or file:line, it was read from (for messages)


@dataclass
class InputError:
    """An input that could not be read: where and why."""

    where: str
    reason: str


def _iter_files(paths: Sequence[str | os.PathLike]) -> Iterator[Path | InputError]:
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "no such file or folder")


def read_inputs(paths: Sequence[str | os.PathLike]) -> Iterator[Record | InputError]:
    """Records from files and folders; unreadable inputs come out as InputError and the rest go on."""
    for item in _iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        suffix = item.suffix.lower()
        try:
            if item.stat().st_size > MAX_BYTES and suffix not in JSONL_SUFFIXES:
                yield InputError(str(item), f"file larger than {MAX_BYTES // (1024 * 1024)} MiB, skipped")
                continue
            if suffix in JSONL_SUFFIXES:
                yield from _read_jsonl(item)
            elif suffix in HTML_SUFFIXES:
                data = item.read_bytes()
                problem = undecodable(decode_bytes(data))
                yield (
                    InputError(str(item), problem)
                    if problem
                    else Record(item.stem, data, "html", "file", source=None, where=str(item))
                )
            elif suffix in TEXT_SUFFIXES:
                text = decode_bytes(item.read_bytes())
                problem = undecodable(text)
                yield (
                    InputError(str(item), problem)
                    if problem
                    else Record(item.stem, text, "text", "file", where=str(item))
                )
            else:
                yield InputError(str(item), f"unknown file type {suffix!r} (use .txt, .html, .htm or .jsonl)")
        except OSError as exc:
            yield InputError(str(item), f"cannot read: {exc.strerror or exc}")


def _read_jsonl(path: Path) -> Iterator[Record | InputError]:
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                item = json.loads(decode_bytes(line))
            except json.JSONDecodeError as exc:
                yield InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(item, dict):
                yield InputError(where, "a line must be a JSON object")
                continue
            doc_id = item.get("id") or item.get("url")
            if not doc_id:
                yield InputError(where, "the line has neither 'id' nor 'url'")
                continue
            # an empty 'text' or 'html' is a document without article text (skipped); neither is a bad line
            raw_type = "html" if item.get("html") or "text" not in item else "text"
            if raw_type not in item:
                yield InputError(where, "the line has neither 'text' nor 'html'")
                continue
            raw = item[raw_type] if item[raw_type] is not None else ""
            if not isinstance(raw, str):
                yield InputError(where, "'text' / 'html' must be a string")
                continue
            yield Record(
                str(doc_id),
                raw,
                raw_type,
                "jsonl",
                url=item.get("url"),
                title=item.get("title"),
                published=item.get("date") or item.get("published"),
                source=item.get("source"),
                where=where,
            )


def undecodable(text: str) -> str | None:
    """Why decoded bytes are not text (binary data, an unrecognised encoding), or None when they are."""
    strange = len(NOT_TEXT.findall(text))
    if strange and strange > NOT_TEXT_SHARE * len(text):
        return (
            f"undecodable bytes: {strange} of {len(text)} characters are control or replacement characters "
            "(a binary file, or text in an encoding that was not recognised)"
        )
    return None


def build_document(record: Record, rules: Boilerplate) -> dict:
    """Clean one record into a documents row (raises DocumentError for an unusable page)."""
    if record.raw_type == "html":
        article = read_html(record.raw, rules, url=record.url)
    else:
        text = record.raw if isinstance(record.raw, str) else decode_bytes(record.raw)
        article = read_text(text, rules)
    published, published_from = None, article.published_from
    if record.published:
        when = find_absolute_date(str(record.published)) or find_absolute_date(str(record.published)[:10])
        if when is None:
            raise DocumentError(f"bad date {record.published!r} (use YYYY-MM-DD)")
        published, published_from = when.iso, "given"
    elif article.published:
        published = article.published.iso
    return {
        "id": record.id,
        "url": record.url,
        "title": record.title or article.title,
        "published": published,
        "published_from": published_from,
        "source": record.source or article.source,
        "found_by": record.found_by,
        "text": article.text,
        "raw": record.raw,
        "raw_type": record.raw_type,
        "content_hash": content_hash(record.raw),
        "text_hash": content_hash(article.text),
        "error": None,
        **record.extra,
    }


def save_record(store: Store, record: Record, rules: Boilerplate) -> str:
    """Clean and store one record; return 'new', 'changed' or 'unchanged'. Raises DocumentError.

    The one place that compares content hashes: an unchanged record is neither cleaned nor written again
    (only its fetch headers are updated)."""
    state = store.document_state(record.id)
    if state and state["content_hash"] == content_hash(record.raw):
        extra = {k: v for k, v in record.extra.items() if k in ("etag", "last_modified", "fetched_at")}
        if extra:
            store.touch_document(record.id, **extra)
        return "unchanged"
    document = build_document(record, rules)
    document.setdefault("loaded_at", now_iso())
    return store.save_document(document)
