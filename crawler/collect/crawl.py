"""`shiftwatch crawl`: crawl the sources in a child process and report per source.

Twisted's reactor runs once per process, so each crawl gets a fresh Python process (`python -m crawler.crawl`)
and the caller (the CLI, the scheduler) can crawl as often as it likes. The child runs one Scrapy crawler per
source, all at once, and writes its figures to a JSON file the parent reads; every crawl of a source is also a
row of the runs table.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from crawler.collect.sources import load_sources, select_sources
from crawler.config import PROJECT_DIR, data_path
from crawler.errors import ShiftwatchError
from crawler.store import Store

log = logging.getLogger(__name__)

COUNTS = ("listed", "new", "changed", "unchanged", "errors", "forbidden", "fetched", "queued")


@dataclass
class SourceResult:
    """What one source's crawl did."""

    name: str
    type: str
    ok: bool
    counts: dict[str, int] = field(default_factory=dict)
    message: str = ""
    worker: bool = False  # a distributed worker: new and changed are known only to the ingester

    def line(self) -> str:
        """One line for the terminal."""
        c = {key: int(self.counts.get(key, 0)) for key in COUNTS}
        if self.worker:
            text = (
                f"{self.name} ({self.type}): {c['listed']} listed, {c['fetched']} fetched, "
                f"{c['unchanged']} unchanged, {c['errors']} error(s), {c['queued']} item(s) for the ingester"
            )
        else:
            text = (
                f"{self.name} ({self.type}): {c['listed']} listed, {c['fetched']} fetched, {c['new']} new, "
                f"{c['changed']} changed, {c['unchanged']} unchanged, {c['errors']} error(s)"
            )
        if c["forbidden"]:
            text += f", {c['forbidden']} disallowed by robots.txt"
        if not self.ok:
            text += f" - FAILED: {self.message}"
        return text


@dataclass
class CrawlReport:
    """The outcome of one `crawl()`: a result per source, the child's exit status and peak memory."""

    sources: list[SourceResult] = field(default_factory=list)
    returncode: int = 0
    seconds: float = 0.0
    peak_rss_mb: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the child ran to the end and every source's index could be read."""
        return self.returncode == 0 and self.error is None and all(s.ok for s in self.sources)

    def total(self, key: str) -> int:
        """A count summed over the sources."""
        return sum(int(s.counts.get(key, 0)) for s in self.sources)

    def summary(self) -> str:
        """One line per source, then a total."""
        lines = [s.line() for s in self.sources]
        if self.error:
            lines.append(f"crawl failed: {self.error}")
        if self.sources and all(s.worker for s in self.sources):
            lines.append(
                f"crawled {len(self.sources)} source(s) in {self.seconds:.1f} s as a worker: "
                f"{self.total('queued')} item(s) for `shiftwatch ingest`, {self.total('errors')} error(s)"
            )
            return "\n".join(lines)
        lines.append(
            f"crawled {len(self.sources)} source(s) in {self.seconds:.1f} s: {self.total('new')} new, "
            f"{self.total('changed')} changed, {self.total('unchanged')} unchanged, "
            f"{self.total('errors')} error(s)"
        )
        return "\n".join(lines)


def crawl(
    db_path: str | os.PathLike,
    config: dict,
    sources_file: str | os.PathLike | None = None,
    only: list[str] | None = None,
    *,
    timeout: float | None = None,
    redis_url: str | None = None,
) -> CrawlReport:
    """Crawl the enabled sources (or those named in `only`) into the database, in a child process.

    With a Redis URL (the argument, else `[crawl] redis_url`) the child is a distributed worker: it shares
    the queue in Redis with other workers and puts pages on a Redis list for `shiftwatch ingest`; it never
    opens the database.

    Raises DataFileError for a bad sources file or an unknown source name, DatabaseError when the database
    cannot be opened; everything that goes wrong during the crawl is in the report instead.
    """
    path = Path(sources_file) if sources_file else data_path(config, "sources")
    chosen = select_sources(load_sources(path), only, path)
    report = CrawlReport()
    if not chosen:
        report.error = f"no enabled source in {path} (set enabled = true, or name one with --source)"
        return report
    redis_url = redis_url or config["crawl"].get("redis_url") or None
    if redis_url:
        _check_redis(redis_url)
    else:
        Store(db_path).close()  # migrations and a clear error before the child starts
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="shiftwatch-crawl-") as tmp:
        config_file = Path(tmp, "config.json")
        result_file = Path(tmp, "report.json")
        config_file.write_text(json.dumps(config))
        command = [
            sys.executable,
            "-m",
            "crawler.collect.crawl",
            "--db",
            str(Path(db_path).resolve()),
            "--config-json",
            str(config_file),
            "--sources",
            str(Path(path).resolve()),
            "--report",
            str(result_file),
        ]
        for source in chosen:
            command += ["--source", source.name]
        if redis_url:
            command += ["--redis", redis_url]
        if logging.getLogger().getEffectiveLevel() <= logging.DEBUG:
            command.append("--verbose")
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_DIR), os.environ.get("PYTHONPATH")])),
        )
        try:
            report.returncode = subprocess.run(command, env=env, timeout=timeout, check=False).returncode
        except subprocess.TimeoutExpired:
            report.returncode = -1
            report.error = f"the crawl took longer than {timeout:.0f} s and was stopped"
        report.seconds = time.monotonic() - started
        if result_file.is_file():
            data = json.loads(result_file.read_text())
            report.peak_rss_mb = data.get("peak_rss_mb")
            report.sources = [SourceResult(**entry) for entry in data["sources"]]
        elif report.error is None:
            report.error = f"the crawl process ended with status {report.returncode} before reporting"
    return report


