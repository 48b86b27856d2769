"""`shiftwatch load`: read files and folders into the database, with a progress bar and a per-input report.

Every input ends in one of four ways: stored (new or changed), unchanged, skipped (it holds no article
text: an empty file, a photo gallery) or failed (it could not be read: a missing or unreadable file, a
malformed JSON line, undecodable bytes, a bad date). Only failures make `load` exit with status 1.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crawler.collect.documents import JSONL_SUFFIXES, InputError, read_inputs, save_record
from crawler.config import data_path
from crawler.errors import DocumentError, NoArticleTextError
from crawler.extract.articles import cached_boilerplate
from crawler.progress import on_terminal, progress
from crawler.store import Store

log = logging.getLogger(__name__)


@dataclass
class LoadReport:
    """Counts of a load, the inputs skipped for want of article text and the inputs that failed."""

    counts: Counter = field(default_factory=Counter)
    skipped: list[InputError] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal."""
        c = self.counts
        read = c["new"] + c["changed"] + c["unchanged"] + len(self.skipped)
        return (
            f"loaded {read + len(self.errors)} input(s): {c['new'] + c['changed']} stored ({c['new']} new, "
            f"{c['changed']} changed), {c['unchanged']} unchanged, {len(self.skipped)} skipped, "
            f"{len(self.errors)} failed"
        )


def count_inputs(paths: Sequence[str]) -> int:
    """How many records `read_inputs(paths)` will yield, near enough for a progress bar (a file each, a
    jsonl file a line each)."""
    total = 0
    for entry in paths:
        path = Path(entry)
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if not file.is_file():
                total += not path.is_dir()  # a missing path is one error
            elif file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with open(file, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def load_paths(store: Store, config: dict, paths: list[str]) -> LoadReport:
    """Load every document under `paths`; each success is committed at once, so a killed load resumes."""
    rules = cached_boilerplate(str(data_path(config, "boilerplate")))
    report = LoadReport()
    with progress("loading", total=count_inputs(paths) if on_terminal() else None) as bar:
        for item in read_inputs(paths):
            bar.update()
            if isinstance(item, InputError):
                report.errors.append(item)
                log.warning("%s: %s", item.where, item.reason)
                continue
            # a jsonl line is named by its file and line, then its id
            where = f"{item.where}: {item.id}" if item.found_by == "jsonl" else item.where or item.id
            try:
                status = save_record(store, item, rules)
            except NoArticleTextError as exc:
                report.skipped.append(InputError(where, str(exc)))
                log.debug("%s: skipped, %s", where, exc)
                continue
            except DocumentError as exc:
                report.errors.append(InputError(where, str(exc)))
                log.warning("%s: %s", where, exc)
                continue
            report.counts[status] += 1
    return report
