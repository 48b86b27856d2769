"""`shiftwatch load`: read files and folders into the database, with progress and a per-file error report."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from dataclasses import dataclass, field

from crawler.collect.documents import InputError, read_inputs, save_record
from crawler.config import data_path
from crawler.errors import DocumentError
from crawler.extract.articles import cached_boilerplate
from crawler.store import Store

log = logging.getLogger(__name__)


@dataclass
class LoadReport:
    """Counts of a load and the inputs that failed."""

    counts: Counter = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal."""
        c = self.counts
        return (
            f"loaded {c['new'] + c['changed'] + c['unchanged']} document(s): {c['new']} new, "
            f"{c['changed']} changed, {c['unchanged']} unchanged, {len(self.errors)} error(s)"
        )


class Progress:
    """A one-line counter on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str):
        self.label = label
        self.count = 0
        self.live = sys.stderr.isatty()

    def step(self) -> None:
        self.count += 1
        if self.live and self.count % 10 == 0:
            sys.stderr.write(f"\r{self.label}: {self.count}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.live and self.count >= 10:
            sys.stderr.write(f"\r{self.label}: {self.count}\n")


def load_paths(store: Store, config: dict, paths: list[str]) -> LoadReport:
    """Load every document under `paths`; each success is committed at once, so a killed load resumes."""
    rules = cached_boilerplate(str(data_path(config, "boilerplate")))
    report = LoadReport()
    progress = Progress("loading")
    for item in read_inputs(paths):
        progress.step()
        if isinstance(item, InputError):
            report.errors.append(item)
            log.warning("%s: %s", item.where, item.reason)
            continue
        try:
            status = save_record(store, item, rules)
        except DocumentError as exc:
            report.errors.append(InputError(item.id, str(exc)))
            log.warning("%s: %s", item.id, exc)
            continue
        report.counts[status] += 1
    progress.done()
    return report
