"""Benchmark: the time of the comparison on synthetic histories of 10k, 100k and 1M events.

    .venv/bin/python bench/bench_analysis.py [--events 10000 100000 1000000] [--db-events 10000 100000]

Two measurements:

- `find_alerts(history, as_of)` on a generated in-memory History (alerts.history dataclasses): fifteen years
  of events between North Korea, China and Russia (contacts, commemorations of the bundled anniversaries, a
  few reported absences, other kinds), three reports per document, documents per source and day, crawl runs.
  This is the comparison alone; the goal (< 2 s at 1M events) is measured here.
- `analyze(store, config, as_of)` (what `shiftwatch analyze` does: read the history from SQLite, compare,
  store the alerts) on a database holding the same generated history, for the --db-events sizes.

Prints each time and the growth from one size to the next (x10 events should cost about x10 time), and
writes the figures as JSON to bench/results/analysis-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 2.0
AS_OF = dt.date(2024, 11, 1)
FIRST = dt.date(2010, 1, 1)
SOURCES = [f"source-{n}" for n in range(12)]
CONTACTS = ("visit", "meeting", "message", "agreement")
OTHER = ("criticism", "support", "military_cooperation", "weapons_test", "rejection", "rally")
DYADS = (("CHN", "PRK"), ("PRK", "RUS"), ("CHN", "RUS"))


def make_history(count: int, anniversaries: list, seed: int = 1):
    """A History of `count` events over FIRST..AS_OF, three events per document (see the module docstring)."""
    from alerts.compare.history import Event, History, Run

    rng = random.Random(seed)
    span = (AS_OF - FIRST).days
    history = History(anniversaries=list(anniversaries))
    bilateral = [a for a in anniversaries if len(a.countries) >= 2]
    events = []
    for number in range(count):
        doc_number = number // 3
        doc_rng = random.Random(doc_number * 7919 + seed)
        published = FIRST + dt.timedelta(days=doc_rng.randrange(span))
        source = SOURCES[doc_number % len(SOURCES)]
        dyad = rng.choice(DYADS)
        roll = rng.random()
        anniversary_id = base = ordinal = None
        negated = False
        if roll < 0.15 and bilateral:
            anniversary = rng.choice(bilateral)
            year = published.year if anniversary.due(published.year) <= published else published.year - 1
            if year <= anniversary.base_year:
                year = anniversary.base_year + 1
            day = anniversary.due(year) + dt.timedelta(days=rng.randint(-1, 1))
            kind = "commemoration"
            anniversary_id, base, ordinal = anniversary.id, anniversary.base_date, anniversary.ordinal(year)
            dyad = anniversary.dyad
            negated = rng.random() < 0.02
        elif roll < 0.65:
            kind = rng.choice(CONTACTS)
            day = published - dt.timedelta(days=rng.randrange(4))
        else:
            kind = rng.choice(OTHER)
            day = published - dt.timedelta(days=rng.randrange(4))
            negated = rng.random() < 0.01
        date = day.isoformat() if rng.random() < 0.9 else day.isoformat()[:7]
        events.append(
            Event(
                id=f"e{number}",
                doc=f"d{doc_number}",
                kind=kind,
                actors=(dyad[0],),
                targets=(dyad[1],),
                dyad=dyad,
                date=date,
                anniversary_id=anniversary_id,
                anniversary_base_date=base,
                anniversary_ordinal=ordinal,
                negated=negated,
                evidence=f"{dyad[0]} and {dyad[1]}: {kind} reported in document {doc_number}.",
                url=f"https://news.example/{source}/{doc_number}",
                source=source,
                published=published.isoformat(),
                cluster=f"k{number // 2}" if kind in CONTACTS else None,
            )
        )
        if number % 3 == 0:
            history.add_documents(source, published)
    history.events = events
    run_id = 0
    for source in SOURCES:
        for week in range(0, span, 7):
            run_id += 1
            day = FIRST + dt.timedelta(days=week)
            history.runs.append(
                Run(
                    id=run_id,
                    command="crawl",
                    source=source,
                    started_at=day.isoformat() + "T06:00:00",
                    ok=rng.random() > 0.05,
                )
            )
    return history


def write_history(store, history) -> None:
    """Store a generated history the way the loader and the extractor do (documents, then their events)."""
    from crawler.store import now_iso

    docs: dict[str, dict] = {}
    for event in history.events:
        docs.setdefault(
            event.doc,
            {
                "id": event.doc,
                "url": event.url,
                "title": "generated",
                "published": event.published,
                "published_from": "given",
                "source": event.source,
                "found_by": "jsonl",
                "text": event.evidence,
                "content_hash": event.doc,
                "processed_version": "bench",
                "loaded_at": now_iso(),
            },
        )
    rows = [
        {
            "id": e.id,
            "doc": e.doc,
            "kind": e.kind,
            "actors": json.dumps(list(e.actors)),
            "targets": json.dumps(list(e.targets)),
            "dyad": "-".join(e.dyad) if e.dyad else None,
            "date": e.date,
            "anniversary_id": e.anniversary_id,
            "anniversary_base_date": e.anniversary_base_date,
            "anniversary_ordinal": e.anniversary_ordinal,
            "negated": int(e.negated),
            "evidence": e.evidence,
            "url": e.url,
            "source": e.source,
            "sources": json.dumps([e.source]),
            "cluster": e.cluster,
            "extractor_version": "bench",
        }
        for e in history.events
    ]
    with store.db.conn:
        store.db["documents"].insert_all(docs.values(), batch_size=2000)
        store.db["events"].insert_all(rows, batch_size=2000)
        store.db["runs"].insert_all(
            (
                {
                    "id": r.id,
                    "command": r.command,
                    "source": r.source,
                    "started_at": r.started_at,
                    "finished_at": r.started_at,
                    "ok": int(r.ok),
                    "errors": int(not r.ok),
                }
                for r in history.runs
            ),
            batch_size=2000,
        )


def growth(rows: list[dict], key: str) -> None:
    """Add to each row the time ratio to the previous size and the size ratio."""
    for before, after in zip(rows, rows[1:], strict=False):
        after[f"{key}_growth"] = round(after[key] / before[key], 2) if before[key] else None
        after["size_growth"] = round(after["events"] / before["events"], 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--db-events", type=int, nargs="*", default=[10_000, 100_000])
    args = parser.parse_args()

    from alerts.compare import find_alerts
    from alerts.compare.analysis import analyze
    from crawler.config import data_path, load_config
    from crawler.extract.anniversaries import cached_anniversaries
    from crawler.store import Store

    config = load_config(os.devnull)
    anniversaries = list(cached_anniversaries(str(data_path(config, "anniversaries"))))
    memory = []
    for count in args.events:
        history = make_history(count, anniversaries)
        began = time.perf_counter()
        alerts = find_alerts(history, AS_OF)
        seconds = time.perf_counter() - began
        memory.append(
            {
                "events": count,
                "seconds": round(seconds, 3),
                "alerts": len(alerts),
                "documents": sum(sum(days.values()) for days in history.documents.values()),
            }
        )
        print(
            f"find_alerts, {count:>9,} events in memory: {seconds:7.3f} s, {len(alerts)} alerts", flush=True
        )
        del history
    growth(memory, "seconds")
    database = []
    for count in args.db_events:
        history = make_history(count, anniversaries)
        with tempfile.TemporaryDirectory(prefix="shiftwatch-bench-") as tmp:
            with Store(Path(tmp, "analysis.db")) as store:
                write_history(store, history)
                began = time.perf_counter()
                result = analyze(store, config, as_of=AS_OF)
                seconds = time.perf_counter() - began
        database.append({"events": count, "seconds": round(seconds, 3), "alerts": len(result.alerts)})
        print(
            f"analyze (SQLite), {count:>9,} events: {seconds:7.3f} s, {len(result.alerts)} alerts", flush=True
        )
    growth(database, "seconds")

    print("\n  measure                 events    seconds   x time / x events")
    for label, rows in (("find_alerts (memory)", memory), ("analyze (database)", database)):
        for row in rows:
            change = f"{row['seconds_growth']} / {row['size_growth']}" if "seconds_growth" in row else ""
            print(f"  {label:<20} {row['events']:>10,} {row['seconds']:>10.3f}   {change}")
    largest = max(memory, key=lambda r: r["events"]) if memory else None
    if largest:
        met = largest["seconds"] < GOAL_SECONDS
        print(
            f"  goal: < {GOAL_SECONDS} s at {largest['events']:,} events (find_alerts): "
            f"{'met' if met else 'NOT met'}"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"analysis-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    meta = {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "as_of": AS_OF.isoformat(),
        "goal_seconds": GOAL_SECONDS,
    }
    path.write_text(json.dumps({"meta": meta, "find_alerts": memory, "analyze": database}, indent=2))
    print(f"written to bench/results/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
