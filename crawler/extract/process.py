"""`shiftwatch process`: extract the events of stored documents (new or changed ones, or all of them)."""

from __future__ import annotations

import collections
import gc
import logging
import multiprocessing
import os
import unicodedata
from dataclasses import dataclass, field

from crawler.config import data_path
from crawler.errors import DatabaseError
from crawler.extract.anniversaries import cached_anniversaries
from crawler.extract.clusters import cluster_events
from crawler.extract.dates import parse_iso
from crawler.extract.events import EXTRACTOR_VERSION, Resources, extract_events, story_date
from crawler.extract.gazetteer import cached_gazetteer
from crawler.extract.headlines import headline_reader
from crawler.extract.kinds import cached_kinds
from crawler.extract.named_days import cached_named_days
from crawler.extract.nlp import cached_pipeline
from crawler.extract.participants import build_reader, pipeline_lexicon, read_participants
from crawler.extract.syndication import find_original, shingles
from crawler.progress import progress
from crawler.store import Store

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
        return (
            f"processed {self.documents} document(s): {self.events} event(s), {self.copies} syndicated "
            f"cop{'y' if self.copies == 1 else 'ies'}, {len(self.errors)} error(s)"
        )


def load_resources(config: dict) -> Resources:
    """The data files extraction reads, validated (cached per process)."""
    return Resources(
        cached_gazetteer(str(data_path(config, "actors"))),
        cached_kinds(str(data_path(config, "kinds"))),
        cached_anniversaries(str(data_path(config, "anniversaries"))),
        cached_named_days(str(data_path(config, "anniversaries"))),
    )


def load_nlp(config: dict, resources: Resources):
    """The configured spaCy pipeline with the gazetteer's EntityRuler."""
    return cached_pipeline(
        config["extraction"]["model"], str(data_path(config, "actors")), resources.gazetteer
    )


# Extraction workers: each holds its own pipeline and data files (set up once per process).
_WORKER: dict = {}
# A document read once before the workers fork, so that the caches the rules fill on a first document are built
WARM_UP = {
    "id": "warm-up",
    "text": "A delegation arrived here on Monday. It held talks with its counterpart and signed an agreement.",
    "published": "2000-01-05",
    "published_from": "given",
    "title": "Delegation Arrives",
    "source": None,
}


def _worker_setup(config: dict) -> None:
    if _WORKER.get("config") is config:
        return  # set up before the workers were forked from this process: they have it already
    resources = load_resources(config)
    nlp = load_nlp(config, resources)
    _WORKER.update(
        config=config, resources=resources, nlp=nlp, headlines=headline_reader(nlp, resources.gazetteer.forms)
    )
    _WORKER["participants"] = build_reader(
        data_path(config, "participants"),
        data_path(config, "ranks"),
        resources.gazetteer,
        pipeline_lexicon(nlp),
    )
    # The pipeline and the data files live as long as the worker: the garbage collector need not scan them
    # again after every few hundred allocations of a parse.
    gc.freeze()


def home_state(resources: Resources, source: str | None) -> str | None:
    """The state an outlet writes as, leaving it unsaid (an organisation of the gazetteer with `own_voice`:
    "KCNA" -> PRK). A wire service that names every party (Yonhap, Reuters) writes as no state."""
    if not source:
        return None
    for form in (source, source.upper()):
        actor = resources.gazetteer.lookup(form)
        if actor is not None and actor.own_voice and actor.code:
            return actor.code
    return None


def text_to_read(title: str | None, text: str, headline) -> tuple[str, int]:
    """The text parsed for events: the headline as a first sentence, unless the body already opens with it.

    Returns the text and the length of the headline part (0 when there is none). Both are read in Unicode's
    compatibility form: the full-width hyphen and space of East Asian typesetting ("the Japan－Korea Society")
    are a hyphen and a space.
    """
    title = " ".join(unicodedata.normalize("NFKC", title or "").split())
    text = unicodedata.normalize("NFKC", text)
    body_start = " ".join(text[: len(title) + 8].split())
    if not title or body_start.lower().startswith(title.lower().rstrip(".")):
        if title and text.strip() == title:  # a headline-only document: the headline is read as one
            sentence = headline(title)
            return sentence, len(sentence)
        return text, 0
    sentence = headline(title)
    return f"{sentence}\n\n{text}", len(sentence)


def _analyse_batch(batch: list[dict]) -> list[dict]:
    """Parse a batch of documents and read their story date, events and shingles (no database).

    Runs in a worker process for large jobs, so that parsing and the event rules use every core and only
    small results (not parsed documents) travel back to the process that writes the database.
    """
    resources: Resources = _WORKER["resources"]
    nlp = _WORKER["nlp"]
    results = []
    headline = _WORKER["headlines"]
    texts = [text_to_read(item.get("title"), item["text"], headline) for item in batch]
    docs = nlp.pipe((text for text, _ in texts), batch_size=len(batch) or 1)
    for item, doc, (text, headline_end) in zip(batch, docs, texts, strict=True):
        try:
            published = parse_iso(item["published"]) if item["published_from"] != "none" else None
            story = story_date(item["text"], published, item["published_from"], resources.anniversaries)
            story.headline_end, story.home = headline_end, home_state(resources, item.get("source"))
            story.outlet = item.get("source") or None
            events = extract_events(doc, story, resources, item["id"], text)
            participants = read_participants(
                text,
                events,
                _WORKER["participants"],
                home=story.home,
                doc_id=item["id"],
                headline_end=headline_end,
            )
            results.append(
                {
                    "id": item["id"],
                    "story": story,
                    "events": events,
                    "participants": participants,
                    "shingles": shingles(item["text"]),
                    "error": None,
                }
            )
        except Exception as exc:  # one bad document must not stop the run; it is reported and retried later
            log.exception("%s: extraction failed", item["id"])
            results.append({"id": item["id"], "error": f"extraction failed: {exc}"})
    return results


