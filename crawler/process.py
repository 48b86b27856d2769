"""`shiftwatch process`: extract the events of stored documents (new or changed ones, or all of them)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from .anniversaries import cached_anniversaries
from .clusters import cluster_events
from .config import data_path
from .dates import parse_iso
from .errors import DatabaseError
from .events import EXTRACTOR_VERSION, Resources, extract_events, story_date
from .gazetteer import cached_gazetteer
from .kinds import cached_kinds
from .nlp import cached_pipeline
from .store import Store
from .syndication import find_original

log = logging.getLogger(__name__)


@dataclass
class ProcessReport:
    """What a processing run did."""

    documents: int = 0
    events: int = 0
    copies: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal."""
        return (f"processed {self.documents} document(s): {self.events} event(s), {self.copies} syndicated "
                f"cop{'y' if self.copies == 1 else 'ies'}, {len(self.errors)} error(s)")


def load_resources(config: dict) -> Resources:
    """The data files extraction reads, validated (cached per process)."""
    return Resources(
        cached_gazetteer(str(data_path(config, "actors"))),
        cached_kinds(str(data_path(config, "kinds"))),
        cached_anniversaries(str(data_path(config, "anniversaries"))),
    )


def load_nlp(config: dict, resources: Resources):
    """The configured spaCy pipeline with the gazetteer's EntityRuler."""
    return cached_pipeline(config["extraction"]["model"], str(data_path(config, "actors")), resources.gazetteer)


def process_documents(store: Store, config: dict, *, reprocess_all: bool = False,
                      ids: list[str] | None = None) -> ProcessReport:
    """Extract events from documents not yet processed by this extractor version (or from all of them).

    Each document's events are replaced in one transaction, so a killed run resumes where it stopped.
    A syndicated copy of a story already stored yields no events of its own: its outlet is added to the
    sources of the original's events.
    """
    report = ProcessReport()
    version = None if reprocess_all else EXTRACTOR_VERSION
    pending = [row["id"] for row in store.iter_documents(only_unprocessed_for=version, ids=ids, columns="id")]
    if not pending:
        return report
    resources = load_resources(config)
    store.sync_anniversaries(resources.anniversaries)  # so the database can be browsed with its anniversaries
    nlp = load_nlp(config, resources)
    settings = config["extraction"]
    threshold = float(settings.get("syndication_threshold", 0.8))
    n_process = int(settings.get("n_process") or 0) or (os.cpu_count() or 1)
    if len(pending) < int(settings.get("parallel_threshold", 200)):
        n_process = 1
    batch = int(settings.get("batch_size", 32))

    def texts():
        for doc_id in pending:
            row = store.get_document(doc_id)
            yield (row["text"] or "", row)

    for doc, row in nlp.pipe(texts(), as_tuples=True, batch_size=batch, n_process=n_process):
        doc_id = row["id"]
        try:
            fields = _process_one(store, doc, row, resources, threshold, report)
        except DatabaseError:
            raise  # a read-only or full database stops the run: every later document would fail the same way
        except Exception as exc:  # one bad document must not stop the run; it is reported and retried later
            log.exception("%s: extraction failed", doc_id)
            report.errors.append((doc_id, f"extraction failed: {exc}"))
            store.touch_document(doc_id, error=f"extraction failed: {exc}")
            continue
        report.documents += 1
        log.debug("%s: %s", doc_id, fields)
    store.set_clusters(cluster_events(store.iter_events()))
    return report


def _process_one(store: Store, doc, row: dict, resources: Resources, threshold: float, report: ProcessReport) -> dict:
    published = parse_iso(row.get("published"))
    story = story_date(row["text"] or "", published if row.get("published_from") != "none" else None,
                       row.get("published_from") or "none", resources.anniversaries)
    fields = {
        "story_date": story.when.iso if story.when else None,
        "date_conflict": story.conflict,
        "error": None,
    }
    if not row.get("published") and story.published is not None:
        fields["published"] = story.published.iso
        fields["published_from"] = story.published_from
    original = find_original(store, row, threshold)
    if original is not None:
        fields["canonical"] = original["id"]
        store.replace_events(row["id"], [], EXTRACTOR_VERSION, fields)
        store.add_event_source(original["id"], row.get("source") or row["id"])
        report.copies += 1
        return fields
    fields["canonical"] = None
    events = extract_events(doc, story, resources, row["id"])
    source = row.get("source")
    for event in events:
        event["url"] = row.get("url")
        event["source"] = source
        event["sources"] = [source or row["id"]]
    report.events += store.replace_events(row["id"], events, EXTRACTOR_VERSION, fields)
    return fields
