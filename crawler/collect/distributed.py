"""Distributed crawling on Redis (scrapy-redis): the shared request queue, the seen-URL marks and the item list.

With a Redis URL (`shiftwatch crawl --worker --redis URL`, or `[crawl] redis_url`), any number of crawl
workers share one request queue per source and one set of seen-URL marks in Redis, so each page is fetched by
one worker. Workers never open the database: each page becomes a JSON item on a Redis list, which one
`shiftwatch ingest` process drains into SQLite (crawler/collect/ingester.py).

Keys (all under `shiftwatch:`):

    {source}:requests            the source's request queue (a scrapy-redis priority queue, a sorted set)
    {source}:inflight:{worker}   requests a worker has taken and not finished (hash); a dead worker's are
                                 put back in the queue by a live one
    {source}:index:{url hash}    "this index was read in the current round" (expires once no worker is left)
    seen:{url hash}              "this page was checked at <time>" (expires after recheck_after_hours)
    worker:{worker}              a worker's heartbeat (expires a few seconds after the worker dies)
    validators                   url -> {"etag", "last_modified"} of stored pages, written by the ingester
    items, items:processing      pages and run summaries for the ingester (a reliable queue)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import time
import uuid
from typing import Any

from twisted.internet.task import LoopingCall

from crawler.collect.links import canonical_url
from crawler.errors import QueueError
from crawler.store import now_iso

try:
    from redis.exceptions import LockError as LockError  # for the ingester, behind the same hint
    from scrapy_redis.dupefilter import RFPDupeFilter
    from scrapy_redis.scheduler import Scheduler
except ImportError as exc:  # an optional dependency: say how to get it
    raise QueueError(
        "distributed crawling needs scrapy-redis and redis: pip install 'shiftwatch[distributed]'"
    ) from exc

log = logging.getLogger(__name__)

PREFIX = "shiftwatch"
ITEMS = f"{PREFIX}:items"
PROCESSING = f"{PREFIX}:items:processing"
VALIDATORS = f"{PREFIX}:validators"
INGESTER_LOCK = f"{PREFIX}:ingester"
POLL_SECONDS = 0.5  # how often a worker beats, acknowledges finished requests and looks at the shared queue
ALIVE_SECONDS = 5  # a worker silent this long is dead: its unfinished requests go back to the queue

# Mark a URL as checked now unless it was checked since ARGV[4] (the worker's start less recheck_after_hours,
# the rule of the single-process frontier) and its index gives no newer date (ARGV[3]); atomic, so of two
# workers listing one URL at once exactly one gets it. Times are UTC ISO 8601, which sort as text.
MARK_IF_DUE = """
local seen = redis.call('GET', KEYS[1])
if seen and seen >= ARGV[4] and (ARGV[3] == '' or ARGV[3] <= seen) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
"""
MARK_SECONDS = 86400  # a mark outlives its use by a day at least; expiry only keeps Redis small

# Take the first request of a queue and note it as in flight for this worker, in one step: a worker killed
# between the two would otherwise lose the request.
TAKE = """
local first = redis.call('ZRANGE', KEYS[1], 0, 0)
if #first == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], ARGV[1], first[1])
return first[1]
"""


def url_key(url: str) -> str:
    """A short stable key for a page: its canonical URL (the single-process frontier's rule), hashed."""
    return hashlib.sha1((canonical_url(url) or url).encode()).hexdigest()[:20]


def source_key(source: str, *parts: str) -> str:
    """A key of one source's crawl."""
    return ":".join((PREFIX, source, *parts))


def redis_client(url: str):
    """A Redis client for a redis:// URL (bytes in, bytes out)."""
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)
    except ValueError as exc:
        raise QueueError(f"bad Redis URL {url!r}: {exc} (use redis://HOST:6379/0)") from exc


