"""Headlines: title case read as a sentence, and a document that is only a headline is a document."""

from __future__ import annotations

import json

import pytest
from helpers import shiftwatch

from crawler.extract.articles import Boilerplate, read_text
from crawler.extract.headlines import headline_sentence, is_title_case, lexicon_test, name_words

LEXICON = lexicon_test(
    ["anniversary", "treaty", "mark", "reception", "give", "given", "host", "ambassador", "of", "to", "meet"]
)
KEEP = name_words(["Kim Jong Il", "China", "DPRK", "Sino", "Medvedev"])


@pytest.mark.parametrize(
    "title, sentence",
    [
        ("Anniversary of DPRK-China Treaty Marked", "Anniversary of DPRK-China treaty marked."),
        ("Chinese Ambassador Hosts Reception", "Chinese ambassador hosts reception."),
        ("Reception Given by Kim Jong Il", "Reception given by Kim Jong Il."),
        ("Reception given by Kim Jong Il", "Reception given by Kim Jong Il."),  # sentence case: as written
        ("Mangyongdae Treaty Marked!", "Mangyongdae treaty marked!"),  # an unknown word keeps its capital
        ("  Treaty   Marked:  ", "Treaty marked."),
        ("Kim Jong Il Meets Medvedev", "Kim Jong Il meets Medvedev."),  # one word after the first tells
    ],
)
def test_headline_becomes_a_sentence(title, sentence):
    assert headline_sentence(title, LEXICON, KEEP) == sentence


def test_title_case_needs_most_longer_words_capitalised():
    assert is_title_case("Anniversary of Treaty Marked", KEEP)
    assert not is_title_case("Anniversary of treaty marked in Pyongyang", KEEP)
    assert not is_title_case("Treaty", KEEP)
    assert is_title_case("Kim Jong Il Meets Medvedev", KEEP)  # the one longer word is not the first
    assert not is_title_case("Meets Medvedev", KEEP)  # the first word is capitalised in any sentence
    assert not is_title_case("Kim Jong Il meets Medvedev", KEEP)


def test_a_headline_alone_is_a_document_and_a_date_line_is_not():
    rules = Boilerplate([], [])
    article = read_text("Anniversary of DPRK-China treaty marked", rules)
    assert (article.text, article.title) == (
        "Anniversary of DPRK-China treaty marked",
        "Anniversary of DPRK-China treaty marked",
    )
    assert read_text("Press review", rules).text == "Press review"
    # a day's name or a number beside other words says something: a headline, not a date line
    for headline in ("October 10 Celebrated", "Marching 40 years", "May 1 Stadium", "15th"):
        assert read_text(headline, rules).text == headline
    for nothing in ("July 11, 2002", "More stories...", "2002-07-11 12:00", "Tue 11 July", "June 21st, 2019"):
        with pytest.raises(Exception, match="no article text found"):
            read_text(nothing, rules)


def test_loading_headlines_rejects_none_and_reads_them_for_events(tmp_path):
    lines = [
        {
            "id": "h1",
            "title": "Chinese Delegation Visits Pyongyang",
            "text": "Chinese Delegation Visits Pyongyang",
            "date": "2012-04-25",
            "source": "kcna",
        },
        {"id": "h2", "title": "", "text": "12 July 2012", "date": "2012-04-25"},
    ]
    path = tmp_path / "headlines.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    db = tmp_path / "h.db"
    result = shiftwatch("load", str(path), db=db, check=False)
    assert result.returncode == 0  # a line with no article text is skipped, not failed
    assert "loaded 2 input(s): 1 stored (1 new, 0 changed), 0 unchanged, 1 skipped, 0 failed" in result.stdout
    assert "h2: no article text found" in result.stderr
    events = [json.loads(x) for x in shiftwatch("export", "events", db=db).stdout.splitlines()]
    assert [(e["doc"], e["kind"], e["actors"], e["targets"], e["date"]) for e in events] == [
        ("h1", "visit", ["CHN"], ["PRK"], "2012-04-25")
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Chinese Paper on Great Successes of DPRK", [("support", ("CHN",), ("PRK",))]),
        ("Rodong Sinmun on Flourishing DPRK-Russia Friendship", [("support", ("PRK",), ("RUS",))]),
        ("Russian Paper on U.S. Hostile Policy", []),  # no praise in what it spoke on
    ],
)
def test_a_headline_of_a_speaker_on_a_topic_is_what_the_speaker_said(report, title, expected):
    """KCNA's "<speaker> on <topic>": the speaker's state praising the state it spoke on is support."""
    assert [e[:3] for e in report(title, "2003-06-19", title=title)] == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Month of Solidarity with Korean People Opens in Cuba", [("support", ("CUB",), ("PRK",))]),
        (
            "Month of International Solidarity with Korean People Starts in Nepal",
            [("support", ("NPL",), ("PRK",))],
        ),
    ],
)
def test_a_period_given_to_a_cause_where_it_began_is_that_states_event(report, title, expected):
    """KCNA's "Month of solidarity with the Korean people begins in X": the event named after 'of' is held over
    the period, by the state where it began, toward the partner the period names."""
    assert [e[:3] for e in report(title, "2003-06-25", title=title)] == expected


def test_a_delegation_here_for_an_anniversarys_celebrations_visits_for_it(report):
    """KCNA's "The delegation is here to take part in the celebrations of the 60th anniversary ...": here is the
    outlet's state, so it is a visit there, and the visit is made for that anniversary."""
    body = (
        "The Chinese party and government delegation is here to take part in the celebrations of the 60th "
        "anniversary of the victory in the great Fatherland Liberation War."
    )
    visits = [e for e in report(body, "2013-07-26") if e[0] == "visit"]
    assert visits == [("visit", ("CHN",), ("PRK",), "2013-07-26", "1953-07-27", 60, False)]
