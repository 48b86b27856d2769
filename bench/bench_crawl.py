"""Benchmark: crawl a generated local news site end to end and report pages stored per second and peak memory.

    .venv/bin/python bench/bench_crawl.py [--pages 1000 5000 20000] [--process]

For each size, a fresh site of N article pages (a sitemap index over sitemaps of 1,000 URLs, robots.txt,
distinct article texts) is served on 127.0.0.1 in a separate process, and `crawler.collect.crawl.crawl()` crawls it
into a fresh database: the same subprocess, spiders, frontier and pipeline as `shiftwatch crawl`. Event
extraction is off unless --process is given (then it runs after the crawl and is timed apart). Politeness is
relaxed for a local site (no delay, no AutoThrottle, 16 requests at once); robots.txt is still read and obeyed.

Prints the figures and writes them as JSON to bench/results/crawl-<time>.json.
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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import Process, Queue
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOAL_RATE = 50

WORDS = (
    "delegation trade border customs railway bridge treaty friendship minister officials cooperation "
    "shipment fertiliser fishing tourism exchange agreement economic military talks visit embassy "
    "agency statement river freight cargo port season harvest quota banquet ceremony message"
).split()
PLACES = ("Pyongyang", "Beijing", "Moscow", "Dandong", "Sinuiju", "Vladivostok", "Rason", "Khasan", "Hunchun")


def article(n: int) -> bytes:
    """A distinct news-like page (trafilatura drops repeated paragraphs, so every text differs)."""
    rng = random.Random(n)
    paragraphs = []
    for _ in range(5):
        words = [rng.choice(WORDS) for _ in range(28)]
        words[3] = rng.choice(PLACES)
        paragraphs.append("<p>" + " ".join(words).capitalize() + f", report {n}.</p>")
    day = dt.date(2020, 1, 1) + dt.timedelta(days=n % 1500)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Border report {n}</title>"
        f"<meta property='article:published_time' content='{day.isoformat()}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news/'>News</a></nav><article>"
        f"<h1>Border report number {n} from {rng.choice(PLACES)}</h1>{''.join(paragraphs)}</article>"
        "<footer>Copyright Bench Wire</footer></body></html>"
    ).encode()


def sitemap(path: str, base: str, pages: int, per_map: int) -> bytes | None:
    """The generated site's sitemap index or one of its sitemaps, or None for another path."""
    if path == "/sitemap_index.xml":
        maps = "".join(
            f"<sitemap><loc>{base}/sitemap-{i}.xml</loc></sitemap>"
            for i in range((pages + per_map - 1) // per_map)
        )
        return f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'.encode()
    if path.startswith("/sitemap-") and path.endswith(".xml"):
        i = int(path[len("/sitemap-") : -len(".xml")])
        urls = "".join(
            f"<url><loc>{base}/news/{n}.html</loc></url>"
            for n in range(i * per_map, min(pages, (i + 1) * per_map))
        )
        return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()
    return None


def serve(pages: int, queue: Queue) -> None:
    """Serve the generated site on 127.0.0.1 (run in a child process, so it does not share the CPU's GIL)."""
    per_map = 1000

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            path = self.path.split("?")[0]
            kind = "application/xml"
            if path == "/robots.txt":
                body, kind = b"User-agent: *\nDisallow: /private/\n", "text/plain"
            elif (mapped := sitemap(path, base, pages, per_map)) is not None:
                body = mapped
            elif path.startswith("/news/") and path.endswith(".html"):
                body, kind = article(int(path[len("/news/") : -len(".html")])), "text/html; charset=utf-8"
            else:
                body, kind = b"not found", "text/plain"
                self.send_response(404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    queue.put(httpd.server_address[1])
    httpd.serve_forever()


def run(pages: int, process: bool) -> dict:
    """Crawl a generated site of `pages` articles into a fresh database; return the figures."""
    from crawler.collect.crawl import crawl
    from crawler.config import load_config
    from crawler.store import Store

    queue: Queue = Queue()
    server = Process(target=serve, args=(pages, queue), daemon=True)
    server.start()
    port = queue.get(timeout=30)
    try:
        with tempfile.TemporaryDirectory(prefix="shiftwatch-bench-") as tmp:
            sources = Path(tmp, "sources.toml")
            sources.write_text(
                f'[[source]]\nname = "bench"\nurl = "http://127.0.0.1:{port}/sitemap_index.xml"\n'
                'type = "sitemap"\n'
            )
            config = load_config(os.devnull)
            config["crawl"].update(
                download_delay=0,
                autothrottle=False,
                concurrent_requests=16,
                concurrent_requests_per_domain=16,
                retry_times=0,
                max_minutes=0,
            )
            db = Path(tmp, "bench.db")
            started = time.perf_counter()
            report = crawl(db, config, sources)
            seconds = time.perf_counter() - started
            with Store(db) as store:
                stored = store.db["documents"].count
            result = {
                "pages": pages,
                "stored": stored,
                "errors": report.total("errors"),
                "ok": report.ok,
                "seconds": round(seconds, 2),
                "pages_per_second": round(stored / seconds, 1),
                "peak_rss_mb": report.peak_rss_mb,
                "extraction": False,
            }
            again = time.perf_counter()
            second = crawl(db, config, sources)
            result["second_crawl_seconds"] = round(time.perf_counter() - again, 2)
            result["second_crawl_new"] = second.total("new")
            if process:
                from crawler.extract.process import process_documents

                began = time.perf_counter()
                with Store(db) as store:
                    done = process_documents(store, config)
                took = time.perf_counter() - began
                result.update(
                    extraction=True,
                    processed=done.documents,
                    events=done.events,
                    process_seconds=round(took, 2),
                    end_to_end_pages_per_second=round(stored / (seconds + took), 1),
                )
            return result
    finally:
        server.terminate()
        server.join(5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument(
        "--process", action="store_true", help="also extract events after the crawl (timed apart)"
    )
    args = parser.parse_args()
    results = []
    for pages in args.pages:
        result = run(pages, args.process)
        results.append(result)
        line = (
            f"{pages:>6} pages: {result['stored']} stored in {result['seconds']} s = "
            f"{result['pages_per_second']} pages/s, peak RSS of the crawl process {result['peak_rss_mb']} MB, "
            f"{result['errors']} error(s); second crawl {result['second_crawl_seconds']} s, "
            f"{result['second_crawl_new']} new"
        )
        if result["extraction"]:
            line += (
                f"; extraction {result['processed']} docs in {result['process_seconds']} s "
                f"({result['end_to_end_pages_per_second']} pages/s crawl + extraction)"
            )
        print(line, flush=True)
    print(
        f"\n  {'pages':>7} {'pages/s':>8} {'peak RSS MB':>12}   goals: >= {GOAL_RATE} pages/s from 5,000 pages; "
        "peak memory flat"
    )
    for result in results:
        print(f"  {result['pages']:>7,} {result['pages_per_second']:>8} {result['peak_rss_mb']:>12}")
    rss = [r["peak_rss_mb"] for r in results if r.get("peak_rss_mb")]
    if len(rss) > 1:
        print(f"  peak memory, largest / smallest crawl: {max(rss) / min(rss):.2f}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = out / f"crawl-{stamp}.json"
    meta = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "extraction": args.process}
    path.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print(f"written to bench/results/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
