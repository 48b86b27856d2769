"""Constructions of official reporting, each on texts written for this test (not taken from any corpus):
lists that continue an event, inverted subjects, headline passives, names that contain trigger words,
anniversaries decided by their ordinal or named by the day itself, and paragraphs broken mid-sentence.

Every test states the whole events it expects (kind, actors, targets, date, anniversary, negation)."""

from __future__ import annotations

import pytest

from crawler.config import data_path
from crawler.extract.articles import cached_boilerplate, read_text


def test_a_list_after_the_event_gives_each_state_named_its_own_event(report):
    body = (
        "Kim Jong Un received congratulatory letters from foreign party leaders on Monday.\n\n"
        "They were the chairman of the Workers' Party of Belgium, the president of the Socialist Party of "
        "Chile and the general secretary of the Communist Party of Greece."
    )
    assert report(body, "2015-03-04") == [
        ("message", ("BEL",), ("PRK",), "2015-03-02", None, None, False),
        ("message", ("CHL",), ("PRK",), "2015-03-02", None, None, False),
        ("message", ("GRC",), ("PRK",), "2015-03-02", None, None, False),
    ]


def test_cards_for_a_named_day_are_dated_that_day(report):
    # "New Year cards" told a month later: sent on January 1 (seeds/anniversaries.toml [[named_day]])
    body = (
        "Kim Jong Un sent New Year's cards to foreign party and state leaders.\n\n"
        "They included the president of Laos and the king of Cambodia."
    )
    assert report(body, "2016-02-03") == [
        ("message", ("PRK",), ("KHM",), "2016-01-01", None, None, False),
        ("message", ("PRK",), ("LAO",), "2016-01-01", None, None, False),
    ]
    # the day said after 'on', with the year before the story's
    body = "Kim Jong Un received New Year cards from the president of Laos on the New Year."
    assert report(body, "2016-01-04") == [("message", ("LAO",), ("PRK",), "2016-01-01", None, None, False)]
    # Lunar New Year is another day; and a day further back than two months is not the one meant
    body = "Kim Jong Un received Lunar New Year cards from the president of Laos."
    assert report(body, "2016-02-12") == [("message", ("LAO",), ("PRK",), "2016-02-12", None, None, False)]
    body = "Kim Jong Un received New Year cards from the president of Laos."
    assert report(body, "2016-06-01") == [("message", ("LAO",), ("PRK",), "2016-06-01", None, None, False)]


def test_a_tribute_told_later_marks_the_state_s_own_day_the_story_named(report):
    # the DPRK's own day, named once: the Mongolian embassy's wreath told after it marks it too, but a journey
    # told there does not become a marking
    body = (
        "Officials of the Cuban embassy laid a wreath before the statue of President Kim Il Sung on Tuesday, "
        "the 20th anniversary of his demise.\n\n"
        "Later, staff members of the Mongolian embassy laid a floral basket before the statue of the President.\n\n"
        "A delegation of the Mongolian Red Cross arrived here on the same day."
    )
    assert report(body, "2014-07-08") == [
        ("commemoration", ("CUB",), ("PRK",), "2014-07-08", "1994-07-08", 20, False),
        ("commemoration", ("MNG",), ("PRK",), "2014-07-08", "1994-07-08", 20, False),
        ("visit", ("CUB",), ("PRK",), "2014-07-08", None, None, False),
        ("visit", ("MNG",), ("PRK",), "2014-07-08", None, None, False),
    ]


def test_a_list_broken_by_paragraphs_goes_on_past_a_clause_that_says_who_one_is(report):
    # the third paragraph opens in capitals and has a finite verb, but only inside "who is ...": still the list;
    # and the Joint Chiefs of Staff "of the Iranian army" are Iran's, not the South Korean body of that name
    body = (
        "Political parties and figures of various countries sent floral baskets to DPRK missions from April 6 "
        "to 10.\n\n"
        "They included the Foreign Ministry of Myanmar, the Union Party of Myanmar Ltd.\n\n"
        "Nine Lion Trading Company of Pakistan, Ltd. and the Table Tennis Federation of Nepal.\n\n"
        "Lotus Company and other companies of Malaysia, the Joint Chiefs of Staff of the Iranian army, the minister "
        "of transport who is general secretary of the Party for Thailand and the Swedish honorary consul."
    )
    found = report(body, "2016-04-12")
    assert [(e[1], e[2], e[3]) for e in found] == [
        (("IRN",), ("PRK",), "2016-04-06"),
        (("MMR",), ("PRK",), "2016-04-06"),
        (("MYS",), ("PRK",), "2016-04-06"),
        (("NPL",), ("PRK",), "2016-04-06"),
        (("PAK",), ("PRK",), "2016-04-06"),
        (("SWE",), ("PRK",), "2016-04-06"),
        (("THA",), ("PRK",), "2016-04-06"),
    ]
    assert {e[0] for e in found} == {"message"}


def test_among_them_and_senders_included_continue_the_list(report):
    body = (
        "Foreign delegations arrived in Pyongyang on Saturday for the spring trade fair.\n\n"
        "Among them were a delegation of the Chamber of Commerce of Mongolia and a delegation of a trading "
        "company of Vietnam."
    )
    assert report(body, "2016-05-16") == [
        ("visit", ("MNG",), ("PRK",), "2016-05-14", None, None, False),
        ("visit", ("VNM",), ("PRK",), "2016-05-14", None, None, False),
    ]


def test_a_sentence_that_lists_no_event_continues_nothing(report):
    body = (
        "Kim Jong Un received a letter from the President of Laos on Monday.\n\n"
        "The weather in Pyongyang was fine.\n\nMongolia and Vietnam are neighbours of China."
    )
    assert report(body, "2015-03-04") == [("message", ("LAO",), ("PRK",), "2015-03-02", None, None, False)]


def test_an_inverted_subject_acts(report):
    body = "Leaving Pyongyang on Friday were the delegations of Cuba and Ethiopia."
    assert report(body, "2016-05-16") == [
        ("visit", ("CUB",), ("PRK",), "2016-05-13", None, None, False),
        ("visit", ("ETH",), ("PRK",), "2016-05-13", None, None, False),
    ]


def test_a_headline_passive_without_was_reads_by_as_the_actor(report):
    title = "Kim Il Sung Praised by Cuban President"
    assert report(title, "2003-04-14", title=title) == [
        ("support", ("CUB",), ("PRK",), "2003-04-14", None, None, False)
    ]


def test_a_trigger_word_inside_a_name_is_no_event(report):
    body = "A delegation of the Book Donation Society of Canada arrived in Pyongyang on Sunday."
    assert report(body, "2016-05-16") == [("visit", ("CAN",), ("PRK",), "2016-05-15", None, None, False)]


def test_the_ordinal_decides_which_anniversary_a_name_is(report):
    # The 30th anniversary in 2024 is of 1994: not the founding of the Workers' Party (1945), whose name
    # appears later in the phrase; with no entry for it, the anniversary is dated by arithmetic.
    body = (
        "The Cuban embassy held a reception on Tuesday to mark the 30th anniversary of the start of work of the "
        "first secretary at the Central Committee of the Workers' Party of Korea."
    )
    events = report(body, "2024-06-20", source=None)
    assert events == [("commemoration", ("CUB",), ("PRK",), "2024-06-18", "1994", 30, False)]


def test_a_listed_anniversary_with_a_matching_ordinal_is_kept(report):
    body = "The Cuban embassy held a reception on Tuesday to mark the 79th anniversary of the Workers' Party of Korea."
    assert report(body, "2024-10-10", source=None) == [
        ("commemoration", ("CUB",), ("PRK",), "2024-10-08", "1945-10-10", 79, False)
    ]


def test_a_year_written_in_the_sentence_dates_the_ordinal(report):
    body = (
        "In July 2013, Kim Jong Un visited the cemetery of the Chinese People's Volunteers to mark the 60th "
        "anniversary of the armistice."
    )
    events = report(body, "2024-07-28", source=None)
    assert [(e[0], e[4], e[5]) for e in events] == [("commemoration", "1953-07-27", 60)]


@pytest.mark.parametrize(
    "title, published, anniversary, ordinal",
    [
        ("National Day of PRC Observed by Working People in Sinuiju", "2003-10-02", "1949-10-01", 54),
        ("CPV's Entry into Korean War Marked at Meeting in Kaesong", "1999-10-25", "1950-10-25", 49),
        ("Banquet Given on Anniversary of Korea-China Treaty in Hamhung", "2006-07-11", "1961-07-11", 45),
        # a state's birthday is its founding day
        ("Banquet Arranged in Kaesong to Celebrate Birthday of PRC", "2009-09-29", "1949-10-01", 60),
    ],
)
def test_a_headline_marking_a_day_by_its_name_is_the_outlets_state_marking_it(
    report, title, published, anniversary, ordinal
):
    assert report(title, published, title=title) == [
        ("commemoration", ("PRK",), ("CHN",), published, anniversary, ordinal, False)
    ]


def test_a_day_name_qualified_by_another_country_is_that_countrys_day(report):
    title = "Film Show Given on Liberation Day of Algeria"  # not Korea's Liberation Day (of the data file)
    events = report(title, "2003-07-05", title=title)
    assert not [e for e in events if e[4] == "1945-08-15" or "RUS" in e[2]]


def test_the_day_named_without_a_marking_word_marks_nothing(report):
    title = "Weather Forecast for National Day of PRC"
    assert report(title, "2003-09-30", title=title) == []


def test_a_paragraph_opening_in_lower_case_continues_the_sentence(report):
    body = (
        "Kim Jong Un received a greeting card from the general secretary of the C.C.\n\n"
        "the Communist Party of Greece on Monday."
    )
    assert report(body, "2015-03-04") == [("message", ("GRC",), ("PRK",), "2015-03-02", None, None, False)]


def test_a_sentence_does_not_end_on_a_word():
    """The parser may split a long sentence inside a name ("... its Editor-in-Chief Tran | Minh flew back"); a
    sentence may start only after a stop, a quote, a bracket or a line break, so such words are marked as no
    sentence start before the parser runs, and the others are left to it."""
    from spacy.lang.en import English

    from crawler.extract.nlp import _paragraph_breaks

    doc = _paragraph_breaks(
        English().make_doc(
            "The delegation led by its Editor-in-Chief Tran Minh flew back.  It left here. "
            '"We came," he said.\nThe visit ended'
        )
    )
    starts = {
        t.text: t.is_sent_start for t in doc if t.text in ("Minh", "flew", "It", "We", "he", "The", "visit")
    }
    assert starts["Minh"] is False and starts["flew"] is False and starts["visit"] is False
    assert starts["It"] is None and starts["he"] is None  # after a stop or a quote: the parser decides
    assert [t.is_sent_start for t in doc if t.text == "The"][
        1
    ] is None  # after a line break: the parser decides


def test_an_outlet_of_no_state_leaves_a_one_sided_headline_alone(report):
    title = "Banquet Given on Anniversary of Korea-China Treaty in Hamhung"
    assert report(title, "2006-07-11", title=title, source=None) == []


def test_receiving_a_guest_is_a_meeting_and_the_guests_visit(report):
    title = "Kim Jong Il Receives Cuban Foreign Minister"
    assert report(title, "2004-07-06", title=title) == [
        ("meeting", ("CUB", "PRK"), (), "2004-07-06", None, None, False),
        ("visit", ("CUB",), ("PRK",), "2004-07-06", None, None, False),
    ]


@pytest.mark.parametrize(
    "title, published, expected",
    [
        # the outlet's own cause shown or published abroad: the place's state acts toward the outlet's
        ("Exhibition of Korean Paintings Opens in Cuba", "2003-08-16", ("support", ("CUB",), ("PRK",))),
        ("Kim Il Sung's Works Published in Cuba", "2003-10-07", ("support", ("CUB",), ("PRK",))),
        (
            "Seminar on Kim Il Sung's Birthday Held in Havana",
            "1997-04-14",
            ("commemoration", ("CUB",), ("PRK",)),
        ),
        # another state's day marked abroad is the outlet's state honouring it
        (
            "Wreath Laid on Anniversary of CPV's Entry into Korean War in Shenyang, China",
            "2005-10-25",
            ("commemoration", ("PRK",), ("CHN",)),
        ),
    ],
)
def test_a_foreign_place_acts_for_the_outlets_own_cause(report, title, published, expected):
    assert [e[:3] for e in report(title, published, title=title)] == [expected]


def test_an_exhibition_merely_named_is_no_event(report):
    body = "Foreign delegations arrived in Pyongyang on Saturday to take part in the spring book exhibition."
    assert report(body, "2016-05-16") == []


def test_the_same_headline_a_year_later_is_a_new_story_and_a_day_later_a_copy(tmp_path):
    import json

    from helpers import shiftwatch

    title = "Anniversary of Entry of CPV into Korean Front Marked at Meeting in Kaesong"
    lines = [
        {"id": "y2004", "title": title, "text": title, "date": "2004-10-26", "source": "kcna"},
        {"id": "y2004-copy", "title": title, "text": title, "date": "2004-10-27", "source": "kcna"},
        {"id": "y2005", "title": title, "text": title, "date": "2005-10-26", "source": "kcna"},
    ]
    path = tmp_path / "h.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    db = tmp_path / "h.db"
    result = shiftwatch("load", str(path), db=db)
    assert "1 syndicated copy" in result.stdout
    events = [json.loads(x) for x in shiftwatch("export", "events", db=db).stdout.splitlines()]
    assert sorted((e["doc"], e["kind"], e["anniversary"]["ordinal"]) for e in events) == [
        ("y2004", "commemoration", 54),
        ("y2005", "commemoration", 55),
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Anniversary of Diplomatic Relations with China Marked", [("commemoration", ("PRK",), ("CHN",))]),
        # words every pair shares name no watched anniversary where the sentence names another pair
        ("Anniversary of DPRK-Cuba Diplomatic Relations Marked", []),
    ],
)
def test_shared_words_name_the_anniversary_of_the_pair_the_sentence_names(report, title, expected):
    assert [e[:3] for e in report(title, "1999-10-06", title=title)] == expected


@pytest.mark.parametrize(
    "title, published, expected",
    [
        # "treaty" alone is the treaty of the two states the sentence names
        (
            "Wen Jiabao Sends Greetings to Kim Yong Nam on Treaty Anniversary",
            "2006-07-11",
            [("CHN", "PRK", "1961-07-11")],
        ),
        # of a pair's several treaties, the one due on the story's day (2000-02-09, not 1961-07-06 or 2024-06-19)
        (
            "Putin Sends Message to Kim Jong Il on Treaty Anniversary",
            "2005-02-09",
            [("RUS", "PRK", "2000-02-09")],
        ),
    ],
)
def test_a_treaty_named_by_the_word_alone_is_the_named_pairs(report, title, published, expected):
    events = report(title, published, title=title)
    assert sorted((e[1][0], e[2][0], e[4]) for e in events) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a past absence of an expected marking is a negated event
        (
            "No senior Chinese officials attended the reception for the anniversary of the DPRK-China treaty on "
            "Friday.",
            [("commemoration", ("CHN",), ("PRK",), "2012-07-13", "1961-07-11", 51, True)],
        ),
        # a refusal, a warning and rhetoric report no event at all
        ("Iran refused to return the drone to the United States.", []),
        ("Japan can never write off its past crimes against Korea.", []),
    ],
)
def test_only_a_past_absence_is_a_negated_event(report, body, expected):
    assert report(body, "2012-07-14", source=None) == expected


