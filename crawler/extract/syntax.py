"""Walks over a parse tree that the readers of roles, dates, triggers and filters share."""

from __future__ import annotations

from collections.abc import Iterator

FINITE = frozenset(("VBZ", "VBD", "VBP", "MD"))  # tags of a finite verb


def pruned(
    head, prune_deps: set[str], keep_preps: set[str] | None = None, name_preps: frozenset[str] = frozenset()
) -> Iterator:
    """The subtree of `head` without the branches labelled `prune_deps` (and prepositions not kept, unless
    one of `name_preps` joins two parts of a proper name: "the Party for Peace and Unity of Russia")."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        for child in token.children:
            if child.dep_ in prune_deps:
                continue
            if (
                keep_preps is not None
                and child.dep_ == "prep"
                and child.lower_ not in keep_preps
                and not (child.lower_ in name_preps and in_name(child))
            ):
                continue
            stack.append(child)


def in_name(prep) -> bool:
    """Does the preposition join two capitalised parts of one name ("Association for Friendship")? A person's
    name ends before it ("a gift from Xi Jinping for Kim": Kim is no part of Xi's name)."""
    return (
        prep.head.pos_ == "PROPN"
        and prep.head.ent_type_ != "PERSON"
        and any(c.dep_ == "pobj" and c.pos_ == "PROPN" and c.text[:1].isupper() for c in prep.children)
    )


def reduced_passive(token) -> bool:
    """A participle with a subject and no 'was' ("Homage paid to Kim by the envoy", "Wreaths laid"): a
    headline's passive, which the parser reads as an active verb whose subject is really its object."""
    return (
        (
            any(c.dep_ == "agent" for c in token.children)
            # a participle with a direct object is an active past tense the tagger misread ("The German
            # company on Nov. 8 posted on its homepage an article")
            or (token.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in token.children))
        )
        and token.pos_ == "VERB"
        and any(c.dep_ == "nsubj" for c in token.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
    )


def by_phrase(verb) -> list:
    """The objects of a passive's 'by' ("a reception given by the DPRK embassy"): who acted; with the rest of a
    long list of them the parser cut off and hung on the verb as its object after a comma ("was reported by
    Xinhua, ..., the Cambodian paper Phnom Penh Post, the Bangladeshi papers Ekota and Blits, ...": a passive
    has no object of its own after its 'by')."""
    found = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if found:
        last = max(t.i for g in found for t in g.subtree)
        found += [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "appos", "npadvmod") and c.i > last and c.doc[c.left_edge.i - 1].text == ","
        ]
    return found


def doers(verb, besides=None) -> list:
    """Who acted, named as the verb's 'by' objects or (unless it is a headline's passive) its subjects;
    `besides` is a word left out of the subjects (the trigger itself)."""
    found = by_phrase(verb)
    if not reduced_passive(verb):
        found += [c for c in verb.children if c.dep_ == "nsubj" and (besides is None or c.i != besides.i)]
    return found


def acted_together(token, distributive: frozenset[str] = frozenset()) -> bool:
    """Did several act as one, named together as the doers of the word or of the verb it is the object of
    ("China and Russia vetoed the draft", "the Chinese and Russian ministries voiced regret"), rather than
    each in a clause of its own ("China and Russia said they regretted it") or each on its own, by one of the
    `distributive` words ("China and Russia both voted in favor")?"""
    verb = predicate(token)
    named = doers(verb) + [c for c in token.children if c.dep_ == "poss"]
    words = [t for doer in named for t in pruned(doer, {"relcl", "acl", "prep"})]
    if any(
        t.lower_ in distributive for t in [*verb.children, *words, *(a for d in named for a in d.children)]
    ):
        return False
    return any(t.dep_ == "conj" for t in words)


