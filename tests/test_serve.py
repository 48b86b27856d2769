"""`shiftwatch serve`: the real Datasette, started by the CLI on a free loopback port, on a database built
from the seed articles (plus the known events of tests/fixtures/serve/browse.json), checked over HTTP and
in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from pathlib import Path

import pytest
import yaml
from helpers import system_binary

from alerts.browse.serve import METADATA_FILE
from alerts.store import AlertStore
from crawler.config import read_toml
from crawler.extract.anniversaries import load_anniversaries
from crawler.store import Store

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "serve" / "browse.json"
CLI = [sys.executable, "-m", "alerts.cli"]
# every entry of the bundled data file: the anniversaries table and the matrix's columns show each one
ANNIVERSARIES = len(load_anniversaries(PROJECT / "seeds" / "anniversaries.toml"))
CORE_TABLES = ("documents", "events", "participants", "alerts", "runs", "anniversaries")
CANNED = (
    "pair_timeline",
    "anniversary_matrix",
    "protocol_levels",
    "alerts_with_evidence",
    "source_health",
    "monthly_contacts",
)
# The chart's first two series colours (crawler.chart.PALETTE): the two busiest pairs, CHN-PRK and PRK-RUS.
FIRST_COLOURS = ((0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00))

pytestmark = pytest.mark.timeout(300)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "SHIFTWATCH_CONFIG": ""},
    )


def fetch(url: str, timeout: float = 30) -> tuple[int, str, str]:
    """(status, content type, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("content-type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("content-type", ""), exc.read().decode("utf-8")


def fetch_json(url: str):
    status, _, body = fetch(url)
    assert status == 200, f"{url}: {status} {body[:500]}"
    return json.loads(body)


def add_fixture_records(db_path: Path) -> None:
    """Known events, alerts and runs beside whatever the extractor found in the seed articles."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    with Store(db_path) as store:
        store.save_document(data["document"])
        store.replace_events(data["document"]["id"], data["events"], "fixture")
        for alert in data["alerts"]:
            AlertStore(store).add_alert(alert)
        for run in data["runs"]:
            run = dict(run)
            run_id = store.start_run(run.pop("command"), run.pop("source"))
            store.finish_run(run_id, ok=run.pop("ok"), message=run.pop("message"), **run)


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "demo.db"
    result = run_cli("--db", str(path), "load", "seeds/articles")
    assert result.returncode == 0, result.stderr
    add_fixture_records(path)
    return path


@pytest.fixture(scope="module")
def server(database, tmp_path_factory):
    """`shiftwatch serve` on a free loopback port (default host), stopped after the module."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("serve-log") / "serve.log"
    with open(log_path, "w") as log:  # a file, not a pipe: a full pipe would block the server
        process = subprocess.Popen(
            [*CLI, "--db", str(database), "serve", "--port", str(port)],
            cwd=PROJECT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SHIFTWATCH_CONFIG": ""},
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"shiftwatch serve exited with {process.returncode}: {log_path.read_text()[-3000:]}")
        try:
            if fetch(f"{base}/-/versions.json", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            process.wait(timeout=15)
            pytest.fail(f"shiftwatch serve did not answer within 60 s: {log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)
    assert "Serving " in log_path.read_text()


def test_serve_without_a_database_prints_one_error_line(tmp_path):
    result = run_cli("--db", str(tmp_path / "missing.db"), "serve", "--port", str(free_port()), timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: no database at {tmp_path / 'missing.db'} (create it with")
    assert not (tmp_path / "missing.db").exists()


def test_serve_on_a_busy_port_says_so(database):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("--db", str(database), "serve", "--port", str(port), timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}:")


def test_every_column_of_the_described_tables_has_a_description(database):
    metadata = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    tables = metadata["databases"]["shiftwatch"]["tables"]
    assert set(CORE_TABLES) <= set(tables)
    conn = sqlite3.connect(database)
    existing = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, meta in tables.items():
        if table not in existing or meta.get("hidden"):
            continue
        columns = [row[1] for row in conn.execute(f"PRAGMA table_xinfo([{table}])")]
        missing = [c for c in columns if not meta.get("columns", {}).get(c)]
        assert not missing, f"{METADATA_FILE.name}: describe {table}.{missing}"
        assert meta.get("description") or meta.get("description_html"), table
    conn.close()


def test_index_shows_title_licence_source_and_tables(server):
    status, _, html = fetch(server + "/")
    assert status == 200
    assert "shiftwatch — North Korea" in html
    assert "Articles: © their publishers" in html
    database = fetch_json(server + "/shiftwatch.json")
    names = {table["name"] for table in database["tables"] if not table["hidden"]}
    assert set(CORE_TABLES) <= names
    counts = {table["name"]: table["count"] for table in database["tables"]}
    assert counts["documents"] == 6  # five seed articles and the fixture document
    # every [[anniversary]] table of seeds/anniversaries.toml
    assert (
        counts["anniversaries"]
        == ANNIVERSARIES
        == len(read_toml(PROJECT / "seeds" / "anniversaries.toml")["anniversary"])
    )
    assert sorted(query["name"] for query in database["queries"]) == sorted(CANNED)
    status, _, html = fetch(server + "/shiftwatch/events")
    assert status == 200
    assert "Who did what to whom" in html
    assert "The sentence of the document that reports it." in html


def test_full_text_search_from_the_table_pages(server):
    rows = fetch_json(server + "/shiftwatch/documents.json?_search=armistice&_shape=array&_col=title")
    assert "000_99f503da20989f5c" in {row["id"] for row in rows}
    rows = fetch_json(
        server + "/shiftwatch/events.json?_search=" + urllib.parse.quote("Zhao Leji") + "&_shape=array"
    )
    assert {"fx-05", "fx-06"} <= {row["id"] for row in rows}
    assert all("Zhao Leji" in row["evidence"] for row in rows)
    for table in ("documents", "events"):
        status, _, html = fetch(f"{server}/shiftwatch/{table}?_search=Pyongyang")
        assert status == 200
        assert 'name="_search"' in html, f"no search box on the {table} page"


def facet(page: dict, name: str) -> dict:
    return {item["value"]: item["count"] for item in page["facet_results"][name]["results"]}


def test_default_facets_of_events_and_alerts(server):
    events = fetch_json(server + "/shiftwatch/events.json")
    assert set(events["facet_results"]) == {"kind", "actors", "targets", "year", "source"}
    # every event has a year: the year facet adds up to the table
    assert sum(facet(events, "year").values()) == events["filtered_table_rows_count"]
    # the fixture's 18 events, counted exactly (the seed articles' events have no source name)
    fixture = fetch_json(server + "/shiftwatch/events.json?source=Fixture+Wire")
    assert fixture["filtered_table_rows_count"] == 18
    assert facet(fixture, "year") == {"2022": 1, "2023": 7, "2024": 10}
    assert facet(fixture, "actors") == {"PRK": 13, "CHN": 3, "RUS": 3}
    assert facet(fixture, "source") == {"Fixture Wire": 18}
    assert facet(fixture, "kind") == {
        "commemoration": 5,
        "meeting": 6,
        "visit": 4,
        "message": 2,
        "agreement": 1,
    }
    alerts = fetch_json(server + "/shiftwatch/alerts.json")
    assert set(alerts["facet_results"]) == {"kind", "delivery", "dyad"}
    assert facet(alerts, "delivery") == {"delivered": 1, "pending": 1}  # the fixture's two alerts


def test_pair_timeline_takes_two_codes_in_any_order_and_case(server):
    rows = fetch_json(server + "/shiftwatch/pair_timeline.json?a=prk&b=CHN&_shape=array")
    fixture = [row for row in rows if row["doc"] == "fixture-browse-0001"]
    # every CHN-PRK event of the fixture, oldest first (fx-09 is dated to 2022 only)
    assert [row["event"] for row in fixture] == [
        "fx-09", "fx-01", "fx-02", "fx-03", "fx-20", "fx-23", "fx-24",
        "fx-04", "fx-05", "fx-06", "fx-07", "fx-21", "fx-22", "fx-08",
    ]  # fmt: skip
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    assert not {"fx-10", "fx-11", "fx-12", "fx-13"} & {row["event"] for row in rows}
    assert next(row for row in fixture if row["event"] == "fx-08")["reported_as"] == "did NOT happen"
    swapped = fetch_json(server + "/shiftwatch/pair_timeline.json?a=CHN&b=PRK&_shape=array")
    assert swapped == rows
    russia = fetch_json(server + "/shiftwatch/pair_timeline.json?a=RUS&b=PRK&_shape=array")
    assert [row["event"] for row in russia if row["doc"] == "fixture-browse-0001"] == [
        "fx-10",
        "fx-11",
        "fx-12",
        "fx-13",
    ]
    assert fetch_json(server + "/shiftwatch/pair_timeline.json?a=&b=&_shape=array") == []


def test_anniversary_matrix_has_a_row_per_year_and_a_column_per_anniversary(server):
    rows = fetch_json(server + "/shiftwatch/anniversary_matrix.json?_shape=array")
    by_year = {row["year"]: row for row in rows}
    assert [row["year"] for row in rows] == sorted(by_year, reverse=True)
    assert {2022, 2023, 2024} <= set(by_year)
    assert len(rows[0]) == 1 + ANNIVERSARIES  # the year, then every anniversary of the data file
    # The fixture's reports (fx-20 to fx-24) and the seed articles' (the treaty not marked in 2024, the
    # armistice marked in 2024, the CPV entry in 2020, the end of the war in Asia in 2025).
    chinese = ("prk-chn-treaty", "korean-war-armistice", "cpv-entry", "prk-chn-relations")
    assert {year: {a: by_year[year][a] for a in chinese} for year in (2022, 2023, 2024)} == {
        2024: {
            "prk-chn-treaty": "✘ not marked",  # fx-21 and the seed article: both report it not marked
            "korean-war-armistice": "✔ marked",  # fx-22
            "cpv-entry": "· no report",
            "prk-chn-relations": "· no report",  # the 75th, a round year: due, and nothing reported
        },
        2023: {
            "prk-chn-treaty": "✔ marked",  # fx-20
            "korean-war-armistice": "· no report",
            "cpv-entry": "✔✘ mixed reports",  # fx-23 marked, fx-24 not
            "prk-chn-relations": "",  # marked every 5 years: 2023 is not due
        },
        2022: {
            "prk-chn-treaty": "· no report",
            "korean-war-armistice": "· no report",
            "cpv-entry": "· no report",
            "prk-chn-relations": "",
        },
    }
    assert by_year[2020]["cpv-entry"] == "✔ marked"  # the seed article of the 70th anniversary
    assert by_year[2025]["wwii-end-asia"] == "✔ marked"  # the seed article of the 80th
    status, _, html = fetch(server + "/shiftwatch/anniversary_matrix")
    assert status == 200
    assert '<span class="sw-mark sw-mixed">✔✘ mixed reports</span>' in html
    assert "Sino-North Korean Treaty of Friendship" in html  # the column legend


def test_alerts_with_evidence_lists_each_sentence(server):
    rows = fetch_json(server + "/shiftwatch/alerts_with_evidence.json?_shape=array")
    surge = [row for row in rows if row["alert"] == "fx-alert-surge-2024-06"]
    assert [row["evidence"] for row in surge] == [
        "Putin arrived in Pyongyang for a state visit.",
        "The two leaders signed a comprehensive strategic partnership treaty.",
    ]
    assert surge[0]["delivery"] == "delivered"
    assert surge[0]["document"] == "Fixture: a year of contacts between Pyongyang, Beijing and Moscow"
    treaty = next(row for row in rows if row["alert"] == "fx-alert-treaty-2024")
    assert treaty["delivery"] == "pending"


def test_source_health_shows_last_success_pages_and_errors_per_run(server):
    rows = fetch_json(server + "/shiftwatch/source_health.json?_shape=array")
    fixture = [row for row in rows if row["source"] == "fixture-wire"]
    assert [row["status"] for row in fixture] == ["failed", "ok"]  # newest first
    failed, ok = fixture
    assert (failed["pages_seen"], failed["errors"]) == (6, 4)
    assert (ok["pages_seen"], ok["errors"]) == (12, 0)
    assert failed["last_success"] == ok["finished_at"] and ok["finished_at"]


def test_monthly_contacts_query_feeds_the_chart(server):
    rows = fetch_json(server + "/shiftwatch/monthly_contacts.json?_shape=array")
    counts = {(row["dyad"], row["month"]): row["contacts"] for row in rows}
    assert {month: n for (dyad, month), n in counts.items() if dyad == "CHN-PRK"} == {
        "2020-10": 1,  # the seed article of the CPV anniversary
        "2023-03": 2,  # fx-01, fx-02
        "2023-07": 1,  # fx-03
        "2024-01": 1,  # fx-04
        "2024-04": 2,  # fx-05, and fx-06/fx-07 are one cluster
    }  # fx-08 is denied and fx-09 dated to the year only: not counted
    assert counts[("PRK-RUS", "2024-06")] == 3  # fx-11, fx-12 and the seed articles' June 2024 reports
    status, _, html = fetch(server + "/-/contacts")
    assert status == 200
    assert "<td>2024-04</td>" in html  # the numbers under the chart


def test_chart_page_is_an_inline_svg_with_no_outside_resources(server):
    status, content_type, html = fetch(server + "/-/contacts")
    assert status == 200 and content_type.startswith("text/html")
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="contacts-chart"' in html
    assert 'data-dyad="CHN-PRK"' in html and 'data-dyad="PRK-RUS"' in html
    for tag, attribute in (("<script", "src="), ("<link", "href="), ("<img", "src=")):
        for chunk in html.split(tag)[1:]:
            element = chunk.split(">", 1)[0]
            if attribute in element:
                url = element.split(attribute, 1)[1].strip("\"' ").split('"')[0]
                assert url.startswith("/"), f"{tag} loads {url} from outside the server"
    status, content_type, svg = fetch(server + "/-/contacts.svg?dyad=prk-rus")
    assert status == 200 and content_type.startswith("image/svg+xml")
    assert 'data-dyad="PRK-RUS"' in svg and 'data-dyad="CHN-PRK"' not in svg


def test_browsers_cannot_write(server):
    before = fetch_json(server + "/shiftwatch/documents.json?_size=0")["filtered_table_rows_count"]
    for sql in ("DELETE FROM documents", "UPDATE documents SET title = 'x'", "DROP TABLE events"):
        status, _, body = fetch(server + "/shiftwatch.json?sql=" + urllib.parse.quote(sql))
        assert status == 400, body[:300]
    assert fetch_json(server + "/shiftwatch/documents.json?_size=0")["filtered_table_rows_count"] == before
    plugins = fetch_json(server + "/-/plugins.json")
    assert [plugin["name"] for plugin in plugins] == ["shiftwatch_browse.py"]
    queries = fetch_json(server + "/shiftwatch.json")["queries"]
    assert not [query["name"] for query in queries if query.get("write")]


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    previous = bytearray(stride)
    pixels = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - step] if x >= step else 0
            b = previous[x]
            c = previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        pixels.extend(tuple(line[i : i + 3]) for i in range(0, stride, step))
        previous = line
    return width, height, pixels


def chromium_binary() -> str:
    return system_binary("chromium", "chromium-browser", install="apt-get install chromium")


def run_chromium(url: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    """Headless Chromium that can reach the loopback server and nothing else (no CDN could load)."""
    return subprocess.run(
        [
            chromium_binary(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--window-size=1280,1000",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_chart_renders_in_headless_chromium_without_internet(server, tmp_path):
    dom = run_chromium(server + "/-/contacts", tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'id="contacts-chart"' in dom.stdout
    assert dom.stdout.count("<polyline") == 2  # one line per pair: CHN-PRK and PRK-RUS
    shot = tmp_path / "contacts.png"
    result = run_chromium(server + "/-/contacts", tmp_path, f"--screenshot={shot}")
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 1000)
    not_white = sum(1 for pixel in pixels if min(pixel) < 240)
    assert not_white > 0.02 * width * height, f"the screenshot is nearly blank ({not_white} coloured pixels)"
    for colour in FIRST_COLOURS:
        near = sum(1 for pixel in pixels if all(abs(p - q) <= 12 for p, q in zip(pixel, colour, strict=True)))
        assert near > 300, f"the chart line in {colour} is missing from the screenshot ({near} pixels)"
    keep = os.environ.get("SHIFTWATCH_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)


def test_a_crawl_writing_does_not_lock_out_readers(server, database):
    """A writer holding a write transaction, then committing in a loop; every page still answers.

    The phases are handed over by events, not timed: every page is read once while the write transaction
    is open, then three times more while the writer commits.
    """
    held, read_while_held, stop = threading.Event(), threading.Event(), threading.Event()
    written = []
    errors = []

    def write() -> None:
        try:
            with Store(database) as store:
                store.db.execute("BEGIN IMMEDIATE")
                store.db.execute("UPDATE documents SET error = 'busy' WHERE id = 'fixture-browse-0001'")
                held.set()  # a long write transaction, as a big batch of a crawl would hold
                assert read_while_held.wait(120), "the readers never finished a pass"
                store.db.conn.commit()
                number = 0
                while not stop.is_set():
                    status = store.save_document(
                        {
                            "id": f"concurrent-{number}",
                            "title": f"Concurrent {number}",
                            "text": f"A page stored while readers browse, {number}.",
                            "raw": f"page {number}",
                            "source": "Concurrent Writer",
                        }
                    )
                    written.append(status)
                    number += 1
        except Exception as exc:  # reported by the assertion below, with the reader's results
            errors.append(exc)
            held.set()

    urls = [
        "/shiftwatch/documents.json?_search=armistice",
        "/shiftwatch/events.json",
        "/shiftwatch.json",
        "/shiftwatch/source_health.json",
        "/shiftwatch/anniversary_matrix.json",
        "/-/contacts",
        "/shiftwatch/documents",
    ]

    def read_every_page() -> None:
        for url in urls:
            status, _, body = fetch(server + url)
            assert status == 200, f"{url}: {status} {body[:300]}"
            assert "database is locked" not in body

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert held.wait(60) and not errors, errors
        read_every_page()
        read_while_held.set()
        for _ in range(3):
            read_every_page()
        while not written and writer.is_alive():  # at least one commit of the loop before stopping
            time.sleep(0.01)
    finally:
        read_while_held.set()
        stop.set()
        writer.join(timeout=60)
    assert not errors, errors
    assert written == ["new"] * len(written) and written
    rows = fetch_json(server + "/shiftwatch/documents.json?source=Concurrent+Writer&_size=0")
    assert rows["filtered_table_rows_count"] == len(written)  # readers see each committed write