def test_his_party_is_the_visitors_own_and_for_x_to_attend_is_the_destination(report):
    body = (
        "A delegation of the Youth League of the DPRK departed Pyongyang on Wednesday for Cuba to attend a "
        "festival.\n\nJuan Perez, minister of Culture of Venezuela, and his party arrived in Pyongyang on the "
        "same day."
    )
    assert report(body, "2012-05-03", source=None) == [
        ("visit", ("PRK",), ("CUB",), "2012-05-02", None, None, False),
        ("visit", ("VEN",), ("PRK",), "2012-05-02", None, None, False),
    ]


def test_helping_is_support(report):
    title = "Staff Members of Cuban Embassy Help Farmers"
    assert [e[:3] for e in report(title, "1999-06-05", title=title)] == [("support", ("CUB",), ("PRK",))]


def test_a_headline_verb_tagged_as_a_plural_noun_is_read_as_a_verb(report):
    title = "Kim Yong Nam Greets Cuban Leaders"  # parsed with "greets" a noun with a subject
    assert [e[:3] for e in report(title, "2015-09-02", title=title)] == [("message", ("PRK",), ("CUB",))]


def test_an_earlier_deed_in_a_relative_clause_is_background(report):
    body = "The Cuban minister praised the Venezuelan doctors who had helped Bolivian hospitals on Monday."
    assert [e[:3] for e in report(body, "2015-09-02", source=None)] == [("support", ("CUB",), ("VEN",))]


def test_a_verbless_headline_of_nouns_is_read_with_its_verb(report):
    title = "Cuban Embassy Hosts Reception for Anniversary of DPRK-China Treaty"
    assert report(title, "2009-07-11", title=title) == [
        ("commemoration", ("CUB",), ("CHN", "PRK"), "2009-07-11", "1961-07-11", 48, False)
    ]


@pytest.mark.parametrize(
    "title, pair",
    [
        ("Cuban Ambassador Hosts Reception", ("CUB", "PRK")),  # 'hosts' tagged a verb, parsed as a compound
        ("Cuban Embassy Hosts Reception", ("CUB", "PRK")),  # 'hosts' tagged a plural noun
        ("Cuban Artistes Feted", ("CUB", "PRK")),  # the guests were given a banquet
        ("Kim Jong Un Entertains Lao Delegation", ("LAO", "PRK")),
        ("Reception in Honour of Cuban President's Representative", ("CUB", "PRK")),  # verbless
        ("Banquet for Lao Delegation", ("LAO", "PRK")),
    ],
)
def test_a_headline_reception_or_banquet_is_a_meeting_with_the_outlets_state(report, title, pair):
    assert report(title, "2009-03-02", title=title) == [
        ("meeting", pair, (), "2009-03-02", None, None, False)
    ]


def test_the_delegation_is_the_one_named_before(report):
    body = (
        "A Cuban delegation arrived in Pyongyang on Monday.\n\n"
        "Members of the delegation laid a wreath at the Arch of Triumph in Pyongyang on Tuesday."
    )
    assert [e[:4] for e in report(body, "2012-04-25", source=None)] == [
        ("commemoration", ("CUB",), ("PRK",), "2012-04-24"),
        ("visit", ("CUB",), ("PRK",), "2012-04-23"),
    ]


def test_messages_sent_from_a_list_go_to_the_outlets_state_for_the_occasion_just_told(report):
    body = (
        "Kim Jong Un received congratulatory messages from various countries on the occasion of the 70th "
        "birth anniversary of President Kim Il Sung.\n\n"
        "Similar messages were sent from the chairman of the Workers' Party of Belgium, a secretary of the "
        "Communist Party of Greece and officials of political circles of Peru and Nepal."
    )
    events = [
        ("message", (code,), ("PRK",), "1982-04-14", "1912-04-15", 70, False)
        for code in ("BEL", "GRC", "NPL", "PER")
    ]
    assert report(body, "1982-04-14") == events


def test_a_passive_message_is_sent_by_the_agent_or_from_the_sender_to_the_addressee(report):
    body = (
        "A letter was delivered to President Putin from Kim Jong Un on Tuesday.\n\n"
        "Messages were sent to Kim Jong Un by the president of Laos and the prime minister of Vietnam."
    )
    assert report(body, "2019-05-09", source=None) == [
        ("message", ("LAO",), ("PRK",), "2019-05-09", None, None, False),
        ("message", ("PRK",), ("RUS",), "2019-05-07", None, None, False),
        ("message", ("VNM",), ("PRK",), "2019-05-09", None, None, False),
    ]


@pytest.mark.parametrize(
    "occasion",
    [
        "the 70th founding anniversary of the DPRK",
        "the 70th anniversary of the founding of the DPRK",
    ],
)
def test_a_birth_or_founding_anniversary_of_x_is_the_anniversary_of_the_birth_or_founding_of_x(
    report, occasion
):
    body = f"The Communist Party of Nepal sent a message to Kim Jong Un on the occasion of {occasion}."
    assert report(body, "2018-09-08") == [
        ("message", ("NPL",), ("PRK",), "2018-09-08", "1948-09-09", 70, False)
    ]


def test_a_paragraph_broken_after_a_quoted_name_is_kept_whole(config):
    rules = cached_boilerplate(str(data_path(config, "boilerplate")))
    text = (
        "The Korean embassy in Sofia held a film show on Monday.\n\n"
        'Present there were members of parties and groups including the "Green Meadow" Party, "Blue River"\n\n'
        "the Farmers' Union and the Teachers' League.\n\n"
        "Speeches were made there by the ambassador and by a guest."
    )
    assert read_text(text, rules).paragraphs == [
        "The Korean embassy in Sofia held a film show on Monday.",
        'Present there were members of parties and groups including the "Green Meadow" Party, "Blue River" '
        "the Farmers' Union and the Teachers' League.",
        "Speeches were made there by the ambassador and by a guest.",
    ]


@pytest.mark.parametrize(
    "body, expected",
    [
        # the embassy acting stands in Hanoi: the home state's day marked there, toward Vietnam
        (
            "A banquet was given by the DPRK embassy in Hanoi on Monday to celebrate the 80th anniversary of the "
            "Korean People's Army.",
            ("commemoration", ("PRK",), ("VNM",), "2012-04-23", "1932-04-25", 80, False),
        ),
        (
            "The DPRK embassy in Havana hosted a reception on Monday for the birthday of Kim Il Sung.",
            ("commemoration", ("PRK",), ("CUB",), "2012-04-23", "1912-04-15", 100, False),
        ),
        # at the home state's own embassy: the home state marks it, not the state of the city
        (
            "A film show and a reception took place at the DPRK embassy in Hanoi on Monday on the 80th "
            "anniversary of the Korean People's Army.",
            ("commemoration", ("PRK",), ("VNM",), "2012-04-23", "1932-04-25", 80, False),
        ),
    ],
)
def test_an_embassy_abroad_marks_its_own_states_day_toward_the_state_it_stands_in(report, body, expected):
    assert report(body, "2012-04-25") == [expected]


@pytest.mark.parametrize(
    "occasion", ["the centenary of the birth of Kim Il Sung", "Kim Il Sung's birth centenary"]
)
def test_a_centenary_is_the_100th_anniversary(report, occasion):
    body = f"The Communist Party of Nepal sent a message to Kim Jong Un on the occasion of {occasion}."
    assert report(body, "2012-04-14") == [
        ("message", ("NPL",), ("PRK",), "2012-04-14", "1912-04-15", 100, False)
    ]


def test_arrivals_here_for_an_anniversary_are_visits_to_the_outlets_state(report):
    body = (
        "Delegations of different countries arrived here Friday to take part in celebrations of the centenary "
        "of the birth of Kim Il Sung.\n\n"
        "They included a Lao delegation led by its minister and the chairman of the International Kim Il Sung "
        "Foundation."
    )
    assert report(body, "2012-04-14") == [
        ("visit", ("LAO",), ("PRK",), "2012-04-13", "1912-04-15", 100, False)
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        # a headline's past tense of a transitive verb is its passive
        ("Protocol Signed between Laos and Cuba", [("agreement", ("CUB", "LAO"), ())]),
        ("Plan on Cultural Exchange between Laos and Cuba Signed", [("agreement", ("CUB", "LAO"), ())]),
        ("Laos and Cuba Discuss Trade", [("meeting", ("CUB", "LAO"), ())]),
        ("Laos-Cuba Joint Declaration Signed", [("agreement", ("CUB", "LAO"), ())]),  # the subject was signed
        ("Treaty between Laos and Cuba Initialed", [("agreement", ("CUB", "LAO"), ())]),
        # greetings exchanged go each way
        (
            "Greetings Exchanged between DPRK and Cuban Foreign Ministers",
            [("message", ("CUB",), ("PRK",)), ("message", ("PRK",), ("CUB",))],
        ),
    ],
)
def test_headlines_of_signing_consulting_and_exchanging(report, title, expected):
    assert [e[:3] for e in report(title, "2003-05-02", title=title)] == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        (
            "Russian National Day Observed",
            ("commemoration", ("PRK",), ("RUS",), "2003-06-12", "1990-06-12", 13),
        ),
        (
            "54th Anniversary of China Observed",
            ("commemoration", ("PRK",), ("CHN",), "2003-10-01", "1949-10-01", 54),
        ),
    ],
)
def test_a_national_day_observed_is_marked_by_the_outlets_state(report, title, expected):
    assert [e[:6] for e in report(title, expected[3], title=title)] == [expected]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Cuban Delegation Here", ("visit", ("CUB",), ("PRK",))),  # a verbless headline: arrived here
        ("Cuban Art Troupe Gives Performance", ("visit", ("CUB",), ("PRK",))),
        ("Guest Performance Given by Lao Artistes", ("visit", ("LAO",), ("PRK",))),
        ("Lao Ensemble Performs in Wonsan", ("visit", ("LAO",), ("PRK",))),
        ("Art Performances Given by Sea of Blood Opera Troupe in Cuba", ("visit", ("PRK",), ("CUB",))),
    ],
)
def test_artists_performing_and_guests_here_are_visiting(report, title, expected):
    assert [e[:3] for e in report(title, "2003-05-02", title=title)] == [expected]


def test_deeds_performed_and_here_beside_a_verb_are_no_visit(report):
    body = (
        "The Cuban veterans performed undying feats in the war.\n\n"
        "The Cuban ambassador said here that the ties would grow."
    )
    assert report(body, "2003-05-02") == []


def test_a_wreath_at_a_foreign_states_memorial_honours_that_state(report):
    title = (
        "Wreath Laid before Liberation Tower"  # the Soviet Army's memorial in Pyongyang (seeds/actors.toml)
    )
    assert [e[:3] for e in report(title, "2003-08-16", title=title)] == [
        ("commemoration", ("PRK",), ("RUS",))
    ]


def test_meetings_in_several_foreign_places_are_each_places_marking(report):
    body = (
        "Seminars and film shows took place in Peru and Chile on July 7 and 9 on the occasion of the 18th "
        "anniversary of the demise of Kim Il Sung."
    )
    assert report(body, "2012-07-10") == [
        ("commemoration", ("CHL",), ("PRK",), "2012-07-07", "1994-07-08", 18, False),
        ("commemoration", ("PER",), ("PRK",), "2012-07-07", "1994-07-08", 18, False),
    ]


def test_south_korea_as_kcna_writes_it_is_the_rok(report):
    body = "The Cuban Foreign Ministry spokesman on Monday denounced the U.S. and south Korea for their war drills."
    assert [e[:3] for e in report(body, "2012-03-14")] == [("criticism", ("CUB",), ("KOR", "USA"))]


def test_a_statement_denouncing_is_its_issuers_criticism_on_the_day_it_was_issued(report):
    body = "The Cuban Foreign Ministry spokesman on October 20 issued a statement denouncing the U.S."
    assert report(body, "2012-10-22", source=None) == [
        ("criticism", ("CUB",), ("USA",), "2012-10-20", None, None, False)
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Korean Art Troupe Leaves for Cuba", ("visit", ("PRK",), ("CUB",))),  # 'leaves' tagged a plural noun
        ("Cuban Dance Troupe Leaves", ("visit", ("CUB",), ("PRK",))),
    ],
)
def test_a_headline_whose_verb_was_read_as_a_plural_noun(report, title, expected):
    assert [e[:3] for e in report(title, "2003-05-02", title=title)] == [expected]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Gift to Secy. Kim Jong Il from Laos", ("message", ("LAO",), ("PRK",))),  # a title ends no sentence
        (
            "Congratulatory Letter to Gen.-Secy. Kim Jong Il from Cuban Editor",
            ("message", ("CUB",), ("PRK",)),
        ),
    ],
)
def test_an_abbreviated_title_before_a_name_ends_no_sentence(report, title, expected):
    assert [e[:3] for e in report(title, "1999-03-02", title=title)] == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'The Bulgarian paper Rabotnichesko Delo on May 3 carried an article titled "Land of morning calm".',
            [("support", ("BGR",), ("PRK",), "2019-05-03", None, None, False)],
        ),
        (  # what the article does names other states; the paper still speaks of the outlet's state
            "The Serbian weekly Pogledi carried an article accusing Japan of distorting history.",
            [
                ("criticism", ("SRB",), ("JPN",), "2019-05-06", None, None, False),
                ("support", ("SRB",), ("PRK",), "2019-05-06", None, None, False),
            ],
        ),
        (  # several states' press in one sentence: each its own act
            "Papers and websites of Chile, Laos and Mali devoted pages to write-ups on the Korean people.",
            [
                ("support", ("CHL",), ("PRK",), "2019-05-06", None, None, False),
                ("support", ("LAO",), ("PRK",), "2019-05-06", None, None, False),
                ("support", ("MLI",), ("PRK",), "2019-05-06", None, None, False),
            ],
        ),
        (  # a passive names the press only where it was posted
            "The gist of a work of Kim Jong Un was posted on the website of a Portuguese society on May 2.",
            [("support", ("PRT",), ("PRK",), "2019-05-02", None, None, False)],
        ),
        (  # on an anniversary: a commemoration, and the outlet's own papers mark a foreign one
            "A Lao paper on Saturday dedicated a whole page to the 71st anniversary of the DPRK.\n\n"
            "DPRK papers Monday dedicate articles to the 70th anniversary of the founding of the People's "
            "Republic of China.",
            [
                ("commemoration", ("LAO",), ("PRK",), "2019-05-04", "1948-09-09", 71, False),
                ("commemoration", ("PRK",), ("CHN",), "2019-05-06", "1949-10-01", 70, False),
            ],
        ),
    ],
)
def test_another_states_press_carrying_writings_speaks_for_the_outlets_state(report, body, expected):
    assert report(body, "2019-05-06") == expected


