"""The rules that reject a trigger word as an event: background, speculation, habit, parts of other events.

Each rule is one function `rule(reading, token, trigger, sent) -> bool` that says True when it rejects the
word; FILTERS lists them in the order the reader applies them, and `rejection` names the first that
rejects. To add a rule, write a function with a docstring saying what it rejects and why, and list it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from crawler.extract.agents import passive_of_light_verb
from crawler.extract.kinds import Trigger
from crawler.extract.reading import Reading
from crawler.extract.syntax import predicate

# the dependency labels through which a hedge reaches the trigger ("could", "plans to visit", ...)
HEDGE_CHAIN = ("xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj", "acomp")


@lru_cache(maxsize=8)
def _habitual_pattern(phrases: frozenset[str]) -> re.Pattern:
    """One pattern for the phrases that mark a habit ("every year")."""
    return re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted(phrases)) + r")\b")


def names_an_anniversary(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A word inside an anniversary's name ("the anniversary of the signing of the treaty") names the
    anniversary; the event it names happened decades ago."""
    return token.i in r.index.ann_span_tokens


def background(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A trigger under a background preposition ("amid deepening cooperation") is context, not news."""
    return any(a.dep_ == "prep" and a.lower_ in r.g.background_preps for a in token.ancestors)


def speculative(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A trigger under a hedge ("could visit", "plans to meet", "if they sign") may never happen.

    The hedge is looked for on the way from the trigger up through its predicate, as far as the chain of
    complements goes and not past a reporting verb ("said he could visit" is still a hedge; the hedges of
    what was said about it are not).
    """
    pred = predicate(token)
    below = token
    # "will visit": not yet; "will support": a pledge, made now
    pledged = r.res.kinds.kinds[trigger.kind].pledged
    future = frozenset() if pledged else r.g.words.get("future_auxiliaries", frozenset())
    to_come = frozenset() if pledged else r.g.words.get("future_predicates", frozenset())
    for node in _hedge_chain(token, pred):
        if node.lemma_.lower() in r.g.reporting_verbs and node.i != token.i and node.i != pred.i:
            break
        for child in node.children:
            if child.dep_ in ("aux", "mark", "advmod") and child.lemma_.lower() in r.g.hedges:
                return True
            if child.dep_ == "aux" and child.lemma_.lower() in future:
                return True
            if child.dep_ == "amod" and node.i == token.i and child.lemma_.lower() in r.g.hedges:
                return True  # "an expected meeting", "a planned visit", "a possible summit"
        if (
            node.i != token.i
            and node.lemma_.lower() in r.g.hedges
            and node.pos_ in ("VERB", "ADJ", "NOUN")
            and not _light_verb_of(r, node, token)
            and not _entrusted(r, node, token)
            and not (_labelling(r, node) and below.dep_ != "conj")
        ):
            return True
        below = node
        if (
            node.dep_ == "conj"
            and node.tag_ in ("VBD", "VBZ", "VBP")
            and (node.head.tag_ == "VB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children))
        ):
            # a tense of its own is no infinitive's nor the first verb's modal's: "urged them to make an
            # apology and voiced support", "said it would always stand by Russia and fully supports ..."; nor,
            # with a subject of its own, a clause of its own: "Kishida called the launch 'outrageous', and Tokyo
            # lodged a strong protest"
            break
        if node.dep_ == "advcl" and node.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in node.children):
            break  # a past of its own: "would limit exports ... as tens of thousands rallied in Pyongyang"
        with_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if with_to and node.dep_ == "xcomp" and node.head.lemma_.lower() in to_come:
            return True  # "is due to fly to Hanoi"
        infinitive = with_to and node.dep_ == "acl"
        if (node.dep_ not in HEDGE_CHAIN and not infinitive) or _told_beside(r, node):
            break  # an infinitive of a noun goes on to the noun: "its plan to visit", "the right to launch"
    return False


def _labelling(r: Reading, verb) -> bool:
    """Does the verb call something by a name ("what US officials called the toughest sanctions"; grammar list
    `labelling_verbs`), rather than call for it? (What is told beside the name is still hedged by what hedges
    the name: "will be called 'Miranda' and will help ...".)"""
    return verb.lemma_.lower() in r.g.words.get("labelling_verbs", frozenset()) and any(
        c.dep_ == "oprd" for c in verb.children
    )


def _light_verb_of(r: Reading, verb, token) -> bool:
    """Is this hedge word the light verb of the trigger, its direct object ("offered sympathy to the North Korean
    people", "offered condolences"), not a proposal of it ("offered to host talks")?"""
    return verb.lemma_.lower() in r.g.support_verbs and token.dep_ == "dobj" and token.head.i == verb.i


def _entrusted(r: Reading, verb, token) -> bool:
    """Is this hedge word a request to another to give the trigger over ("asked Li Yuanchao to convey his warm
    greetings to Xi Jinping")? What one asks an envoy to convey is sent (grammar list `entrusting_verbs`)."""
    if verb.lemma_.lower() not in r.g.words.get("entrusting_verbs", frozenset()):
        return False
    giving = r.g.words.get("giving_verbs", frozenset())
    return any(
        c.dep_ == "xcomp" and c.lemma_.lower() in giving and token.head.i == c.i and token.dep_ == "dobj"
        for c in verb.children
    )


def told_as_done(r: Reading, verb) -> bool:
    """Is the verb itself neither negated nor in the future ("did not present", "will send")? For readers that
    take a verb of saying or giving without a trigger of its own (praise, gifts)."""
    return not any(c.dep_ == "neg" or c.i in r.index.future_words for c in verb.children)


def _hedge_chain(token, pred) -> list:
    """The trigger, the words between it and its predicate, the predicate and the predicate's ancestors."""
    ancestors = list(token.ancestors)
    at = next((k for k, a in enumerate(ancestors) if a.i == pred.i), None)
    if at is not None and len({a.i for a in ancestors}) == len(ancestors):
        # the predicate is on the one path up from the trigger: the words below it on that path are those
        # between, and the words above it its ancestors (read off the path once, not word by word)
        return [token, *ancestors[:at], pred, *ancestors[at + 1 :]]
    between = [a for a in ancestors if a.i != pred.i and pred.i in {x.i for x in a.ancestors}]
    return [token, *between, pred, *pred.ancestors]


def _told_beside(r: Reading, node) -> bool:
    """Is this the link to an event told beside the clause above it ("called for restraint after North
    Korea's test", "... after North Korea launched a satellite"): what happened, whatever the clause hedges."""
    beside = r.g.sequence_preps | r.g.cause_preps
    if node.dep_ == "prep":
        return node.lower_ in beside
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in beside for c in node.children)


