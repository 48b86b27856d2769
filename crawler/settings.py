"""Scrapy settings of shiftwatch (scrapy.cfg: `default = crawler.settings`).

The polite defaults are fixed here (robots.txt obeyed, AutoThrottle, an identifying user agent, per-domain
concurrency); the numbers come from the [crawl] section of the configuration, read through
`from_config()`, so `scrapy crawl` from the checkout and `shiftwatch crawl` behave the same.

Scaling out: with a Redis URL (`[crawl] redis_url`, or `shiftwatch crawl --worker --redis URL`),
`from_config()` swaps in the scrapy-redis scheduler and seen-request filter of crawler/collect/distributed.py and a
pipeline that puts pages on a Redis list instead of writing the database; `shiftwatch ingest` is the one
process that writes them into SQLite.
"""

from __future__ import annotations

import os

from crawler.config import data_path, load_config

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


def from_config(
    config: dict, *, db_path: str | None = None, sources_file: str | None = None, redis_url: str | None = None
) -> dict:
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
    redis_url = redis_url if redis_url is not None else crawl.get("redis_url")
    if redis_url:
        settings.update(
            {
                "SCHEDULER": "crawler.collect.distributed.RedisScheduler",
                "DUPEFILTER_CLASS": "crawler.collect.distributed.SeenFilter",
                "SCHEDULER_PERSIST": True,  # the queue outlives any one worker
                "REDIS_URL": redis_url,
                "ITEM_PIPELINES": {"crawler.collect.distributed.RedisItemPipeline": 300},
                "SHIFTWATCH_REDIS_URL": redis_url,
                "SHIFTWATCH_WORKER_IDLE": float(crawl.get("worker_idle_seconds", 10)),
            }
        )
    return settings


# `scrapy crawl` from the checkout: the same configuration as the shiftwatch command ($SHIFTWATCH_CONFIG,
# else ./shiftwatch.toml, over the defaults) and the same database ($SHIFTWATCH_DB, else ./shiftwatch.db).
globals().update(from_config(load_config(os.environ.get("SHIFTWATCH_CONFIG"))))
