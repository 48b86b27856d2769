"""Gifts told one by one after a lead that says the outlet's state received them.

"Kim Jong Un received gifts from foreign party, state and government heads ... The Mongolian president sent
him a woolen sweater. A vice-premier of the State Council of China presented a ceramic work to him." Each
giver's state sends the outlet's state a gift: a message (the kind a gift is, by `gift_nouns` in
seeds/kinds.toml). The things given are not trigger words, and "him" is the leader the lead named, not the
giver before; so the lead decides the recipient, and the verb of giving (`giving_verbs`, or of laying flowers)
the giver: its subject or 'by' ("They were handed to the minister by the Cuban ambassador"), or the one the
gifts of the sentence are from ("a floral basket from the Nigerian ambassador was conveyed").
"""

from __future__ import annotations

from crawler.extract.agents import agent
from crawler.extract.candidates import borrowed_day
from crawler.extract.event_dates import date_for
from crawler.extract.event_types import Candidate
from crawler.extract.filters import told_as_done
from crawler.extract.named_after import recipients, senders
from crawler.extract.reading import Reading


def gift_kind(r: Reading) -> str | None:
    """The kind the lead's gifts are, where the lead (or the headline) says the outlet's state received
    gifts ("Kim Jong Un received gifts from ...", "... sent floral baskets to the DPRK missions"); else None."""
    home = r.story.home
    gifts = r.g.words.get("gift_nouns", frozenset())
    giving = r.g.words.get("giving_verbs", frozenset())
    if not home or not gifts or r.index.lead >= len(r.index.sents):
        return None
    for sent in r.index.sents[: r.index.lead + 1]:
        for verb in sent:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB":
                continue
            if lemma in r.g.receiving_verbs:
                received = home in agent(r, verb)
            elif lemma in giving:
                received = home in recipients(r, [verb]) and home not in agent(r, verb)
            else:
                continue
            if not received:
                continue
            for thing in verb.children:
                if thing.dep_ in ("dobj", "nsubjpass") and thing.lemma_.lower() in gifts:
                    # the noun's kind ("gifts": a message), else what the verb with it is ("sent floral
                    # baskets to the DPRK missions": a message)
                    kinds = [
                        t.kind
                        for w in (thing, verb)
                        if w.i in r.index.maybe_trigger and (t := r.match_trigger(w)) is not None
                    ]
                    return kinds[0] if kinds else None
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
    # gifts given, and flowers laid ("Laid before the portraits were floral baskets from ...")
    giving = r.g.words.get("giving_verbs", frozenset()) | r.g.words.get("laying_verbs", frozenset())
    acted = {a for c in found for a in c.actors}
    result: list[Candidate] = []
    gifts = r.g.words.get("gift_nouns", frozenset())
    # the ones the gifts of the sentence are from ("a floral basket from the Nigerian ambassador was conveyed to
    # officials concerned", "Laid before the portraits were floral baskets from ...")
    sent_from = senders(r, r.index.words(sent, gifts))
    marked = r.discourse.occasions.get(kind)  # the occasion the lead's gifts were for, if any
    for verb in r.index.words(sent, giving):
        if verb.pos_ != "VERB":
            continue
        if not told_as_done(r, verb):
            continue
        givers = (agent(r, verb) | sent_from) - {home} - acted  # the one giving, or those the gifts are from
        if not givers:
            continue
        when = date_for(r, verb, attached) or borrowed_day(r, sentence, sorted(givers)) or r.story.when
        result += [
            r.sentence_event(sent, kind, [giver], [home], when, order, marked) for giver in sorted(givers)
        ]
        acted |= givers
    return result
