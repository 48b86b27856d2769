"""Collect: sources, the links of feeds and sitemaps, the file loader, the crawl and distributed mode; each page becomes a stored document."""
