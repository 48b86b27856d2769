"""Who acts and who is acted on: the states of a trigger's subject or possessor (actors, see agents.py), and
those of its complements (participants, which become targets or co-actors) and the places named there."""

from __future__ import annotations

from crawler.extract.agents import agent, participle_misread_as_a_clause, passive_of_light_verb
from crawler.extract.discourse import PRONOUNS
from crawler.extract.kinds import Kind
from crawler.extract.reading import Reading
from crawler.extract.syntax import (
    by_phrase,
    doers,
    governing_verb,
    in_name,
    is_definite,
    is_purpose,
    names_its_own,
    period_of,
    predicate,
    reduced_passive,
)
from crawler.extract.talk_subjects import subject_matter
from crawler.extract.triggers import said_to_be

PRONOUNS_AND_WHOM = PRONOUNS | {"whom"}  # object pronouns that name a participant named before

# labels of the words that are not a trigger's complements
NOT_COMPLEMENTS = {
    "nsubj",
    "nsubjpass",
    "csubj",
    "agent",
    "aux",
    "auxpass",
    "neg",
    "punct",
    "cc",
    "conj",
    "mark",
    "relcl",
    "ccomp",
    "advcl",
    "parataxis",
    "dep",
    "advmod",
    "npadvmod",
    "poss",
    "det",
    "case",
    "acl",
}


