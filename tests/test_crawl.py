"""Crawling: real crawls of a fixture site served on 127.0.0.1 (tests/mockserver.py), never a mocked downloader.

The site (tests/fixtures/site/) has a feed, a sitemap index, a listing page, robots.txt disallowing /private/,
a redirect, a 404, a 500, a mis-declared charset, a page with no charset, a truncated page, an empty page
and a non-HTML link; every file is served with an ETag and a Last-Modified header and answers 304 to a
conditional GET.
"""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from mockserver import Hold, SiteServer

from crawler.collect.crawl import crawl
from crawler.collect.links import feed_links, sitemap_links
from crawler.collect.sources import load_sources
from crawler.config import PROJECT_DIR, load_config
from crawler.errors import DataFileError
from crawler.store import Store

pytestmark = pytest.mark.timeout(120)

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
ARTICLES = {
    "/articles/china-delegation.html",
    "/articles/russia-visit.html",
    "/articles/misdeclared.html",
    "/articles/trade-talks.html",
    "/articles/truncated.html",
    "/articles/no-charset.html",
    "/articles/rail-link.html",
}
SITE_BEHAVIOUR = {
    "redirects": {"/old/russia-visit": "/articles/russia-visit.html"},
    "statuses": {"/articles/broken.html": 500},
    "content_types": {
        "/articles/misdeclared.html": "text/html; charset=iso-8859-1",  # the bytes are UTF-8
        "/articles/no-charset.html": "text/html",  # the bytes are Windows-1252, declared nowhere
        "/files/report": "application/pdf",
    },
}


def sources_toml(base_url: str) -> str:
    return f"""
[[source]]
name = "wire-feed"
url = "{base_url}/feed.xml"
type = "feed"

[[source]]
name = "wire-sitemap"
url = "{base_url}/sitemap_index.xml"
type = "sitemap"

[[source]]
name = "wire-listing"
url = "{base_url}/news/"
type = "listing"
follow = '/(articles|private|files)/'
"""


def crawl_config(**crawl_settings) -> dict:
    config = load_config(os.devnull)
    config["crawl"].update(download_delay=0, autothrottle=False, timeout=5, retry_times=0)
    config["crawl"].update(crawl_settings)
    return config