class SeenFilter(RFPDupeFilter):
    """The seen-request filter in Redis: a page is due again after recheck_after_hours (or when its index
    gives a newer date), an index once per crawl round; marks expire by themselves, so the set stays small."""

    def __init__(self, server, source: str, recheck_seconds: int, round_seconds: int):
        super().__init__(server, key=source_key(source, "index"))
        self.source = source
        started = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.due_before = (started - dt.timedelta(seconds=recheck_seconds)).isoformat()
        self.mark_seconds = max(recheck_seconds, MARK_SECONDS)
        self.round_seconds = round_seconds
        self.index_keys: set[str] = set()
        self.mark = server.register_script(MARK_IF_DUE)

    @classmethod
    def from_spider(cls, spider) -> SeenFilter:
        from scrapy_redis.connection import get_redis_from_settings

        settings = spider.settings
        round_seconds = max(1, int(settings.getfloat("SHIFTWATCH_WORKER_IDLE", 10)))
        recheck = int(settings.getfloat("SHIFTWATCH_RECHECK_AFTER_HOURS", 1.0) * 3600)
        return cls(get_redis_from_settings(settings), spider.source.name, recheck, round_seconds)

    def request_seen(self, request) -> bool:
        if request.meta.get("seen") == "index":
            key = source_key(self.source, "index", url_key(request.url))
            self.index_keys.add(key)
            # An index mark lives while the round does (keep_round_open): compared with no date.
            due = self.mark(keys=[key], args=[now_iso(), self.round_seconds, "", ""])
        else:
            key = f"{PREFIX}:seen:{url_key(request.url)}"
            due = self.mark(
                keys=[key],
                args=[now_iso(), self.mark_seconds, request.meta.get("lastmod") or "", self.due_before],
            )
        return not due

    def keep_round_open(self, pipe) -> None:
        """Extend the index marks: an index is read once while any worker of the round is alive."""
        for key in self.index_keys:
            pipe.expire(key, self.round_seconds)

    def clear(self) -> None:
        """Marks expire by themselves: nothing to delete when a worker stops."""