def _reason_of(r: Reading, clause, verb) -> bool:
    """Is this clause the reason the verb's object is praised or blamed for ("condemned the DPRK for providing
    Russia with ...", "accused Japan of distorting ..."; grammar list `reason_preps`)?"""
    prep = clause.head
    owner = prep.head  # the verb, or its object the parser hung the reason on ("accused X of ...")
    while owner.dep_ == "conj" and owner.head.i != owner.i:
        owner = owner.head  # "accused the United States and its allies of prolonging ..."
    return (
        clause.dep_ == "pcomp"
        and prep.dep_ == "prep"
        and (prep.head.i == verb.i or (owner.dep_ == "dobj" and owner.head.i == verb.i))
        and prep.lower_ in r.g.words.get("reason_preps", frozenset())
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def _complements(r: Reading, token) -> list:
    """The words under which a trigger's participants are looked for (a noun's light verb's too)."""
    passive = token.pos_ == "VERB" and reduced_passive(token)  # "DPRK-Russia declaration signed": its object
    # a passive whose doer 'by' names: its subject is what the active's object would be ("The Russian
    # delegation was received by Kim Yong Nam")
    done_by = token.pos_ == "VERB" and bool(by_phrase(token))
    roots = [
        c
        for c in token.children
        if c.dep_ not in NOT_COMPLEMENTS
        or (c.dep_ == "advcl" and is_purpose(c))
        or (passive and c.dep_ == "nsubj")
        or (done_by and c.dep_ == "nsubjpass")
        # "concerned by the test": what it is about
        or (c.dep_ == "agent" and said_to_be(r.match_trigger(token), token))
    ]
    # "arrived back in Pyongyang", "flew home to Beijing": the place hangs from the adverb
    roots += [p for c in token.children if c.dep_ == "advmod" for p in c.children if p.dep_ == "prep"]
    # "denounced what it called a hostile move led by Washington": the thing named is what was denounced
    labelling = r.g.words.get("labelling_verbs", frozenset())
    roots += [
        g
        for c in token.children
        if c.dep_ == "ccomp"
        and c.lemma_.lower() in labelling
        and any(w.tag_ == "WP" and w.dep_ == "dobj" for w in c.children)
        for g in c.children
        if g.dep_ in ("oprd", "dobj") and g.tag_ != "WP"
    ]
    if token.pos_ != "VERB":
        verb, link = governing_verb(token)
        if verb is not None and link == "object" and verb.lemma_.lower() in r.g.support_verbs:
            roots += [
                c
                for c in verb.children
                if c.dep_ not in NOT_COMPLEMENTS
                and c.i != token.i
                and token.i not in {t.i for t in c.subtree}
            ]
        roots += [c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() not in r.g.signing_verbs]
        # "an exhibition opened in Moscow"; "Month of solidarity with Koreans begins in Russia" (the period's)
        frame = period_of(token, r.g.words.get("period_nouns", frozenset()))
        roots += [c for c in frame.children if c.dep_ == "prep" and c.i != token.head.i] if frame else []
        subject = frame or token
        while subject.dep_ == "conj" and subject.head.i != subject.i:
            subject = subject.head
        if subject.dep_ in ("nsubj", "nsubjpass") and subject.head.lemma_.lower() in r.g.occurrence_verbs:
            roots += [c for c in subject.head.children if c.dep_ == "prep"]
        elif passive_of_light_verb(r, token):
            roots += [c for c in token.head.children if c.dep_ not in NOT_COMPLEMENTS]
    return roots


def _skipped_branch(r: Reading, node, kind: Kind, word) -> bool:
    """Is this branch of the complements of the trigger `word` no participant's: a clause of its own, an
    opponent, a source, what another event in them is against?"""
    g = r.g
    if node.dep_ == "prep" and node.head.i != word.i and node.head.pos_ == "NOUN":
        # "praised Putin's opposition to US hegemonism": what Putin opposes is no party to the praise
        other = r.match_trigger(node.head)
        if other is not None and other.kind != kind.id and r.res.kinds.kinds[other.kind].hostile:
            return True
    if node.dep_ == "nsubj" and reduced_passive(node.head):
        return False  # a headline's passive: its subject is what was acted on
    if node.dep_ == "nsubjpass" and node.head.pos_ == "VERB" and by_phrase(node.head):
        # "The Russian delegation was received by Kim Yong Nam": acted on, 'by' acts; but "Japan was concerned by
        # the test": Japan is the one concerned, no party
        return said_to_be(r.match_trigger(node.head), node.head)
    if node.dep_ == "nsubj" and names_its_own(node.head, g.words.get("labelling_verbs", frozenset())):
        return False  # "support for what Moscow calls its special military operation": Moscow's
    if node.dep_ in ("relcl", "ccomp", "parataxis", "nsubj", "nsubjpass", "csubj") or (
        node.dep_ == "advcl" and not is_purpose(node)
    ):
        return True
    if (
        node.dep_ == "prep"
        and node.lower_ in g.sequence_preps
        and any(c.dep_ == "pobj" and r.match_trigger(c) is not None for c in node.children)
    ):
        return True  # "arrived a week after his summit with Trump in Singapore": another event's parties
    if node.dep_ == "prep" and not kind.against_names_target and node.lower_ in g.opponent_preps:
        return True
    if node.dep_ == "prep" and node.lower_ == "of" and node.head.lemma_.lower() in g.hostile_nouns:
        return True  # "Putin's invasion of Ukraine", "U.S. intimidation of North Korea": the side attacked
    if node.dep_ == "prep" and node.lower_ in g.sourcing_preps:
        return True
    if subject_matter(r, node):
        return True
    # "a Ukrainian incursion": the adversary, not a partner
    return node.dep_ in ("amod", "compound") and node.head.lemma_.lower() in g.hostile_nouns


def _aimed_at(r: Reading, token, complements, own_opponents: bool = False) -> set[int]:
    """The heads of the branches of the complements that name the side something is aimed at: the object of an
    aiming word other than the trigger ("for hurting the dignity of the DPRK", "exercises for invading the
    DPRK"), the state joined to it by a hyphen ("the DPRK-targeted exercises") and what such a word is aimed
    'at'; and, below the trigger's own complements (or among them too, with `own_opponents`), what something is
    'against' ("drills against the DPRK")."""
    words = r.g.aiming_words
    heads: set[int] = set()
    for top in complements:
        for node in top.subtree:
            if node.i == token.i:
                continue
            if node.lemma_.lower() in words:
                heads.update(
                    c.i
                    for c in node.children
                    if c.dep_ in ("dobj", "npadvmod", "compound", "nmod")
                    or (c.dep_ == "prep" and c.lower_ in ("at", "on"))
                )
            elif (
                node.dep_ == "prep"
                and node.lower_ in r.g.opponent_preps
                and (own_opponents or node.head.i != token.i)
            ):
                heads.add(node.i)
    return heads


def aimed_at_states(r: Reading, token) -> set[str]:
    """The states the trigger's complements name as the side something is aimed at (see _aimed_at), its own
    'against' among them."""
    heads = _aimed_at(r, token, _complements(r, token), own_opponents=True)
    return {code for i in heads for code in r.discourse.phrase_codes(r.index.doc[i])}


def _another_event(r: Reading, noun, token, kind: Kind) -> bool:
    """Is this noun, inside the trigger's complements, a trigger of another kind of event?"""
    if noun.i == token.i or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    found = r.match_trigger(noun)
    return found is not None and found.kind != kind.id


def _names_a_place(r: Reading, prep) -> bool:
    """Is the object of this preposition a place the gazetteer names (a city, not a state)?"""
    mentions = r.index.mentions
    return any(
        c.dep_ == "pobj"
        and any(mentions.get(t.i) and mentions[t.i].type == "place" for t in (c, *c.children))
        for c in prep.children
    )


def roles(r: Reading, token, kind: Kind) -> tuple[set[str], list[tuple[str, str]]]:
    """(participants, locations) named in the trigger's complements: states, and (state, place) pairs."""
    g = r.g
    index = r.index
    participants: set[str] = set()
    locations: list[tuple[str, str]] = []
    if any(c.lower_ == "here" for c in token.children) and (here := r.here()):
        locations.append(here)
    if participle_misread_as_a_clause(r, token):
        participants |= agent(r, token.head)  # "Kim told visiting Chinese Premier Wen": Kim's side is visited
    stack = _complements(r, token)
    aimed_at = _aimed_at(r, token, stack)
    trigger = r.match_trigger(token)
    asking = trigger is not None and bool(trigger.complements)
    reasons: set[int] = set()  # the verbs of a reason clause: what they were done to is no party
    while stack:
        node = stack.pop()
        if node.i in index.ann_span_tokens:
            continue
        if _skipped_branch(r, node, kind, token):
            continue
        if node.i in aimed_at:  # the side aimed at is no party, nor what is criticised
            continue
        if kind.against_names_target and _done_by_its_own_state(r, node, token):
            continue
        if node.dep_ in ("dobj", "dative") and node.head.i in reasons:
            continue  # "accused the U.S. of prolonging the war ... of dealing Russia a setback": done to Russia
        if _reason_of(r, node, token):
            # "condemned the DPRK for providing Russia with ...": those the reason was done to are no party
            # to the criticism; those it was done with or where are ("in collaboration with the U.S.")
            stack.extend(c for c in node.children if c.dep_ not in ("dobj", "dative"))
            reasons.update(n.i for n in node.subtree if n.pos_ == "VERB")
            continue
        if kind.direction == "mutual" and node.dep_ == "poss" and _another_event(r, node.head, token, kind):
            continue  # "agreed to deal with North Korea's nuclear test": the test's doer is no party
        if node.dep_ in ("advcl", "xcomp") and node.pos_ == "VERB" and node.i != token.i:
            if node.head.i == token.i and asking:
                continue  # "urged the U.S. to withdraw its troops from south Korea": what was asked
            # "sent troops to fight for Russia": a purpose clause's partners are in its prepositions; where the
            # actors went, also in those of its object ("left here to attend the conference in Beijing")
            stack.extend(c for c in node.children if c.dep_ in ("prep", "xcomp", "advcl"))
            if kind.destination_places:
                stack.extend(
                    p for c in node.children if c.dep_ == "dobj" for p in c.children if p.dep_ == "prep"
                )
            continue
        stack.extend(node.children)
        mention = index.mentions.get(node.i)
        if mention is None or not mention.code or node.i != mention.start:
            if node.lower_ in PRONOUNS_AND_WHOM and node.dep_ in ("pobj", "dobj", "dative"):
                if node.lower_ == "whom":
                    participants |= r.discourse.phrase_codes(node.head.head.head) if node.head.head else set()
                elif node.dep_ != "poss":  # "Moscow condemns it": the test told before, so its doers
                    answered = r.discourse.last_told(kind.answers) if node.head.i == token.i else None
                    participants |= set(answered.actors) if answered else r.discourse.resolve_pronoun(node)
            elif (
                node.dep_ in ("pobj", "dobj", "dative", "nsubjpass")
                and node.lemma_ in g.person_nouns
                and is_definite(node)
                and not r.discourse.codes_in(node.subtree)
            ):
                # "A Chinese delegation arrived ... Kim met the delegation": the body named before
                participants |= r.discourse.definite(node)
            continue
        head = index.doc[mention.end - 1]
        place_like = mention.type == "place" or (
            mention.type == "adjective" and head.head.lemma_.lower() in g.place_nouns
        )
        # "in Dalian City, Liaoning Province of China": an 'of' after a place's name or a place noun is part
        # of the place; the preposition before it says where
        prep = next(
            (
                a
                for a in head.ancestors
                if a.dep_ == "prep"
                and not (
                    a.lower_ == "of"
                    and (
                        a.head.pos_ == "PROPN"
                        or a.head.lemma_.lower() in g.place_nouns
                        or _names_a_place(r, a)  # "in a park of Jakarta, Indonesia": in Jakarta
                    )
                )
                and not (a.lower_ in g.name_preps and in_name(a))  # "in the Alliance for the Study of ..."
            ),
            None,
        )
        locative = prep is not None and prep.lower_ in g.locative_preps
        if (
            mention.type == "country"
            and prep is not None
            and prep.head.i == token.i
            and (prep.lower_ in g.words.get("party_preps", ()) or prep.lower_ in _own_preps(r, token))
        ):
            locative = False  # "called on North Korea to ...", "disappointed in China": a party, not a place
        if place_like and (locative or kind.destination_places or mention.type == "adjective"):
            text = (
                mention.text
                if mention.type == "place"
                else " ".join(t.text for t in head.head.subtree if t.i <= head.head.i)
            )
            locations.append((mention.code, text))
        elif mention.type == "country" and locative and not kind.destination_places:
            locations.append((mention.code, mention.text))
        else:
            participants.add(mention.code)
    locations += _seat_places(r, token)
    if token.pos_ == "VERB":  # "departed for China to attend ...", parsed as "for China to attend"
        for clause in token.children:
            if clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "for" for c in clause.children
            ):
                for subject in (c for c in clause.children if c.dep_ == "nsubj"):
                    participants |= r.discourse.phrase_codes(subject)
    if kind.against_names_target and not participants and token.pos_ == "VERB":
        # "condemning Lee Myung Bak's racket kicked off under ...": what the clause it governs is about
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                participants |= r.discourse.phrase_codes(subject)
    if not locations and not participants and token.lemma_.lower() in g.arrival_verbs:
        # where the same visitors' journey told before went ("wrapped up a two-day visit to North Korea ... After
        # arriving on Thursday"), else where the story was filed ("VLADIVOSTOK, Russia (Reuters) - Kim arrived"),
        # unless the story told only of other states so far ("SEOUL - North Korea held a parade ... Shoigu, who
        # arrived on Tuesday, watched it": not in Seoul)
        earlier = r.discourse.last_told((kind.id,))
        produced = r.discourse.produced
        if earlier is not None and earlier.targets and set(earlier.actors) & agent(r, token):
            participants |= set(earlier.targets)
        elif index.dateline_place and (
            not produced or any(index.dateline_place[0] in (*c.actors, *c.targets) for c in produced)
        ):
            locations.append(index.dateline_place)
    if not locations and not participants and token.dep_ == "amod" and token.tag_ == "VBG":
        # "a reception at the embassy in Pyongyang attended by ... a visiting delegation of the PLA": the guests
        # visit where the event they are part of took place
        for verb in (a for a in token.ancestors if a.pos_ == "VERB"):
            locations = roles(r, verb, kind)[1]
            if locations:
                break
    return participants, locations


