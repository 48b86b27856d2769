"""The spiders: one per kind of source index. Each crawls one source of the sources file:

scrapy crawl feed -a source=NAME        RSS / Atom feeds
scrapy crawl sitemap -a source=NAME     XML sitemaps and sitemap indexes
scrapy crawl listing -a source=NAME     HTML pages of links, article links chosen by the source's `follow`
"""
