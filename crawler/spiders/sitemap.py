"""The sitemap spider: XML sitemaps, gzipped or not, and sitemap indexes."""

from __future__ import annotations

from scrapy.http import Response

from crawler.collect.links import Link, sitemap_links
from crawler.spiders.base import SourceSpider


class SitemapSpider(SourceSpider):
    """Crawl the pages a sitemap lists, following sitemap indexes (`scrapy crawl sitemap -a source=NAME`)."""

    name = "sitemap"
    found_by = "sitemap"

    def links(self, response: Response) -> tuple[list[Link], list[str]]:
        return sitemap_links(response.body, response.url)
