"""Reactions: a criticism that names no target answers the last event told of the kinds it answers (kind
`answers` in seeds/kinds.toml): "North Korea fired a missile on Tuesday ... Russia's foreign ministry voiced
serious concern" is Russia's criticism of North Korea. Not one that names what it is about, other than such an
event ("voiced opposition to the attack on Iran": grammar list `topic_preps`), nor one that says the last doer
was the side aimed at."""

from __future__ import annotations

from crawler.extract.agents import agent
from crawler.extract.kinds import Kind
from crawler.extract.reading import Reading
from crawler.extract.roles import aimed_at_states
from crawler.extract.syntax import is_definite


def answered(r: Reading, token, kind: Kind, actors: set[str]) -> set[str]:
    """Those who did the last event told of a kind this one answers (kind `answers`), when not these actors
    nor the side this one says something was aimed at: "North Korea fired a missile on Tuesday ... Russia
    voiced serious concern" (North Korea)."""
    if _about_something_else(r, token, kind):
        return set()
    last = r.discourse.last_told(kind.answers)
    doers = set(last.actors) if last is not None else _doers_of_the_plan_told(r, token, kind)
    if not doers or actors & doers or doers & aimed_at_states(r, token):
        return set()
    return doers


def _doers_of_the_plan_told(r: Reading, token, kind: Kind) -> set[str]:
    """With no such event told, those of the last one told as planned ("DPRK's planned satellite launch ... south
    Korea, the U.S. and Japan opposed to it"): what is opposed need not have happened."""
    index = r.index
    for i in range(token.i - 1, -1, -1):
        if i not in index.maybe_trigger:
            continue
        trigger = r.match_trigger(index.doc[i])
        if trigger is not None and trigger.kind in kind.answers:
            found = agent(r, index.doc[i])
            if found:
                return found
    return set()


def sanctioned_before(r: Reading, token) -> set[str]:
    """For a vote for sanctions or a backing of them that names no target: the state the last sanctions told
    before it were on: "sanctions on North Korea", "a resolution that punishes it" (grammar lists
    sanction_nouns, punishing_verbs)."""
    trigger = r.match_trigger(token)
    nouns = r.g.words.get("sanction_nouns", frozenset())
    if trigger is None or not trigger.objects & nouns:
        return set()
    verbs = r.g.words.get("punishing_verbs", frozenset())
    doc = r.index.doc
    for i in range(token.i - 1, -1, -1):
        lemma = r.index.lemma_lower[i]
        if lemma in nouns:
            aimed = [
                p
                for c in doc[i].children
                if c.dep_ == "prep" and c.lower_ in ("on", "against")
                for p in c.children
                if p.dep_ == "pobj"
            ]
        elif lemma in verbs and doc[i].pos_ == "VERB":
            aimed = [c for c in doc[i].children if c.dep_ == "dobj"]
        else:
            continue
        found = {code for phrase in aimed for code in r.discourse.phrase_codes(phrase)}
        if found:
            return found
    return set()


def _about_something_else(r: Reading, token, kind: Kind) -> bool:
    """Does the trigger name what it is about, other than an event of the kinds it answers ("voiced opposition
    to the attack on Iran", "condemned the sanctions", "warned that any arms deal would ..."; not "voiced
    concern over the launch")?"""
    events = {noun for t in r.res.kinds.triggers if t.kind in kind.answers for noun in t.nouns}
    topic_preps = r.g.words.get("topic_preps", frozenset())
    trigger = r.match_trigger(token)
    own = trigger.objects if trigger is not None else frozenset()
    heads = [token] + [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in own]
    # the object of a demand is the one asked ("urged all sides to exercise restraint"), not a topic
    asked = trigger is not None and bool(trigger.complements)
    things = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() not in own and not asked]
    things += [
        p
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in topic_preps
        for p in c.children
        if p.dep_ == "pobj"
    ]
    # "warned that any arms deal between the two would violate ...": what the clause said is about
    things += [
        s for c in token.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
    ]
    return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in events for t in things)


def parties_of_the_event_done(r: Reading, verb, topics: bool = False) -> set[str]:
    """The states of the event a verb's definite object names, as last told in the story: "North Korea
    tested a missile ... China criticised the test" (North Korea); with `topics`, also what a word is about
    ("expressed grave concern over the agreement", "opposition to the deployment": grammar list topic_preps)."""
    about = r.g.words.get("topic_preps", frozenset()) if topics else frozenset()
    things = [c for c in verb.children if c.dep_ == "dobj"]
    things += [  # what the word or its object is about: "concern over the agreement"
        p
        for h in (verb, *things)
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in about
        for p in c.children
        if p.dep_ == "pobj"
    ]
    for thing in things:
        found = parties_of_the_event_named(r, thing)
        if found:
            return found
    return set()


def kinds_named_by(r: Reading, noun) -> set[str]:
    """The kinds whose event this noun can name ("the test", "the launch", "cooperation"), whatever modifiers
    their triggers ask for."""
    lemma = noun.lemma_.lower()
    return {t.kind for t in r.res.kinds.triggers if lemma in t.nouns}


def parties_of_the_event_named(r: Reading, thing) -> set[str]:
    """The states of the event a definite noun names ("the test"), as last told in the story, or as the clause
    on it tells ("the nuclear test Pyongyang announced")."""
    if is_definite(thing):
        named = kinds_named_by(r, thing)
        # the one told in words with the noun ("the summit"), before the last of its kinds
        last = r.discourse.last_told(named, word=thing.lemma_.lower()) or r.discourse.last_told(named)
        if last is not None:
            return set(last.actors) | set(last.targets)
        if named:  # "opposes the nuclear test Pyongyang announced": told first here, by the clause on it
            return {
                code
                for clause in thing.children
                if clause.dep_ == "relcl"
                for doer in clause.children
                if doer.dep_ == "nsubj" and doer.tag_ not in ("WDT", "WP")
                for code in r.discourse.phrase_codes(doer)
            }
    return set()
