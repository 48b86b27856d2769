"""Who was present: a sentence naming those present at a gathering told just before names more of its members.

"The 8th Pyongyang Autumn International Trade Fair opened on Monday. Present there were members of the Chinese
and Russian consulates general in Chongjin", "The Printing Factory ... was commissioned with due ceremony on
Monday. ... Attending the ceremony were ..., Huang Junjie, vice mayor of Danyang City, Jiangsu Province of
China, personages of the two Chinese companies": the states named there met at it with those who held it.
Which kinds of event are gatherings is data (kind option `attended` in seeds/kinds.toml), and so are the
words that say someone was present (`attendance_words`).
"""

from __future__ import annotations

import dataclasses

from crawler.extract.enumerations import LIST_REACH, Opening
from crawler.extract.event_types import Candidate
from crawler.extract.reading import Reading

SUBJECTS = ("nsubj", "attr")  # the inverted subject: "Present there were <them>", "Attending ... were <them>"


def attendance_word(r: Reading, sent) -> int | None:
    """The index of the word of attendance leading a sentence that says who was present, or None: 'Present
    there (on invitation) were ...', 'Also present were ...', 'Present at the ceremony were ...', 'Attending the
    ceremony were ...' (those present come after the verb)."""
    words = r.g.words.get("attendance_words", frozenset())
    root = sent.root
    # "Also present were ...": an adverb before the word of attendance leaves it leading the sentence
    lead = next(
        (
            t
            for t in sent
            if not t.is_punct and not t.is_space and not (t.dep_ == "advmod" and t.pos_ == "ADV")
        ),
        None,
    )
    if lead is None or lead.lemma_.lower() not in words:
        return None
    if lead.i == root.i:  # "Attending the ceremony were Ri Kwang Gun, ...": the participle is the root
        inverted = any(c.dep_ == "nsubj" and c.i > root.i for c in root.children)
    else:
        inverted = lead.head.i == root.i and any(c.dep_ in SUBJECTS and c.i > root.i for c in root.children)
    return lead.i if inverted else None


def attended(r: Reading, sent, gathering: Opening | None, order: int, read) -> Candidate | None:
    """The gathering told just before (see attendance_word), with the states named as present among its
    members, or None. `read` is the list reader of enumerations.continued_list."""
    if gathering is None or attendance_word(r, sent) is None:
        return None
    number = r.index.sentence_of[sent.start]
    if not 0 < number - gathering.sentence <= LIST_REACH:
        return None
    home = {r.story.home} if r.story.home else set()
    named = r.discourse.codes_in(sent)
    if not named - home:
        return None  # only the hosts' own people: nothing more than the gathering itself
    named |= home  # the outlet's state, whose report it is, was there too
    found = read(
        gathering.token, gathering.trigger, gathering.sent, gathering.attached, order, named, "actors"
    )
    if found is None:
        return None
    members = set(found.actors) | set(found.targets)
    # those the gathering was already told of ("Present at the talks from the DPRK side were ...")
    if any(e.kind == found.kind and members <= set(e.actors) | set(e.targets) for e in r.discourse.produced):
        return None
    return dataclasses.replace(found, evidence=r.text_of(sent).strip(), sentence=number, extra_evidence=[])
