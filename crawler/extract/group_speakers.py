"""Speakers who name the states of a group the headline or lead left unnamed.

"Foreign Guests Visit National Gifts Exhibition House. ... Georgii Toloraya, head of a delegation of the Russkiy
Mir Foundation of Russia, said: ... The head of a delegation of Beijing Foreign Languages University of China
said his visit ... ", "Diplomatic envoys of various countries visited ... Brazilian ambassador Roberto Colin said
he had never seen such splendid exhibition house": the event of the headline or lead has no state of its own
(its actors are a group of unnamed countries: `unnamed_group_words` in seeds/kinds.toml), and each foreign
speaker after it is one of that group. The event is read again with each speaker's state as its actor.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from crawler.extract.agents import agent
from crawler.extract.event_dates import Attached
from crawler.extract.event_types import Candidate
from crawler.extract.kinds import Trigger
from crawler.extract.reading import Reading
from crawler.extract.syntax import predicate, pruned
from crawler.extract.visits_beside import visit_beside


@dataclass
class GroupEvent:
    """The headline's or lead's event whose actors are an unnamed group, and the states speakers named."""

    token: Token
    trigger: Trigger
    sent: Span
    attached: Attached
    named: set[str] = field(default_factory=set)


def unnamed_group(r: Reading, token) -> bool:
    """Is the one acting, or one of those acting, a group of unnamed countries ("Foreign guests", "Diplomatic
    envoys of various countries"), in the headline or the lead?"""
    if r.index.sentence_of[token.i] > r.index.lead:
        return False
    words = r.g.words.get("unnamed_group_words", frozenset())
    verb = token if token.pos_ == "VERB" else predicate(token)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    while not subjects and verb.dep_ in ("xcomp", "advcl", "conj", "acl") and verb.head.i != verb.i:
        # "issued statements to mark ...": the subject of the clause it serves
        verb = verb.head.head if verb.dep_ == "acl" and verb.head.dep_ == "dobj" else verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # each of the subjects coordinated on its own ("Friendship organizations of various countries and
    # personages of Russia, Nepal and Sweden": the first is such a group)
    members = [m for s in subjects for m in _conjuncts(s)]
    for member in members:
        own = list(pruned(member, {"conj", "cc", "relcl", "acl", "appos"}, {"of"}))
        if any(w.lemma_.lower() in words for w in own) and not r.discourse.codes_in(own):
            return True
    # "organizations of various countries and personages of Russia" (parsed with Russia under "countries"):
    # the group word's own noun names no state and no person's post ("Foreign Minister Lavrov" is none)
    return any(
        w.lemma_.lower() in words
        and w.dep_ == "amod"
        and w.head.lemma_.lower() not in r.g.person_nouns
        and not r.discourse.codes_in([w.head, *w.head.lefts])
        for s in subjects
        for w in s.subtree
    )


def _conjuncts(noun) -> list:
    """The noun and the nouns coordinated with it."""
    found = [noun]
    for each in found:
        found += [c for c in each.children if c.dep_ == "conj"]
    return found


def group_speakers(r: Reading, sent, group: GroupEvent | None, found: list[Candidate], order: int, read):
    """The group event once more for each foreign state a speaker of this sentence names (the subject of a
    reporting verb), where no event of its kind read from the sentence already has it as actor.

    `read(token, trigger, sent, attached, order, states, named_as)` reads the group's trigger with those states.
    Each speaker's state is one more of the group (named_as "one_of_them").
    """
    home = r.story.home
    if group is None or not home:
        return []
    result: list[Candidate] = []
    # the verbs of saying: reporting ones, and those a statement says with ("pointed out", "declared")
    # and those of a stance voiced ("expressed the will to ...": grammar list `voicing_verbs`)
    voicing = r.g.words.get("voicing_verbs", frozenset())
    speaking = r.g.reporting_verbs | r.g.words.get("praising_verbs", frozenset()) | voicing
    for verb in r.index.words(sent, speaking):
        if verb.pos_ != "VERB":
            continue
        if verb.lemma_.lower() in voicing and any(
            c.dep_ == "dobj" and r.match_trigger(c) is not None for c in verb.children
        ):
            continue  # "expressed full support for ...": an event of the speaker's own, not the group's
        if not any(c.dep_ == "nsubj" for c in verb.children):
            continue
        speakers = agent(r, verb) - {home} - group.named
        for state in sorted(speakers):
            event = read(
                group.token, group.trigger, group.sent, group.attached, order, {state}, "one_of_them"
            )
            if event is None:
                continue
            # the visit beside a homage paid where the outlet's state is ("visited ... on the anniversary")
            for each in (event, visit_beside(r, event, group.trigger)):
                if each is None or any(c.kind == each.kind and state in c.actors for c in found):
                    continue
                group.named.add(state)
                result.append(
                    dataclasses.replace(
                        each,
                        evidence=r.text_of(sent).strip(),
                        sentence=r.index.sentence_of[sent.start],
                        extra_evidence=[],
                    )
                )
    return result