def test_the_press_of_a_state_in_an_outlet_of_no_state_speaks_for_no_one_unnamed(report):
    body = 'The Bulgarian paper Rabotnichesko Delo on May 3 carried an article titled "Land of morning calm".'
    assert report(body, "2019-05-06", source=None) == []


def test_a_bodys_name_with_for_keeps_its_state(report):
    body = "The chairman of the Society for Friendship and Culture of Ecuador praised Kim Jong Un on Friday."
    assert report(body, "2019-05-06") == [("support", ("ECU",), ("PRK",), "2019-05-03", None, None, False)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # the name after "paper" was read as the subject of a relative clause on "paper"
            'The Russian paper Patriot carried an article entitled "Friendship: moment of truth."',
            [("support", ("RUS",), ("PRK",), "2019-05-06", None, None, False)],
        ),
        (  # "dedicated" was tagged an adjective though it has a subject and an object
            "Paper and Internet homepages of Cuba, Ghana and Nigeria dedicated articles to the 71st anniversary "
            "of the DPRK.",
            [
                ("commemoration", (code,), ("PRK",), "2019-05-06", "1948-09-09", 71, False)
                for code in ("CUB", "GHA", "NGA")
            ],
        ),
        (  # the noun a participle hangs from is what was done to, not who did it
            "Kim Jong Un's works posted on websites of Peruvian, Chilean organizations.",
            [
                ("support", ("CHL",), ("PRK",), "2019-05-06", None, None, False),
                ("support", ("PER",), ("PRK",), "2019-05-06", None, None, False),
            ],
        ),
    ],
)
def test_parses_mended_before_reading_who_carried_what(report, body, expected):
    assert report(body, "2019-05-06") == expected


def test_a_participle_with_an_object_is_no_headlines_passive(nlp):
    """The tagger sometimes calls a past tense a participle ("The company on May 3 posted on its homepage an
    article"): with a direct object it is active, and its subject acts."""
    from spacy.tokens import Doc

    from crawler.extract.syntax import reduced_passive

    def parsed(words, tags, heads, deps):
        return Doc(
            nlp.vocab,
            words=words,
            tags=tags,
            heads=heads,
            deps=deps,
            pos=["VERB" if t.startswith("VB") else "NOUN" for t in tags],
        )

    active = parsed(
        ["Company", "posted", "article"], ["NN", "VBN", "NN"], [1, 1, 1], ["nsubj", "ROOT", "dobj"]
    )
    passive = parsed(
        ["Wreaths", "laid", "there"], ["NNS", "VBN", "RB"], [1, 1, 1], ["nsubj", "ROOT", "advmod"]
    )
    assert not reduced_passive(active[1])
    assert reduced_passive(passive[1])


def test_messages_that_came_from_a_list_are_each_senders_to_the_outlets_state(report, config):
    page = (
        "Messages of sympathy came from the Political Bureau of the C.C.\n\n"
        "Socialist Party of Chile, the chairman of the Labour Front of Malta and the Popular Union of Peru "
        "on Tuesday.\n\n"
        "The talks came after a visit by the Cuban foreign minister to Pyongyang."
    )
    body = read_text(page, cached_boilerplate(str(data_path(config, "boilerplate")))).text
    assert report(body, "2015-03-05") == [
        ("message", ("CHL",), ("PRK",), "2015-03-03", None, None, False),
        ("message", ("MLT",), ("PRK",), "2015-03-03", None, None, False),
        ("message", ("PER",), ("PRK",), "2015-03-03", None, None, False),
        ("visit", ("CUB",), ("PRK",), "2015-03-05", None, None, False),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a title before the leader's name, and "passing" for his death
            "A photo exhibition opened in Havana, Cuba on Dec. 14 to mark the 5th anniversary of the passing of "
            "leader Kim Jong Il.",
            [("commemoration", ("CUB",), ("PRK",), "2016-12-14", "2011-12-17", 5, False)],
        ),
        (  # the country after a city's or a province's name says where, not who took part
            "A Kimjongilia show took place in Rosario City, Santa Fe Province of Argentina on Feb. 14 to celebrate "
            "the birth anniversary of general secretary Kim Jong Il.",
            [("commemoration", ("ARG",), ("PRK",), "2016-02-14", "1942-02-16", 74, False)],
        ),
    ],
)
def test_a_leaders_day_named_with_his_title_and_marked_in_a_foreign_city(report, body, expected):
    assert report(body, "2016-12-20" if "Dec." in body else "2016-02-20") == expected


def test_the_subject_after_an_inverted_were_acts(report):
    body = (
        "Left here for home on Tuesday were the delegation of the Ruritanian Institute of Juche Studies and "
        "the delegation of the Communist Party of Chile."
    )
    assert report(body, "2016-06-15") == [("visit", ("CHL",), ("PRK",), "2016-06-14", None, None, False)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # what the participle is done to is the target; the agentless headline is the outlet's state's act
        ("Ruritanian Moves to Revive Militarism Condemned", []),
        ("Japan's Moves to Revive Militarism Condemned", [("criticism", ("PRK",), ("JPN",))]),
        # a noun that is an event only when signed keeps no verb from being one
        ("U.S. War Program against DPRK Denounced", [("criticism", ("PRK",), ("USA",))]),
        ("Japanese Premier Slammed", [("criticism", ("PRK",), ("JPN",))]),
        ("Russian President Praised Kim Jong Il", [("support", ("RUS",), ("PRK",))]),
    ],
)
def test_a_headline_participle_after_a_noun_is_the_outlets_states_act_on_it(report, title, expected):
    found = [
        (kind, actors, targets) for kind, actors, targets, *_ in report(title, "2001-05-02", title=title)
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a body of Koreans abroad sides with the DPRK: its statement is the DPRK's criticism
            "The Federation of Korean Residents in Brazil on Monday released a statement denouncing Japan.",
            [("criticism", ("PRK",), ("JPN",), "2014-03-03", None, None, False)],
        ),
        (  # and its delegation coming home is no foreign visit
            "A delegation of the Association of Koreans in Argentina arrived here on Monday.",
            [],
        ),
        (
            "Overseas Koreans denounced Japan on Monday.",
            [("criticism", ("PRK",), ("JPN",), "2014-03-03", None, None, False)],
        ),
    ],
)
def test_koreans_abroad_side_with_the_dprk(report, body, expected):
    assert report(body, "2014-03-05") == expected


def test_foreign_papers_after_a_lead_on_an_anniversary_mark_it(report):
    body = (
        "Foreign media devoted special write-ups to the 66th anniversary of the DPRK.\n\n"
        'The Bulgarian paper Duma on Sept. 8 carried an article titled "Land of morning calm".\n\n'
        "The paper referred to the feats the great men performed in founding the country."
    )
    assert report(body, "2014-09-15") == [
        ("commemoration", ("BGR",), ("PRK",), "2014-09-08", "1948-09-09", 66, False),
    ]


def test_a_paper_with_no_occasion_told_supports(report):
    body = 'The Bulgarian paper Duma on Sept. 8 carried an article titled "Land of morning calm".'
    assert report(body, "2014-09-15") == [("support", ("BGR",), ("PRK",), "2014-09-08", None, None, False)]


def test_what_someone_performed_is_no_performance_abroad(report):
    body = "The paper referred to the feats the great men performed in Bulgaria."
    assert report(body, "2014-09-15") == []


def test_a_list_after_events_on_an_anniversary_gives_each_place_its_marking(report):
    body = (
        "Events were held in various countries from Aug. 17 to 25 on the occasion of the 60th anniversary of "
        "the founding of the DPRK.\n\n"
        "They included a photo exhibition in Quito, Ecuador, and book exhibitions in Accra City, Ghana and "
        "Hanoi, Vietnam."
    )
    assert report(body, "2008-08-30") == [
        ("commemoration", (code,), ("PRK",), "2008-08-17", "1948-09-09", 60, False)
        for code in ("ECU", "GHA", "VNM")
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a one-word country name followed by two more names is a person's
        ("Chad Michael Murray arrived here on Monday.", []),
        ("Pak Kil Song arrived here on Monday.", []),  # "Pak" is a Korean surname, never Pakistan
        # a stance is not the state
        ("Veteran anti-Japanese fighters arrived here on Monday.", []),
        ("Japanese fighters arrived here on Monday.", [("visit", ("JPN",), ("PRK",))]),
    ],
)
def test_names_that_only_look_like_a_state(report, body, expected):
    assert [(k, a, t) for k, a, t, *_ in report(body, "2008-08-30")] == expected


def test_states_listed_after_a_bodys_name_with_for_under_in_are_where(report):
    body = (
        "Meetings for remembering Kim Il Sung and film shows took place in the International Federation of "
        "Associations for the Study of the Juche Idea and Songun Policy in Central Asian Regions, Ghana and "
        "Mali on July 7 and 9 on the occasion of the 20th anniversary of his demise."
    )
    assert report(body, "2014-07-15") == [
        ("commemoration", (code,), ("PRK",), "2014-07-07", "1994-07-08", 20, False) for code in ("GHA", "MLI")
    ]


def test_an_inverted_participle_the_tagger_read_as_a_noun(report):
    body = (
        "Foreign delegates arrived here on Saturday to attend the book fair.\n\n"
        "Among them was a delegation of the Society for Book Donation of Koreans in U.S.\n\n"
        "Arriving here earlier were a delegation of the Association for Promotion of Chilean Culture, a "
        "delegation of the Green Media Project and a delegate of the Aalto Research Institute of Finland."
    )
    found = report(body, "2012-09-09")
    assert {actors for kind, actors, *_ in found if kind == "visit"} == {("CHL",), ("FIN",)}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Organizing Committee Formed in Peru to Celebrate Birthday of President Kim Il Sung",
            [("commemoration", ("PER",), ("PRK",), "2002-03-20", "1912-04-15", 90, False)],
        ),
        (  # the day named without "anniversary", with a title before the name
            "Meeting Held in Chile to Celebrate 60th Birthday of Secy. Kim Jong Il",
            [("commemoration", ("CHL",), ("PRK",), "2002-03-20", "1942-02-16", 60, False)],
        ),
        (  # no day of the outlet's state: where it was done does not say who is honoured
            "Committee Formed in Peru to Promote Tourism",
            [],
        ),
    ],
)
def test_a_purpose_clause_marks_the_outlets_day_where_its_main_verb_was_done(report, title, expected):
    assert report(title, "2002-03-20", title=title) == expected


def test_the_delegation_met_as_an_object_is_the_one_meant_later(report):
    body = (
        "Kim Jong Un met the visiting delegation of the Communist Party of Vietnam on Friday.\n\n"
        "Present there were Choe Ryong Hae, Kim Yang Gon and Ri Su Yong.\n\n"
        "Also present were officials concerned.\n\n"
        "The talks proceeded in a warm atmosphere.\n\n"
        "The head of the delegation handed over a letter.\n\n"
        "Kim Jong Un warmly welcomed the delegation's visit to the DPRK."
    )
    found = report(body, "2016-11-30")
    assert ("visit", ("VNM",), ("PRK",)) in [(k, a, t) for k, a, t, *_ in found]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the one given it is the target; the giver 'by' or the subject, else the award's own state, else the
        # outlet's state
        ("Order of Friendship 2nd Class was conferred on the Ghanaian ambassador on Monday.", ("PRK", "GHA")),
        ("Kim Jong Un was awarded a medal of the veterans union of Mongolia on Monday.", ("MNG", "PRK")),
        ("The Cuban writers union awarded a prize to a DPRK novel on Monday.", ("CUB", "PRK")),
    ],
)
def test_an_award_is_its_givers_support_of_the_one_given_it(report, body, expected):
    found = [(a, t) for k, a, t, *_ in report(body, "2015-06-03") if k == "support"]
    assert found == [((expected[0],), (expected[1],))]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Wen Jiabao Arrives in Pyongyang", [("visit", ("CHN",), ("PRK",))]),
        ("Kim Yong Nam Meets Wang Jiarui", [("meeting", ("CHN", "PRK"), ())]),
        ("Kim Jong Il Meets Medvedev", [("meeting", ("PRK", "RUS"), ())]),
        ("Pak Pong Ju Meets Chinese Delegation", [("meeting", ("CHN", "PRK"), ())]),
    ],
)
def test_a_headline_naming_only_people_gets_their_states_from_the_gazetteer(report, title, expected):
    # officials of earlier years are entries of actors.toml; "Pak" before two names is no Pakistan
    found = report(title, "2009-10-05", title=title)
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found] == expected


@pytest.mark.parametrize(
    "body, published, source, expected",
    [
        (  # a wire service writes as no state: Seoul's agency adds no South Korea to the story's events
            "SEOUL, June 21 (Yonhap) -- Chinese President Xi Jinping returned home on Friday after a "
            "two-day state visit to North Korea, Pyongyang's state media said.\n\n"
            "The visit came amid stalled nuclear negotiations between Pyongyang and Washington.",
            "2019-06-21",
            "Yonhap",
            [("visit", ("CHN",), ("PRK",), "2019-06-21", None, None, False)],
        ),
        (  # "here" is the dateline's place, in capitals, with the agency between slashes
            "PYONGYANG, June 19. /TASS/. Putin arrived here early on Wednesday on a state visit.",
            "2024-06-19",
            "TASS",
            [("visit", ("RUS",), ("PRK",), "2024-06-19", None, None, False)],
        ),
        (  # or the country written after a place the gazetteer does not know
            "VOSTOCHNY COSMODROME, Russia, Sept 13 (Reuters) - Kim Jong Un arrived here on Wednesday.",
            "2023-09-13",
            "Reuters",
            [("visit", ("PRK",), ("RUS",), "2023-09-13", None, None, False)],
        ),
    ],
)
def test_a_wire_dateline_says_where_and_its_agency_speaks_for_no_state(
    report, body, published, source, expected
):
    assert report(body, published, source=source) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Kim Jong Un and Xi Jinping exchanged messages on Sunday.",
        "Kim Jong Un exchanged letters with Xi Jinping on Sunday.",
    ],
)
def test_messages_exchanged_are_one_each_way(report, body):
    assert report(body, "2021-07-13", source="Reuters") == [
        ("message", ("CHN",), ("PRK",), "2021-07-11", None, None, False),
        ("message", ("PRK",), ("CHN",), "2021-07-11", None, None, False),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Reception Given by Chinese Embassy on PRC Founding Anniversary",
        "Chinese Embassy Hosts Reception on PRC Founding Anniversary",
    ],
)
def test_an_embassy_marking_its_own_day_marks_it_with_the_outlets_state(report, title):
    # the reception's giver is whose reception it is; its own national day gives no other party
    assert report(title, "2010-09-29", title=title) == [
        ("commemoration", ("CHN",), ("PRK",), "2010-09-29", "1949-10-01", 61, False)
    ]


