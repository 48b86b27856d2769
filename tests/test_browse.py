"""The pieces behind `shiftwatch serve`, without a server: the SVG chart, the anniversaries table and the SQL
of the contacts and anniversary-matrix queries, on a database holding only tests/fixtures/serve/browse.json."""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alerts.browse.chart import contacts_svg, month_range, nice_step, series_from_rows
from alerts.browse.serve import PLUGINS_DIR
from alerts.store import AlertStore
from crawler.config import data_path, load_config, read_toml
from crawler.extract.anniversaries import cached_anniversaries
from crawler.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "serve" / "browse.json"
SVG = "{http://www.w3.org/2000/svg}"


def load_plugin():
    spec = importlib.util.spec_from_file_location("shiftwatch_browse", PLUGINS_DIR / "shiftwatch_browse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def store(tmp_path):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    config = load_config(None)
    with Store(tmp_path / "browse.db") as store:
        store.save_document(data["document"])
        store.replace_events(data["document"]["id"], data["events"], "fixture")
        store.sync_anniversaries(cached_anniversaries(str(data_path(config, "anniversaries"))))
        yield store


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2024-07", "2024-07", ["2024-07"]),
        ("2023-11", "2024-02", ["2023-11", "2023-12", "2024-01", "2024-02"]),
        ("2024-03", "2024-01", []),
    ],
)
def test_month_range_crosses_years(first, last, expected):
    assert month_range(first, last) == expected


@pytest.mark.parametrize(("top", "step"), [(0, 1), (1, 1), (4, 1), (7, 2), (12, 5), (40, 10), (130, 50)])
def test_nice_step_gives_round_gridlines(top, step):
    assert nice_step(top) == step


def test_series_puts_the_busiest_pair_first():
    rows = [
        {"dyad": "PRK-RUS", "month": "2024-06", "contacts": 2},
        {"dyad": "CHN-PRK", "month": "2024-04", "contacts": 2},
        {"dyad": "CHN-PRK", "month": "2024-05", "contacts": 1},
    ]
    assert list(series_from_rows(rows)) == ["CHN-PRK", "PRK-RUS"]


def test_chart_is_valid_svg_with_a_line_per_pair_and_zero_filled_months():
    svg = contacts_svg({"CHN-PRK": {"2024-01": 1, "2024-04": 3}, "PRK-RUS": {"2024-02": 2}})
    root = ET.fromstring(svg)
    lines = root.findall(f".//{SVG}polyline")
    assert len(lines) == 2
    assert [len(line.get("points").split()) for line in lines] == [4, 4]  # January to April
    assert len(root.findall(f".//{SVG}circle")) == 3  # one marker per month with contacts
    assert "CHN-PRK (4)" in svg and "PRK-RUS (2)" in svg


def test_chart_of_a_single_month_still_draws_a_line():
    root = ET.fromstring(contacts_svg({"CHN-PRK": {"2024-07": 2}}))
    assert len(root.find(f".//{SVG}polyline").get("points").split()) == 3


def test_chart_without_contacts_says_so():
    svg = contacts_svg({})
    ET.fromstring(svg)
    assert "No contacts recorded yet" in svg


def test_chart_escapes_labels():
    svg = contacts_svg({"<A>-B&": {"2024-01": 1}}, title="a < b")
    ET.fromstring(svg)
    assert "&lt;A&gt;-B&amp;" in svg


def test_sync_anniversaries_follows_the_data_file(store):
    path = data_path(load_config(None), "anniversaries")
    everything = cached_anniversaries(str(path))
    entries = len(read_toml(path)["anniversary"])  # the [[anniversary]] tables of seeds/anniversaries.toml
    assert store.db["anniversaries"].count == len(everything) == entries
    treaty = store.db["anniversaries"].get("prk-chn-treaty")
    assert (treaty["dyad"], treaty["base_year"], treaty["period"]) == ("CHN-PRK", 1961, 1)
    assert store.sync_anniversaries(everything[:2]) == 2
    assert [row["id"] for row in store.query("SELECT id FROM anniversaries ORDER BY id")] == sorted(
        a.id for a in everything[:2]
    )
    assert store.sync_anniversaries([]) == 0
    assert store.db["anniversaries"].count == 0


def test_generated_year_and_delivery_columns(store):
    years = {row["id"]: row["year"] for row in store.query("SELECT id, year FROM events")}
    assert (years["fx-09"], years["fx-03"], years["fx-01"]) == ("2022", "2023", "2023")
    AlertStore(store).add_alert({"id": "a", "kind": "k", "dyad": ["CHN", "PRK"]})
    assert next(store.query("SELECT delivery FROM alerts WHERE id = 'a'"))["delivery"] == "pending"
    AlertStore(store).mark_failed("a", "smtp down")
    assert next(store.query("SELECT delivery FROM alerts WHERE id = 'a'"))["delivery"] == "failing"
    AlertStore(store).mark_delivered("a", "log")
    assert next(store.query("SELECT delivery FROM alerts WHERE id = 'a'"))["delivery"] == "delivered"


def test_contacts_count_clusters_once_and_leave_out_denials_and_year_dates(store):
    plugin = load_plugin()
    rows = list(store.query(plugin.contacts_sql(["visit", "meeting", "message", "agreement"])))
    assert {(row["dyad"], row["month"]): row["contacts"] for row in rows} == {
        ("CHN-PRK", "2023-03"): 2,
        ("CHN-PRK", "2023-07"): 1,
        ("CHN-PRK", "2024-01"): 1,
        ("CHN-PRK", "2024-04"): 2,  # fx-06 and fx-07 report one meeting
        ("PRK-RUS", "2023-09"): 1,
        ("PRK-RUS", "2024-06"): 2,
        ("PRK-RUS", "2024-11"): 1,
    }  # fx-08 (denied) and fx-09 (dated to the year) are left out; commemorations are not contacts
    only_visits = list(store.query(plugin.contacts_sql(["visit"])))
    assert sum(row["contacts"] for row in only_visits) == 3


def test_anniversary_matrix_marks_each_year(store):
    plugin = load_plugin()
    anniversaries = list(
        store.query("SELECT id, name, base_year, period FROM anniversaries ORDER BY base_date")
    )
    rows = list(store.query(plugin.matrix_sql(anniversaries)))
    assert [row["year"] for row in rows] == [2024, 2023, 2022]
    by_year = {row["year"]: row for row in rows}
    assert by_year[2023]["prk-chn-treaty"] == plugin.MARKED
    assert by_year[2024]["prk-chn-treaty"] == plugin.NOT_MARKED
    assert by_year[2022]["prk-chn-treaty"] == plugin.NO_REPORT
    assert by_year[2023]["cpv-entry"] == plugin.MIXED
    assert by_year[2024]["korean-war-armistice"] == plugin.MARKED
    assert by_year[2024]["prk-chn-relations"] == plugin.NO_REPORT  # the 75th: a round year
    assert by_year[2023]["prk-chn-relations"] == ""  # marked every 5 years only
    assert by_year[2023]["prk-rus-partnership-treaty"] == ""  # signed in 2024
    assert by_year[2024]["prk-rus-partnership-treaty"] == plugin.NO_REPORT


def test_anniversary_matrix_of_an_empty_database_has_no_rows(tmp_path):
    plugin = load_plugin()
    with Store(tmp_path / "empty.db") as store:
        assert list(store.query(plugin.matrix_sql([]))) == []