def _check_redis(url: str) -> None:
    """Raise QueueError with the reason when the Redis server cannot be reached."""
    from crawler.collect.distributed import redis_client
    from crawler.errors import QueueError

    try:
        redis_client(url).ping()
    except Exception as exc:
        raise QueueError(
            f"cannot reach Redis at {url}: {exc} (is redis-server running? check --redis or "
            "[crawl] redis_url)"
        ) from exc


# --- the child process -----------------------------------------------------------------------------------


class _QuietLibraries(logging.Filter):
    """Keep the libraries' progress chatter out of the log: their warnings and errors still show."""

    NAMES = ("scrapy", "twisted", "py.warnings", "trafilatura", "htmldate", "charset_normalizer", "asyncio")

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or not record.name.startswith(self.NAMES)


def _log_to_stderr(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if not verbose:
        handler.addFilter(_QuietLibraries())
    logging.root.addHandler(handler)
    logging.root.setLevel(logging.DEBUG if verbose else logging.INFO)


def _child(argv: list[str] | None = None) -> int:
    """Run the crawl in this process (`python -m crawler.crawl ...`, started by crawl())."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from crawler import settings as project_settings
    from crawler.progress import CrawlProgress, progress
    from crawler.spiders.feed import FeedSpider
    from crawler.spiders.listing import ListingSpider
    from crawler.spiders.sitemap import SitemapSpider

    parser = argparse.ArgumentParser(prog="python -m crawler.crawl")
    parser.add_argument("--db", required=True)
    parser.add_argument("--config-json", required=True)
    parser.add_argument("--sources", required=True)
    parser.add_argument("--source", action="append", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--redis")
    args = parser.parse_args(argv)

    config = json.loads(Path(args.config_json).read_text())
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(
        project_settings.from_config(
            config, db_path=args.db, sources_file=args.sources, redis_url=args.redis or ""
        ),
        priority="cmdline",
    )
    settings.set("LOGSTATS_INTERVAL", 0, priority="cmdline")
    settings.set("STATS_DUMP", bool(args.verbose), priority="cmdline")
    spiders = {"feed": FeedSpider, "sitemap": SitemapSpider, "listing": ListingSpider}

    by_name = {s.name: s for s in load_sources(args.sources)}
    _log_to_stderr(args.verbose)
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # _log_to_stderr() installed ours
    process = CrawlerProcess(settings)
    crawlers = []
    with progress("crawling", unit="page") as bar:  # on a terminal: pages done of the pages to fetch
        pages = CrawlProgress(bar)
        for name in args.source:
            source = by_name[name]
            crawler = process.create_crawler(spiders[source.type])
            pages.watch(crawler)
            process.crawl(crawler, source=name, sources=args.sources)
            crawlers.append((source, crawler))
        process.start()

    results = []
    for source, crawler in crawlers:
        stats = (
            crawler.stats.get_stats() if crawler.stats is not None else {}
        )  # None: the spider never started
        counts = {key: int(stats.get(f"shiftwatch/{key}", 0)) for key in COUNTS}
        ok = bool(stats.get("shiftwatch/ok", False))
        message = str(stats.get("shiftwatch/message") or ("" if ok else "the crawl did not finish"))
        results.append(
            {
                "name": source.name,
                "type": source.type,
                "ok": ok,
                "counts": counts,
                "message": message,
                "worker": bool(args.redis),
            }
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    Path(args.report).write_text(json.dumps({"sources": results, "peak_rss_mb": round(peak, 1)}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(_child())
    except ShiftwatchError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(1)
