"""Parties a sentence leaves unnamed that the story told before: the setting a journey went to ("sent a
delegation to the funeral", the funeral in Pyongyang told before), and what greetings passed on are."""

from __future__ import annotations

from crawler.extract.reading import Reading
from crawler.extract.syntax import is_definite


def setting_told_before(r: Reading, token) -> set[str]:
    """The states of the setting a journey or a message went to, where the story told it before ("a delegation
    to the funeral", the funeral in Pyongyang told before; "a message to the congress"): a definite noun after
    'to' or 'at'."""
    heads = [token, *(c for c in token.children if c.dep_ == "dobj")]
    if token.dep_ == "dobj":
        heads.append(token.head)  # "sent a message to the congress"
    settings = [
        p
        for h in heads
        for c in h.children
        if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "at")
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN") and p.is_lower and is_definite(p)
    ]
    return set().union(*(_setting(r, p) for p in settings)) if settings else set()


def _setting(r: Reading, noun) -> set[str]:
    """'The funeral' is the funeral told before ("a funeral procession for Kim Jong-il in Pyongyang ... not even
    China sent a delegation to the funeral"): the states named in the phrase of its last mention."""
    lemmas = r.index.lemma_lower
    for index in range(noun.i - 1, -1, -1):
        if lemmas[index] != lemmas[noun.i]:
            continue
        phrase = r.index.doc[index]
        while phrase.dep_ == "compound" and phrase.head.i != phrase.i:
            phrase = phrase.head
        return r.discourse.codes_in(t for t in phrase.subtree if t.i != index)
    return set()


def conveyed(token) -> bool:
    """Is the trigger a thing a verb passes on ("conveyed greetings", "his greetings be passed on"), not a
    verb ("was greeted at the airport") nor a thing that does something ("Pyongyang's answer came")?"""
    return token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass")
