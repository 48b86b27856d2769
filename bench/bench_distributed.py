"""Benchmark: distributed crawling with 1, 2 and 4 crawl workers, one ingester, one Redis, a local site.

    .venv/bin/python bench/bench_distributed.py [--pages 2000] [--workers 1 2 4] [--latency 0 0.05]

For each latency (seconds the site waits before answering a page: 0 is a CPU-bound local site, 0.05 looks
more like a real one) and each number of workers: a fresh redis-server on 127.0.0.1, a generated site of N
articles (a sitemap index, distinct texts) served by a separate process, N workers (`shiftwatch crawl
--worker`) and one ingester (`shiftwatch ingest --no-process`) started together as the real command line.
Each worker keeps 8 requests per site in flight. Reported: pages/s until every page is on the Redis item list
(the crawl) and until every page is committed in SQLite (end to end). Event extraction is off (it is the
ingester's job, and the same cost as in bench_crawl.py --process).

Prints the figures and writes them as JSON to bench/results/distributed-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import Process, Queue
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_crawl import article, sitemap  # noqa: E402  (the same generated articles as the crawl benchmark)

PER_MAP = 1000


def serve(pages: int, latency: float, queue: Queue) -> None:
    """Serve the generated site on 127.0.0.1 (in a child process, apart from the workers)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            path = self.path.split("?")[0]
            kind, status = "application/xml", 200
            if (mapped := sitemap(path, base, pages, PER_MAP)) is not None:
                body = mapped
            elif path.startswith("/news/") and path.endswith(".html"):
                if latency:
                    time.sleep(latency)
                body, kind = article(int(path[len("/news/") : -len(".html")])), "text/html; charset=utf-8"
            else:
                body, kind, status = b"not found", "text/plain", 404
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    queue.put(httpd.server_address[1])
    httpd.serve_forever()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def run(pages: int, workers: int, latency: float) -> dict:
    """One measurement: `workers` crawl workers and one ingester on a fresh Redis and site."""
    from crawler.collect.distributed import ITEMS, redis_client

    queue: Queue = Queue()
    site = Process(target=serve, args=(pages, latency, queue), daemon=True)
    site.start()
    port = queue.get(timeout=30)
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="shiftwatch-bench-") as tmp:
        redis_port = free_port()
        redis = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                tmp,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{redis_port}/0"
        client = redis_client(url)
        while True:
            try:
                client.ping()
                break
            except Exception:
                time.sleep(0.05)
        try:
            sources = Path(tmp, "sources.toml")
            sources.write_text(
                f'[[source]]\nname = "bench"\nurl = "http://127.0.0.1:{port}/sitemap_index.xml"\n'
                'type = "sitemap"\n'
            )
            config = Path(tmp, "shiftwatch.toml")
            config.write_text(
                "[crawl]\ndownload_delay = 0\nautothrottle = false\nconcurrent_requests = 16\n"
                "concurrent_requests_per_domain = 8\nretry_times = 0\nmax_minutes = 0\n"
                "worker_idle_seconds = 1\n"
            )
            db = Path(tmp, "bench.db")
            base = [sys.executable, "-m", "alerts.cli", "--db", str(db), "--config", str(config)]
            quiet = {
                "cwd": ROOT,
                "stdout": subprocess.DEVNULL,
                "stderr": subprocess.DEVNULL,
                "start_new_session": True,
            }
            started = time.perf_counter()
            ingester = subprocess.Popen(
                [*base, "ingest", "--redis", url, "--no-process", "--idle-timeout", "600"], **quiet
            )
            processes.append(ingester)
            for _ in range(workers):
                processes.append(
                    subprocess.Popen(
                        [*base, "crawl", "--worker", "--redis", url, "--sources", str(sources)], **quiet
                    )
                )
            crawled_at = None
            deadline = started + 900
            while time.perf_counter() < deadline:
                done = stored(db)
                if crawled_at is None and done + client.llen(ITEMS) >= pages:
                    crawled_at = time.perf_counter()
                if done >= pages:
                    break
                time.sleep(0.05)
            finished_at = time.perf_counter()
            count = stored(db)
            crawl_seconds = (crawled_at or finished_at) - started
            total_seconds = finished_at - started
            return {
                "pages": pages,
                "workers": workers,
                "latency_s": latency,
                "stored": count,
                "crawl_seconds": round(crawl_seconds, 2),
                "crawl_pages_per_second": round(pages / crawl_seconds, 1),
                "end_to_end_seconds": round(total_seconds, 2),
                "end_to_end_pages_per_second": round(count / total_seconds, 1),
            }
        finally:
            for process in processes:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
                    try:
                        process.wait(20)
                    except subprocess.TimeoutExpired:
                        os.killpg(process.pid, signal.SIGKILL)
            redis.terminate()
            redis.wait(10)
            site.terminate()
            site.join(5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--latency", type=float, nargs="+", default=[0.0, 0.05])
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        print("redis-server is not installed (make sysdeps installs it)", file=sys.stderr)
        return 1
    results = []
    for latency in args.latency:
        for workers in args.workers:
            result = run(args.pages, workers, latency)
            results.append(result)
            print(
                f"latency {latency * 1000:>3.0f} ms, {workers} worker(s): {result['stored']}/{args.pages} stored; "
                f"crawl {result['crawl_pages_per_second']} pages/s ({result['crawl_seconds']} s), end to end "
                f"{result['end_to_end_pages_per_second']} pages/s ({result['end_to_end_seconds']} s)",
                flush=True,
            )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"distributed-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    meta = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "per_worker_concurrency": 8}
    path.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print(f"written to bench/results/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
