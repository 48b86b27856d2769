"""Who acts and who is acted on: the states of a trigger's subject or possessor (actors), and those of its
complements (participants, which become targets or co-actors) and the places named there."""

from __future__ import annotations

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
    possessor_hung_before,
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


def _finite_clause_parsed_as_a_noun(r: Reading, token) -> bool:
    """Is this participle hung from the noun that is its sentence's root the sentence's own verb, the noun its
    subject? So for a going somewhere ('here', 'home', 'for' a place) in a sentence of the body, with no other
    verb, ending in a full stop: "The Chinese delegation left here on Sunday." (parsed as "the delegation [that
    was] left here"); not "Kim Jong Un's works posted on websites of ...", done to the works."""
    noun = token.head
    sent = token.sent
    going = any(
        (c.dep_ == "advmod" and c.lower_ in ("here", "home")) or (c.dep_ == "prep" and c.lower_ == "for")
        for c in token.children
    )
    return (
        going
        and noun.dep_ == "ROOT"
        and noun.pos_ in ("NOUN", "PROPN")
        and sent.start_char >= r.story.headline_end
        and sent.text.rstrip().endswith(".")
        and not any(t.pos_ in ("VERB", "AUX") and t.i != token.i and t.head.i == noun.i for t in sent)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in token.children)
    )


def agent(r: Reading, token, depth: int = 0) -> set[str]:
    """The states acting: the subject, a possessor, 'by X', or those of the clause it depends on."""
    if depth > 6:
        return set()
    phrase_codes = r.discourse.phrase_codes
    if token.pos_ in ("VERB", "AUX"):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
        if said_to_be(r.match_trigger(token), token):
            # "Moscow was concerned about ...": its subject, whatever 'by' names
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and reduced_passive(token):
            subjects = []  # a headline's passive without "was" ("Kim praised by Russian president"): 'by' acts
        if subjects:
            codes: set[str] = set()
            for subject in subjects:
                if len(subjects) > 1 and any(
                    c.dep_ == "poss" and c.lower_ in PRONOUNS for c in subject.children
                ):
                    continue  # "Perez, minister of ..., and his party arrived": his party is Perez's own
                codes |= phrase_codes(subject)
            if not codes and token.dep_ == "relcl" and subjects[0].tag_ in ("WDT", "WP"):
                # "the U.S. which imposed sanctions": who 'which' is
                codes = _antecedent_codes(r, token)
            return codes
        agents = by_phrase(token)
        if agents:
            return set().union(*(phrase_codes(a) for a in agents))
        passive = [c for c in token.children if c.dep_ == "nsubjpass"]
        if passive:
            # "a floral basket in the name of Kim Jong Un was laid": the sender acts
            codes = set()
            for node in [t for p in passive for t in p.subtree] + list(token.subtree):
                if node.lemma_.lower() in r.g.proxy_nouns and node.head.dep_ == "prep":
                    for prep in node.children:
                        if prep.dep_ == "prep" and prep.lower_ == "of":
                            codes |= {c for p in prep.children if p.dep_ == "pobj" for c in phrase_codes(p)}
            return codes
        inverted = _inverted_subjects(token)
        if inverted is not None:
            return set().union(*(phrase_codes(g) for g in inverted))
        absolute = _absolute_subject(r, token)
        if absolute is not None:
            return phrase_codes(absolute)
        if _participle_misread_as_a_clause(r, token):  # "told visiting Chinese Premier Wen": Wen visits
            return {code for c in token.children if c.dep_ == "dobj" for code in phrase_codes(c)}
        if token.dep_ == "conj" and any(c.dep_ == "dobj" for c in token.children):
            # "The delegation was received by Kim and laid a wreath": the passive's subject does the active
            # verb joined to it, not its 'by'
            patients = [c for c in token.head.children if c.dep_ == "nsubjpass"]
            if patients and token.head.pos_ == "VERB":
                return set().union(*(phrase_codes(p) for p in patients))
        if token.dep_ in ("conj", "xcomp", "advcl", "acomp"):
            return agent(r, token.head, depth + 1)
        if token.dep_ == "pcomp":
            return agent(r, token.head.head, depth + 1)
        if token.dep_ == "amod" and token.tag_ == "VBG":
            return phrase_codes(token.head)  # "the visiting Russian delegation": the noun does it
        if token.dep_ == "acl" and token.tag_ == "VBN":
            if _finite_clause_parsed_as_a_noun(r, token):
                return phrase_codes(token.head)  # "The Chinese delegation left here on Sunday."
            # "Kim Jong Un's works posted on websites of Russian organizations": done to the noun
            return set()
        if token.dep_ in ("acl", "relcl"):
            codes = phrase_codes(token.head)
            if not codes and token.dep_ == "acl" and token.head.dep_ == "dobj":
                # "X issued a statement denouncing ...": who issued it denounces
                return agent(r, token.head.head, depth + 1)
            return codes
        return set()
    codes = set()
    mentions = r.index.mentions
    # a noun that names what another is made of ("China's aid materials", "Chinese aid rice"): the other's
    # possessor and modifiers are its own
    owners = [*token.children, *token.head.children] if token.dep_ == "compound" else list(token.children)
    for child in owners:
        if child.i == token.i:
            continue
        if child.dep_ == "poss":
            codes |= phrase_codes(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    codes |= phrase_codes(pobj)
        elif child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in r.g.support_verbs:
            # "Reception given by Chinese embassy": the one who gave it is the one whose reception it is
            # (not "talks supported by Russia", "visit reported by Russian media")
            codes |= {code for g in by_phrase(child) for code in phrase_codes(g)}
        elif child.dep_ in ("compound", "amod", "nmod") and child.i in mentions:
            # "Chinese and Russian support": each adjective's state
            for word in [child, *(c for c in child.children if c.dep_ == "conj" and c.i in mentions)]:
                mention = mentions[word.i]
                if mention.type != "place":
                    codes.add(mention.code)
    if not codes:  # "North Korea's latest ballistic missile (SLBM) test"
        codes = {code for owner in possessor_hung_before(token) for code in phrase_codes(owner)}
    if codes:
        return codes
    verb, link = governing_verb(token)
    if verb is not None and passive_of_light_verb(r, token):
        # "Messages were sent to Kim by Putin": the passive's 'by' names the sender
        return {code for g in by_phrase(verb) for code in phrase_codes(g)}
    if verb is None or link == "subject":
        return set()
    if token.dep_ == "pobj" and token.head.lower_ in r.g.cause_preps:
        return set()  # "China summons N. Korean ambassador over nuclear test": the test is not China's
    if link == "object" and verb.lemma_.lower() in r.g.words.get("labelling_verbs", frozenset()):
        return set()  # "Putin called the nuclear test a provocation": what he named, not what he did
    stance, own = r.match_trigger(verb), r.match_trigger(token)
    if stance is not None and stance.transitive and own is not None and own.kind != stance.kind:
        # "North Korea condemned the joint exercises of South Korea and the U.S.": what was condemned is
        # theirs, not the condemner's
        return set()
    return agent(r, verb, depth + 1)


def _participle_misread_as_a_clause(r: Reading, verb) -> bool:
    """Is this '-ing' word an adjective the parser read as a clause of the verb before it ("Kim told visiting
    Chinese Premier Wen": 'visiting' taken as told's complement, Wen as its object): right after a verb that
    has no object of its own, before a name or a noun for people (not "contemplating staging exercises")?"""
    head = verb.head
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("xcomp", "advcl")
        and verb.i == head.i + 1
        and head.pos_ == "VERB"
        and not any(c.dep_ in ("dobj", "dative") for c in head.children)
        and any(
            c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.lemma_.lower() in r.g.person_nouns)
            for c in verb.children
        )
    )


