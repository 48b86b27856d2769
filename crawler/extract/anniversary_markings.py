"""Anniversary markings as their own detector: a sentence that names a known anniversary in a marking
context is a marking of it, even where the grammar finds no event or no actor.

"Anniversary of DPRK-China treaty marked" has no agent; "Reception on the 43rd anniversary of the treaty"
has no verb. The marking context is any word of the triggers of the kinds that mark anniversaries
(seeds/kinds.toml: `marks_anniversaries` or `with_anniversary`): marked, observed, reception, banquet,
wreath, message, meeting, occasion, ... The marking state is the outlet's own state (KCNA: the DPRK
side); with no such outlet the sentence must be read by the grammar instead.
"""

from __future__ import annotations

from crawler.extract.dates import When
from crawler.extract.event_types import Candidate
from crawler.extract.kinds import KindBook
from crawler.extract.reading import Reading


def marking_kind(kinds: KindBook) -> str | None:
    """The kind an event becomes when it marks an anniversary (the kinds file's `with_anniversary`)."""
    return next((k.with_anniversary for k in kinds.kinds.values() if k.with_anniversary), None)


def marking_words(kinds: KindBook) -> frozenset[str]:
    """Lemmas that make a sentence naming an anniversary a marking of it (computed once per kinds file)."""
    cached = kinds.__dict__.get("_marking_words")
    if cached is None:
        marking = {k.id for k in kinds.kinds.values() if k.marks_anniversaries or k.with_anniversary}
        marking |= {k.with_anniversary for k in kinds.kinds.values() if k.with_anniversary}
        words: set[str] = set()
        for trigger in kinds.triggers:
            if trigger.kind in marking and not trigger.negated:
                words |= trigger.verbs | trigger.nouns | trigger.objects
        cached = kinds.__dict__["_marking_words"] = frozenset(words)
    return cached


def sentence_markings(r: Reading, sent, found: list[Candidate], order: int) -> list[Candidate]:
    """Commemorations of the anniversaries a sentence names, where no event read from it marks them."""
    home = r.story.home
    when = r.story.when
    kind = marking_kind(r.res.kinds)
    if not home or when is None or kind is None:
        return []
    if not any(
        m.anniversary is not None and sent.start_char <= m.start < sent.end_char
        for m in r.index.anniversaries
    ):
        return []  # it names no known anniversary (most sentences): nothing below can mark one
    if any(t.dep_ == "neg" or (t.dep_ == "det" and t.lower_ == "no") for t in sent):
        return []  # an absence is read by the grammar, with its negation
    names = [  # a day named without the word "anniversary" ("National Day of PRC")
        (m.start, m.end)
        for m in r.index.anniversaries
        if m.day_name and sent.start_char <= m.start < sent.end_char
    ]
    lemmas = {  # the words of a day's own name ("National Day of PRC") mark nothing
        t.lemma_.lower() for t in sent if not any(a <= t.idx < b for a, b in names)
    }
    if not lemmas & marking_words(r.res.kinds):
        return []
    if _home_received_messages(r, sent, home):
        return []  # "Kim Jong Un received messages on the anniversary": those who sent them marked it
    marked = {c.anniversary[0].id for c in found if c.anniversary}
    result: list[Candidate] = []
    for mention in r.index.anniversaries:
        anniversary = mention.anniversary
        if anniversary is None or not (sent.start_char <= mention.start < sent.end_char):
            continue
        if anniversary.id in marked:
            continue
        ordinal = mention.ordinal or when.day.year - anniversary.base_year
        if ordinal <= 0:
            continue
        targets = sorted(anniversary.marked_toward({home}))
        if not targets:
            continue  # the home state's own day marked at home: not a relation between states
        marked.add(anniversary.id)
        due = anniversary.due(anniversary.base_year + ordinal)
        dated = When(due, "day") if when.contains(due) else when
        result.append(r.sentence_event(sent, kind, [home], targets, dated, order, (anniversary, ordinal)))
    return result


def _home_received_messages(r: Reading, sent, home: str) -> bool:
    """Is the outlet's state the one a message was sent to ("Kim Jong Un received congratulatory messages
    from different countries on the occasion of ...")?"""
    kinds = r.res.kinds.kinds
    for verb in r.index.words(sent, r.g.receiving_verbs):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not any(home in r.discourse.phrase_codes(c) for c in subjects):
            continue
        for thing in verb.children:
            trigger = r.match_trigger(thing) if thing.dep_ == "dobj" else None
            if trigger is not None and kinds[trigger.kind].from_names_sender:
                return True
    return False
