"""Progress bars for long work (`load`, `process`, `crawl`): count, rate and time left on a terminal.

A bar is drawn on stderr (tqdm) only when stderr is a terminal; otherwise nothing extra is written, so logs
and pipes stay plain. While a bar is shown, log lines are written above it instead of through it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm


def on_terminal() -> bool:
    """True when stderr is a terminal (a person is watching)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


@contextmanager
def progress(label: str, total: int | None = None, unit: str = "doc") -> Iterator[tqdm]:
    """A progress bar `label: 40%|####  | 400/1000 [00:10<00:15, 39.5doc/s]`, disabled off a terminal.

    Without a total it shows the count and the rate; the caller may set `bar.total` later.
    """
    live = on_terminal()
    bar = tqdm(
        total=total,
        desc=label,
        unit=unit,
        file=sys.stderr,
        disable=not live,
        dynamic_ncols=True,
        mininterval=0.2,
    )
    try:
        with logging_redirect_tqdm() if live else nullcontext():
            yield bar
    finally:
        bar.close()


class CrawlProgress:
    """One bar over a crawl's sources: pages done against the pages their frontiers had to fetch.

    Connected to each Scrapy crawler's `item_scraped` signal (every page outcome, stored or failed, is an item).
    The total grows as index pages queue more links: each time a source's `shiftwatch/pending` count changes,
    its expected total becomes its pages done plus that count.
    """

    def __init__(self, bar: tqdm):
        self.bar = bar
        self.done: dict[int, int] = {}
        self.expected: dict[int, int] = {}
        self.pending_seen: dict[int, int | None] = {}

    def watch(self, crawler) -> None:
        """Count the pages of this Scrapy crawler."""
        from scrapy import signals

        key = id(crawler)
        self.done[key], self.expected[key], self.pending_seen[key] = 0, 0, None

        def scraped(item, response=None, spider=None) -> None:
            self.done[key] += 1
            pending = crawler.stats.get_value("shiftwatch/pending") if crawler.stats is not None else None
            if pending is not None and pending != self.pending_seen[key]:
                self.pending_seen[key] = pending
                self.expected[key] = self.done[key] - 1 + int(pending)
            self.update()

        crawler.signals.connect(scraped, signal=signals.item_scraped, weak=False)

    def update(self) -> None:
        done = sum(self.done.values())
        expected = sum(max(self.expected[key], self.done[key]) for key in self.done)
        if expected and expected != self.bar.total:
            self.bar.total = expected
            self.bar.refresh()
        self.bar.update(done - self.bar.n)