def _antecedent_codes(r: Reading, clause) -> set[str]:
    """The state named right before a relative clause's 'which' or 'who', where the parser hung the clause
    elsewhere ("voiced opposition to the U.S. which imposed sanctions": the U.S. imposed them); not a place
    ("a parade in the Chinese capital that marked ...")."""
    relative = next((c for c in clause.children if c.tag_ in ("WDT", "WP") and c.i < clause.i), None)
    if relative is None or relative.i == 0:
        return set()
    mention = r.index.mentions.get(relative.i - 1)
    return {mention.code} if mention and mention.code and mention.type != "place" else set()


def _absolute_subject(r: Reading, verb):
    """The subject of an absolute clause the parser split ("..., with China, the North's closest ally, voting in
    favor": 'with China' and 'voting' both hang from the main verb): the object of the preposition (grammar list
    `absolute_preps`) that ends right before the '-ing' verb, or None."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj"):
        return None
    for prep in verb.head.children:
        if prep.dep_ != "prep" or prep.lower_ not in r.g.words.get("absolute_preps", frozenset()):
            continue
        between = verb.doc[prep.right_edge.i + 1 : verb.i]
        if prep.i < verb.i and all(t.is_punct for t in between):
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


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


def _inverted_subjects(verb) -> list | None:
    """The subjects after an inverted "were", or None when the verb has none: "Leaving for home were the
    delegations of China and Germany" (the verb is the subject of "were"), "Left here for home were the
    delegations of ..." (the parser hung "were" under the verb)."""
    bes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lemma_ == "be"]
    subjects = [g for b in bes for g in b.children if g.dep_ in ("attr", "nsubj")]
    if subjects:
        return subjects
    if verb.dep_ == "csubj" and verb.head.lemma_ == "be":
        return [c for c in verb.head.children if c.dep_ in ("attr", "nsubj") and c.i != verb.i]
    return None


def passive_of_light_verb(r: Reading, token) -> bool:
    """Is this noun the passive subject of a light verb ("A letter was delivered to Kim", "a reception was
    given")? Then the verb's complements ('to', 'from', 'by') are the noun's."""
    return (
        (token.dep_ == "nsubjpass" or (token.dep_ == "nsubj" and reduced_passive(token.head)))
        and token.head.pos_ == "VERB"
        and token.head.lemma_.lower() in r.g.support_verbs
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
    if _participle_misread_as_a_clause(r, token):
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
