"""Extraction rules, one family at a time: actors, kinds, relative dates, anniversaries, negation,
boilerplate and syndication. Each test fails if its rule breaks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, shiftwatch

from crawler.config import data_path
from crawler.errors import DataFileError
from crawler.extract.anniversaries import load_anniversaries
from crawler.extract.articles import load_boilerplate, read_text
from crawler.extract.dates import When, find_dates
from crawler.extract.events import find_anniversaries, story_date
from crawler.extract.gazetteer import load_gazetteer
from crawler.extract.kinds import load_kinds
from crawler.store import Store

ARTICLES = FIXTURES / "articles"
EXPECTED = json.loads((ARTICLES / "expected.json").read_text())


def countries(event: dict) -> set[str]:
    return set(event["actors"]) | set(event["targets"])


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("extraction") / "x.db"
    shiftwatch("load", str(ARTICLES), db=db)
    return db


@pytest.fixture(scope="module")
def fixture_events(fixture_db) -> dict[str, list[dict]]:
    from crawler.store.exports import export_rows

    by_doc: dict[str, list[dict]] = {}
    with Store(fixture_db) as store:
        for event in export_rows(store, "events"):
            by_doc.setdefault(event["doc"], []).append(event)
    return by_doc


# --- kinds, actors, directions and dates on articles the rules were not written for -------------------


def whole(event: dict) -> tuple:
    """An exported or expected event as the fields a rule test compares, all of them."""
    anniversary = event.get("anniversary")
    if isinstance(anniversary, dict):
        anniversary = [anniversary["id"], anniversary["ordinal"]]
    return (
        event["kind"],
        sorted(event["actors"]),
        sorted(event["targets"]),
        event["date"],
        event["date_precision"],
        bool(event.get("negated", False)),
        anniversary,
    )


def expected_groups() -> list:
    """One case per document, kind and set of states: the expected events of that group, whole."""
    cases = []
    for doc, spec in sorted(EXPECTED["docs"].items()):
        groups: dict[tuple, list[dict]] = {}
        for want in spec["events"]:
            key = (want["kind"], frozenset(want["actors"]) | frozenset(want["targets"]))
            groups.setdefault(key, []).append(want)
        for (kind, states), wants in groups.items():
            misses = [w["known_miss"] for w in wants if "known_miss" in w]
            marks = [pytest.mark.xfail(strict=True, reason="; ".join(misses))] if misses else []
            cases.append(
                pytest.param(
                    doc, kind, states, wants, marks=marks, id=f"{doc}-{kind}-{'-'.join(sorted(states))}"
                )
            )
    return cases


@pytest.mark.parametrize(("doc", "kind", "states", "wants"), expected_groups())
def test_expected_events_are_found_whole(doc, kind, states, wants, fixture_events):
    """Every event of this kind between these states, whole (direction, exact date and precision, negation,
    anniversary), is one of the expected ones, and each expected one is there."""
    got = [e for e in fixture_events.get(doc, []) if e["kind"] == kind and countries(e) == set(states)]
    assert all(e["evidence"] for e in got), "every event carries its sentence"
    assert sorted(map(whole, got)) == sorted(map(whole, wants)), got


@pytest.mark.parametrize("doc", sorted(EXPECTED["docs"]))
def test_boilerplate_and_hedged_mentions_yield_no_event(doc, fixture_events):
    events = fixture_events.get(doc, [])
    for absent in EXPECTED["docs"][doc]["absent"]:
        assert not [
            e for e in events if e["kind"] == absent["kind"] and set(absent["countries"]) <= countries(e)
        ], f"{doc}: {absent} should not be extracted"


def test_no_event_is_invented_beyond_the_expected_ones(fixture_events):
    for doc, spec in EXPECTED["docs"].items():
        wanted = {(w["kind"], frozenset(w["actors"]) | frozenset(w["targets"])) for w in spec["events"]}
        extra = [e for e in fixture_events.get(doc, []) if (e["kind"], frozenset(countries(e))) not in wanted]
        assert not extra, f"{doc}: unexpected events {extra}"


def test_events_carry_plover_and_cameo_codes_from_the_data_file(fixture_events):
    kinds = load_kinds(ROOT / "seeds" / "kinds.toml").kinds
    for events in fixture_events.values():
        for event in events:
            assert event["plover"] == kinds[event["kind"]].plover
            assert event["cameo"] == kinds[event["kind"]].cameo


def test_a_kind_that_answers_an_unknown_kind_is_refused(tmp_path):
    text = (ROOT / "seeds" / "kinds.toml").read_text(encoding="utf-8")
    bad = tmp_path / "kinds.toml"
    bad.write_text(text.replace('answers = ["weapons_test"]', 'answers = ["weapon_tests"]'), encoding="utf-8")
    assert bad.read_text(encoding="utf-8") != text
    with pytest.raises(DataFileError, match=r"answers \['weapon_tests'\] are not kinds"):
        load_kinds(bad)


def test_published_date_comes_from_header_or_page_metadata(fixture_db):
    with Store(fixture_db) as store:
        for doc, spec in EXPECTED["docs"].items():
            assert store.get_document(doc)["published"] == spec["published"], doc


# --- actors -------------------------------------------------------------------------------------------


def test_spelling_variants_and_the_north_map_to_one_state(extract):
    events, _ = extract(
        "North Korean leader Kim Jong-un met Russian President Vladimir Putin on Monday. "
        "The North's leader also met Xi Jinping on Tuesday.",
        "2024-06-20",
    )
    assert {frozenset(e["actors"]) for e in events if e["kind"] == "meeting"} == {
        frozenset({"PRK", "RUS"}),
        frozenset({"PRK", "CHN"}),
    }


def test_a_surname_alias_does_not_claim_another_person(extract):
    events, _ = extract(
        "South Korean President Kim Dae-jung met Chinese President Jiang Zemin in Beijing on Monday.",
        "2000-07-12",
    )
    # the talks in Beijing are South Korea's visit there too, never the North's
    assert [(e["kind"], e["actors"]) for e in events] == [("meeting", ["CHN", "KOR"]), ("visit", ["KOR"])]


def test_dateline_city_is_not_an_actor(extract):
    events, _ = extract(
        "Seoul, Dec 1 Russia's defence minister Andrei Belousov met Kim Jong Un on Friday.", "2024-12-01"
    )
    assert [e["actors"] for e in events] == [["PRK", "RUS"]]


def test_actor_file_with_a_bad_code_names_the_entry(tmp_path):
    bad = tmp_path / "actors.toml"
    bad.write_text('[[country]]\ncode = "North Korea"\nnames = ["North Korea"]\n')
    with pytest.raises(DataFileError, match=r"country #1.*ISO 3166-1 alpha-3"):
        load_gazetteer(bad)


def test_one_name_for_two_states_is_refused(tmp_path):
    bad = tmp_path / "actors.toml"
    bad.write_text(
        '[[country]]\ncode = "PRK"\nnames = ["Korea"]\n[[country]]\ncode = "KOR"\nnames = ["Korea"]\n'
    )
    with pytest.raises(DataFileError, match="may stand for one state only"):
        load_gazetteer(bad)


def test_another_pair_of_states_works_from_data_files_alone(tmp_path, config):
    """Nothing about the states is in the code: a gazetteer for Cuba and Venezuela finds their meeting."""
    from crawler.extract.events import Resources, extract_events
    from crawler.extract.nlp import build_pipeline

    actors = tmp_path / "actors.toml"
    actors.write_text(
        '[[country]]\ncode = "CUB"\nnames = ["Cuba"]\nadjectives = ["Cuban"]\n'
        '[[country]]\ncode = "VEN"\nnames = ["Venezuela"]\nadjectives = ["Venezuelan"]\n'
        '[[person]]\nname = "Nicolas Maduro"\ncode = "VEN"\naliases = ["Maduro"]\n'
    )
    gazetteer = load_gazetteer(actors)
    resources = Resources(gazetteer, load_kinds(data_path(config, "kinds")), ())
    nlp = build_pipeline(config["extraction"]["model"], gazetteer)
    story = story_date("", When(dt.date(2024, 5, 2), "day"), "header", ())
    events = extract_events(nlp("Maduro met the Cuban president in Havana on Tuesday."), story, resources)
    assert [(e["kind"], e["actors"], e["date"]) for e in events] == [
        ("meeting", ["CUB", "VEN"], "2024-04-30")
    ]


# --- relative dates -----------------------------------------------------------------------------------

REF = When(dt.date(2024, 7, 28), "day")  # a Sunday


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("On Friday, Kim visited", "2024-07-26", "day"),
        ("state media reported on Sunday", "2024-07-28", "day"),
        ("during their summit last month", "2024-06", "month"),
        ("Earlier this month, the paper", "2024-07", "month"),
        ("Zhao flew to Pyongyang last April", "2024-04", "month"),
        ("Last July, the paper", "2023-07", "month"),
        ("the talks resume next September", "2024-09", "month"),
        ("a treaty signed in June", "2024-06", "month"),
        ("a pact signed in June last year", "2023-06", "month"),
        ("troops sent since last year", "2023", "year"),
        ("In July 2013, Kim visited", "2013-07", "month"),
        ("on July 27, 1953", "1953-07-27", "day"),
        ("on Jan. 8 converged", "2024-01-08", "day"),
        ("two days ago", "2024-07-26", "day"),
        ("another visit in 2018", "2018", "year"),
        ("Kim arrived on 25 July for talks", "2024-07-25", "day"),
        ("on the 3rd of July", "2024-07-03", "day"),
    ],
)
def test_relative_dates_resolve_against_the_story_date(text, iso, precision):
    found = find_dates(text, REF)
    assert [(w.iso, w.precision) for w in found] == [(iso, precision)]


def test_a_modal_may_is_no_month():
    assert find_dates("this may help the talks, and next may too", REF) == []


def test_later_that_day_follows_the_last_date_named():
    found = find_dates(
        "He left the previous day after visiting the tower earlier in the day.",
        When(dt.date(2024, 12, 1), "day"),
    )
    assert [w.iso for w in found] == ["2024-11-30", "2024-11-30"]


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        ("arrived in Pyongyang on the 18th.", "2024-11-21", False, ["2024-11-18"]),
        ("Earlier, on the 28th, Kim met him.", "2024-12-02", False, ["2024-11-28"]),  # the month before
        ("The delegation will leave on the 3rd.", "2024-11-28", True, ["2024-12-03"]),
        ("stayed from the 17th to the 20th.", "2024-11-21", False, ["2024-11-17", "2024-11-20"]),
        ("marked the 18th anniversary", "2024-11-21", False, []),  # an ordinal of a thing
        ("at the 20th Party Congress", "2024-11-21", False, []),
    ],
)
def test_a_day_of_the_month_with_no_month_is_in_the_reports_month(text, published, future, expected):
    found = find_dates(text, When(dt.date.fromisoformat(published), "day"), future=future)
    assert [w.iso for w in found] == expected


def test_weekday_needs_a_day_precise_reference():
    assert find_dates("On Friday, Kim visited", When(dt.date(2024, 7, 1), "month")) == []


# --- anniversaries ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def anniversaries():
    return tuple(load_anniversaries(ROOT / "seeds" / "anniversaries.toml"))


@pytest.mark.parametrize(
    ("text", "anniversary_id", "ordinal"),
    [
        (
            "a day ahead of the 71st anniversary of the armistice that ended the conflict",
            "korean-war-armistice",
            71,
        ),
        (
            "on the occasion of the 70th anniversary of the entry of the Chinese People's Volunteers into the front",
            "cpv-entry",
            70,
        ),
        ("to mark the 75th founding anniversary of the North's ruling Workers' Party", "wpk-founding", 75),
        (
            "on the anniversary of the signing of the friendship treaty between North Korea and China",
            "prk-chn-treaty",
            None,
        ),
        ("on the occasion of the armistice signing anniversary", "korean-war-armistice", None),
        (  # a comma inside a name in capitals does not end it: not "the Treaty of Friendship" of 1961
            "on the occasion of the 10th anniversary of the conclusion of the Treaty of Friendship, "
            "Good-Neighbourliness and Cooperation between the DPRK and the Russian Federation",
            "prk-rus-friendship-treaty",
            10,
        ),
    ],
)
def test_anniversary_phrases_link_to_their_base_event(text, anniversary_id, ordinal, anniversaries):
    (mention,) = find_anniversaries(text, anniversaries)
    assert mention.anniversary.id == anniversary_id
    assert mention.ordinal == ordinal


def test_ordinal_dates_an_undated_story(anniversaries):
    text = (
        "Beijing, Sept 3: Putin and Kim met after a parade that marked the 80th anniversary of the end of "
        "World War II."
    )
    story = story_date(text, None, "none", anniversaries, today=dt.date(2026, 11, 26))
    assert story.published.iso == "2025-09-03"
    assert story.conflict is None


def test_printed_date_in_conflict_with_ordinals_is_recorded(anniversaries):
    text = (
        "Kim paid tribute on the occasion of the 70th anniversary of the entry of the Chinese People's "
        "Volunteers. Xi sent a letter to mark the 75th founding anniversary of the Workers' Party."
    )
    story = story_date(text, When(dt.date(2022, 4, 20), "day"), "header", anniversaries)
    assert story.when.iso == "2020-10"
    assert "2022-04-20" in story.conflict and "2020" in story.conflict


def test_one_ordinal_alone_does_not_outweigh_the_printed_date(anniversaries):
    # the army's founding counted from another year than the data file's: the printed day stands
    text = (
        "Neither side marked the day. Kim visited the ministry on Saturday, the 77th founding anniversary of the "
        "Korean People's Army."
    )
    story = story_date(text, When(dt.date(2025, 2, 10), "day"), "given", anniversaries)
    assert story.when.iso == "2025-02-10"
    assert story.conflict is None


def test_seed_001_is_dated_to_2020_and_the_conflict_is_kept(seed_db):
    with Store(seed_db) as store:
        doc = store.get_document("001_8ab288d2fb2e4d13")
    assert doc["published"] == "2022-04-20"
    assert doc["story_date"] == "2020-10"
    assert "conflicts" in doc["date_conflict"]


def test_anniversary_file_with_a_bad_date_names_the_entry(tmp_path):
    bad = tmp_path / "a.toml"
    bad.write_text(
        '[[anniversary]]\nid = "x"\nname = "X"\nbase_date = "July 1961"\ncountries = ["PRK"]\n'
        'phrases = ["x"]\n'
    )
    with pytest.raises(DataFileError, match=r"anniversary #1 \(x\).*YYYY-MM-DD"):
        load_anniversaries(bad)


def test_an_anniversary_honouring_a_state_not_its_own_is_refused(tmp_path):
    bad = tmp_path / "a.toml"
    bad.write_text(
        '[[anniversary]]\nid = "x"\nname = "X"\nbase_date = "1953-07-27"\ncountries = ["PRK", "CHN"]\n'
        'phrases = ["x"]\nhonoured = "RUS"\n'
    )
    with pytest.raises(
        DataFileError, match=r"anniversary #1 \(x\).*honoured 'RUS' must be one of its countries"
    ):
        load_anniversaries(bad)


# --- negation -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        (
            "The Rodong Sinmun did not carry any articles on the 63rd anniversary of the friendship treaty with China "
            "on Thursday.",
            True,
        ),
        (
            "North Korea skipped the ceremony for the 63rd anniversary of the friendship treaty with China on Thursday.",
            True,
        ),
        (
            "The Rodong Sinmun carried an editorial on the 63rd anniversary of the friendship treaty with China on "
            "Thursday.",
            False,
        ),
    ],
)
def test_reported_absence_is_a_negated_commemoration(extract, sentence, negated):
    """The one event of the sentence, whole: only its negation differs between the three reports."""
    events, _ = extract(sentence, "2024-07-13")
    got = [
        (
            e["kind"],
            e["actors"],
            e["targets"],
            e["date"],
            e["date_precision"],
            e["negated"],
            e["anniversary_id"],
            e["anniversary_ordinal"],
        )
        for e in events
    ]
    assert got == [("commemoration", ["PRK"], ["CHN"], "2024-07-11", "day", negated, "prk-chn-treaty", 63)]


# --- boilerplate --------------------------------------------------------------------------------------


def test_trailing_boilerplate_and_teasers_are_cut(config):
    rules = load_boilerplate(data_path(config, "boilerplate"))
    article = read_text((ROOT / "seeds" / "articles" / "000_99f503da20989f5c.txt").read_text(), rules)
    assert "Modi To Visit Ukraine" not in article.text
    assert "Starmer" not in article.text
    assert article.text.rstrip().endswith("importance.")
    assert article.published.iso == "2024-07-28"


def test_truncated_teaser_and_byline_are_not_body_text(config):
    rules = load_boilerplate(data_path(config, "boilerplate"))
    article = read_text((ROOT / "seeds" / "articles" / "002_b9e6d0f8bdbff186.txt").read_text(), rules)
    assert "during which he ..." not in article.text
    assert "Related Stories" not in article.text and "Toronto" not in article.text
    assert article.published.iso == "2024-12-01"


def test_a_line_opening_in_lower_case_continues_the_line_before(config):
    rules = load_boilerplate(data_path(config, "boilerplate"))
    text = (
        "Greetings from abroad\n\n"
        "Letters came from the chairman of the Labour Party of Ruritania, the secretary of the C.C.\n\n"
        "the Party of Labour of Freedonia.\n\n"
        'Present were members of the "Green Union", "Our Home"\n\n'
        "the People's Party and officials of the ministries concerned.\n\n"
        "Photo: archive"
    )
    article = read_text(text, rules)
    assert article.paragraphs == [
        "Letters came from the chairman of the Labour Party of Ruritania, the secretary of the C.C. "
        "the Party of Labour of Freedonia.",
        'Present were members of the "Green Union", "Our Home" the People\'s Party and officials of the '
        "ministries concerned.",
    ]
    assert article.title == "Greetings from abroad"


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        (  # a list goes on after "the U.K."; a new sentence after "the U.S." does not
            "Delegates came from Chile, Ghana, the U.K.\n\n"
            "Austria and Peru to attend the seminar held in the capital on Monday.\n\n"
            "The seminar was organised by a society in the U.S.\n\n"
            "The U.S. Labor Department said on Monday that jobs were lost in great number.",
            [
                "Delegates came from Chile, Ghana, the U.K., Austria and Peru to attend the seminar held in the "
                "capital on Monday.",
                "The seminar was organised by a society in the U.S.",
                "The U.S. Labor Department said on Monday that jobs were lost in great number.",
            ],
        ),
        (  # "the C.C." never ends a sentence (boilerplate.toml unfinished_endings), whatever the next line opens with
            "Statements came from the secretary of the C.C.\n\n"
            "Party of Labour of Freedonia and the Ruritanian Peace Society on Friday.\n\n"
            "They welcomed the agreement signed by the two sides at the meeting held in the capital.",
            [
                "Statements came from the secretary of the C.C., Party of Labour of Freedonia and the Ruritanian "
                "Peace Society on Friday.",
                "They welcomed the agreement signed by the two sides at the meeting held in the capital.",
            ],
        ),
    ],
)
def test_a_paragraph_break_after_an_abbreviation(config, text, paragraphs):
    rules = load_boilerplate(data_path(config, "boilerplate"))
    assert read_text(text, rules).paragraphs == paragraphs


def test_inside_an_article_short_sentences_quote_openers_and_unstopped_paragraphs_are_text(config):
    rules = load_boilerplate(data_path(config, "boilerplate"))
    text = (
        "Ruritanian Delegation Leaves\n\n"
        "The delegation of the Ruritanian Peace Society led by its chairman toured the port city on Monday.\n\n"
        "They left here Tuesday.\n\n"
        "The head of the delegation said at the airport:\n\n"
        "The visit opened a new chapter in the friendship between the peoples of the two countries which have "
        "stood together through all the trials of the past decades\n\n"
        "Read more\n\n"
        "Related: Freedonian envoy in talks..."
    )
    article = read_text(text, rules)
    assert article.paragraphs == [
        "The delegation of the Ruritanian Peace Society led by its chairman toured the port city on Monday.",
        "They left here Tuesday.",
        "The head of the delegation said at the airport:",
        "The visit opened a new chapter in the friendship between the peoples of the two countries which have "
        "stood together through all the trials of the past decades",
    ]
    assert article.title == "Ruritanian Delegation Leaves"


def test_a_lead_ending_in_a_colon_opens_the_article(config):
    """A lead that introduces what follows ("... commented on ... as follows:") is the article's first
    paragraph, not a heading: its date and its outlet are the story's; a short heading ending in a colon is not."""
    rules = load_boilerplate(data_path(config, "boilerplate"))
    text = (
        "Freedonian Paper on Ruritania's Moves\n\n"
        "Commentary:\n\n"
        "The Freedonian paper Morning Star on July 7 commented on Ruritania's stepped-up moves to expand its "
        "navy as follows:\n\n"
        "The Ruritanian government presented a report claiming the right to collective self-defence."
    )
    article = read_text(text, rules)
    assert article.paragraphs == [
        "The Freedonian paper Morning Star on July 7 commented on Ruritania's stepped-up moves to expand its "
        "navy as follows:",
        "The Ruritanian government presented a report claiming the right to collective self-defence.",
    ]
    assert article.title == "Freedonian Paper on Ruritania's Moves"


