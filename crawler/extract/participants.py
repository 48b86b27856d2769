"""Participants: who took part in an event, in what role, for which state and at what protocol tier.

Pure functions over a document's text and its events (no spaCy, no database). `read_participants` finds the
sentences with a cue of seeds/participants.toml ("Present there on invitation were", "Also attending were",
"sent a message to", "led by"), reads each list into people and their posts (participant_lists.py), gives
each a state and the tier of seeds/ranks.toml, and hands the list to the event it follows in the document.
A report that senior officials stayed away ("no senior officials attended") is a participant of its own,
marked absent. Nothing about states, posts or names is written here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from crawler.extract.gazetteer import Gazetteer
from crawler.extract.headlines import lexicon_test
from crawler.extract.participant_lists import TOKEN, Entry, ListReader, Mention, MentionFinder, sentences
from crawler.extract.participant_rules import Cue, ParticipantRules, cached_participant_rules
from crawler.extract.ranks import Ranks, cached_ranks, marker, normalize

__all__ = ["ParticipantReader", "Participant", "build_reader", "pipeline_lexicon", "read_participants"]


@dataclass
class Participant:
    """One participant before storing: the list it came from, its role, name, posts, state and tier."""

    list: int
    role: str
    person: str | None
    position: str
    state: str | None
    tier: int | None
    post: str | None
    sentence: str
    offset: int
    absent: bool = False
    group: bool = False


@dataclass(frozen=True)
class ParticipantReader:
    """The data a participant reading needs: rules, ranks, the gazetteer's names and the lexicon."""

    rules: ParticipantRules
    ranks: Ranks
    gazetteer: Gazetteer
    lists: ListReader

    @property
    def mentions(self) -> MentionFinder:
        return self.lists.mentions


def pipeline_lexicon(nlp) -> Callable[[str], bool]:
    """'Is this an ordinary English word?' from a spaCy pipeline's own lemma tables (names are not)."""
    words: set[str] = set(nlp.Defaults.stop_words)
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        for table in ("lemma_index", "lemma_exc"):
            if lookups is not None and lookups.has_table(table):
                words.update(w for forms in lookups.get_table(table).values() for w in forms)
    return lexicon_test(words)


def build_reader(
    participants_path: str | Path,
    ranks_path: str | Path,
    gazetteer: Gazetteer,
    is_common: Callable[[str], bool],
) -> ParticipantReader:
    """A reader over the data files (each read once per process)."""
    rules = cached_participant_rules(str(participants_path))
    persons = frozenset(
        form for form, actor_id in gazetteer.forms.items() if gazetteer.actors[actor_id].type == "person"
    )
    return ParticipantReader(
        rules,
        cached_ranks(str(ranks_path)),
        gazetteer,
        ListReader(rules, MentionFinder(gazetteer), is_common, persons),
    )


# --- states ---------------------------------------------------------------------------------------------------


def _state_named(reader: ParticipantReader, text: str, *, last: bool = False) -> str | None:
    """The state a phrase names as its own: an institution of ranks.toml, else a state, organisation or place
    of the gazetteer not after "to", "in", ... ("ambassador to the DPRK" is not the DPRK's)."""
    body = reader.ranks.body_state(normalize(text))
    if body:  # an institution is more telling than a state named in passing ("... in the Maritime Territory of Russia")
        return body
    found = [m for m in reader.mentions.find(text) if m.code and not _after_away_word(reader, text, m)]
    return (found[-1] if last else found[0]).code if found else None


def _after_away_word(reader: ParticipantReader, text: str, mention: Mention) -> bool:
    words = [w.lower() for w in TOKEN.findall(text[: mention.start])]
    while words and words[-1] in ("the", "a", "an"):
        words.pop()
    return bool(words) and words[-1] in reader.rules.not_after


def _marked(reader: ParticipantReader, text: str) -> str:
    """A post normalised for the patterns of ranks.toml, each gazetteer name replaced by its <kind>."""
    pieces, cut = [], 0
    for mention in reader.mentions.find(text):
        pieces += [text[cut : mention.start], f" {marker(mention.kind)} "]
        cut = mention.end
    pieces.append(text[cut:])
    return normalize("".join(pieces)).replace("cc <", "cc of <")


def _segments(reader: ParticipantReader, position: str) -> list[str]:
    """The posts of one position as written ("minister of X who doubles as chairman of Y": two)."""
    segments = [_marked(reader, position)]
    for separator in reader.rules.post_separators:
        segments = [piece.strip() for segment in segments for piece in f" {segment} ".split(f" {separator} ")]
    # "<state> ambassador to <state>": the post starts after the state that holds it
    return [re.sub(r"^(?:<\w+> )+", "", s) for s in segments if s]


