"""The grammar of participant lists from seeds/participants.toml: cues and the roles they give, and the words
the list reader relies on. Loading and validation only."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crawler.config import read_toml
from crawler.errors import DataFileError

ROLES = ("host", "guest", "attendee", "head", "sender", "addressee")
SIDES = ("clause", "actor", "venue", "home")
WORD_LISTS = (
    "titles",
    "body_words",
    "groups",
    "connectors",
    "determiners",
    "stops",
    "clause_words",
    "post_separators",
    "not_after",
    "abbreviations",
    "name_particles",
)


@dataclass(frozen=True)
class Cue:
    """A phrase that introduces participants: the role of the list before it and of the list after it."""

    pattern: re.Pattern[str]
    before: str | None
    after: str | None
    nested: bool = False
    words: tuple[
        str, ...
    ] = ()  # one of these (lower case) is in every match: a quick test before the pattern

    def may_match(self, lower: str) -> bool:
        """Whether a lower-cased text may hold this cue (always, for a cue without words)."""
        return not self.words or any(word in lower for word in self.words)


@dataclass(frozen=True)
class Absence:
    """A phrase reporting that no one of `below` or a higher tier attended."""

    pattern: re.Pattern[str]
    below: int
    words: tuple[str, ...] = ()

    def may_match(self, lower: str) -> bool:
        """Whether a lower-cased text may hold this phrase."""
        return not self.words or any(word in lower for word in self.words)


@dataclass(frozen=True)
class ParticipantRules:
    """Everything of seeds/participants.toml."""

    event_kinds: tuple[str, ...]
    cues: tuple[Cue, ...]
    absences: tuple[Absence, ...]
    sides: dict[str, tuple[str, ...]]
    titles: frozenset[str]
    body_words: frozenset[str]
    groups: frozenset[str]
    connectors: tuple[str, ...]  # longest first
    determiners: frozenset[str]
    stops: tuple[str, ...]
    clause_words: re.Pattern[str]  # words that start a clause inside a chunk ("since the demise of ...")
    post_separators: tuple[str, ...]  # longest first
    not_after: frozenset[str]
    abbreviations: frozenset[str]
    name_particles: frozenset[str]

    def may_have_cue(self, text: str) -> bool:
        """Whether a text may hold a cue or an absence phrase (a document without one is skipped)."""
        lower = text.lower()
        return self.quick_words is None or any(word in lower for word in self.quick_words)

    @functools.cached_property
    def quick_words(self) -> frozenset[str] | None:
        """Every cue's and absence phrase's words; None when one has none (then every text may match)."""
        words = [cue.words for cue in self.cues] + [absence.words for absence in self.absences]
        if any(not each for each in words):
            return None
        return frozenset(w for each in words for w in each)


def _compile(where: str, pattern: object) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise DataFileError(f"{where}: patterns must be non-empty strings")
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"{where}: pattern {pattern!r} is not a valid regular expression: {exc}") from exc


def _words(where: str, entry: dict) -> tuple[str, ...]:
    words = entry.get("words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataFileError(f"{where}: 'words' must be a list of words, one of which is in every match")
    return tuple(w.strip().lower() for w in words)


def _patterns(where: str, entry: dict) -> list[re.Pattern[str]]:
    patterns = entry.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise DataFileError(f"{where}: give 'patterns', a list of regular expressions")
    return [_compile(where, p) for p in patterns]


def load_participant_rules(path: Path) -> ParticipantRules:
    """Read and validate seeds/participants.toml; errors name the file, the entry and the fix."""
    data = read_toml(path)
    known = {"event_kinds", "sides", "cue", "absence", *WORD_LISTS}
    unknown = set(data) - known
    if unknown:
        raise DataFileError(f"{path}: unknown key(s) {sorted(unknown)}; known: {', '.join(sorted(known))}")
    words: dict[str, list[str]] = {}
    for key in (*WORD_LISTS, "event_kinds"):
        values = data.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise DataFileError(f"{path}: '{key}' must be a list of non-empty strings")
        words[key] = [v.strip() for v in values]
    if not words["event_kinds"]:
        raise DataFileError(f"{path}: 'event_kinds' must name the event kinds whose participants are read")
    sides: dict[str, tuple[str, ...]] = {}
    for role, order in (data.get("sides") or {}).items():
        if role not in ROLES:
            raise DataFileError(f"{path}: [sides] {role}: roles are {', '.join(ROLES)}")
        if not isinstance(order, list) or any(side not in SIDES for side in order):
            raise DataFileError(f"{path}: [sides] {role} = {order!r}: a list of {', '.join(SIDES)}")
        sides[role] = tuple(order)
    cues = []
    for number, entry in enumerate(data.get("cue", []), 1):
        where = f"{path}: cue #{number}"
        before, after = entry.get("before"), entry.get("after")
        for role in (before, after):
            if role is not None and role not in ROLES:
                raise DataFileError(f"{where}: role {role!r} must be one of {', '.join(ROLES)}")
        if before is None and after is None:
            raise DataFileError(
                f"{where}: give the role of the list 'before' or 'after' the phrase (or both)"
            )
        quick = _words(where, entry)
        cues += [
            Cue(p, before, after, bool(entry.get("nested", False)), quick) for p in _patterns(where, entry)
        ]
    if not cues:
        raise DataFileError(f"{path}: no [[cue]] defined")
    absences = []
    for number, entry in enumerate(data.get("absence", []), 1):
        where = f"{path}: absence #{number}"
        below = entry.get("below")
        if not isinstance(below, int) or isinstance(below, bool) or below < 1:
            raise DataFileError(f"{where}: 'below' must be a tier level (a whole number from 1)")
        absences += [Absence(p, below, _words(where, entry)) for p in _patterns(where, entry)]

    def longest_first(values: list[str]) -> tuple[str, ...]:
        return tuple(sorted(values, key=len, reverse=True))

    return ParticipantRules(
        event_kinds=tuple(words["event_kinds"]),
        cues=tuple(cues),
        absences=tuple(absences),
        sides=sides,
        titles=frozenset(w.lower() for w in words["titles"]),
        body_words=frozenset(w.lower() for w in words["body_words"]),
        groups=frozenset(w.lower() for w in words["groups"]),
        connectors=longest_first([w.lower() for w in words["connectors"]]),
        determiners=frozenset(w.lower() for w in words["determiners"]),
        stops=longest_first([w.lower() for w in words["stops"]]),
        clause_words=re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in words["clause_words"]) + r")\b"
            if words["clause_words"]
            else r"(?!)",
            re.IGNORECASE,
        ),
        post_separators=longest_first([w.lower() for w in words["post_separators"]]),
        not_after=frozenset(w.lower() for w in words["not_after"]),
        abbreviations=frozenset(words["abbreviations"]),
        name_particles=frozenset(words["name_particles"]),
    )


@lru_cache(maxsize=8)
def cached_participant_rules(path: str) -> ParticipantRules:
    """load_participant_rules, read once per process."""
    return load_participant_rules(Path(path))