def test_seed_traps_are_not_extracted(seed_events):
    traps = json.loads((ROOT / "bench" / "eval" / "seeds-gold.json").read_text())
    for doc in traps["docs"]:
        for trap in doc.get("traps", []):
            hits = [
                e
                for e in seed_events
                if e["doc"] == doc["doc"]
                and e["kind"] == trap["kind"]
                and countries(e) == set(trap["actors"]) | set(trap["targets"])
            ]
            assert not hits, trap


# --- syndication and reprocessing ---------------------------------------------------------------------


def test_syndicated_copy_counts_once_with_both_outlets(tmp_path):
    body = (ARTICLES / "putin_visit.txt").read_text().split("Related Stories")[0]
    lines = [
        {"id": "wire-a", "text": body, "source": "Outlet A"},
        {
            "id": "wire-b",
            "text": "Updated: June 20, 2024\n\n" + body + "\nShare this story\n",
            "source": "Outlet B",
        },
    ]
    feed = tmp_path / "wire.jsonl"
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    db = tmp_path / "s.db"
    shiftwatch("load", str(feed), db=db)
    with Store(db) as store:
        events = list(store.iter_events())
        copy = store.get_document("wire-b")
    assert copy["canonical"] == "wire-a"
    assert {e["doc"] for e in events} == {"wire-a"}
    visit = next(e for e in events if e["kind"] == "visit")
    assert visit["sources"] == ["Outlet A", "Outlet B"]