def objects(token) -> list:
    """The word's objects and complements (with their conjuncts, modifiers and prepositional objects)."""
    result = []
    if token.dep_ == "acl" and token.tag_ == "VBN":
        result.append(token.head)  # "Kim Jong Il's work published in Russia": the noun is what was published
    passive = reduced_passive(token)
    for child in token.children:
        if child.dep_ in ("dobj", "attr", "oprd", "dative", "nsubjpass", "prt", "obj") or (
            passive and child.dep_ == "nsubj"
        ):
            result.append(child)
            # "received Sergei Naryshkin, director of ...": the appositive says who the object is
            result.extend(
                c for c in child.children if c.dep_ in ("conj", "compound", "amod", "prep", "appos")
            )
            result.extend(  # "a wreath of flowers"; not a source: "received a letter from the president"
                g
                for c in child.children
                if c.dep_ == "prep" and c.lower_ != "from"
                for g in c.children
                if g.dep_ == "pobj"
            )
        elif child.dep_ == "prep" and child.lower_ not in ("from", "as"):
            # not a role either: "received a basket on his election as first chairman"
            result.extend(c for c in child.children if c.dep_ == "pobj")
        elif free_relative(child):
            # a free relative: "fired what appeared to be a ballistic missile", "launched what it called a new
            # type of weapon": the thing it names
            for named in (n for n in child.subtree if n.dep_ in ("attr", "oprd")):
                result.append(named)
                result.extend(
                    g for c in named.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
                )
    return result


def descriptions(noun) -> list:
    """What a relative clause of being says its noun is: "who is concurrently the chairman of ...", "who
    doubles as the chairman of ...", "who serves as ..." (the same person, so the words are the noun's own)."""
    found = []
    for clause in noun.children:
        if clause.dep_ != "relcl":
            continue
        if clause.lemma_ == "be":
            found += [a for a in clause.children if a.dep_ == "attr"]
        elif clause.lemma_ in ("double", "serve", "act"):
            found += [
                o
                for p in clause.children
                if p.dep_ == "prep" and p.lower_ == "as"
                for o in p.children
                if o.dep_ == "pobj"
            ]
    return found


def free_relative(clause) -> bool:
    """Is this clausal object a free relative naming a thing ("fired what appeared to be a missile", "launched
    what it called a new weapon")?"""
    return clause.dep_ == "ccomp" and any(c.lower_ == "what" and c.tag_ == "WP" for c in clause.children)


def is_definite(noun) -> bool:
    """Does the noun carry 'the' ("the talks", "the test", "the delegation")?"""
    return any(c.lower_ == "the" for c in noun.children)


def names_recipient(child) -> bool:
    """Is this complement the one a thing goes to: 'to X' or a dative ("wrote to Kim", "gave Kim a gift")?"""
    return (child.dep_ == "prep" and child.lower_ == "to") or child.dep_ == "dative"


def governing_verb(token):
    """The verb a noun hangs from (through objects and prepositions), with the last link's label."""
    current = token
    while current.head.i != current.i and current.pos_ not in ("VERB", "AUX"):
        if current.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return current.head, "subject"
        current = current.head
    return (current, "object") if current.i != token.i else (None, "")


def predicative(token) -> bool:
    """Is the word a predicate after "be" ("was disappointed in China"): an adjective, or a participle ("was
    concerned about", which the parser may read as a passive)?"""
    return (token.dep_ == "acomp" and token.pos_ in ("ADJ", "VERB")) or (
        token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)
    )


def predicate(token):
    """The word itself if it is a verb, else the verb it hangs from (else the word)."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    verb, _ = governing_verb(token)
    return verb or token


def is_purpose(clause) -> bool:
    """Is this clause a subjectless 'to ...' infinitive ('deployed troops to fight for Russia')?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children
    )


