"""The `shiftwatch` command line.

    shiftwatch [--db PATH] [--config PATH] COMMAND

Errors raised on purpose (ShiftwatchError) print one `Error: ...` line and exit 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

from crawler.errors import ConfigError, ShiftwatchError

log = logging.getLogger("shiftwatch")

EXPORT_FIELDS = {
    "events": [
        "doc",
        "kind",
        "actors",
        "targets",
        "date",
        "date_precision",
        "location",
        "anniversary",
        "negated",
        "evidence",
        "url",
        "source",
        "sources",
        "cluster",
        "plover",
        "cameo",
        "extractor_version",
        "id",
    ],
    "documents": [
        "doc",
        "url",
        "title",
        "published",
        "published_from",
        "story_date",
        "date_conflict",
        "source",
        "found_by",
        "canonical",
    ],
    "alerts": [
        "id",
        "kind",
        "dyad",
        "title",
        "due",
        "base_date",
        "evidence",
        "details",
        "as_of",
        "created_at",
        "delivered_at",
        "attempts",
        "last_error",
    ],
}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from exc


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: global options and one subcommand per verb."""
    parser = argparse.ArgumentParser(prog="shiftwatch", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        default=os.environ.get("SHIFTWATCH_DB", "shiftwatch.db"),
        help="the SQLite database (default: $SHIFTWATCH_DB, else ./shiftwatch.db)",
    )
    parser.add_argument(
        "--config",
        help="a TOML file merged over the defaults (default: $SHIFTWATCH_CONFIG, "
        "else ./shiftwatch.toml if present)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "load", help="load article files (.txt, .html, .htm, .jsonl, folders) and extract events"
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--no-process", action="store_true", help="store the documents only; extract later")

    p = sub.add_parser("process", help="(re)extract events from stored documents")
    p.add_argument(
        "--all", action="store_true", help="re-extract every document, not only new or changed ones"
    )

    p = sub.add_parser("export", help="write events, documents or alerts as JSON Lines on stdout")
    p.add_argument("what", choices=sorted(EXPORT_FIELDS))

    p = sub.add_parser("eval", help="score the database's events against a reference file of events")
    p.add_argument("gold", metavar="GOLD", help="reference events (JSON; see bench/eval/GUIDELINE.md)")
    p.add_argument("--json", action="store_true", help="print only the figures, as one JSON line")
    p.add_argument("--quiet", action="store_true", help="print the figures without the rows behind them")
    for name in ("recall", "precision", "date"):
        p.add_argument(f"--min-{name}", type=float, metavar="R", help=f"exit 1 when {name} is below R")

    p = sub.add_parser("analyze", help="compare the events with the history and record new alerts")
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="analyse as if today were this date, using only documents published by then",
    )
    p.add_argument("--json", action="store_true", help="print the alerts as JSON Lines")

    sub.add_parser("notify", help="deliver undelivered alerts through the configured notifiers")

    p = sub.add_parser("serve", help="browse the database in Datasette")
    p.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default 8001)")

    p = sub.add_parser(
        "crawl", help="crawl the sources of seeds/sources.toml (in a subprocess) and extract events"
    )
    p.add_argument("--sources", help="a sources file instead of the configured one")
    p.add_argument("--source", action="append", help="crawl only this source (repeatable)")
    p.add_argument("--no-process", action="store_true", help="store the pages only; extract later")
    p.add_argument(
        "--redis",
        metavar="URL",
        help="share the crawl through this Redis server (default: [crawl] "
        "redis_url); pages then reach the database via `ingest`",
    )
    p.add_argument(
        "--worker",
        action="store_true",
        help="be one of many distributed crawl workers (needs a Redis URL; never opens the database)",
    )

    p = sub.add_parser(
        "ingest", help="write distributed workers' pages from Redis into the database (one writer)"
    )
    p.add_argument(
        "--redis", metavar="URL", help="the Redis server of the workers (default: [crawl] redis_url)"
    )
    p.add_argument("--once", action="store_true", help="stop when nothing is waiting")
    p.add_argument(
        "--idle-timeout", type=float, metavar="S", help="stop after S seconds with nothing to ingest"
    )
    p.add_argument("--no-process", action="store_true", help="store the pages only; extract later")

    p = sub.add_parser("run", help="crawl, process, analyze and notify once, under a lock")
    p.add_argument("--no-crawl", action="store_true", help="skip the crawl (analyze and notify only)")

    sub.add_parser("schedule", help="run `shiftwatch run` on the configured interval or cron (a daemon)")
    return parser


def _print_jsonl(rows) -> int:
    count = 0
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def cmd_load(args, config) -> int:
    from crawler.collect.loader import load_paths
    from crawler.extract.process import process_documents
    from crawler.store import Store

    with Store(args.db) as store:
        report = load_paths(store, config, args.paths)
        print(report.summary())
        if not args.no_process:
            processed = process_documents(store, config)
            print(processed.summary())
    for skipped in report.skipped:
        print(f"Skipped: {skipped.where}: {skipped.reason}", file=sys.stderr)
    for error in report.errors:
        print(f"Error: {error.where}: {error.reason}", file=sys.stderr)
    return 1 if report.errors else 0  # a skipped input (no article text) was read: it is no failure