def test_process_all_reextracts_with_the_current_version(tmp_path):
    from crawler.extract.events import EXTRACTOR_VERSION

    db = tmp_path / "r.db"
    shiftwatch("load", str(ARTICLES / "missile_launch.txt"), db=db)
    with Store(db) as store:
        store.db.execute("UPDATE events SET extractor_version = 'old'")
        store.db.execute("UPDATE documents SET processed_version = 'old'")
        store.db.conn.commit()
    assert "processed 1 document(s)" in shiftwatch("process", db=db).stdout  # an older version is stale
    assert "processed 0 document(s)" in shiftwatch("process", db=db).stdout
    assert "processed 1 document(s)" in shiftwatch("process", "--all", db=db).stdout
    with Store(db) as store:
        assert {e["extractor_version"] for e in store.iter_events()} == {EXTRACTOR_VERSION}


def test_two_stories_of_one_event_share_a_cluster_with_both_sentences(tmp_path):
    lines = [
        {
            "id": "story-a",
            "source": "Outlet A",
            "date": "2024-12-01",
            "text": "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks on military "
            "cooperation, North Korean state media reported.",
        },
        {
            "id": "story-b",
            "source": "Outlet B",
            "date": "2024-11-30",
            "text": "Andrei Belousov, Russia's defence minister, landed in the North Korean capital on Friday at the "
            "start of a two-day visit, Moscow said in a statement.",
        },
    ]
    feed = tmp_path / "two.jsonl"
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    db = tmp_path / "k.db"
    shiftwatch("load", str(feed), db=db)
    with Store(db) as store:
        visits = [e for e in store.iter_events() if e["kind"] == "visit"]
        assert {e["doc"] for e in visits} == {"story-a", "story-b"}
        assert len({e["cluster"] for e in visits}) == 1
        (cluster,) = list(store.query("SELECT * FROM event_clusters WHERE kind = 'visit'"))
    assert cluster["reports"] == 2
    assert {item["doc"] for item in json.loads(cluster["evidence"])} == {"story-a", "story-b"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Kim Jong Un received a letter from Vladimir Putin on Monday.",
            ("message", ["RUS"], ["PRK"], "2024-11-18", "day"),
        ),
        (
            "Choe Son Hui held talks with Sergei Lavrov on Tuesday.",  # in Moscow: her visit too
            ("meeting", ["PRK", "RUS"], [], "2024-11-19", "day"),
        ),
        (
            "A Chinese delegation led by Zhao Leji arrived in Pyongyang on Thursday.",
            ("visit", ["CHN"], ["PRK"], "2024-11-21", "day"),
        ),
        (
            "Pyongyang denounced Washington for the new sanctions on Friday.",
            ("criticism", ["PRK"], ["USA"], "2024-11-15", "day"),
        ),
        (
            "Kim Jong Un visited Russia last month, the Kremlin said.",
            ("visit", ["PRK"], ["RUS"], "2024-10", "month"),
        ),
        (
            "Moscow and Pyongyang signed an agreement on visa-free travel in Vladivostok on Monday.",
            ("agreement", ["PRK", "RUS"], [], "2024-11-18", "day"),
        ),
        (
            "Wang Yi told Choe Son Hui that China supports North Korea's efforts to safeguard its sovereignty.",
            ("support", ["CHN"], ["PRK"], "2024-11-21", "day?"),  # undated: the story's day
        ),
        (
            "North Korean troops fought alongside Russian forces in the Kursk region last year.",
            ("military_cooperation", ["PRK"], ["RUS"], "2023", "year"),
        ),
        (
            "Pyongyang, November 20 (KCNA) -- A delegation of the Ministry of Defence of the Russian Federation led by "
            "Andrei Belousov arrived here on Tuesday.",
            ("visit", ["RUS"], ["PRK"], "2024-11-19", "day"),
        ),
        (
            # greetings exchanged are one each way: test_constructions.py
            "Kim Jong-un sent greetings to Xi Jinping on Monday, pledging to deepen their friendship.",
            ("message", ["PRK"], ["CHN"], "2024-11-18", "day"),
        ),
        (
            "Putin presented Kim with a Russian-made limousine during their meeting last year.",
            ("meeting", ["PRK", "RUS"], [], "2023", "year"),
        ),
        (
            "Pyongyang, November 20 (KCNA) -- A floral basket in the name of Kim Jong Un was laid at the Friendship Tower "
            "on Wednesday.",  # the Friendship Tower is the memorial of the Chinese People's Volunteers
            ("commemoration", ["PRK"], ["CHN"], "2024-11-20", "day"),
        ),
    ],
)
def test_one_sentence_reports_of_each_kind(extract, sentence, expected):
    """One event, whole: kind, direction, exact date and precision, not negated, no anniversary."""
    events, _ = extract(sentence, "2024-11-21")  # a Thursday with no anniversary near
    got = [
        (
            e["kind"],
            e["actors"],
            e["targets"],
            e["date"],
            e["date_precision"],
            e["negated"],
            e["anniversary_id"],
        )
        for e in events
    ]
    assert got == [(*expected, False, None)]