def present_tense(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A predicate in the simple present ("supports", "send") states a habit or a position, not an event
    (unless it reports what someone said, in a clause or after "He said:")."""
    if sent.start_char < r.story.headline_end:  # headlines tell past news in the present
        return False
    pred = predicate(token)
    if r.res.kinds.kinds[trigger.kind].pledged and pred.i == token.i:
        # a stance stated in the present is taken now ("Seoul's foreign ministry strongly condemns the launch",
        # "Li calls for restraint"), as one stated in the future is (pledged); not a noun of it under a present
        # verb ("the North is in need of support")
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in pred.children):
        return False
    first = pred
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "said he was ready to ... and that China firmly supports ..."
    # "established relations in 1948 and mark their 70th anniversary this year": a bare form joined to a
    # finite verb without an auxiliary is the tagger's plural present
    bare_present = (
        pred.tag_ == "VB"
        and first.i != pred.i
        and first.tag_ in ("VBD", "VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass") for c in first.children)
    )
    if pred.tag_ not in ("VBZ", "VBP") and not bare_present:
        return False
    if pred.i == token.i and any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in pred.children):
        return False  # a speaker's own act, made in saying it: "We condemn the joint military exercises"
    if first.dep_ == "ccomp" and first.head.lemma_.lower() in r.g.reporting_verbs:
        return False  # "said the DPRK supports ..."
    if (
        first.dep_ == "relcl"
        and any(c.dep_ == "mark" for c in first.children)
        and first.head.head.lemma_.lower() in r.g.reporting_verbs
    ):
        # "told a cabinet meeting that Moscow condemns it": what was told, hung from the listeners
        return False
    if pred.lemma_ == "be" and (
        (token.dep_ == "pobj" and token.head.head.i == pred.i)
        or (token.pos_ == "ADV" and token.head.i == pred.i)
    ):
        # under way now: "Volodin is on a congratulatory visit to the DPRK", "is in talks with", "is here"
        return False
    return r.discourse.quoting_verb(r.index.sentence_of[token.i]) is None  # "He said: We support ..."


def habitual(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A sentence that says "every year", "usually" ... tells a habit, not one event."""
    return bool(_habitual_pattern(r.g.habitual).search(r.text_of(sent).lower()))


def unsigned_agreement(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A treaty noun (a trigger with needs_signing) is an event only when said to be signed, concluded or
    ratified; "the treaty" mentioned in passing is not a new agreement."""
    return (
        token.pos_ != "VERB"
        and trigger.needs_signing
        and token.lemma_.lower() in trigger.nouns
        and not any(  # "Agreement on cooperation in hydrology signed between ..."
            c.dep_ in ("acl", "relcl") and c.lemma_.lower() in r.g.signing_verbs for c in token.subtree
        )
        # "Agreement between DPRK and Russia signed", "the accord was signed on Monday"
        and not (token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in r.g.signing_verbs)
    )


def setting_of_another_event(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A noun after a setting preposition under another trigger ("signed ... during their summit") is the
    setting of that event, unless it names its own partner ("at talks with ...")."""
    if token.pos_ == "VERB":
        return False
    head = token.head
    return bool(
        head.dep_ == "prep"
        and head.lower_ in r.g.setting_preps
        and r.match_trigger(head.head)
        and not any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
    )


def object_of_same_kind(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A noun that is the object of a verb trigger of the same kind ("visited ... on a visit") is that
    verb's event told twice."""
    if token.pos_ == "VERB" or token.dep_ not in ("dobj", "attr") or token.head.pos_ != "VERB":
        return False
    other = r.match_trigger(token.head)
    return other is not None and other.kind == trigger.kind


def noun_as_subject(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A noun trigger as a subject with no possessor ("talks are expected", "the visit showed") is talked
    about, not reported as done by someone (a headline's "Reception given ..." reports one, and so does a
    verb of occurrence: "a symposium took place", "an exhibition opened")."""
    return (
        sent.start_char >= r.story.headline_end
        and token.pos_ != "VERB"
        and token.dep_ in ("nsubj", "nsubjpass")
        and not any(c.dep_ == "poss" for c in token.children)
        and token.head.lemma_.lower() not in r.g.occurrence_verbs  # "a ceremony took place", "was held"
        and not passive_of_light_verb(r, token)  # "a message was sent to Kim", "a banquet was given"
        # "the messages came from A, B and C", "letters to Kim from A and B were handed over": said where it
        # came from, it was sent
        and not any(c.dep_ == "prep" and c.lower_ == "from" for c in (*token.head.children, *token.children))
        # "The reply messages of the WPK went to the Lao People's Revolutionary Party": said where it went to
        and not (
            r.res.kinds.kinds[trigger.kind].from_names_sender
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.head.children)
        )
    )


def purpose_of_another_event(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A "to ..." clause of a kind with purpose_of_other_events under another trigger ("laid a wreath to
    commemorate ...") is that event's purpose, not a second event; so is a hostile one under a trigger of its
    own kind ("summoned the Russian ambassador to protest the treaty": one protest, to Russia), where a
    journey's "to visit China" still names where it went."""
    kind = r.res.kinds.kinds[trigger.kind]
    clause = token
    if token.pos_ != "VERB" and kind.purpose_of_other_events:
        # ... and so is the noun the clause's verb does ("arrived here to take part in the celebrations of the
        # 60th anniversary": the visit's purpose)
        if token.dep_ not in ("dobj", "pobj"):
            return False
        clause = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
    if not (
        clause.pos_ == "VERB"
        and clause.dep_ in ("xcomp", "advcl", "acl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    ):
        return False
    parent = clause.head
    if kind.purpose_of_other_events:
        # "Wen's trip is officially to mark ...": the subject of a 'be' whose purpose it is
        deps = ("dobj", "attr", "nsubjpass", *(("nsubj",) if parent.lemma_ == "be" else ()))
        neighbours = [parent, *[c for c in parent.children if c.dep_ in deps]]
        return parent.i != clause.i and any(
            r.match_trigger(n) for n in neighbours if n.i not in (clause.i, token.i)
        )
    if token.dep_ != "advcl" or not kind.hostile:
        return False
    own = r.match_trigger(parent)
    return own is not None and own.kind == trigger.kind


# the links by which a word is part of what a verb tells: its clause, object, or a clause of that object
_TOLD_LINKS = frozenset(("ccomp", "xcomp", "dobj", "acl", "pcomp", "pobj", "prep", "conj"))


def denied(r: Reading, token, trigger: Trigger, sent) -> bool:
    """Is the word in what a verb of denial (grammar `denial_verbs`) denies: "denied that it has ever sold
    weapons to Russia", "rejecting as a smear U.S. claims that it is supplying shells"? Not the denial's own
    word ("rejected the proposal": the rejection is an event)."""
    denial = r.g.words.get("denial_verbs", frozenset())
    node = token
    for _ in range(6):
        head = node.head
        if head.i == node.i or node.dep_ not in _TOLD_LINKS:
            return False
        if head.pos_ == "VERB" and head.lemma_.lower() in denial and node.dep_ != "conj":
            return True  # the word is below the denial, never the denial itself
        node = head
    return False


def rhetorical_negation(r: Reading, token, trigger: Trigger, sent) -> bool:
    """ "They can never write off their crimes", "will never visit": rhetoric, not a report that something
    did or did not happen (words in `rhetorical_negations` of kinds.toml)."""
    pred = predicate(token)
    return any(
        c.dep_ == "neg" and c.lower_ in r.g.rhetorical_negations for c in (*token.children, *pred.children)
    )


def earlier_deed_of_a_participant(r: Reading, token, trigger: Trigger, sent) -> bool:
    """ "Lavrov praised the troops who had helped Russian forces": a pluperfect relative clause describes a
    participant by an earlier deed; it is background, not the news."""
    return token.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in token.children)


def figurative_motion(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A verb of motion to something that is no place ("soon after it came to power", "came to an end"), with
    a particle that makes it no journey ("came down in the sea", "came out") or with an adjective it becomes
    ("came true") goes nowhere, and goods that move are sent, not visiting ("relief goods from China arrive");
    which words are no place, which particles and which are goods is data (`figurative_destinations`,
    `figurative_particles`, `cargo_nouns`)."""
    if token.pos_ != "VERB":
        return False
    cargo = r.g.words.get("cargo_nouns", frozenset())
    if r.res.kinds.kinds[trigger.kind].destination_places and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in cargo for c in token.children
    ):
        return True
    particles = r.g.words.get("figurative_particles", frozenset())
    if r.res.kinds.kinds[trigger.kind].destination_places and any(
        c.dep_ == "prt" and c.lower_ in particles for c in token.children
    ):
        return True  # "it came down in Japan's exclusive economic zone", "talks came about"
    if r.res.kinds.kinds[trigger.kind].destination_places and any(c.dep_ == "acomp" for c in token.children):
        return True  # "where the desire of the leaders has come true", "went wrong": a state it came to
    words = r.g.words.get("figurative_destinations", frozenset())
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(o.dep_ == "pobj" and o.lemma_.lower() in words for o in c.children)
        for c in token.children
    )


NAME_ENTITIES = {"ORG", "FAC", "GPE", "PERSON", "NORP", "LAW", "WORK_OF_ART", "PRODUCT", "LOC"}


def part_of_a_name(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A capitalised word inside the name of an organisation or a work ("the Society for Book Donation",
    "the Friendship Exhibition House") names it; it reports no event, unless it is the name's head said to happen
    ("The 2nd International Trade Fair opened"). Headlines are title case: not there."""
    if token.pos_ == "VERB" or token.i == sent.start or sent.start_char < r.story.headline_end:
        return False
    if (
        trigger.needs_occurrence
        and token.dep_ in ("nsubj", "nsubjpass")
        and token.head.lemma_.lower() in r.g.occurrence_verbs
    ):
        return False  # the head of an event's name said to happen: "The 2nd International Trade Fair opened"
    return (
        token.text[:1].isupper()
        and not token.is_upper
        and (token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTITIES)
    )


def describes_people(r: Reading, token, trigger: Trigger, sent) -> bool:
    """A noun before a noun for people says who they are, not what happened ("a Chinese party and government
    delegation", "party officials")."""
    if token.pos_ == "VERB":
        return False
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "party and government delegation": 'government' hangs from 'party'
    return node.dep_ in ("compound", "amod", "nmod") and node.head.lemma_ in r.g.person_nouns


Filter = Callable[[Reading, object, Trigger, object], bool]


def membership(r: Reading, token, trigger: Trigger, sent) -> bool:
    """Is the meeting noun a standing forum that a state left, joined or shunned ("walked out of the six-party
    talks", "quit the talks", "withdrew from the negotiations"; grammar list `membership_verbs`), not a meeting
    held?"""
    verbs = r.g.words.get("membership_verbs", frozenset())
    if token.pos_ != "NOUN" or not verbs:
        return False
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "from"):
        head = head.head  # "withdrew from", "walked out of" (with 'out' between)
        if head.dep_ in ("prep", "prt") and head.lower_ in ("out", "away"):
            head = head.head
    elif token.dep_ != "dobj":
        return False
    return head.pos_ == "VERB" and head.lemma_.lower() in verbs


def eliciting_verb(r: Reading, token):
    """The verb of drawing whose object this noun is ("drew condemnation"; grammar list `eliciting_verbs`)."""
    verbs = r.g.words.get("eliciting_verbs", frozenset())
    if token.pos_ != "NOUN" or token.dep_ != "dobj" or token.head.lemma_.lower() not in verbs:
        return None
    return token.head


def elicited(r: Reading, token, trigger: Trigger, sent) -> bool:
    """Is the word a reaction that a deed drew ("The test drew condemnation from China")? The deed's doer is
    not the one reacting: elicited_reactions reads it."""
    return eliciting_verb(r, token) is not None and r.res.kinds.kinds[trigger.kind].direction == "directed"


FILTERS: list[Filter] = [
    names_an_anniversary,
    rhetorical_negation,
    denied,
    earlier_deed_of_a_participant,
    figurative_motion,
    part_of_a_name,
    describes_people,
    background,
    speculative,
    present_tense,
    habitual,
    unsigned_agreement,
    setting_of_another_event,
    object_of_same_kind,
    noun_as_subject,
    purpose_of_another_event,
    membership,
    elicited,
]


def rejection(r: Reading, token, trigger: Trigger, sent) -> str | None:
    """The name of the first filter that rejects this trigger word as an event here, if any."""
    for rule in FILTERS:
        if rule(r, token, trigger, sent):
            return rule.__name__
    return None
