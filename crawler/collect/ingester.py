"""`shiftwatch ingest`: the one process that writes distributed workers' pages into SQLite.

A reliable queue on Redis lists: each item is moved atomically from `shiftwatch:items` to
`shiftwatch:items:processing` (BLMOVE), stored in the database (crawler.collect.pages.store_fetched_page, as
the single-process crawl does; save_record commits it), and only then removed from the processing list. An
ingester that is killed leaves its item in the processing list; the next one to start moves it back first.
Storing is idempotent (documents are keyed by URL and compared by content hash), so an item handled twice is
stored once. A lock key keeps a second ingester from running at the same time.

After each committed page the ingester writes the page's ETag / Last-Modified to `shiftwatch:validators`,
where workers read them for conditional GETs: workers never need the database file.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from crawler.collect.distributed import (
    INGESTER_LOCK,
    ITEMS,
    PREFIX,
    PROCESSING,
    VALIDATORS,
    LockError,
    redis_client,
)
from crawler.collect.pages import store_fetched_page
from crawler.config import data_path
from crawler.errors import QueueError
from crawler.extract.articles import cached_boilerplate
from crawler.items import PageItem
from crawler.store import Store, now_iso

log = logging.getLogger(__name__)

LOCK_SECONDS = 5  # a killed ingester's lock is free again after this long
PROCESS_EVERY = 200  # extract events at least every this many stored pages, and whenever the list is empty


@dataclass
class IngestReport:
    """What an ingest run did."""

    counts: Counter = field(default_factory=Counter)
    runs: int = 0
    recovered: int = 0
    processed: int = 0
    events: int = 0

    def summary(self) -> str:
        """One line for the terminal."""
        c = self.counts
        text = (
            f"ingested {c['pages']} page(s): {c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged, "
            f"{c['errors']} error(s); {self.runs} run(s) recorded"
        )
        if self.recovered:
            text += f"; {self.recovered} item(s) recovered from a stopped ingester"
        if self.processed:
            text += f"; {self.processed} document(s) processed, {self.events} event(s)"
        return text


class Ingester:
    """Drain the workers' item list into the database; `run()` until told to stop, idle, or empty (once)."""

    def __init__(self, store: Store, redis_url: str, config: dict, *, process: bool = True):
        self.store = store
        self.config = config
        self.process = process
        self.server = redis_client(redis_url)
        try:
            self.server.ping()
        except Exception as exc:
            raise QueueError(
                f"cannot reach Redis at {redis_url}: {exc} (is redis-server running? check --redis "
                "or [crawl] redis_url)"
            ) from exc
        self.rules = cached_boilerplate(str(data_path(config, "boilerplate")))
        # redis-py's lock: taken with SET NX PX, renewed and released by compare-and-set scripts, so an ingester
        # whose lock ran out never extends or deletes the lock another ingester has taken since.
        self.lock = self.server.lock(INGESTER_LOCK, timeout=LOCK_SECONDS, sleep=0.2, thread_local=False)
        self.report = IngestReport()
        self.unprocessed = 0
        self.stopping = False
        self.lost_lock = False
        self.released = threading.Event()

    def stop(self) -> None:
        """Finish the item in hand, then return from run() (a signal handler calls this)."""
        self.stopping = True

    def run(
        self,
        *,
        once: bool = False,
        idle_timeout: float | None = None,
        wait_for_lock: float = 2 * LOCK_SECONDS,
    ) -> IngestReport:
        """Ingest items until stop(), until the list is empty (once) or has been empty idle_timeout seconds."""
        self._lock(wait_for_lock)
        keeper = threading.Thread(target=self._keep_lock, name="ingester-lock", daemon=True)
        keeper.start()
        try:
            self.report.recovered = self._recover()
            self._publish_validators()
            last_item = time.monotonic()
            while not self.stopping:
                if self.lost_lock:
                    raise QueueError(
                        "the ingester lost its lock (was it paused longer than "
                        f"{LOCK_SECONDS} s?); stopping so that two ingesters never write at once"
                    )
                raw = (
                    self.server.lmove(ITEMS, PROCESSING, "RIGHT", "LEFT")
                    if once
                    else self.server.blmove(ITEMS, PROCESSING, 1, "RIGHT", "LEFT")
                )
                if raw is None:
                    if self.unprocessed:
                        self._extract()
                        continue
                    if once or (idle_timeout is not None and time.monotonic() - last_item >= idle_timeout):
                        break
                    continue
                last_item = time.monotonic()
                self._handle(raw)
                self.server.lrem(PROCESSING, 1, raw)  # only now: the page is committed
                if self.unprocessed >= PROCESS_EVERY:
                    self._extract()
            if self.unprocessed:
                self._extract()
        finally:
            self.released.set()
            keeper.join(5)
            self._unlock()
        return self.report

    # --- one item ------------------------------------------------------------------------------------------

    def _handle(self, raw: bytes) -> None:
        try:
            item = json.loads(raw)
            kind = item.pop("kind")
        except (ValueError, KeyError, AttributeError) as exc:
            log.error("unreadable item dropped from the queue (%s): %.200r", exc, raw)
            self.report.counts["errors"] += 1
            return
        if kind == "run":
            self._record_run(item)
            return
        run = item.pop("run", None)
        page = PageItem(**item)
        keys = [key.split("/", 1)[1] for key in store_fetched_page(self.store, page, self.rules)]
        self.report.counts["pages"] += 1
        self.report.counts.update(k for k in keys if k in ("new", "changed", "unchanged", "errors"))
        if run:
            with self.server.pipeline() as pipe:
                for key in keys:
                    pipe.hincrby(f"{PREFIX}:tally:{run}", key, 1)
                pipe.expire(f"{PREFIX}:tally:{run}", 7 * 86400)
                pipe.execute()
        if "new" in keys or "changed" in keys:
            self.unprocessed += 1
        if page.error is None and not page.forbidden:
            state = self.store.document_state(page.url)
            if state and (state["etag"] or state["last_modified"]):
                self.server.hset(
                    VALIDATORS,
                    page.url,
                    json.dumps({"etag": state["etag"], "last_modified": state["last_modified"]}),
                )

    def _record_run(self, run: dict) -> None:
        """One runs row for a worker's crawl of a source, with the new and changed pages counted here."""
        tally_key = f"{PREFIX}:tally:{run.get('run')}"
        tally = {k.decode(): int(v) for k, v in self.server.hgetall(tally_key).items()}
        source, ok = run["source"], bool(run["ok"])
        run_id = self.store.start_run("crawl", source)
        stats = dict(run.get("stats") or {})
        stats.update({f"ingested/{k}": v for k, v in tally.items()})
        self.store.finish_run(
            run_id,
            ok=ok,
            message=run.get("message") or "",
            started_at=run.get("started_at"),
            pages_seen=int(run.get("pages_seen", 0)),
            new=tally.get("new", 0),
            changed=tally.get("changed", 0),
            unchanged=int(run.get("unchanged", 0)),
            errors=int(run.get("errors", 0)) + tally.get("errors/unusable_page", 0),
            last_success=run.get("finished_at") or now_iso() if ok else self.store.last_success(source),
            stats=json.dumps(stats, sort_keys=True),
        )
        self.server.delete(tally_key)
        self.report.runs += 1

    def _extract(self) -> None:
        self.unprocessed = 0
        if not self.process:
            return
        from crawler.extract.process import process_documents

        done = process_documents(self.store, self.config)
        self.report.processed += done.documents
        self.report.events += done.events
        for doc_id, reason in done.errors:
            log.error("%s: %s", doc_id, reason)

    # --- the queue and the lock -------------------------------------------------------------------------------

    def _recover(self) -> int:
        """Move items a stopped ingester had taken but not finished back to the head of the queue."""
        moved = 0
        while self.server.lmove(PROCESSING, ITEMS, "LEFT", "RIGHT") is not None:
            moved += 1
        if moved:
            log.warning("%d item(s) a stopped ingester had taken are queued again", moved)
        return moved

    def _publish_validators(self) -> None:
        """Give workers the ETag / Last-Modified of every stored page (a fresh Redis knows none)."""
        rows = self.store.query(
            "SELECT id, etag, last_modified FROM documents "
            "WHERE etag IS NOT NULL OR last_modified IS NOT NULL"
        )
        batch: dict[str, str] = {}
        for row in rows:
            batch[row["id"]] = json.dumps({"etag": row["etag"], "last_modified": row["last_modified"]})
            if len(batch) >= 1000:
                self.server.hset(VALIDATORS, mapping=batch)
                batch = {}
        if batch:
            self.server.hset(VALIDATORS, mapping=batch)

    def _lock(self, wait: float) -> None:
        if not self.lock.acquire(blocking_timeout=wait):
            raise QueueError(
                "another `shiftwatch ingest` is running on this Redis (one ingester at a time "
                f"keeps SQLite to one writer); if it was killed, retry in {LOCK_SECONDS} s"
            )

    def _keep_lock(self) -> None:
        """Renew the lock while run() works (a thread: extracting a batch of events can take a while)."""
        while not self.released.wait(LOCK_SECONDS / 5):
            try:
                self.lock.reacquire()
            except LockError:  # expired, perhaps taken by another ingester: never extend that one
                self.lost_lock = True
                return
            except Exception:  # Redis gone for a moment: the main loop meets the same error and reports it
                log.exception("cannot renew the ingester lock")

    def _unlock(self) -> None:
        try:
            self.lock.release()  # one compare-and-delete on the server
        except LockError:
            log.warning("the ingester lock had expired; another ingester's lock, if any, is left alone")
