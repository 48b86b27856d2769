"""Gifts told one by one after a lead that says the outlet's state received them.

"Kim Jong Un received gifts from foreign party, state and government heads ... The Mongolian president sent
him a woolen sweater. A vice-premier of the State Council of China presented a ceramic work to him." Each
giver's state sends the outlet's state a gift: a message (the kind a gift is, by `gift_nouns` in
seeds/kinds.toml). The things given are not trigger words, and "him" is the leader the lead named, not the
giver before; so the lead decides the recipient, and the verb of giving (`giving_verbs`) the giver.
"""

from __future__ import annotations

from crawler.extract.candidates import borrowed_day
from crawler.extract.event_dates import date_for
from crawler.extract.event_types import Candidate
from crawler.extract.filters import told_as_done
from crawler.extract.reading import Reading
from crawler.extract.roles import agent


def gift_kind(r: Reading) -> str | None:
    """The kind the lead's gifts are, where the lead (or the headline) says the outlet's state received
    gifts ("Kim Jong Un received gifts from ..."); else None."""
    home = r.story.home
    gifts = r.g.words.get("gift_nouns", frozenset())
    if not home or not gifts or r.index.lead >= len(r.index.sents):
        return None
    for sent in r.index.sents[: r.index.lead + 1]:
        for verb in sent:
            if verb.lemma_.lower() not in r.g.receiving_verbs or verb.pos_ != "VERB":
                continue
            if home not in agent(r, verb):
                continue
            for thing in verb.children:
                if thing.dep_ == "dobj" and thing.lemma_.lower() in gifts:
                    trigger = r.match_trigger(thing) if thing.i in r.index.maybe_trigger else None
                    return trigger.kind if trigger is not None else None
    return None


def sentence_gifts(
    r: Reading, sent, found: list[Candidate], attached, order: int, kind: str | None
) -> list[Candidate]:
    """One gift of each giver's state to the outlet's state, for a sentence after the lead of a story of
    gifts received, where no event read from the sentence already has that giver."""
    home = r.story.home
    sentence = r.index.sentence_of[sent.start]
    if kind is None or not home or sentence <= r.index.lead:
        return []
    giving = r.g.words.get("giving_verbs", frozenset())
    acted = {a for c in found for a in c.actors}
    result: list[Candidate] = []
    for verb in sent:
        if verb.lemma_.lower() not in giving or verb.pos_ != "VERB":
            continue
        if not told_as_done(r, verb):
            continue
        givers = agent(r, verb) - {home} - acted
        if not givers:
            continue
        when = date_for(r, verb, attached) or borrowed_day(r, sentence, sorted(givers)) or r.story.when
        result += [r.sentence_event(sent, kind, [giver], [home], when, order) for giver in sorted(givers)]
        acted |= givers
    return result
