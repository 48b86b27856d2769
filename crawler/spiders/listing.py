"""The listing spider: an HTML page whose links matching the source's `follow` expression are articles."""

from __future__ import annotations

from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor

from crawler.collect.links import Link, canonical_url
from crawler.errors import DocumentError
from crawler.spiders.base import SourceSpider


class ListingSpider(SourceSpider):
    """Crawl the article links of a listing page (`scrapy crawl listing -a source=NAME`)."""

    name = "listing"
    found_by = "listing"

    def links(self, response: Response) -> tuple[list[Link], list[str]]:
        if not isinstance(response, TextResponse):
            raise DocumentError("the listing page is not HTML")
        extractor = LinkExtractor(allow=self.source.follow or (), unique=True)  # a listing always has one
        urls = (canonical_url(link.url) for link in extractor.extract_links(response))
        return [Link(url) for url in dict.fromkeys(u for u in urls if u)], []
