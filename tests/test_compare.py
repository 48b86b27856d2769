"""find_alerts over generated histories: table-driven cases, backtests and idempotence."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import pytest

from alerts.compare import Settings, find_alerts, ordinal_word, previous_months
from alerts.compare.analysis import analyze
from alerts.compare.history import Event, History
from alerts.store import AlertStore
from crawler.config import load_config, read_toml
from crawler.errors import ConfigError
from crawler.extract.anniversaries import Anniversary
from crawler.store import Store

pytestmark = pytest.mark.timeout(60)

TREATY = Anniversary(
    id="treaty",
    name="Treaty of Friendship",
    base_date="1961-07-11",
    countries=("PRK", "CHN"),
    phrases=("friendship treaty",),
    observed="yearly",
)
RELATIONS = Anniversary(
    id="relations",
    name="Diplomatic relations",
    base_date="1949-10-06",
    countries=("PRK", "CHN"),
    phrases=("diplomatic relations",),
    observed="round5",
)
# The data file says yearly, the history shows it marked only every fifth year.
PARTY = Anniversary(
    id="party",
    name="Party founding",
    base_date="1945-10-10",
    countries=("PRK", "CHN"),
    phrases=("party",),
    observed="yearly",
)
DAY = dt.timedelta(days=1)
_ids = itertools.count()


def days(start: dt.date, end: dt.date):
    while start <= end:
        yield start
        start += DAY


@dataclass
class Case:
    """One generated history and the alert keys expected on a date."""

    name: str
    as_of: dt.date
    expected: list[str]
    anniversaries: tuple[Anniversary, ...] = (TREATY,)
    marked: dict[str, list[int]] = field(
        default_factory=dict
    )  # anniversary id -> years marked on the due day
    docs: tuple[dt.date, dt.date] = (dt.date(2015, 1, 1), dt.date(2024, 12, 31))
    gaps: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # no documents at all on these days
    extra: list[Event] = field(default_factory=list)
    settings: dict = field(default_factory=dict)


def marking(
    anniversary: Anniversary,
    year: int,
    *,
    kind: str = "commemoration",
    negated: bool = False,
    actors: tuple[str, ...] = ("PRK",),
    date: str | None = None,
    published: str | None = None,
    ordinal: bool = True,
    evidence: str | None = None,
) -> Event:
    due = anniversary.due(year).isoformat()
    number = next(_ids)
    return Event(
        id=f"e{number}",
        doc=f"doc{number}",
        kind=kind,
        actors=actors,
        targets=(),
        dyad=None,
        date=due if date is None else date,
        anniversary_id=anniversary.id,
        anniversary_base_date=anniversary.base_date,
        anniversary_ordinal=anniversary.ordinal(year) if ordinal else None,
        negated=negated,
        evidence=evidence or f"Pyongyang marked the {ordinal_word(anniversary.ordinal(year))} anniversary.",
        url=f"https://news.example/{number}",
        source="agency",
        published=published or due,
    )


def contact(day: dt.date, *, kind: str = "visit", dyad=("CHN", "PRK")) -> Event:
    number = next(_ids)
    return Event(
        id=f"c{number}",
        doc=f"cdoc{number}",
        kind=kind,
        actors=(dyad[0],),
        targets=(dyad[1],),
        dyad=dyad,
        date=day.isoformat(),
        evidence=f"A delegation visited ({number}).",
        url=f"https://news.example/c{number}",
        source="agency",
        published=day.isoformat(),
    )


def build(case: Case) -> History:
    history = History(anniversaries=list(case.anniversaries))
    for day in days(*case.docs):
        if any(start <= day <= end for start, end in case.gaps):
            continue
        history.add_documents("agency", day, 3)
        history.add_documents("daily", day, 1)
    for anniversary in case.anniversaries:
        for year in case.marked.get(anniversary.id, []):
            history.events.append(marking(anniversary, year))
    history.events.extend(case.extra)
    return history


def monthly_contacts(first: str, counts: list[int]) -> list[Event]:
    """Contacts on the 10th, 11th, ... of consecutive months from `first` (YYYY-MM)."""
    events = []
    year, month = int(first[:4]), int(first[5:7])
    for count in counts:
        events += [contact(dt.date(year, month, 10 + i)) for i in range(count)]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return events


CASES = [
    Case(
        "yearly anniversary marked 8 years then missed: one alert",
        dt.date(2024, 7, 20),
        ["missed_anniversary:CHN-PRK:treaty:2024"],
        marked={"treaty": list(range(2016, 2024))},
    ),
    Case(
        "the same with no documents in the window: nothing",
        dt.date(2024, 7, 20),
        [],
        marked={"treaty": list(range(2016, 2024))},
        gaps=[(dt.date(2024, 7, 8), dt.date(2024, 7, 14))],
    ),
    Case(
        "the same with documents at a fifth of the usual rate: nothing",
        dt.date(2024, 7, 20),
        [],
        marked={"treaty": list(range(2016, 2024))},
        gaps=[(dt.date(2024, 7, 8), dt.date(2024, 7, 13))],
    ),
    Case(
        "marked this year too: nothing", dt.date(2024, 7, 20), [], marked={"treaty": list(range(2016, 2025))}
    ),
    Case(
        "not judged before judge_after_days: nothing",
        dt.date(2024, 7, 17),
        [],
        marked={"treaty": list(range(2016, 2024))},
    ),
    Case("marked only once before: not customary", dt.date(2024, 7, 20), [], marked={"treaty": [2020]}),
    Case(
        "marked in 3 of 9 read years: not customary",
        dt.date(2024, 7, 20),
        [],
        marked={"treaty": [2017, 2020, 2023]},
    ),
    Case(
        "judged long ago: older than max_age_days, nothing",
        dt.date(2024, 12, 20),
        [],
        marked={"treaty": list(range(2016, 2024))},
    ),
    Case(
        "round-year anniversary in a non-round year: nothing",
        dt.date(2023, 10, 20),
        [],
        anniversaries=(RELATIONS,),
        docs=(dt.date(1998, 1, 1), dt.date(2024, 12, 31)),
        marked={"relations": [1999, 2004, 2009, 2014, 2019]},
    ),
    Case(
        "round-year anniversary missed in a round year: one alert",
        dt.date(2024, 10, 20),
        ["missed_anniversary:CHN-PRK:relations:2024"],
        anniversaries=(RELATIONS,),
        docs=(dt.date(1998, 1, 1), dt.date(2024, 12, 31)),
        marked={"relations": [1999, 2004, 2009, 2014, 2019]},
    ),
    Case(
        "round-year pattern learned from the history: nothing in a non-round year",
        dt.date(2023, 10, 25),
        [],
        anniversaries=(PARTY,),
        docs=(dt.date(1993, 1, 1), dt.date(2024, 12, 31)),
        marked={"party": [1995, 2000, 2005, 2010, 2015, 2020]},
    ),
    Case(
        "round-year pattern learned from the history: missed in a round year",
        dt.date(2025, 10, 25),
        ["missed_anniversary:CHN-PRK:party:2025"],
        anniversaries=(PARTY,),
        docs=(dt.date(1993, 1, 1), dt.date(2025, 12, 31)),
        marked={"party": [1995, 2000, 2005, 2010, 2015, 2020]},
    ),
    Case(
        "a late report naming the ordinal counts as marking",
        dt.date(2024, 7, 30),
        [],
        marked={"treaty": list(range(2016, 2024))},
        extra=[marking(TREATY, 2024, date="2024-07-22", published="2024-07-22")],
    ),
    Case(
        "a reported absence: one alert",
        dt.date(2024, 7, 30),
        ["reported_absence:CHN-PRK:treaty:2024"],
        docs=(dt.date(2024, 1, 1), dt.date(2024, 7, 30)),
        extra=[marking(TREATY, 2024, negated=True, date="2024-07-11", published="2024-07-28", ordinal=False)],
    ),
    Case(
        "two reports of one absence: one alert",
        dt.date(2024, 7, 30),
        ["reported_absence:CHN-PRK:treaty:2024"],
        docs=(dt.date(2024, 1, 1), dt.date(2024, 7, 30)),
        extra=[
            marking(TREATY, 2024, negated=True, published="2024-07-28"),
            marking(TREATY, 2024, negated=True, published="2024-07-29"),
        ],
    ),
    Case(
        "a reported absence published after as_of: nothing yet",
        dt.date(2024, 7, 27),
        [],
        docs=(dt.date(2024, 1, 1), dt.date(2024, 7, 30)),
        extra=[marking(TREATY, 2024, negated=True, published="2024-07-28")],
    ),
    Case(
        "a contact surge: one alert",
        dt.date(2024, 7, 10),
        ["contact_surge:CHN-PRK:2024-06"],
        docs=(dt.date(2023, 1, 1), dt.date(2024, 7, 31)),
        extra=monthly_contacts("2023-06", [1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 6]),
    ),
    Case(
        "a few more contacts than usual, under min_contacts: nothing",
        dt.date(2024, 7, 10),
        [],
        docs=(dt.date(2023, 1, 1), dt.date(2024, 7, 31)),
        extra=monthly_contacts("2023-06", [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 3]),
    ),
    Case(
        "a contact drop: one alert",
        dt.date(2024, 7, 10),
        ["contact_drop:CHN-PRK:2024-06"],
        docs=(dt.date(2023, 1, 1), dt.date(2024, 7, 31)),
        extra=monthly_contacts("2023-06", [5, 6, 5, 4, 6, 5, 5, 6, 4, 5, 6, 5, 1]),
    ),
    Case(
        "no contacts while nothing was read: no drop (the sources fell silent)",
        dt.date(2024, 7, 10),
        ["source_silent:agency:2024-05-31", "source_silent:daily:2024-05-31"],
        docs=(dt.date(2023, 1, 1), dt.date(2024, 5, 31)),
        extra=monthly_contacts("2023-06", [5, 6, 5, 4, 6, 5, 5, 6, 4, 5, 6, 5, 0]),
    ),
    Case(
        "a source silent for much longer than its usual gap",
        dt.date(2024, 3, 20),
        ["source_silent:agency:2024-03-01", "source_silent:daily:2024-03-01"],
        docs=(dt.date(2024, 1, 1), dt.date(2024, 3, 1)),
    ),
    Case(
        "a source that publishes daily, read yesterday: nothing",
        dt.date(2024, 3, 2),
        [],
        docs=(dt.date(2024, 1, 1), dt.date(2024, 3, 1)),
    ),
    Case(
        "the same, with greetings between the pair a day after the due day that name no occasion: nothing",
        dt.date(2024, 7, 20),
        [],
        marked={"treaty": list(range(2016, 2024))},
        extra=[contact(dt.date(2024, 7, 12), kind="message")],
    ),
    Case(
        "the same, with the greetings a week after the due day: one alert",
        dt.date(2024, 7, 20),
        ["missed_anniversary:CHN-PRK:treaty:2024"],
        marked={"treaty": list(range(2016, 2024))},
        extra=[contact(dt.date(2024, 7, 18), kind="message")],
    ),
    Case(
        "the same, with the greetings on the day between another pair: one alert",
        dt.date(2024, 7, 20),
        ["missed_anniversary:CHN-PRK:treaty:2024"],
        marked={"treaty": list(range(2016, 2024))},
        extra=[contact(dt.date(2024, 7, 11), kind="message", dyad=("PRK", "RUS"))],
    ),
    Case(
        "the same, with a reception between the pair on the day that names no occasion: one alert",
        dt.date(2024, 7, 20),
        ["missed_anniversary:CHN-PRK:treaty:2024"],
        marked={"treaty": list(range(2016, 2024))},
        extra=[contact(dt.date(2024, 7, 11), kind="meeting")],
    ),
    Case(
        "unnamed greetings on the day every year teach no custom: nothing",
        dt.date(2024, 7, 20),
        [],
        extra=[contact(dt.date(year, 7, 11), kind="message") for year in range(2016, 2024)],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_find_alerts(case: Case):
    alerts = find_alerts(build(case), case.as_of, case.settings)
    assert [alert.key for alert in alerts] == case.expected


def test_missed_anniversary_has_title_due_date_and_past_markings_as_evidence():
    case = CASES[0]
    (alert,) = find_alerts(build(case), case.as_of)
    assert alert.kind == "missed_anniversary" and alert.dyad == ("CHN", "PRK")
    assert alert.due == dt.date(2024, 7, 11) and alert.base_date == "1961-07-11"
    assert (
        "63rd anniversary" in alert.title and "8 of the last 9 years" in alert.title
    )  # 2015 was read, not marked
    assert alert.evidence[0]["sentence"] == "Pyongyang marked the 62nd anniversary."
    assert alert.evidence[0]["url"].startswith("https://news.example/")
    assert alert.details["pattern"] == "yearly" and alert.details["marked_years"] == list(range(2016, 2024))


def test_round_pattern_learned_is_reported():
    case = CASES[11]
    (alert,) = find_alerts(build(case), case.as_of)
    assert alert.details["pattern"] == "round5" and alert.details["data_file_pattern"] == "yearly"
    assert "80th anniversary" in alert.title


def test_reported_absence_row_has_the_table_columns():
    case = CASES[13]
    (alert,) = find_alerts(build(case), case.as_of)
    row = alert.to_row()
    assert row["id"] == alert.key == alert.id
    assert row["dyad"] == ["CHN", "PRK"] and row["due"] == "2024-07-11" and row["as_of"] == "2024-07-30"
    assert row["evidence"] == [alert.evidence[0]] and set(row["evidence"][0]) == {"doc", "url", "sentence"}


def test_anniversary_without_data_file_entry_is_learned_from_its_base_date():
    base = Anniversary(id="x", name="x", base_date="1990-03-05", countries=("CHN", "PRK"), phrases=())
    history = build(Case("", dt.date(2024, 3, 20), [], anniversaries=()))
    for year in range(2016, 2024):
        event = marking(base, year, actors=("CHN", "PRK"))
        history.events.append(Event(**{**event.__dict__, "anniversary_id": None}))
    (alert,) = find_alerts(history, dt.date(2024, 3, 20))
    assert alert.key == "missed_anniversary:CHN-PRK:learned-1990-03-05:2024"


def test_backtest_replay_fires_each_alert_once_on_the_day_it_becomes_known():
    history = build(
        Case(
            "",
            dt.date(2024, 12, 31),
            [],
            marked={"treaty": list(range(2016, 2024))},
            extra=[marking(TREATY, 2024, negated=True, published="2024-09-02")],
        )
    )
    fired: dict[str, dt.date] = {}
    for day in days(dt.date(2024, 6, 1), dt.date(2024, 10, 31)):
        for alert in find_alerts(history, day):
            fired.setdefault(alert.key, day)
    assert fired == {
        "missed_anniversary:CHN-PRK:treaty:2024": dt.date(2024, 7, 18),
        "reported_absence:CHN-PRK:treaty:2024": dt.date(2024, 9, 2),
    }


def test_same_history_gives_same_alerts():
    case = CASES[0]
    history = build(case)
    first = [alert.to_row() for alert in find_alerts(history, case.as_of)]
    assert first and first == [alert.to_row() for alert in find_alerts(history, case.as_of)]


# --- settings -------------------------------------------------------------------------------------------


def test_settings_defaults_match_the_documented_defaults_file():
    table = read_toml(load_config.__globals__["DEFAULTS_FILE"])["analysis"]
    assert Settings.from_config(table) == Settings()
    assert set(table) == set(Settings.__dataclass_fields__)


def test_unknown_or_bad_setting_is_a_config_error_naming_it():
    with pytest.raises(ConfigError, match="window_dayz"):
        Settings.from_config({"window_dayz": 3})
    with pytest.raises(ConfigError, match=r"min_contacts = 'many'"):
        Settings.from_config({"min_contacts": "many"})


def test_wider_window_finds_an_early_marking():
    case = Case(
        "",
        dt.date(2024, 7, 20),
        [],
        marked={"treaty": list(range(2016, 2024))},
        extra=[marking(TREATY, 2024, date="2024-07-06", ordinal=False)],
    )
    assert [a.kind for a in find_alerts(build(case), case.as_of)] == ["missed_anniversary"]
    assert find_alerts(build(case), case.as_of, {"window_days": 5}) == []


def test_previous_months_cross_the_year():
    assert previous_months("2024-02", 3) == ["2023-11", "2023-12", "2024-01"]


# --- through the database -------------------------------------------------------------------------------


def _store_history(store: Store, history: History) -> None:
    """Write a generated history into the database the way the loader and the extractor do."""
    for source, per_day in history.documents.items():
        for day, count in per_day.items():
            for n in range(count):
                store.save_document(
                    {
                        "id": f"{source}-{day}-{n}",
                        "url": f"https://news.example/{source}/{day}/{n}",
                        "title": "t",
                        "published": day.isoformat(),
                        "source": source,
                        "found_by": "jsonl",
                        "text": f"{source} {day} {n}",
                    }
                )
    for event in history.events:
        store.save_document(
            {
                "id": event.doc,
                "url": event.url,
                "title": "t",
                "published": event.published,
                "source": event.source,
                "found_by": "jsonl",
                "text": event.evidence + event.doc,
            }
        )
        row = {key: value for key, value in event.__dict__.items() if key not in ("doc", "published", "dyad")}
        row["actors"], row["targets"] = list(event.actors), list(event.targets)
        row["dyad"] = "-".join(event.dyad) if event.dyad else None
        store.replace_events(event.doc, [row], version="test")


@pytest.fixture
def treaty_store(tmp_path):
    history = build(
        Case(
            "",
            dt.date(2024, 8, 31),
            [],
            docs=(dt.date(2021, 1, 1), dt.date(2024, 8, 31)),
            marked={"treaty": [2021, 2022, 2023]},
            extra=[marking(TREATY, 2024, negated=True, published="2024-07-28")],
        )
    )
    with Store(tmp_path / "t.db") as store:
        _store_history(store, history)
        yield store


@pytest.fixture
def treaty_config(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "anniversaries.toml").write_text(
        '[[anniversary]]\nid = "treaty"\nname = "Treaty of Friendship"\nbase_date = "1961-07-11"\n'
        'countries = ["PRK", "CHN"]\nphrases = ["friendship treaty"]\n'
    )
    config_file = tmp_path / "shiftwatch.toml"
    config_file.write_text(f'[data]\ndir = "{seeds}"\n')
    return load_config(config_file)


def test_analysis_again_adds_nothing_new(treaty_store, treaty_config):
    first = analyze(treaty_store, treaty_config, as_of=dt.date(2024, 8, 1))
    assert sorted(item.alert.key for item in first.alerts if item.new) == [
        "missed_anniversary:CHN-PRK:treaty:2024",
        "reported_absence:CHN-PRK:treaty:2024",
    ]
    second = analyze(treaty_store, treaty_config, as_of=dt.date(2024, 8, 1))
    assert [item.alert.key for item in second.alerts] == [item.alert.key for item in first.alerts]
    assert not any(item.new for item in second.alerts)
    assert len(list(AlertStore(treaty_store).iter_alerts())) == 2
    assert "(new)" not in second.render() and "Pyongyang marked the 62nd anniversary." in second.render()


def test_backtest_uses_only_documents_published_by_then(treaty_store, treaty_config):
    before = analyze(treaty_store, treaty_config, as_of=dt.date(2024, 7, 17))
    assert before.alerts == [] and before.render() == "no alerts as of 2024-07-17"
    # the absence is reported on 2024-07-28: a backtest on the 20th sees the missed anniversary only
    middle = analyze(treaty_store, treaty_config, as_of=dt.date(2024, 7, 20))
    assert [item.alert.kind for item in middle.alerts] == ["missed_anniversary"]
    stored = {row["id"]: row for row in AlertStore(treaty_store).iter_alerts()}
    assert stored["missed_anniversary:CHN-PRK:treaty:2024"]["as_of"] == "2024-07-20"
    later = analyze(treaty_store, treaty_config, as_of=dt.date(2024, 7, 28))
    assert [(item.alert.kind, item.new) for item in later.alerts] == [
        ("missed_anniversary", False),
        ("reported_absence", True),
    ]