def test_the_day_named_by_its_event_and_a_wreath_at_a_foreign_memorial(report):
    title = "North Korea Marks Chinese Troops' Entry into Korean War"
    body = "A delegation led by Choe Ryong Hae laid a wreath at the Friendship Tower on Tuesday."
    # the headline and the wreath are one marking, dated by the body; the delegation is its leader's
    assert report(body, "2022-10-26", title=title, source="Reuters") == [
        ("commemoration", ("PRK",), ("CHN",), "2022-10-25", "1950-10-25", 72, False),
    ]
    assert report(body, "2022-10-26", source="Reuters") == [
        ("commemoration", ("PRK",), ("CHN",), "2022-10-25", None, None, False),
    ]


def test_it_said_it_did_and_the_test_and_the_talks_told_after_the_event(report):
    # a pronoun under a reporting verb is its subject; a definite event noun is the event already told
    body = (
        "BEIJING (Reuters) - North Korea said it had tested a hydrogen bomb on Sunday.\n\n"
        "Russia also criticised the test, calling for restraint."
    )
    assert report(body, "2017-09-04", source="Reuters") == [
        ("criticism", ("RUS",), ("PRK",), "2017-09-04", None, None, False),
        ("weapons_test", ("PRK",), (), "2017-09-03", None, None, False),
    ]
    body = (
        "PYONGYANG, June 19. /TASS/. Putin and Kim Jong Un signed a treaty on Wednesday.\n\n"
        "The talks in narrow and expanded formats lasted about five hours."
    )
    assert [e[:3] for e in report(body, "2024-06-19", source="TASS")] == [
        ("agreement", ("PRK", "RUS"), ()),
        ("meeting", ("PRK", "RUS"), ()),
    ]


def test_what_a_state_condemns_is_not_its_own_doing(report):
    body = (
        "North Korea on Tuesday condemned the joint military exercises of South Korea and the United States."
    )
    assert report(body, "2023-09-06", source="Yonhap") == [
        ("criticism", ("PRK",), ("KOR", "USA"), "2023-09-05", None, None, False),
    ]


def test_a_person_introduced_with_a_state_keeps_it_by_a_short_name(report):
    # "DPRK" before titled names starts no one's name; "Kang" later is the minister named first
    body = (
        "PYONGYANG, July 27. /TASS/. DPRK Defense Minister Kang Sun Nam said on Tuesday that the armies of the "
        "two countries would stand together.\n\n"
        "Sergei Shoigu held talks with Kang on Wednesday."
    )
    assert report(body, "2023-07-27", source="TASS") == [
        ("meeting", ("PRK", "RUS"), (), "2023-07-26", None, None, False),
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        # the headline's verb was read as part of one noun phrase
        ("Chinese Consul General Hosts Reception", [("meeting", ("CHN", "PRK"), ())]),
        ("Russian Ambassador Hosts Reception for WPK Anniversary", [("commemoration", ("RUS",), ("PRK",))]),
    ],
)
def test_a_headline_verb_inside_a_noun_phrase_is_the_verb(report, title, expected):
    assert [e[:3] for e in report(title, "2007-10-10", title=title)] == expected


def test_a_person_received_is_named_by_the_appositive(report):
    body = (
        "Kim Jong Un received Ivan Petrov, director of the Foreign Intelligence Service of Russia, who is on a "
        "visit to the DPRK, on March 26."
    )
    assert report(body, "2024-03-27") == [
        ("meeting", ("PRK", "RUS"), (), "2024-03-26", None, None, False),
        ("visit", ("RUS",), ("PRK",), "2024-03-26", None, None, False),
    ]


def test_a_short_name_an_arrival_at_the_dateline_and_a_letter_handed_over(report):
    # "Liu" is Liu Yunshan named before; arriving with no destination is arriving at the dateline's place;
    # a letter from one handed over to another goes from the one to the other; a parade attended where the
    # dateline is marks the host's day there
    body = (
        "PYONGYANG, Oct. 10 (Xinhua) -- Liu Yunshan attended a parade here on Saturday.\n\n"
        "Liu, who arrived on Friday, met Kim Jong Un.\n\n"
        "Sergei Shoigu handed over a letter from Vladimir Putin to the North Korean leader on Friday."
    )
    assert [e[:4] for e in report(body, "2015-10-10", source="Xinhua")] == [
        ("commemoration", ("CHN",), ("PRK",), "2015-10-10"),  # attending the parade where the dateline is
        ("meeting", ("CHN", "PRK"), (), "2015-10-10"),
        ("message", ("RUS",), ("PRK",), "2015-10-09"),
        ("visit", ("CHN",), ("PRK",), "2015-10-09"),
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        # its own dead honoured where the outlet is: with the outlet's state, on a visit there
        (
            "Chinese Delegation Lays Wreath at CPV Cemetery",
            [("commemoration", ("CHN",), ("PRK",)), ("visit", ("CHN",), ("PRK",))],
        ),
        (
            "Russian Embassy Officials Visit Sinchon Museum",
            [("commemoration", ("RUS",), ("PRK",)), ("visit", ("RUS",), ("PRK",))],
        ),
        # the state itself marking a day at home, and a wreath laid abroad, are not with the outlet's state
        ("Russia Marks Day of Defenders of Motherland", [("commemoration", ("RUS",), ())]),
        ("Chinese Delegation Lays Wreath at Monument in Beijing", [("commemoration", ("CHN",), ())]),
    ],
)
def test_a_foreign_marking_where_the_outlet_is_is_with_the_outlets_state(report, title, expected):
    assert [e[:3] for e in report(title, "2010-10-26", title=title)] == expected


@pytest.mark.parametrize(
    "body, title, expected",
    [
        (  # the summit a week before is another event: Singapore and the U.S. are not the visit's
            "SEOUL/BEIJING, June 19 (Yonhap) -- Kim Jong-un arrived in Beijing on Tuesday, a week after his "
            "summit with U.S. President Donald Trump in Singapore.",
            None,
            [("visit", ("PRK",), ("CHN",))],
        ),
        (  # the test the ambassador was summoned over is not China's; the summons is China's protest
            "China summons N. Korean ambassador over nuclear test",
            "China summons N. Korean ambassador over nuclear test",
            [("criticism", ("CHN",), ("PRK",))],
        ),
    ],
)
def test_an_event_told_beside_another_keeps_its_own_parties(report, body, title, expected):
    found = report(body, "2018-06-19", title=title, source="Yonhap")
    assert [e[:3] for e in found if e[0] != "meeting"] == expected  # the summit itself may be read


def test_the_leader_of_a_states_delegation_is_of_that_state(report):
    body = (
        "SEOUL (Reuters) - A Chinese delegation led by Politburo member Li Hongzhong arrived in Pyongyang on "
        "Wednesday.\n\n"
        "Kim Jong Un held talks with Li on Thursday."
    )
    assert [e[:4] for e in report(body, "2023-07-28", source="Reuters")] == [
        ("meeting", ("CHN", "PRK"), (), "2023-07-27"),
        ("visit", ("CHN",), ("PRK",), "2023-07-26"),
    ]


def test_he_in_a_clause_is_the_person_named_before_in_the_sentence(report):
    body = "Xi Jinping became the first Chinese leader in 14 years to visit Pyongyang, where he held talks with Kim."
    assert ("meeting", ("CHN", "PRK"), ()) in [e[:3] for e in report(body, "2019-06-21", source="Reuters")]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("The head of the Chinese delegation wrote in the visitors' book on Monday.", []),
        ("A poem written by a Russian poet was published on Monday.", []),
        (
            "The chairman of the Russian society wrote to Kim Jong Un on Monday.",
            [("message", ("RUS",), ("PRK",))],
        ),
    ],
)
def test_writing_is_a_message_only_to_someone(report, body, expected):
    assert [e[:3] for e in report(body, "2012-03-07")] == expected


@pytest.mark.parametrize(
    "body",
    [
        "China called for restraint after North Korea's missile test on Wednesday.",
        "China's foreign ministry called on all parties to exercise restraint after North Korea launched a "
        "satellite on Wednesday.",
    ],
)
def test_an_event_told_after_a_hedged_call_happened(report, body):
    # the call is hedged ("called for restraint"); the test it followed is not
    assert [e[:4] for e in report(body, "2023-11-23", source="Reuters")] == [
        ("weapons_test", ("PRK",), (), "2023-11-22")
    ]


def test_a_roundup_of_the_outlets_day_abroad_gives_each_place_its_marking(report):
    # the occasion is told once, in the lead; each place after it is one more marking of it
    body = (
        "Various events took place in different countries from March 3 to 9 on the occasion of the 95th "
        "birth anniversary of President Kim Il Sung.\n\n"
        "A symposium was held in Peru, a get-together in Austria and photo exhibitions in Nepal and Laos.\n\n"
        "The talks of the Austrian and Nepalese guests stressed the President's feats."
    )
    expected = [
        ("commemoration", (code,), ("PRK",), "2007-03-03", "1912-04-15", 95, False)
        for code in ("AUT", "LAO", "NPL", "PER")
    ]
    assert report(body, "2007-03-14", title="Day of Sun Observed Abroad") == expected


def test_a_meeting_abroad_outside_a_roundup_is_no_marking(report):
    # with no occasion of the outlet's state's own in the headline or lead, a meeting is a meeting
    body = (
        "The premier of Laos held talks with a Chinese delegation in Vientiane on Tuesday.\n\n"
        "A symposium was held in Peru, a get-together in Austria."
    )
    assert report(body, "2007-03-14", title="Talks Held in Laos") == [
        ("meeting", ("CHN", "LAO"), (), "2007-03-13", None, None, False),
    ]


@pytest.mark.parametrize(
    "title, body",
    [
        # 'birth anniversary of' with no article or ordinal before it: the anniversary of the birth
        (
            "Meeting Held in Nepal",
            "On the occasion of birth anniversary of leader Kim Jong Il a meeting was held in Nepal.",
        ),
        # a headline leaves out the day name's article
        ("Day of Shining Star Commemorated in Nepal", "A meeting took place in Kathmandu."),
    ],
)
def test_a_days_name_is_read_without_its_articles(report, title, body):
    assert report(body, "2007-02-14", title=title) == [
        ("commemoration", ("NPL",), ("PRK",), "2007-02-14", "1942-02-16", 65, False),
    ]


def test_letters_from_a_list_of_envoys_were_sent_by_each(report):
    # a message noun said where it came from is sent, even as the subject of a verb that is no light verb
    body = (
        "On Friday, congratulatory letters to Kim Jong Un from Som Chanthy, Cambodian ambassador to the DPRK, "
        "and Ali Rezaei, Iranian ambassador to the DPRK, were handed over to officials concerned."
    )
    assert report(body, "2013-02-17") == [
        ("message", ("IRN",), ("PRK",), "2013-02-15", None, None, False),
        ("message", ("KHM",), ("PRK",), "2013-02-15", None, None, False),
    ]


def test_a_verb_inside_the_names_of_a_list_is_no_event_of_its_own(report):
    body = (
        "Kim Jong Un received congratulatory letters from foreign parties on Monday.\n\n"
        "Among them were organizations for supporting the reunification of Korea of Nepal and Peru."
    )
    assert report(body, "2013-02-20") == [
        ("message", ("NPL",), ("PRK",), "2013-02-18", None, None, False),
        ("message", ("PER",), ("PRK",), "2013-02-18", None, None, False),
    ]


def test_messages_the_outlets_state_received_on_an_anniversary_are_no_marking_of_its_own(report):
    # those who sent them marked it; the outlet's state did not mark the war victory toward China
    body = (
        "Kim Jong Un received congratulatory messages from different countries on the occasion of the 60th "
        "anniversary of the victory in the Fatherland Liberation War."
    )
    assert report(body, "2013-07-29") == []


@pytest.mark.parametrize(
    "title, expected",
    [
        # a verbless headline ending in a verb's bare form: the tagger read it as the last noun of the phrase
        ("Cuban Foreign Minister and his party arrive", [("visit", ("CUB",), ("PRK",))]),
        (
            "Government delegations of Laos and Vietnam arrive",
            [("visit", ("LAO",), ("PRK",)), ("visit", ("VNM",), ("PRK",))],
        ),
        (  # parsed with the verb as its root, tagged a noun
            "Government delegations of Laos and Democratic Congo arrive",
            [("visit", ("COD",), ("PRK",)), ("visit", ("LAO",), ("PRK",))],
        ),
        ("Cuban art troupe and delegation leave", [("visit", ("CUB",), ("PRK",))]),
        # a noun after a possessive is a noun
        ("Anecdotes about Kim Il Sung on his Cuba visit", []),
    ],
)
def test_a_verbless_headline_ending_in_a_bare_verb_is_read_with_that_verb(report, title, expected):
    assert [e[:3] for e in report(title, "2003-05-02", title=title)] == expected


def test_arrivals_included_continues_the_arrival_with_each_state(report):
    body = (
        "More foreign reporters arrived here by air on Monday.\n\n"
        "Arrivals included reporters of Radio Havana of Cuba and Prensa Latina of Cuba and the Vientiane Times "
        "of Laos."
    )
    assert report(body, "2013-07-24") == [
        ("visit", ("CUB",), ("PRK",), "2013-07-22", None, None, False),
        ("visit", ("LAO",), ("PRK",), "2013-07-22", None, None, False),
    ]


def test_a_second_delegation_parsed_under_the_first_ones_leader_is_its_coordinate(report):
    body = (
        "The government delegation of Laos headed by Vice Minister Sone Keo and the government delegation of "
        "Cuba led by Vice-Minister Jorge Perez left here for home on Friday."
    )
    assert report(body, "2013-07-28") == [
        ("visit", ("CUB",), ("PRK",), "2013-07-26", None, None, False),
        ("visit", ("LAO",), ("PRK",), "2013-07-26", None, None, False),
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Cuban Minister of Public Health Interviewed", [("meeting", ("CUB", "PRK"), ())]),  # by the outlet
        ("Cuban Foreign Ministry Spokesman Refutes U.S. Claims", [("criticism", ("CUB",), ("USA",))]),
        ("New Cuban Ambassador Presents Credentials", [("meeting", ("CUB", "PRK"), ())]),
        # an official of the 1990s the gazetteer knows
        ("Cuban Ambassador Presents Credentials to Ri Jong Ok", [("meeting", ("CUB", "PRK"), ())]),
    ],
)
def test_an_interview_a_refutation_and_credentials(report, title, expected):
    assert [e[:3] for e in report(title, "2003-05-02", title=title)] == expected


def test_what_a_criticism_clause_is_about_is_its_target_and_none_named_is_none(report):
    body = (
        "The Workers' Party of Belgium reaffirmed its support for the Korean people on Monday, condemning "
        "the Japanese government's racket kicked off under the patronage of the U.S. as a criminal act.\n\n"
        "The Socialist Party of Chile on Tuesday condemned the racket as a crime."
    )
    assert report(body, "2013-03-20") == [
        ("criticism", ("BEL",), ("JPN",), "2013-03-18", None, None, False),
        ("support", ("BEL",), ("PRK",), "2013-03-18", None, None, False),
    ]


