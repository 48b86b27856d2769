"""Hostility as criticism: a state's figure or body saying that another state does or is something hostile.

"The Central Association of Korean Nationals in Russia in a statement on Monday said the south Korean puppet
forces described the military drills as annual ones", "Rudyanin said the U.S. violated the agreement": no word
of the sentence is a trigger of criticism, yet the speaker's state accuses the other (CAMEO 111, the mirror of
praise_statements). The clause said must have another state as its subject, and a word of hostility
(`hostile_words` in seeds/kinds.toml) in that subject ("the puppet forces"), as its verb ("violated") or in its
object ("have perpetrated military provocations"): "said the DPRK would never tolerate the U.S. aggression"
accuses no one of the DPRK. So does calling something hostile ("Washington called the launch a highly
provocative act": `labelling_verbs`) or saying something showed it (`evidence_verbs`).
"""

from __future__ import annotations

from crawler.extract.agents import agent
from crawler.extract.discourse import CLAUSES as PHRASE_CLAUSES
from crawler.extract.event_types import Candidate
from crawler.extract.filters import told_as_done
from crawler.extract.praise_statements import speaker_events
from crawler.extract.reactions import kinds_named_by, parties_of_the_event_named
from crawler.extract.reading import Reading
from crawler.extract.syntax import pruned

CLAUSES = ("ccomp",)  # what was said: "said (that) X is ..."
SUBJECTS = ("nsubj", "nsubjpass")
PHRASE_ONLY = PHRASE_CLAUSES | {"appos"}  # the subject's own words, not what is said of it


def sentence_hostility(r: Reading, sent, found: list[Candidate], attached, order: int) -> list[Candidate]:
    """Criticism of each state a speaker of another state said did or was something hostile, where no event
    read from the sentence is already the speaker's criticism of it."""
    words = r.g.words
    hostile = words.get("hostile_words", frozenset())
    if not hostile or hostile.isdisjoint(r.index.lemma_lower[sent.start : sent.end]):
        return []  # most sentences say nothing hostile: nothing below can find it
    kind = next((k.id for k in r.res.kinds.kinds.values() if k.by_hostility), None)
    if kind is None:
        return []
    speaking = words.get("praising_verbs", frozenset())
    praise = words.get("praise_words", frozenset())
    criticised = {
        (a, t) for c in found if r.res.kinds.kinds[c.kind].hostile for a in c.actors for t in c.targets
    }
    result: list[Candidate] = []
    labelling = words.get("labelling_verbs", frozenset())
    saying = speaking | labelling
    for verb in r.index.words(sent, saying):
        if verb.pos_ != "VERB" or not told_as_done(r, verb):
            continue
        accused: set[str] = set()
        speaker = agent(r, verb)
        for clause in _said(verb, words.get("evidence_verbs", frozenset())):
            if any(t.dep_ == "neg" or t.tag_ == "MD" for t in clause.children):
                continue  # "said the U.S. did not violate ...", "said Iran's nuclear issue should be solved"
            if any(t.lemma_.lower() in praise for t in clause.subtree):
                continue  # "said the immortal feats ... are ...": praise (praise_statements), not hostility
            # the hostile word as the verb, or in the verb's object's own words ("have perpetrated ceaseless
            # military provocations")
            done = clause.lemma_.lower() in hostile or _hostile_under(clause, ("dobj",), hostile)
            # ... or what an event was said to be ("the launch was irresponsible", "Russia's military
            # cooperation with the North is a serious threat"): its doers'
            judged = _hostile_under(clause, ("acomp", "attr"), hostile)
            for subject in (c for c in clause.children if c.dep_ in SUBJECTS):
                named = r.discourse.phrase_codes(subject)
                if named & speaker:
                    continue  # "told reporters the two leaders agreed ...": the speaker's side among them
                if named and (
                    done or any(t.lemma_.lower() in hostile for t in pruned(subject, PHRASE_ONLY, {"of"}))
                ):
                    accused |= named
                elif judged and kinds_named_by(r, subject):
                    accused |= named or parties_of_the_event_named(r, subject)
        if verb.lemma_.lower() in labelling:
            accused |= _labelled_hostile(r, verb, hostile)
        result += speaker_events(r, sent, verb, kind, speaker, accused, criticised, attached, order)
    return result


def _hostile_under(clause, labels: tuple[str, ...], hostile: frozenset[str]) -> bool:
    """Is a hostile word in the own words of the clause's children with these labels?"""
    return any(
        t.lemma_.lower() in hostile
        for c in clause.children
        if c.dep_ in labels
        for t in pruned(c, PHRASE_ONLY, {"of"})
    )


def _labelled_hostile(r: Reading, verb, hostile: frozenset[str]) -> set[str]:
    """The states of what a speaker called something hostile ("Washington called the launch a highly
    provocative act", "described the North Korean launch as a grave provocation")."""
    labels = [c for c in verb.children if c.dep_ == "oprd"]
    labels += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children]
    if not any(t.lemma_.lower() in hostile for label in labels for t in pruned(label, PHRASE_ONLY, {"of"})):
        return set()
    accused: set[str] = set()
    for thing in (c for c in verb.children if c.dep_ == "dobj"):
        accused |= r.discourse.phrase_codes(thing) or parties_of_the_event_named(r, thing)
    return accused


def _said(verb, evidence: frozenset[str]):
    """The clauses the speaker said, and those they said something showed ("said the admission showed
    Pyongyang had openly violated U.N. resolutions": grammar list `evidence_verbs`)."""
    for clause in (c for c in verb.children if c.dep_ in CLAUSES):
        yield clause
        if clause.lemma_.lower() in evidence:
            yield from (c for c in clause.children if c.dep_ in CLAUSES)
