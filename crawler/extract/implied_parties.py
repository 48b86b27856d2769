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
    return set().union(*(r.discourse.setting(p) for p in settings)) if settings else set()


def conveyed(token) -> bool:
    """Is the trigger a thing a verb passes on ("conveyed greetings", "his greetings be passed on"), not a
    verb ("was greeted at the airport") nor a thing that does something ("Pyongyang's answer came")?"""
    return token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass")