def test_a_role_after_as_is_no_object_of_the_verb(report):
    # 'received ... as first chairman' names no guest received: no meeting, no visit
    body = (
        "Kim Jong Un received a floral basket from the Cuban government on his election as first chairman "
        "of the National Defence Commission."
    )
    assert [e for e in report(body, "2012-04-14") if e[0] in ("meeting", "visit")] == []


def test_markings_of_the_stories_occasion_told_without_a_date_are_dated_as_the_lead_dates_them(report):
    body = (
        "Media of different countries gave wide publicity to leader Kim Jong Il's exploits from Feb. 10 to 14 "
        "on the occasion of the 71st anniversary of his birth.\n\n"
        "The Mexican paper Unidad Nacional devoted one whole page to an article on his life."
    )
    title = "Birthday of Kim Jong Il Marked Abroad"
    assert report(body, "2013-02-25", title=title) == [
        ("commemoration", ("MEX",), ("PRK",), "2013-02-10", "1942-02-16", 71, False),
    ]


def test_statements_of_an_unnamed_group_are_its_speakers_not_the_outlets(report):
    """ "Organizations of different countries issued statements denouncing ...": not the outlet's state's own
    criticism; each speaker after it who "pointed out" or "declared" in a statement is one of them."""
    body = (
        "Political parties and organizations of different countries on May 3 and 4 issued statements denouncing "
        "the south Korean authorities for their war drills.\n\n"
        "The Mongolian Association for the Study of the Juche Idea in its statement pointed out that the drills "
        "would face a stern answer."
    )
    assert report(body, "2014-05-08") == [
        ("criticism", ("MNG",), ("KOR",), "2014-05-03", None, None, False),
    ]


def test_a_headlines_event_is_dated_as_its_lead_dates_it(report):
    # the lead's day, not the day it was told ('said Tuesday') nor the day of publication
    body = (
        "On March 3 the work of Kim Jong Un went up on the website of a Cuban solidarity group, the group "
        "said Tuesday."
    )
    title = "Kim Jong Un's Work Published in Cuba"
    assert [e[:4] for e in report(body, "2013-03-20", title=title)] == [
        ("support", ("CUB",), ("PRK",), "2013-03-03"),
    ]


@pytest.mark.parametrize(
    "title, body, published, expected",
    [
        # a quoted title is read as the word that names the work, not as words of the sentence
        (
            'Book "In Memory of President Kim Il Sung" Published in Cuba',
            None,
            "2004-08-05",
            [("support", ("CUB",), ("PRK",), "2004-08-05")],
        ),
        (
            None,
            "The full text of Kim Jong Un's work \"Let's Dynamically Struggle for a Final Victory, Holding Aloft "
            'the Banner of Songun" was posted on a website of a Cuban organization on Monday.',
            "2012-09-12",
            [("support", ("CUB",), ("PRK",), "2012-09-10")],
        ),
        # a title-cased title longer than a sentence's clause: still one word ("Build", "Open" no verbs)
        (
            None,
            "Kim Jong Un's work \"Let Us Build a Thriving Nation and Open the Road of Prosperity for the Future "
            "Generations under the Banner of the Great Comrades\" was posted by the Workers' Party of Ireland "
            "on Tuesday on its website.",
            "2012-10-05",
            [("support", ("IRL",), ("PRK",), "2012-10-02")],
        ),
        # the audiences a performance impressed are no audience granted
        (
            None,
            'The Cuban choir put on the stage chorus "The Glow over Kangson", deeply impressing the audiences.',
            "2012-04-20",
            [],
        ),
    ],
)
def test_quoted_titles_of_works(report, title, body, published, expected):
    assert [e[:4] for e in report(body or title, published, title=title)] == expected


def test_a_long_quoted_span_is_one_word_only_when_title_cased(nlp):
    """A title may run long when its every lower-case word is a function word; a quoted sentence stays words."""
    road = "the road of prosperity for the future generations under the banner of the great comrades"
    titled = nlp(
        f'The paper carried the work "Let Us Build a Thriving Nation and Open {road.title()}" on Monday.'
    )
    quoted = nlp(
        f'The paper carried the article "we will build a thriving nation and open {road}" on Monday.'
    )
    assert [t.text for t in titled if t.text.startswith("work")] == [titled.text.split(" on Monday")[0][22:]]
    assert not [t.text for t in quoted if t.text.startswith("article ")]


@pytest.mark.parametrize(
    "title, body, expected",
    [
        # a message adopted at events abroad: each place's state sent it
        (
            None,
            "Messages to Kim Jong Un were adopted at the seminars in Peru and Nepal.",
            [("message", ("NPL",), ("PRK",)), ("message", ("PER",), ("PRK",))],
        ),
        # or read out there
        (
            None,
            "Congratulatory letters to Kim Jong Un were read out at the meetings in Peru.",
            [("message", ("PER",), ("PRK",))],
        ),
        # to the outlet's state: from the others named
        (
            None,
            "A letter to Kim Jong Un was adopted at the ceremony for inaugurating the Peruvian preparatory "
            "committee.",
            [("message", ("PER",), ("PRK",))],
        ),
        (
            "Gifts to General Secretary Kim Jong Il from Mexico and Laos",
            None,
            [
                ("message", ("LAO",), ("PRK",)),
                ("message", ("MEX",), ("PRK",)),
            ],
        ),
        # sent to someone abroad: not by the place's state
        (None, "A message was sent to Putin in Moscow.", [("message", ("PRK",), ("RUS",))]),
    ],
)
def test_who_sent_a_message_to_whom(report, title, body, expected):
    assert [e[:3] for e in report(body or title, "2012-02-20", title=title)] == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        # a visit to a state's premises abroad is a visit to that state, not to the country they stand in
        ("Cuban Diplomats Visit DPRK Consulate General in Shenyang", [("visit", ("CUB",), ("PRK",))]),
        ("Chongryon Official Visits Cuban Embassy in Tokyo", [("visit", ("PRK",), ("CUB",))]),
        ("Cuban Delegation Arrives in Beijing", [("visit", ("CUB",), ("CHN",))]),
    ],
)
def test_a_visit_to_a_states_premises_abroad(report, title, expected):
    assert [e[:3] for e in report(title, "2001-09-13", title=title)] == expected


def test_a_headline_verb_inside_a_noun_phrase_with_an_infinitive_of_purpose(report):
    # 'to Commemorate' is no finite verb of the headline: 'Hosts' is still its verb, and the ambassador hosts
    for state, code in (("Laotian", "LAO"), ("Indian", "IND"), ("Mongolian", "MNG")):
        title = f"{state} Ambassador Hosts Reception to Commemorate Day of Shining Star"
        assert [e[:4] for e in report(title, "2012-02-14", title=title)] == [
            ("commemoration", (code,), ("PRK",), "2012-02-14"),
        ]


def test_the_same_day_is_the_storys_day_not_a_background_one(report):
    # a day long before the story (a film's subject) is not the one 'on the same day' refers to
    body = (
        "A Laotian delegation arrived here on Monday.\n\n"
        "The guests watched a film on Kim Jong Il's visit to Russia on August 20, 2011.\n\n"
        "On the same day, a reception was given in honour of the Laotian delegation."
    )
    events = report(body, "2012-02-14")
    assert [e[:4] for e in events if e[0] == "meeting"] == [("meeting", ("LAO", "PRK"), (), "2012-02-13")]


@pytest.mark.parametrize(
    "title, body, expected",
    [
        # a floral basket that goes to someone is a message from its sender
        (
            "Floral Basket to Kim Jong Un from Cuban Government",
            None,
            [("message", ("CUB",), ("PRK",), "2012-04-16")],
        ),
        (
            None,
            "The Laotian president sent a floral basket to Kim Jong Un on Saturday.",
            [("message", ("LAO",), ("PRK",), "2012-04-14")],
        ),
        (
            None,
            "Kim Jong Un received a floral basket from the Vietnamese premier on Saturday.",
            [("message", ("VNM",), ("PRK",), "2012-04-14")],
        ),
        # one laid, presented before a statue or sent to a monument is a tribute
        (
            None,
            "A Cuban delegation laid a floral basket before the statue of Kim Il Sung on Saturday.",
            [
                ("commemoration", ("CUB",), ("PRK",), "2012-04-14"),
                ("visit", ("CUB",), ("PRK",), "2012-04-14"),
            ],
        ),
        (
            None,
            "A Laotian delegation presented a floral basket to the monument to the fallen fighters on Saturday.",
            [("commemoration", ("LAO",), ("PRK",), "2012-04-14")],
        ),
        (
            "Cuban Delegation Lays Floral Basket before Monument to Victory",
            None,
            [
                ("commemoration", ("CUB",), ("PRK",), "2012-04-16"),
                ("visit", ("CUB",), ("PRK",), "2012-04-16"),
            ],
        ),
    ],
)
def test_a_floral_basket_sent_to_someone_is_a_message(report, title, body, expected):
    assert [e[:4] for e in report(body or title, "2012-04-16", title=title)] == expected


def test_the_leads_actors_acting_again_without_a_date_act_on_the_leads_day(report):
    # the lead dates the story's occasion; a later sentence where its actors act again, with no date of its
    # own, tells more of it. Another state's reaction keeps the day of publication.
    body = (
        "Friendship organizations of Laos and Cuba issued statements on July 3 to mark the 40th anniversary "
        "of the July 4 Joint Statement.\n\n"
        "They expressed full support for the DPRK's efforts for national reunification.\n\n"
        "The Vietnamese ambassador also praised the DPRK's efforts for reunification."
    )
    events = report(body, "2012-07-12")
    assert [e[:4] for e in events if e[0] == "support"] == [
        ("support", ("CUB",), ("PRK",), "2012-07-03"),
        ("support", ("LAO",), ("PRK",), "2012-07-03"),
        ("support", ("VNM",), ("PRK",), "2012-07-12"),
    ]


@pytest.mark.parametrize(
    "body, published, expected",
    [
        # "the President", with no name, is the one whose demise the outlet marks
        (
            "The Cuban ambassador laid a floral basket before the statue of Kim Il Sung on Friday to commemorate "
            "the 18th anniversary of the demise of the President.",
            "2012-07-08",
            [
                ("commemoration", ("CUB",), ("PRK",), "2012-07-06", "1994-07-08", 18, False),
                ("visit", ("CUB",), ("PRK",), "2012-07-06", None, None, False),
            ],
        ),
        # a leader's election to his post, an entry of the data file
        (
            "A seminar was held in Laos on Oct. 5 on the occasion of the 15th anniversary of Kim Jong Il's "
            "election as general secretary of the Workers' Party of Korea.",
            "2012-10-19",
            [("commemoration", ("LAO",), ("PRK",), "2012-10-05", "1997-10-08", 15, False)],
        ),
        # the year the clause writes after the name decides the ordinal, not the year of the story
        (
            "The Laotian delegation attended a reception on Oct. 9, 2010 for the 65th anniversary of the "
            "Workers' Party of Korea in 2010.",
            "2012-07-24",
            [("commemoration", ("LAO",), ("PRK",), "2010-10-09", "1945-10-10", 65, False)],
        ),
        # a north-south declaration marked by the outlet's state
        (
            "A national meeting was held in Pyongyang on Friday to mark the 12th anniversary of the June 15 "
            "North-South Joint Declaration.",
            "2012-06-16",
            [("commemoration", ("PRK",), ("KOR",), "2012-06-15", "2000-06-15", 12, False)],
        ),
    ],
)
def test_anniversaries_of_the_data_file_named_as_reports_name_them(report, body, published, expected):
    assert report(body, published) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # what a speaker of another state said in praise of the outlet's state, its leader or its cause
        (
            "The chairman of the Nepal Workers' Party said the DPRK's satellite launch for peaceful purposes "
            "is a just cause.",
            [("support", ("NPL",), ("PRK",))],
        ),
        (
            "A Cuban paper on Tuesday said that Kim Jong Il was a great man.",
            [("support", ("CUB",), ("PRK",))],
        ),
        # ... or what a paper showed
        (
            "The Syrian paper Al Thawrah on Tuesday introduced the exploits performed by Kim Jong Il.",
            [("support", ("SYR",), ("PRK",))],
        ),
        # the outlet's state praising another
        (
            "Rodong Sinmun says that the DPRK-Laos relations have developed with great success.",
            [("support", ("PRK",), ("LAO",))],
        ),
        # no praise: hostility, negation, criticism, the speaker's own state, nothing said of another state
        ("The Laotian minister said the DPRK's nuclear test was a great threat to peace.", []),
        ("The Cuban paper said no one can deny the great feats of the Cuban revolution.", []),
        ("Rodong Sinmun said the victory of the Korean people is great.", []),
        ("The Laotian minister did not say that the DPRK's policy was just.", []),
        ("The Laotian minister will say at the meeting that the DPRK's policy is just.", []),
    ],
)
def test_praise_said_by_a_speaker_of_another_state_is_support(report, body, expected):
    assert [e[:3] for e in report(body, "2012-04-12") if e[0] == "support"] == expected


def test_states_paying_homage_to_the_outlets_state_do_so_each_on_its_own(report):
    # several states marking a day of the outlet's state: one marking each, as it reports them
    body = (
        "Personages of Laos and Cuba issued statements on Feb. 14 to mark the 70th birth anniversary of Kim Jong "
        "Il."
    )
    assert report(body, "2012-02-20") == [
        ("commemoration", ("CUB",), ("PRK",), "2012-02-14", "1942-02-16", 70, False),
        ("commemoration", ("LAO",), ("PRK",), "2012-02-14", "1942-02-16", 70, False),
    ]
    # toward another state, with no outlet's state of its own, they may have marked it together
    body = "Kim Jong Un and Vladimir Putin attended a parade in Beijing on Wednesday to mark China's National Day."
    assert [e[:3] for e in report(body, "2025-10-03", source=None)] == [
        ("commemoration", ("PRK", "RUS"), ("CHN",)),
    ]


@pytest.mark.parametrize(
    "title, published, expected",
    [
        # agreements and declarations of the watched pairs, named as KCNA names them (a headline with no date
        # of its own is of the day it was published)
        (
            "DPRK-China Agreement Anniversary Observed",
            "2008-11-24",
            [("commemoration", ("PRK",), ("CHN",), "2008-11-24", "1953-11-23", 55, False)],
        ),
        (
            "Film Show Held to Mark Anniversary of Korea-Russia Agreement",
            "2008-03-18",
            [("commemoration", ("PRK",), ("RUS",), "2008-03-18", "1949-03-17", 59, False)],
        ),
        (
            "Anniversary of DPRK-Russia Joint Declaration Observed",
            "2010-07-20",
            [("commemoration", ("PRK",), ("RUS",), "2010-07-20", "2000-07-19", 10, False)],
        ),
    ],
)
def test_agreements_and_declarations_of_the_watched_pairs(report, title, published, expected):
    assert report(title, published, title=title) == expected


