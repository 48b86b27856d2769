"""Benchmark: `load` + event extraction against its bound, trafilatura + the same spaCy pipeline alone.

    .venv/bin/python bench/bench_extraction.py [--docs 1500] [--repeat 1]

Generates `--docs` distinct news-like HTML pages (bench/newsgen.py: no two are near-duplicates, so none is
skipped as a syndicated copy) and times, in the same run on the same pages:

- shiftwatch: `load_paths` + `process_documents` into a fresh database, i.e. what `shiftwatch load DIR` does
  after start-up (reading, trafilatura, cleaning, storing, syndication check, spaCy, event rules, events);
- the bound: `crawler.extract.articles.read_html` on each page, then `nlp.pipe` over the texts with the same pipeline
  (crawler.process.load_nlp), batch size and worker count, and nothing else: no database, no event rules.

Both use the same number of spaCy worker processes (crawler.process's choice: one per core above
`parallel_threshold` documents). The pipeline is loaded once before timing, for both, and the garbage
collector's view of it frozen (gc.freeze) for both, as shiftwatch's workers do. With --repeat, the
best of the runs of each is kept. Prints documents/s of each and the ratio (goal: >= 0.9), and writes the
figures as JSON to bench/results/extraction-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from newsgen import article_html  # noqa: E402

GOAL = 0.9


def n_process_for(config: dict, documents: int) -> int:
    """The spaCy worker count crawler.process.process_documents uses for this many documents."""
    settings = config["extraction"]
    n_process = int(settings.get("n_process") or 0) or (os.cpu_count() or 1)
    return 1 if documents < int(settings.get("parallel_threshold", 200)) else n_process


def run_bound(folder: Path, config: dict) -> dict:
    """trafilatura (read_html) then nlp.pipe over the texts: no database, no event rules."""
    from crawler.config import data_path
    from crawler.extract.articles import cached_boilerplate, read_html
    from crawler.extract.process import load_nlp, load_resources

    rules = cached_boilerplate(str(data_path(config, "boilerplate")))
    nlp = load_nlp(config, load_resources(config))
    # as shiftwatch's extraction workers do once set up (crawler.extract.process): the pipeline is not scanned by
    # the garbage collector again (spaCy's worker processes are forked from this one and inherit it)
    gc.freeze()
    files = sorted(folder.glob("*.html"))
    began = time.perf_counter()
    texts = [read_html(path.read_bytes(), rules).text for path in files]
    read = time.perf_counter()
    batch = int(config["extraction"].get("batch_size", 32))
    tokens = sum(
        len(doc) for doc in nlp.pipe(texts, batch_size=batch, n_process=n_process_for(config, len(texts)))
    )
    done = time.perf_counter()
    return {
        "documents": len(texts),
        "seconds": done - began,
        "read_seconds": read - began,
        "nlp_seconds": done - read,
        "tokens": tokens,
    }


def run_shiftwatch(folder: Path, config: dict, db: Path) -> dict:
    """What `shiftwatch load DIR` does after start-up: load_paths then process_documents, into a fresh database."""
    from crawler.collect.loader import load_paths
    from crawler.extract.process import process_documents
    from crawler.store import Store

    began = time.perf_counter()
    with Store(db) as store:
        loaded = load_paths(store, config, [str(folder)])
        read = time.perf_counter()
        processed = process_documents(store, config)
        done = time.perf_counter()
        counts = store.table_counts()
    assert not loaded.errors and not processed.errors, (loaded.errors[:3], processed.errors[:3])
    assert not loaded.skipped, f"{len(loaded.skipped)} page(s) skipped, e.g. {loaded.skipped[:3]}"
    return {
        "documents": processed.documents,
        "seconds": done - began,
        "load_seconds": read - began,
        "process_seconds": done - read,
        "events": processed.events,
        "copies": processed.copies,
        "stored_documents": counts["documents"],
        "stored_events": counts["events"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1500, help="generated pages (default 1500)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side; the best is kept")
    args = parser.parse_args()

    from crawler.config import load_config
    from crawler.extract.process import load_nlp, load_resources

    config = load_config(os.devnull)
    load_nlp(config, load_resources(config))  # loaded once, before timing, for both sides
    with tempfile.TemporaryDirectory(prefix="shiftwatch-bench-") as tmp:
        folder = Path(tmp, "pages")
        folder.mkdir()
        for n in range(args.docs):
            (folder / f"gen-{n:06d}.html").write_text(article_html(n), encoding="utf-8")
        bounds, ours = [], []
        for attempt in range(args.repeat):
            bounds.append(run_bound(folder, config))
            ours.append(run_shiftwatch(folder, config, Path(tmp, f"bench-{attempt}.db")))
    for run in bounds + ours:  # a run that read fewer pages must not count as the fastest
        assert run["documents"] == args.docs, (run["documents"], args.docs)
    bound = min(bounds, key=lambda r: r["seconds"])
    mine = min(ours, key=lambda r: r["seconds"])
    bound_rate = bound["documents"] / bound["seconds"]
    our_rate = mine["documents"] / mine["seconds"]
    ratio = our_rate / bound_rate
    result = {
        "documents": args.docs,
        "n_process": n_process_for(config, args.docs),
        "cpus": os.cpu_count(),
        "bound_docs_per_second": round(bound_rate, 1),
        "shiftwatch_docs_per_second": round(our_rate, 1),
        "ratio": round(ratio, 3),
        "goal": GOAL,
        "met": ratio >= GOAL,
        "bound": {k: round(v, 2) if isinstance(v, float) else v for k, v in bound.items()},
        "shiftwatch": {k: round(v, 2) if isinstance(v, float) else v for k, v in mine.items()},
    }
    print(
        f"extraction on {args.docs} generated pages, spaCy n_process={result['n_process']} "
        f"({os.cpu_count()} cpus)"
    )
    print(f"  {'':<34} {'docs/s':>8} {'seconds':>8}  split")
    print(
        f"  {'bound: trafilatura + nlp.pipe':<34} {bound_rate:>8.1f} {bound['seconds']:>8.1f}  "
        f"read {bound['read_seconds']:.1f} s, nlp {bound['nlp_seconds']:.1f} s"
    )
    print(
        f"  {'shiftwatch: load + process':<34} {our_rate:>8.1f} {mine['seconds']:>8.1f}  "
        f"load {mine['load_seconds']:.1f} s, process {mine['process_seconds']:.1f} s "
        f"({mine['events']} events, {mine['copies']} copies)"
    )
    print(f"  ratio {ratio:.3f} (goal >= {GOAL}: {'met' if ratio >= GOAL else 'NOT met'})")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"extraction-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    meta = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    path.write_text(json.dumps({"meta": meta, "results": [result]}, indent=2))
    print(f"written to bench/results/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
