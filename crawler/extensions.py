"""Scrapy extensions of shiftwatch: every crawl of a source is recorded in the runs table."""

from __future__ import annotations

import json
import logging
import uuid

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.store import Store, now_iso

log = logging.getLogger(__name__)

# Spider close reasons after which the source counts as read: a time limit leaves the rest queued for next time.
FINISHED = ("finished", "closespider_timeout", "closespider_pagecount", "closespider_itemcount")


class RunRecorder:
    """One runs row per source and crawl: pages seen, new, changed, unchanged, errors and last success."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("SHIFTWATCH_DB")
        if not self.db_path:
            raise NotConfigured("SHIFTWATCH_DB is not set")
        self.run_id: int | None = None
        # Distributed workers do not open the database: the run goes to the ingester through Redis.
        self.redis_url = crawler.settings.get("SHIFTWATCH_REDIS_URL") or None
        self.started_at: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider) -> None:
        source = getattr(spider, "source", None)
        if source is None:
            return
        if self.redis_url:
            self.run_id, self.started_at = 0, now_iso()
            self.crawler.stats.set_value("shiftwatch/run_token", uuid.uuid4().hex)
            return
        with Store(self.db_path) as store:
            self.run_id = store.start_run("crawl", source.name)
        self.crawler.stats.set_value("shiftwatch/run_id", self.run_id)

    def spider_closed(self, spider, reason: str) -> None:
        source = getattr(spider, "source", None)
        if source is None or self.run_id is None:
            return
        stats = self.crawler.stats
        get = stats.get_value
        index_error = get("shiftwatch/index_error")
        ok = reason in FINISHED and not index_error
        errors = get("shiftwatch/errors", 0)
        if not ok:
            message = index_error or f"stopped: {reason}"
        else:
            message = f"{errors} page error(s)" if errors else ""
            if reason != "finished":
                message = f"{message}; stopped early ({reason}), the rest stays queued".lstrip("; ")
        stats.set_value("shiftwatch/ok", ok)
        stats.set_value("shiftwatch/message", message)
        detail = {
            key.split("/", 1)[1]: value
            for key, value in stats.get_stats().items()
            if key.startswith("shiftwatch/") and isinstance(value, int | float | str)
        }
        detail["close_reason"] = reason
        if self.redis_url:
            from crawler.collect.distributed import push_run

            push_run(
                self.redis_url,
                {
                    "run": get("shiftwatch/run_token"),
                    "source": source.name,
                    "started_at": self.started_at,
                    "finished_at": now_iso(),
                    "ok": ok,
                    "message": message,
                    "pages_seen": get("shiftwatch/listed", 0),
                    "unchanged": get("shiftwatch/unchanged", 0),
                    "errors": errors,
                    "stats": detail,
                },
            )
            return
        with Store(self.db_path) as store:
            store.finish_run(
                self.run_id,
                ok=ok,
                message=message,
                pages_seen=get("shiftwatch/listed", 0),
                new=get("shiftwatch/new", 0),
                changed=get("shiftwatch/changed", 0),
                unchanged=get("shiftwatch/unchanged", 0),
                errors=errors,
                last_success=now_iso() if ok else store.last_success(source.name),
                stats=json.dumps(detail, sort_keys=True),
            )
