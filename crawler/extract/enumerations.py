"""Lists that continue the event told just before them.

KCNA and other official outlets tell one event and then list who took part in it in the next sentences:
"Kim Jong Un received congratulatory messages from various countries. Among them were the chairman of the
Communist Party of Norway, ... Senders of messages included ..." or "Foreign delegations arrived here. They
included a delegation of ... of China, ...". Such a sentence has no trigger of its own; each state it names
takes the actor side of the event before it. Which verbs, subjects and prepositions make a list sentence
is data (`list_verbs`, `list_nouns`, `list_preps` in kinds.toml).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from crawler.extract.discourse import PRONOUNS_PLURAL
from crawler.extract.event_dates import Attached
from crawler.extract.event_types import Candidate
from crawler.extract.kinds import Trigger
from crawler.extract.reading import Reading
from crawler.extract.syntax import FINITE, governing_verb, names_recipient

LIST_REACH = 3  # sentences after the event (or after the last list sentence) that may still continue it
DEMONSTRATIVES = {"these", "those"}


@dataclass
class Opening:
    """The last event whose actors a list may name: its trigger word and what it was read with."""

    token: object
    trigger: Trigger
    sent: object
    attached: Attached
    sentence: int  # the number of the last sentence that told or continued it


def is_list_sentence(r: Reading, sent) -> bool:
    """'They were ...', 'They included ...', 'Among them were ...', 'Senders of messages included ...'."""
    root = sent.root
    if root.lemma_.lower() not in r.g.list_verbs:
        return False
    plural = PRONOUNS_PLURAL | DEMONSTRATIVES
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in plural or child.lemma_.lower() in r.g.list_nouns
        ):
            return True
        if child.dep_ == "prep" and child.lower_ in r.g.list_preps:
            if any(g.dep_ == "pobj" and g.lower_ in plural for g in child.children):
                return True
    return False


def names_recipients(r: Reading, token) -> bool:
    """Does a list after this event name those it went to, not those who did it? So where a named actor sent it
    to a group no state is named for: "Kim Jong Un sent New Year's cards to foreign party and state leaders.
    They included the president of China, ..." (not "Kim received messages from various countries. Among
    them were ...", nor "Messages were sent to Kim by various parties. They were ...")."""
    verb = token if token.pos_ == "VERB" else governing_verb(token)[0]
    if verb is None or not any(c.dep_ == "nsubj" and r.discourse.phrase_codes(c) for c in verb.children):
        return False
    groups = [
        p
        for child in verb.children
        if names_recipient(child)
        for p in ([child] if child.dep_ == "dative" else [g for g in child.children if g.dep_ == "pobj"])
    ]
    return any(g.tag_ == "NNS" and not r.discourse.phrase_codes(g) for g in groups)


# The mentions that name where premises are (not an adjective: "the Chinese", or a body: "a party of Chile").
PLACE_TYPES = ("country", "place")


