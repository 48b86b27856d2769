"""What every shiftwatch spider shares: its source, the database frontier of article URLs, page items."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy import exceptions, signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web.client import ResponseFailed
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from crawler.collect.links import Link
from crawler.collect.sources import Source, load_sources
from crawler.errors import DataFileError, DocumentError
from crawler.extract.articles import decode_bytes
from crawler.store import Store, now_iso

log = logging.getLogger(__name__)

HTML_TYPES = (b"text/html", b"application/xhtml+xml", b"text/plain")
INDEX_PRIORITY = 10  # feeds and sitemaps before articles: the frontier fills before it drains


def _scrapy_errors(*names: str) -> tuple[type[Exception], ...]:
    # Scrapy 2.14+ wraps download errors in its own exceptions; older versions raise Twisted's.
    return tuple(getattr(exceptions, name) for name in names if hasattr(exceptions, name))


TIMEOUTS = (TimeoutError, TCPTimedOutError, *_scrapy_errors("DownloadTimeoutError"))
DNS_ERRORS = (DNSLookupError, *_scrapy_errors("CannotResolveHostError"))
REFUSED = (ConnectionRefusedError, *_scrapy_errors("DownloadConnectionRefusedError"))
CUT_OFF = (ConnectionLost, ResponseFailed, *_scrapy_errors("ResponseDataLossError"))


def decode_page(body: bytes, content_type: str | None) -> str:
    """A page's text: a BOM wins; bytes that are valid UTF-8 are UTF-8 whatever the page declares (the usual
    mis-declaration); else the declared charset (header, then meta) if it decodes; else Windows-1252 or a
    detected one (decode_bytes). Not Scrapy's response.text, which replaces what the declared charset cannot
    decode."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        try:
            return body[len(bom) :].decode(bom_encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        declared = http_content_type_encoding(content_type) or html_body_declared_encoding(body)
        return decode_bytes(body, declared)


class SourceSpider(scrapy.Spider):
    """Crawl one source: fetch its index, queue the article links in the database, fetch them in batches.

    Article requests come from the frontier (the urls table) a batch at a time, skip the in-memory duplicate
    filter (the table is the seen-URL set) and carry the stored ETag / Last-Modified for a conditional GET.
    """

    found_by: ClassVar[str]
    # Set in from_crawler (source, batch, recheck_hours, redis_url) and spider_opened (redis or started).
    source: Source
    batch: int
    recheck_hours: float
    redis_url: str | None
    redis: Any  # a redis.Redis client, distributed mode only
    started: dt.datetime

    def __init__(self, source: str | None = None, sources: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.source_name = source
        self.sources_file = sources
        self.store: Store | None = None
        self.in_flight = 0

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = spider._find_source(crawler.settings)
        # Settings are still open here: a source's own delay and user agent apply to its crawl only.
        if spider.source.delay is not None:
            crawler.settings.set("DOWNLOAD_DELAY", spider.source.delay, priority="spider")
            crawler.settings.set("AUTOTHROTTLE_START_DELAY", max(spider.source.delay, 0.1), priority="spider")
        if spider.source.user_agent:
            crawler.settings.set("USER_AGENT", spider.source.user_agent, priority="spider")
        spider.batch = max(1, crawler.settings.getint("SHIFTWATCH_FRONTIER_BATCH", 64))
        spider.recheck_hours = crawler.settings.getfloat("SHIFTWATCH_RECHECK_AFTER_HOURS", 1.0)
        # Distributed mode (crawler/collect/distributed.py): the queue and the seen marks are in Redis, no database.
        spider.redis_url = crawler.settings.get("SHIFTWATCH_REDIS_URL") or None
        crawler.signals.connect(spider.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        return spider

    def _find_source(self, settings) -> Source:
        path = self.sources_file or settings.get("SHIFTWATCH_SOURCES")
        sources = load_sources(path)
        mine = [s.name for s in sources if s.type == self.name]
        if not self.source_name:
            raise DataFileError(
                f"name the source to crawl: scrapy crawl {self.name} -a source=NAME "
                f"({self.name} sources in {path}: {', '.join(mine) or 'none'})"
            )
        found = next((s for s in sources if s.name == self.source_name), None)
        if found is None:
            raise DataFileError(
                f"{path}: no source named {self.source_name!r} "
                f"({self.name} sources: {', '.join(mine) or 'none'})"
            )
        if found.type != self.name:
            raise DataFileError(
                f"{path}: source {found.name!r} is a {found.type}: "
                f"scrapy crawl {found.type} -a source={found.name}"
            )
        return found

    # --- life cycle ----------------------------------------------------------------------------------------

    def spider_opened(self, spider) -> None:
        if self.redis_url:
            from crawler.collect.distributed import redis_client

            self.redis = redis_client(self.redis_url)
            return
        self.store = Store(self.settings["SHIFTWATCH_DB"])
        # Pages checked since this moment are not due again in this crawl, whichever source lists them.
        self.started = dt.datetime.now(dt.UTC)
        resumed = self.store.release_claims(self.source.name)
        if resumed:
            log.info("%s: resuming %d page(s) an interrupted crawl had taken", self.source.name, resumed)

    def closed(self, reason: str) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    async def start(self):
        # Distributed: the first worker of a round reads the index, the others find it marked as seen.
        yield scrapy.Request(
            self.source.url,
            callback=self.parse_index,
            errback=self.index_failed,
            dont_filter=not self.redis_url,
            priority=INDEX_PRIORITY,
            meta={"seen": "index"},
        )

    def spider_idle(self, spider) -> None:
        """Nothing in flight: take the next batch from the frontier, or let the spider close."""
        self.in_flight = 0
        requests = list(self.next_requests())
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    # --- the index -------------------------------------------------------------------------------------------

    def parse_index(self, response: Response) -> Iterator[Any]:
        """Read the links of the index page (per spider: links()); queue them in the database."""
        try:
            links, more = self.links(response)
        except DocumentError as exc:
            self.index_error(response.url, str(exc))
            return
        for url in more:
            yield scrapy.Request(
                url,
                callback=self.parse_index,
                errback=self.index_failed,
                priority=INDEX_PRIORITY,
                meta={"seen": "index"},
            )
        if self.redis_url:
            yield from self.shared_requests(links)
            return
        self.queue(links)
        yield from self.next_requests()

    def links(self, response: Response) -> tuple[list[Link], list[str]]:
        """(article links, more index pages) of an index response; raises DocumentError."""
        raise NotImplementedError

    def queue(self, links: Iterable[Link]) -> None:
        """Put links in the frontier; known ones only if they may have changed."""
        assert self.store is not None
        links = list(links)
        before = hours_before(self.started, self.recheck_hours)
        pending = self.store.enqueue_urls(self.source.name, self.found_by, links, before)
        self.crawler.stats.inc_value("shiftwatch/listed", len(links))
        self.crawler.stats.set_value("shiftwatch/pending", pending)
        if links:
            log.info("%s: %d link(s) listed, %d to fetch", self.source.name, len(links), pending)

    def shared_requests(self, links: list[Link]) -> Iterator[scrapy.Request]:
        """Distributed: a request per link for the shared queue; Redis's seen marks drop those checked
        recently, and stored pages are asked with the validators the ingester keeps in Redis."""
        from crawler.collect.distributed import VALIDATORS

        self.crawler.stats.inc_value("shiftwatch/listed", len(links))
        known = self.redis.hmget(VALIDATORS, [link.url for link in links]) if links else []
        for link, validators in zip(links, known, strict=True):
            headers = {}
            if validators:
                stored = json.loads(validators)
                if stored.get("etag"):
                    headers["If-None-Match"] = stored["etag"]
                if stored.get("last_modified"):
                    headers["If-Modified-Since"] = stored["last_modified"]
            yield scrapy.Request(
                link.url,
                headers=headers,
                callback=self.parse_page,
                errback=self.page_failed,
                meta={"handle_httpstatus_list": [304], "frontier_url": link.url, "lastmod": link.lastmod},
            )

    def index_failed(self, failure: Failure) -> None:
        self.index_error(failed_request(failure).url, describe_failure(failure)[1])

    def index_error(self, url: str, reason: str) -> None:
        log.warning("%s: index %s unusable: %s", self.source.name, url, reason)
        stats = self.crawler.stats
        stats.inc_value("shiftwatch/errors")
        stats.inc_value("shiftwatch/errors/index")
        stats.set_value("shiftwatch/index_error", f"{url}: {reason}")

    # --- the articles ----------------------------------------------------------------------------------------

    def next_requests(self) -> Iterator[scrapy.Request]:
        """Requests for the next frontier batch, when fewer than half a batch are in flight."""
        if self.store is None or self.in_flight > self.batch // 2:
            return
        for row in self.store.claim_urls(self.source.name, self.batch - self.in_flight):
            headers = {}
            if row["etag"]:
                headers["If-None-Match"] = row["etag"]
            if row["last_modified"]:
                headers["If-Modified-Since"] = row["last_modified"]
            self.in_flight += 1
            yield scrapy.Request(
                row["url"],
                headers=headers,
                callback=self.parse_page,
                errback=self.page_failed,
                dont_filter=True,  # the urls table is the seen-URL set; the in-memory filter would only grow
                meta={"handle_httpstatus_list": [304], "frontier_url": row["url"]},
            )

    def parse_page(self, response: Response) -> Iterator[Any]:
        """One article response (200 or 304) as a PageItem; then top up the frontier."""
        from crawler.items import PageItem

        self.in_flight -= 1
        headers = response.headers
        item = PageItem(
            url=response.url,
            requested_url=response.meta.get("frontier_url", response.url),
            source=self.source.name,
            found_by=self.found_by,
            status=response.status,
            etag=_header(headers, b"ETag"),
            last_modified=_header(headers, b"Last-Modified"),
            fetched_at=now_iso(),
        )
        if response.status != 304:
            content_type = headers.get(b"Content-Type") or b""
            if not isinstance(response, TextResponse) or not content_type.lower().startswith(HTML_TYPES):
                kind = content_type.decode("latin-1").split(";")[0].strip() or "no content type"
                item.error, item.error_kind = f"not an HTML page ({kind})", "not_html"
            else:
                item.html = decode_page(response.body, content_type.decode("latin-1"))
        yield item
        yield from self.next_requests()

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        """A request that brought no usable response: a PageItem with the reason; then top up the frontier."""
        from crawler.items import PageItem

        self.in_flight -= 1
        request = failed_request(failure)
        kind, reason = describe_failure(failure)
        status = failure.value.response.status if isinstance(failure.value, HttpError) else None
        url = request.meta.get("frontier_url", request.url)
        yield PageItem(
            url=request.url,
            requested_url=url,
            source=self.source.name,
            found_by=self.found_by,
            status=status,
            fetched_at=now_iso(),
            error=reason,
            error_kind=kind,
            forbidden=kind == "robots",
        )
        yield from self.next_requests()


def failed_request(failure: Failure) -> scrapy.Request:
    """The request of a failure passed to an errback (Scrapy sets the attribute; Twisted's types lack it)."""
    return failure.request  # type: ignore[attr-defined]  # set by Scrapy, not declared by Twisted


def describe_failure(failure: Failure) -> tuple[str, str]:
    """(stats key, reason for the log) of a failed request."""
    if isinstance(failure.value, HttpError):
        status = failure.value.response.status
        return f"http_{status}", f"HTTP {status}"
    if failure.check(IgnoreRequest):
        text = str(failure.value) or "request ignored"
        return ("robots" if "robots" in text.lower() else "ignored"), text
    if failure.check(*TIMEOUTS):
        return "timeout", f"timed out ({failure.getErrorMessage()})"
    if failure.check(*DNS_ERRORS):
        return "dns", f"DNS lookup failed ({failure.getErrorMessage()})"
    if failure.check(*REFUSED):
        return "refused", "connection refused"
    if failure.check(*CUT_OFF):
        return "cut_off", f"connection lost before the page was complete ({failure.getErrorMessage()})"
    name = failure.type.__name__ if failure.type is not None else "error"
    return "network", f"{name}: {failure.getErrorMessage()}"


def hours_before(when: dt.datetime, hours: float) -> str:
    """`hours` before a UTC time, in the format of Store timestamps."""
    when = when - dt.timedelta(hours=hours)
    return when.replace(microsecond=0).isoformat()


def _header(headers, name: bytes) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None
