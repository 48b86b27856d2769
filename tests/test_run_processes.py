"""`shiftwatch run` and `shiftwatch schedule` as real processes: two runs contending for the lock, and
SIGTERM arriving in the middle of a scheduled run. The crawl of each run is held by the fixture server on
an article page, so the moment of the second run or of the signal is fixed by the test, not by timing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock
from helpers import ROOT
from mockserver import Hold, SiteServer

from alerts.schedule import LOCKED_EXIT, lock_path

pytestmark = pytest.mark.timeout(180)

ARTICLE = (
    "<html><head><title>Kim meets Xi</title></head><body><article><h1>Kim meets Xi</h1><p>North Korean leader "
    "Kim Jong Un met Chinese President Xi Jinping in Beijing on Tuesday to discuss trade and the border."
    "</p></article></body></html>"
)


@pytest.fixture
def held_site(tmp_path):
    """A one-article site whose article request is held until the test releases it; a config whose one
    enabled source is that site's sitemap."""
    folder = tmp_path / "site"
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "1.html").write_text(ARTICLE)
    (folder / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>{{base}}/news/1.html</loc></url></urlset>"
    )
    hold = Hold("/news/")
    with SiteServer(folder, holds=[hold]) as server:
        (tmp_path / "sources.toml").write_text(
            f'[[source]]\nname = "held"\nurl = "{server.base_url}/sitemap.xml"\ntype = "sitemap"\n'
        )
        config = tmp_path / "run.toml"
        config.write_text(
            f'[data]\nsources = "{tmp_path / "sources.toml"}"\n'
            "[crawl]\ndownload_delay = 0\nautothrottle = false\nretry_times = 0\ntimeout = 120\n"
            "[schedule]\ninterval_minutes = 600\nrun_at_start = true\n"
        )
        yield server, hold, config


def start(db: Path, config: Path, *args: str, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHIFTWATCH_")}
    with open(log, "w") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "alerts.cli", "--db", str(db), "--config", str(config), *args],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )


def wait_for(condition, process: subprocess.Popen, log: Path, what: str, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"ended before {what}:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < end, f"no {what} within {timeout} s:\n{log.read_text()[-3000:]}"
        time.sleep(0.02)


def runs(db: Path) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT command, ok, message, finished_at IS NOT NULL FROM runs ORDER BY id"
        ).fetchall()


def documents(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM documents")]


def test_a_second_run_while_the_first_crawls_does_nothing_and_exits_75(tmp_path, held_site):
    server, hold, config = held_site
    db = tmp_path / "contended.db"
    first = start(db, config, "run", log=tmp_path / "first.log")
    try:
        wait_for(hold.reached.is_set, first, tmp_path / "first.log", "the first run's crawl to be held")
        second = start(db, config, "run", log=tmp_path / "second.log")
        assert second.wait(60) == LOCKED_EXIT
        output = (tmp_path / "second.log").read_text()
        assert (
            f"Error: another shiftwatch run holds {lock_path(db)}; this run did nothing (the next one will "
            "start on schedule)"
        ) in output.splitlines(), output
        assert server.requests_for("/news/1.html") == [server.requests_for("/news/1.html")[0]]  # one fetch
        hold.release()
        assert first.wait(120) == 0, (tmp_path / "first.log").read_text()[-3000:]
    finally:
        hold.release()
        for process in (first,):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(30)
    assert documents(db) == [server.base_url + "/news/1.html"]
    assert [row for row in runs(db) if row[0] == "run"] == [("run", 1, "", 1)]  # the second left no run
    assert len(server.requests_for("/news/1.html")) == 1
    assert FileLock(str(lock_path(db))).acquire(timeout=1)  # released


def test_sigterm_during_a_scheduled_run_finishes_the_run_then_stops(tmp_path, held_site):
    """SIGTERM to the daemon while its run's crawl waits on the site: the run completes (the page is
    stored, the run recorded as ok), no other run starts, the lock is released and the daemon exits 0."""
    server, hold, config = held_site
    db = tmp_path / "daemon.db"
    log = tmp_path / "daemon.log"
    daemon = start(db, config, "schedule", log=log)
    try:
        wait_for(hold.reached.is_set, daemon, log, "the scheduled run's crawl to be held")
        daemon.send_signal(signal.SIGTERM)  # the daemon only, as `kill PID` does
        wait_for(
            lambda: "received SIGTERM: stopping" in log.read_text(), daemon, log, "the signal to be seen"
        )
        assert not db.exists() or [row for row in runs(db) if row[0] == "run" and row[3]] == []
        hold.release()
        assert daemon.wait(120) == 0, log.read_text()[-3000:]
    finally:
        hold.release()
        if daemon.poll() is None:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait(30)
    output = log.read_text()
    assert "stopped" in output.splitlines()[-1], output[-2000:]
    assert documents(db) == [server.base_url + "/news/1.html"]
    assert [row for row in runs(db) if row[0] == "run"] == [("run", 1, "", 1)]
    assert FileLock(str(lock_path(db))).acquire(timeout=1)
