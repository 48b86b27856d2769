"""Protocol rank from seeds/ranks.toml: the tier a post stands for in a state on a day, and who held the top
posts when. Loading, validation and lookups; pure functions, no names or posts written here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crawler.config import read_toml
from crawler.errors import DataFileError

ISO3 = re.compile(r"^[A-Z]{3}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Placeholders for a name of the gazetteer in a post, as written in the data file and as put in the text.
PLACEHOLDERS = ("state", "party", "military", "media", "institution", "place")
_ARTICLES = re.compile(r"\b(?:the|a|an)\b")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """A post as the patterns are written: lower case, hyphens and full stops as spaces, no articles.

    "Vice-President of the Presidium" -> "vice president of presidium"; "C.C. the WPK" -> "cc wpk".
    """
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)", "", text)  # "c.c." -> "cc."
    text = re.sub(r"[-–.(),;:\"“”]", " ", text)
    text = _ARTICLES.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def marker(kind: str) -> str:
    """How a gazetteer name of a kind stands in a normalised post: <state>, <party>, ..."""
    return f"<{kind}>"


@dataclass(frozen=True)
class Post:
    """A post of [[post]]: its tier in some states (all ranked states when empty), between two days."""

    name: str
    tier: int
    states: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    start: str | None = None
    end: str | None = None

    def valid(self, state: str, day: str | None) -> bool:
        """Whether this post ranks a participant of `state` on `day` (YYYY-MM-DD or shorter, or None)."""
        if self.states and state not in self.states:
            return False
        return _within(day, self.start, self.end)


@dataclass(frozen=True)
class Holder:
    """A person who held a post of some tier between two days ([[holder]])."""

    name: str
    names: tuple[tuple[str, ...], ...]  # the name and its aliases, as lower-case words
    state: str
    tier: int
    post: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Ranks:
    """The tiers, the ranked states and their institutions, the posts and the holders of seeds/ranks.toml."""

    tiers: dict[int, str]
    states: tuple[str, ...]
    bodies: tuple[tuple[str, str], ...]  # (normalised name, state), longest first
    posts: tuple[Post, ...]
    holders: tuple[Holder, ...]

    def tier_name(self, level: int | None) -> str | None:
        """The name of a tier level."""
        return self.tiers.get(level) if level is not None else None

    def body_state(self, normalized: str) -> str | None:
        """The state whose institution a normalised post or phrase names, if any."""
        padded = f" {normalized} "
        for body, state in self.bodies:
            if f" {body} " in padded:
                return state
        return None

    def post_of(self, segment: str, state: str, day: str | None) -> tuple[Post, int] | None:
        """The post a normalised segment (with <state>-style markers) begins with: the longest match among
        the posts valid for that state on that day, and its length."""
        best: tuple[Post, int] | None = None
        if state not in self.states:
            return None
        for post in self.posts:
            if not post.valid(state, day):
                continue
            for pattern in post.patterns:
                match = pattern.match(segment)
                if match and (best is None or match.end() > best[1]):
                    best = (post, match.end())
        return best

    def holder(self, name: str, state: str | None, day: str | None) -> Holder | None:
        """The holder a written name stands for on a day: same first and last word (or an initial of the
        first), and the same middle words where both have them ("V. Putin", "Vladimir Vladimirovich Putin")."""
        words = tuple(w.rstrip(".") for w in name.lower().split())
        if not words:
            return None
        for holder in self.holders:
            if (state and holder.state != state) or not _within(day, holder.start, holder.end):
                continue
            if any(_same_person(words, known) for known in holder.names):
                return holder
        return None


def _within(day: str | None, start: str | None, end: str | None) -> bool:
    if not day:
        return end is None  # undated: only what holds today
    day = (day + "-12-31")[:10] if len(day) == 4 else (day + "-28")[:10] if len(day) == 7 else day
    return (start is None or day >= start) and (end is None or day < end)


def _same_person(words: tuple[str, ...], known: tuple[str, ...]) -> bool:
    if words == known:
        return True
    if len(words) < 2 or len(known) < 2 or words[-1] != known[-1]:
        return False

    def same(a: str, b: str) -> bool:
        return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))

    if not same(words[0], known[0]):
        return False
    middle, known_middle = words[1:-1], known[1:-1]
    if middle and known_middle:
        return len(middle) == len(known_middle) and all(map(same, middle, known_middle))
    return True


def _string_list(where: str, entry: dict, key: str, *, required: bool = True) -> list[str]:
    values = entry.get(key, [] if not required else None)
    if (
        values is None
        or not isinstance(values, list)
        or not all(isinstance(v, str) and v.strip() for v in values)
    ):
        raise DataFileError(f"{where}: '{key}' must be a list of non-empty strings")
    if required and not values:
        raise DataFileError(f"{where}: give at least one entry in '{key}'")
    return [v.strip() for v in values]


def _day(where: str, entry: dict, key: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not DAY.match(value):
        raise DataFileError(f"{where}: '{key}' = {value!r} must be a day written YYYY-MM-DD (a string)")
    return value


def _tier(where: str, entry: dict, tiers: dict[int, str]) -> int:
    tier = entry.get("tier")
    if not isinstance(tier, int) or isinstance(tier, bool) or tier not in tiers:
        raise DataFileError(f"{where}: tier {tier!r} must be one of the [[tier]] levels {sorted(tiers)}")
    return tier


def compile_pattern(where: str, pattern: str) -> re.Pattern[str]:
    """A post pattern of the data file as a regular expression over normalised posts."""
    text = _SPACES.sub(" ", pattern.lower()).strip()
    if "-" in re.sub(r"\[[^]]*\]", "", text) or re.search(r"\bthe\b", text):
        raise DataFileError(
            f"{where}: pattern {pattern!r}: write posts as they are matched, without hyphens or 'the' "
            "('vice president of presidium', not 'vice-president of the Presidium')"
        )
    for kind in PLACEHOLDERS:
        text = text.replace("{" + kind + "}", marker(kind))
    if re.search(r"\{[a-z]+\}", text):
        raise DataFileError(f"{where}: pattern {pattern!r}: placeholders are {{{'}, {'.join(PLACEHOLDERS)}}}")
    if re.search(r"\w$", text):
        text += r"\b"
    try:
        return re.compile(text)
    except re.error as exc:
        raise DataFileError(f"{where}: pattern {pattern!r} is not a valid regular expression: {exc}") from exc


def load_ranks(path: Path) -> Ranks:
    """Read and validate seeds/ranks.toml; errors name the file, the entry and the fix."""
    data = read_toml(path)
    unknown = set(data) - {"tier", "state", "post", "holder"}
    if unknown:
        raise DataFileError(
            f"{path}: unknown table(s) {sorted(unknown)}; use [[tier]], [[state]], [[post]], [[holder]]"
        )
    tiers: dict[int, str] = {}
    for number, entry in enumerate(data.get("tier", []), 1):
        level, name = entry.get("level"), entry.get("name")
        if not isinstance(level, int) or isinstance(level, bool) or level < 1 or not isinstance(name, str):
            raise DataFileError(f"{path}: tier #{number}: give 'level' (a whole number from 1) and 'name'")
        tiers[level] = name
    if not tiers:
        raise DataFileError(f"{path}: no [[tier]] defined; give each tier a level (1 = highest) and a name")
    states: list[str] = []
    bodies: list[tuple[str, str]] = []
    for number, entry in enumerate(data.get("state", []), 1):
        code = entry.get("code")
        where = f"{path}: state #{number} ({code})"
        if not isinstance(code, str) or not ISO3.match(code):
            raise DataFileError(f"{where}: code must be an ISO 3166-1 alpha-3 code such as 'PRK'")
        states.append(code)
        bodies += [(normalize(body), code) for body in _string_list(where, entry, "bodies", required=False)]
    posts = []
    for number, entry in enumerate(data.get("post", []), 1):
        where = f"{path}: post #{number} ({entry.get('name', 'no name')})"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(f"{where}: missing 'name'")
        post_states = _string_list(where, entry, "states", required=False)
        stray = [s for s in post_states if s not in states]
        if stray:
            raise DataFileError(f"{where}: states {stray} have no [[state]] entry; add one or drop them here")
        patterns = tuple(compile_pattern(where, p) for p in _string_list(where, entry, "patterns"))
        posts.append(
            Post(
                name,
                _tier(where, entry, tiers),
                tuple(post_states),
                patterns,
                _day(where, entry, "from"),
                _day(where, entry, "until"),
            )
        )
    holders = []
    for number, entry in enumerate(data.get("holder", []), 1):
        where = f"{path}: holder #{number} ({entry.get('name', 'no name')})"
        name, state, post = entry.get("name"), entry.get("state"), entry.get("post", "")
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(f"{where}: missing 'name'")
        if state not in states:
            raise DataFileError(f"{where}: state {state!r} has no [[state]] entry")
        names = tuple(
            tuple(n.lower().replace(".", "").split())
            for n in [name, *_string_list(where, entry, "aliases", required=False)]
        )
        holders.append(
            Holder(
                name,
                names,
                state,
                _tier(where, entry, tiers),
                str(post),
                _day(where, entry, "from"),
                _day(where, entry, "until"),
            )
        )
    bodies.sort(key=lambda item: -len(item[0]))
    return Ranks(tiers, tuple(states), tuple(bodies), tuple(posts), tuple(holders))


@lru_cache(maxsize=8)
def cached_ranks(path: str) -> Ranks:
    """load_ranks, read once per process."""
    return load_ranks(Path(path))