def seats_abroad(r: Reading, sent, named: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The states whose premises abroad (grammar `seat_nouns`: embassy, mission, ...) a list sentence naming
    the states `named` names, and the states those premises are in: "They included DPRK missions in Beijing and Hong Kong of China, ..., Cuba,
    Vietnam" gives ({PRK}, {CHN, ..., CUB, VNM}). Empty unless what follows the premises' 'in' is a list of
    places alone, and every other state the sentence names is one of them (not "the office of the Peruvian
    embassy in Lima, the Committee for Friendship of Fiji, ...": a list of senders)."""
    seats = r.g.words.get("seat_nouns", frozenset())
    mentions = r.index.mentions
    owners: set[str] = set()
    hosts: set[str] = set()

    def premises(seat, strict: bool) -> bool:
        for word in seat.lefts:
            if word.dep_ in ("compound", "amod", "poss", "nmod"):
                owners.update(r.discourse.phrase_codes(word))
        return all(
            places(place, strict)
            for prep in seat.rights
            if prep.dep_ == "prep" and prep.lower_ in r.g.locative_preps
            for place in prep.children
            if place.dep_ == "pobj"
        )

    def places(item, strict: bool) -> bool:
        """Is this word, and each word listed with it, a place (or more premises)? Their states are hosts."""
        ok = True
        if item.lemma_.lower() in seats:
            premises(item, strict=False)  # more premises: "... and the DPRK permanent mission at the UN"
        elif (item.i in mentions and mentions[item.i].type in PLACE_TYPES) or (
            # a place the gazetteer lacks ("Nakhodka of Russia", "Hong Kong"): a name with no article (not "the
            # Socialist Party of Chile")
            item.pos_ == "PROPN"
            and item.i not in mentions
            and not any(c.dep_ == "det" for c in item.children)
        ):
            if item.i in mentions:
                hosts.add(mentions[item.i].code)
            ok = all(  # "Hong Kong of China", "Nakhodka and Khabarovsk of Russia"
                places(place, True)
                for prep in item.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for place in prep.children
                if place.dep_ == "pobj"
            )
        elif strict:
            ok = False
        return all([ok, *(places(c, strict) for c in item.children if c.dep_ == "conj")])

    found = [t for t in sent if t.lemma_.lower() in seats]
    # the first premises named head the list; more of them within it may be anywhere ("at the UN")
    listed = bool(found) and all([premises(t, strict=n == 0) for n, t in enumerate(found)])
    hosts.discard("")
    hosts -= owners
    if not listed or not owners or not hosts or not named - owners - {r.story.home} <= hosts:
        return frozenset(), frozenset()
    return frozenset(owners), frozenset(hosts)


def continues_sentence(sent) -> bool:
    """Does this sentence go on with the one before it, broken off by a paragraph break the outlet put in the
    middle of a list (a paragraph ending "... Diamond Love Princess Co. Ltd." and the next opening "Nine Lion
    Trading Company, Ltd. and ..." or "and the Table Tennis Federation of Myanmar, ...")? So when it opens with
    a word in lower case or 'and', or has no finite verb at all."""
    first = next((t for t in sent if not t.is_space and not t.is_punct), None)
    if first is None:
        return False
    if first.lower_ == "and" or (first.is_alpha and first.text[:1].islower()):
        return True
    # not "Trading", "for Celebrating" in the names listed, nor a verb that tells who one of them is ("the
    # minister of transport who is general secretary of the Party for Thailand")
    return not any(t.tag_ in FINITE and not _describes_a_name(t) for t in sent)


def _describes_a_name(verb) -> bool:
    """Is the verb in a relative clause or a participle hung on a noun ("who is", "who doubles as")?"""
    return any(node.dep_ in ("relcl", "acl") for node in (verb, *verb.ancestors))


def continued_list(
    r: Reading, sent, opening: Opening, order: int, read, attached: Attached | None = None
) -> Candidate | None:
    """The opening event with the states this list sentence (see is_list_sentence) names as its actors, or None.

    `read(token, trigger, sent, attached, order, states, named_as, owners)` reads the opening's trigger again
    with those states (candidates.read_candidate), so that targets, date and anniversary are the opening's own:
    as its actors, or as those it went to where names_recipients says so, or where the list names premises
    abroad (seats_abroad) as their hosts, toward whom the premises' owners acted. A date of the list sentence's
    own (`attached`: its dates) dates them where the opening told none ("They included a remembrance meeting
    in Peru, a seminar in the Czech Republic ... from June 7 to 14").
    """
    number = r.index.sentence_of[sent.start]
    if number - opening.sentence > LIST_REACH:
        return None
    named = r.discourse.codes_in(sent)
    home = r.story.home
    if home and named - {home}:  # "..., France and Italy, the DPRK permanent mission at the UN": its hosts
        named = named - {home}
    # "They included DPRK missions in Beijing ..., Cuba": the missions' state acted, toward their hosts
    owners, hosts = seats_abroad(r, sent, named)
    if owners:
        named = set(hosts)
    if not named:
        return None
    named_as = "recipients" if owners or names_recipients(r, opening.token) else "actors"
    found = read(
        opening.token, opening.trigger, opening.sent, opening.attached, order, named, named_as, owners
    )
    if found is None:
        return None
    opening.sentence = number
    if attached and not found.explicit:
        found = dataclasses.replace(found, when=attached[min(attached)][0], explicit=True)
    # each state the list names acted on its own: "They included an exhibition in Shanghai, China and
    # exhibitions in Lima, Peru" (one marking in each)
    return dataclasses.replace(
        found, evidence=r.text_of(sent).strip(), sentence=number, extra_evidence=[], apart=True
    )