def test_a_letter_and_its_reply_are_two_messages(extract):
    events, _ = extract(
        "Chinese President Xi Jinping on Monday replied to a letter from Kim Jong Un, expressing "
        "thanks for his congratulations.",
        "2024-10-10",
    )
    assert sorted((e["actors"], e["targets"]) for e in events if e["kind"] == "message") == [
        (["CHN"], ["PRK"]),
        (["PRK"], ["CHN"]),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # sent "on" the anniversary: its day, not the story's
            "Xi Jinping sent a congratulatory message to Kim Jong Un on the 76th founding anniversary of the DPRK.",
            ("message", ["CHN"], ["PRK"], "2024-09-09", "day", False, "dprk-founding", 76),
        ),
        (  # "on the occasion of" is what it is for, not when
            "Xi Jinping sent a congratulatory message to Kim Jong Un on the occasion of the 76th founding anniversary "
            "of the DPRK.",
            ("message", ["CHN"], ["PRK"], "2024-10-10", "day?", False, "dprk-founding", 76),
        ),
        (
            "The Chinese embassy in Pyongyang held a reception to mark the 74th anniversary of the entry of the Chinese "
            "People's Volunteers into the Korean war.",
            ("commemoration", ["CHN"], ["PRK"], "2024-10-10", "day?", False, "cpv-entry", 74),
        ),
        (
            "China marked the 75th anniversary of diplomatic relations with North Korea on Sunday.",
            ("commemoration", ["CHN"], ["PRK"], "2024-10-06", "day", False, "prk-chn-relations", 75),
        ),
        (
            "The North Korean embassy in Beijing did not hold a reception to mark the anniversary of the friendship "
            "treaty this year.",
            ("commemoration", ["PRK"], ["CHN"], "2024-07-11", "day", True, "prk-chn-treaty", 63),
        ),
    ],
)
def test_anniversary_is_linked_from_one_sentence(extract, sentence, expected):
    """One event, whole, with its anniversary and ordinal (the ordinal computed from the year where the text
    gives none) and its negation."""
    events, _ = extract(sentence, "2024-10-10")
    got = [
        (
            e["kind"],
            e["actors"],
            e["targets"],
            e["date"],
            e["date_precision"],
            e["negated"],
            e["anniversary_id"],
            e["anniversary_ordinal"],
        )
        for e in events
    ]
    assert got == [expected]
