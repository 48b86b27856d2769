"""Article links out of feeds (RSS, Atom, RDF) and XML sitemaps (and sitemap indexes).

Pure functions over bytes: no Scrapy, no database. Each link comes with the date its index gives
(sitemap lastmod, Atom updated), normalised to UTC ISO 8601 so the frontier can tell whether a stored
page may have changed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import string
import zlib
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from w3lib.url import safe_url_string

from crawler.errors import DocumentError

# XPath expressions, namespace-agnostic (feeds in the wild mix namespaces freely).
RSS_ITEMS = "//*[local-name()='item']"
RSS_LINK = "./*[local-name()='link']/text()"
RSS_GUID_LINK = "./*[local-name()='guid'][not(@isPermaLink='false')]/text()"
RSS_DATES = (
    "./*[local-name()='updated']/text()",
    "./*[local-name()='modified']/text()",
    "./*[local-name()='pubDate']/text()",
    "./*[local-name()='date']/text()",
)
RDF_ABOUT = "@*[local-name()='about']"
ATOM_ENTRIES = "//*[local-name()='entry']"
ATOM_LINKS = "./*[local-name()='link']"
ATOM_DATES = ("./*[local-name()='updated']/text()", "./*[local-name()='published']/text()")
SITEMAP_PAGES = "//*[local-name()='urlset']/*[local-name()='url']"
SITEMAP_CHILDREN = "//*[local-name()='sitemapindex']/*[local-name()='sitemap']"
SITEMAP_LOC = "./*[local-name()='loc']/text()"
SITEMAP_DATES = (
    "./*[local-name()='lastmod']/text()",
    "./*[local-name()='news']/*[local-name()='publication_date']/text()",
)

# Query parameters that only track the reader: the same article with or without them is one page.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")
DEFAULT_PORTS = {"http": 80, "https": 443}
ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
MAX_XML_BYTES = 50 * 1024 * 1024  # of a feed or sitemap, decompressed
YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")  # W3C datetime's coarsest forms
XML_PARSER = etree.XMLParser(
    recover=True,
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


class Link(NamedTuple):
    """An article link and the date its index gave (UTC ISO 8601), if any."""

    url: str
    lastmod: str | None = None


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The one form of a page's URL, by which single-process and distributed crawls both know the page (the
    frontier's key, the distributed seen marks); None for anything but an absolute http(s) URL.

    Percent-encoded as Scrapy sends it (w3lib's safe_url_string: spaces and non-ASCII escaped, IDNA host),
    then: scheme and host in lower case, no default port, escapes in upper case and unreserved characters
    unescaped (RFC 3986, 6.2.2), an empty path as "/", no fragment, no tracking parameters, no empty query.
    The other parameters keep their order and bytes.
    """
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(safe_url_string(url))
        port = parts.port
    except ValueError:  # a port that is no number, a broken IPv6 address
        return None
    scheme, host = parts.scheme.lower(), parts.hostname
    if scheme not in DEFAULT_PORTS or not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    if at:
        netloc = f"{userinfo}@{netloc}"
    # latin-1 both ways: the query's escaped bytes come back exactly, whatever their encoding
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True, encoding="latin-1")
        if not key.lower().startswith(TRACKING_PARAMS)
    ]
    path = ESCAPE.sub(_normal_escape, parts.path) or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, encoding="latin-1"), ""))


def _normal_escape(match: re.Match) -> str:
    char = chr(int(match[1], 16))
    return char if char in UNRESERVED else match[0].upper()


def to_utc_iso(text: str | None) -> str | None:
    """A feed or sitemap date (ISO 8601, W3C datetime or RFC 822) as UTC 'YYYY-MM-DDTHH:MM:SS+00:00'; None if
    unreadable. A year or a year and month (`2024`, `2024-07`) stands for its first day."""
    text = (text or "").strip()
    if not text:
        return None
    when: dt.datetime | None
    if partial := YEAR_MONTH.fullmatch(text):
        year, month = int(partial[1]), int(partial[2] or 1)
        return dt.datetime(year, month, 1, tzinfo=dt.UTC).isoformat() if 1 <= month <= 12 else None
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def _first(element: etree._Element, paths: tuple[str, ...] | str) -> str | None:
    for path in (paths,) if isinstance(paths, str) else paths:
        values = [v.strip() for v in element.xpath(path) if v and v.strip()]
        if values:
            return values[0]
    return None


