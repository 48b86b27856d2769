"""The gazetteer of seeds/actors.toml: every name of a country, person, organisation or place, with its
ISO 3166-1 alpha-3 code, validated on load and turned into spaCy EntityRuler patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crawler.config import read_toml
from crawler.errors import DataFileError

ISO3 = re.compile(r"^[A-Z]{3}$")

# spaCy labels given to each kind of gazetteer entry.
LABELS = {"country": "GPE", "adjective": "NORP", "person": "PERSON", "organization": "ORG", "place": "LOC"}


@dataclass(frozen=True)
class Actor:
    """One gazetteer entry: a canonical name, its type and its country code ('' for places of no state)."""

    id: str
    name: str
    type: str  # country | adjective | person | organization | place
    code: str
    role: str = ""
    own_voice: bool = False  # an outlet that leaves its state unsaid ("Greetings to Russian President")


@dataclass
class Gazetteer:
    """Every actor and every surface form that names one."""

    actors: dict[str, Actor]
    forms: dict[str, str]  # surface form -> actor id
    # words before a country's name that make the phrase a people living there, with the people's entry
    # ("Koreans in" China): read where the country is found, not as patterns of their own
    diasporas: tuple[tuple[str, Actor], ...] = ()

    def diaspora_before(self, text_before: str) -> tuple[str, Actor] | None:
        """The words and the people abroad that the text before a country's name ends with, if any."""
        text = text_before.rstrip()
        if text.endswith((" the", " The")):
            text = text[:-4].rstrip()
        for words, actor in self.diasporas:
            if text.endswith(words) and (len(text) == len(words) or not text[-len(words) - 1].isalnum()):
                return words, actor
        return None

    def patterns(self) -> list[dict]:
        """EntityRuler patterns: one phrase pattern per surface form, the actor id as entity id."""
        patterns: list[dict] = []
        for form, actor_id in sorted(self.forms.items()):
            label = LABELS[self.actors[actor_id].type]
            variants = {form}
            if form.startswith("the "):  # "the North" also opens a sentence as "The North"
                variants.add("The " + form[4:])
            if self.actors[actor_id].type == "person":
                variants |= _name_spellings(form)
            patterns.extend({"label": label, "pattern": v, "id": actor_id} for v in sorted(variants))
        return patterns

    def lookup(self, text: str) -> Actor | None:
        """The actor a surface form names, if any (exact, then without a leading 'the')."""
        actor_id = self.forms.get(text) or self.forms.get(re.sub(r"^the\s+", "", text, flags=re.I))
        return self.actors.get(actor_id) if actor_id else None


def _name_spellings(name: str) -> set[str]:
    """The ways outlets write a Korean given name of two syllables: "Pak Ui Chun" is also "Pak Ui-chun" and
    "Pak Ui-Chun" (a name of three short capitalised words)."""
    words = name.split(" ")
    if len(words) != 3 or not all(w[:1].isupper() and w.isalpha() and len(w) <= 5 for w in words):
        return set()
    family, first, second = words
    return {f"{family} {first}-{second.lower()}", f"{family} {first}-{second}"}


def _check_code(where: str, code: object, allow_empty: bool = False) -> str:
    if allow_empty and code == "":
        return ""
    if not isinstance(code, str) or not ISO3.match(code):
        raise DataFileError(f"{where}: code {code!r} must be an ISO 3166-1 alpha-3 code such as 'PRK'")
    return code


def _names(where: str, entry: dict, key: str) -> list[str]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise DataFileError(f"{where}: '{key}' must be a list of non-empty strings")
    return [v.strip() for v in values]


def load_gazetteer(path: Path) -> Gazetteer:
    """Read and validate seeds/actors.toml; errors name the file, the entry and the fix."""
    data = read_toml(path)
    actors: dict[str, Actor] = {}
    forms: dict[str, str] = {}

    def add(actor: Actor, surface: list[str], where: str) -> None:
        actors[actor.id] = actor
        for form in surface:
            previous = forms.get(form)
            if previous and actors[previous].code != actor.code:
                raise DataFileError(
                    f"{where}: the name {form!r} is also given to {actors[previous].name!r} "
                    f"({actors[previous].code}); a name may stand for one state only"
                )
            forms.setdefault(form, actor.id)

    known = {"country", "person", "organization", "place", "diaspora"}
    unknown = set(data) - known
    if unknown:
        raise DataFileError(
            f"{path}: unknown table(s) {sorted(unknown)}; use [[country]], [[person]], "
            "[[organization]], [[place]] or [[diaspora]]"
        )
    for number, entry in enumerate(data.get("country", []), 1):
        where = f"{path}: country #{number} ({entry.get('code', 'no code')})"
        code = _check_code(where, entry.get("code"))
        names = _names(where, entry, "names")
        if not names:
            raise DataFileError(f"{where}: give at least one name in 'names'")
        add(Actor(f"country:{code}", names[0], "country", code), names, where)
        adjectives = _names(where, entry, "adjectives")
        if adjectives:
            add(Actor(f"adjective:{code}", adjectives[0], "adjective", code), adjectives, where)
    for kind in ("person", "organization", "place"):
        for number, entry in enumerate(data.get(kind, []), 1):
            where = f"{path}: {kind} #{number} ({entry.get('name', 'no name')})"
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                raise DataFileError(f"{where}: missing 'name'")
            code = _check_code(where, entry.get("code"), allow_empty=(kind == "place"))
            actor = Actor(
                f"{kind}:{name}",
                name,
                kind,
                code,
                str(entry.get("role") or entry.get("type") or ""),
                own_voice=entry.get("own_voice") is True,
            )
            add(actor, [name, *_names(where, entry, "aliases")], where)
    diasporas: list[tuple[str, Actor]] = []
    for number, entry in enumerate(data.get("diaspora", []), 1):
        # "the General Association of Koreans in China" stands for the state its members side with
        where = f"{path}: diaspora #{number} ({entry.get('name', 'no name')})"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(f"{where}: missing 'name'")
        actor = Actor(
            f"organization:{name}", name, "organization", _check_code(where, entry.get("code")), "diaspora"
        )
        add(actor, _names(where, entry, "aliases"), where)
        diasporas += [(words, actor) for words in _names(where, entry, "words")]
    if not actors:
        raise DataFileError(f"{path}: no actors defined")
    # the longest words first: "Young Koreans in" before "Koreans in"
    return Gazetteer(actors, forms, tuple(sorted(diasporas, key=lambda item: -len(item[0]))))


@lru_cache(maxsize=8)
def cached_gazetteer(path: str) -> Gazetteer:
    """load_gazetteer, read once per process."""
    return load_gazetteer(Path(path))