def _rank(
    reader: ParticipantReader, entry: Entry, state: str | None, day: str | None
) -> tuple[int | None, str | None]:
    """The highest tier of an entry's posts and of the post its person held on the day, with the post."""
    if state is None or state not in reader.ranks.states:
        return None, None
    best: tuple[int, str] | None = None
    for position in entry.positions:
        for segment in _segments(reader, position):
            found = reader.ranks.post_of(segment, state, day)
            if found and (best is None or found[0].tier < best[0]):
                best = (found[0].tier, found[0].name)
    if entry.person:
        holder = reader.ranks.holder(entry.person, state, day)
        if holder and (best is None or holder.tier < best[0]):
            best = (holder.tier, holder.post)
    return best if best else (None, None)


def _person_state(reader: ParticipantReader, entry: Entry, day: str | None) -> str | None:
    if not entry.person:
        return None
    actor = reader.gazetteer.lookup(entry.person)
    if actor is not None and actor.type == "person" and actor.code:
        return actor.code
    holder = reader.ranks.holder(entry.person, None, day)
    return holder.state if holder else None


def _resolve(
    reader: ParticipantReader, entries: list[Entry], role: str, sides: dict[str, str | None], day: str | None
) -> list[tuple[Entry, str | None]]:
    """Each entry with its state: its own posts, its person, its clause, its companions, the role's sides."""
    own = [next((s for p in e.positions if (s := _state_named(reader, p))), None) for e in entries]
    result: list[tuple[Entry, str | None]] = []
    for k, entry in enumerate(entries):
        state = own[k] or _person_state(reader, entry, day)
        if (
            state is None and entry.belongs and k
        ):  # "Ji Jae Ryong, DPRK ambassador to China, and his embassy officials"
            state = result[k - 1][1]
        if state is None and entry.clause:
            state = _state_named(reader, entry.clause, last=True)
        if state is None:  # "Ambassador Liu Hongcai and staff members of the Chinese embassy"
            state = next(
                (own[j] for j in range(len(entries)) if j != k and entries[j].link == entry.link and own[j]),
                None,
            )
        if state is None:
            state = next((sides[side] for side in reader.rules.sides.get(role, ()) if sides.get(side)), None)
        result.append((entry, state))
    return result


# --- cues in a sentence ---------------------------------------------------------------------------------------


def _cue_matches(rules: ParticipantRules, sentence: str) -> list[tuple[int, int, Cue]]:
    """The cues of a sentence, left to right; where two overlap, the earlier (then the longer) wins."""
    kept: list[tuple[int, int, Cue]] = []
    lower = sentence.lower()
    cues = [cue for cue in rules.cues if cue.may_match(lower)]
    for nested in (False, True):  # a list's own cue before a delegation's "led by" that overlaps it
        found = sorted(
            (
                (m.start(), m.end(), cue)
                for cue in cues
                if cue.nested == nested
                for m in cue.pattern.finditer(sentence)
            ),
            key=lambda item: (item[0], -item[1]),
        )
        for start, end, cue in found:
            if all(end <= a or start >= b for a, b, _ in kept):
                kept.append((start, end, cue))
    return sorted(kept, key=lambda item: item[0])


def _sentence_lists(reader: ParticipantReader, sentence: str) -> list[tuple[str, str, str, tuple[Cue, ...]]]:
    """(role, list text, clause before the cue, nested cues) of each list a sentence introduces; a list
    before its cue has no clause."""
    matches = _cue_matches(reader.rules, sentence)
    nested = tuple(cue for cue in reader.rules.cues if cue.nested)
    lists: list[tuple[str, str, str, tuple[Cue, ...]]] = []
    covered_until = -1
    for k, (start, end, cue) in enumerate(matches):
        if start < covered_until and cue.nested:
            continue  # "Attending were ..., a delegation led by X": X is one of the attendees
        previous_end = matches[k - 1][1] if k else 0
        if cue.before:
            lists.append((cue.before, sentence[previous_end:start], "", ()))
        if cue.after:
            following = [s for s, _, c in matches[k + 1 :] if cue.nested or not c.nested]
            stop = following[0] if following else len(sentence)
            clause = sentence[previous_end:end]
            lists.append((cue.after, sentence[end:stop], clause, () if cue.nested else nested))
            covered_until = stop
    return lists


def _places(reader: ParticipantReader, text: str) -> list[tuple[int, str]]:
    """Where each place of the gazetteer is named in a text, with its state."""
    return [(m.start, m.code) for m in reader.mentions.find(text) if m.kind == "place" and m.code]


def _venue(places: list[tuple[int, str]], before: int) -> str | None:
    """Where the event took place: the state of the first place named before the list ("a reception at
    Okryu Restaurant in Pyongyang", "the DPRK embassy in Moscow")."""
    return next((code for start, code in places if start < before), None)


