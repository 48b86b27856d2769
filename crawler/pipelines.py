"""The one item pipeline: a thin adapter from a crawled page to crawler.ingest.save_record and the frontier."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler

from crawler.collect.documents import Record, save_record
from crawler.errors import DocumentError
from crawler.extract.articles import cached_boilerplate
from crawler.items import PageItem
from crawler.store import Store

log = logging.getLogger(__name__)


class StorePipeline:
    """Store each page once (by its canonical URL) and record the fetch's outcome; count it in the stats."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_path = crawler.settings["SHIFTWATCH_DB"]
        self.boilerplate = crawler.settings["SHIFTWATCH_BOILERPLATE"]
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider=None) -> None:
        self.store = Store(self.db_path)
        self.rules = cached_boilerplate(str(self.boilerplate))

    def close_spider(self, spider=None) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def process_item(self, item, spider=None):
        if not isinstance(item, PageItem):
            return item
        assert self.store is not None
        for key in store_page(self.store, item, self.rules):
            self.crawler.stats.inc_value(key)
        item.html = None  # stored: keep no copy in memory or in feed exports
        return item


def store_page(store: Store, item: PageItem, rules) -> list[str]:
    """Record one fetched page in the database (its document, its frontier rows); return the stats keys to
    count. The Scrapy pipeline and the distributed ingester both call it, so both store the same thing."""
    if item.forbidden:
        store.record_fetch(
            item.requested_url,
            state="forbidden",
            source=item.source,
            found_by=item.found_by,
            reason=item.error,
        )
        log.info("%s: skipped, %s", item.requested_url, item.error)
        return ["shiftwatch/forbidden"]
    if item.error is None and item.status == 304:
        if store.document_state(item.url):
            store.touch_document(item.url, fetched_at=item.fetched_at)
        _record(store, item, "unchanged")
        return ["shiftwatch/fetched", "shiftwatch/unchanged"]
    status = None
    if item.error is None:
        record = Record(
            id=item.url,
            raw=item.html or "",
            raw_type="html",
            found_by=item.found_by,
            url=item.url,
            source=item.source,
            extra={"etag": item.etag, "last_modified": item.last_modified, "fetched_at": item.fetched_at},
        )
        try:
            status = save_record(store, record, rules)
        except DocumentError as exc:
            item.error, item.error_kind = str(exc), "unusable_page"
    if item.error is not None:
        store.record_fetch(
            item.requested_url,
            state="failed",
            source=item.source,
            found_by=item.found_by,
            http_status=item.status,
            reason=item.error,
        )
        log.warning("%s: %s", item.requested_url, item.error)
        return ["shiftwatch/fetched", "shiftwatch/errors", f"shiftwatch/errors/{item.error_kind or 'other'}"]
    _record(store, item, "stored" if status != "unchanged" else "unchanged")
    return ["shiftwatch/fetched", f"shiftwatch/{status}"]


def _record(store: Store, item: PageItem, state: str) -> None:
    store.record_fetch(
        item.url, state=state, source=item.source, found_by=item.found_by, http_status=item.status
    )
    if item.requested_url != item.url:
        store.record_fetch(
            item.requested_url,
            state="redirected",
            source=item.source,
            found_by=item.found_by,
            http_status=item.status,
            canonical=item.url,
        )