def mark_participles(
    doc,
    headline_end: int,
    transitive: frozenset[str],
    asking: frozenset[str] = frozenset(),
    verbs: frozenset[str] = frozenset(),
) -> None:
    """Past tenses and participles the tagger confused, in one pass over the document.

    In the headline, a past tense of a transitive verb with a subject and no object or auxiliary is its passive
    ("Protocol signed between DPRK and China", "Talks held"): a participle; so is one of the asking verbs with
    only an infinitive ("U.S. urged to withdraw its forces"). In the body, a participle heading a clause with a
    subject and no auxiliary, object or 'by' is a past tense ("China on Wednesday called on North Korea to
    refrain ..."): a passive without "was" is a headline's way of writing, not a body's. A 'by' the parser made
    the doer of a verb in no passive form is a preposition ("will always stand by the Workers' Party"). A
    participle of one of `verbs` read as an adjective after a copula is that verb ("China was firmly opposed to
    the test": it opposes the test, the copula's subject its doer).
    """
    for token in doc:
        if token.pos_ == "ADJ" and token.dep_ == "acomp" and token.lower_.endswith("ed"):
            lemma = next((w for w in (token.lower_[:-1], token.lower_[:-2]) if w in verbs), None)
            if lemma is not None:
                token.pos_, token.tag_, token.lemma_ = "VERB", "VBN", lemma
            continue
        if token.pos_ != "VERB" and token.tag_ != "VBD":
            continue
        deps = {c.dep_ for c in token.children}
        if "agent" in deps and "auxpass" not in deps and token.tag_ in ("VB", "VBP", "VBZ"):
            for child in token.children:
                if child.dep_ == "agent":
                    child.dep_ = "prep"
        if "nsubj" not in deps:
            continue
        if token.idx < headline_end:
            complements = (
                HEADLINE_COMPLEMENTS if token.lemma_.lower() in asking else HEADLINE_COMPLEMENTS_XCOMP
            )
            if token.tag_ == "VBD" and token.lemma_.lower() in transitive and not deps & complements:
                token.tag_ = "VBN"
        elif (
            token.tag_ == "VBN"
            and token.pos_ == "VERB"
            and token.dep_ in ("ROOT", "ccomp", "conj")
            and not deps & {"aux", "auxpass", "agent", "dobj"}
        ):
            token.tag_ = "VBD"


HEADLINE_COMPLEMENTS = frozenset({"dobj", "aux", "auxpass", "attr", "dative", "ccomp"})
HEADLINE_COMPLEMENTS_XCOMP = HEADLINE_COMPLEMENTS | {"xcomp"}


def third_person(verbs) -> dict[str, str]:
    """The third-person singular of each verb ("leave" -> "leaves", "reply" -> "replies"), to its lemma."""
    forms = {}
    for verb in verbs:
        if verb.endswith("y") and verb[-2:-1] not in "aeiou":
            forms[verb[:-1] + "ies"] = verb
        elif verb.endswith(("s", "sh", "ch", "x", "z", "o")):
            forms[verb + "es"] = verb
        else:
            forms[verb + "s"] = verb
    return forms


def mark_headline_verbs(doc, headline_end: int, forms: dict[str, str]) -> None:
    """A headline read as one noun phrase whose head is a trigger verb's third person ("Korean art troupe
    leaves for China": 'leaves' tagged a plural noun): that word is the verb, the noun before it its subject."""
    for token in doc:
        if token.idx >= headline_end:
            break
        lemma = forms.get(token.lower_)
        if lemma is None or token.tag_ != "NNS":
            continue
        if token.dep_ == "ROOT":
            subjects = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
            if subjects:
                token.pos_, token.tag_, token.lemma_ = "VERB", "VBZ", lemma
                subjects[-1].dep_ = "nsubj"
        elif token.dep_ == "compound" and token.head.dep_ == "ROOT" and token.head.i > token.i:
            _verb_inside_noun_phrase(token, lemma, token.head)
        elif token.dep_ == "nsubj" and token.head.i > token.i:
            # "Russian political party lauds brilliant life of Kim Jong Il": 'lauds' read as the subject of
            # a word of the noun phrase after it
            thing = token.head
            while thing.dep_ != "ROOT" and thing.head.i > token.i:
                thing = thing.head
            if thing.dep_ == "ROOT" and thing.pos_ in ("NOUN", "PROPN"):
                _verb_inside_noun_phrase(token, lemma, thing)


NOUN_MODIFIERS = ("compound", "amod", "poss", "det", "nmod", "nummod")