def process_documents(
    store: Store, config: dict, *, reprocess_all: bool = False, ids: list[str] | None = None
) -> ProcessReport:
    """Extract events from documents not yet processed by this extractor version (or from all of them).

    Each document's events are replaced in one transaction, so a killed run resumes where it stopped.
    A syndicated copy of a story already stored yields no events of its own: its outlet is added to the
    sources of the original's events. Large jobs are parsed in one worker process per core.
    """
    report = ProcessReport()
    version = None if reprocess_all else EXTRACTOR_VERSION
    pending = [row["id"] for row in store.iter_documents(only_unprocessed_for=version, ids=ids, columns="id")]
    if not pending:
        return report
    resources = load_resources(config)
    store.sync_anniversaries(resources.anniversaries)  # so the database can be browsed with its anniversaries
    settings = config["extraction"]
    copies = (
        float(settings.get("syndication_threshold", 0.8)),
        int(settings.get("syndication_window_days", 7)),
    )
    n_process = int(settings.get("n_process") or 0) or (os.cpu_count() or 1)
    if len(pending) < int(settings.get("parallel_threshold", 200)):
        n_process = 1
    size = int(settings.get("batch_size", 32))
    columns = "id, url, title, source, text, text_hash, published, published_from, loaded_at"

    rows: dict[str, dict] = {}

    def batches():
        """Batches of documents to analyse, read here (the database connection stays in this thread)."""
        for start in range(0, len(pending), size):
            batch = store.get_documents(pending[start : start + size], columns)
            rows.update((r["id"], r) for r in batch)
            yield [
                {
                    "id": r["id"],
                    "text": r["text"] or "",
                    "published": r["published"],
                    "published_from": r["published_from"] or "none",
                    "title": r["title"],
                    "source": r["source"],
                }
                for r in batch
            ]

    load_nlp(config, resources)  # loaded once here: forked workers share it instead of loading their own
    with progress("extracting", total=len(pending)) as bar:

        def store_results(results: list[dict]) -> None:
            _store_results(store, results, rows, copies, report)
            bar.update(len(results))

        if n_process > 1:
            context = multiprocessing.get_context(
                "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            )
            if context.get_start_method() == "fork":
                # set up and warmed (the rules' caches built on a first document) once here: forked workers
                # start with it all, instead of each building it again
                _worker_setup(config)
                _analyse_batch([WARM_UP])
            with context.Pool(n_process, initializer=_worker_setup, initargs=(config,)) as pool:
                waiting: collections.deque = collections.deque()
                for batch in batches():
                    waiting.append(pool.apply_async(_analyse_batch, (batch,)))
                    if len(waiting) > 2 * n_process:  # a bounded read-ahead keeps memory flat
                        store_results(waiting.popleft().get())
                while waiting:
                    store_results(waiting.popleft().get())
        else:
            _worker_setup(config)
            for batch in batches():
                store_results(_analyse_batch(batch))
    store.set_clusters(cluster_events(store.iter_events()))
    return report


def _store_results(
    store: Store, results: list[dict], rows: dict[str, dict], copies: tuple[float, int], report: ProcessReport
) -> None:
    for result in results:
        row = rows.pop(result["id"])
        if result["error"]:
            report.errors.append((row["id"], result["error"]))
            store.touch_document(row["id"], error=result["error"])
            continue
        try:
            _store_one(store, row, result, copies, report)
        except DatabaseError:
            raise  # a read-only or full database stops the run: every later document would fail the same way
        except Exception as exc:  # one bad document must not stop the run; it is reported and retried later
            log.exception("%s: storing events failed", row["id"])
            report.errors.append((row["id"], f"extraction failed: {exc}"))
            store.touch_document(row["id"], error=f"extraction failed: {exc}")
            continue
        report.documents += 1


def _store_one(
    store: Store, row: dict, result: dict, copies: tuple[float, int], report: ProcessReport
) -> None:
    """Store one document's results; `copies` is (similarity threshold, window in days) for syndication."""
    story = result["story"]
    fields = {
        "story_date": story.when.iso if story.when else None,
        "date_conflict": story.conflict,
        "error": None,
    }
    if not row.get("published") and story.published is not None:
        fields["published"] = story.published.iso
        fields["published_from"] = story.published_from
    original = find_original(store, row, copies[0], result["shingles"], copies[1])
    if original is not None:
        fields["canonical"] = original["id"]
        store.replace_participants(row["id"], [])
        store.replace_events(row["id"], [], EXTRACTOR_VERSION, fields)
        store.add_event_source(original["id"], row.get("source") or row["id"])
        report.copies += 1
        return
    fields["canonical"] = None
    events = result["events"]
    source = row.get("source")
    for event in events:
        event["url"] = row.get("url")
        event["source"] = source
        event["sources"] = [source or row["id"]]
    store.replace_participants(row["id"], result["participants"])  # first: replace_events marks it processed
    report.events += store.replace_events(row["id"], events, EXTRACTOR_VERSION, fields)
