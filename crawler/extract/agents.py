"""Who acts: the states of a trigger's subject or possessor, of 'by X', or of the clause it depends on, read
through the parser's usual misreadings (a participle read as a clause, a relative clause's 'which', an inverted or
absolute subject)."""

from __future__ import annotations

from crawler.extract.discourse import PRONOUNS
from crawler.extract.reading import Reading
from crawler.extract.syntax import by_phrase, governing_verb, possessor_hung_before, reduced_passive
from crawler.extract.triggers import said_to_be


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
        if participle_misread_as_a_clause(r, token):  # "told visiting Chinese Premier Wen": Wen visits
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


def participle_misread_as_a_clause(r: Reading, verb) -> bool:
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
