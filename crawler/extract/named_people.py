"""The people of the gazetteer a trigger names as its sides: who met whom, by name.

Two mentions of one pair's meeting on one day are one event, unless they name different people of one state
("Kim received Belousov in the evening" after "Belousov held talks with Defence Minister No Kwang Chol"):
merged_events keeps them apart where the kind says so (kind option `apart_by_people`).
"""

from __future__ import annotations

# the dependents of a trigger that name its sides: its doer, what it was done to, who it was done with
_SIDE_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "dative", "poss", "agent", "prep"))
_SIDE_PREPS = frozenset(("with", "to", "between", "by", "for", "from"))
# clauses of their own inside a side: their people are not the event's ("Xi, who met Kim in March, ...");
# a clause of leading is ("a delegation led by Volodin")
_CLAUSES = frozenset(("relcl", "ccomp", "advcl", "xcomp", "parataxis", "prep", "acl", "punct", "cc", "conj"))

Person = tuple[str, frozenset[str]]  # (state code, the words of the name as written)


def _heads(token) -> list:
    """The words whose dependents name the event's sides: the trigger, and a light verb it is the object of
    ("held talks with Xi": 'held')."""
    heads = [token]
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj" and token.head.pos_ in ("VERB", "AUX"):
        heads.append(token.head)
    return heads


def _sides(head) -> list:
    """The noun phrases naming the sides of one head word: its subject and objects, the objects of its
    'with', 'to', 'between', 'by' (an agent), and their conjuncts."""
    found = []
    for child in head.children:
        if child.dep_ not in _SIDE_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ not in _SIDE_PREPS:
            continue
        if child.dep_ in ("prep", "agent"):
            found += [g for g in child.children if g.dep_ == "pobj"]
        else:
            found.append(child)
    return found


def named_people(mentions: dict, token, leading_verbs: frozenset[str]) -> frozenset[Person]:
    """The people of the gazetteer a trigger names as its doer or the one it was done with or to, each as its
    state and the words of its name ("Kim", "Kim Jong Un"): none for a title alone ("the Russian minister")."""
    people: set[Person] = set()
    for head in _heads(token):
        for phrase in _sides(head):
            stack = [phrase]
            while stack:
                word = stack.pop()
                mention = mentions.get(word.i)
                if mention is not None and mention.type == "person" and mention.code:
                    people.add((mention.code, frozenset(mention.text.lower().replace("-", " ").split())))
                for child in word.children:
                    if child.dep_ == "conj" and (word.i == phrase.i or word.dep_ == "conj"):
                        stack.append(child)  # "Kim and Putin"
                    elif child.dep_ == "acl" and child.lemma_.lower() in leading_verbs:
                        stack += [p for by in child.children if by.dep_ == "agent" for p in by.children]
                    elif child.dep_ not in _CLAUSES:
                        stack.append(child)
    return frozenset(people)


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name is the other's, whole or shortened ("Kim" and "Kim Jong Il" may be one person)."""
    return a <= b or b <= a


def different_people(a: frozenset[Person], b: frozenset[Person]) -> bool:
    """Do two mentions name different people of one state on their sides (and none of that state in common):
    two meetings, not one told twice?"""
    for code in {code for code, _ in a} & {code for code, _ in b}:
        ours = [name for c, name in a if c == code]
        theirs = [name for c, name in b if c == code]
        if not any(_same_person(x, y) for x in ours for y in theirs):
            return True
    return False
