"""The anniversaries of seeds/anniversaries.toml: loading, validation and date arithmetic."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crawler.config import read_toml
from crawler.errors import DataFileError

ISO3 = re.compile(r"^[A-Z]{3}$")
OBSERVED = {"yearly": 1, "round5": 5, "round10": 10}


@dataclass(frozen=True)
class Anniversary:
    """One anniversary: its base event, the states it concerns and the phrases that name it."""

    id: str
    name: str
    base_date: str  # YYYY-MM-DD or YYYY-MM
    countries: tuple[str, ...]
    phrases: tuple[str, ...]
    observed: str = "yearly"
    alert: bool = True
    scope: str = "bilateral"  # bilateral | national | nation
    day_names: tuple[str, ...] = ()  # the day's own names ("china's national day"): no "anniversary" needed
    pair_phrases: tuple[str, ...] = ()  # words other pairs share: they name it where its states are named
    honoured: str | None = None  # whose day it is: a third state marking it honours that state alone

    @property
    def base_year(self) -> int:
        return int(self.base_date[:4])

    @property
    def month(self) -> int:
        return int(self.base_date[5:7])

    @property
    def day(self) -> int | None:
        return int(self.base_date[8:10]) if len(self.base_date) >= 10 else None

    def worded_by(self, name: str) -> bool:
        """Do these words after 'anniversary of' ("diplomatic relations", lower case) name it by words its pair
        shares with other pairs?"""
        return bool(name) and any(p in name for p in self.pair_phrases)

    def headed_by(self, name: str) -> bool:
        """Is the last word after 'anniversary of' ("the signing of the treaty", lower case) a word of its own
        name or phrases: a plain word for it, not the name of something else?"""
        words = name.replace("'s", "").split()
        if not words:
            return False
        own = {w for text in (self.name.lower(), *self.phrases) for w in text.replace(",", " ").split()}
        return words[-1] in own

    @property
    def period(self) -> int:
        """Every how many years it is customarily marked (1, 5 or 10)."""
        return OBSERVED[self.observed]

    @property
    def parties(self) -> tuple[str, ...]:
        """The states it is marked for: a bilateral one's two, a national day's own state."""
        return self.countries[: 1 if self.scope == "national" else 2]

    def is_own_day_of(self, state: str) -> bool:
        """Is it that state's own day, rather than another state's or one shared with another state? A
        nation's day (scope "nation") is its first state's own, though the second shares it."""
        if self.scope == "nation":
            return self.countries[:1] == (state,)
        return self.scope == "national" and self.parties in ((), (state,))

    def marked_toward(self, markers: set[str]) -> set[str]:
        """The states a marking by `markers` is toward: a bilateral anniversary's two states, a national day's
        own state, besides the markers. A nation's day (the north-south declarations, scope "nation") is
        marked by each of its two states toward the other, and by a third state toward the first; a day that is
        one state's (`honoured`: the armistice is the DPRK's Victory Day) is marked by a third state toward that
        state alone (a Russian delegation at the armistice's anniversary honours the DPRK, not China too)."""
        if self.scope == "nation" and not markers & set(self.parties):
            return set(self.countries[:1])
        if self.honoured and not markers & set(self.countries):
            return {self.honoured}
        return set(self.parties) - markers

    @property
    def dyad(self) -> tuple[str, str]:
        """The pair of states it marks (the first two countries, sorted)."""
        return tuple(sorted(self.countries[:2]))  # type: ignore[return-value]

    def due(self, year: int) -> dt.date:
        """Its date in a given year (the 15th where the base date has no day; Feb 29 falls on Feb 28)."""
        day = self.day or 15
        try:
            return dt.date(year, self.month, day)
        except ValueError:
            return dt.date(year, self.month, 28)

    def ordinal(self, year: int) -> int:
        """Which anniversary falls in a given year (the 71st in 2024 for 1953)."""
        return year - self.base_year

    def year_of(self, ordinal: int) -> int:
        """The year of the n-th anniversary."""
        return self.base_year + ordinal


def _scope(where: str, value: object) -> str:
    if value not in ("bilateral", "national", "nation"):
        raise DataFileError(f"{where}: scope {value!r} must be 'bilateral', 'national' or 'nation'")
    return str(value)


def load_anniversaries(path: Path) -> list[Anniversary]:
    """Read and validate seeds/anniversaries.toml; errors name the file, the entry and the fix."""
    data = read_toml(path)
    entries = data.get("anniversary")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(f"{path}: expected [[anniversary]] tables")
    titles = data.get("titles", [])
    if not isinstance(titles, list) or not all(isinstance(t, str) and t.strip() for t in titles):
        raise DataFileError(f"{path}: titles must be a list of strings")
    result: list[Anniversary] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{path}: anniversary #{number} ({entry.get('id', 'no id')})"
        for key in ("id", "name", "base_date", "countries", "phrases"):
            if key not in entry:
                raise DataFileError(f"{where}: missing '{key}'")
        if entry["id"] in seen:
            raise DataFileError(f"{where}: duplicate id; give each anniversary its own id")
        seen.add(entry["id"])
        if not re.match(r"^\d{4}-\d{2}(-\d{2})?$", str(entry["base_date"])):
            raise DataFileError(
                f"{where}: base_date {entry['base_date']!r} must be YYYY-MM-DD or YYYY-MM (a string)"
            )
        countries = entry["countries"]
        if (
            not isinstance(countries, list)
            or len(countries) < 1
            or not all(ISO3.match(str(c)) for c in countries)
        ):
            raise DataFileError(
                f"{where}: countries must be a list of ISO 3166-1 alpha-3 codes such as ['PRK', 'CHN']"
            )
        phrases = entry["phrases"]
        if (
            not isinstance(phrases, list)
            or not phrases
            or not all(isinstance(p, str) and p.strip() for p in phrases)
        ):
            raise DataFileError(f"{where}: phrases must be a non-empty list of strings")
        pair_phrases = entry.get("pair_phrases", [])
        if not isinstance(pair_phrases, list) or not all(
            isinstance(p, str) and p.strip() for p in pair_phrases
        ):
            raise DataFileError(f"{where}: pair_phrases must be a list of strings")
        day_names = entry.get("day_names", [])
        if not isinstance(day_names, list) or not all(isinstance(p, str) and p.strip() for p in day_names):
            raise DataFileError(f"{where}: day_names must be a list of strings")
        honoured = entry.get("honoured")
        if honoured is not None and honoured not in countries:
            raise DataFileError(f"{where}: honoured {honoured!r} must be one of its countries {countries}")
        observed = entry.get("observed", "yearly")
        if observed not in OBSERVED:
            raise DataFileError(f"{where}: observed {observed!r} must be one of {sorted(OBSERVED)}")
        result.append(
            Anniversary(
                id=entry["id"],
                name=entry["name"],
                base_date=str(entry["base_date"]),
                countries=tuple(countries),
                phrases=_with_titles(tuple(p.lower().strip() for p in phrases), titles),
                observed=observed,
                alert=bool(entry.get("alert", True)),
                scope=_scope(where, entry.get("scope", "bilateral")),
                day_names=_with_titles(tuple(p.lower().strip() for p in day_names), titles),
                pair_phrases=tuple(p.lower().strip() for p in pair_phrases),
                honoured=honoured,
            )
        )
    return result


def _with_titles(phrases: tuple[str, ...], titles: list[str]) -> tuple[str, ...]:
    """The phrases, and each "X of <name>" again with a title before the name ("birth of general secretary
    kim jong il", "demise of the great leader kim jong il"): reports put a title before a leader's name."""
    extra = []
    for phrase in phrases:
        head, of, name = phrase.partition(" of ")
        if not of or name.startswith("the "):
            continue
        for title in titles:
            title = title.lower().strip()
            extra += [f"{head} of {title} {name}", f"{head} of the {title} {name}"]
    return tuple(dict.fromkeys(phrases + tuple(extra)))


@lru_cache(maxsize=8)
def cached_anniversaries(path: str) -> tuple[Anniversary, ...]:
    """load_anniversaries, read once per process."""
    return tuple(load_anniversaries(Path(path)))
