"""reported_absence only for a past absence of an expected event: a marking of an anniversary the data file
expects, or a contact, reported as not having happened before the report. Refusals, warnings, future
"will not", rhetorical "never" and "not a gift" are no absence. Events shaped as the extraction gives them,
with sentences of our own; then the same through the real command line from texts."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from helpers import shiftwatch

from alerts.compare import find_alerts
from alerts.compare.history import Event, History
from crawler.extract.anniversaries import Anniversary

pytestmark = pytest.mark.timeout(120)

TREATY = Anniversary(
    id="treaty",
    name="Treaty of Friendship",
    base_date="1961-07-11",
    countries=("PRK", "CHN"),
    phrases=("friendship treaty",),
)
PARTNERSHIP = Anniversary(
    id="partnership",
    name="Partnership treaty",
    base_date="2024-06-19",
    countries=("PRK", "RUS"),
    phrases=("partnership treaty",),
)
# Linked and dated by, never expected to be marked.
OUTBREAK = Anniversary(
    id="outbreak",
    name="Outbreak of the war",
    base_date="1950-06-25",
    countries=("PRK", "CHN"),
    phrases=("outbreak of the war",),
    alert=False,
)
AS_OF = dt.date(2024, 7, 25)
_ids = itertools.count()


def negated(
    evidence: str,
    kind: str,
    actors: tuple[str, ...],
    targets: tuple[str, ...] = (),
    *,
    date: str,
    published: str,
    anniversary: Anniversary | None = None,
    ordinal: int | None = None,
) -> Event:
    number = next(_ids)
    return Event(
        id=f"e{number}",
        doc=f"doc{number}",
        kind=kind,
        actors=actors,
        targets=targets,
        date=date,
        anniversary_id=anniversary.id if anniversary else None,
        anniversary_base_date=anniversary.base_date if anniversary else None,
        anniversary_ordinal=ordinal,
        negated=True,
        evidence=evidence,
        url=f"https://news.example/{number}",
        source="wire",
        published=published,
    )


def absences(*events: Event) -> list[str]:
    history = History(events=list(events), anniversaries=[TREATY, PARTNERSHIP, OUTBREAK])
    return [alert.key for alert in find_alerts(history, AS_OF) if alert.kind == "reported_absence"]


NOT_ABSENCES = {
    "a refusal": negated(
        "North Korea refused to receive the Chinese trade delegation.",
        "rejection",
        ("PRK",),
        ("CHN",),
        date="2024-07-19",
        published="2024-07-20",
    ),
    "a warning": negated(
        "China was warned not to send warships near Korea.",
        "criticism",
        ("PRK",),
        ("CHN",),
        date="2024-07-20",
        published="2024-07-20",
    ),
    "a future 'will not' with its date": negated(
        "Pyongyang said it will not send a delegation to Beijing next month.",
        "visit",
        ("PRK",),
        ("CHN",),
        date="2024-08",
        published="2024-07-20",
    ),
    "a future 'there will be no' dated by its report": negated(
        "There will be no talks with Russia this year, the ministry said.",
        "meeting",
        ("PRK", "RUS"),
        date="2024-07-20",
        published="2024-07-20",
    ),
    "a rhetorical 'never'": negated(
        "North Korea will never hold talks with China on such terms.",
        "meeting",
        ("CHN", "PRK"),
        date="2024-07-20",
        published="2024-07-20",
    ),
    "'never' read as a message": negated(
        "Russia can never write off its debts to Korea, the commentary said.",
        "message",
        ("RUS",),
        ("PRK",),
        date="2024-07-20",
        published="2024-07-20",
    ),
    "'not a gift' read as support": negated(
        "The rice China sent to the DPRK is not a gift.",
        "support",
        ("CHN",),
        ("PRK",),
        date="2024-07-20",
        published="2024-07-20",
    ),
    "'not a gift' read as a message": negated(
        "The rice China sent to the DPRK is not a gift.",
        "message",
        ("CHN", "PRK"),
        date="2024-07-20",
        published="2024-07-20",
    ),
    "an anniversary not marked in a later year, said now": negated(
        "China will not mark the 65th anniversary of the friendship treaty with a parade.",
        "commemoration",
        ("CHN",),
        ("PRK",),
        date="2024-07-20",
        published="2024-07-20",
        anniversary=TREATY,
        ordinal=65,
    ),
    "an anniversary not expected to be marked": negated(
        "Beijing held no event on the anniversary of the outbreak of the war.",
        "commemoration",
        ("CHN",),
        ("PRK",),
        date="2024-06-25",
        published="2024-06-27",
        anniversary=OUTBREAK,
        ordinal=74,
    ),
}


@pytest.mark.parametrize("event", NOT_ABSENCES.values(), ids=list(NOT_ABSENCES))
def test_refusals_futures_rhetoric_and_unexpected_events_are_no_reported_absence(event):
    assert absences(event) == []


ABSENCES = {
    "did not carry any articles on the anniversary": (
        negated(
            "Chinese state newspapers did not carry any articles on the 63rd anniversary of the friendship treaty.",
            "commemoration",
            ("CHN",),
            ("PRK",),
            date="2024-07-11",
            published="2024-07-13",
            anniversary=TREATY,
            ordinal=63,
        ),
        "reported_absence:CHN-PRK:treaty:2024",
    ),
    "skipped the reception": (
        negated(
            "Xi Jinping skipped the reception marking the anniversary of the friendship treaty on Thursday.",
            "commemoration",
            ("CHN",),
            ("PRK",),
            date="2024-07-11",
            published="2024-07-12",
            anniversary=TREATY,
        ),
        "reported_absence:CHN-PRK:treaty:2024",
    ),
    "no senior officials attended, at a reception held the day before the anniversary": (
        negated(
            "No senior Chinese officials attended the reception on Wednesday for the 63rd anniversary of the "
            "friendship treaty.",
            "commemoration",
            ("CHN",),
            ("PRK",),
            date="2024-07-10",
            published="2024-07-10",
            anniversary=TREATY,
            ordinal=63,
        ),
        "reported_absence:CHN-PRK:treaty:2024",
    ),
    "did not visit last month": (
        negated(
            "Russian President Vladimir Putin did not visit Pyongyang last month, contrary to reports.",
            "visit",
            ("RUS",),
            ("PRK",),
            date="2024-06",
            published="2024-07-13",
        ),
        "reported_absence:PRK-RUS:visit:doc",
    ),
}


@pytest.mark.parametrize(("event", "key"), ABSENCES.values(), ids=list(ABSENCES))
def test_a_past_absence_of_an_expected_event_is_one_reported_absence(event, key):
    found = absences(event)
    assert len(found) == 1 and found[0].startswith(key)


def test_an_absence_of_an_unwatched_pair_is_no_alert():
    event = negated(
        "The Japanese prime minister did not visit Seoul last month.",
        "visit",
        ("JPN",),
        ("KOR",),
        date="2024-06",
        published="2024-07-13",
    )
    assert absences(event) == []


# --- from texts, through the real command line -------------------------------------------------------------

TEXTS = [
    # absences: a past marking of the treaty anniversary not made
    (
        "carry",
        "2024-07-13",
        "Chinese state newspapers did not carry any articles on the 63rd anniversary of the friendship treaty "
        "between North Korea and China on Thursday.",
    ),
    # not absences: headlines of rhetoric and futures about a watched pair
    ("never", "2024-07-20", "DPRK Will Never Hold Talks with China"),
    ("notalks", "2024-07-20", "There Will Be No Talks with Russia"),
    ("gift", "2024-07-20", "Rice Sent to DPRK by China Is Not 'Gift'"),
    (
        "refusal",
        "2024-07-20",
        "North Korea refused to receive the Chinese trade delegation, the ministry said.",
    ),
]


def test_from_texts_only_the_past_absence_of_a_marking_is_reported(tmp_path):
    lines = [{"id": doc, "date": date, "source": "KCNA", "text": text} for doc, date, text in TEXTS]
    (tmp_path / "t.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    db = tmp_path / "t.db"
    shiftwatch("load", str(tmp_path / "t.jsonl"), db=db)
    out = shiftwatch("analyze", "--as-of", "2024-07-25", "--json", db=db).stdout
    found = [json.loads(line) for line in out.splitlines() if line.strip()]
    absent = [alert for alert in found if alert["kind"] == "reported_absence"]
    assert [alert["id"] for alert in absent] == ["reported_absence:CHN-PRK:prk-chn-treaty:2024"]
    assert [e["doc"] for e in absent[0]["evidence"]] == ["carry"]
