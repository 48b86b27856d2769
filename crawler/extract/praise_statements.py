"""Praise as support: a state's figure or press saying that another state, its leader or its cause is good.

"The general secretary of the Nepal Workers' Party said the DPRK's satellite launch is a just cause", "Feng
Yila said that Kim Jong Il was a great man with warm humanity": no word of the sentence is a trigger of
support, yet the speaker's state speaks for the other (CAMEO 051, praise or endorse). The clause said must
name the state praised and a word of praise (`praise_words` in seeds/kinds.toml), and no word of hostility or
loss (`hostile_words`), no negation and no criticism: "said the DPRK's launch threatens peace" is no praise.
"""

from __future__ import annotations

from crawler.extract.agents import agent
from crawler.extract.event_dates import date_for
from crawler.extract.event_types import Candidate
from crawler.extract.filters import told_as_done
from crawler.extract.reading import Reading

CLAUSES = ("ccomp",)  # what was said: "said (that) X is ..."
OBJECTS = ("dobj",)  # what was shown: "introduced the successes of the DPRK"


def sentence_praise(r: Reading, sent, found: list[Candidate], attached, order: int) -> list[Candidate]:
    """Support of each state praised in what a speaker of another state said, where no event read from the
    sentence is already the speaker's support."""
    words = r.g.words
    praise = words.get("praise_words", frozenset())
    if not praise or praise.isdisjoint(r.index.lemma_lower[sent.start : sent.end]):
        return []  # most sentences praise nothing: nothing below can find praise
    kind = next((k.id for k in r.res.kinds.kinds.values() if k.by_praise), None)
    if kind is None:
        return []
    hostile = words.get("hostile_words", frozenset())
    speaking = words.get("praising_verbs", frozenset())
    showing = words.get("praising_object_verbs", frozenset())
    supported = {(a, t) for c in found if c.kind == kind for a in c.actors for t in c.targets}
    result: list[Candidate] = []
    for verb in r.index.words(sent, speaking | showing):
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB":
            continue
        if not told_as_done(r, verb):
            continue
        # what was said ("said (that) ..."), or what a paper showed ("introduced the successes of the DPRK")
        clauses = [c for c in verb.children if c.dep_ in (CLAUSES if lemma in speaking else OBJECTS)]
        if not clauses:
            continue
        said = [t for clause in clauses for t in clause.subtree]
        if not _praises(r, said, praise, hostile):
            continue
        speakers = agent(r, verb)
        praised = r.discourse.codes_in(said) - speakers
        if not speakers or not praised:
            continue
        result += speaker_events(r, sent, verb, kind, speakers, praised, supported, attached, order)
    topic = _headline_topic(r, sent)
    if topic is not None:  # "Russian Figure on Optimistic Prospect of DPRK's Science and Technology"
        said = list(topic.subtree)
        speakers = r.discourse.phrase_codes(sent.root)
        praised = r.discourse.codes_in(said) - speakers
        if speakers and praised and _praises(r, said, praise, hostile):
            result += speaker_events(r, sent, sent.root, kind, speakers, praised, supported, attached, order)
    return result


def _praises(r: Reading, said: list, praise: frozenset[str], hostile: frozenset[str]) -> bool:
    """Do these words say good: a word of praise, and no word of hostility, negation or criticism?"""
    lemmas = {t.lemma_.lower() for t in said}
    # a word of a name says nothing good: "met Kim at the Great Hall of the People"
    if not {t.lemma_.lower() for t in said if t.pos_ != "PROPN"} & praise or lemmas & hostile:
        return False
    if any(t.dep_ == "neg" or (t.dep_ == "det" and t.lower_ == "no") for t in said):
        return False
    return not any(_criticises(r, t) for t in said)


def _headline_topic(r: Reading, sent):
    """A verbless headline of a speaker and what they spoke on ("Chinese Paper on Great Successes of DPRK"):
    the word after 'on' hanging from the headline's noun, else None."""
    root = sent.root
    if sent.start_char >= r.story.headline_end or root.pos_ not in ("NOUN", "PROPN"):
        return None
    return next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "on"), None)


def speaker_events(
    r: Reading,
    sent,
    verb,
    kind: str,
    speakers: set[str],
    spoken_of: set[str],
    told: set,
    attached,
    order: int,
) -> list[Candidate]:
    """One event of `kind` from each speaker toward the states they spoke of, leaving out the pairs `told`
    already (praise as support, hostility as criticism)."""
    pairs = [(s, o) for s in sorted(speakers) for o in sorted(spoken_of - speakers) if (s, o) not in told]
    if not pairs:
        return []
    # said on the day told, else on the last day told so far (what is said of a story's occasion), else on the
    # story's day
    said = date_for(r, verb, attached)  # "Geng Shuang said Tuesday that the North had violated ...": Tuesday
    when = said or r.discourse.day_so_far or r.story.when
    return [
        r.sentence_event(
            sent,
            kind,
            [speaker],
            sorted({o for s, o in pairs if s == speaker}),
            when,
            order,
            explicit=bool(said),
        )
        for speaker in sorted({s for s, _ in pairs})
    ]


def _criticises(r: Reading, token) -> bool:
    """Is this word a trigger of a hostile kind (criticism, rejection)?"""
    trigger = r.match_trigger(token) if token.i in r.index.maybe_trigger else None
    return trigger is not None and r.res.kinds.kinds[trigger.kind].hostile
