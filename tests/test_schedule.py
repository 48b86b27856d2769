"""`shiftwatch run` under its lock, the APScheduler job, and the daemon stopping on a signal."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from alerts.cli import main
from alerts.schedule import LOCKED_EXIT, build_scheduler, lock_path, make_trigger, run_once
from alerts.store import AlertStore
from crawler.config import PROJECT_DIR, load_config
from crawler.errors import ConfigError
from crawler.store import Store

pytestmark = pytest.mark.timeout(120)

SHIFTWATCH = str(Path(sys.executable).with_name("shiftwatch"))


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    monkeypatch.delenv("SHIFTWATCH_CONFIG", raising=False)
    monkeypatch.delenv("SHIFTWATCH_DB", raising=False)
    monkeypatch.chdir(tmp_path)


def finished_runs(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        try:
            return conn.execute(
                "SELECT id, ok, message FROM runs WHERE command = 'run' AND finished_at IS NOT NULL"
            ).fetchall()
        except sqlite3.OperationalError:  # not migrated yet
            return []


def test_run_on_the_seeds_finds_and_delivers_the_reported_absence(tmp_path, capsys):
    db = tmp_path / "seeds.db"
    assert main(["--db", str(db), "load", "--no-process", str(PROJECT_DIR / "seeds" / "articles")]) == 0
    assert run_once(db, load_config(), crawl=False) == 0
    out = capsys.readouterr().out
    assert "processed 5 document(s)" in out and "delivered 1 alert(s) via log" in out
    with Store(db) as store:
        (alert,) = list(AlertStore(store).iter_alerts())
        assert alert["id"] == "reported_absence:CHN-PRK:prk-chn-treaty:2024" and alert["delivered_at"]
    assert [(ok, message) for _, ok, message in finished_runs(db)] == [(1, "")]
    assert run_once(db, load_config(), crawl=False) == 0
    assert "no pending alerts" in capsys.readouterr().out


def test_second_run_while_the_lock_is_held_does_nothing_and_says_so(tmp_path):
    db = tmp_path / "locked.db"
    with FileLock(str(lock_path(db))):
        started = time.monotonic()
        child = subprocess.run(
            [SHIFTWATCH, "--db", str(db), "run", "--no-crawl"],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        assert time.monotonic() - started < 30  # it did not wait for the lock
    assert child.returncode == LOCKED_EXIT
    assert f"Error: another shiftwatch run holds {lock_path(db)}; this run did nothing" in child.stderr
    assert finished_runs(db) == []
    assert run_once(db, load_config(), crawl=False) == 0  # free again
    assert len(finished_runs(db)) == 1


def test_scheduler_runs_its_job_again_and_never_two_at_once(tmp_path):
    """The job is held by the test, not by a clock: while it runs, a due run is skipped (never two at once);
    once released, the job runs again."""
    from apscheduler.events import EVENT_JOB_MAX_INSTANCES

    config = load_config()
    config["schedule"].update(interval_minutes=0.005, run_at_start=True)  # due every 0.3 s
    started = [threading.Event(), threading.Event()]
    release, skipped = threading.Event(), threading.Event()
    running, most, runs = [0], [0], [0]
    guard = threading.Lock()

    def held_job():
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
            runs[0] += 1
            if runs[0] <= 2:
                started[runs[0] - 1].set()
        release.wait(30)
        with guard:
            running[0] -= 1

    scheduler = build_scheduler(config, held_job)
    scheduler.add_listener(lambda event: skipped.set(), EVENT_JOB_MAX_INSTANCES)
    thread = threading.Thread(target=scheduler.start, daemon=True)
    thread.start()
    try:
        assert started[0].wait(20), "the first run never started"
        assert skipped.wait(20), "a run due while the first was held was not skipped"
        assert not started[1].is_set() and most[0] == 1  # the held run is the only one
        release.set()
        assert started[1].wait(20), "the job did not run again once released"
    finally:
        release.set()
        scheduler.shutdown(wait=True)
        thread.join(10)
    assert most[0] == 1


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_daemon_runs_on_its_interval_and_stops_on_signal(tmp_path, sig):
    db = tmp_path / "daemon.db"
    config = tmp_path / "daemon.toml"
    config.write_text("[schedule]\ninterval_minutes = 0.02\ncrawl = false\n")  # every 1.2 s
    daemon = subprocess.Popen(
        [SHIFTWATCH, "--db", str(db), "--config", str(config), "schedule"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while len(finished_runs(db)) < 2 and time.monotonic() < deadline and daemon.poll() is None:
            time.sleep(0.2)
        assert len(finished_runs(db)) >= 2, daemon.stderr.read() if daemon.poll() is not None else "too slow"
        daemon.send_signal(sig)
        out, err = daemon.communicate(timeout=30)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait(10)
    assert daemon.returncode == 0, err
    assert f"received {sig.name}: stopping" in err and "stopped" in err
    assert all(ok == 1 for _, ok, _ in finished_runs(db))
    assert not lock_path(db).exists() or FileLock(str(lock_path(db))).acquire(timeout=1)


def test_cron_expression_or_interval_from_config():
    assert "cron[" in str(make_trigger({"cron": "0 */6 * * *"}))
    assert "interval[0:10:00]" in str(make_trigger({"interval_minutes": 10, "cron": ""}))
    with pytest.raises(ConfigError, match="cron = '61 \\* \\* \\* \\*'"):
        make_trigger({"cron": "61 * * * *"})
    with pytest.raises(ConfigError, match="interval_minutes = 0"):
        make_trigger({"interval_minutes": 0})
