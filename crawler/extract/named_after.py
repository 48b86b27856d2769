"""The states named after a preposition under some words: a message's senders ('from') and addressees ('to')."""

from __future__ import annotations

from crawler.extract.reading import Reading
from crawler.extract.syntax import names_recipient


def senders(r: Reading, nodes) -> set[str]:
    """The states named after 'from' under these words."""
    return named_after(r, nodes, lambda child: child.dep_ == "prep" and child.lower_ == "from")


def recipients(r: Reading, nodes) -> set[str]:
    """The states named after 'to' (or as a dative) under these words: a message's addressees."""
    return named_after(r, nodes, names_recipient)


def named_after(r: Reading, nodes, is_preposition) -> set[str]:
    """The states named in the objects of those children of these words that the test accepts."""
    found: set[str] = set()
    for node in nodes:
        for child in node.children:
            if is_preposition(child):
                found |= {c for p in child.children if p.dep_ == "pobj" for c in r.discourse.phrase_codes(p)}
    return found
