"""What talks are about: a preposition after a noun of a kind with subject_preps names the matter, not a party."""

from __future__ import annotations

from crawler.extract.reading import Reading


def subject_matter(r: Reading, node) -> bool:
    """Is this what talks are about ("talks on the war in Ukraine", "held consultations on Monday about the
    situation in Syria"; kind option subject_preps): the states in it are no parties, unless named as partners
    in it?"""
    if node.dep_ != "prep":
        return False
    head = node.head
    nouns = (
        [head] if head.pos_ == "NOUN" else [c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    )
    for noun in nouns:  # the noun, or the object of the light verb the preposition hangs from
        found = r.match_trigger(noun)
        kind = r.res.kinds.kinds.get(found.kind) if found is not None else None
        if kind is not None and node.lower_ in kind.subject_preps:
            partners = r.g.words.get("partner_preps", frozenset())
            return not any(t.dep_ == "prep" and t.lower_ in partners for t in node.subtree)
    return False
