"""Sitemaps as bounded inputs: a .xml.gz is decompressed only up to the limit, coarse W3C dates are read."""

from __future__ import annotations

import gzip
import os
import tracemalloc

import pytest
from mockserver import SiteServer

from crawler.collect import links
from crawler.collect.crawl import crawl
from crawler.collect.links import sitemap_links, to_utc_iso
from crawler.config import load_config
from crawler.errors import DocumentError
from crawler.store import Store

pytestmark = pytest.mark.timeout(120)

MiB = 1024 * 1024
URLSET = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


def bomb(decompressed: int) -> bytes:
    """A gzipped sitemap that is mostly whitespace: tens of kB that decompress to `decompressed` bytes."""
    return gzip.compress(URLSET + b" " * decompressed + b"</urlset>", compresslevel=9)


def test_gzip_sitemap_is_decompressed_only_up_to_the_limit(monkeypatch):
    monkeypatch.setattr(links, "MAX_XML_BYTES", 1 * MiB)
    body = bomb(64 * MiB)
    assert len(body) < MiB
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError) as caught:
            sitemap_links(body, "https://news.example/")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (
        f"sitemap: {len(body):,} bytes of gzip decompress to more than 1 MiB, the most a feed or sitemap may "
        "hold; not read"
    )
    assert peak < 4 * MiB  # not the 64 MiB the file holds


def test_gzip_sitemap_within_the_limit_and_in_several_members_is_read():
    page = b"<url><loc>https://news.example/a</loc><lastmod>2024-07-11</lastmod></url>"
    body = gzip.compress(URLSET) + gzip.compress(page + b"</urlset>") + b"\0" * 16
    assert sitemap_links(body, "https://news.example/") == (
        [("https://news.example/a", "2024-07-11T00:00:00+00:00")],
        [],
    )
    with pytest.raises(DocumentError, match="not a readable gzip file"):
        sitemap_links(body[: len(body) // 2], "https://news.example/")


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2024", "2024-01-01T00:00:00+00:00"),
        ("2024-07", "2024-07-01T00:00:00+00:00"),
        ("2024-07-11", "2024-07-11T00:00:00+00:00"),
        ("2024-07-11T09:30+09:00", "2024-07-11T00:30:00+00:00"),
        ("2024-07-11T09:30:15.25Z", "2024-07-11T09:30:15+00:00"),
        ("2024-13", None),
        ("24", None),
        ("July 2024", None),
    ],
)
def test_w3c_datetimes_of_every_precision_are_read(text, utc):
    assert to_utc_iso(text) == utc


def test_crawl_reports_an_oversized_gzip_sitemap_and_reads_coarse_lastmods(tmp_path):
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "sitemap_index.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>{{base}}/small.xml</loc></sitemap><sitemap><loc>{{base}}/huge.xml.gz</loc></sitemap>"
        "</sitemapindex>"
    )
    (site / "small.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>{{base}}/articles/year.html</loc><lastmod>2023</lastmod></url>"
        "<url><loc>{{base}}/articles/month.html</loc><lastmod>2024-07</lastmod></url></urlset>"
    )
    (site / "huge.xml.gz").write_bytes(bomb(links.MAX_XML_BYTES + MiB))
    with SiteServer(site, content_types={"/huge.xml.gz": "application/x-gzip"}) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "maps"\nurl = "{server.base_url}/sitemap_index.xml"\ntype = "sitemap"\n'
        )
        config = load_config(os.devnull)
        config["crawl"].update(download_delay=0, autothrottle=False, timeout=5, retry_times=0)
        report = crawl(tmp_path / "crawl.db", config, sources)
        base = server.base_url
    assert not report.ok
    with Store(tmp_path / "crawl.db") as store:
        run = next(store.iter_runs())
        lastmods = {row["url"]: row["lastmod"] for row in store.query("SELECT url, lastmod FROM urls")}
    assert run["message"].startswith(f"{base}/huge.xml.gz: sitemap: ")
    assert "decompress to more than 50 MiB" in run["message"]
    assert lastmods == {
        f"{base}/articles/year.html": "2023-01-01T00:00:00+00:00",
        f"{base}/articles/month.html": "2024-07-01T00:00:00+00:00",
    }
