"""Collect: sources, spiders ' links, the file loader, the crawl and distributed mode; each page becomes a stored document."""
