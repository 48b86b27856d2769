"""Days of the year reports name without a date or an anniversary ("New Year cards", "received cards on the
New Year"): the `[[named_day]]` tables of seeds/anniversaries.toml, and the day an event they name falls on."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crawler.config import read_toml
from crawler.errors import DataFileError

REACH_DAYS = 60  # a named day this many days before the story at most: New Year cards told in February
# what a phrase is read without: its article and the possessive ("the New Year's Day" is "new year day")
_NOISE = re.compile(r"\b(?:the|a)\b|'s\b|’s\b")
# the words beside an event word that may name the day: "New Year('s) cards", "cards for the New Year"
MODIFIER_DEPS = frozenset(("compound", "poss", "nmod", "amod", "npadvmod"))
DAY_PREPS = frozenset(("on", "for"))


def normal(phrase: str) -> str:
    """A day's phrase as it is compared: lower case, without articles and possessives."""
    return " ".join(_NOISE.sub(" ", phrase.lower()).split())


@dataclass(frozen=True)
class NamedDay:
    """One day of the year and the phrases that name it."""

    name: str
    month: int
    day: int
    phrases: frozenset[str]  # normal() forms

    def last_on_or_before(self, day: dt.date) -> dt.date:
        """The day's last date on or before `day`."""
        this_year = dt.date(day.year, self.month, self.day)
        return this_year if this_year <= day else dt.date(day.year - 1, self.month, self.day)


def load_named_days(path: Path) -> tuple[NamedDay, ...]:
    """The `[[named_day]]` tables of the anniversaries file (none is fine); errors name the entry and the fix."""
    entries = read_toml(path).get("named_day", [])
    if not isinstance(entries, list):
        raise DataFileError(f"{path}: named_day must be [[named_day]] tables")
    days = []
    for number, entry in enumerate(entries, 1):
        where = f"{path}: named_day #{number} ({entry.get('name', 'no name')})"
        month_day = str(entry.get("month_day", ""))
        match = re.fullmatch(r"(\d{2})-(\d{2})", month_day)
        phrases = entry.get("phrases")
        if not entry.get("name") or match is None:
            raise DataFileError(f"{where}: needs a name and a month_day such as '01-01' (a string)")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p for p in phrases):
            raise DataFileError(f"{where}: phrases must be a non-empty list of strings")
        month, day = int(match[1]), int(match[2])
        try:
            dt.date(2001, month, day)  # a day of every year: not February 29
        except ValueError:
            raise DataFileError(f"{where}: month_day {month_day!r} is no day of every year") from None
        days.append(NamedDay(str(entry["name"]), month, day, frozenset(normal(p) for p in phrases)))
    return tuple(days)


@lru_cache(maxsize=8)
def cached_named_days(path: str) -> tuple[NamedDay, ...]:
    """load_named_days, read once per process."""
    return load_named_days(Path(path))


def _phrases_near(token):
    """The phrases beside an event word, and beside the things a verb did, that may name its day."""
    nodes = [token]
    if token.pos_ in ("VERB", "AUX"):
        nodes += [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    for node in nodes:
        # the words before it are read together ("Lunar New Year cards" is not "New Year"), but for a
        # possessive, which is a phrase of its own ("the president's New Year cards")
        before = [c for c in node.children if c.dep_ in MODIFIER_DEPS and c.i < node.i]
        for child in before:
            if child.dep_ == "poss":
                yield child.subtree
        rest = [c for c in before if c.dep_ != "poss"]
        if rest:
            yield node.doc[min(c.left_edge.i for c in rest) : node.i]
        for child in node.children:
            if child.dep_ in MODIFIER_DEPS and child.i > node.i:
                yield child.subtree
            elif child.dep_ == "prep" and child.lower_ in DAY_PREPS:
                yield from (g.subtree for g in child.children if g.dep_ == "pobj")


def named_day_date(token, days: tuple[NamedDay, ...], story: dt.date | None) -> dt.date | None:
    """The day an event word's own phrase names ("sent New Year's cards": January 1), the last one on or before
    the story's day and within REACH_DAYS of it; None where no phrase names one."""
    if not days or story is None:
        return None
    for words in _phrases_near(token):
        phrase = normal(" ".join(t.text for t in words))
        for named in days:
            if phrase in named.phrases:
                day = named.last_on_or_before(story)
                return day if (story - day).days <= REACH_DAYS else None
    return None
