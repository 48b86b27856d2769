"""What the spiders hand to the pipeline: one fetched (or failed) page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PageItem:
    """The outcome of fetching one article URL: a page, a 304, or a failure with its reason."""

    url: str  # where the page was found in the end (after redirects): the document id
    requested_url: str  # the URL the source listed
    source: str
    found_by: str  # feed | sitemap | listing
    status: int | None = None  # HTTP status; None when no response came
    html: str | None = None  # the decoded page
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    error: str | None = None  # why the page is unusable
    error_kind: str | None = None  # a short key for the run's stats: http_404, timeout, not_html, ...
    forbidden: bool = False  # robots.txt disallows it
