"""Participants: the lists of who took part, their states and protocol tiers, and the event each belongs to.

Texts are written for these tests in the styles of news agencies (names made up where a real one is not
needed); the events they belong to are given as the event reader would return them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, shiftwatch

from crawler.config import data_path
from crawler.errors import DataFileError
from crawler.extract.participant_lists import sentences
from crawler.extract.participant_rules import load_participant_rules
from crawler.extract.participants import build_reader, pipeline_lexicon, read_participants
from crawler.extract.ranks import load_ranks


@pytest.fixture(scope="module")
def reader(config, resources, nlp):
    return build_reader(
        data_path(config, "participants"),
        data_path(config, "ranks"),
        resources.gazetteer,
        pipeline_lexicon(nlp),
    )


def event(evidence: str, kind: str = "commemoration", date: str = "2031-07-11", **more) -> dict:
    """An event as the event reader returns it (only the fields participants read)."""
    return {
        "id": f"e-{abs(hash(evidence)) % 10_000}",
        "kind": kind,
        "evidence": evidence,
        "date": date,
        **more,
    }


def people(rows: list[dict], role: str | None = None) -> list[tuple]:
    return [(r["person"], r["state"], r["tier"]) for r in rows if role is None or r["role"] == role]


RECEPTION = (
    "The Chinese ambassador to the DPRK gave a reception at Okryu Restaurant in Pyongyang on Friday to mark the "
    "70th anniversary of the treaty of friendship.\n\n"
    "Present there on invitation were Ro Myong Chol, vice-president of the Presidium of the Supreme People's "
    "Assembly, Han Sun Bok, minister of Culture who doubles as chairman of the Central Committee of the "
    "DPRK-China Friendship Association, Ri Kyong Sik, vice department director of the C.C.\n\n"
    "the Workers' Party of Korea, O Chol Jin, vice-minister of Foreign Affairs, and officials concerned.\n\n"
    "Also attending were Ambassador Zhao Weiguo and staff members of the Chinese embassy here.\n\n"
    "Zhao Weiguo said in his speech that the treaty laid a legal foundation for the friendship."
)


def test_an_invitation_list_gives_each_guest_a_post_state_and_tier(reader):
    rows = read_participants(RECEPTION, [event(RECEPTION.split("\n\n")[0])], reader, home="PRK")
    assert people(rows, "guest") == [
        ("Ro Myong Chol", "PRK", 3),
        ("Han Sun Bok", "PRK", 4),  # the higher of his two posts
        ("Ri Kyong Sik", "PRK", 5),  # a post broken by a paragraph break after "C.C."
        ("O Chol Jin", "PRK", 5),
        (None, "PRK", 6),
    ]
    guests = [r for r in rows if r["role"] == "guest"]
    assert guests[1]["position"] == (
        "minister of Culture who doubles as chairman of the Central Committee of the DPRK-China Friendship Association"
    )
    assert guests[-1]["position"] == "officials concerned" and guests[-1]["is_group"] == 1
    assert guests[0]["tier_name"].startswith("senior leadership")


def test_also_attending_and_a_group_give_their_state_to_a_name_without_one(reader):
    rows = read_participants(RECEPTION, [event(RECEPTION.split("\n\n")[0])], reader, home="PRK")
    assert people(rows, "attendee") == [("Zhao Weiguo", "CHN", 5), (None, "CHN", 6)]


def test_guests_are_of_the_place_of_the_reception_and_those_present_of_its_host(reader):
    text = (
        "The DPRK embassy in Beijing hosted a reception on Tuesday for the national day.\n\n"
        "Present there on invitation were Sun Lin, executive vice-minister of Foreign Affairs, and other "
        "officials concerned.\n\n"
        "Ambassador Ri Chang Ho and his embassy officials were present there."
    )
    rows = read_participants(text, [event(text.split("\n\n")[0], actors=["PRK"])], reader, home="PRK")
    assert people(rows, "guest") == [("Sun Lin", "CHN", 5), (None, "CHN", 6)]
    assert people(rows, "attendee") == [("Ri Chang Ho", "PRK", 5), (None, "PRK", 6)]


def test_message_senders_and_addressees(reader):
    text = (
        "Kim Jong Un, general secretary of the Workers' Party of Korea, on Tuesday sent a message of greeting "
        "to Vladimir Putin, president of the Russian Federation, on the national day of Russia."
    )
    rows = read_participants(text, [event(text, "message", "2023-06-12")], reader, home="PRK")
    assert people(rows, "sender") == [("Kim Jong Un", "PRK", 1)]
    assert people(rows, "addressee") == [("Vladimir Putin", "RUS", 1)]


def test_a_message_received_turns_the_roles_round_and_several_senders_are_one_list(reader):
    text = (
        "Kim Jong Un received a message of greeting from Xi Jinping, general secretary of the Central Committee "
        "of the Communist Party of China, together with Li Qiang, premier of the State Council, on Saturday."
    )
    rows = read_participants(text, [event(text, "message", "2024-09-09")], reader, home="PRK")
    assert people(rows, "addressee") == [("Kim Jong Un", "PRK", 1)]
    assert people(rows, "sender") == [("Xi Jinping", "CHN", 1), ("Li Qiang", "CHN", 2)]
    assert len({r["list"] for r in rows if r["role"] == "sender"}) == 1


def test_a_name_without_a_post_takes_the_tier_of_the_post_held_that_day(reader):
    text = "Xi Jinping met and had talks with Kim Yong Nam in Beijing."
    before = read_participants(text, [event(text, "meeting", "2010-10-25")], reader, home="PRK")
    after = read_participants(text, [event(text, "meeting", "2013-05-25")], reader, home="PRK")
    assert people(before, "host") == [("Xi Jinping", "CHN", 2)]  # vice-president then
    assert people(after, "host") == [("Xi Jinping", "CHN", 1)]
    assert people(before, "guest") == [("Kim Yong Nam", "PRK", 2)]


def test_delegation_heads_take_the_state_of_their_delegation(reader):
    text = (
        "A delegation of the Ministry of Civil Affairs of China led by Vice-Minister Gao Jian and a delegation "
        "of the State Duma of Russia headed by Igor Sokolov, deputy chairman of the State Duma, arrived here."
    )
    rows = read_participants(text, [event(text, "visit", "2031-10-24")], reader, home="PRK")
    assert people(rows, "head") == [("Gao Jian", "CHN", 5), ("Igor Sokolov", "RUS", 3)]
    assert len({r["list"] for r in rows}) == 2


def test_a_delegation_head_inside_an_attendance_list_is_an_attendee(reader):
    text = (
        "A completion ceremony took place on Wednesday.\n\n"
        "Attending the event were Chinese Ambassador to the DPRK Zhao Weiguo, his embassy officials and a "
        "delegation of the Ministry of Culture, Tourism and Sports of China led by Vice-Minister Gao Jian."
    )
    rows = read_participants(
        text, [event("A completion ceremony took place on Wednesday.")], reader, home="PRK"
    )
    assert people(rows) == [("Zhao Weiguo", "CHN", 5), (None, "CHN", 6), ("Gao Jian", "CHN", 5)]
    assert {r["role"] for r in rows} == {"attendee"}


def test_a_reported_absence_of_senior_officials_is_a_participant_marked_absent(reader):
    text = (
        "China's embassy in Pyongyang held a reception to mark the treaty anniversary, but no senior North Korean "
        "officials attended it."
    )
    rows = read_participants(text, [event(text)], reader, home=None)
    [absent] = [r for r in rows if r["absent"]]
    assert (absent["state"], absent["tier"], absent["role"]) == ("PRK", 3, "attendee")


def test_each_list_belongs_to_the_event_it_follows(reader):
    text = (
        "The Chinese ambassador gave a reception in Pyongyang on Monday.\n\n"
        "Present there on invitation were Ro Myong Chol, vice-president of the Presidium of the Supreme "
        "People's Assembly.\n\n"
        "On the same day Choe Son Hui, minister of Foreign Affairs, met Andrei Rudenko, deputy foreign minister "
        "of Russia."
    )
    first, second = event(text.split("\n\n")[0]), event(text.split("\n\n")[2], "meeting")
    rows = read_participants(text, [first, second], reader, home="PRK")
    by_person = {r["person"]: r["event"] for r in rows}
    assert by_person["Ro Myong Chol"] == first["id"]
    assert by_person["Choe Son Hui"] == by_person["Andrei Rudenko"] == second["id"]


def test_no_participants_without_an_event_of_the_kinds_read(reader):
    text = (
        "Present there were Ro Myong Chol, vice-president of the Presidium of the Supreme People's Assembly."
    )
    assert read_participants(text, [event(text, "criticism")], reader, home="PRK") == []
    assert read_participants(text, [], reader, home="PRK") == []


def test_sentences_keep_abbreviations_and_initials_inside():
    text = "Mt. Paektu was visited by D. Medvedev. The C.C.\n\nthe WPK met. Next one."
    spans = [text[a:b] for a, b in sentences(text, frozenset({"Mt"}))]
    assert spans == ["Mt. Paektu was visited by D. Medvedev.", "The C.C.\n\nthe WPK met.", "Next one."]


def test_a_bad_post_pattern_names_the_file_the_post_and_the_fix(tmp_path):
    path = tmp_path / "ranks.toml"
    path.write_text(
        '[[tier]]\nlevel = 1\nname = "the leader"\n[[state]]\ncode = "PRK"\n'
        '[[post]]\nname = "head"\ntier = 1\npatterns = ["President of the Presidium"]\n'
    )
    with pytest.raises(DataFileError, match=r"ranks.toml: post #1 \(head\).*without hyphens or 'the'"):
        load_ranks(path)


def test_a_cue_without_a_role_names_the_fix(tmp_path):
    path = tmp_path / "participants.toml"
    path.write_text('event_kinds = ["meeting"]\n[[cue]]\npatterns = ["met"]\n')
    with pytest.raises(DataFileError, match=r"cue #1: give the role of the list 'before' or 'after'"):
        load_participant_rules(path)


def test_load_stores_participants_with_their_event(tmp_path: Path):
    article = tmp_path / "reception.txt"
    article.write_text(
        "Chinese Ambassador gives reception\n date 2031-07-11\n\n"
        + RECEPTION.replace("on Friday", "on July 11"),
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    shiftwatch("load", str(article), db=db)
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT p.person, p.state, p.tier, e.kind FROM participants p JOIN events e ON e.id = p.event "
            "WHERE p.role = 'guest' ORDER BY p.ord"
        ).fetchall()
    assert rows[0][:3] == ("Ro Myong Chol", "PRK", 3)
    assert len(rows) == 5 and all(kind for *_, kind in rows)


def test_the_protocol_levels_query_gives_the_highest_participant_per_side_and_year(tmp_path: Path):
    article = tmp_path / "reception.txt"
    article.write_text(
        "Chinese Ambassador gives reception\n date 2031-07-11\n\n"
        + RECEPTION.replace("on Friday", "on July 11"),
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    shiftwatch("load", str(article), db=db)
    metadata = yaml.safe_load((ROOT / "alerts" / "browse" / "datasette" / "metadata.yml").read_text())
    sql = metadata["databases"]["shiftwatch"]["queries"]["protocol_levels"]["sql"]
    with sqlite3.connect(db) as conn:
        rows = conn.execute(sql, {"anniversary": "prk-chn-treaty"}).fetchall()
    assert [row[2:5] for row in rows] == [("2031", "CHN", 5), ("2031", "PRK", 3)]
    assert rows[1][5].startswith("Ro Myong Chol, vice-president of the Presidium")


def test_capitals_after_an_article_are_a_body_not_a_name(reader):
    text = (
        "The DPRK embassy in Beijing gave a reception on Monday.\n\n"
        "Present there on invitation were the deputy chief of the Joint Staff Department of the Chinese "
        "People's Liberation Army, officers of the Training Department, the General Equipment Department of the PLARF "
        "and the Navy of China."
    )
    rows = read_participants(text, [event(text.split("\n\n")[0], actors=["PRK"])], reader, home="PRK")
    assert [r["person"] for r in rows] == [None, None]
    assert {r["state"] for r in rows} == {"CHN"}
