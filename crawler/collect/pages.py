"""A fetched page (a PageItem from a spider, here or through Redis) becomes a stored document and frontier rows.

`store_fetched_page` is what the Scrapy pipeline (crawler/pipelines.py) and the distributed ingester both call,
so a single-process crawl and a distributed one store the same thing; the document itself goes through
`crawler.collect.documents.save_record`, as a loaded file does.
"""

from __future__ import annotations

import logging

from crawler.collect.documents import Record, save_record
from crawler.errors import DocumentError
from crawler.extract.articles import Boilerplate
from crawler.items import PageItem
from crawler.store import Store

log = logging.getLogger(__name__)


def store_fetched_page(store: Store, item: PageItem, rules: Boilerplate) -> list[str]:
    """Record one fetched page in the database (its document, its frontier rows); return the stats keys to
    count (`shiftwatch/new`, `shiftwatch/errors/timeout`, ...)."""
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
        _record_outcome(store, item, "unchanged")
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
    _record_outcome(store, item, "stored" if status != "unchanged" else "unchanged")
    return ["shiftwatch/fetched", f"shiftwatch/{status}"]


def _record_outcome(store: Store, item: PageItem, state: str) -> None:
    """The frontier rows of a page that came back: its final URL, and the listed URL if it redirected."""
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