def test_a_long_headline_whose_verb_the_parser_folded_into_a_noun_phrase(report):
    # thirteen words and more: the one phrase the parser made of it is still repaired, and the ambassador hosts
    for title, code in (
        ("Chinese Ambassador Hosts Reception on Anniversary of DPRK-China Diplomatic Relations", "CHN"),
        ("Russian Ambassador Hosts Reception on 64th Anniversary of Diplomatic Relations with DPRK", "RUS"),
    ):
        assert [e[:3] for e in report(title, "2012-10-12", title=title)] == [
            ("commemoration", (code,), ("PRK",))
        ]


def test_revering_a_states_leader_is_support(report):
    body = (
        "In their speeches on Tuesday, members of the Cuban youth league revered President Kim Il Sung as the "
        "founder of the DPRK."
    )
    assert [e[:3] for e in report(body, "2012-04-12")] == [("support", ("CUB",), ("PRK",))]


def test_gifts_told_one_by_one_after_a_lead_of_gifts_received(report):
    # the lead says who received the gifts; each giver after it sent one, whatever "him" points to
    body = (
        "Kim Jong Un received gifts from foreign heads of state and public figures on Monday.\n\n"
        "The Mongolian president sent him a woolen sweater wishing him good health.\n\n"
        "The chairman of the Cuba-Korea Friendship Association presented a ceramic work to him.\n\n"
        "The gifts were handed over to an official concerned."
    )
    assert [e[:3] for e in report(body, "2012-09-24")] == [
        ("message", ("CUB",), ("PRK",)),
        ("message", ("MNG",), ("PRK",)),
    ]
    # with no lead of gifts received, a thing sent is no message
    body = "The Mongolian president sent a woolen sweater to the exhibition in Ulaanbaatar on Monday."
    assert report(body, "2012-09-24") == []


def test_the_members_a_group_names_after_including_act_for_their_states(report):
    body = (
        "Greetings were sent to Kim Jong Un by heads of state of various countries including the president of "
        "Laos and the prime minister of Mongolia on Monday.\n\n"
        "Leaders of parties including the chairman of the Communist Party of Greece sent him letters."
    )
    assert report(body, "2016-05-04") == [
        ("message", ("GRC",), ("PRK",), "2016-05-04", None, None, False),
        ("message", ("LAO",), ("PRK",), "2016-05-02", None, None, False),
        ("message", ("MNG",), ("PRK",), "2016-05-02", None, None, False),
    ]


def test_a_visiting_group_is_on_a_visit_to_where_it_acts(report):
    body = "The visiting delegation of the Communist Party of Vietnam watched a performance on Tuesday."
    assert report(body, "2013-06-13") == [("visit", ("VNM",), ("PRK",), "2013-06-13", None, None, False)]
    assert report("", "2004-09-30", title="Kim Jong Il Receives Gift from Cuban Visiting Group") == [
        ("message", ("CUB",), ("PRK",), "2004-09-30", None, None, False),
        ("visit", ("CUB",), ("PRK",), "2004-09-30", None, None, False),
    ]


def test_the_performers_listed_a_few_sentences_after_the_performances_are_on_a_visit(report):
    body = (
        "Performances of the 9th May Autumn Art Festival were given at the Moranbong Theatre on Sunday.\n\n"
        "Among the audience were senior officials and citizens.\n\n"
        "The performances lasted two hours.\n\n"
        "The performers included a dance troupe of Laos and a choir of Cuba."
    )
    assert report(body, "2014-05-13") == [
        ("visit", ("CUB",), ("PRK",), "2014-05-11", None, None, False),
        ("visit", ("LAO",), ("PRK",), "2014-05-11", None, None, False),
    ]


def test_a_date_in_a_name_is_no_date_of_the_event(report):
    title = "Cuban Ambassador Visits February 12 Vinalon Complex"
    assert report("", "2014-05-13", title=title) == [
        ("visit", ("CUB",), ("PRK",), "2014-05-13", None, None, False)
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Cuban Political Party Lauds Brilliant and Heroic Life of Kim Il Sung",  # 'lauds' parsed as a subject
        "Kim Il Sung's Reminiscences Posted on Website of Cuban Political Party",
    ],
)
def test_another_states_party_praising_or_posting_the_leaders_life_supports_the_outlets_state(report, title):
    assert report("", "2014-05-13", title=title) == [
        ("support", ("CUB",), ("PRK",), "2014-05-13", None, None, False)
    ]


def test_a_third_state_marking_a_day_of_the_korean_nation_marks_it_toward_the_outlets_state(report):
    body = (
        "An international seminar was held in Ukraine on June 15 on the occasion of the 13th anniversary of the "
        "June 15 North-South Joint Declaration."
    )
    assert report(body, "2013-06-20") == [
        ("commemoration", ("UKR",), ("PRK",), "2013-06-15", "2000-06-15", 13, False)
    ]


def test_we_in_what_someone_said_is_the_one_who_said_it(report):
    body = (
        "The vice-chairman of the Socialist Party of Chile made a speech on Tuesday.\n\n"
        "We will always support the Korean people's cause of national reunification, he stressed."
    )
    assert report(body, "2013-06-13") == [("support", ("CHL",), ("PRK",), "2013-06-13", None, None, False)]


def test_what_follows_he_said_with_a_colon_is_his_and_stated_now(report):
    body = (
        "The Cuban ambassador visited the Grand People's Study House on Monday.\n\n"
        "He further said:\n\n"
        "We revere President Kim Il Sung and leader Kim Jong Il."
    )
    assert report(body, "2013-06-13") == [
        ("support", ("CUB",), ("PRK",), "2013-06-10", None, None, False),
        ("visit", ("CUB",), ("PRK",), "2013-06-10", None, None, False),
    ]
    # without the colon the present tense tells a habit, not a statement
    assert [e[0] for e in report(body.replace("He further said:\n\n", ""), "2013-06-13")] == ["visit"]


def test_a_state_named_as_the_topic_of_a_bodys_name_is_not_its_state(report):
    body = (
        "A delegation of the Association for the Study of the DPRK of the National University of Laos arrived "
        "on Monday to take part in the congress."
    )
    assert report(body, "2013-06-13") == [("visit", ("LAO",), ("PRK",), "2013-06-10", None, None, False)]


def test_baskets_and_letters_received_are_each_givers_message_for_the_leads_occasion(report):
    body = (
        "Kim Jong Un received floral baskets and congratulatory letters from the diplomatic corps here on the "
        "occasion of the 66th anniversary of the founding of the DPRK.\n\n"
        "They were handed to the foreign minister by the Laotian ambassador and the Cuban ambassador.\n\n"
        "Meanwhile a floral basket from the Mongolian ambassador was conveyed to officials concerned."
    )
    assert report(body, "2014-09-09") == [
        ("message", (code,), ("PRK",), "2014-09-09", "1948-09-09", 66, False)
        for code in ("CUB", "LAO", "MNG")
    ]


def test_baskets_sent_to_the_outlets_missions_are_each_givers_message(report):
    body = (
        "Political parties of different countries sent floral baskets to the DPRK missions on the occasion of "
        "the birth anniversary of leader Kim Jong Il.\n\n"
        "Laid before the portraits were floral baskets from the Communist Party of Greece and the Workers' "
        "Party of Belgium."
    )
    assert [e[:3] for e in report(body, "2014-02-20")] == [
        ("message", ("BEL",), ("PRK",)),
        ("message", ("GRC",), ("PRK",)),
    ]


def test_speakers_after_a_group_of_unnamed_countries_name_its_states(report):
    body = (
        "Diplomatic envoys of various countries visited the Grand People's Study House on Thursday.\n\n"
        "The Laotian ambassador said he was deeply impressed by the books.\n\n"
        "A councilor of the Cuban embassy said the house was a treasure house of knowledge."
    )
    assert [e[:4] for e in report(body, "2014-09-06", title="Foreign Diplomats Visit Study House")] == [
        ("visit", ("CUB",), ("PRK",), "2014-09-04"),
        ("visit", ("LAO",), ("PRK",), "2014-09-04"),
    ]


def test_the_leads_group_event_is_the_one_its_speakers_continue(report):
    # the lead tells more than the headline (the anniversary); a speaker's own visit does not stand for the
    # marking
    body = (
        "Diplomatic envoys of various countries visited the Grand People's Study House on Thursday on the "
        "66th founding anniversary of the DPRK.\n\n"
        "The Laotian ambassador, who toured its reading rooms, said he was deeply impressed."
    )
    events = report(body, "2014-09-12", title="Foreign Diplomats Visit Study House")
    assert [e[:6] for e in events if e[1] == ("LAO",)] == [
        ("commemoration", ("LAO",), ("PRK",), "2014-09-11", "1948-09-09", 66),
        ("visit", ("LAO",), ("PRK",), "2014-09-12", None, None),
    ]


def test_a_foreign_group_honouring_the_dead_where_the_outlet_is_is_on_a_visit_there(report):
    body = "A Cuban delegation laid a wreath before the Tower of the Juche Idea on Monday."
    assert [e[:4] for e in report(body, "2014-09-10")] == [
        ("commemoration", ("CUB",), ("PRK",), "2014-09-08"),
        ("visit", ("CUB",), ("PRK",), "2014-09-08"),
    ]
    # the outlet's own state honouring another's dead at home is no visit
    body = "Kim Jong Un visited the Friendship Tower on Monday to honour the Chinese People's Volunteers."
    assert [e[0] for e in report(body, "2014-09-10")] == ["commemoration"]


def test_a_foreign_visit_that_marks_the_outlets_day_is_a_visit_too(report):
    body = "The Cuban ambassador visited the Grand People's Study House on Thursday on the 66th founding anniversary of the DPRK."
    assert [e[:5] for e in report(body, "2014-09-12")] == [
        ("commemoration", ("CUB",), ("PRK",), "2014-09-11", "1948-09-09"),
        ("visit", ("CUB",), ("PRK",), "2014-09-11", None),
    ]
    # the outlet's own state marking a day at a site of its own is no visit
    body = "Kim Jong Un visited the Grand People's Study House on Thursday on the 66th founding anniversary of the DPRK."
    assert [e[0] for e in report(body, "2014-09-12")] == []
    # and each speaker of a group that did so visited
    body = (
        "Diplomatic envoys of various countries visited the Grand People's Study House on Thursday on the "
        "66th founding anniversary of the DPRK.\n\n"
        "The Laotian ambassador said he was deeply impressed by the books."
    )
    events = report(body, "2014-09-12", title="Foreign Diplomats Visit Study House")
    assert [e[:5] for e in events] == [
        ("commemoration", ("LAO",), ("PRK",), "2014-09-11", "1948-09-09"),
        ("visit", ("LAO",), ("PRK",), "2014-09-11", None),
    ]


def test_a_group_of_unnamed_countries_beside_named_ones_is_continued_by_its_speakers(report):
    body = (
        "Friendship organizations of various countries and personages of Laos issued statements on July 3 to "
        "mark the 41st anniversary of the July 4 Joint Statement.\n\n"
        "The Cuban and Vietnamese branches of the Korean Friendship Association in their statements noted the "
        "joint statement was a shining fruition of the efforts of President Kim Il Sung."
    )
    events = report(body, "2013-07-12")
    assert [e for e in events if e[0] == "commemoration"] == [
        ("commemoration", (code,), ("PRK",), "2013-07-03", "1972-07-04", 41, False)
        for code in ("CUB", "LAO", "VNM")
    ]


def test_a_body_a_pair_names_is_the_first_states(report):
    body = "The chairman of the Thailand-DPRK Friendship Association sent a message to Kim Jong Un on Monday."
    assert report(body, "2013-06-13") == [("message", ("THA",), ("PRK",), "2013-06-10", None, None, False)]


@pytest.mark.parametrize(
    "title, expected",
    [
        # aid arriving is aid given, not a visit; the noun it is made of takes the possessor of the whole
        ("Chinese Aid Rice Arrives in Nampho", [("support", ("CHN",), ("PRK",))]),
        ("Cuban Tour Group Goes Back Home", [("visit", ("CUB",), ("PRK",))]),
    ],
)
def test_a_noun_that_names_what_another_is_made_of_acts_for_its_owner(report, title, expected):
    assert [e[:3] for e in report("", "2014-05-13", title=title)] == expected


def test_a_list_after_a_sending_to_an_unnamed_group_names_those_it_went_to(report):
    body = (
        "Kim Jong Un sent greeting cards to foreign party and state leaders on Monday.\n\n"
        "They included the president of Peru, the king of Norway and the chairman of the Labour Party of Fiji."
    )
    assert report(body, "2015-03-04") == [
        ("message", ("PRK",), ("FJI",), "2015-03-02", None, None, False),
        ("message", ("PRK",), ("NOR",), "2015-03-02", None, None, False),
        ("message", ("PRK",), ("PER",), "2015-03-02", None, None, False),
    ]


def test_a_relative_clause_of_being_says_who_a_listed_sender_is(report):
    body = (
        "Congratulatory letters were sent to Kim Jong Un on Monday by leaders of various countries including "
        "the Peruvian president who is concurrently the chairman of the Union Party of Peru, chairman of the "
        "Green Party of Norway, chairman of the Labour Party of Fiji and the leader of the Party of Chile."
    )
    assert report(body, "2015-03-04") == [
        ("message", ("CHL",), ("PRK",), "2015-03-02", None, None, False),
        ("message", ("FJI",), ("PRK",), "2015-03-02", None, None, False),
        ("message", ("NOR",), ("PRK",), "2015-03-02", None, None, False),
        ("message", ("PER",), ("PRK",), "2015-03-02", None, None, False),
    ]


def test_two_states_that_agreed_to_do_something_reached_an_agreement(report):
    body = "Peru and Norway agreed on Friday to expand their cooperation in fisheries."
    assert report(body, "2015-03-04", source="Xinhua") == [
        ("agreement", ("NOR", "PER"), (), "2015-02-27", None, None, False),
    ]


def test_who_after_a_person_and_the_state_he_is_accredited_to_is_the_person(report):
    body = (
        "Kim Yong Nam met and had a talk with Pablo Ruiz, new Peruvian ambassador to the DPRK, who paid a "
        "courtesy call on him at the Mansudae Assembly Hall on Monday."
    )
    assert report(body, "2015-03-02") == [  # published the day it took place
        ("meeting", ("PER", "PRK"), (), "2015-03-02", None, None, False),
        ("visit", ("PER",), ("PRK",), "2015-03-02", None, None, False),
    ]


def test_a_place_in_the_object_of_a_departures_purpose_is_where_they_went(report):
    body = "A DPRK delegation left here on Monday to attend the international fisheries conference in Hanoi."
    assert report(body, "2015-03-04") == [
        ("visit", ("PRK",), ("VNM",), "2015-03-02", None, None, False),
    ]


