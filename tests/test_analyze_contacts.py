"""Contact surge, contact drop and a silent source, found by `shiftwatch analyze` from a database loaded
from article texts (extraction included), through the real command line.

The history (our own wording): a daily wire publishing every other day, two meetings of China and North
Korea and five of Russia and North Korea a month for a year, then in June 2024 five Chinese meetings and one
Russian; a second wire that published every other day until 30 April 2024 and then nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import shiftwatch

pytestmark = pytest.mark.timeout(300)

# no place named: talks held in a place of one side would be the other's visit too (two contacts, not one)
CHINA = "Chinese Foreign Minister Wang Yi met North Korean Foreign Minister Choe Son Hui on {day}."
RUSSIA = "Russian Foreign Minister Sergei Lavrov met North Korean Foreign Minister Choe Son Hui on {day}."
FILLER = "Workers at a steel complex in {city} pledged to raise output, the newspaper reported. Report {n}."
CITIES = ("Kangso", "Sunchon", "Anju", "Kaechon", "Tokchon")
AS_OF = "2024-07-10"  # June is judged from 7 July (judge_after_days)


def months(first: dt.date, count: int) -> list[dt.date]:
    out, day = [], first
    for _ in range(count):
        out.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def meeting(template: str, day: dt.date, source: str) -> dict:
    return {
        "id": f"{source}-{day}-{template[:7]}",
        "date": (day + dt.timedelta(days=1)).isoformat(),
        "source": source,
        "text": template.format(day=f"{day:%B} {day.day}"),
    }


def history() -> list[dict]:
    lines = []
    day, n = dt.date(2023, 6, 1), 0
    while day <= dt.date(2024, 7, 4):  # the daily wire: coverage for every month
        lines.append({"id": f"daily-{day}", "date": day.isoformat(), "source": "Daily Wire",
                      "text": FILLER.format(city=CITIES[n % 5], n=n)})  # fmt: skip
        day, n = day + dt.timedelta(days=2), n + 1
    day = dt.date(2024, 1, 1)
    while day <= dt.date(2024, 5, 1):  # the wire that falls silent
        lines.append({"id": f"quiet-{day}", "date": day.isoformat(), "source": "Quiet Wire",
                      "text": FILLER.format(city=CITIES[n % 5], n=n)})  # fmt: skip
        day, n = day + dt.timedelta(days=2), n + 1
    for first in months(dt.date(2023, 6, 1), 12):  # June 2023 to May 2024: the baseline
        lines += [meeting(CHINA, first + dt.timedelta(days=d), "Daily Wire") for d in (4, 18)]
        lines += [meeting(RUSSIA, first + dt.timedelta(days=d), "Daily Wire") for d in (2, 7, 12, 17, 22)]
    june = dt.date(2024, 6, 1)
    lines += [
        meeting(CHINA, june + dt.timedelta(days=d), "Daily Wire") for d in (2, 7, 12, 17, 22)
    ]  # a surge
    lines += [meeting(RUSSIA, june + dt.timedelta(days=9), "Daily Wire")]  # a drop
    return lines


@pytest.fixture(scope="module")
def contacts_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("contacts")
    (folder / "history.jsonl").write_text("\n".join(json.dumps(line) for line in history()) + "\n")
    db = folder / "contacts.db"
    shiftwatch("load", str(folder / "history.jsonl"), db=db, timeout=600)
    return db


def analyze(db: Path, as_of: str) -> dict[str, dict]:
    out = shiftwatch("analyze", "--as-of", as_of, "--json", db=db).stdout
    return {alert["id"]: alert for alert in (json.loads(line) for line in out.splitlines() if line.strip())}


def test_the_history_reads_as_written(contacts_db):
    """The extraction gives one meeting per sentence, so the counts below are the history's own."""
    rows = [json.loads(line) for line in shiftwatch("export", "events", db=contacts_db).stdout.splitlines()]
    by_pair_month: dict[tuple[str, str], int] = {}
    for e in rows:
        assert (e["kind"], e["negated"]) == ("meeting", False), e
        key = ("-".join(sorted(e["actors"] + e["targets"])), e["date"][:7])
        by_pair_month[key] = by_pair_month.get(key, 0) + 1
    assert by_pair_month[("CHN-PRK", "2024-06")] == 5 and by_pair_month[("PRK-RUS", "2024-06")] == 1
    assert {n for (pair, month), n in by_pair_month.items() if month < "2024-06" and pair == "CHN-PRK"} == {2}
    assert {n for (pair, month), n in by_pair_month.items() if month < "2024-06" and pair == "PRK-RUS"} == {5}
    assert len(rows) == 12 * 7 + 6


def test_analyze_finds_the_surge_the_drop_and_the_silent_source_and_nothing_else(contacts_db):
    found = analyze(contacts_db, AS_OF)
    assert sorted(found) == [
        "contact_drop:PRK-RUS:2024-06",
        "contact_surge:CHN-PRK:2024-06",
        "source_silent:Quiet Wire:2024-04-30",
    ]
    surge = found["contact_surge:CHN-PRK:2024-06"]
    assert surge["title"] == (
        "Contacts between CHN and PRK surged in 2024-06: 5 against a mean of 2.0 a month over the 12 months before"
    )
    assert [e["doc"] for e in surge["evidence"]] == [
        f"Daily Wire-2024-06-{d:02d}-Chinese" for d in (3, 8, 13, 18, 23)
    ]
    drop = found["contact_drop:PRK-RUS:2024-06"]
    assert drop["title"].startswith(
        "Contacts between PRK and RUS dropped in 2024-06: 1 against a mean of 5.0 a month over the 12 months before"
    )
    silent = found["source_silent:Quiet Wire:2024-04-30"]
    assert silent["title"] == (
        "Source Quiet Wire has published nothing for 71 days (since 2024-04-30); it usually publishes every 2 day(s)"
    )


def test_nothing_is_said_before_its_time(contacts_db):
    # 3 July: June ended 3 days ago, less than judge_after_days: no surge or drop yet; the silence is said
    assert sorted(analyze(contacts_db, "2024-07-03")) == ["source_silent:Quiet Wire:2024-04-30"]
    # 6 May: six days without Quiet Wire is less than 4 x its usual 2 days; March and earlier were ordinary
    assert analyze(contacts_db, "2024-05-06") == {}
