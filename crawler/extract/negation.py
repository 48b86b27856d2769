"""Whether an event a trigger reports did not happen: a reported absence ("did not attend", "no senior officials
attended", "not even China sent a delegation", "failed to send")."""

from __future__ import annotations

from crawler.extract.kinds import Trigger
from crawler.extract.reading import Reading
from crawler.extract.syntax import objects, predicate


def negated(r: Reading, token, trigger: Trigger) -> bool:
    """Did the event not happen: a negating trigger, 'not', 'no', or under a verb like 'failed to'?"""
    if trigger.negated:
        return True
    pred = predicate(token)
    for node in {token, pred}:
        if any(c.dep_ == "neg" for c in node.children) or _says_no(node):
            return True
    if any(_says_no(child) for child in objects(token)):
        return True
    if any(
        _says_no(c) or any(g.dep_ == "neg" for g in c.subtree if g.i < c.i)
        for c in pred.children
        if c.dep_ in ("nsubj", "nsubjpass")
    ):
        return True  # "No senior officials attended the reception", "not even China sent a delegation"
    if pred.i != token.i and pred.lemma_.lower() in r.g.negating_verbs:
        return True
    return any(a.lemma_.lower() in r.g.negating_verbs for a in pred.ancestors if a.pos_ == "VERB")


def _says_no(node) -> bool:
    """Does the word carry the determiner "no" ("no talks", "no senior officials")?"""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in node.children)
