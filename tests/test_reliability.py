"""Reliability: nothing lost, nothing doubled, no lock-outs and clear errors when things go wrong.

Every test uses real processes and servers on 127.0.0.1: the real command line killed with SIGKILL (its
whole process group: the Scrapy child and the spaCy workers die with it), a real SMTP server (aiosmtpd)
that is down, refusing or too slow, `shiftwatch serve` read while a real crawl writes, a real full disk
(a small tmpfs, where the system lets the tests mount one) and SQLite's own size limit.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import ROOT, missing_dependency, shiftwatch
from mockserver import Hold, SiteServer

from alerts.store import AlertStore
from crawler.config import load_config
from crawler.errors import DatabaseError
from crawler.store import Store

sys.path.insert(0, str(ROOT / "bench"))
from newsgen import article, article_html  # noqa: E402  (the benchmarks' generated news articles)

CLI = [sys.executable, "-m", "alerts.cli"]


def plain_text(n: int) -> str:
    """Generated article n as a plain-text file: date line, title, paragraphs."""
    item = article(n)
    return f"{item['published']}\n\n{item['title']}\n\n" + "\n\n".join(item["paragraphs"]) + "\n"


def padding(size: int) -> str:
    """An HTML comment of `size` random characters: page weight that compression does not remove."""
    import base64

    return "<!--" + base64.b64encode(os.urandom(size * 3 // 4)).decode() + "-->"


def count(db: Path, sql: str) -> int:
    """One number from a read-only connection; any SQLite error is raised (and fails the test)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def count_so_far(db: Path, sql: str) -> int:
    """count() while a process is creating the database: 0 until the file and its tables exist."""
    if not db.exists():
        return 0
    try:
        return count(db, sql)
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc) or "unable to open" in str(exc):
            return 0
        raise


def start_cli(args: list[str], db: Path) -> subprocess.Popen:
    """The real CLI in its own process group (so that its Scrapy child and spaCy workers die with it)."""
    return subprocess.Popen(
        [*CLI, "--db", str(db), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "SHIFTWATCH_CONFIG": ""},
    )


def kill_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def wait_until(condition, process: subprocess.Popen, what: str, deadline: float = 90) -> None:
    """Poll `condition` (state, not time) while `process` runs; fail if it ends first or never gets there."""
    end = time.monotonic() + deadline
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the process ended (exit {process.returncode}) before {what}")
        if time.monotonic() > end:
            pytest.fail(f"no {what} within {deadline} s")
        time.sleep(0.02)


