"""Replay `analyze --as-of` over an archive of headlines and report what the alerts would have said.

    .venv/bin/python bench/replay_headlines.py HEADLINES.jsonl[.gz] [--drop-july-treaty YEAR] [--db PATH]
                     [--from 1997-01-01] [--to 2005-12-31] [--step 30] [--watch ANNIVERSARY ...]

Loads the headlines (one document a line: id, title, date, text) into a fresh database, extracts their
events, then analyses as of every `--step` days from `--from` to `--to` (at most `max_age_days`, so that
nothing due in between is skipped), as an operator running shiftwatch every month would have. Prints, for
each watched anniversary, the years in which it was marked (and by whom), then every alert raised, by kind.

`--drop-july-treaty YEAR` removes that year's July headlines that name a treaty (the test of the
missed-anniversary alert on real history: exactly one `missed_anniversary` for that year is expected).
The development corpus is not part of the project: give its path (see bench/eval/README.md).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TREATY = re.compile(r"\btreaty\b", re.I)


def read_lines(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> int:
    from alerts.compare.analysis import analyze
    from crawler.collect.loader import load_paths
    from crawler.config import load_config
    from crawler.extract.process import process_documents
    from crawler.store import Store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("headlines", type=Path)
    parser.add_argument("--drop-july-treaty", type=int, metavar="YEAR")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, default=dt.date(1997, 1, 1))
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, default=dt.date(2005, 12, 31))
    parser.add_argument("--step", type=int, default=30)
    parser.add_argument("--watch", nargs="*", default=["prk-chn-treaty", "cpv-entry", "prc-founding"])
    args = parser.parse_args()

    config = load_config(None)
    step = min(args.step, int(config["analysis"]["max_age_days"]))
    rows = read_lines(args.headlines)
    dropped = 0
    if args.drop_july_treaty:
        prefix = f"{args.drop_july_treaty}-07"
        kept = [
            r for r in rows if not (str(r.get("date", "")).startswith(prefix) and TREATY.search(r["text"]))
        ]
        dropped, rows = len(rows) - len(kept), kept
    workdir = Path(tempfile.mkdtemp(prefix="replay-"))
    source = workdir / "headlines.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    db = args.db or workdir / "replay.db"
    # a fresh database: alerts an earlier replay raised are raised once only
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store(db) as store:
        loaded = load_paths(store, config, [str(source)])
        report = process_documents(store, config)
    print(f"{len(rows)} headlines ({dropped} dropped), {loaded.summary()}", flush=True)
    print(f"{report.summary()} in {time.perf_counter() - started:.0f} s", flush=True)

    with Store(db) as store:
        marked: dict[str, dict[int, collections.Counter]] = collections.defaultdict(
            lambda: collections.defaultdict(collections.Counter)
        )
        for event in store.iter_events():
            if event.get("anniversary_id") in args.watch and not event["negated"]:
                year = int(str(event["date"])[:4])
                marked[event["anniversary_id"]][year]["+".join(event["actors"]) or "?"] += 1
        alerts: list[dict] = []
        day = args.start
        while day <= args.end + dt.timedelta(days=step):
            result = analyze(store, config, as_of=day)
            alerts.extend(item.alert.to_row() for item in result.found if item.new)
            day += dt.timedelta(days=step)
    years = range(args.start.year, args.end.year + 1)
    print("\n== markings of the watched anniversaries (year: marking states)")
    for anniversary in args.watch:
        cells = [f"{y}:{'/'.join(sorted(marked[anniversary][y])) or '-'}" for y in years]
        count = sum(1 for y in years if marked[anniversary][y])
        print(f"{anniversary:16} marked in {count}/{len(years)} years  " + " ".join(cells))
    by_kind = collections.Counter(a["kind"] for a in alerts)
    print(f"\n== alerts raised: {dict(by_kind) or 'none'}")
    for alert in sorted(alerts, key=lambda a: (a["kind"], a.get("due") or "", a["id"])):
        if alert["kind"] in ("missed_anniversary", "reported_absence"):
            print(f"[{alert['kind']}] {alert['id']}: {alert['title']}")
            for evidence in (
                json.loads(alert["evidence"]) if isinstance(alert["evidence"], str) else alert["evidence"]
            ):
                print(f"    - {evidence.get('sentence')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
