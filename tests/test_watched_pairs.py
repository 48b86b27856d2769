"""Alerts concern the watched pairs: `[analysis] watch_pairs`, by default the pairs of the anniversaries file.
Every pair stays in the database; only alerts are limited."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from alerts.compare import Settings, data_pairs, find_alerts
from alerts.compare.analysis import analyze
from alerts.compare.history import Event, History
from crawler.config import load_config
from crawler.errors import ConfigError
from crawler.extract.anniversaries import Anniversary
from crawler.store import Store

pytestmark = pytest.mark.timeout(120)

TREATY = Anniversary(
    id="treaty",
    name="Treaty of Friendship",
    base_date="1961-07-11",
    countries=("PRK", "CHN"),
    phrases=("friendship treaty",),
)
AS_OF = dt.date(2024, 7, 10)
FIRST_DAY, LAST_DAY = dt.date(2023, 1, 1), dt.date(2024, 7, 31)
# contacts a month from 2023-06: a quiet year, then a surge in 2024-06
SURGE = [1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 6]
_ids = itertools.count()


def surge(a: str, b: str) -> list[Event]:
    """Visits between two states on the 10th, 11th, ... of each month from 2023-06, six in 2024-06."""
    events = []
    year, month = 2023, 6
    for count in SURGE:
        for i in range(count):
            number = next(_ids)
            day = dt.date(year, month, 10 + i).isoformat()
            events.append(
                Event(
                    id=f"c{number}",
                    doc=f"cdoc{number}",
                    kind="visit",
                    actors=(a,),
                    targets=(b,),
                    dyad=(min(a, b), max(a, b)),
                    date=day,
                    evidence=f"A delegation of {a} visited {b} ({number}).",
                    url=f"https://news.example/c{number}",
                    source="agency",
                    published=day,
                )
            )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return events


def history(anniversaries: list[Anniversary], *pairs: tuple[str, str]) -> History:
    h = History(anniversaries=anniversaries)
    day = FIRST_DAY
    while day <= LAST_DAY:
        h.add_documents("agency", day, 3)
        day += dt.timedelta(days=1)
    for a, b in pairs:
        h.events.extend(surge(a, b))
    return h


def surges(h: History, settings: dict | None = None) -> list[str]:
    return [alert.key for alert in find_alerts(h, AS_OF, settings) if alert.kind == "contact_surge"]


def test_a_surge_between_unwatched_states_is_not_raised_and_a_watched_pair_is():
    h = history([TREATY], ("JPN", "KOR"), ("CHN", "PRK"))
    assert surges(h) == ["contact_surge:CHN-PRK:2024-06"]
    assert surges(history([TREATY], ("JPN", "KOR"))) == []


def test_configured_watch_pairs_replace_those_of_the_data_files():
    h = history([TREATY], ("JPN", "KOR"), ("CHN", "PRK"))
    assert surges(h, {"watch_pairs": ["KOR-JPN"]}) == ["contact_surge:JPN-KOR:2024-06"]
    assert surges(h, {"watch_pairs": ["PRK-CHN", "KOR-JPN"]}) == [
        "contact_surge:CHN-PRK:2024-06",
        "contact_surge:JPN-KOR:2024-06",
    ]


def test_with_no_pair_in_the_data_files_every_pair_is_watched():
    h = history([], ("JPN", "KOR"), ("CHN", "PRK"))
    assert surges(h) == ["contact_surge:CHN-PRK:2024-06", "contact_surge:JPN-KOR:2024-06"]


def test_source_alerts_have_no_pair_and_are_always_raised():
    h = history([TREATY], ("JPN", "KOR"))
    silent = [a.key for a in find_alerts(h, dt.date(2024, 8, 20)) if a.kind == "source_silent"]
    assert silent == ["source_silent:agency:2024-07-31"]


def test_data_pairs_are_those_of_anniversaries_expected_to_be_marked():
    national = Anniversary(
        id="day",
        name="National day",
        base_date="1948-09-09",
        countries=("PRK", "RUS", "LAO"),
        phrases=("national day",),
        scope="national",
    )
    own = Anniversary(
        id="birthday", name="Birthday", base_date="1912-04-15", countries=("PRK",), phrases=("birthday",)
    )
    dated_only = Anniversary(
        id="war",
        name="War",
        base_date="1950-06-25",
        countries=("USA", "PRK"),
        phrases=("war",),
        alert=False,
    )
    assert data_pairs([TREATY, national, own, dated_only]) == {
        ("CHN", "PRK"),
        ("PRK", "RUS"),
        ("LAO", "PRK"),
    }


@pytest.mark.parametrize("bad", ["PRK/CHN", "PRK-PRK", "prk-chn", "PRK-CHN-RUS"])
def test_a_malformed_watch_pair_is_a_config_error_naming_it(bad):
    with pytest.raises(ConfigError, match=rf"\[analysis\] watch_pairs: '{bad}' is not a pair of states"):
        Settings.from_config({"watch_pairs": [bad]})


# --- the default from a data folder of another pair, through the database ---------------------------------


def test_by_default_alerts_name_the_pairs_of_the_configured_anniversaries_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "anniversaries.toml").write_text(
        '[[anniversary]]\nid = "elysee"\nname = "Elysee Treaty"\nbase_date = "1963-01-22"\n'
        'countries = ["FRA", "DEU"]\nphrases = ["elysee treaty"]\n'
    )
    (tmp_path / "shiftwatch.toml").write_text(f'[data]\ndir = "{seeds}"\n')
    config = load_config(tmp_path / "shiftwatch.toml")
    h = history([], ("FRA", "DEU"), ("CHN", "PRK"))
    with Store(tmp_path / "t.db") as store:
        for day, count in h.documents["agency"].items():
            for n in range(count):
                store.save_document(
                    {
                        "id": f"agency-{day}-{n}",
                        "url": f"https://news.example/{day}/{n}",
                        "title": "t",
                        "published": day.isoformat(),
                        "source": "agency",
                        "found_by": "jsonl",
                        "text": f"agency {day} {n}",
                    }
                )
        for event in h.events:
            store.save_document(
                {
                    "id": event.doc,
                    "url": event.url,
                    "title": "t",
                    "published": event.published,
                    "source": event.source,
                    "found_by": "jsonl",
                    "text": event.evidence,
                }
            )
            row = {k: v for k, v in event.__dict__.items() if k not in ("doc", "published", "dyad")}
            row["actors"], row["targets"], row["dyad"] = (
                list(event.actors),
                list(event.targets),
                "-".join(event.dyad),
            )
            store.replace_events(event.doc, [row], version="test")
        result = analyze(store, config, as_of=AS_OF)
        assert [item.alert.key for item in result.alerts] == ["contact_surge:DEU-FRA:2024-06"]
        # the other pair is still in the database to browse
        dyads = {row["dyad"] for row in store.iter_events()}
        assert dyads == {"DEU-FRA", "CHN-PRK"}
