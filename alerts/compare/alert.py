"""The Alert type, the Finder registry entry every alert kind is written as, and helpers they share."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from alerts.compare.coverage import DocumentIndex
from alerts.compare.history import Event, History
from alerts.compare.settings import Settings
from crawler.extract.anniversaries import Anniversary


@dataclass
class Alert:
    """One finding, with a stable key so that it is stored and delivered once."""

    kind: str
    dyad: tuple[str, ...]  # two ISO 3166-1 alpha-3 codes, sorted (empty for a source alert)
    title: str
    subject: str  # what within the kind and pair it is about: "prk-chn-treaty:2024", "2024-05", a source
    due: dt.date | None = None
    base_date: str | None = None
    evidence: list[dict] = field(default_factory=list)  # {doc, url, sentence}
    details: dict = field(default_factory=dict)
    as_of: dt.date | None = None

    @property
    def key(self) -> str:
        """The stable id: kind, pair and subject."""
        return ":".join(part for part in (self.kind, "-".join(self.dyad), self.subject) if part)

    @property
    def id(self) -> str:
        """The same as key (the alerts table's primary key)."""
        return self.key

    def to_row(self) -> dict:
        """The columns of the alerts table."""
        return {
            "id": self.key,
            "kind": self.kind,
            "dyad": list(self.dyad),
            "title": self.title,
            "due": self.due.isoformat() if self.due else None,
            "base_date": self.base_date,
            "evidence": self.evidence,
            "details": self.details,
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


# --- the registry entry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every finder judges: the history, its events known by `as_of`, its documents, the settings and the
    watched pairs."""

    history: History
    events: list[Event]  # only those known on as_of
    index: DocumentIndex
    as_of: dt.date
    settings: Settings
    watched: frozenset[tuple[str, str]] | None = None  # the watched pairs (watched.py); None: every pair

    def watches(self, dyad: Iterable[str]) -> bool:
        """Does an alert about this pair concern the user? One with no pair (a source) always does."""
        pair = tuple(dyad)
        return not pair or self.watched is None or pair in self.watched


FindFunction = Callable[[Context], list[Alert]]


@dataclass(frozen=True)
class Finder:
    """One judgement: the alert kinds it raises and the pure function of a Context that finds them."""

    kinds: tuple[str, ...]
    find: FindFunction

    def __call__(self, ctx: Context) -> list[Alert]:
        return self.find(ctx)

    @property
    def doc(self) -> str:
        """The first line of the function's docstring."""
        return (self.find.__doc__ or "").strip().splitlines()[0]


def finder(*kinds: str) -> Callable[[FindFunction], Finder]:
    """Decorator: a function of a Context becomes the Finder of these alert kinds (listed in FINDERS)."""

    def make(function: FindFunction) -> Finder:
        return Finder(kinds, function)

    return make


# --- helpers --------------------------------------------------------------------------------------------


def ordinal_word(number: int) -> str:
    """1st, 2nd, 3rd, 11th, 63rd."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of a YYYY-MM month."""
    year, number = int(month[:4]), int(month[5:7])
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def previous_months(month: str, count: int) -> list[str]:
    """The `count` months before a YYYY-MM month, oldest first."""
    year, number = int(month[:4]), int(month[5:7])
    result = []
    for _ in range(count):
        number -= 1
        if number == 0:
            year, number = year - 1, 12
        result.append(f"{year:04d}-{number:02d}")
    return result[::-1]


def pairs(states: Iterable[str]) -> list[tuple[str, str]]:
    """Every pair among some states, each sorted, in order."""
    unique = sorted(set(states))
    return [(a, b) for a, b in itertools.combinations(unique, 2)]


def event_dyads(event: Event) -> list[tuple[str, str]]:
    """The pairs of states an event concerns: its dyad, else every pair among its actors and targets."""
    if event.dyad:
        return [event.dyad]
    return pairs(event.states)


def limit_evidence(items: list[dict], count: int) -> list[dict]:
    """The first `count` evidence items, each (document, sentence) once."""
    seen, result = set(), []
    for item in items:
        marker = (item.get("doc"), item.get("sentence"))
        if marker not in seen:
            seen.add(marker)
            result.append(item)
    return result[:count]


def marking_dyads(event: Event, anniversary: Anniversary) -> list[tuple[str, str]]:
    """The pairs of states whose relationship an event marks when it marks an anniversary.

    Its own pair or the pairs of its states among the anniversary's countries; an event naming one state (or
    none) marks the anniversary's pair only when the anniversary concerns exactly two states.
    """
    countries = set(anniversary.countries)
    if event.dyad and set(event.dyad) <= countries:
        return [event.dyad]
    states = [state for state in event.states if state in countries]
    if len(set(states)) >= 2:
        return pairs(states)
    if len(countries) == 2 or not event.states:
        return [anniversary.dyad]
    return []
