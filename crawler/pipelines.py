"""The one item pipeline: a thin Scrapy adapter from a crawled page to crawler.collect.pages.store_fetched_page."""

from __future__ import annotations

from scrapy.crawler import Crawler

from crawler.collect.pages import store_fetched_page
from crawler.extract.articles import cached_boilerplate
from crawler.items import PageItem
from crawler.store import Store


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
        for key in store_fetched_page(self.store, item, self.rules):
            self.crawler.stats.inc_value(key)
        item.html = None  # stored: keep no copy in memory or in feed exports
        return item