def _done_by_its_own_state(r: Reading, node, token) -> bool:
    """Is this the clause of a noun whose own state is named before it ("the U.S. decision to send tanks to
    Ukraine")? What that state decided to do, and to whom, is not the side criticised: the state of the noun
    is. (Its 'of' is left alone: "the U.S. intimidation of North Korea" names the victim, but KCNA's
    "X's ... of Y" often names a second culprit, and that reading cost a held-back event.)"""
    noun = node.head
    if noun.i == token.i or noun.pos_ != "NOUN" or node.dep_ != "acl":
        return False
    return any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and r.discourse.phrase_codes(c)
        for c in noun.children
        if c.i < noun.i
    )


def _own_preps(r: Reading, token) -> frozenset[str]:
    """The prepositions the trigger word needs, whose objects are its other side."""
    trigger = r.match_trigger(token)
    return trigger.preps if trigger is not None else frozenset()


def _seat_places(r: Reading, token) -> list[tuple[str, str]]:
    """Where the body acting stands, for a body of the seat nouns: "the DPRK embassy in Moscow gave a
    reception" and "a reception was given by the DPRK embassy in Moscow" took place in Moscow."""
    verb = predicate(token)
    if not r.g.seat_nouns or verb.pos_ not in ("VERB", "AUX"):
        return []
    places = []
    for body in doers(verb):
        if body.lemma_.lower() not in r.g.seat_nouns:
            continue
        for prep in body.children:
            if prep.dep_ != "prep" or prep.lower_ not in r.g.locative_preps:
                continue
            named = (r.index.mentions.get(node.i) for node in prep.subtree)
            place = next((m for m in named if m and m.code and m.type in ("place", "country")), None)
            if place is not None:
                places.append((place.code, place.text))
    return places