def _participants(
    reader: ParticipantReader, text: str, home: str | None, event_of: Callable[[int], dict]
) -> list[Participant]:
    """Every participant list of a text, with its sentence and where it starts."""
    found: list[Participant] = []
    number = 0
    spans = sentences(text, reader.rules.abbreviations)
    places: list[tuple[int, str]] | None = None
    for index, (start, end) in enumerate(spans):
        raw = text[start:end]
        if not reader.rules.may_have_cue(raw):
            continue
        places = _places(reader, text) if places is None else places
        previous = text[spans[index - 1][0] : spans[index - 1][1]] if index else ""
        sentence = " ".join(raw.split())
        event = event_of(start)
        venue = _venue(places, end)
        day = event.get("date")
        for role, words, clause, nested in _sentence_lists(reader, sentence):
            entries = reader.lists.read(words, nested, subject=not clause)
            if not entries:
                continue
            number += 1
            clause_state = _state_named(reader, clause, last=True) if clause else None
            if clause_state is None and role == "head" and previous:  # "The delegation is headed by ..."
                clause_state = _state_named(reader, previous)
            actors = event.get("actors") or []
            sides = {
                "clause": clause_state,
                "actor": actors[0] if actors else None,
                "venue": venue,
                "home": home,
            }
            for entry, state in _resolve(reader, entries, role, sides, day):
                tier, post = _rank(reader, entry, state, day)
                found.append(
                    Participant(
                        number,
                        role,
                        entry.person,
                        entry.position,
                        state,
                        tier,
                        post,
                        sentence,
                        start,
                        group=entry.group,
                    )
                )
        lower = sentence.lower()
        for absence in reader.rules.absences:
            for match in absence.pattern.finditer(sentence) if absence.may_match(lower) else ():
                number += 1
                state = _state_named(reader, match.group(0)) or venue or home
                found.append(
                    Participant(
                        number,
                        "attendee",
                        None,
                        match.group(0),
                        state,
                        absence.below,
                        reader.ranks.tier_name(absence.below),
                        sentence,
                        start,
                        absent=True,
                        group=True,
                    )
                )
    return found


# --- events ----------------------------------------------------------------------------------------------------


def _event_for(events: list[tuple[int, int, dict]], offset: int) -> dict:
    """The event a list belongs to: the last of the reading kinds told at or before it (the one of its own
    sentence first, one marking an anniversary before others), else the first one told."""
    before = [item for item in events if item[0] <= offset]
    if not before:
        return min(events, key=lambda item: (item[0], item[1]))[2]
    last = max(item[0] for item in before)
    same = [item for item in before if item[0] == last]
    return min(same, key=lambda item: (not item[2].get("anniversary_id"), item[1]))[2]


def read_participants(
    text: str,
    events: Iterable[dict],
    reader: ParticipantReader,
    *,
    home: str | None = None,
    doc_id: str = "",
    headline_end: int = 0,
) -> list[dict]:
    """The participants table rows of a document: its text as parsed (headline first) and its events.

    `headline_end`: how many characters of the text are the headline; a headline's list of a role the body
    lists too ("Kim Jong Un Sends Greetings to Russian President") is the same list, told twice.

    Each row has the event's id, the list it came from, role, person (None for a post or group without a
    name), position as written, state, tier and tier name, the post that gave the tier, absent, sentence.
    Empty when the text has no cue or no event of the kinds whose participants are read.
    """
    kinds = reader.rules.event_kinds
    candidates: list[tuple[int, int, dict]] = []
    for event in events:
        if event.get("kind") in kinds:
            where = text.find(event.get("evidence") or "\0")
            candidates.append((max(where, 0), kinds.index(event["kind"]), event))
    if not candidates or not reader.rules.may_have_cue(text):
        return []

    found = _participants(reader, text, home, lambda offset: _event_for(candidates, offset))
    in_body = {p.role for p in found if p.offset >= headline_end}
    found = [p for p in found if p.offset >= headline_end or p.role not in in_body]
    rows = []
    for order, item in enumerate(found):
        event = _event_for(candidates, item.offset)
        key = f"{doc_id}|{item.list}|{order}|{item.person}|{item.position}"
        rows.append(
            {
                "id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
                "event": event["id"],
                "list": item.list,
                "ord": order,
                "role": item.role,
                "person": item.person,
                "position": item.position or None,
                "state": item.state,
                "tier": item.tier,
                "tier_name": reader.ranks.tier_name(item.tier),
                "post": item.post,
                "is_group": int(item.group),
                "absent": int(item.absent),
                "sentence": item.sentence,
            }
        )
    return rows