def run_and_kill(args: list[str], db: Path, sql: str, at_least: int) -> int:
    """Run the real CLI and SIGKILL its whole group at a point the test fixes: once `sql` counts `at_least`,
    the test takes the database's write lock (the CLI can commit nothing more), reads the count, kills the
    group, then lets the lock go. Returns the count at the kill, which no later commit can change."""
    process = start_cli(args, db)
    try:
        wait_until(lambda: count_so_far(db, sql) >= at_least, process, f"{sql} >= {at_least}")
        holder = sqlite3.connect(db, timeout=60, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")  # waits for a commit in progress, then holds every writer
            at_kill = holder.execute(sql).fetchone()[0]
            if process.poll() is not None:
                pytest.fail(f"shiftwatch {' '.join(args)} finished before it was killed")
            kill_group(process)
            holder.execute("ROLLBACK")
        finally:
            holder.close()
    finally:
        kill_group(process)
    assert count(db, sql) == at_kill  # nothing was committed after the kill point
    return at_kill


def event_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(
            conn.execute("SELECT doc, kind, actors, targets, date, evidence FROM events").fetchall()
        )


def assert_intact(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- kill -9 --------------------------------------------------------------------------------------------


@pytest.mark.timeout(180)
def test_crawl_killed_with_sigkill_then_crawled_again_stores_every_page_once(tmp_path):
    """The server answers 8 article pages and holds the next requests; once those 8 are stored the crawl is
    killed (its whole process group), so exactly 8 pages were stored and 1 or 2 were in flight."""
    folder = tmp_path / "site"
    (folder / "news").mkdir(parents=True)
    paths = [f"/news/{n}.html" for n in range(40)]
    for n, path in enumerate(paths):
        (folder / path.lstrip("/")).write_text(article_html(n), encoding="utf-8")
    entries = "".join(f"<url><loc>{{{{base}}}}{path}</loc></url>" for path in paths)
    (folder / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )
    db = tmp_path / "crawl.db"
    config = tmp_path / "fast.toml"
    config.write_text(
        "[crawl]\ndownload_delay = 0\nautothrottle = false\nretry_times = 0\ntimeout = 60\n"
        "concurrent_requests_per_domain = 2\nfrontier_batch = 4\n"
    )
    hold = Hold("/news/", after=8)
    with SiteServer(folder, holds=[hold]) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "gen"\nurl = "{server.base_url}/sitemap.xml"\ntype = "sitemap"\n'
        )
        crawl = start_cli(["--config", str(config), "crawl", "--sources", str(sources)], db)
        try:
            wait_until(hold.reached.is_set, crawl, "a held request")
            wait_until(
                lambda: count_so_far(db, "SELECT count(*) FROM documents") == 8, crawl, "the 8 pages stored"
            )
            kill_group(crawl)
            # read after the kill: a request sent between reading and killing was in flight too
            answered, in_flight = list(hold.answered), list(hold.held)
        finally:
            kill_group(crawl)
            hold.release()
        assert_intact(db)
        stored_first = {row[0] for row in sqlite3.connect(db).execute("SELECT id FROM documents")}
        assert stored_first == {server.base_url + path for path in answered} and len(answered) == 8
        assert in_flight
        result = shiftwatch("--config", str(config), "crawl", "--sources", str(sources), db=db, timeout=150)
        assert "gen (sitemap): 40 listed" in result.stdout, result.stdout
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM documents")]
        states = dict(conn.execute("SELECT state, count(*) FROM urls GROUP BY state").fetchall())
        odd = conn.execute("SELECT url, state, reason FROM urls WHERE state != 'stored'").fetchall()
    # nothing lost, nothing doubled
    assert sorted(ids) == sorted(server.base_url + path for path in paths), (odd, result.stdout)
    assert states == {"stored": len(paths)}
    fetches = {path: len(server.requests_for(path)) for path in paths}
    # stored before the kill: not fetched again; in flight at the kill: fetched again; the rest: once
    assert fetches == {path: 2 if path in in_flight else 1 for path in paths}
    events = event_rows(db)
    assert events and len(events) == len(set(events))


@pytest.mark.timeout(240)
def test_load_killed_with_sigkill_then_run_again_completes_without_duplicates(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(90):
        (folder / f"gen-{n:04d}.txt").write_text(plain_text(n), encoding="utf-8")
    lines = [
        json.dumps(
            {
                "id": f"line-{n}",
                "date": article(n)["published"],
                "source": "Generated Wire",
                "text": "\n\n".join(article(n)["paragraphs"]),
            }
        )
        for n in range(1000, 1060)
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = 150
    db = tmp_path / "killed.db"
    # killed while storing documents, then while extracting events: each rerun resumes
    stored = run_and_kill(["load", str(folder)], db, "SELECT count(*) FROM documents", 40)
    assert_intact(db)
    assert 40 <= stored < total and count(db, "SELECT count(*) FROM events") == 0
    processed = run_and_kill(
        ["load", str(folder)], db, "SELECT count(*) FROM documents WHERE processed_version IS NOT NULL", 10
    )
    assert_intact(db)
    assert 10 <= processed < total and count(db, "SELECT count(*) FROM documents") == total
    result = shiftwatch("load", str(folder), db=db, timeout=200)
    assert result.returncode == 0 and not [line for line in result.stderr.splitlines() if "Error" in line]
    clean = tmp_path / "clean.db"
    shiftwatch("load", str(folder), db=clean, timeout=200)
    assert count(db, "SELECT count(*) FROM documents") == total
    assert count(db, "SELECT count(*) FROM documents WHERE processed_version IS NULL") == 0
    events = event_rows(db)
    assert len(events) == len(set(events))  # no event twice
    assert events == event_rows(clean)  # and the same events as a load that was never interrupted


# --- SMTP down, refusing, slow ----------------------------------------------------------------------------


class SlowMailbox:
    """An aiosmtpd handler that can refuse every message or answer EHLO only after `delay` seconds."""

    def __init__(self):
        self.messages: list[bytes] = []
        self.refuse = False
        self.delay = 0.0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.delay:
            await asyncio.sleep(self.delay)
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.6.0 Message rejected by the test server"
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.mark.timeout(90)
def test_smtp_down_refusing_then_slow_keeps_the_alert_and_delivers_it_once_later(tmp_path):
    from aiosmtpd.controller import Controller

    with socket_port() as port:
        pass
    config = tmp_path / "mail.toml"
    config.write_text(
        '[notify]\nnotifiers = ["log", "email"]\n'
        f'[email]\nhost = "127.0.0.1"\nport = {port}\nmail_from = "shiftwatch@example.org"\n'
        'mail_to = ["analyst@example.org"]\ntimeout = 1\n'
    )
    db = tmp_path / "alerts.db"
    with Store(db) as store:
        AlertStore(store).add_alert(
            {
                "id": "reported_absence:CHN-PRK:treaty:2024",
                "kind": "reported_absence",
                "dyad": ["CHN", "PRK"],
                "title": "Reported not marked: the treaty anniversary",
                "evidence": [{"doc": "d1", "url": "https://news.example/1", "sentence": "Nothing marked."}],
            }
        )

    def notify():
        return shiftwatch("--config", str(config), "notify", db=db, check=False, timeout=60)

    def pending():
        with Store(db) as store:
            return list(AlertStore(store).iter_alerts(pending=True))

    down = notify()  # nothing listens on the port
    assert down.returncode == 1 and "not delivered: email" in down.stderr
    mailbox = SlowMailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mailbox.refuse = True
        refused = notify()
        assert refused.returncode == 1 and "554 5.6.0" in refused.stderr
        mailbox.refuse, mailbox.delay = False, 3.0  # slower than the 1 s timeout
        slow = notify()
        assert slow.returncode == 1 and "not delivered: email" in slow.stderr
        [alert] = pending()
        assert alert["attempts"] == 3 and alert["last_error"]
        assert mailbox.messages == []
        mailbox.delay = 0
        assert notify().returncode == 0
        assert notify().stdout.strip() == "no pending alerts"
    finally:
        controller.stop()
    assert len(mailbox.messages) == 1 and pending() == []


class socket_port:
    """A free loopback port (closed again on exit, so a server can take it)."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


# --- a Datasette reader while a crawl writes ----------------------------------------------------------


@pytest.mark.timeout(180)
def test_datasette_reader_during_a_real_crawl_never_sees_a_locked_database(tmp_path):
    from crawler.collect.crawl import crawl

    folder = tmp_path / "site"
    (folder / "news").mkdir(parents=True)
    paths = [f"/news/{n}.html" for n in range(120)]
    for n, path in enumerate(paths):
        (folder / path.lstrip("/")).write_text(article_html(n), encoding="utf-8")
    entries = "".join(f"<url><loc>{{{{base}}}}{path}</loc></url>" for path in paths)
    (folder / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )
    db = tmp_path / "shared.db"
    with Store(db):
        pass
    with socket_port() as port:
        pass
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        serve = subprocess.Popen(
            [*CLI, "--db", str(db), "serve", "--port", str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SHIFTWATCH_CONFIG": ""},
        )
    base = f"http://127.0.0.1:{port}"
    answers: list[tuple[str, int, str]] = []
    stop = threading.Event()

    def read() -> None:
        urls = [
            "/shiftwatch/documents.json?_size=5",
            "/shiftwatch/urls.json?state=stored&_size=0",
            "/shiftwatch/runs.json",
            "/shiftwatch/documents.json?_search=delegation",
            "/shiftwatch.json",
        ]
        while not stop.is_set():
            for url in urls:
                try:
                    with urllib.request.urlopen(base + url, timeout=30) as response:
                        answers.append((url, response.status, response.read().decode()))
                except urllib.error.HTTPError as exc:
                    answers.append((url, exc.code, exc.read().decode()))

    try:
        deadline = time.monotonic() + 60
        while True:
            assert serve.poll() is None, log_path.read_text()[-2000:]
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "shiftwatch serve did not start"
                time.sleep(0.2)
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        config = load_config(os.devnull)
        config["crawl"].update(
            download_delay=0,
            autothrottle=False,
            timeout=10,
            retry_times=0,
            concurrent_requests=8,
            concurrent_requests_per_domain=8,
            frontier_batch=8,
        )
        with SiteServer(folder) as server:
            sources = tmp_path / "sources.toml"
            sources.write_text(
                f'[[source]]\nname = "gen"\nurl = "{server.base_url}/sitemap.xml"\ntype = "sitemap"\n'
            )
            report = crawl(db, config, sources, timeout=120)
        stop.set()
        reader.join(timeout=60)
    finally:
        stop.set()
        serve.terminate()
        try:
            serve.wait(timeout=15)
        except subprocess.TimeoutExpired:
            serve.kill()
    assert report.ok, report.summary()
    assert count(db, "SELECT count(*) FROM documents") == len(paths)
    assert "locked" not in json.dumps([dict(r) for r in Store(db, readonly=True).iter_runs()])
    assert len(answers) >= 10
    bad = [(url, status, body[:200]) for url, status, body in answers if status != 200 or "locked" in body]
    assert not bad, bad


# --- read-only database, full disk ----------------------------------------------------------------------


def test_write_to_a_read_only_database_is_a_clear_error_and_changes_nothing(tmp_path):
    db = tmp_path / "ro.db"
    with Store(db) as store:
        store.save_document({"id": "a", "text": "kept", "raw": "kept"})
    with Store(db, readonly=True) as store, pytest.raises(DatabaseError) as caught:
        store.save_document({"id": "b", "text": "new", "raw": "new"})
    message = str(caught.value)
    assert str(db) in message and "readonly" in message and "read-only: check the permissions" in message
    assert_intact(db)
    assert count(db, "SELECT count(*) FROM documents") == 1


def test_cli_on_a_read_only_file_prints_one_error_line(tmp_path):
    """The writer runs unprivileged (as root it loses the capability that ignores file modes)."""
    db = tmp_path / "ro.db"
    with Store(db) as store:
        store.save_document({"id": "kept", "text": "kept", "raw": "kept"})
    (tmp_path / "a.txt").write_text(plain_text(1))
    before = db.read_bytes()
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        result = shiftwatch("load", str(tmp_path / "a.txt"), db=db, check=False, as_unprivileged=True)
    finally:
        tmp_path.chmod(0o755)
        db.chmod(0o644)
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    assert errors == [
        f"Error: cannot open database {db}: attempt to write a readonly database (check that the folder "
        "exists and is writable, and that the disk is not full)"
    ]
    assert db.read_bytes() == before  # not one byte written
    assert count(db, "SELECT count(*) FROM documents") == 1


def test_database_full_stops_the_load_with_a_clear_error_and_keeps_what_was_stored(tmp_path, config):
    from crawler.collect.loader import load_paths

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        (folder / f"gen-{n:03d}.html").write_text(article_html(n) + padding(20_000))
    db = tmp_path / "full.db"
    with Store(db) as store:
        load_paths(store, config, [str(folder / "gen-000.html")])
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 8}")  # SQLite's own limit: SQLITE_FULL
        with pytest.raises(DatabaseError) as caught:
            load_paths(store, config, [str(folder)])
    assert "database or disk is full" in str(caught.value) and "free some space" in str(caught.value)
    assert_intact(db)
    stored = count(db, "SELECT count(*) FROM documents")
    assert 1 <= stored < 40
    with Store(db) as store:  # with room again, the same load completes
        report = load_paths(store, config, [str(folder)])
    assert not report.errors and count(db, "SELECT count(*) FROM documents") == 40


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MiB tmpfs mounted under tmp_path (skipped where the tests may not mount)."""
    mount = tmp_path / "small"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if result.returncode != 0:
        missing_dependency(
            f"cannot mount a small tmpfs here (needs root and mount rights): {result.stderr!r}"
        )
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.mark.timeout(120)
def test_cli_on_a_full_disk_prints_one_error_line_and_the_database_stays_intact(tmp_path, small_disk):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(60):
        (folder / f"gen-{n:03d}.html").write_text(article_html(n) + padding(40_000))
    db = small_disk / "full.db"
    small_disk.chmod(0o777)
    result = shiftwatch("load", "--no-process", str(folder), db=db, check=False, as_unprivileged=True)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "full" in errors[0] and "Traceback" not in result.stderr, result.stderr[
        -2000:
    ]
    assert_intact(db)
    assert 0 < count(db, "SELECT count(*) FROM documents") < 60
