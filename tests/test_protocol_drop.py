"""protocol_drop: a customary anniversary marked on one side at a lower protocol tier than in every recent year.

A generated history of treaty receptions (our own texts), judged by the pure `find_alerts` from table-driven
cases and once through the real command line from article texts (extraction included).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import shiftwatch

from alerts.compare import Settings, find_alerts
from alerts.compare.attendance import Participant
from alerts.compare.history import Event, History
from crawler.extract.anniversaries import Anniversary

TREATY = Anniversary(
    id="prk-chn-treaty",
    name="Treaty of Friendship",
    base_date="1961-07-11",
    countries=("PRK", "CHN"),
    phrases=("treaty of friendship",),
)
FIRST, LAST = 2025, 2031
AS_OF = dt.date(LAST, 7, 20)  # judged a week after the due date


def history(prk_tiers: dict[int, int | None], *, absence_in: int | None = None) -> History:
    """A treaty reception in Pyongyang every year: the Chinese ambassador on one side, and on the DPRK side a
    participant of the tier given for that year (None: no DPRK participant named)."""
    events, participants = [], []
    for year in range(FIRST, LAST + 1):
        event_id, doc = f"e{year}", f"reception-{year}"
        events.append(
            Event(
                id=event_id,
                doc=doc,
                kind="commemoration",
                actors=("PRK",),
                targets=("CHN",),
                dyad=("CHN", "PRK"),
                date=f"{year}-07-11",
                anniversary_id=TREATY.id,
                anniversary_base_date=TREATY.base_date,
                anniversary_ordinal=year - 1961,
                evidence=f"A reception marked the {year - 1961}th anniversary of the treaty.",
                published=f"{year}-07-12",
            )
        )
        participants.append(
            Participant(
                event_id, doc, "guest", "CHN", 5, "Zhao Weiguo", "Ambassador", sentence=f"guests {year}"
            )
        )
        tier = prk_tiers.get(year)
        if tier is not None:
            participants.append(
                Participant(
                    event_id,
                    doc,
                    "attendee",
                    "PRK",
                    tier,
                    f"Official {year}",
                    f"post of tier {tier}",
                    sentence=f"Also attending in {year} was an official of tier {tier}.",
                )
            )
        if year == absence_in:
            participants.append(
                Participant(
                    event_id,
                    doc,
                    "attendee",
                    "PRK",
                    3,
                    None,
                    "no senior officials attended",
                    absent=True,
                    sentence=f"No senior officials attended the reception in {year}.",
                )
            )
    return History(events=events, participants=participants, anniversaries=[TREATY])


def drops(h: History, as_of: dt.date = AS_OF, **settings) -> list:
    return [a for a in find_alerts(h, as_of, Settings(**settings)) if a.kind == "protocol_drop"]


def steady(last: int | None) -> dict[int, int | None]:
    return {**{year: 3 for year in range(FIRST, LAST)}, LAST: last}


def test_a_drop_below_every_recent_year_gives_one_alert_with_both_years_evidence():
    (alert,) = drops(history(steady(5)))
    assert alert.key == f"protocol_drop:CHN-PRK:prk-chn-treaty:{LAST}:PRK"
    assert alert.due == dt.date(LAST, 7, 11)
    sentences = [e["sentence"] for e in alert.evidence]
    assert sentences[:2] == [
        f"Also attending in {LAST} was an official of tier 5.",
        f"Also attending in {LAST - 1} was an official of tier 3.",
    ]
    assert alert.details["tier"] == 5 and alert.details["compared_with"] == {
        "year": LAST - 1,
        "tier": 3,
        "person": f"Official {LAST - 1}",
        "position": "post of tier 3",
        "role": "attendee",
    }
    assert alert.details["previous_tiers"] == {str(y): 3 for y in range(LAST - 5, LAST)}
    assert f"highest PRK participant in {LAST} was tier 5" in alert.title


@pytest.mark.parametrize("last", [3, 2, 1], ids=["holds", "rises", "rises to the leader"])
def test_no_alert_when_the_level_holds_or_rises(last):
    assert drops(history(steady(last))) == []


def test_a_drop_to_a_level_seen_in_one_recent_year_is_no_alert():
    tiers = {**steady(5), LAST - 3: 5}  # the lowest of the last five years was already tier 5
    assert drops(history(tiers)) == []


def test_a_reported_absence_of_senior_officials_is_evidence_of_its_own():
    (alert,) = drops(history(steady(None), absence_in=LAST))
    assert alert.details["tier"] == 4 and alert.details["highest"]["absent"]
    assert alert.evidence[0]["sentence"] == f"No senior officials attended the reception in {LAST}."


def test_too_few_earlier_years_with_participants_on_that_side_say_nothing():
    tiers = {LAST - 2: 3, LAST - 1: 3, LAST: 5}
    assert drops(history(tiers)) == []
    assert len(drops(history(tiers), protocol_min_years=2)) == 1


def test_only_the_lookback_years_count():
    tiers = {**steady(5), LAST - 1: 6}  # a year lower still, but one year ago
    assert drops(history(tiers)) == []
    assert len(drops(history(tiers), protocol_lookback_years=0, protocol_min_years=0)) == 0


def test_backtest_before_the_judging_day_and_after_max_age_says_nothing():
    h = history(steady(5))
    assert drops(h, dt.date(LAST, 7, 15)) == []  # judged a week after July 11
    assert len(drops(h, dt.date(LAST, 7, 18))) == 1
    assert drops(h, dt.date(LAST, 12, 1)) == []  # older than max_age_days: history, not news
    assert drops(h, dt.date(LAST - 1, 7, 20)) == []  # a year earlier nothing had dropped yet


def test_settings_of_protocol_drop_are_read_and_checked():
    assert Settings.from_config({"protocol_lookback_years": 3}).protocol_lookback_years == 3
    with pytest.raises(Exception, match="protocol_min_years"):
        Settings.from_config({"protocol_min_years": -1})


# --- through the command line, from article texts --------------------------------------------------------

RECEPTION = (
    "A reception was given at {venue} in Pyongyang on July 11 to mark the {n}th anniversary of the "
    "treaty of friendship, cooperation and mutual assistance between the DPRK and China.\n\n"
    "Present there on invitation were Ambassador Zhao Weiguo and staff members of the Chinese embassy here.\n\n"
    "Also attending the reception were {host}, and officials concerned.\n\n"
    "{speech}"
)
VENUES = ["Okryu Restaurant", "the Koryo Hotel", "Chongryu Restaurant", "the Taedonggang Diplomatic Club"]
# Each year's speeches in other words, so that no report reads as a syndicated copy of another.
SPEECHES = [
    "Speakers recalled the {n} years since the signing and praised cooperation in {field}.",
    "The ambassador noted progress in {field} over the past year and wished the hosts success.",
    "Both sides pledged to deepen exchanges in {field}, calling the treaty a cornerstone of the ties.",
    "A film about the history of the friendship was shown, followed by a concert and talks about {field}.",
]
FIELDS = ["trade", "agriculture", "public health", "culture and sports", "education", "railways", "fisheries"]
SENIOR = "Ro Myong Chol, vice-president of the Presidium of the Supreme People's Assembly"
JUNIOR = "Pak Sung Il, vice-minister of Foreign Affairs"


def write_receptions(path: Path, last_host: str) -> None:
    lines = []
    for year in range(FIRST, LAST + 1):
        host = last_host if year == LAST else SENIOR
        lines.append(
            {
                "id": f"reception-{year}",
                "date": f"{year}-07-12",
                "source": "KCNA",
                "title": "Reception Given for Anniversary of DPRK-China Treaty",
                "text": RECEPTION.format(
                    n=year - 1961,
                    host=host,
                    venue=VENUES[year % len(VENUES)],
                    speech=" ".join(
                        SPEECHES[(year + k) % len(SPEECHES)].format(
                            n=year - 1961, field=FIELDS[(year + k) % 7]
                        )
                        for k in range(3)
                    ),
                ),
            }
        )
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")


def analyze(db: Path, as_of: str) -> list[dict]:
    out = shiftwatch("analyze", "--as-of", as_of, "--json", db=db).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("last_host, expected", [(JUNIOR, 1), (SENIOR, 0)], ids=["drops", "holds"])
def test_receptions_read_from_texts_raise_protocol_drop_only_when_the_level_drops(
    tmp_path, last_host, expected
):
    write_receptions(tmp_path / "receptions.jsonl", last_host)
    db = tmp_path / "r.db"
    shiftwatch("load", str(tmp_path / "receptions.jsonl"), db=db)
    found = [a for a in analyze(db, f"{LAST}-07-20") if a["kind"] == "protocol_drop"]
    assert len(found) == expected
    if expected:
        (alert,) = found
        assert alert["id"] == f"protocol_drop:CHN-PRK:prk-chn-treaty:{LAST}:PRK"
        docs = [e["doc"] for e in alert["evidence"]]
        assert docs[:2] == [f"reception-{LAST}", f"reception-{LAST - 1}"]
        assert "Pak Sung Il" in alert["evidence"][0]["sentence"]
        assert "Ro Myong Chol" in alert["evidence"][1]["sentence"]
        assert alert["details"]["tier"] == 5 and alert["details"]["compared_with"]["tier"] == 3
    # the same analysis again adds nothing new
    assert all(not a["new"] for a in analyze(db, f"{LAST}-07-20") if a["kind"] == "protocol_drop")
