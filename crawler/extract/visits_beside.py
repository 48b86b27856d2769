"""The second event a trigger word reports, with the same sides: where another state honours the outlet's own
state where it is, it is on a visit there too."""

from __future__ import annotations

import dataclasses

from crawler.extract.event_types import Candidate
from crawler.extract.kinds import Trigger
from crawler.extract.reading import Reading


def visit_beside(r: Reading, found: Candidate, trigger: Trigger) -> Candidate | None:
    """The second event of a trigger with `also_kind`, with the same sides, where other states honour the
    outlet's state where it is ("Russian business delegation visits Liberation Tower": they are on a visit
    there); not the outlet's state's own homage, which it pays at home. A visit that became a commemoration
    because it marked an anniversary ("Diplomatic envoys visited the exhibition house on the founding
    anniversary") is still their visit. In wire copy, for triggers with `also_kind_abroad`: one state honouring
    one other state ("A Chinese delegation attended North Korea's celebrations"), where the story has
    not told that visit already (its days are the trip's, told where it arrived)."""
    home = r.story.home
    if not home:  # wire copy: one state honouring one other, a visit no sentence before told
        second = trigger.also_kind_abroad
        if second is not None and not found.targets:
            return _visit_where_held(r, found, second)  # talks held in a place of one of the two
        if second is None or len(found.targets) != 1 or set(found.targets) & set(found.actors):
            return None
        return (
            None
            if _told_already(r, found, second)
            else dataclasses.replace(found, kind=second, anniversary=None, extra_evidence=[])
        )
    second = trigger.also_kind
    if (
        second is None
        and found.kind != trigger.kind
        and r.res.kinds.kinds[trigger.kind].with_anniversary == found.kind
    ):
        second = trigger.kind
    if second is None or found.targets != [home] or home in found.actors:
        return None
    return dataclasses.replace(found, kind=second, anniversary=None, extra_evidence=[])


def _told_already(r: Reading, found: Candidate, kind: str) -> bool:
    """Has the story told an event of this kind with these sides before?"""
    return any(
        e.kind == kind and e.actors == found.actors and e.targets == found.targets
        for e in r.discourse.produced
    )


def _visit_where_held(r: Reading, found: Candidate, kind: str) -> Candidate | None:
    """Wire copy: a meeting of two states held in a place of one of them ("Rice held talks with her South
    Korean counterpart in Seoul") is the other's visit there, unless the story tells that visit (see
    merged_events)."""
    place = r.res.gazetteer.lookup(found.location) if found.location else None
    if place is None or not place.code or place.code not in found.actors or len(found.actors) != 2:
        return None
    guest = [a for a in found.actors if a != place.code]
    return dataclasses.replace(
        found, kind=kind, actors=guest, targets=[place.code], extra_evidence=[], implied=True
    )