class RedisScheduler(Scheduler):
    """scrapy-redis's scheduler, one queue per source, with requests a worker took kept until it finished
    them (a killed worker loses nothing) and a worker that waits while others may still add work."""

    @classmethod
    def from_crawler(cls, crawler) -> RedisScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = uuid.uuid4().hex[:12]
        scheduler.idle_seconds = crawler.settings.getfloat("SHIFTWATCH_WORKER_IDLE", 10)
        # Scrapy asks an idle scheduler again every 5 s; a worker whose queue another worker fills should
        # start sooner. (A private attribute: if it is renamed, workers are merely slower to pick up work.)
        crawler.engine._SLOT_HEARTBEAT_INTERVAL = POLL_SECONDS
        return scheduler

    def open(self, spider) -> None:
        source = spider.source.name
        self.queue_key = source_key(source, "requests")
        super().open(spider)
        self.source = source
        self.inflight_key = source_key(source, "inflight", self.worker)
        self.alive_key = f"{PREFIX}:worker:{self.worker}"
        self.take = self.server.register_script(TAKE)
        self.handed: dict[str, object] = {}  # in-flight token -> the Request object the engine holds
        self.serial = 0
        self.idle_since: float | None = None
        self.beat()
        self.loop = LoopingCall(self.beat)
        self.loop.start(POLL_SECONDS, now=False)

    def close(self, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        self.acknowledge(finished_only=False)
        self.server.delete(self.alive_key)
        super().close(reason)

    def next_request(self):
        self.serial += 1
        token = str(self.serial)
        data = self.take(keys=[self.queue_key, self.inflight_key], args=[token])
        if not data:
            return None
        request = self.queue._decode_request(data)
        self.handed[token] = request
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def enqueue_request(self, request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            return False
        self.queue.push(request)
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def has_pending_requests(self) -> bool:
        # While the round is open (a worker has work in flight, or the grace period runs) the spider stays
        # open: another worker's index may still fill the queue.
        return (
            len(self) > 0 or self.idle_since is None or time.monotonic() - self.idle_since < self.idle_seconds
        )

    # --- the heartbeat -------------------------------------------------------------------------------------

    def beat(self) -> None:
        """Say this worker is alive, acknowledge finished requests, requeue dead workers' ones, watch the round."""
        try:
            with self.server.pipeline() as pipe:
                pipe.set(self.alive_key, b"1", ex=ALIVE_SECONDS)
                self.df.keep_round_open(pipe)
                pipe.execute()
            self.acknowledge()
            self.requeue_dead()
            busy = len(self) > 0 or any(self.server.hlen(key) for key in self._inflight_keys())
        except Exception:  # a lost Redis connection: log it and try again on the next beat
            log.exception("%s: worker heartbeat failed", self.source)
            return
        if busy:
            self.idle_since = None
        elif self.idle_since is None:
            self.idle_since = time.monotonic()

    def acknowledge(self, *, finished_only: bool = True) -> None:
        """Forget the requests the engine has finished with (their items are on the item list by then)."""
        slot = getattr(self.crawler.engine, "_slot", None)
        busy: set[Any] = getattr(slot, "inprogress", set()) if finished_only else set()
        done = [token for token, request in self.handed.items() if request not in busy]
        if done:
            self.server.hdel(self.inflight_key, *done)
            for token in done:
                del self.handed[token]

    def _inflight_keys(self) -> list[bytes]:
        pattern = source_key(self.source, "*")
        return [
            key
            for key in self.server.scan_iter(match=pattern, count=500)
            if b":inflight:" in key or b":reaping:" in key
        ]

    def requeue_dead(self) -> int:
        """Put back in the queue the unfinished requests of workers that stopped beating; return how many."""
        moved = 0
        for key in self._inflight_keys():
            owner = key.rsplit(b":", 1)[1].decode()
            if owner == self.worker or self.server.exists(f"{PREFIX}:worker:{owner}"):
                continue
            claimed = source_key(self.source, "reaping", self.worker)
            try:
                self.server.rename(key, claimed)  # atomic: of two live workers, one takes them
            except Exception:  # the key went away: another worker took them first
                continue
            for data in self.server.hvals(claimed):
                request = self.queue._decode_request(data)
                self.queue.push(request)
                moved += 1
            self.server.delete(claimed)
        if moved:
            log.warning("%s: %d request(s) of a stopped worker put back in the queue", self.source, moved)
        return moved


class RedisItemPipeline:
    """Workers' only pipeline: each page becomes a JSON item on the Redis item list, for `shiftwatch ingest`."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.server = redis_client(crawler.settings["SHIFTWATCH_REDIS_URL"])

    @classmethod
    def from_crawler(cls, crawler) -> RedisItemPipeline:
        return cls(crawler)

    def process_item(self, item, spider=None):
        from crawler.items import PageItem

        if not isinstance(item, PageItem):
            return item
        stats = self.crawler.stats
        data = dataclasses.asdict(item)
        data["kind"] = "page"
        data["run"] = stats.get_value("shiftwatch/run_token")
        self.server.lpush(ITEMS, json.dumps(data, ensure_ascii=False))
        stats.inc_value("shiftwatch/queued")
        if item.forbidden:
            stats.inc_value("shiftwatch/forbidden")
            return item
        stats.inc_value("shiftwatch/fetched")
        if item.error is not None:
            stats.inc_value("shiftwatch/errors")
            stats.inc_value(f"shiftwatch/errors/{item.error_kind or 'other'}")
            log.warning("%s: %s", item.requested_url, item.error)
        elif item.status == 304:
            stats.inc_value("shiftwatch/unchanged")
        item.html = None
        return item


def push_run(url: str, run: dict) -> None:
    """Put a worker's summary of one source's crawl on the item list (the ingester records it as a run)."""
    redis_client(url).lpush(ITEMS, json.dumps({"kind": "run", **run}))