def gunzip(body: bytes, limit: int, what: str) -> bytes:
    """The decompressed bytes of a gzip file, at most `limit` of them: a DocumentError past that (a few kB of
    gzip can hold gigabytes, and the page-size limit only saw the compressed bytes) or for a damaged file."""
    chunks: list[bytes] = []
    size = 0
    rest = body
    try:
        while rest:  # a gzip file may hold several members, one after the other
            member = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            chunk = member.decompress(rest, limit - size + 1)
            size += len(chunk)
            if size > limit:
                raise DocumentError(
                    f"{what}: {len(body):,} bytes of gzip decompress to more than {limit // (1024 * 1024)} MiB, "
                    "the most a feed or sitemap may hold; not read"
                )
            chunks.append(chunk)
            if not member.eof:
                raise DocumentError(f"{what}: not a readable gzip file (it ends before its end marker)")
            rest = member.unused_data.lstrip(b"\x00")  # zero padding after the last member, as gzip allows
    except zlib.error as exc:
        raise DocumentError(f"{what}: not a readable gzip file ({exc})") from exc
    return b"".join(chunks)


def _parse_xml(body: bytes, what: str) -> etree._Element:
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body, MAX_XML_BYTES, what)
    if len(body) > MAX_XML_BYTES:
        raise DocumentError(f"{what}: larger than {MAX_XML_BYTES // (1024 * 1024)} MiB")
    if not body.strip():
        raise DocumentError(f"{what}: empty")
    try:
        root = etree.fromstring(body, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"{what}: not XML ({exc})") from exc
    if root is None:
        raise DocumentError(f"{what}: not XML")
    return root


def _unique(links: list[Link]) -> list[Link]:
    seen: dict[str, Link] = {}
    for link in links:
        seen.setdefault(link.url, link)
    return list(seen.values())


def feed_links(body: bytes, base_url: str) -> list[Link]:
    """The article links of an RSS, RDF or Atom feed, in feed order. Raises DocumentError if it is no feed."""
    root = _parse_xml(body, "feed")
    links: list[Link] = []
    for item in root.xpath(RSS_ITEMS):
        raw = _first(item, RSS_LINK) or _first(item, RSS_GUID_LINK) or _first(item, RDF_ABOUT)
        url = canonical_url(raw or "", base_url)
        if url:
            links.append(Link(url, to_utc_iso(_first(item, RSS_DATES))))
    for entry in root.xpath(ATOM_ENTRIES):
        candidates = [(link.get("rel") or "alternate", link.get("href")) for link in entry.xpath(ATOM_LINKS)]
        href = next((h for rel, h in candidates if rel == "alternate" and h), None)
        url = canonical_url(href or "", base_url)
        if url:
            links.append(Link(url, to_utc_iso(_first(entry, ATOM_DATES))))
    tag = etree.QName(root).localname.lower()
    if not links and tag not in ("rss", "feed", "rdf", "channel"):
        raise DocumentError(f"feed: <{tag}> is not an RSS, RDF or Atom feed")
    return _unique(links)


def sitemap_links(body: bytes, base_url: str) -> tuple[list[Link], list[str]]:
    """(article links, child sitemap URLs) of a sitemap or sitemap index. Raises DocumentError if neither."""
    root = _parse_xml(body, "sitemap")
    pages = [
        Link(url, to_utc_iso(_first(node, SITEMAP_DATES)))
        for node in root.xpath(SITEMAP_PAGES)
        if (url := canonical_url(_first(node, SITEMAP_LOC) or "", base_url))
    ]
    children = [
        url
        for node in root.xpath(SITEMAP_CHILDREN)
        if (url := canonical_url(_first(node, SITEMAP_LOC) or "", base_url))
    ]
    tag = etree.QName(root).localname.lower()
    if tag not in ("urlset", "sitemapindex"):
        raise DocumentError(f"sitemap: <{tag}> is neither <urlset> nor <sitemapindex>")
    return _unique(pages), list(dict.fromkeys(children))