def mark_headline_final_verb(doc, headline_end: int, lemmas: frozenset[str]) -> None:
    """A verbless headline that ends in a verb's bare form ("Koreans from Japan arrive", "Jong Ju Yong and
    his party leave", "Photo shows open"): the tagger read the verb as a noun at the end of one long noun
    phrase. That word is the verb, and the noun phrase before it its subject."""
    if headline_end <= 0:
        return
    span = doc.char_span(0, headline_end, alignment_mode="contract")
    if span is None:
        return
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if len(words) < 2:
        return
    verb, before = words[-1], words[-2]
    if verb.lower_ in lemmas and verb.dep_ == "ROOT" and verb.pos_ != "VERB":
        if any(c.dep_ == "nsubj" for c in verb.children):  # parsed as the verb, tagged as a noun
            verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBP", verb.lower_
        return
    if (
        verb.lower_ not in lemmas
        or verb.dep_ == "ROOT"
        or any(t.pos_ in ("VERB", "AUX") for t in words[:-1])
        or before.pos_ in ("DET", "ADP", "PRON", "NUM")  # "on his return", "the open"
    ):
        return
    head = {t.i: t.head.i for t in span}
    dep = {i: doc[i].dep_ for i in head}
    inside = {t.i for t in words[:-1]}
    old_head = head[verb.i]
    # the noun phrase just before the verb takes its place ("from Japan", "of Laos and Vietnam"); the verb's
    # other modifiers before it hang from that phrase's head
    phrase = before.i
    while head[phrase] != verb.i and head[phrase] in inside and head[phrase] != phrase:
        phrase = head[phrase]
    if head[phrase] != verb.i:
        phrase = before.i
    if old_head != verb.i and old_head in inside and old_head != phrase:
        head[phrase], dep[phrase] = old_head, dep[verb.i]
    for i in inside:
        if head[i] == verb.i and i != phrase and dep[i] in NOUN_MODIFIERS:
            head[i] = phrase
    tops = [i for i in sorted(inside) if head[i] == i or head[i] not in inside or head[i] == verb.i]
    if not tops:
        return
    subject = tops[0]
    head[verb.i], dep[verb.i] = verb.i, "ROOT"
    head[subject], dep[subject] = verb.i, "nsubj"
    for i in tops[1:]:
        head[i] = subject
    for i in head:
        if doc[i].is_punct and head[i] in inside and i > verb.i:
            head[i] = verb.i
    if not _a_tree(head, verb.i):
        return
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBP", verb.lower_
    for i in _top_down(head, verb.i):  # parents first: the tree stays whole at every step
        doc[i].head, doc[i].dep_ = doc[head[i]], dep[i]


def _a_tree(head: dict[int, int], root: int) -> bool:
    """Does every word lead to the root without a cycle?"""
    for start in head:
        seen, node = set(), start
        while node != root:
            if node in seen or node not in head:
                return False
            seen.add(node)
            node = head[node]
    return True


def _top_down(head: dict[int, int], root: int) -> list[int]:
    """The words in breadth-first order from the root."""
    children: dict[int, list[int]] = {}
    for i, h in head.items():
        if i != root:
            children.setdefault(h, []).append(i)
    order, queue = [root], [root]
    while queue:
        queue = [c for q in queue for c in children.get(q, [])]
        order += queue
    return order


def _verb_inside_noun_phrase(verb, lemma: str, thing) -> None:
    """ "Russian ambassador hosts reception" read as one noun phrase (the verb a compound of its object,
    `thing`): the verb becomes the root, the noun after it its object, the words before it its subject."""
    before = [t for t in verb.sent if t.i < verb.i and t.head.i in (verb.i, thing.i)]
    nouns = [c for c in before if c.pos_ in ("NOUN", "PROPN")]
    # a headline with a finite verb of its own is left as parsed; an infinitive of purpose is no such verb
    # ("Russian Ambassador Hosts Reception to Commemorate Day of Shining Star")
    if not nouns or any(t.pos_ == "AUX" or (t.pos_ == "VERB" and t.tag_ in FINITE) for t in verb.sent):
        return
    subject = nouns[-1]
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBZ", lemma
    verb.head, verb.dep_ = verb, "ROOT"
    subject.head, subject.dep_ = verb, "nsubj"
    for word in before:
        if word.i != subject.i:
            word.head = subject
    for word in thing.children:
        if word.dep_ == "punct" and word.i > thing.i:
            word.head = verb
    thing.head, thing.dep_ = verb, "dobj"


def hyphenated(noun) -> tuple[str, ...]:
    """A noun the tokenizer split at its hyphen, whole ("write-ups", "write-up"), or nothing."""
    start = noun.i
    doc = noun.doc
    while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].dep_ == "compound":
        start -= 2
    if start == noun.i:
        return ()
    head = doc[start : noun.i].text.lower()
    return (head + noun.lower_, head + noun.lemma_.lower())