def test_performers_performing_what_they_performed_are_on_a_visit_where_they_did(report):
    body = (
        "The spring art festival opened in Pyongyang on Monday.\n\n"
        'The Chorus of the Lima State Conservatory of Peru presented the classic masterpiece "Nostalgia".\n\n'
        'A male soloist of the Norwegian group of famous actors sang in Korean "Song of Loyalty".\n\n'
        'Meanwhile, the Chamber Orchestra of Fiji put on the stage "Prelude", the Dance Troupe of Hanoi '
        'Dance Theater of Vietnam dance "Friendship" and other numbers.'
    )
    assert report(body, "2015-03-02") == [
        ("visit", ("FJI",), ("PRK",), "2015-03-02", None, None, False),
        ("visit", ("NOR",), ("PRK",), "2015-03-02", None, None, False),
        ("visit", ("PER",), ("PRK",), "2015-03-02", None, None, False),
    ]


def test_performers_performing_abroad_visit_the_state_where_they_did(report):
    body = "The Peruvian art troupe presented Korean songs in China on Monday."
    assert report(body, "2015-03-04") == [("visit", ("PER",), ("CHN",), "2015-03-02", None, None, False)]


def test_a_message_to_several_states_is_one_message_to_each(report):
    body = "Kim Jong Un sent greeting cards to the presidents of Peru and Laos on Monday."
    assert report(body, "2015-03-04") == [
        ("message", ("PRK",), ("LAO",), "2015-03-02", None, None, False),
        ("message", ("PRK",), ("PER",), "2015-03-02", None, None, False),
    ]


@pytest.mark.parametrize(
    "verb, adjective, code",
    [
        ("doubles as", "Peruvian", "PER"),
        ("serves as", "Norwegian", "NOR"),
        ("is concurrently", "Fijian", "FJI"),
    ],
)
def test_a_relative_clause_that_says_who_a_sender_is_names_the_senders_state(report, verb, adjective, code):
    body = (
        f"Kim Jong Un received a letter on Monday from the chairman of the Green Bank who {verb} the chairman "
        f"of the {adjective} Investment Group."
    )
    assert report(body, "2015-03-04") == [("message", (code,), ("PRK",), "2015-03-02", None, None, False)]


def test_the_statement_is_the_one_who_issued_it(report):
    body = (
        "The Peru-Korea Friendship Committee issued a statement on Monday condemning the U.S. for its moves.\n\n"
        "The statement said: The move is an act of aggression. It is a dangerous action.\n\n"
        "The statement vehemently condemned the U.S. move to build a new radar base.\n\n"
        "It extended solidarity to the DPRK in its struggle."
    )
    assert report(body, "2015-03-04") == [
        ("criticism", ("PER",), ("USA",), "2015-03-02", None, None, False),
        ("support", ("PER",), ("PRK",), "2015-03-02", None, None, False),
    ]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Commentary Slams U.S.-Japan Collusion", ("criticism", ("PRK",), ("JPN", "USA"))),
        ("Commentary Slams U.S.-ROK Collusion", ("criticism", ("PRK",), ("KOR", "USA"))),
    ],
)
def test_a_pair_joined_by_a_hyphen_after_an_abbreviation_names_both(report, title, expected):
    found = report(title, "2015-03-04", title=title)
    assert [e[:3] for e in found] == [expected]


@pytest.mark.parametrize(
    "title",
    ["Ground-breaking Ceremony Held at Peruvian Embassy", "Joint Peru-DPRK Stamp Releasing Ceremony Held"],
)
def test_a_ceremony_held_with_another_state_is_a_meeting(report, title):
    found = report(title, "2015-03-04", title=title)
    assert found == [("meeting", ("PER", "PRK"), (), "2015-03-04", None, None, False)]


def test_film_shows_on_the_day_in_several_states_are_each_states_marking(report):
    body = (
        "Book exhibitions were opened in Peru and Norway on April 2 to mark the centenary of the birth of "
        "President Kim Il Sung.\n\n"
        "Film shows took place in Fiji and Laos between April 3 and 9."
    )
    found = [e for e in report(body, "2012-04-16") if e[0] == "commemoration"]
    assert [e[1] for e in found] == [("FJI",), ("LAO",), ("NOR",), ("PER",)]
    assert {e[4:6] for e in found} == {("1912-04-15", 100)}


@pytest.mark.parametrize(
    "body",
    [
        "Peru and Norway on Monday signed a MoU on fisheries.",
        "Peru and Norway issued a joint communique on Monday.",
    ],
)
def test_a_memorandum_or_joint_communique_is_an_agreement(report, body):
    assert report(body, "2015-03-04", source="Xinhua") == [
        ("agreement", ("NOR", "PER"), (), "2015-03-02", None, None, False),
    ]


def test_a_list_broken_by_paragraph_breaks_goes_on_in_the_fragments_after_it(report):
    body = (
        "Political parties and organizations of various countries sent floral baskets to the DPRK missions on "
        "Monday on the occasion of the birth anniversary of President Kim Il Sung.\n\n"
        "They included the Foreign Ministry of Peru, the Lima Trading Co.\n\n"
        "Ltd. and the Fisheries Society of Norway, the Labour Party of Fiji.\n\n"
        "and the Workers' Party of Laos."
    )
    found = report(body, "2012-04-18")
    assert [e[:3] for e in found] == [
        ("message", ("FJI",), ("PRK",)),
        ("message", ("LAO",), ("PRK",)),
        ("message", ("NOR",), ("PRK",)),
        ("message", ("PER",), ("PRK",)),
    ]


def test_he_after_a_name_said_to_be_an_ambassador_is_that_person_and_officials_concerned_are_of_their_body(
    report,
):
    body = (
        "Pablo Ruiz, roving ambassador of the Peruvian Foreign Ministry, paid a visit to the DPRK from June 29 "
        "to July 2.\n\n"
        "He met officials concerned of the DPRK Foreign Ministry."
    )
    found = report(body, "2012-07-02")
    assert [e[:3] for e in found] == [("meeting", ("PER", "PRK"), ()), ("visit", ("PER",), ("PRK",))]


@pytest.mark.parametrize(
    "body",
    [
        "Peru announced its plan to visit the DPRK.",
        "Norway denied the DPRK's right to launch satellites.",
        "Fiji made an attempt to visit the DPRK.",
    ],
)
def test_an_infinitive_of_a_plan_right_or_attempt_reports_nothing_done(report, body):
    assert report(body, "2015-03-04", source="Xinhua") == []


def test_a_capital_names_its_state_also_after_of_a_common_noun(report):
    body = (
        "A photo exhibition opened in a park of Lima on Monday to mark the birth anniversary of President Kim "
        "Il Sung."
    )
    found = report(body, "2012-04-18")
    assert [e[:3] for e in found] == [("commemoration", ("PER",), ("PRK",))]


def test_taking_part_in_an_event_is_a_visit_where_it_is_held(report):
    body = "A squad of the Pyongyang Circus participated in the international joint circus in Peru on Monday."
    assert report(body, "2015-03-04") == [("visit", ("PRK",), ("PER",), "2015-03-02", None, None, False)]


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "Peru and Norway pledged on Monday to boost bilateral cooperation.",
            [("agreement", ("NOR", "PER"), ())],
        ),
        ("Peru pledged on Monday to boost its support for Norway.", []),
    ],
)
def test_states_that_pledged_together_reached_an_agreement_one_alone_did_not(report, body, expected):
    assert [e[:3] for e in report(body, "2015-03-04", source="Xinhua") if e[0] == "agreement"] == expected


def test_coming_to_power_goes_nowhere(report):
    body = (
        "The conservative group of Peru, soon after it came to power on Monday, scrapped the accord. "
        "A Norwegian delegation came to Pyongyang on Monday."
    )
    assert [e[:3] for e in report(body, "2015-03-04") if e[0] == "visit"] == [("visit", ("NOR",), ("PRK",))]


def test_a_list_of_the_outlets_missions_abroad_names_their_hosts_as_those_it_went_to(report):
    body = (
        "Photo exhibitions and film shows were held at DPRK embassies in different countries from June 2 to 5 "
        "on the occasion of the Day of the Sun.\n\n"
        "They included DPRK embassies in Lima and Cusco of Peru, Fiji, Norway and Chile."
    )
    found = report(body, "2015-06-08")
    assert {(kind, actors, targets) for kind, actors, targets, *_ in found} == {
        ("commemoration", ("PRK",), ("CHL",)),
        ("commemoration", ("PRK",), ("FJI",)),
        ("commemoration", ("PRK",), ("NOR",)),
        ("commemoration", ("PRK",), ("PER",)),
    }


def test_a_list_of_premises_keeps_the_side_the_event_already_went_to(report):
    # visits paid to the outlet's missions: the hosts of the visitors' own missions are no one visited
    body = (
        "Norwegian diplomats abroad paid visits to the DPRK embassies in those countries on Monday to express "
        "condolences.\n\n"
        "They included members of the Norwegian embassies in Lima of Peru, Fiji and Chile."
    )
    found = report(body, "2015-03-04")
    assert ("visit", ("NOR",), ("PRK",)) in {(kind, actors, targets) for kind, actors, targets, *_ in found}
    assert {(actors, targets) for kind, actors, targets, *_ in found} == {(("NOR",), ("PRK",))}


def test_a_list_naming_one_embassy_among_other_senders_is_a_list_of_senders(report):
    body = (
        "Floral baskets were sent to the DPRK embassies on Monday on the occasion of the Day of the Sun.\n\n"
        "They included the office of the Peruvian embassy in Lima, the Committee for Friendship of Fiji and "
        "the Socialist Party of Chile."
    )
    found = report(body, "2015-04-16")
    assert {actors for kind, actors, targets, *_ in found} == {("PER",), ("FJI",), ("CHL",)}
    assert {targets for kind, actors, targets, *_ in found} == {("PRK",)}


def test_people_from_a_state_are_of_that_state(report):
    body = (
        "Delegations from Peru and Fiji arrived here on Saturday to take part in the spring trade fair.\n\n"
        "Figure skaters from Chile and Norway who took part in the winter festival arrived here on Sunday."
    )
    found = report(body, "2016-05-16")
    assert {(kind, actors, targets) for kind, actors, targets, *_ in found} == {
        ("visit", ("CHL",), ("PRK",)),
        ("visit", ("FJI",), ("PRK",)),
        ("visit", ("NOR",), ("PRK",)),
        ("visit", ("PER",), ("PRK",)),
    }


def test_a_sentence_parsed_as_a_noun_with_a_participle_has_the_noun_as_its_subject(report):
    # "The Chilean delegation left here" parsed as "the delegation [that was] left here": the delegation left
    found = report("The Chilean delegation left here on Sunday.", "2016-05-16")
    assert found == [("visit", ("CHL",), ("PRK",), "2016-05-15", None, None, False)]


def test_from_after_an_addressee_names_the_sender(report):
    found = report("Letter to Peruvian president from Koreans in Japan.", "2016-05-16", title=None)
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found] == [
        ("message", ("PRK",), ("PER",))
    ]


def test_goods_that_arrive_are_no_visit(report):
    assert report("First installment of relief goods from Norway arrives.", "2016-05-16") == []


def test_messages_that_went_to_someone_were_sent_by_the_nouns_own_state(report):
    body = (
        "The reply messages of the WPK Central Committee went to the Labour Party of Fiji and the general "
        "secretary of the Communist Party of Peru on Monday."
    )
    found = report(body, "2015-03-04")
    assert {(kind, actors, targets) for kind, actors, targets, *_ in found} == {
        ("message", ("PRK",), ("FJI",)),
        ("message", ("PRK",), ("PER",)),
    }


def test_concern_voiced_over_what_states_did_is_criticism(report):
    body = (
        "A Peruvian scholar on Monday expressed serious concern over the joint military drills staged by Chile "
        "and Fiji."
    )
    found = report(body, "2015-03-04")
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found if kind == "criticism"] == [
        ("criticism", ("PER",), ("CHL", "FJI"))
    ]


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # another state, said to have done something hostile, is accused by the speaker's state
            "The Peruvian Workers' Party in a statement on Monday said the Chilean puppet forces staged the "
            "military drills in the border area.",
            [("criticism", ("PER",), ("CHL",))],
        ),
        (  # said with a modal, or with praise, or of the speaker's own state: no accusation
            "The Peruvian foreign minister said on Monday that Chile's nuclear issue should be solved through "
            "dialogue.",
            [],
        ),
        (
            "The Fiji Labour Party said on Monday that the immortal feats of Chile in the war against aggression "
            "are great.",
            [],
        ),
    ],
)
def test_a_speaker_saying_another_state_did_something_hostile_criticises_it(report, body, expected):
    found = report(body, "2015-03-04")
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found if kind == "criticism"] == expected


def test_those_present_at_a_gathering_are_among_its_members(report):
    body = (
        "A ceremony took place in Rason on Friday to start the building of a port.\n\n"
        "Present there were officials of the Peruvian embassy and a delegation of a company of Fiji."
    )
    found = report(body, "2015-03-09")
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found] == [
        ("meeting", ("FJI", "PER", "PRK"), ())
    ]


def test_those_present_at_a_gathering_already_told_whole_add_nothing(report):
    body = (
        "The Red Cross societies of the DPRK and Fiji held talks in Lima, Peru, on Thursday.\n\n"
        "Present at the talks from the DPRK side was a delegation of the DPRK Red Cross Society and from the "
        "Fiji side a delegation of the Fiji Red Cross Society."
    )
    found = report(body, "2015-03-09")
    assert [(kind, actors) for kind, actors, *_ in found if kind == "meeting"] == [
        ("meeting", ("FJI", "PRK"))
    ]
    assert "message" not in {kind for kind, *_ in found}  # being present is presenting nothing


def test_a_list_sentences_own_date_dates_the_events_it_lists(report):
    body = (
        "Events took place in different countries to mark the 12th anniversary of the June 15 North-South "
        "Joint Declaration.\n\n"
        "They included a seminar in Peru and a film show in Fiji from June 7 to 14."
    )
    found = report(body, "2012-06-29")
    assert {(actors, date) for kind, actors, targets, date, *_ in found if actors != ("PRK",)} == {
        (("PER",), "2012-06-07"),
        (("FJI",), "2012-06-07"),
    }


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # what the criticised did it to is no target ("for hurting the dignity of ...")
            "The chairman of the Socialist Party of Peru in a statement on Monday condemned the Chilean "
            "authorities for hurting the dignity of the leadership of Bolivia.",
            {("criticism", ("PER",), ("CHL",))},
        ),
        (  # nor the side joint exercises are for invading
            "A Peruvian committee on Monday expressed concern over the Chilean and Fijian forces' joint military "
            "exercises for invading Bolivia.",
            {("criticism", ("PER",), ("CHL", "FJI")), ("military_cooperation", ("CHL", "FJI"), ())},
        ),
        (  # exercises aimed at the outlet's own state are not its cooperation
            "The Chilean puppets went ahead with the DPRK-targeted joint military exercises on Monday.",
            set(),
        ),
    ],
)
def test_the_side_an_act_is_aimed_at_is_no_party_to_it(report, body, expected):
    found = report(body, "2015-03-04")
    assert {(kind, actors, targets) for kind, actors, targets, *_ in found} == expected


