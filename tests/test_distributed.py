"""Distributed crawling: real crawl workers and a real ingester (the `shiftwatch` command line in subprocesses)
sharing a real redis-server started here on 127.0.0.1, over a generated site served on 127.0.0.1.

Skipped only when the redis-server binary is missing, and failed for it under CI=1 (`make sysdeps` installs it).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import ROOT, system_binary
from mockserver import SiteServer
from tcprelay import TcpRelay

pytestmark = pytest.mark.timeout(240)

PAGES = 520
FEED_PAGES = 40  # the feed lists the first pages again: two sources, one fetch


@pytest.fixture
def redis_url(tmp_path):
    """A private redis-server on a free loopback port, without persistence."""
    from crawler.collect.distributed import redis_client

    binary = system_binary("redis-server", install="apt-get install redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path / "redis"
    folder.mkdir()
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis_client(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except Exception:
            time.sleep(0.05)
    else:
        server.kill()
        pytest.fail("redis-server did not start")
    yield url
    server.terminate()
    server.wait(10)


def article(n: int) -> str:
    return (
        f"<html><head><title>Border report {n}</title></head><body><article><h1>Border report {n}</h1>"
        f"<p>Report {n}: officials of North Korea and China met at crossing number {n} to discuss customs "
        f"rules for trucks, the {n}th meeting of the season, and agreed to meet again in {n % 12 + 1} weeks.</p>"
        "</article></body></html>"
    )


def make_site(folder: Path, pages: int) -> list[str]:
    """A news site of `pages` articles: a sitemap index over two sitemaps, and a feed repeating the first ones."""
    (folder / "p").mkdir(parents=True)
    paths = [f"/p/{n}.html" for n in range(pages)]
    for n, path in enumerate(paths):
        (folder / path.lstrip("/")).write_text(article(n))
    half = (pages + 1) // 2
    for number, chunk in enumerate((paths[:half], paths[half:])):
        entries = "".join(f"<url><loc>{{{{base}}}}{path}</loc></url>" for path in chunk)
        (folder / f"sitemap-{number}.xml").write_text(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
        )
    (folder / "sitemap_index.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>{{base}}/sitemap-0.xml</loc></sitemap><sitemap><loc>{{base}}/sitemap-1.xml</loc></sitemap>"
        "</sitemapindex>"
    )
    items = "".join(f"<item><link>{{{{base}}}}{path}</link></item>" for path in paths[:FEED_PAGES])
    (folder / "feed.xml").write_text(f"<rss><channel>{items}</channel></rss>")
    return paths


class Cluster:
    """A generated site, its sources and configuration, a database, and the processes started on them."""

    def __init__(self, folder: Path, redis_url: str, *, pages: int = PAGES, delay: float = 0.0, **crawl):
        self.folder = folder
        self.redis_url = redis_url
        self.paths = make_site(folder / "site", pages)
        self.server = SiteServer(
            folder / "site", delays={path: delay for path in self.paths} if delay else None
        )
        self.server.__enter__()
        self.sources = folder / "sources.toml"
        base = self.server.base_url
        self.sources.write_text(
            f'[[source]]\nname = "wire-sitemap"\nurl = "{base}/sitemap_index.xml"\n'
            f'type = "sitemap"\n\n[[source]]\nname = "wire-feed"\nurl = "{base}/feed.xml"\n'
            'type = "feed"\n'
        )
        self.db = folder / "shiftwatch.db"
        self.config = folder / "shiftwatch.toml"
        self.write_config(**crawl)
        self.processes: list[subprocess.Popen] = []

    def write_config(self, **crawl) -> None:
        settings = {
            "download_delay": 0,
            "autothrottle": "false",
            "retry_times": 0,
            "timeout": 10,
            "concurrent_requests_per_domain": 4,
            "worker_idle_seconds": 1,
            **crawl,
        }
        self.config.write_text("[crawl]\n" + "".join(f"{key} = {value}\n" for key, value in settings.items()))

    def urls(self) -> set[str]:
        return {self.server.base_url + path for path in self.paths}

    def start(self, *args: str, name: str) -> subprocess.Popen:
        """Start `shiftwatch ARGS` in its own process group (so it and its crawl child can be killed)."""
        log = open(self.folder / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [sys.executable, "-m", "alerts.cli", "--db", str(self.db), "--config", str(self.config), *args],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            text=True,
        )
        process.log_path = self.folder / f"{name}.log"
        process.log_file = log
        self.processes.append(process)
        return process

    def worker(self, name: str) -> subprocess.Popen:
        return self.start(
            "crawl", "--worker", "--redis", self.redis_url, "--sources", str(self.sources), name=name
        )

    def ingester(self, *args: str, name: str = "ingest") -> subprocess.Popen:
        return self.start("ingest", "--redis", self.redis_url, "--no-process", *args, name=name)

    def run(self, *args: str, name: str, timeout: float = 120) -> str:
        process = self.start(*args, name=name)
        assert process.wait(timeout) == 0, output(process)
        return output(process)

    def stored(self) -> int:
        if not self.db.exists():
            return 0
        try:
            with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
                return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            return 0

    def documents(self) -> list[str]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
            return [row[0] for row in conn.execute("SELECT id FROM documents")]

    def runs(self) -> list[tuple]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
            return conn.execute(
                "SELECT source, ok, pages_seen, new, changed, unchanged, errors FROM runs"
            ).fetchall()

    def fetches(self) -> dict[str, int]:
        return {path: len(self.server.requests_for(path)) for path in self.paths}

    def queue_lengths(self) -> tuple[int, int]:
        from crawler.collect.distributed import ITEMS, PROCESSING, redis_client

        client = redis_client(self.redis_url)
        return client.llen(ITEMS), client.llen(PROCESSING)

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
            process.log_file.close()
        self.server.__exit__(None, None, None)


def output(process: subprocess.Popen) -> str:
    process.log_file.flush()
    return process.log_path.read_text()


def wait_for(condition, timeout: float = 120, what: str = "condition") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    os.killpg(process.pid, sig)
    process.wait(30)


@pytest.fixture
def cluster(tmp_path, redis_url, request):
    options = getattr(request, "param", {})
    cluster = Cluster(tmp_path, redis_url, **options)
    yield cluster
    cluster.close()


def drained(cluster: Cluster) -> bool:
    return cluster.queue_lengths() == (0, 0)


# --- many workers, one ingester --------------------------------------------------------------------------------


@pytest.mark.parametrize("cluster", [{"delay": 0.02}], indirect=True)
def test_two_workers_and_one_ingester_store_every_page_exactly_once(cluster):
    ingester = cluster.ingester("--idle-timeout", "60")
    workers = [cluster.worker("worker-a"), cluster.worker("worker-b")]
    for worker in workers:
        assert worker.wait(180) == 0, output(worker)
    wait_for(lambda: drained(cluster) and cluster.stored() == PAGES, what="the ingester to store every page")
    stop(ingester)
    assert ingester.returncode == 0, output(ingester)
    assert sorted(cluster.documents()) == sorted(cluster.urls())
    # Each page fetched once over both workers, though the feed lists the first ones again.
    assert set(cluster.fetches().values()) == {1}
    fetched = [int(output(w).split(" listed, ")[1].split(" fetched")[0]) for w in workers]
    assert all(count > 0 for count in fetched), [output(w) for w in workers]  # both did a share of the work
    runs = cluster.runs()
    assert len(runs) == 4 and all(ok for _, ok, *_ in runs)  # a run per worker and source
    assert sum(new for _, _, _, new, *_ in runs) == PAGES
    assert f"ingested {PAGES} page(s): {PAGES} new, 0 changed, 0 unchanged, 0 error(s); 4 run(s)" in output(
        ingester
    )


@pytest.mark.parametrize("cluster", [{"delay": 0.03}], indirect=True)
def test_killed_worker_loses_nothing(cluster):
    ingester = cluster.ingester("--idle-timeout", "60")
    doomed, survivor = cluster.worker("doomed"), cluster.worker("survivor")
    wait_for(lambda: sum(cluster.fetches().values()) >= 120, what="the crawl to be under way")
    stop(doomed, signal.SIGKILL)  # no clean-up at all: its requests in flight stay in Redis
    assert survivor.wait(180) == 0, output(survivor)
    wait_for(lambda: drained(cluster) and cluster.stored() == PAGES, what="every page stored")
    stop(ingester)
    assert sorted(cluster.documents()) == sorted(cluster.urls())
    fetches = cluster.fetches()
    assert min(fetches.values()) == 1
    # Only the pages the killed worker had taken and not finished are fetched a second time: those the
    # survivor put back in the queue (how many depends on the machine's load, so it is read, not guessed).
    requeued = sum(
        int(n) for n in re.findall(r"(\d+) request\(s\) of a stopped worker put back", output(survivor))
    )
    assert requeued > 0, output(survivor)
    assert sum(fetches.values()) - PAGES <= requeued, (sum(fetches.values()), requeued)


@pytest.mark.parametrize("cluster", [{}], indirect=True)
def test_stopping_and_restarting_the_ingester_loses_nothing(cluster):
    worker = cluster.worker("worker")
    assert worker.wait(180) == 0, output(worker)
    assert not cluster.db.exists()  # workers never touch the database
    assert cluster.queue_lengths() == (PAGES + 2, 0)  # every page and a run summary per source wait in Redis

    first = cluster.ingester(name="ingest-1")
    wait_for(lambda: cluster.stored() >= 60, what="some pages stored")
    stop(first, signal.SIGKILL)  # mid-item: what it had taken is in the processing list
    partial = cluster.stored()
    assert 0 < partial < PAGES

    second = cluster.ingester(name="ingest-2")
    wait_for(lambda: cluster.stored() >= partial + 60, what="more pages stored")
    stop(second)  # SIGTERM: finishes the item in hand and exits cleanly
    assert second.returncode == 0, output(second)
    assert "ingested" in output(second)

    last = cluster.run("ingest", "--redis", cluster.redis_url, "--no-process", "--once", name="ingest-3")
    assert "ingested" in last
    assert sorted(cluster.documents()) == sorted(cluster.urls())
    assert cluster.queue_lengths() == (0, 0)
    assert len(cluster.runs()) == 2


# --- the incremental rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cluster", [{"pages": 30}], indirect=True)
def test_distributed_crawl_keeps_the_incremental_rules(cluster):
    cluster.run(
        "crawl", "--worker", "--redis", cluster.redis_url, "--sources", str(cluster.sources), name="r1"
    )
    cluster.run("ingest", "--redis", cluster.redis_url, "--no-process", "--once", name="i1")
    assert cluster.stored() == 30
    time.sleep(1.5)  # the round is over once no worker is left: the next crawl reads the indexes again

    cluster.server.clear()
    cluster.run(
        "crawl", "--worker", "--redis", cluster.redis_url, "--sources", str(cluster.sources), name="r2"
    )
    paths = cluster.server.paths()
    assert "/sitemap_index.xml" in paths and "/feed.xml" in paths
    assert not [p for p in paths if p.startswith("/p/")]  # every page was checked moments ago

    time.sleep(1.5)
    cluster.server.clear()
    cluster.write_config(recheck_after_hours=0)
    out = cluster.run(
        "crawl", "--worker", "--redis", cluster.redis_url, "--sources", str(cluster.sources), name="r3"
    )
    for path in cluster.paths:
        headers = cluster.server.requests_for(path)
        assert len(headers) == 1 and "if-none-match" in headers[0], path  # a conditional GET, once
    assert (
        sum(
            int(line.split(" fetched, ")[1].split(" unchanged")[0])
            for line in out.splitlines()
            if " fetched, " in line
        )
        == 30
    )  # the workers counted the 304s
    ingested = cluster.run("ingest", "--redis", cluster.redis_url, "--no-process", "--once", name="i3")
    assert "0 new, 0 changed, 30 unchanged" in ingested
    assert cluster.stored() == 30


def test_distributed_crawl_stores_what_a_single_process_crawl_stores(tmp_path, redis_url):
    from test_crawl import ARTICLES, Site

    site = Site(tmp_path)
    try:
        config = tmp_path / "shiftwatch.toml"
        config.write_text(
            "[crawl]\ndownload_delay = 0\nautothrottle = false\nretry_times = 0\ntimeout = 5\n"
            f'worker_idle_seconds = 1\nredis_url = "{redis_url}"\n'
        )
        base = [sys.executable, "-m", "alerts.cli", "--db", str(site.db), "--config", str(config)]
        crawled = subprocess.run(
            [*base, "crawl", "--sources", str(site.sources)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert crawled.returncode == 0, crawled.stderr
        # Sources share article URLs, so which source fetches a shared page depends on timing: check totals.
        assert re.search(
            r"crawled 3 source\(s\) in [\d.]+ s as a worker: 13 item\(s\) for `shiftwatch ingest`, "
            r"4 error\(s\)",
            crawled.stdout,
        ), crawled.stdout
        assert "wire-listing (listing): 5 listed" in crawled.stdout
        assert "disallowed by robots.txt" in crawled.stdout
        ingested = subprocess.run(
            [*base, "ingest", "--once"], cwd=ROOT, capture_output=True, text=True, timeout=180
        )
        assert ingested.returncode == 0, ingested.stderr
        assert f"{len(ARTICLES)} new" in ingested.stdout and "event(s)" in ingested.stdout
        assert set(site.documents()) == {site.url(path) for path in ARTICLES}
        urls = site.urls()
        assert urls[site.url("/private/leaked.html")]["state"] == "forbidden"
        assert urls[site.url("/articles/broken.html")]["reason"] == "HTTP 500"
        with sqlite3.connect(site.db) as conn:
            assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    finally:
        site.close()


# --- the command line -----------------------------------------------------------------------------------------


def test_worker_without_redis_is_refused_with_the_fix(tmp_path, capsys):
    from alerts.cli import main

    assert main(["--db", str(tmp_path / "x.db"), "crawl", "--worker"]) == 1
    assert "Error: --worker needs a Redis server: give --redis" in capsys.readouterr().err


def test_unreachable_redis_is_one_error_line(tmp_path, capsys):
    from alerts.cli import main

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert (
        main(["--db", str(tmp_path / "x.db"), "ingest", "--redis", f"redis://127.0.0.1:{port}/0", "--once"])
        == 1
    )
    assert "Error: cannot reach Redis at redis://127.0.0.1:" in capsys.readouterr().err


def test_second_ingester_is_refused_while_one_runs(cluster):
    first = cluster.ingester("--idle-timeout", "60", name="first")
    wait_for(
        lambda: cluster.db.exists() and b"ingester" in _keys(cluster), timeout=60, what="the first ingester"
    )
    second = cluster.start("ingest", "--redis", cluster.redis_url, "--once", name="second")
    assert second.wait(60) == 1
    assert "Error: another `shiftwatch ingest` is running" in output(second)
    stop(first)
    assert first.returncode == 0


def _keys(cluster: Cluster) -> bytes:
    from crawler.collect.distributed import redis_client

    return b" ".join(redis_client(cluster.redis_url).keys("shiftwatch:*"))


# --- one lock, one URL rule -----------------------------------------------------------------------------------


class IngesterThread(threading.Thread):
    """An Ingester running in a thread, on its own database connection (SQLite's are per thread)."""

    def __init__(self, db: Path, redis_url: str, config: dict, **run):
        super().__init__(daemon=True)
        self.db, self.redis_url, self.config, self.run_args = db, redis_url, config, run
        self.ingester = None
        self.ready = threading.Event()

    def run(self) -> None:
        from crawler.collect.ingester import Ingester
        from crawler.store import Store

        with Store(self.db) as store:
            self.ingester = Ingester(store, self.redis_url, self.config, process=False)
            self.ready.set()
            self.ingester.run(**self.run_args)


def test_an_ingester_whose_lock_ran_out_leaves_the_next_ingesters_lock_alone(tmp_path, redis_url, config):
    from crawler.collect.distributed import INGESTER_LOCK, redis_client

    direct = redis_client(redis_url)
    port = int(redis_url.rsplit(":", 1)[1].split("/")[0])
    with TcpRelay("127.0.0.1", port) as relay:
        # The first ingester's way to Redis is slow when it releases its lock: a DEL it sends waits in the relay,
        relay.hold(b"\r\nDEL\r\n")
        first = IngesterThread(tmp_path / "a.db", f"redis://127.0.0.1:{relay.port}/0", config, once=True)
        first.start()
        wait_for(lambda: relay.held.is_set() or not first.is_alive(), timeout=30, what="the first release")
        # meanwhile its lock runs out and a second ingester takes the lock and works under it.
        direct.pexpire(INGESTER_LOCK, 1)
        second = IngesterThread(tmp_path / "b.db", redis_url, config, idle_timeout=60)
        second.start()
        wait_for(lambda: direct.get(INGESTER_LOCK) is not None, timeout=30, what="the second ingester's lock")
        taken = direct.get(INGESTER_LOCK)
        relay.release()
        first.join(30)
        try:
            assert direct.get(INGESTER_LOCK) == taken, "the first ingester deleted the second one's lock"
            time.sleep(1.5)  # the second ingester renews its lock every second: it still has it
            assert second.ingester is not None and not second.ingester.lost_lock
        finally:
            second.ready.wait(30)
            if second.ingester is not None:
                second.ingester.stop()
            second.join(30)


# Each group is one page however it is written; the groups are different pages.
TRICKY_URLS = [
    [
        "https://news.example/a/1",
        "https://news.example/a/1#comments",
        "https://NEWS.Example/a/1",
        "HTTPS://news.example:443/a/1",
        "https://news.example/a/1?",
        "https://news.example/a/1?utm_source=rss&utm_medium=feed",
        "https://news.example/a/1?fbclid=x#top",
    ],
    ["http://news.example/a/1", "http://news.example:80/a/1"],
    ["http://news.example:8080/a/1"],
    ["https://news.example/A/1"],
    ["https://news.example/a%2F1", "https://news.example/a%2f1"],
    ["https://news.example/~kim/2", "https://news.example/%7ekim/2", "https://news.example/%7Ekim/2"],
    ["https://news.example/café/3", "https://news.example/caf%C3%A9/3", "https://news.example/caf%c3%a9/3"],
    ["https://news.example/story?id=4&page=2", "https://news.example/story?id=4&utm_campaign=x&page=2"],
    ["https://news.example/story?page=2&id=4"],
    [
        "https://news.example/search?q=caf%C3%A9+au+lait",
        "https://news.example/search?q=caf%c3%a9%20au%20lait",
    ],
    ["https://news.example", "https://news.example/", "https://news.example/#top"],
]


def test_single_process_and_distributed_crawls_know_a_page_by_one_url(tmp_path, redis_url):
    from xml.sax.saxutils import escape

    from scrapy import Request

    from crawler.collect.distributed import SeenFilter, redis_client
    from crawler.collect.links import feed_links
    from crawler.store import Store

    def feed(urls: list[str]) -> bytes:
        return f"<rss><channel>{''.join(f'<item><link>{escape(u)}</link></item>' for u in urls)}</channel></rss>".encode()

    variants = [url for group in TRICKY_URLS for url in group]
    page_of = {url: number for number, group in enumerate(TRICKY_URLS) for url in group}
    # Single process: a feed's links go into the frontier, one row per page.
    with Store(tmp_path / "frontier.db") as store:
        store.enqueue_urls("wire", "feed", feed_links(feed(variants), "https://news.example/"), "")
        frontier = {row["url"] for row in store.query("SELECT url FROM urls")}
    frontier_url = {url: feed_links(feed([url]), "https://news.example/")[0].url for url in variants}
    assert frontier == set(frontier_url.values())
    # Distributed: a worker requesting each variant, through the shared seen marks in Redis.
    seen = SeenFilter(redis_client(redis_url), "wire", recheck_seconds=3600, round_seconds=10)
    fetched = {url for url in variants if not seen.request_seen(Request(url))}
    assert {page_of[url] for url in fetched} == set(range(len(TRICKY_URLS)))
    assert len(fetched) == len(frontier) == len(TRICKY_URLS)
    # and the same page for the same URL: the one fetched in a group is the group's frontier row
    for a in variants:
        for b in variants:
            assert (frontier_url[a] == frontier_url[b]) == (page_of[a] == page_of[b]), (a, b)
