"""Whether the sources were read: documents per source and day, and the coverage of a span against its baseline."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Mapping

from alerts.compare.settings import Settings


class DocumentIndex:
    """Documents per source and day, with prefix sums for quick counts over a span of days."""

    def __init__(self, documents: Mapping[str, Mapping[dt.date, int]], as_of: dt.date):
        self.sources: dict[str, tuple[list[dt.date], list[int]]] = {}
        for source, per_day in documents.items():
            days = sorted(day for day in per_day if day <= as_of and per_day[day] > 0)
            if not days:
                continue
            sums = list(itertools.accumulate((per_day[day] for day in days), initial=0))
            self.sources[source] = (days, sums)

    def count(self, source: str, start: dt.date, end: dt.date) -> int:
        """Documents of one source published from start to end, inclusive."""
        days, sums = self.sources[source]
        return sums[bisect.bisect_right(days, end)] - sums[bisect.bisect_left(days, start)]

    def total(self, start: dt.date, end: dt.date) -> int:
        """Documents of every source published from start to end, inclusive."""
        return sum(self.count(source, start, end) for source in self.sources)

    def coverage(self, start: dt.date, end: dt.date, baseline_days: int) -> tuple[int, float]:
        """(documents found, documents expected) in a span from the sources that published in the
        `baseline_days` before it, at their rate there."""
        base_start, base_end = start - dt.timedelta(days=baseline_days), start - dt.timedelta(days=1)
        span = (end - start).days + 1
        found, expected = 0, 0.0
        for source in self.sources:
            before = self.count(source, base_start, base_end)
            if before:
                expected += before / baseline_days * span
                found += self.count(source, start, end)
        return found, expected

    def was_read(self, start: dt.date, end: dt.date, s: Settings) -> tuple[bool, int, float]:
        """(read, found, expected): whether the sources published at least coverage_ratio x their usual
        rate from start to end."""
        found, expected = self.coverage(start, end, s.coverage_baseline_days)
        return expected > 0 and found >= s.coverage_ratio * expected, found, expected