def hyphen_word(token) -> str:
    """The word the tokenizer split at its hyphens, read from its first part ("vice" of "vice-chairman",
    parsed as the subject while "chairman" hangs from it), lower-cased; the token's own lemma otherwise."""
    doc = token.doc
    end = token.i
    while (
        end + 2 < len(doc)
        and not doc[end].whitespace_
        and doc[end + 1].text == "-"
        and not doc[end + 1].whitespace_
    ):
        end += 2
    if end == token.i:
        return token.lemma_
    return doc[token.i : end].text.lower() + doc[end].lemma_.lower()


def names_the_occasion_again(token, nouns: frozenset[str], named: dict | set) -> bool:
    """Is this word a definite noun of `nouns` with no name of its own ("on the occasion", "marking the
    anniversary"; not "the 70th anniversary", "the occasion of ...", nor a word of a name already found in
    `named`)?"""
    return (
        token.lemma_.lower() in nouns
        and token.i not in named
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ in ("prep", "amod", "nummod", "compound") for c in token.children)
    )


def possessor_hung_before(noun) -> list:
    """The possessors the parser hung on a modifier before the noun rather than on the noun ("North Korea's
    latest ballistic missile (SLBM) test": on 'missile'): a possessor opens the whole phrase, and is the noun's."""
    return [
        g
        for child in noun.children
        if child.dep_ in ("compound", "nmod") and child.i < noun.i
        for g in child.children
        if g.dep_ == "poss"
    ]


def period_of(noun, periods: frozenset[str]):
    """The period a noun is the 'of' complement of ("Month of solidarity with the Korean people", "week of
    friendship"), else None: the period's complements and its verb tell where and with whom the event was."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in periods:
        return None
    return of.head


def state_subject_before(token, mentions) -> set[str]:
    """The states of the latest subject before the word in its own sentence that names a state (by `mentions`,
    the gazetteer's names, no pronoun), not a person: an 'its' there is that state's ("The North announced ...
    after the Security Council condemned its rocket launch": the North's), before any sentence before."""
    doc = token.doc
    for t in (doc[i] for i in range(token.i - 1, token.sent.start - 1, -1)):
        if (
            t.dep_ not in ("nsubj", "nsubjpass")
            or t.pos_ == "PRON"
            or t.left_edge.i <= token.i <= t.right_edge.i
            # not a subject of two ("South Korea and Japan said, as its foreign minister travelled"): 'its' is one
            or any(c.dep_ == "conj" for c in t.children)
        ):
            continue
        found = [mentions[w.i] for w in t.subtree if w.i in mentions]
        codes = {m.code for m in found if m.code}
        if codes and not any(m.type == "person" for m in found):
            return codes
    return set()


def only_state_before(token, mentions) -> set[str]:
    """The one state named before the word in its own sentence, not as a person's, where one alone is: an 'its'
    there is that state's ("The U.N. Security Council imposed sanctions on North Korea, following its fourth
    nuclear test")."""
    found = [mentions[i] for i in range(token.sent.start, token.i) if i in mentions]
    if any(m.type == "person" for m in found):
        return set()
    codes = {m.code for m in found if m.code}
    return codes if len(codes) == 1 else set()


def pair_subject_before(token, mentions) -> set[str]:
    """The states of the latest subject before the word in its own sentence that joins two or more who name
    states: a 'their' there is theirs ("Kim and Putin have forged closer ties since their summit")."""
    doc = token.doc
    for t in (doc[i] for i in range(token.i - 1, token.sent.start - 1, -1)):
        if t.dep_ not in ("nsubj", "nsubjpass") or not any(w.dep_ == "conj" for w in t.subtree):
            continue
        codes = {mentions[w.i].code for w in t.subtree if w.i in mentions and mentions[w.i].code}
        if len(codes) > 1:
            return codes
    return set()


def names_its_own(verb, labelling: frozenset[str]) -> bool:
    """Is this a free relative after a preposition, naming a thing by its owner's name for it ("for what Moscow
    calls its special military operation"; `labelling` is the grammar list `labelling_verbs`)? Not one after
    "in", which comments on what was done ("signed a treaty, in what Chinese experts described as normal
    cooperation": the experts' words, not theirs)."""
    return (
        verb.dep_ in ("pcomp", "pobj")
        and verb.head.lower_ != "in"
        and verb.lemma_.lower() in labelling
        and any(c.tag_ == "WP" and c.dep_ == "dobj" for c in verb.children)
    )
