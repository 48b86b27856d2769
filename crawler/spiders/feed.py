"""The feed spider: RSS, RDF and Atom feeds."""

from __future__ import annotations

from scrapy.http import Response

from crawler.collect.links import Link, feed_links
from crawler.spiders.base import SourceSpider


class FeedSpider(SourceSpider):
    """Crawl the articles a feed links to (`scrapy crawl feed -a source=NAME`)."""

    name = "feed"
    found_by = "feed"

    def links(self, response: Response) -> tuple[list[Link], list[str]]:
        return feed_links(response.body, response.url), []
