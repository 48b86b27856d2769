"""`shiftwatch run` (one pass for cron, under a lock) and `shiftwatch schedule` (the same pass as a daemon).

A pass crawls the enabled sources, extracts events from new documents, analyses and delivers pending alerts.
A lock file beside the database (`shiftwatch.db.lock`) makes sure two passes never overlap: a pass that finds
it taken exits at once with status 75 (EX_TEMPFAIL) instead of waiting.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from alerts.compare.analysis import analyze
from alerts.locks import LOCKED_EXIT, LockTakenError, holding, lock_path
from alerts.notify import deliver_pending
from crawler.config import data_path
from crawler.errors import ConfigError, ShiftwatchError
from crawler.store import Store

log = logging.getLogger(__name__)


def _crawl(db_path: str | Path, config: dict) -> bool:
    """Crawl the enabled sources, if there are any; return False when the crawl reported a failure."""
    sources_file = data_path(config, "sources")
    if not sources_file.is_file():
        log.info("no sources file %s: nothing to crawl", sources_file)
        return True
    from crawler.collect.sources import (  # the crawler stack is heavy: load it only here
        load_sources,
        select_sources,
    )

    if not select_sources(load_sources(sources_file), None, sources_file):
        log.info("no enabled source in %s: nothing to crawl", sources_file)
        return True
    from crawler.collect.crawl import crawl

    report = crawl(db_path, config)
    print(report.summary())
    return report.ok


def _pass(db_path: str | Path, config: dict, crawl: bool) -> tuple[bool, list[str]]:
    """The steps of one pass; a failing step is reported and the later steps still run."""
    from crawler.extract.process import process_documents  # spaCy is heavy: load it only when a pass runs

    problems: list[str] = []
    if crawl and config.get("schedule", {}).get("crawl", True):
        try:
            if not _crawl(db_path, config):
                problems.append("the crawl reported errors")
        except ShiftwatchError as exc:
            problems.append(f"crawl: {exc}")
    with Store(db_path) as store:
        run_id = store.start_run("run")
        try:
            processed = process_documents(store, config)
            print(processed.summary())
            if processed.errors:
                problems.append(f"{len(processed.errors)} document(s) could not be processed")
            result = analyze(store, config)
            print(f"analysis: {len(result.alerts)} alert(s), {len(result.new)} new")
            try:
                delivery = deliver_pending(store, config)
            except (ConfigError, LockTakenError) as exc:
                problems.append(f"notify: {exc}")
            else:
                print(delivery.summary())
                problems += [
                    f"alert {alert_id} not delivered: {error}" for alert_id, error in delivery.failed
                ]
        except ShiftwatchError as exc:
            problems.append(str(exc))
            raise
        finally:
            store.finish_run(run_id, ok=not problems, message="; ".join(problems))
    return not problems, problems


def run_once(db_path: str | Path, config: dict, crawl: bool = True) -> int:
    """One pass under the lock: crawl (if `crawl` and [schedule] crawl), process, analyze, notify.

    Returns the exit status: 0 when every step succeeded, 1 when one failed (the others still ran),
    75 when another pass holds the lock (nothing was done).
    """
    try:
        with holding(lock_path(db_path), "run"):
            ok, problems = _pass(db_path, config, crawl)
    except LockTakenError as exc:
        print(f"Error: {exc}; this run did nothing (the next one will start on schedule)", file=sys.stderr)
        return LOCKED_EXIT
    for problem in problems:
        print(f"Error: {problem}", file=sys.stderr)
    return 0 if ok else 1


def make_trigger(schedule: dict):
    """The APScheduler trigger of [schedule]: the cron expression when set, else the interval."""
    cron = str(schedule.get("cron") or "").strip()
    if cron:
        try:
            return CronTrigger.from_crontab(cron)
        except ValueError as exc:
            raise ConfigError(
                f"[schedule] cron = {cron!r}: {exc} (five fields: minute hour day month weekday, "
                'such as "0 */6 * * *")'
            ) from exc
    minutes = schedule.get("interval_minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes <= 0:
        raise ConfigError(
            f"[schedule] interval_minutes = {minutes!r}: give a positive number of minutes, or set cron"
        )
    return IntervalTrigger(seconds=float(minutes) * 60)


def build_scheduler(config: dict, job: Callable[[], object]) -> BlockingScheduler:
    """A BlockingScheduler running `job` on [schedule]: coalesced, one instance at a time, with a grace time."""
    schedule = config.get("schedule", {})
    grace = int(schedule.get("misfire_grace_seconds", 600))
    scheduler = BlockingScheduler(
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace}
    )
    options = {}
    if schedule.get("run_at_start", True):
        options["next_run_time"] = dt.datetime.now().astimezone()
    scheduler.add_job(job, make_trigger(schedule), id="shiftwatch-run", name="shiftwatch run", **options)
    return scheduler


def run_daemon(db_path: str | Path, config: dict) -> int:
    """Run `run_once` on the configured schedule until SIGTERM or SIGINT; a run in progress is finished."""
    busy = threading.Lock()

    def job() -> None:
        with busy:
            try:
                status = run_once(db_path, config)
            except ShiftwatchError as exc:
                log.error("the run failed: %s", exc)
            else:
                log.info("run finished with status %d", status)

    scheduler = build_scheduler(config, job)
    stopping = threading.Event()

    def stop(signum: int, frame: object) -> None:
        name = signal.Signals(signum).name
        if stopping.is_set():
            log.info("received %s again: still waiting for the current run to finish", name)
            return
        stopping.set()
        log.info("received %s: stopping (a run in progress is finished first)", name)
        if scheduler.running:
            scheduler.shutdown(wait=False)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    trigger = scheduler.get_job("shiftwatch-run").trigger
    log.info("shiftwatch schedule: running `shiftwatch run` on %s (database %s)", trigger, db_path)
    try:
        if not stopping.is_set():  # a signal may arrive before the scheduler runs
            scheduler.start()
        with busy:  # wait for a run that is still going
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("stopped")
    return 0
