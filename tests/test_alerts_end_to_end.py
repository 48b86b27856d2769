"""The textbook case through the real command line: a treaty anniversary marked in state media every year,
then not marked, found by `analyze` from article texts alone (extraction included)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import shiftwatch

FILLERS = [
    "North Korea's cabinet discussed the spring planting campaign in {city} county on {weekday}, state media said.",
    "Workers at a steel complex in {city} pledged to raise output, the newspaper reported on {weekday}.",
    "A new apartment district opened in {city}, the agency said on {weekday}.",
]
CITIES = ["Kangso", "Sunchon", "Anju", "Kaechon", "Tokchon"]


def write_history(path: Path, *, last_year: int, marked_until: int, read_in_last_year: bool = True) -> None:
    """Daily routine dispatches around July 11 of each year, and an editorial on the treaty anniversary in
    every year up to `marked_until` (our own wording, one source)."""
    lines = []
    for year in range(2016, last_year + 1):
        if year < last_year or read_in_last_year:
            for offset in range(-10, 11):
                day = dt.date(year, 7, 11) + dt.timedelta(days=offset)
                text = FILLERS[(offset + year) % 3].format(
                    city=CITIES[(offset * 7 + year) % 5], weekday=day.strftime("%A")
                )
                lines.append(
                    {
                        "id": f"routine-{day}",
                        "date": (day + dt.timedelta(days=1)).isoformat(),
                        "source": "KCNA Watch",
                        "text": f"{text} Report {year}-{offset + 20} gave no figures.",
                    }
                )
        if year <= marked_until:
            day = dt.date(year, 7, 11)
            lines.append(
                {
                    "id": f"editorial-{year}",
                    "date": (day + dt.timedelta(days=1)).isoformat(),
                    "source": "KCNA Watch",
                    "text": f"The Rodong Sinmun published an editorial on {day.strftime('%A')} on the {year - 1961}th "
                    "anniversary of the treaty of friendship, cooperation and mutual assistance between North "
                    "Korea and China, hailing the ties.",
                }
            )
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")


def alerts(db: Path, as_of: str) -> list[dict]:
    out = shiftwatch("analyze", "--as-of", as_of, "--json", db=db).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def history_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("history")
    write_history(folder / "history.jsonl", last_year=2024, marked_until=2023)
    db = folder / "h.db"
    shiftwatch("load", str(folder / "history.jsonl"), db=db)
    return db


def test_anniversary_marked_eight_years_then_missed_raises_one_alert_with_past_markings(history_db):
    found = [a for a in alerts(history_db, "2024-07-20") if a["kind"] == "missed_anniversary"]
    assert [a["id"] for a in found] == ["missed_anniversary:CHN-PRK:prk-chn-treaty:2024"]
    (alert,) = found
    assert alert["dyad"] == ["CHN", "PRK"] and alert["due"] == "2024-07-11"
    # the evidence is the latest five markings, newest first; the judgement rests on all eight years
    assert [e["doc"] for e in alert["evidence"]] == [f"editorial-{y}" for y in range(2023, 2018, -1)]
    assert all(
        f"{int(e['doc'][-4:]) - 1961}th anniversary of the treaty" in e["sentence"] for e in alert["evidence"]
    )
    assert alert["details"]["marked_years"] == alert["details"]["judged_years"] == list(range(2016, 2024))
    assert alert["title"].endswith("marked in 8 of the last 8 years whose sources were read")


def test_before_the_judging_delay_nothing_is_said(history_db):
    assert not [a for a in alerts(history_db, "2024-07-15") if a["kind"] == "missed_anniversary"]


def test_a_second_analysis_adds_nothing(history_db):
    first = alerts(history_db, "2024-07-21")
    result = shiftwatch("analyze", "--as-of", "2024-07-21", db=history_db)
    assert result.stdout.splitlines()[0] == f"{len(first)} alert(s) as of 2024-07-21, 0 new"
    assert [a["id"] for a in first] == [a["id"] for a in alerts(history_db, "2024-07-21")]


def test_a_year_that_was_marked_raises_nothing(tmp_path):
    write_history(tmp_path / "h.jsonl", last_year=2024, marked_until=2024)
    db = tmp_path / "m.db"
    shiftwatch("load", str(tmp_path / "h.jsonl"), db=db)
    assert not [a for a in alerts(db, "2024-07-20") if a["kind"] == "missed_anniversary"]


def test_no_alert_where_the_sources_were_not_read_in_the_window(tmp_path):
    write_history(tmp_path / "h.jsonl", last_year=2024, marked_until=2023, read_in_last_year=False)
    db = tmp_path / "u.db"
    shiftwatch("load", str(tmp_path / "h.jsonl"), db=db)
    assert not [a for a in alerts(db, "2024-07-20") if a["kind"] == "missed_anniversary"]