def test_a_past_tense_joined_to_an_infinitive_is_told_as_done(report):
    # "urged ... to make an apology and voiced support": the parser joins 'voiced' to 'make'; a past tense is
    # no infinitive, so the appeal's hedge does not reach it
    body = (
        "The chairman of the Fiji-Korea Society in a statement on Monday urged the Chilean regime to make an "
        "immediate apology and voiced full support for the Korean people."
    )
    found = report(body, "2015-03-04")
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found if kind == "support"] == [
        ("support", ("FJI",), ("PRK",))
    ]


def test_a_speaker_saying_another_state_committed_hostile_acts_criticises_it(report):
    # the hostile word in what the state is said to have done, not in its name or verb
    body = "The Peruvian Workers' Party in a statement on Monday said the Chilean authorities have perpetrated ceaseless provocations."
    found = report(body, "2015-03-04")
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found] == [
        ("criticism", ("PER",), ("CHL",))
    ]


def test_one_of_the_statements_the_lead_dated_takes_its_day(report):
    body = (
        "Organizations of different countries on March 2 issued statements denouncing the Chilean authorities."
        "\n\nThe Peruvian Workers' Party in a statement condemned the Chilean authorities for their provocations."
        "\n\nThe Labour Party of Fiji in its statement expressed full support for the Korean people."
    )
    found = report(body, "2015-03-06")
    assert {
        (kind, actors, targets, date) for kind, actors, targets, date, *_ in found if actors != ("PRK",)
    } == {
        ("criticism", ("PER",), ("CHL",), "2015-03-02"),
        ("support", ("FJI",), ("PRK",), "2015-03-02"),
    }


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # the possessor of 'ally' is the other side; the test told first by the clause on it
            "China, North Korea's closest ally, said Monday it resolutely opposes the nuclear test Pyongyang "
            "announced earlier in the day.",
            [("criticism", ("CHN",), ("PRK",))],
        ),
        (  # a criticism that names nothing answers the last test told
            "North Korea fired a ballistic missile into the sea on Tuesday. China said it opposed the launch, "
            "and Russia's foreign ministry voiced serious concern.",
            [("criticism", ("CHN",), ("PRK",)), ("criticism", ("RUS",), ("PRK",))],
        ),
        (  # but not one about something else
            "North Korea fired a ballistic missile into the sea on Tuesday. Russia's foreign ministry voiced "
            "concern over the sanctions.",
            [],
        ),
        (  # 'the two countries' are the two states that last acted together, not the last two named
            "The Chinese and Russian foreign ministries urged Pyongyang to freeze its tests and called on "
            "Washington and Seoul to suspend their drills. The two countries also said they opposed the "
            "deployment of the US missile system.",
            [
                ("criticism", ("CHN",), ("USA",)),
                # a demand that it stop criticises it; named together as its doers, they acted as one
                ("criticism", ("CHN", "RUS"), ("PRK",)),
                ("criticism", ("RUS",), ("USA",)),
            ],
        ),
    ],
)
def test_reactions_to_a_test(report, body, expected):
    found = report(body, "2017-07-05", source="Reuters")
    assert (
        sorted((kind, actors, targets) for kind, actors, targets, *_ in found if kind == "criticism")
        == expected
    )


@pytest.mark.parametrize(
    "body, expected",
    [
        # a hedge word that is the trigger's own light verb offers nothing: it is done
        (
            "The Chinese government on Monday offered grant aid to the DPRK.",
            [("support", ("CHN",), ("PRK",))],
        ),
        # a proposal is still a hedge
        ("The Chinese government on Monday offered to host talks with the DPRK.", []),
    ],
)
def test_an_offer_given_is_done_and_an_offer_to_do_is_not(report, body, expected):
    found = report(body, "2015-03-04")
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found] == expected


def test_the_two_are_the_pair_of_the_last_event_told(report):
    body = (
        "The Russian defense minister arrived in Pyongyang on Friday at the head of a military delegation. "
        "Later the two sides signed an agreement on military cooperation."
    )
    found = report(body, "2015-03-07", source="Reuters")
    assert ("agreement", ("PRK", "RUS"), ()) in {
        (kind, actors, targets) for kind, actors, targets, *_ in found
    }


@pytest.mark.parametrize(
    "title, body, expected",
    [
        # a plan, minutes or a document signed between two states is their agreement
        (
            "Minutes of talks on cooperation inked between DPRK and Peru.",
            None,
            [("agreement", ("PER", "PRK"), ())],
        ),
        # "the ministers" are a pair, as "the two leaders" are
        (
            None,
            "The Russian foreign minister arrived in Pyongyang on Wednesday. On Thursday the ministers signed a "
            "plan of consultations between the two foreign ministries.",
            [("agreement", ("PRK", "RUS"), ())],
        ),
    ],
)
def test_documents_signed_are_agreements(report, title, body, expected):
    found = report(body or title, "2015-03-06", title=title, source="Reuters")
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found if kind == "agreement"] == expected


@pytest.mark.parametrize(
    "body",
    [
        "The Peruvian president spoke by phone with the Chilean president on Friday.",
        "The Peruvian president held a telephone call with the Chilean president on Friday.",
    ],
)
def test_talks_by_telephone_are_a_meeting(report, body):
    found = report(body, "2015-03-07", source="Reuters")
    assert [(kind, actors, targets, date) for kind, actors, targets, date, *_ in found] == [
        ("meeting", ("CHL", "PER"), (), "2015-03-06")
    ]


def test_the_two_leaders_are_the_subject_and_the_one_its_verb_names(report):
    body = (
        "The Peruvian president sent the Chilean president a message in October. The Peruvian president hosted "
        "the Bolivian president in June, when the two leaders signed a treaty."
    )
    found = report(body, "2015-01-02", source="Reuters")
    assert [(kind, actors, targets) for kind, actors, targets, *_ in found if kind == "agreement"] == [
        ("agreement", ("BOL", "PER"), ())
    ]


def test_another_states_press_reporting_the_outlets_news_supports_it(report):
    body = (
        "His speech was also reported by the Peruvian paper El Diario and the Chilean paper La Tercera on "
        "Monday."
    )
    found = report(body, "2015-03-04")
    assert sorted((kind, actors, targets) for kind, actors, targets, *_ in found) == [
        ("support", ("CHL",), ("PRK",)),
        ("support", ("PER",), ("PRK",)),
    ]
    # a wire story's sources are no event
    assert (
        report(
            "The speech was reported by the Peruvian paper El Diario on Monday.",
            "2015-03-04",
            source="Reuters",
        )
        == []
    )


MEDIA_LIST = (
    "His speech was also reported by People's Daily Overseas Edition, Internet homepages Liaoning Network, "
    "Northeast Press Network and Jillin Network of China, the Russian Internet News Vostok Media, the Laotian "
    "paper Pasaxon, the Cambodian paper Rasmei Kampuchea, the Nepalese papers Janadisha and Rajdhani, the "
    "Egyptian paper Al Ahram and Radio Voice, the Mexican papers La Jornada and Milenio, the Peruvian news agency "
    "Andina, the Kuwaiti paper Al Qabas and Internet homepage of the Chilean Communist Party."
)


def test_a_long_list_of_papers_reporting_the_outlets_news_is_read_whole(report):
    """The parser cuts the list after the Cambodian paper and hangs the rest on 'reported' as its object: each
    paper's state still reported it, on the days the lead gave the publicity ("also" more of it)."""
    body = (
        "The speech Kim Jong Un made at a meeting of the Central Military Commission was given wide publicity by "
        "foreign media between April 26 and 28.\n\n" + MEDIA_LIST
    )
    found = report(body, "2015-04-30")
    states = ["CHL", "CHN", "EGY", "KHM", "KWT", "LAO", "MEX", "NPL", "PER", "RUS"]
    assert found == [("support", (code,), ("PRK",), "2015-04-26", None, None, False) for code in states]


def test_someones_speech_reported_in_a_story_of_an_anniversary_supports_rather_than_marks_it(report):
    """The speech was given at a banquet for an anniversary, and the story tells of that marking; the papers
    reporting his speech give room to him (support), they hold no marking of their own."""
    body = (
        "The speech Kim Jong Un made at the banquet given to celebrate the 70th founding anniversary of the "
        "Korean People's Army was given wide publicity by foreign media between April 26 and 28.\n\n"
        "His speech was also reported by the Peruvian paper El Diario and the Chilean paper La Tercera."
    )
    found = report(body, "2002-04-30")
    assert [e[:3] for e in found] == [("support", ("CHL",), ("PRK",)), ("support", ("PER",), ("PRK",))]


def test_a_pronoun_calling_on_someone_is_not_that_one(report):
    """ "She paid a courtesy call on Kim Yong Nam": she is not the one she called on (the last subject told),
    but the other side of the last pair told, the Russian delegation's leader."""
    body = (
        "Kim Yong Nam, president of the Presidium of the Supreme People's Assembly, met a delegation of the "
        "Federation Council of Russia led by Irina Petrova, its deputy chairwoman. She paid a courtesy call on Kim "
        "Yong Nam on Friday."
    )
    assert ("visit", ("RUS",), ("PRK",), "2009-05-15", None, None, False) in report(body, "2009-05-16")


def test_a_delegation_that_is_here_is_on_a_visit_and_is_the_one_met_before(report):
    """ "The delegation is here": a visit under way to where the dispatch was filed; 'the delegation' is the one
    the lead met 'with', however long the host's titles before it."""
    body = (
        "Pyongyang, July 26 (KCNA) -- Kim Jong Un, first secretary of the Workers' Party of Korea and first "
        "chairman of the National Defence Commission of the DPRK, had a friendly conversation on July 25 with the "
        "party and government delegation of the People's Republic of China led by Li Yuanchao.\n\n"
        "The delegation is here to take part in the celebrations of the 60th anniversary of the victory in the "
        "great Fatherland Liberation War."
    )
    found = [e[:3] for e in report(body, "2013-07-26")]
    assert ("visit", ("CHN",), ("PRK",)) in found
    assert ("commemoration", ("CHN",), ("PRK",)) in found
    assert ("commemoration", ("PRK",), ("CHN",)) not in found


def test_the_delegation_is_the_one_named_as_a_passives_doer(report):
    """'Books were presented by the visiting delegation of the Lao Writers' Association ... Members of the
    delegation laid a wreath': the later 'the delegation' is the Lao one."""
    body = (
        "Books were presented by the visiting delegation of the Lao Writers' Association for Friendship with "
        "Foreign Countries to the Grand People's Study House.\n\n"
        "Members of the delegation laid a floral basket before the statues on Mansu Hill on Friday."
    )
    events = report(body, "2012-05-12")
    assert ("commemoration", ("LAO",), ("PRK",), "2012-05-11", None, None, False) in events


def test_coming_true_is_no_journey(report):
    """'a country where the desire of the preceding leaders has come true': no one came anywhere (the leaders
    here are the headline's Belarusian one, so a journey would be his)."""
    body = (
        "A book by Kim Jong Un was published with due ceremony in Minsk on May 3.\n\n"
        "Ivan Petrov, chairman of the Party of Labour of Belarus, said at the ceremony:\n\n"
        "It is my wish that the Korean people would build a richer and stronger country where the desire of the "
        "preceding leaders has come true, united close around Kim Jong Un."
    )
    title = "Publication of Kim Jong Un's Book in Belarus Hailed by Belarusian Party Leader"
    assert [e[0] for e in report(body, "2012-05-12", title=title)] == ["support"]


@pytest.mark.parametrize(
    ("body", "day"),
    [
        (
            "Laos and Vietnam signed an agreement on expanding cooperation in the field of energy on March 14.",
            "2012-03-14",
        ),
        ("Laos and Vietnam signed a Memorandum of Understanding Wednesday.", "2012-03-14"),
    ],
)
def test_a_date_that_ends_the_sentence_inside_the_object_is_the_signings(report, body, day):
    """The parser hangs the closing date on the object ('a Memorandum of Understanding Wednesday') or on a
    gerund saying what the object is about ('on expanding cooperation ... on March 14'): the signing's day."""
    assert report(body, "2012-03-17") == [("agreement", ("LAO", "VNM"), (), day, None, None, False)]


def test_a_date_of_the_objects_own_event_stays_its_own(report):
    """'denounced the March 3 test': the test's day is no day of the denunciation."""
    events = report("Japan denounced the March 3 test of the Ukrainian army.", "2012-03-17")
    assert [e[3] for e in events if e[0] == "criticism"] == ["2012-03-17"]


def test_a_gathering_of_experts_is_a_meeting_of_the_states_present(report):
    """A symposium held in the DPRK, and 'Also present were' delegations of other states: a meeting of them all
    with the hosts (the adverb before the word of attendance leaves it leading the sentence)."""
    body = (
        "An international seminar on irrigation was opened at the Grand People's Study House on Wednesday.\n\n"
        "Also present were a delegation of Hanoi University of Vietnam and a delegation of the Mongolian Ministry "
        "of Agriculture."
    )
    assert report(body, "2012-09-14") == [
        ("meeting", ("MNG", "PRK", "VNM"), (), "2012-09-12", None, None, False)
    ]


def test_the_head_of_a_gatherings_name_said_to_happen_is_the_gathering(report):
    """'The 3rd Pyongyang International Book Fair opened': the capitalised head of the fair's name is the fair."""
    body = (
        "The 3rd Pyongyang International Book Fair opened on Wednesday.\n\n"
        "Present there were publishers of Vietnam and Mongolia."
    )
    assert report(body, "2012-09-14") == [
        ("meeting", ("MNG", "PRK", "VNM"), (), "2012-09-12", None, None, False)
    ]


def test_a_full_width_hyphen_is_a_hyphen(report):
    """East Asian typesetting's full-width hyphen ('the Japan－Korea Society'): the state before it is named."""
    body = "The chairman of the Japan\uff0dKorea Society for Cultural Exchange visited the Grand People's Study House."
    assert [e[:3] for e in report(body, "2012-04-12")] == [("visit", ("JPN",), ("PRK",))]


def test_a_speaker_who_voiced_a_stance_after_a_groups_visit_is_one_of_the_group(report):
    """'Delegations of various countries visited ... X of Sweden expressed the will to ...': Sweden was among
    them; one who 'expressed full support' did something of his own, no more of the group's event."""
    body = (
        "Delegations of various countries visited the Mangyongdae Schoolchildren's Palace on Thursday.\n\n"
        "Lars Olsson, chairman of the Sweden-Korea Friendship Association, expressed the will to make the "
        "palace known to more people.\n\n"
        "Pedro Ruiz, chairman of the Peruvian Group for the Study of Kimilsungism, expressed full support for "
        "the Korean people."
    )
    events = report(body, "2012-04-13")
    assert [e[:3] for e in events if e[0] == "visit"] == [("visit", ("SWE",), ("PRK",))]
