"""Syndicated copies through the real `load`: a copy that arrives before its original (in one load or in an
earlier one), and copies edited to just above and just below `[extraction] syndication_threshold` (0.8)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from helpers import shiftwatch

from crawler.extract.syndication import shingles, similarity
from crawler.store import Store

pytestmark = pytest.mark.timeout(300)

STORY = (  # one line a paragraph (see test_a_hard_wrapped_paragraph_is_read_whole)
    "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks on military "
    "cooperation.\n\n"
    "He was met at the airport by his North Korean counterpart No Kwang Chol and a guard of honour, and "
    "laid flowers at the Liberation Tower in the centre of the capital later in the afternoon, according "
    "to the agency.\n\n"
    "The visit follows the signing of a partnership treaty between the two countries in June, under which "
    "each side promised to come to the aid of the other if it were attacked by a third country or a group "
    "of countries.\n\n"
    "Officials in Seoul and Washington have said that thousands of soldiers from the North were sent to "
    "the Kursk region this autumn, and that artillery shells and missiles have crossed the border by rail "
    "for more than a year.\n\n"
    "The ministry in Moscow gave no details of the programme of the delegation, which includes senior "
    "officers of the general staff, the navy and the air force, and said only that the talks would "
    "continue over the weekend.\n\n"
    "Analysts at a research institute in Seoul said the delegation was the largest sent by the ministry "
    "in decades, and that the choice of officers pointed to cooperation in air defence, in naval matters "
    "and in satellites.\n"
)
DATE = "2024-11-30"


def edited(text: str, edits: int) -> str:
    """The text with `edits` words changed, spread evenly (each change touches five word 5-grams)."""
    words = text.split(" ")
    step = len(words) // (edits + 1)
    for k in range(1, edits + 1):
        words[k * step] += "s"
    return " ".join(words)


def load(tmp_path: Path, db: Path, *lines: dict) -> None:
    path = tmp_path / f"batch-{lines[0]['id']}.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    shiftwatch("load", str(path), db=db)


def visits(db: Path) -> list[dict]:
    with Store(db) as store:
        return [e for e in store.iter_events() if e["kind"] == "visit"]


def documents(db: Path) -> dict[str, dict]:
    with Store(db) as store:
        return {row["id"]: row for row in store.query("SELECT id, canonical FROM documents")}


ORIGINAL = {"id": "a-original", "text": STORY, "date": DATE, "source": "Outlet A"}
COPY = {
    "id": "z-copy",  # the copy sorts after the original: arrival, not the id, must decide
    "text": "Updated: November 30, 2024\n\n" + STORY + "\nShare this story\n",
    "date": DATE,
    "source": "Outlet B",
}


def one_event_under_one_document(db: Path) -> dict:
    """Two texts of one story: one visit, under the document the other points at, with both outlets."""
    docs = documents(db)
    (visit,) = visits(db)
    other = next(doc for doc in docs if doc != visit["doc"])
    assert docs == {
        visit["doc"]: {"id": visit["doc"], "canonical": None},
        other: {"id": other, "canonical": visit["doc"]},
    }
    assert (visit["actors"], visit["targets"], visit["date"]) == (["RUS"], ["PRK"], "2024-11-29")
    assert sorted(visit["sources"]) == ["Outlet A", "Outlet B"]
    return visit


def test_a_copy_that_arrives_in_an_earlier_load_is_the_original(tmp_path):
    from crawler.store import now_iso

    db = tmp_path / "first.db"
    load(tmp_path, db, COPY)
    with Store(db) as store:
        loaded = store.get_document("z-copy")["loaded_at"]
    while now_iso() <= loaded:  # one-second timestamps: the original arrives in a later second
        time.sleep(0.02)
    load(tmp_path, db, ORIGINAL)
    visit = one_event_under_one_document(db)
    assert visit["doc"] == "z-copy" and visit["sources"] == ["Outlet B", "Outlet A"]


def test_a_copy_and_its_original_in_one_load_are_one_event(tmp_path):
    db = tmp_path / "one.db"
    load(tmp_path, db, COPY, ORIGINAL)
    one_event_under_one_document(db)


def test_the_same_headline_a_week_apart_is_two_stories_and_a_day_apart_one(tmp_path):
    # a headline alone says too little to tell a copy from another day's story in the same words
    db = tmp_path / "headlines.db"
    title = "Greetings to Chinese party and state leaders"
    load(
        tmp_path,
        db,
        *(
            {"id": f"h-{day}", "title": title, "text": title, "date": day, "source": "KCNA"}
            for day in ("2001-09-30", "2001-10-01", "2001-10-06")
        ),
    )
    docs = documents(db)
    assert docs["h-2001-10-01"]["canonical"] == "h-2001-09-30"
    assert docs["h-2001-09-30"]["canonical"] is None and docs["h-2001-10-06"]["canonical"] is None
    with Store(db) as store:
        dates = sorted(e["date"] for e in store.iter_events() if e["kind"] == "message")
    assert dates == ["2001-09-30", "2001-10-06"]


def near_threshold() -> tuple[int, float, int, float]:
    """The most edits that keep the copy at or above 0.8 Jaccard, and one more (below)."""
    original = shingles(STORY)
    scores = [(n, similarity(original, shingles(edited(STORY, n)))) for n in range(1, 20)]
    above = max(n for n, score in scores if score >= 0.8)
    return above, dict(scores)[above], above + 1, dict(scores)[above + 1]


def test_the_edits_fall_on_both_sides_of_the_threshold():
    above, high, below, low = near_threshold()
    assert 0.8 <= high < 0.85 and 0.75 < low < 0.8, (above, high, below, low)


def test_a_copy_edited_to_just_above_the_threshold_is_a_copy(tmp_path):
    above, _, _, _ = near_threshold()
    db = tmp_path / "above.db"
    load(tmp_path, db, ORIGINAL, {**COPY, "text": edited(STORY, above)})
    one_event_under_one_document(db)


def test_a_copy_edited_to_just_below_the_threshold_is_a_story_of_its_own_on_the_same_event(tmp_path):
    _, _, below, _ = near_threshold()
    db = tmp_path / "below.db"
    load(tmp_path, db, ORIGINAL, {**COPY, "text": edited(STORY, below)})
    assert documents(db) == {
        "a-original": {"id": "a-original", "canonical": None},
        "z-copy": {"id": "z-copy", "canonical": None},
    }
    found = sorted(visits(db), key=lambda e: e["doc"])
    assert [(e["doc"], e["actors"], e["targets"], e["date"], e["sources"]) for e in found] == [
        ("a-original", ["RUS"], ["PRK"], "2024-11-29", ["Outlet A"]),
        ("z-copy", ["RUS"], ["PRK"], "2024-11-29", ["Outlet B"]),
    ]
    assert found[0]["cluster"] == found[1]["cluster"]  # two reports of one real-world visit


@pytest.mark.parametrize(
    "wrapped",
    [
        (  # the line after the break opens in lower case
            "He was met at the airport by his North Korean counterpart No Kwang Chol and a guard of honour, and\n"
            "laid flowers at the Liberation Tower in the centre of the capital later in the afternoon.\n"
        ),
        (  # lines open with capitals after a line that ends no sentence
            "He was met at the airport by his North Korean counterpart\n"
            "No Kwang Chol and a guard of honour, and laid flowers at the\n"
            "Liberation Tower in the centre of the capital later in the afternoon.\n"
        ),
    ],
)
def test_a_hard_wrapped_paragraph_is_read_whole(config, wrapped):
    from crawler.config import data_path
    from crawler.extract.articles import load_boilerplate, read_text

    text = read_text(wrapped, load_boilerplate(data_path(config, "boilerplate"))).text
    assert " ".join(text.split()) == " ".join(wrapped.split())


def test_a_heading_over_a_one_line_paragraph_is_not_joined_to_it(config):
    from crawler.config import data_path
    from crawler.extract.articles import load_boilerplate, read_text

    page = (
        "Envoys hold talks on rail links between the two neighbours\n"
        "The foreign ministers of Mongolia and Kazakhstan met in Astana on Friday to discuss a rail corridor, "
        "officials said.\n"
    )
    article = read_text(page, load_boilerplate(data_path(config, "boilerplate")))
    assert article.title == "Envoys hold talks on rail links between the two neighbours"
    assert article.paragraphs == [
        "The foreign ministers of Mongolia and Kazakhstan met in Astana on Friday to discuss a rail corridor, "
        "officials said."
    ]