def cmd_process(args, config) -> int:
    from crawler.extract.process import process_documents
    from crawler.store import Store

    with Store(args.db) as store:
        report = process_documents(store, config, reprocess_all=args.all)
    print(report.summary())
    for doc_id, reason in report.errors:
        print(f"Error: {doc_id}: {reason}", file=sys.stderr)
    return 1 if report.errors else 0


def cmd_export(args, config) -> int:
    from alerts.store import AlertStore
    from crawler.store import Store
    from crawler.store.exports import export_rows

    with Store(args.db) as store:
        rows = AlertStore(store).iter_alerts() if args.what == "alerts" else export_rows(store, args.what)
        _print_jsonl(rows)
    return 0


def cmd_eval(args, config) -> int:
    from crawler.extract.scoring import ReferenceError, report, score
    from crawler.store import Store
    from crawler.store.exports import export_rows

    try:
        gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
        with Store(args.db) as store:
            events = list(export_rows(store, "events"))
            published = {row["doc"]: row.get("published") for row in export_rows(store, "documents")}
        result = score(gold, events, published)
    except (OSError, json.JSONDecodeError, ReferenceError) as exc:
        raise ShiftwatchError(f"cannot score against {args.gold}: {exc}") from exc
    print(json.dumps(result.figures) if args.json else report(result, details=not args.quiet))
    floors = {"recall": "core_recall", "precision": "precision", "date": "date_accuracy"}
    short = [
        f"{name} {result.figures[key]} < {getattr(args, 'min_' + name)}"
        for name, key in floors.items()
        if getattr(args, "min_" + name) is not None
        and (result.figures[key] or 0) < getattr(args, "min_" + name)
    ]
    for line in short:
        print(f"below threshold: {line}", file=sys.stderr)
    return 1 if short else 0


def cmd_analyze(args, config) -> int:
    from alerts.compare.analysis import analyze
    from crawler.store import Store

    with Store(args.db) as store:
        result = analyze(store, config, as_of=args.as_of)
    if args.json:
        _print_jsonl(alert.to_row() for alert in result.alerts)
    else:
        print(result.render())
    return 0


def cmd_notify(args, config) -> int:
    from alerts.locks import LOCKED_EXIT, LockTakenError
    from alerts.notify import deliver_pending
    from crawler.store import Store

    with Store(args.db) as store:
        try:
            report = deliver_pending(store, config)
        except LockTakenError as exc:
            print(f"Error: {exc}; this notify sent nothing (that one delivers the alerts)", file=sys.stderr)
            return LOCKED_EXIT
    print(report.summary())
    if report.failed:
        for alert_id, error in report.failed:
            print(f"Error: alert {alert_id} not delivered: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args, config) -> int:
    from alerts.browse.serve import serve

    return serve(args.db, config, host=args.host, port=args.port)


def cmd_crawl(args, config) -> int:
    from crawler.collect.crawl import crawl
    from crawler.extract.process import process_documents
    from crawler.store import Store

    redis_url = args.redis or config["crawl"].get("redis_url") or None
    if args.worker and not redis_url:
        raise ConfigError(
            "--worker needs a Redis server: give --redis redis://HOST:6379/0 or set [crawl] redis_url"
        )
    report = crawl(args.db, config, sources_file=args.sources, only=args.source, redis_url=redis_url)
    print(report.summary())
    if redis_url:  # the pages are in Redis: `shiftwatch ingest` stores them and extracts the events
        return 0 if report.ok else 1
    if not args.no_process:
        with Store(args.db) as store:
            print(process_documents(store, config).summary())
    return 0 if report.ok else 1


def cmd_ingest(args, config) -> int:
    import signal

    from crawler.collect.ingester import Ingester
    from crawler.store import Store

    redis_url = args.redis or config["crawl"].get("redis_url") or None
    if not redis_url:
        raise ConfigError(
            "ingest needs the workers' Redis server: give --redis redis://HOST:6379/0 or set "
            "[crawl] redis_url"
        )
    with Store(args.db) as store:
        ingester = Ingester(store, redis_url, config, process=not args.no_process)
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: ingester.stop())
        report = ingester.run(once=args.once, idle_timeout=args.idle_timeout)
    print(report.summary())
    return 0


def cmd_run(args, config) -> int:
    from alerts.schedule import run_once

    return run_once(args.db, config, crawl=not args.no_crawl)


def cmd_schedule(args, config) -> int:
    from alerts.schedule import run_daemon

    return run_daemon(args.db, config)


COMMANDS = {
    "load": cmd_load,
    "process": cmd_process,
    "export": cmd_export,
    "analyze": cmd_analyze,
    "notify": cmd_notify,
    "serve": cmd_serve,
    "eval": cmd_eval,
    "crawl": cmd_crawl,
    "ingest": cmd_ingest,
    "run": cmd_run,
    "schedule": cmd_schedule,
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `shiftwatch` console script."""
    from crawler.config import load_config

    parser = build_parser()
    if not (argv if argv is not None else sys.argv[1:]):
        parser.print_help(sys.stderr)
        return 2
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("trafilatura", "htmldate", "scrapy", "datasette", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        config = load_config(args.config)
        Path(args.db).parent.mkdir(parents=True, exist_ok=True) if args.command != "serve" else None
        return COMMANDS[args.command](args, config)
    except ShiftwatchError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Error: interrupted; work done so far is saved and the next run resumes", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
