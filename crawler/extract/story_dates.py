"""The date of a story: the printed date, checked against the anniversaries it names with ordinals."""

from __future__ import annotations

import datetime as dt
import re

from crawler.extract.anniversaries import Anniversary
from crawler.extract.anniversary_mentions import ANNIVERSARY, find_anniversaries
from crawler.extract.dates import When, find_month_day, years_mentioned
from crawler.extract.event_types import Story


def story_date(
    text: str,
    published: When | None,
    published_from: str,
    anniversaries: tuple[Anniversary, ...],
    today: dt.date | None = None,
) -> Story:
    """Date the story: the printed date, checked against the anniversaries it names with ordinals.

    Where the page prints no date, the dateline ('Beijing, Sept 3:') or the first day and month in the
    lead gives the day, and the year comes from the anniversaries' ordinals or the latest year written.
    Where the ordinals of two or more anniversaries, and none other, put the story in another year than the
    printed date, the story is dated by them and the conflict is recorded; one ordinal alone does not outweigh a
    printed date (an army "founding anniversary" counted from another year than the data file's).
    """
    today = today or dt.date.today()
    votes: dict[int, list[tuple[Anniversary, int]]] = {}
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not ANNIVERSARY.search(sentence):
            continue  # only "the 65th anniversary of ..." has an ordinal to vote with (a day's name has none)
        if years_mentioned(sentence):
            continue  # "In July 2013 ... the 60th anniversary" dates that sentence, not the story
        for mention in find_anniversaries(sentence, anniversaries):
            if mention.anniversary and mention.ordinal:
                voted = mention.anniversary.year_of(mention.ordinal)
                votes.setdefault(voted, []).append((mention.anniversary, mention.ordinal))
    vote_year = max(votes, key=lambda y: (len(votes[y]), y)) if votes else None
    if published is not None:
        if (
            vote_year
            and vote_year != published.day.year
            and len(votes) == 1
            and len({a.id for a, _ in votes[vote_year]}) > 1
        ):
            due = max(a.due(vote_year) for a, _ in votes[vote_year])
            named = "; ".join(
                f"the {n}th anniversary of {a.name} ({a.base_date})" for a, n in votes[vote_year]
            )
            conflict = (
                f"printed date {published.iso} conflicts with {named}, which fall in {vote_year}: "
                f"events are dated to {vote_year}"
            )
            return Story(When(dt.date(vote_year, due.month, 1), "month"), published, published_from, conflict)
        return Story(published, published, published_from)
    lead = text[:400]
    month_day = find_month_day(lead[:80]) or find_month_day(lead)
    year: int | None = vote_year
    source = "anniversary"
    if year is None:
        years = [y for y in years_mentioned(text) if y <= today.year]
        if years:
            year, source = max(years), "text"
    if month_day and year:
        day = month_day.day.replace(year=year)
        when = When(day, "day", month_day.text)
        return Story(when, when, "dateline" if source == "text" else source)
    if year:
        return Story(When(dt.date(year, 1, 1), "year"), None, "none")
    return Story(None, None, "none")