class Site:
    """A copy of the fixture site (tests may edit it), its server, its sources file and a database."""

    def __init__(self, folder: Path, **behaviour):
        self.folder = folder
        shutil.copytree(FIXTURE_SITE, folder / "site")
        self.server = SiteServer(folder / "site", **{**SITE_BEHAVIOUR, **behaviour}).__enter__()
        self.sources = folder / "sources.toml"
        self.sources.write_text(sources_toml(self.server.base_url))
        self.db = folder / "crawl.db"

    def url(self, path: str) -> str:
        return self.server.base_url + path

    def crawl(self, config: dict | None = None, **kwargs):
        return crawl(self.db, config or crawl_config(), self.sources, **kwargs)

    def documents(self) -> dict[str, dict]:
        with Store(self.db) as store:
            return {row["id"]: row for row in store.query("SELECT * FROM documents")}

    def urls(self) -> dict[str, dict]:
        with Store(self.db) as store:
            return {row["url"]: row for row in store.query("SELECT * FROM urls")}

    def runs(self) -> list[dict]:
        with Store(self.db) as store:
            return list(store.iter_runs())

    def close(self) -> None:
        self.server.__exit__(None, None, None)


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    yield site
    site.close()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One first crawl of the fixture site, shared by the tests that only look at its outcome."""
    site = Site(tmp_path_factory.mktemp("crawled"))
    report = site.crawl()
    yield site, report
    site.close()


# --- a first crawl -----------------------------------------------------------------------------------------


def test_first_crawl_stores_every_article_once(crawled):
    site, report = crawled
    assert report.ok, report.summary()
    assert set(site.documents()) == {site.url(path) for path in ARTICLES}
    # The feed and the listing both link china-delegation: one fetch, one document.
    assert site.server.paths().count("/articles/china-delegation.html") == 1
    assert report.total("new") == len(ARTICLES)


def test_redirected_page_is_stored_once_under_its_final_url(crawled):
    site, _ = crawled
    documents = site.documents()
    assert site.url("/old/russia-visit") not in documents
    assert site.url("/articles/russia-visit.html") in documents
    row = site.urls()[site.url("/old/russia-visit")]
    assert row["state"] == "redirected"
    assert row["canonical"] == site.url("/articles/russia-visit.html")


def test_disallowed_path_never_requested(crawled):
    site, report = crawled
    assert "/robots.txt" in site.server.paths()
    assert not [path for path in site.server.paths() if path.startswith("/private/")]
    assert site.urls()[site.url("/private/leaked.html")]["state"] == "forbidden"
    listing = next(s for s in report.sources if s.name == "wire-listing")
    assert listing.counts["forbidden"] == 1


def test_wrong_or_missing_charset_is_decoded_sensibly(crawled):
    site, _ = crawled
    documents = site.documents()
    misdeclared = documents[site.url("/articles/misdeclared.html")]
    assert "People’s Republic" in misdeclared["text"] and "— a phrase" in misdeclared["text"]
    assert "â€" not in misdeclared["text"] + misdeclared["title"]
    undeclared = documents[site.url("/articles/no-charset.html")]
    assert "a ‘model’ factory" in undeclared["text"]


def test_truncated_page_keeps_its_text(crawled):
    site, _ = crawled
    page = site.documents()[site.url("/articles/truncated.html")]
    assert page["text"].startswith("North Korea and Russia signed a fishing agreement in Vladivostok")


def test_raw_pages_are_kept_for_reextraction(crawled):
    site, _ = crawled
    with Store(site.db) as store:
        raw = store.raw_page(site.url("/articles/trade-talks.html"))
    assert b"New Yalu River Bridge" in raw


def test_bad_pages_are_recorded_with_their_reason_and_the_crawl_goes_on(crawled):
    site, report = crawled
    urls = site.urls()
    reasons = {
        path: urls[site.url(path)]["reason"]
        for path in (
            "/articles/missing.html",
            "/articles/broken.html",
            "/articles/empty.html",
            "/files/report",
        )
    }
    assert reasons == {
        "/articles/missing.html": "HTTP 404",
        "/articles/broken.html": "HTTP 500",
        "/articles/empty.html": "empty page",
        "/files/report": "not an HTML page (application/pdf)",
    }
    assert all(urls[site.url(path)]["state"] == "failed" for path in reasons)
    assert report.total("errors") == 5  # the four above and /articles/slow.html, a 404 here
    assert report.ok


def test_every_run_is_recorded_per_source(crawled):
    site, _ = crawled
    runs = {run["source"]: run for run in site.runs()}
    assert set(runs) == {"wire-feed", "wire-sitemap", "wire-listing"}
    feed = runs["wire-feed"]
    assert (feed["command"], feed["ok"], feed["pages_seen"], feed["errors"]) == ("crawl", 1, 4, 1)
    assert feed["last_success"] == feed["finished_at"]
    assert (runs["wire-sitemap"]["pages_seen"], runs["wire-sitemap"]["errors"]) == (6, 2)
    assert (runs["wire-listing"]["pages_seen"], runs["wire-listing"]["errors"]) == (5, 2)
    # The sources run at once and share pages (a link in two indexes, a redirect): who stores one varies.
    assert sum(run["new"] for run in runs.values()) == len(ARTICLES)


# --- crawling again ----------------------------------------------------------------------------------------


def wait_past_last_check(db: Path) -> None:
    """Timestamps have one-second resolution: "checked before this crawl" needs a crawl that starts in a later
    second than the last check. Wait for the clock to pass it (polled, not a fixed sleep)."""
    from crawler.store import now_iso

    with Store(db) as store:
        (last,) = store.db.execute("SELECT max(last_checked) FROM urls").fetchone()
    assert last
    while now_iso() <= last:
        time.sleep(0.02)


def test_second_crawl_fetches_nothing_new(site):
    assert site.crawl().ok
    site.server.clear()
    report = site.crawl()
    assert report.ok, report.summary()
    assert (report.total("new"), report.total("changed")) == (0, 0)
    # Every page was checked moments ago (less than recheck_after_hours): only robots.txt and the indexes.
    assert set(site.server.paths()) == {
        "/robots.txt",
        "/feed.xml",
        "/sitemap_index.xml",
        "/sitemap-news.xml",
        "/news/",
    }
    assert [run["pages_seen"] for run in site.runs()[3:]] == [run["pages_seen"] for run in site.runs()[:3]]


def test_stored_page_asked_again_answers_304_and_counts_unchanged(site):
    config = crawl_config(recheck_after_hours=0)
    assert site.crawl(config).ok
    site.server.clear()
    wait_past_last_check(site.db)
    report = site.crawl(config)
    assert (report.total("new"), report.total("changed")) == (0, 0)
    # One more than the articles: the sitemap's redirecting URL for russia-visit is asked again too.
    assert report.total("unchanged") == len(ARTICLES) + 1
    for path in ARTICLES:
        headers = site.server.requests_for(path)
        assert headers and all("if-none-match" in h for h in headers), path
    assert len(site.documents()) == len(ARTICLES)


def test_changed_page_updates_events(site):
    from crawler.extract.process import process_documents

    config = crawl_config(recheck_after_hours=0)
    assert site.crawl(config).ok
    url = site.url("/articles/china-delegation.html")
    with Store(site.db) as store:
        process_documents(store, config)
        before = [(e["kind"], e["evidence"]) for e in store.iter_events() if e["doc"] == url]
    page = site.folder / "site" / "articles" / "china-delegation.html"
    page.write_text(
        page.read_text().replace(
            "A delegation of the Chinese Communist Party arrived in Pyongyang on Wednesday",
            "A delegation of the Russian State Duma arrived in Pyongyang on Wednesday",
        )
    )
    wait_past_last_check(site.db)
    report = site.crawl(config)
    assert report.total("changed") == 1 and report.total("new") == 0
    document = site.documents()[url]
    assert "Russian State Duma" in document["text"] and document["processed_version"] is None
    with Store(site.db) as store:
        process_documents(store, config)
        after = [(e["kind"], e["evidence"]) for e in store.iter_events() if e["doc"] == url]
    assert before and after and before != after
    assert any("Russian State Duma" in evidence for _, evidence in after)


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError as exc:  # the crawl has not created its tables yet
        assert "no such table" in str(exc), exc
        return 0


def kill_crawl_at(db: Path, hold: Hold, documents: int, deadline: float = 60) -> None:
    """Kill this process's crawl child (SIGKILL, no clean-up) at a point the test fixes: the server holds
    every article request after the first `documents`; once those are stored, the crawl dies."""
    end = time.monotonic() + deadline
    while not (hold.reached.is_set() and stored_count(db) >= documents):
        assert time.monotonic() < end, f"the crawl never stored {documents} document(s)"
        time.sleep(0.02)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and b"crawler.collect.crawl" in command:
            os.kill(int(stat.parent.name), signal.SIGKILL)


def test_killed_crawl_resumes_without_fetching_stored_pages_again(tmp_path):
    folder = tmp_path / "big"
    (folder / "p").mkdir(parents=True)
    paths = [f"/p/{n}.html" for n in range(12)]
    for n, path in enumerate(paths):
        (folder / path.lstrip("/")).write_text(
            f"<html><head><title>Border report {n}</title></head><body><article><p>Report {n}: officials of "
            f"North Korea and China met at the crossing number {n} to discuss the customs rules for trucks.</p>"
            "</article></body></html>"
        )
    entries = "".join(f"<url><loc>{{{{base}}}}{path}</loc></url>" for path in paths)
    (folder / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )
    sources = tmp_path / "sources.toml"
    db = tmp_path / "crawl.db"
    config = crawl_config(concurrent_requests_per_domain=1, frontier_batch=4, timeout=60)
    hold = Hold("/p/", after=3)
    with SiteServer(folder, holds=[hold]) as server:
        sources.write_text(
            f'[[source]]\nname = "slow"\nurl = "{server.base_url}/sitemap.xml"\ntype = "sitemap"\n'
        )
        watcher = threading.Thread(target=kill_crawl_at, args=(db, hold, 3), daemon=True)
        watcher.start()
        killed = crawl(db, config, sources, timeout=60)
        watcher.join(5)
        answered, in_flight = list(hold.answered), list(hold.held)
        hold.release()
        assert not killed.ok and "before reporting" in killed.error
        with Store(db) as store:
            stored_first = {row["id"] for row in store.query("SELECT id FROM documents")}
        assert stored_first == {server.base_url + path for path in answered} and len(answered) == 3
        assert len(in_flight) == 1  # one request at a time
        report = crawl(db, config, sources)
        assert report.ok, report.summary()
        assert (report.total("new"), report.total("unchanged")) == (len(paths) - 3, 0)
        with Store(db) as store:
            assert {row["id"] for row in store.query("SELECT id FROM documents")} == {
                server.base_url + path for path in paths
            }
        fetches = {path: len(server.requests_for(path)) for path in paths}
    # stored before the kill: not fetched again (checked moments ago); held at the kill: fetched again
    assert fetches == {path: 2 if path in in_flight else 1 for path in paths}


def test_failing_source_is_recorded_as_failed_and_keeps_its_last_success(site):
    assert site.crawl().ok
    (site.folder / "site" / "feed.xml").unlink()
    report = site.crawl(only=["wire-feed"])
    assert not report.ok
    assert "FAILED" in report.summary() and "HTTP 404" in report.summary()
    runs = [run for run in site.runs() if run["source"] == "wire-feed"]
    assert [run["ok"] for run in runs] == [1, 0]
    assert runs[1]["last_success"] == runs[0]["finished_at"]


def test_timeout_is_an_error_of_the_run(tmp_path, capfd):
    site = Site(tmp_path, delays={"/articles/rail-link.html": 3})
    try:
        report = site.crawl(crawl_config(timeout=1), only=["wire-listing"])
    finally:
        site.close()
    assert report.ok
    row = site.urls()[site.url("/articles/rail-link.html")]
    assert row["state"] == "failed" and row["reason"].startswith("timed out")
    err = capfd.readouterr().err
    assert site.url("/articles/rail-link.html") in err and "timed out" in err


# --- the command line and Scrapy's own -------------------------------------------------------------------


def test_shiftwatch_crawl_prints_a_line_per_source(site, tmp_path, capsys):
    from alerts.cli import main

    config = tmp_path / "shiftwatch.toml"
    config.write_text("[crawl]\ndownload_delay = 0\nautothrottle = false\nretry_times = 0\ntimeout = 5\n")
    status = main(
        [
            "--db",
            str(site.db),
            "--config",
            str(config),
            "crawl",
            "--sources",
            str(site.sources),
            "--source",
            "wire-feed",
            "--source",
            "wire-sitemap",
            "--no-process",
        ]
    )
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert out[0].startswith("wire-feed (feed): 4 listed, 4 fetched, ")
    assert out[1].startswith("wire-sitemap (sitemap): 6 listed")
    assert out[2].startswith("crawled 2 source(s)")


def test_scrapy_list_and_scrapy_crawl_work_from_the_checkout(site):
    env = dict(os.environ, SHIFTWATCH_DB=str(site.db), SHIFTWATCH_CONFIG=os.devnull)
    scrapy = [sys.executable, "-m", "scrapy"]
    listed = subprocess.run(
        [*scrapy, "list"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert listed.stdout.split() == ["feed", "listing", "sitemap"]
    crawled = subprocess.run(
        [
            *scrapy,
            "crawl",
            "feed",
            "-a",
            "source=wire-feed",
            "-s",
            f"SHIFTWATCH_SOURCES={site.sources}",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=0",
            "-s",
            "LOG_LEVEL=WARNING",
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert crawled.returncode == 0, crawled.stderr
    assert set(site.documents()) == {
        site.url(p)
        for p in (
            "/articles/china-delegation.html",
            "/articles/russia-visit.html",
            "/articles/misdeclared.html",
        )
    }
    assert [run["source"] for run in site.runs()] == ["wire-feed"]


# --- sources file and link parsing (pure) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry, message",
    [
        (
            'name = "a"\nurl = "https://x.example/feed"\ntype = "rss"',
            "type 'rss' is not one of feed, sitemap, listing",
        ),
        ('name = "a"\nurl = "https://x.example/news"\ntype = "listing"', "a listing needs 'follow'"),
        (
            'name = "a"\nurl = "https://x.example/news"\ntype = "listing"\nfollow = "(["',
            "not a valid regular expression",
        ),
        ('name = "a"\nurl = "x.example/feed"\ntype = "feed"', "is not an http(s) URL"),
        ('name = "a b"\nurl = "https://x.example/feed"\ntype = "feed"', "must be letters, digits"),
        (
            'name = "a"\nurl = "https://x.example/feed"\ntype = "feed"\ndelay = -1',
            "delay -1 must be a number",
        ),
        (
            'name = "a"\nurl = "https://x.example/feed"\ntype = "feed"\nfolow = "x"',
            "unknown key(s) ['folow']",
        ),
    ],
)
def test_bad_source_entry_is_named_with_the_fix(tmp_path, entry, message):
    path = tmp_path / "sources.toml"
    path.write_text(f"[[source]]\n{entry}\n")
    with pytest.raises(DataFileError) as error:
        load_sources(path)
    assert f"{path}: source #1 (" in str(error.value) and message in str(error.value)


def test_duplicate_source_name_is_refused(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nname = "a"\nurl = "https://x.example/f"\ntype = "feed"\n' * 2)
    with pytest.raises(DataFileError, match="source #2 .* used twice"):
        load_sources(path)


def test_unknown_source_name_lists_the_known_ones(site):
    with pytest.raises(
        DataFileError, match="no source named 'nope' .*known: wire-feed, wire-listing, wire-sitemap"
    ):
        site.crawl(only=["nope"])


def test_bundled_sources_file_is_valid():
    sources = load_sources(PROJECT_DIR / "seeds" / "sources.toml")
    assert sources and {s.type for s in sources} == {"feed", "sitemap", "listing"}


def test_atom_and_rss_links_with_their_dates():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="/a/1?utm_source=x#c"/>
    <link rel="self" href="/a/1.atom"/><updated>2024-07-11T09:00:00+09:00</updated></entry></feed>"""
    assert feed_links(atom, "https://news.example/feed") == [
        ("https://news.example/a/1", "2024-07-11T00:00:00+00:00")
    ]
    rss = b"""<rss><channel><item><guid>https://news.example/b</guid><pubDate>Thu, 11 Jul 2024 08:00:00 GMT</pubDate>
    </item></channel></rss>"""
    assert feed_links(rss, "https://news.example/") == [
        ("https://news.example/b", "2024-07-11T08:00:00+00:00")
    ]


def test_gzipped_sitemap_index_and_urlset():
    index = gzip.compress(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        b"<loc>https://news.example/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert sitemap_links(index, "https://news.example/") == ([], ["https://news.example/s1.xml"])
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/x</loc>
    <lastmod>2024-07-11</lastmod></url></urlset>"""
    assert sitemap_links(urlset, "https://news.example/") == (
        [("https://news.example/x", "2024-07-11T00:00:00+00:00")],
        [],
    )


def test_not_a_feed_is_an_error():
    from crawler.errors import DocumentError

    with pytest.raises(DocumentError, match="not an RSS, RDF or Atom feed"):
        feed_links(b"<html><body>hello</body></html>", "https://news.example/")
