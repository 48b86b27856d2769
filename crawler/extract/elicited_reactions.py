"""Reactions a deed drew: "The test drew swift condemnation from China and Russia", "North Korea's launch
prompted protests from Japan", "..., drawing praise from Moscow".

The reaction is a noun trigger (condemnation, protest, praise) that is the object of a verb of drawing
(grammar list `eliciting_verbs`); the states after 'from' react, toward the doers of what drew it: the verb's
subject (a state, or an event whose states the story told), or, for a participle ("conducted a test on Sunday,
drawing condemnation from China"), the subject of the clause it hangs on. The ordinary reading would take the
deed's doer for the one reacting, so the filter `elicited` leaves such nouns to this reader.
"""

from __future__ import annotations

from crawler.extract.agents import agent
from crawler.extract.event_types import Candidate
from crawler.extract.filters import elicited, eliciting_verb
from crawler.extract.hostile_statements import SUBJECTS
from crawler.extract.praise_statements import speaker_events
from crawler.extract.reactions import parties_of_the_event_named
from crawler.extract.reading import Reading


def sentence_reactions(r: Reading, sent, attached, order: int) -> list[Candidate]:
    """One event from each state a reaction came from toward each doer of the deed that drew it."""
    result: list[Candidate] = []
    if not r.g.words.get("eliciting_verbs"):
        return result
    for token in r.index.words(sent):
        if (verb := eliciting_verb(r, token)) is None:
            continue
        trigger = r.match_trigger(token)
        if trigger is None or not elicited(r, token, trigger, sent):  # the words the ordinary reading left
            continue
        reacting: set[str] = set()
        for owner in (token, verb):
            for prep in (c for c in owner.children if c.dep_ == "prep" and c.lower_ == "from"):
                for named in (c for c in prep.children if c.dep_ == "pobj"):
                    reacting |= r.discourse.phrase_codes(named)
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        doers: set[str] = set()
        for subject in subjects:
            doers |= r.discourse.phrase_codes(subject) or parties_of_the_event_named(r, subject)
        if not subjects:
            doers = agent(r, verb)  # "..., drawing condemnation from China": the clause's subject did it
        result += speaker_events(
            r, sent, verb, trigger.kind, reacting, doers, set(), attached, order + len(result)
        )
    return result
