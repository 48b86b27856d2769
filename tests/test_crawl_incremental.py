"""Crawling again: a sitemap `lastmod` newer than the last check forces a recheck, URLs that appear on a
later crawl are fetched (and only they), and a server that sends Last-Modified without an ETag is asked
with If-Modified-Since. Real crawls of a small site on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from mockserver import SiteServer

from crawler.collect.crawl import crawl
from crawler.config import load_config
from crawler.store import Store, now_iso

pytestmark = pytest.mark.timeout(120)


def page(n: int, words: str = "to discuss the customs rules for trucks") -> str:
    return (
        f"<html><head><title>Border report {n}</title></head><body><article><h1>Border report {n}</h1><p>Report "
        f"{n}: officials of North Korea and China met at the crossing number {n} {words}.</p></article>"
        "</body></html>"
    )


class SmallSite:
    """Pages /p/0.html .. under a sitemap whose entries (and lastmods) the test rewrites."""

    def __init__(self, folder: Path, pages: int, **server):
        self.root = folder / "site"
        (self.root / "p").mkdir(parents=True)
        self.lastmod: dict[str, str | None] = {}
        for n in range(pages):
            self.add(n)
        self.server = SiteServer(self.root, **server).__enter__()
        self.sources = folder / "sources.toml"
        self.sources.write_text(
            f'[[source]]\nname = "small"\nurl = "{self.server.base_url}/sitemap.xml"\ntype = "sitemap"\n'
        )
        self.db = folder / "crawl.db"

    def add(self, n: int, lastmod: str | None = None) -> None:
        (self.root / "p" / f"{n}.html").write_text(page(n))
        self.lastmod[f"/p/{n}.html"] = lastmod
        self.write_sitemap()

    def write_sitemap(self) -> None:
        entries = "".join(
            f"<url><loc>{{{{base}}}}{path}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</url>"
            for path, mod in self.lastmod.items()
        )
        (self.root / "sitemap.xml").write_text(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
        )

    def crawl(self, **settings):
        config = load_config(os.devnull)
        config["crawl"].update(download_delay=0, autothrottle=False, timeout=10, retry_times=0, **settings)
        report = crawl(self.db, config, self.sources)
        assert report.ok, report.summary()
        return report

    def article_requests(self) -> dict[str, list[dict]]:
        return {
            path: self.server.requests_for(path) for path in self.lastmod if self.server.requests_for(path)
        }

    def url_row(self, path: str) -> dict:
        with Store(self.db) as store:
            return store.url_state(self.server.base_url + path)

    def document(self, path: str) -> dict:
        with Store(self.db) as store:
            return store.get_document(self.server.base_url + path)

    def close(self) -> None:
        self.server.__exit__(None, None, None)


@pytest.fixture
def small_site(tmp_path):
    site = SmallSite(tmp_path, 4)
    yield site
    site.close()


def wait_past(stamp: str) -> str:
    """Poll the clock (one-second timestamps) until now_iso() is later than `stamp`; return it."""
    while (now := now_iso()) <= stamp:
        time.sleep(0.02)
    return now


def test_a_newer_sitemap_lastmod_forces_a_recheck_of_that_page_only(small_site):
    small_site.crawl()
    checked = small_site.url_row("/p/2.html")["last_checked"]
    (small_site.root / "p" / "2.html").write_text(page(2, "and agreed to open a second bridge"))
    small_site.lastmod["/p/2.html"] = wait_past(checked)  # edited after the last check, says the sitemap
    small_site.write_sitemap()
    small_site.server.clear()
    report = small_site.crawl()  # recheck_after_hours (default 24) has not passed for any page
    assert (report.total("new"), report.total("changed"), report.total("unchanged")) == (0, 1, 0)
    requests = small_site.article_requests()
    assert list(requests) == ["/p/2.html"] and len(requests["/p/2.html"]) == 1
    assert "if-none-match" in requests["/p/2.html"][0]  # a conditional GET: the server said it changed
    assert "second bridge" in small_site.document("/p/2.html")["text"]
    assert small_site.document("/p/2.html")["processed_version"] is None  # marked for re-extraction


def test_an_older_or_equal_lastmod_does_not_force_a_recheck(small_site):
    small_site.crawl()
    for path in small_site.lastmod:
        small_site.lastmod[path] = "2020-01-01"  # long before the last check
    small_site.write_sitemap()
    small_site.server.clear()
    report = small_site.crawl()
    assert (report.total("new"), report.total("changed"), report.total("unchanged")) == (0, 0, 0)
    assert small_site.article_requests() == {}


def test_urls_that_appear_on_a_later_crawl_are_fetched_and_only_they(small_site):
    first = small_site.crawl()
    assert first.total("new") == 4
    small_site.add(4)
    small_site.add(5)
    small_site.server.clear()
    report = small_site.crawl()
    assert (report.total("new"), report.total("changed"), report.total("unchanged")) == (2, 0, 0)
    requests = small_site.article_requests()
    assert sorted(requests) == ["/p/4.html", "/p/5.html"]
    assert all(len(headers) == 1 and "if-none-match" not in headers[0] for headers in requests.values())
    with Store(small_site.db) as store:
        assert store.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 6
        states = dict(store.db.execute("SELECT state, count(*) FROM urls GROUP BY state").fetchall())
    assert states == {"stored": 6}


def test_last_modified_without_etag_is_asked_with_if_modified_since(tmp_path):
    site = SmallSite(tmp_path, 2, without_etag={"/p/0.html", "/p/1.html"})
    try:
        site.crawl()
        stored = site.document("/p/0.html")
        assert stored["etag"] is None and stored["last_modified"]
        assert dt.datetime.strptime(stored["last_modified"], "%a, %d %b %Y %H:%M:%S GMT")
        wait_past(site.url_row("/p/0.html")["last_checked"])
        site.server.clear()
        report = site.crawl(recheck_after_hours=0)
        assert (report.total("new"), report.total("changed"), report.total("unchanged")) == (0, 0, 2)
        for headers in site.article_requests().values():
            assert len(headers) == 1, headers
            assert headers[0].get("if-modified-since") == stored["last_modified"]
            assert "if-none-match" not in headers[0]
        # a page changed since: its newer Last-Modified gets a 200, and the new text is stored
        changed = site.root / "p" / "1.html"
        changed.write_text(page(1, "and agreed to open a second bridge"))
        later = time.time() + 5
        os.utime(changed, (later, later))
        wait_past(site.url_row("/p/1.html")["last_checked"])
        report = site.crawl(recheck_after_hours=0)
        assert (report.total("changed"), report.total("unchanged")) == (1, 1)
        assert "second bridge" in site.document("/p/1.html")["text"]
    finally:
        site.close()
