"""Scrapy settings of shiftwatch (scrapy.cfg: `default = crawler.settings`).

The polite defaults are fixed here (robots.txt obeyed, AutoThrottle, an identifying user agent, per-domain
concurrency); the numbers come from the [crawl] section of the configuration, read through
`from_config()`, so `scrapy crawl` from the checkout and `shiftwatch crawl` behave the same.

Scaling out: the scheduler and the duplicate filter are plain settings. To share one request queue between
several crawl processes or machines, install scrapy-redis and set, for example in a settings override:

    SCHEDULER = "scrapy_redis.scheduler.Scheduler"
    DUPEFILTER_CLASS = "scrapy_redis.dupefilter.RFPDupeFilter"
    SCHEDULER_PERSIST = True
    REDIS_URL = "redis://<redis-host>:6379"

Nothing else changes: article URLs are queued in the database frontier (the urls table) and their requests
bypass the duplicate filter, so only feed, sitemap and listing requests reach the Redis queue's filter.
The database stays one SQLite file: workers must share it (one machine, or a shared volume).
"""

from __future__ import annotations

import os

from .config import data_path, load_config

BOT_NAME = "shiftwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False  # news pages read the same without them, and no session state piles up
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19's code-execution server has no place in an unattended crawler
LOG_VERSIONS: list[str] = []
LOG_LEVEL = "INFO"

ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}
EXTENSIONS = {"crawler.extensions.RunRecorder": 500}

# The swap points for scale-out (see the module docstring).
SCHEDULER = "scrapy.core.scheduler.Scheduler"
DUPEFILTER_CLASS = "scrapy.dupefilters.RFPDupeFilter"

AUTOTHROTTLE_MAX_DELAY = 60.0
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]


def from_config(config: dict, *, db_path: str | None = None, sources_file: str | None = None) -> dict:
    """The Scrapy settings that follow from a shiftwatch configuration ([crawl], [data])."""
    crawl = config["crawl"]
    delay = float(crawl["download_delay"])
    settings = {
        "USER_AGENT": crawl["user_agent"],
        "DOWNLOAD_DELAY": delay,
        "CONCURRENT_REQUESTS": int(crawl["concurrent_requests"]),
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(crawl["concurrent_requests_per_domain"]),
        "AUTOTHROTTLE_ENABLED": bool(crawl["autothrottle"]),
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.1),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(crawl["autothrottle_target_concurrency"]),
        "DOWNLOAD_TIMEOUT": float(crawl["timeout"]),
        "RETRY_TIMES": int(crawl["retry_times"]),
        "DOWNLOAD_MAXSIZE": int(float(crawl["max_page_mb"]) * 1024 * 1024),
        "CLOSESPIDER_TIMEOUT": int(float(crawl["max_minutes"]) * 60),
        "SHIFTWATCH_DB": db_path or os.environ.get("SHIFTWATCH_DB", "shiftwatch.db"),
        "SHIFTWATCH_SOURCES": str(sources_file or data_path(config, "sources")),
        "SHIFTWATCH_BOILERPLATE": str(data_path(config, "boilerplate")),
        "SHIFTWATCH_RECHECK_AFTER_HOURS": float(crawl["recheck_after_hours"]),
        "SHIFTWATCH_FRONTIER_BATCH": int(crawl["frontier_batch"]),
    }
    return settings


# `scrapy crawl` from the checkout: the same configuration as the shiftwatch command ($SHIFTWATCH_CONFIG,
# else ./shiftwatch.toml, over the defaults) and the same database ($SHIFTWATCH_DB, else ./shiftwatch.db).
globals().update(from_config(load_config(os.environ.get("SHIFTWATCH_CONFIG"))))
