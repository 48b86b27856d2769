"""The two sides of an award: who gave it and who received it ("conferred on X", "X was awarded a medal",
"DPRK order")."""

from __future__ import annotations

from crawler.extract.named_after import named_after
from crawler.extract.reading import Reading
from crawler.extract.syntax import by_phrase, pruned


def award_sides(r: Reading, verb) -> tuple[set[str], set[str]]:
    """(givers, recipients) of an award: "conferred on X", "awarded to X", "X was awarded a medal" (the
    passive's subject receives); the giver acts ('by', the active subject), else the award's own state
    ("DPRK order", "a medal of the war veterans committee of Russia")."""
    phrase_codes = r.discourse.phrase_codes
    recipients = named_after(
        r, [verb], lambda child: child.dep_ in ("prep", "dative") and child.lower_ in ("on", "to", "upon")
    )
    awards = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    passive_subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if awards and passive_subjects:  # "Kim Jong Un was awarded a medal": the subject received it
        recipients |= set().union(*(phrase_codes(s) for s in passive_subjects))
    else:
        awards += passive_subjects  # "DPRK order was conferred on ...": the subject is the award
    givers = set().union(*(phrase_codes(g) for g in by_phrase(verb)))
    if not givers and not passive_subjects:
        givers = set().union(*(phrase_codes(s) for s in verb.children if s.dep_ == "nsubj"))
    if not givers:
        for award in awards:
            givers |= _own_codes(r, award)
    return givers - recipients, recipients


def _own_codes(r: Reading, noun) -> set[str]:
    """The states an award's phrase names ("DPRK order", "a medal commemorating the anniversary of the war
    veterans committee in the Maritime Territory of Russia"), not what it is given for ("for ...")."""
    reasons = {t.i for c in noun.subtree if c.dep_ == "prep" and c.lower_ == "for" for t in c.subtree}
    return r.discourse.codes_in(t for t in pruned(noun, {"relcl", "conj"}) if t.i not in reasons)
